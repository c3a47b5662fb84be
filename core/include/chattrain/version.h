#pragma once
// Versions and the compute device, for the About box and the status bar.
#include <string>

namespace chattrain {
std::string version();                 // ChatTrain's own
std::string libtorch_version();
std::string sentencepiece_version();   // the Debian package's, recorded at build time
struct ComputeDevices {
  int cuda_devices = 0;     // GPUs LibTorch can use (0 in a CPU build)
  std::string gpu_name;     // the first GPU's, from the CUDA driver; empty when unknown
  long long gpu_memory_bytes = 0;
  int training_threads = 1; // LibTorch's intra-op threads on the CPU
  int logical_cores = 1;
};
ComputeDevices compute_devices();
}  // namespace chattrain
