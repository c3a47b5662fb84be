#pragma once
// Runs a training job (any stage) on its own QThread (ARCHITECTURE.md, threads): the trainer's observer writes
// metrics, samples and progress into a mutex-guarded buffer and the project database; the UI drains
// the buffer on a timer. One signal per run (finished), none per step.
#include <QObject>
#include <QString>
#include <QThread>

#include <chattrain/train.h>
#include <chattrain/training_processes.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace chattrain::ui {

class TrainingSession : public QObject {
  Q_OBJECT
 public:
  struct Update {
    std::vector<MetricPoint> metrics;
    std::vector<std::pair<std::int64_t, QString>> samples;
    std::vector<QString> messages;
    std::optional<TrainProgress> progress;
  };

  explicit TrainingSession(QObject* parent = nullptr);
  ~TrainingSession() override;  // stops a running job and waits for it

  // The job, run on the session's thread: run_pretraining or run_sft with its job bound.
  using Work = std::function<TrainOutcome(TrainingObserver& observer, const StopToken& stop)>;
  // Starts `work` (for run `run_id` of the project whose database is `database_path`).
  void start(Work work, const QString& run_id, const QString& database_path);
  void set_paused(bool paused);
  void stop();
  bool running() const;
  bool paused() const { return stop_->paused(); }
  const QString& run_id() const { return run_id_; }

  Update take_update();  // everything reported since the last call

 Q_SIGNALS:
  void finished(chattrain::RunStatus status, const QString& message, const QString& checkpoint);

 private:
  class Observer;
  QThread* thread_ = nullptr;
  std::shared_ptr<StopToken> stop_ = std::make_shared<StopToken>();  // a fresh one per run
  QString run_id_;
  std::mutex mutex_;
  Update pending_;
};

// Trains `job` (on a session's thread): here, or with `processes` > 1 in that many processes of the chattrain
// program installed next to the studio ($CHATTRAIN_CLI names another), each on its own GPU when the device is
// a GPU. A stop request reaches them all; pausing works in one process only.
TrainOutcome train_job(DataParallelJob job, int processes, TrainingObserver& observer, const StopToken& stop);

}  // namespace chattrain::ui
