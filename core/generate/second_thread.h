#pragma once
// A second thread for decoding's short, frequent pieces of work: a token's ~40 matrix products, its
// attention, its sampling, each a few microseconds. Between pieces it spins (waking a sleeping thread
// costs as much as a small piece) and it sleeps after a millisecond without work (between answers, or
// while the caller does something else). Made per decoder, not per process: a thread does not survive
// fork(), and a decoder does not outlive the call that made it.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace chattrain {

class SecondThread {
 public:
  // A second thread, or none when this process may use one core only (cpu_threads()).
  static std::shared_ptr<SecondThread> if_useful();
  SecondThread();
  ~SecondThread();
  SecondThread(const SecondThread&) = delete;
  SecondThread& operator=(const SecondThread&) = delete;

  // Runs `theirs` on the second thread and `ours` on the caller's, and returns when both have; an
  // exception from either is thrown here (the caller's first).
  void together(const std::function<void()>& theirs, const std::function<void()>& ours);

 private:
  void run();
  std::uint64_t post();

  const std::function<void()>* job_ = nullptr;
  std::exception_ptr failure_;
  std::atomic<std::uint64_t> posted_{0}, done_{0};
  std::atomic<bool> quit_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

// Calls work(begin, end) over [0, n) in two parts, the second on `second` where there is one and n is at
// least `from`; `round` aligns the split (the first part's length is a multiple of it).
void split_in_two(SecondThread* second, int n, int from, int round, const std::function<void(int, int)>& work);

}  // namespace chattrain
