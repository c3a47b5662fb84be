#include "chattrain/run.h"

#include "chattrain/error.h"
#include "util/translatable.h"

namespace chattrain {

namespace {
// One transaction per ~50 steps of a pretraining run (four points a step); few enough that the UI's
// reads of the same database (WAL) are never held up, many enough that a crash loses little.
constexpr size_t points_per_transaction = 200;
}  // namespace

RunStatus run_status(TrainOutcome::Status status) {
  switch (status) {
    case TrainOutcome::Status::Finished: return RunStatus::Finished;
    case TrainOutcome::Status::Stopped: return RunStatus::Stopped;
    case TrainOutcome::Status::Diverged: return RunStatus::Diverged;
    case TrainOutcome::Status::OutOfMemory: return RunStatus::OutOfMemory;
  }
  return RunStatus::Failed;
}

std::string open_new_run(Project& project, Stage stage, std::string run_id, const std::string& config_json,
                         const std::string& parent) {
  if (run_id.empty()) run_id = project.new_run_id(stage_name(stage));
  if (project.db().run(run_id))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "run %1 already exists: pick another name or resume it"), {run_id}));
  project.db().add_run({run_id, stage, RunStatus::Running, "", config_json, parent});
  return run_id;
}

std::string open_resumed_run(Project& project, const std::string& run_id) {
  if (!project.db().run(run_id)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "run %1 does not exist"), {run_id}));
  const auto latest = latest_checkpoint(project.run_dir(run_id));
  if (!latest) throw Error(Message(QT_TRANSLATE_NOOP("Core", "run %1 has no checkpoint to resume from"), {run_id}));
  project.db().truncate_metrics(run_id, read_checkpoint_info(*latest).step);  // what came after is redone
  project.db().set_run_status(run_id, RunStatus::Running);
  return *latest;
}

std::optional<RunCheckpoint> newest_run_checkpoint(Project& project, std::optional<Stage> stage) {
  const auto runs = project.db().runs();
  for (auto it = runs.rbegin(); it != runs.rend(); ++it)
    if (!stage || it->stage == *stage)
      if (auto latest = latest_checkpoint(project.run_dir(it->id))) return RunCheckpoint{it->id, *latest};
  return std::nullopt;
}

RunRecorder::RunRecorder(Database& db, std::string run_id, TrainingObserver* forward)
    : ForwardingObserver(forward), db_(db), run_id_(std::move(run_id)) {}

RunRecorder::~RunRecorder() {
  try {
    flush();
  } catch (...) {  // a destructor must not throw; finish() or fail() said what happened
  }
}

void RunRecorder::on_metrics(const std::vector<MetricPoint>& points) {
  pending_.insert(pending_.end(), points.begin(), points.end());
  if (pending_.size() >= points_per_transaction) flush();
  ForwardingObserver::on_metrics(points);
}

void RunRecorder::before_checkpoint(std::int64_t step) {
  flush();
  ForwardingObserver::before_checkpoint(step);
}

void RunRecorder::on_checkpoint(std::int64_t step, const std::string& dir) {
  flush();  // a checkpoint announced without before_checkpoint (events replayed from another process)
  ForwardingObserver::on_checkpoint(step, dir);
}

void RunRecorder::flush() {
  if (pending_.empty()) return;
  db_.add_metrics(run_id_, pending_);
  pending_.clear();
}

RunStatus RunRecorder::finish(const TrainOutcome& outcome) {
  flush();
  const RunStatus status = run_status(outcome.status);
  db_.set_run_status(run_id_, status);
  return status;
}

void RunRecorder::fail() noexcept {
  try {
    flush();
  } catch (...) {  // the database may be what failed: the status is still worth a try
  }
  try {
    db_.set_run_status(run_id_, RunStatus::Failed);
  } catch (...) {
  }
}

TrainOutcome record_run(Database& db, const std::string& run_id, TrainingObserver* forward,
                        const std::function<TrainOutcome(TrainingObserver&)>& work) {
  RunRecorder recorder(db, run_id, forward);
  TrainOutcome outcome;
  try {
    outcome = work(recorder);
    recorder.finish(outcome);
  } catch (...) {
    recorder.fail();  // the trainer, or the last write of metrics and status, failed: never left Running
    throw;
  }
  return outcome;
}

}  // namespace chattrain
