#pragma once
// What every trainer's loop shares besides the optimizer (the stage trainer's and PPO's): its clocks and
// how it waits while paused.
#include <chrono>
#include <thread>

#include "chattrain/train.h"

namespace chattrain {

// Seconds since the Unix epoch: what metrics are stamped with.
inline double wall_clock() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Seconds of a run's own stopwatch (training time, speed, ETA).
inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Holds the loop between two steps while the run is paused; then says whether a stop was asked for (the
// loop then saves a checkpoint and ends).
inline bool stop_requested_after_pause(const StopToken& stop) {
  while (stop.paused() && !stop.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return stop.stop_requested();
}

}  // namespace chattrain
