#pragma once
// The few facts about a GPU that LibTorch's C++ API does not give: its name, and the memory free and
// total on it. Read from the CUDA driver (libcuda), opened at run time, so a CPU build links no CUDA
// and a machine without a driver simply answers "unknown".
#include <cstdint>
#include <optional>
#include <string>

namespace chattrain::cuda_driver {

struct MemoryInfo {
  std::int64_t free = 0, total = 0;  // bytes, the whole device (every process on it), as nvidia-smi shows
};

std::optional<std::string> device_name(int device);
std::optional<std::int64_t> total_memory(int device);
// Free and total memory of GPU `device`, read through its primary context (the one LibTorch uses),
// made current for the call on any thread and restored after.
std::optional<MemoryInfo> memory_info(int device);

}  // namespace chattrain::cuda_driver
