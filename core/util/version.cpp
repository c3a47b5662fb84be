#include "chattrain/version.h"

#include <torch/version.h>

#include <thread>

namespace chattrain {

std::string version() { return CHATTRAIN_VERSION; }
std::string libtorch_version() { return TORCH_VERSION; }
std::string sentencepiece_version() { return CHATTRAIN_SENTENCEPIECE_VERSION; }

ComputeDevices compute_devices() {
  ComputeDevices d;
  d.cuda_devices = torch::cuda::is_available() ? int(torch::cuda::device_count()) : 0;
  d.training_threads = at::get_num_threads();
  d.logical_cores = int(std::max(1u, std::thread::hardware_concurrency()));
  return d;
}

}  // namespace chattrain
