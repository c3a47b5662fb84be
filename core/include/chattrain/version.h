#pragma once
// Versions and the compute device, for the About box and the status bar.
#include <string>
#include <vector>

namespace chattrain {
std::string version();                 // ChatTrain's own
std::string libtorch_version();
std::string sentencepiece_version();   // the Debian package's, recorded at build time
struct GpuInfo {
  std::string name;         // from the CUDA driver; empty when unknown
  long long memory_bytes = 0;
};
struct ComputeDevices {
  std::vector<GpuInfo> gpus;  // the GPUs LibTorch can use, "cuda:0" first (none in a CPU build)
  int training_threads = 1; // LibTorch's intra-op threads on the CPU
  int logical_cores = 1;
};
ComputeDevices compute_devices();
}  // namespace chattrain
