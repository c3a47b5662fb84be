#pragma once
// Training in several local processes for a front end that is not the command line (the studio): the job
// is written to a file, `chattrain train-job --job FILE --nproc-per-node N` trains it in N processes (each
// a rank of one c10d process group, chattrain/distributed.h), and rank 0 reports on its standard output as
// one JSON line per observer event, which the caller replays into its own observer. The caller keeps the
// catalogue (it opened the run and records what comes back); the processes only train into the run's folder.
//
// Why processes and not threads of the studio: a process group is joined once per process for its life,
// each rank needs its own GPU and its own share of the cores, and a rank that dies must not take the
// studio with it.
#include <cstdio>
#include <optional>
#include <string>
#include <variant>

#include "chattrain/reward.h"
#include "chattrain/rlhf.h"
#include "chattrain/train.h"

namespace chattrain {

// The stages the studio trains in several processes. PPO and GRPO train in processes from the command line
// only: their judge is a function, not data a job file can carry.
using DataParallelJob = std::variant<PretrainJob, SftJob, RewardJob, DpoJob>;

std::string job_to_json(const DataParallelJob& job);
// Throws InputError naming the file when it is not a job this version wrote.
DataParallelJob read_job_file(const std::string& path);
// Trains `job` in this process with its stage's trainer (run_pretraining, run_sft, run_reward, run_dpo).
TrainOutcome run_job(const DataParallelJob& job, TrainingObserver& observer, const StopToken& stop);

// Writes each event as one JSON line to `out` (flushed, so the reader sees it at once).
class EventWriter : public TrainingObserver {
 public:
  explicit EventWriter(std::FILE* out) : out_(out) {}
  void on_progress(const TrainProgress& p) override;
  void on_metrics(const std::vector<MetricPoint>& points) override;
  void on_sample(std::int64_t step, const std::string& text) override;
  void before_checkpoint(std::int64_t step) override;
  void on_checkpoint(std::int64_t step, const std::string& dir) override;
  void on_message(const Message& text) override;
  void outcome(const TrainOutcome& outcome);  // the last line of a run that ended
  void error(const Message& message);         // ...or of one that failed

 private:
  void write(const std::string& line);
  std::FILE* out_;
};

// One line of an EventWriter's output passed on to `observer` (whose own exceptions go on). Returns the
// outcome on the outcome line; an error line's message goes to `error`. Lines that are not events (a library
// printing to standard output, a line cut short) are returned in `other`.
std::optional<TrainOutcome> replay_event(const std::string& line, TrainingObserver& observer, std::optional<Message>* error = nullptr,
                                         std::string* other = nullptr);

// Trains `job` in `processes` local processes of the command-line program `program` (its path), reporting
// to `observer` as if it trained here. A stop request reaches every process (each stops at the same step,
// rank 0 saving a checkpoint); pausing is not offered: the others would wait on the paused one. Throws Error
// with what the processes said when they end without an outcome (a rank killed, a bad job).
TrainOutcome train_in_processes(const std::string& program, const DataParallelJob& job, int processes,
                                TrainingObserver& observer, const StopToken& stop);

}  // namespace chattrain
