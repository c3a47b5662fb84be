#pragma once
// A folder for harnesses whose reader takes a path: in /dev/shm where there is one (no disk writes per input).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace chattrain::fuzz {

inline const std::string& temp_folder() {
  static const std::string folder = [] {
    const std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    const auto path = base / ("chattrain-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path.string();
  }();
  return folder;
}

inline std::string write_temp(const std::string& name, std::string_view bytes) {
  const std::string path = temp_folder() + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
  return path;
}

}  // namespace chattrain::fuzz
