#pragma once
namespace chattrain {
// Sets up the process for CPU training and generation: the heap (below) and the thread pools
// (use_cpu_threads with all cores). Call it first thing in main(): a thread that allocated before it
// keeps its own heap. Idempotent; training and generation call it on the thread they run on, so every
// entry point (CLI, studio, tests, benches) runs the same way without variables a user must export.
//
// The heap: glibc is made to keep large freed blocks for reuse and to give every thread the main
// heap. Training frees and re-allocates the same big tensors every step; by default each block over
// 32 MiB is a fresh mmap that page-faults in, zeroed, every time, and a non-main thread's 64 MiB heap
// forces that for the logits whatever the threshold. Measured (demo preset, 2 cores): CLI 2.3k → 8.4k
// tokens/s; in the studio's worker thread 2.7k → 8.1k tokens/s.
void prepare_cpu_runtime();

// Gives `threads` cores (0: all) to the CPU's arithmetic, in one thread pool at a time. LibTorch runs
// its operators on OpenMP threads, and its matrix products on the BLAS; when that BLAS is OpenBLAS
// with its own pthreads (Debian's libopenblas0-pthread), both pools would take every core, and
// OpenMP's idle threads spin while OpenBLAS works: Debian 13's LibTorch 2.6 trained 9× slower on two
// cores (ARCHITECTURE.md, trap 8). There the matrix products, which hold nearly all of the arithmetic,
// get the cores and LibTorch's own operators one thread: Debian 12's LibTorch 1.13 already started so.
// Elsewhere (another BLAS, or OpenBLAS on OpenMP, which shares the pool) LibTorch gets them all.
void use_cpu_threads(int threads);
// The threads the arithmetic runs on now, for "CPU (N threads)".
int cpu_threads();
}  // namespace chattrain
