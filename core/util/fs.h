#pragma once
// File helpers that never leave a half-written file where a good one was: write to a temporary
// name, fsync, rename, fsync the folder. Errors name the path and say what to do.
#include <string>
#include <string_view>
#include <cstdint>

namespace chattrain::fs {

std::string read_file(const std::string& path);  // throws Error naming the path
void write_file_atomic(const std::string& path, std::string_view bytes);
void write_file_synced(const std::string& path, std::string_view bytes);  // no rename, for files in a temp folder

// A file written piece by piece, so that a large one (a checkpoint, an export) is never whole in
// memory. Atomic: written to <path>.tmp and renamed over <path> by finish(). Not atomic: written in
// place, for files in a temporary folder. finish() syncs it to disk; a writer destroyed before
// finish() (an error on the way) removes what it wrote.
class FileWriter {
 public:
  FileWriter(std::string path, bool atomic);
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;
  void write(std::string_view bytes);
  void finish();
  std::uint64_t size() const { return size_; }

 private:
  std::string path_, written_;  // the destination and the file being written
  int fd_ = -1;
  std::uint64_t size_ = 0;
};
void fsync_path(const std::string& path);  // a file or a folder
// action: a word marked for translation, QT_TRANSLATE_NOOP("Core", "write").
[[noreturn]] void throw_io_error(const char* action, const std::string& path, int error_number);
std::string executable_dir();  // folder of the running program (or of the library holding core)

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);
std::string hex64(std::uint64_t value);

}  // namespace chattrain::fs
