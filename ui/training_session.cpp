#include "training_session.h"
#include "core_text.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <chattrain/error.h>
#include <chattrain/run.h>

namespace chattrain::ui {

// What the run reports, kept for the UI's next poll (core's RunRecorder stores the metrics).
class TrainingSession::Observer : public TrainingObserver {
 public:
  explicit Observer(TrainingSession& session) : session_(session) {}

  void on_progress(const TrainProgress& p) override {
    std::lock_guard<std::mutex> lock(session_.mutex_);
    session_.pending_.progress = p;
  }
  void on_metrics(const std::vector<MetricPoint>& points) override {
    std::lock_guard<std::mutex> lock(session_.mutex_);
    auto& m = session_.pending_.metrics;
    m.insert(m.end(), points.begin(), points.end());
  }
  void on_sample(std::int64_t step, const std::string& text) override {
    std::lock_guard<std::mutex> lock(session_.mutex_);
    session_.pending_.samples.emplace_back(step, QString::fromStdString(text));
  }
  void on_message(const Message& text) override {
    std::lock_guard<std::mutex> lock(session_.mutex_);
    session_.pending_.messages.push_back(core_text(text));
  }

 private:
  TrainingSession& session_;
};

TrainingSession::TrainingSession(QObject* parent) : QObject(parent) {}

TrainingSession::~TrainingSession() {
  stop();
  if (thread_) thread_->wait();
}

bool TrainingSession::running() const { return thread_ && thread_->isRunning(); }

void TrainingSession::start(Work work, const QString& run_id, const QString& database_path) {
  if (running()) return;
  if (thread_) thread_->deleteLater();
  stop_ = std::make_shared<StopToken>();  // the last run's stop request must not end this one
  run_id_ = run_id;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = Update{};
  }
  thread_ = QThread::create([this, stop = stop_, work = std::move(work), run_id, database_path] {
    RunStatus status = RunStatus::Failed;
    QString message, checkpoint;
    try {
      Database db(database_path.toStdString());  // this thread's own connection (SQLite WAL: the UI reads meanwhile)
      Observer for_the_ui(*this);
      const TrainOutcome outcome =
          record_run(db, run_id.toStdString(), &for_the_ui, [&](TrainingObserver& recorder) { return work(recorder, *stop); });
      status = run_status(outcome.status);
      message = core_text(outcome.message);
      checkpoint = QString::fromStdString(outcome.checkpoint);
    } catch (const std::exception& e) {  // record_run marked the run Failed, unless the database itself failed
      message = error_text(e);
      try {
        Database(database_path.toStdString()).set_run_status(run_id.toStdString(), RunStatus::Failed);
      } catch (...) {
      }
    }
    QMetaObject::invokeMethod(this, [this, status, message, checkpoint] { Q_EMIT finished(status, message, checkpoint); },
                              Qt::QueuedConnection);
  });
  thread_->start();
}

void TrainingSession::set_paused(bool paused) { stop_->set_paused(paused); }
void TrainingSession::stop() { stop_->request_stop(); }

TrainOutcome train_job(DataParallelJob job, int processes, TrainingObserver& observer, const StopToken& stop) {
  if (processes <= 1) return run_job(job, observer, stop);
  // "cuda:1" would put every process on one GPU: each takes its own (LOCAL_RANK) instead.
  std::visit([](auto& j) {
    if (j.config.device.rfind("cuda:", 0) == 0) j.config.device = "cuda";
  }, job);
  const QByteArray named = qgetenv("CHATTRAIN_CLI");
  const QString program = named.isEmpty() ? QCoreApplication::applicationDirPath() + QStringLiteral("/chattrain") : QString::fromLocal8Bit(named);
  if (!QFileInfo(program).isExecutable())
    throw std::runtime_error(TrainingSession::tr("Training in several processes needs the chattrain program, which is not at %1.")
                                 .arg(program)
                                 .toStdString());
  return train_in_processes(program.toStdString(), job, processes, observer, stop);
}

TrainingSession::Update TrainingSession::take_update() {
  std::lock_guard<std::mutex> lock(mutex_);
  Update out = std::move(pending_);
  pending_ = Update{};
  return out;
}

}  // namespace chattrain::ui
