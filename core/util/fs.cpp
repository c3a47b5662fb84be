#include "util/fs.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "chattrain/error.h"
#include "util/translatable.h"

namespace chattrain::fs {

void throw_io_error(const char* action, const std::string& path, int error_number) {
  // action is a marked word: open, read, write, …
  if (error_number == ENOSPC || error_number == EFBIG || error_number == EDQUOT)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not %1 %2: %3 (the disk is full or the file is too large: free some space "
                                          "and try again; nothing already saved was changed)"),
                        {Message(action), path, std::string(std::strerror(error_number))}));
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not %1 %2: %3"), {Message(action), path, std::string(std::strerror(error_number))}));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_io_error(QT_TRANSLATE_NOOP("Core", "open"), path, errno);
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw_io_error(QT_TRANSLATE_NOOP("Core", "read"), path, errno);
  return out.str();
}

void fsync_path(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_io_error(QT_TRANSLATE_NOOP("Core", "open"), path, errno);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (rc != 0 && saved != EINVAL) throw_io_error(QT_TRANSLATE_NOOP("Core", "flush"), path, saved);
}

FileWriter::FileWriter(std::string path, bool atomic) : path_(std::move(path)), written_(atomic ? path_ + ".tmp" : path_) {
  fd_ = ::open(written_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw_io_error(QT_TRANSLATE_NOOP("Core", "create"), path_, errno);
}

FileWriter::~FileWriter() {
  if (fd_ < 0) return;  // finished
  ::close(fd_);
  std::remove(written_.c_str());
}

void FileWriter::write(std::string_view bytes) {
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_io_error(QT_TRANSLATE_NOOP("Core", "write"), path_, errno);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  size_ += bytes.size();
}

void FileWriter::finish() {
  if (::fsync(fd_) != 0) throw_io_error(QT_TRANSLATE_NOOP("Core", "flush"), path_, errno);
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) {
    std::remove(written_.c_str());
    throw_io_error(QT_TRANSLATE_NOOP("Core", "close"), path_, errno);
  }
  if (written_ == path_) return;
  if (std::rename(written_.c_str(), path_.c_str()) != 0) {
    const int saved = errno;
    std::remove(written_.c_str());
    throw_io_error(QT_TRANSLATE_NOOP("Core", "replace"), path_, saved);
  }
  const auto parent = std::filesystem::path(path_).parent_path();
  fsync_path(parent.empty() ? "." : parent.string());
}

void write_file_synced(const std::string& path, std::string_view bytes) {
  FileWriter file(path, /*atomic=*/false);
  file.write(bytes);
  file.finish();
}

void write_file_atomic(const std::string& path, std::string_view bytes) {
  FileWriter file(path, /*atomic=*/true);
  file.write(bytes);
  file.finish();
}

std::string executable_dir() {
  Dl_info info{};
  // The address of this function lies in whatever binary core was linked into.
  if (dladdr(reinterpret_cast<void*>(&executable_dir), &info) && info.dli_fname && info.dli_fname[0] == '/')
    return std::filesystem::path(info.dli_fname).parent_path().string();
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(".") : self.parent_path().string();
}

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

}  // namespace chattrain::fs
