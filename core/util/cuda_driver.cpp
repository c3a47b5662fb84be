#include "util/cuda_driver.h"

#include <dlfcn.h>

namespace chattrain::cuda_driver {
namespace {

// The driver's entry points, looked up once; all null when libcuda is absent or fails to start.
struct Driver {
  using Get = int (*)(int*, int);
  using Name = int (*)(char*, int, int);
  using TotalMemory = int (*)(size_t*, int);
  using MemoryInfo = int (*)(size_t*, size_t*);
  using Retain = int (*)(void**, int);
  using Release = int (*)(int);
  using Push = int (*)(void*);
  using Pop = int (*)(void**);
  Get get = nullptr;
  Name name = nullptr;
  TotalMemory total_memory = nullptr;
  MemoryInfo memory_info = nullptr;
  Retain retain = nullptr;
  Release release = nullptr;
  Push push = nullptr;
  Pop pop = nullptr;

  Driver() {
    void* cuda = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);  // kept open: LibTorch's CUDA uses it too
    if (!cuda) return;
    using Init = int (*)(unsigned);
    auto init = reinterpret_cast<Init>(dlsym(cuda, "cuInit"));
    if (!init || init(0) != 0) return;
    get = reinterpret_cast<Get>(dlsym(cuda, "cuDeviceGet"));
    name = reinterpret_cast<Name>(dlsym(cuda, "cuDeviceGetName"));
    total_memory = reinterpret_cast<TotalMemory>(dlsym(cuda, "cuDeviceTotalMem_v2"));
    memory_info = reinterpret_cast<MemoryInfo>(dlsym(cuda, "cuMemGetInfo_v2"));
    retain = reinterpret_cast<Retain>(dlsym(cuda, "cuDevicePrimaryCtxRetain"));
    release = reinterpret_cast<Release>(dlsym(cuda, "cuDevicePrimaryCtxRelease_v2"));
    push = reinterpret_cast<Push>(dlsym(cuda, "cuCtxPushCurrent_v2"));
    pop = reinterpret_cast<Pop>(dlsym(cuda, "cuCtxPopCurrent_v2"));
  }
};

const Driver& driver() {
  static const Driver d;
  return d;
}

}  // namespace

std::optional<std::string> device_name(int device) {
  const Driver& d = driver();
  int handle = 0;
  char text[256] = {};
  if (!d.get || !d.name || d.get(&handle, device) != 0 || d.name(text, sizeof text, handle) != 0) return std::nullopt;
  return std::string(text);
}

std::optional<std::int64_t> total_memory(int device) {
  const Driver& d = driver();
  int handle = 0;
  size_t bytes = 0;
  if (!d.get || !d.total_memory || d.get(&handle, device) != 0 || d.total_memory(&bytes, handle) != 0) return std::nullopt;
  return std::int64_t(bytes);
}

std::optional<MemoryInfo> memory_info(int device) {
  const Driver& d = driver();
  int handle = 0;
  void* context = nullptr;
  if (!d.memory_info || !d.get || !d.retain || !d.release || !d.push || !d.pop || d.get(&handle, device) != 0 ||
      d.retain(&context, handle) != 0)
    return std::nullopt;
  size_t free = 0, total = 0;
  bool ok = false;
  if (d.push(context) == 0) {
    ok = d.memory_info(&free, &total) == 0;
    void* popped = nullptr;
    d.pop(&popped);
  }
  d.release(handle);
  if (!ok) return std::nullopt;
  return MemoryInfo{std::int64_t(free), std::int64_t(total)};
}

}  // namespace chattrain::cuda_driver
