#include "chattrain/version.h"

#include <torch/version.h>

#include "chattrain/runtime.h"
#include "util/cuda_driver.h"

#include <thread>

namespace chattrain {

std::string version() { return CHATTRAIN_VERSION; }
std::string libtorch_version() { return TORCH_VERSION; }
std::string sentencepiece_version() { return CHATTRAIN_SENTENCEPIECE_VERSION; }

ComputeDevices compute_devices() {
  ComputeDevices d;
  const int count = torch::cuda::is_available() ? int(torch::cuda::device_count()) : 0;
  for (int i = 0; i < count; ++i) d.gpus.push_back({cuda_driver::device_name(i).value_or(""), cuda_driver::total_memory(i).value_or(0)});
  d.training_threads = cpu_threads();
  d.logical_cores = int(std::max(1u, std::thread::hardware_concurrency()));
  return d;
}

}  // namespace chattrain
