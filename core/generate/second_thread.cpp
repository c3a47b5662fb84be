#include "generate/second_thread.h"

#include <algorithm>
#include <chrono>

#include "chattrain/runtime.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CHATTRAIN_X86 1
#endif

namespace chattrain {
namespace {
void pause() {
#ifdef CHATTRAIN_X86
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}
}  // namespace

std::shared_ptr<SecondThread> SecondThread::if_useful() {
  return cpu_threads() > 1 ? std::make_shared<SecondThread>() : nullptr;
}

SecondThread::SecondThread() : thread_([this] { run(); }) {}

SecondThread::~SecondThread() {
  quit_ = true;
  post();
  thread_.join();
}

std::uint64_t SecondThread::post() {
  const std::uint64_t ticket = posted_.fetch_add(1, std::memory_order_acq_rel) + 1;
  std::lock_guard<std::mutex> lock(mutex_);  // a thread about to sleep either sees the ticket or gets the wake-up
  wake_.notify_one();
  return ticket;
}

void SecondThread::together(const std::function<void()>& theirs, const std::function<void()>& ours) {
  job_ = &theirs;
  failure_ = nullptr;
  const std::uint64_t ticket = post();
  std::exception_ptr mine;
  try {
    ours();
  } catch (...) {
    mine = std::current_exception();
  }
  // Spin (the other half is microseconds away), yielding after a while in case the machine has more
  // threads than cores and the second thread was preempted.
  for (int spins = 0; done_.load(std::memory_order_acquire) != ticket; ++spins)
    if (spins < 4096) pause();
    else std::this_thread::yield();
  if (mine) std::rethrow_exception(mine);
  if (failure_) std::rethrow_exception(failure_);
}

void SecondThread::run() {
  std::uint64_t seen = 0;
  for (;;) {
    auto idle_since = std::chrono::steady_clock::now();
    for (int spins = 1; posted_.load(std::memory_order_acquire) == seen; ++spins) {
      pause();
      if (spins % 1024 == 0 && std::chrono::steady_clock::now() - idle_since > std::chrono::milliseconds(1)) {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return posted_.load(std::memory_order_acquire) != seen; });
        idle_since = std::chrono::steady_clock::now();
      }
    }
    seen = posted_.load(std::memory_order_acquire);
    if (quit_) return;
    try {
      (*job_)();
    } catch (...) {
      failure_ = std::current_exception();
    }
    done_.store(seen, std::memory_order_release);
  }
}

void split_in_two(SecondThread* second, int n, int from, int round, const std::function<void(int, int)>& work) {
  if (!second || n < from || n < 2) return work(0, n);
  const int split = std::min(n, (n / 2 + round - 1) / round * round);
  second->together([&] { work(split, n); }, [&] { work(0, split); });
}

}  // namespace chattrain
