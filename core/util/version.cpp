#include "chattrain/version.h"

#include <torch/version.h>

#include <thread>

namespace chattrain {

std::string version() { return CHATTRAIN_VERSION; }
std::string libtorch_version() { return TORCH_VERSION; }
std::string sentencepiece_version() { return CHATTRAIN_SENTENCEPIECE_VERSION; }

std::string compute_device_summary() {
  if (torch::cuda::is_available())
    return "GPU: CUDA ×" + std::to_string(torch::cuda::device_count());
  return "CPU: " + std::to_string(at::get_num_threads()) + " training thread(s), " +
         std::to_string(std::thread::hardware_concurrency()) + " logical cores";
}

}  // namespace chattrain
