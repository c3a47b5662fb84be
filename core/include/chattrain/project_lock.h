#pragma once
// One process at a time on a run, or on a prompt set's answers: two processes training one run mixed one's
// weights with the other's settings and overwrote each other's checkpoints and metrics; two generating
// answers for one set gave prompts six answers instead of four. The lock is the kernel's (flock on a file
// in the project): it goes with the process that held it, so a killed process never leaves a stale lock.
// The file names its holder, for the message the next process gets. Studio and CLI take the same locks.
#include <cstdint>
#include <string>

#include "chattrain/project.h"

namespace chattrain {

class ProjectLock {
 public:
  ProjectLock() = default;  // holds nothing
  ProjectLock(ProjectLock&& other) noexcept;
  ProjectLock& operator=(ProjectLock&& other) noexcept;
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;
  ~ProjectLock();  // lets go
  bool held() const { return fd_ >= 0; }

 private:
  friend ProjectLock take_lock(const std::string& file, const char* refusal, const std::string& what);
  int fd_ = -1;
};

// Run `run_id`'s lock: taken before it is opened (new or resumed) and held while it trains. Refuses with
// "run … is in use by process N (program, since …)" when another process holds it.
ProjectLock lock_run(Project& project, const std::string& run_id);
// Whether some process (this one included) holds run `run_id`'s lock, that is, trains it now. A run the
// catalogue says is running while nobody holds its lock was interrupted (its process was killed).
bool run_in_use(Project& project, const std::string& run_id);
// The lock on generating answers for prompt set `set_id`.
ProjectLock lock_prompt_set_answers(Project& project, std::int64_t set_id);

}  // namespace chattrain
