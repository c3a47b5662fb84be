#pragma once
// Versions and the compute device, for the About box and the status bar.
#include <string>

namespace chattrain {
std::string version();                 // ChatTrain's own
std::string libtorch_version();
std::string sentencepiece_version();   // the Debian package's, recorded at build time
std::string compute_device_summary();  // "GPU: CUDA ×1" or "CPU: 1 thread, 2 cores"
}  // namespace chattrain
