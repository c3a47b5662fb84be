#pragma once
// A run's life in the project's catalogue, in one place for every front end (the CLI, the studio, the
// demo pipeline): opened new or resumed (its metrics past the checkpoint dropped, as they are redone),
// its metrics recorded as they come, its status set from the outcome. When several processes train one
// run, this is what only one of them does.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chattrain/project.h"
#include "chattrain/train.h"

namespace chattrain {

// The status a project records for an outcome.
RunStatus run_status(TrainOutcome::Status status);

// Adds run `run_id` (empty: a fresh <stage>-<date>-<time>) to the catalogue as Running and returns its
// id. Refuses an id that is taken. `parent`: the checkpoint it starts from, if any.
std::string open_new_run(Project& project, Stage stage, std::string run_id, const std::string& config_json,
                         const std::string& parent);
// Opens run `run_id` to continue from its latest checkpoint: refuses a run that is not in the catalogue or
// has no checkpoint, drops its metrics past that checkpoint and marks it Running. Returns the checkpoint.
std::string open_resumed_run(Project& project, const std::string& run_id);
// The newest run (of `stage`, or of any) with a checkpoint, and that checkpoint; nullopt when there is none.
struct RunCheckpoint {
  std::string run_id, checkpoint;
};
std::optional<RunCheckpoint> newest_run_checkpoint(Project& project, std::optional<Stage> stage = std::nullopt);

// Records a run's metrics in the catalogue (one transaction per batch) and forwards everything to
// `forward` (a terminal, the studio's page, the pipeline's progress). Pending metrics are written before
// a checkpoint is written, so the catalogue holds every step up to the run's latest checkpoint.
class RunRecorder : public ForwardingObserver {
 public:
  RunRecorder(Database& db, std::string run_id, TrainingObserver* forward = nullptr);
  ~RunRecorder() override;  // writes what is pending

  void on_metrics(const std::vector<MetricPoint>& points) override;
  void before_checkpoint(std::int64_t step) override;  // writes what it holds
  void on_checkpoint(std::int64_t step, const std::string& dir) override;  // likewise, before passing it on

  void flush();
  RunStatus finish(const TrainOutcome& outcome);  // pending metrics, then the outcome's status
  void fail() noexcept;                           // what can still be written, then Failed

 private:
  Database& db_;
  std::string run_id_;
  std::vector<MetricPoint> pending_;
};

// Runs `work` with a RunRecorder of run `run_id`: its status is the outcome's when it returns, Failed
// when it throws (the exception goes on).
TrainOutcome record_run(Database& db, const std::string& run_id, TrainingObserver* forward,
                        const std::function<TrainOutcome(TrainingObserver&)>& work);

}  // namespace chattrain
