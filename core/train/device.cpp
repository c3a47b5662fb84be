#include "train/device.h"
#include "train/distributed.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <new>

#include "chattrain/error.h"
#include "chattrain/runtime.h"
#include "util/cuda_driver.h"
#include "util/translatable.h"

namespace chattrain {

torch::Device resolve_device(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  const bool any_gpu = name == "cuda" || name == "auto";
  if (any_gpu || name.rfind("cuda:", 0) == 0) {
    const int gpus = torch::cuda::is_available() ? int(torch::cuda::device_count()) : 0;
    if (name == "auto" && gpus == 0) return torch::kCPU;
    if (gpus == 0) throw Error(Message(QT_TRANSLATE_NOOP("Core", "no CUDA GPU is available to this build of LibTorch: use --device cpu")));
    // "cuda"/"auto": each process of a data-parallel run takes its own GPU (LOCAL_RANK), as torchrun expects.
    int index = process_world().local_rank % gpus;
    if (!any_gpu) {
      const std::string number = name.substr(5);
      if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos || number.size() > 4 ||
          std::stoi(number) >= gpus)
        throw Error(Message(QT_TRANSLATE_NOOP("Core", "device '%1' is not here: this machine has CUDA GPUs 0 to %2"),
                            {name, std::to_string(gpus - 1)}));
      index = std::stoi(number);
    }
    return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "device '%1' is unknown: use auto, cpu, cuda or cuda:N"), {name}));
}

std::string describe_device(const torch::Device& device) {
  if (!device.is_cuda()) return "CPU (" + std::to_string(cpu_threads()) + " threads)";
  const int index = device.has_index() ? device.index() : 0;
  const auto name = cuda_driver::device_name(index);
  return "CUDA GPU " + std::to_string(index) + (name ? " (" + *name + ")" : "");
}

torch::Dtype compute_dtype(const std::string& precision, const torch::Device& device) {
  if (precision == "bf16" || (precision == "auto" && device.is_cuda())) return torch::kBFloat16;
  if (precision == "fp32" || precision == "auto") return torch::kFloat32;
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "precision '%1' is unknown: use auto, fp32 or bf16"), {precision}));
}

torch::Tensor to_device(const torch::Tensor& batch, const torch::Device& device) {
  if (!device.is_cuda()) return batch.to(device);
  return batch.pin_memory().to(device, /*non_blocking=*/true);
}

namespace {

std::int64_t read_number(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text.find_first_not_of("0123456789") != std::string::npos) return -1;  // "max": no limit
  return std::stoll(text);
}

// A field of /proc/meminfo or /proc/self/status, in bytes ("MemAvailable:  123 kB").
std::int64_t proc_field(const char* path, const std::string& field) {
  std::ifstream in(path);
  std::string key;
  std::int64_t value = 0;
  std::string unit;
  while (in >> key) {
    if (key == field + ":") {
      in >> value >> unit;
      return unit == "kB" ? value * 1024 : value;
    }
    std::getline(in, unit);
  }
  return -1;
}

}  // namespace

std::int64_t memory_in_use(const torch::Device& device) {
  if (device.is_cuda()) {
    const auto info = cuda_driver::memory_info(device.has_index() ? device.index() : 0);
    return info ? info->total - info->free : 0;
  }
  return std::max<std::int64_t>(0, proc_field("/proc/self/status", "VmRSS"));
}

std::int64_t memory_available(const torch::Device& device) {
  if (device.is_cuda()) {
    const auto info = cuda_driver::memory_info(device.has_index() ? device.index() : 0);
    return info ? info->free : 0;
  }
  std::int64_t available = proc_field("/proc/meminfo", "MemAvailable");
  auto at_most = [&](std::int64_t limit) {
    if (limit >= 0) available = available < 0 ? limit : std::min(available, limit);
  };
  rlimit address_space{};
  if (getrlimit(RLIMIT_AS, &address_space) == 0 && address_space.rlim_cur != RLIM_INFINITY)
    at_most(std::max<std::int64_t>(0, std::int64_t(address_space.rlim_cur) - proc_field("/proc/self/status", "VmSize")));
  const std::int64_t cgroup_limit = read_number("/sys/fs/cgroup/memory.max");
  const std::int64_t cgroup_used = read_number("/sys/fs/cgroup/memory.current");
  if (cgroup_limit >= 0 && cgroup_used >= 0) at_most(std::max<std::int64_t>(0, cgroup_limit - cgroup_used));
  return std::max<std::int64_t>(0, available);
}

double matmul_peak_flops(const torch::Device& device, torch::Dtype dtype) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, int>, double> measured;
  std::lock_guard<std::mutex> lock(mutex);
  const auto key = std::make_pair(device.str(), int(dtype));
  if (const auto found = measured.find(key); found != measured.end()) return found->second;

  torch::NoGradGuard no_grad;
  // Large enough to reach the device's speed, small enough to take well under a second: 2048² on a
  // CPU (17 GFLOP; 1024² in bf16, which many CPUs emulate), 8192² on a GPU (1.1 TFLOP).
  const std::int64_t n = device.is_cuda() ? 8192 : dtype == torch::kFloat32 ? 2048 : 1024;
  const auto options = torch::TensorOptions().dtype(dtype).device(device);
  torch::Tensor a, b;
  try {
    a = torch::randn({n, n}, options);
    b = torch::randn({n, n}, options);
  } catch (const std::exception&) {
    return measured[key] = 0;
  }
  auto finish = [](const torch::Tensor& t) { return t.select(0, 0).select(0, 0).item<float>(); };  // waits for the device
  double best = 0;
  try {
    finish(torch::mm(a, b));  // warm-up: kernels chosen, memory allocated
    for (int round = 0; round < 3; ++round) {
      const auto start = std::chrono::steady_clock::now();
      finish(torch::mm(a, b));
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      best = std::max(best, 2.0 * double(n) * double(n) * double(n) / std::max(seconds, 1e-9));
    }
  } catch (const std::exception&) {
    best = 0;  // a nearly full GPU: no MFU shown, and the run goes on
  }
  measured[key] = best;
  return best;
}

bool is_out_of_memory(const std::exception& e) {
  if (dynamic_cast<const std::bad_alloc*>(&e) || dynamic_cast<const c10::OutOfMemoryError*>(&e)) return true;
  if (!dynamic_cast<const c10::Error*>(&e)) return false;
  // LibTorch 1.13's CPU allocator throws a plain c10::Error.
  const std::string what = e.what();
  return what.find("not enough memory") != std::string::npos || what.find("can't allocate memory") != std::string::npos ||
         what.find("out of memory") != std::string::npos;
}

}  // namespace chattrain
