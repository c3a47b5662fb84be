#include "chattrain/runtime.h"

#include <ATen/Config.h>
#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <malloc.h>

#include <atomic>
#include <thread>

namespace chattrain {
namespace {

// OpenBLAS's own controls, found in whatever libblas.so.3 the process loaded; absent for another BLAS.
struct OpenBlas {
  using SetThreads = void (*)(int);
  using GetParallel = int (*)();  // 0: single-threaded build, 1: its own pthreads, 2: OpenMP
  SetThreads set_threads = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  GetParallel parallel = reinterpret_cast<GetParallel>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
  bool has_own_pthreads() const { return set_threads && parallel && parallel() == 1; }
};

std::atomic<int> threads_in_use{0};

}  // namespace

void use_cpu_threads(int threads) {
  if (threads <= 0) threads = int(std::max(1u, std::thread::hardware_concurrency()));
  static const OpenBlas blas;
#if AT_PARALLEL_OPENMP
  if (blas.has_own_pthreads()) {
    at::set_num_threads(1);
    blas.set_threads(threads);
    threads_in_use = threads;
    return;
  }
#endif
  at::set_num_threads(threads);
  threads_in_use = threads;
}

int cpu_threads() { return threads_in_use > 0 ? threads_in_use.load() : at::get_num_threads(); }

void prepare_cpu_runtime() {
  static const bool done = [] {
    mallopt(M_ARENA_MAX, 1);             // one heap for every thread: big blocks are reused wherever freed
    mallopt(M_MMAP_THRESHOLD, 1 << 30);  // blocks up to 1 GiB come from that heap, not fresh mmaps
    mallopt(M_TRIM_THRESHOLD, 1 << 30);  // keep up to 1 GiB of free heap instead of returning it
    use_cpu_threads(0);
    return true;
  }();
  (void)done;
  // OpenMP keeps the thread count per thread: a thread started later (the studio's worker) would
  // otherwise run with OpenMP's default of every core, and oversubscribe again.
  at::init_num_threads();
}

}  // namespace chattrain
