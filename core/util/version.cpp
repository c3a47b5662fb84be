#include "chattrain/version.h"

#include <torch/version.h>

#include "chattrain/runtime.h"

#include <dlfcn.h>

#include <thread>

namespace chattrain {

std::string version() { return CHATTRAIN_VERSION; }
std::string libtorch_version() { return TORCH_VERSION; }
std::string sentencepiece_version() { return CHATTRAIN_SENTENCEPIECE_VERSION; }

namespace {
// Name and memory of GPU 0 from the CUDA driver (libcuda), opened at run time: LibTorch's C++ API
// has no call for them, and a CPU build must not link CUDA.
void describe_first_gpu(ComputeDevices& d) {
  void* cuda = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!cuda) return;
  using Init = int (*)(unsigned);
  using Get = int (*)(int*, int);
  using Name = int (*)(char*, int, int);
  using Memory = int (*)(size_t*, int);
  auto init = reinterpret_cast<Init>(dlsym(cuda, "cuInit"));
  auto get = reinterpret_cast<Get>(dlsym(cuda, "cuDeviceGet"));
  auto name = reinterpret_cast<Name>(dlsym(cuda, "cuDeviceGetName"));
  auto memory = reinterpret_cast<Memory>(dlsym(cuda, "cuDeviceTotalMem_v2"));
  int device = 0;
  char text[256] = {};
  size_t bytes = 0;
  if (init && get && name && memory && init(0) == 0 && get(&device, 0) == 0 && name(text, sizeof text, device) == 0 &&
      memory(&bytes, device) == 0) {
    d.gpu_name = text;
    d.gpu_memory_bytes = static_cast<long long>(bytes);
  }
  dlclose(cuda);
}
}  // namespace

ComputeDevices compute_devices() {
  ComputeDevices d;
  d.cuda_devices = torch::cuda::is_available() ? int(torch::cuda::device_count()) : 0;
  if (d.cuda_devices > 0) describe_first_gpu(d);
  d.training_threads = cpu_threads();
  d.logical_cores = int(std::max(1u, std::thread::hardware_concurrency()));
  return d;
}

}  // namespace chattrain
