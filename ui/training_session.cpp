#include "training_session.h"
#include "core_text.h"

#include <chattrain/error.h>

namespace chattrain::ui {

class TrainingSession::Observer : public TrainingObserver {
 public:
  Observer(TrainingSession& session, const QString& database_path, std::string run_id)
      : session_(session), db_(database_path.toStdString()), run_id_(std::move(run_id)) {}
  ~Observer() override { flush(); }

  void on_progress(const TrainProgress& p) override {
    std::lock_guard<std::mutex> lock(session_.mutex_);
    session_.pending_.progress = p;
  }
  void on_metrics(const std::vector<MetricPoint>& points) override {
    {
      std::lock_guard<std::mutex> lock(session_.mutex_);
      auto& m = session_.pending_.metrics;
      m.insert(m.end(), points.begin(), points.end());
    }
    unsaved_.insert(unsaved_.end(), points.begin(), points.end());
    if (unsaved_.size() >= 200) flush();
  }
  void on_sample(std::int64_t step, const std::string& text) override {
    std::lock_guard<std::mutex> lock(session_.mutex_);
    session_.pending_.samples.emplace_back(step, QString::fromStdString(text));
  }
  void on_checkpoint(std::int64_t, const std::string&) override { flush(); }
  void on_message(const Message& text) override {
    std::lock_guard<std::mutex> lock(session_.mutex_);
    session_.pending_.messages.push_back(core_text(text));
  }
  void flush() {
    db_.add_metrics(run_id_, unsaved_);  // this thread's own connection (SQLite WAL: the UI reads meanwhile)
    unsaved_.clear();
  }
  Database& db() { return db_; }

 private:
  TrainingSession& session_;
  Database db_;
  std::string run_id_;
  std::vector<MetricPoint> unsaved_;
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
    QString status, message, checkpoint;
    try {
      Observer observer(*this, database_path, run_id.toStdString());
      const TrainOutcome outcome = work(observer, *stop);
      status = QString::fromLatin1(run_status(outcome.status));
      message = core_text(outcome.message);
      checkpoint = QString::fromStdString(outcome.checkpoint);
      observer.flush();
      observer.db().set_run_status(run_id.toStdString(), status.toStdString());
    } catch (const std::exception& e) {
      status = QStringLiteral("failed");
      message = error_text(e);
      try {
        Database(database_path.toStdString()).set_run_status(run_id.toStdString(), "failed");
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

TrainingSession::Update TrainingSession::take_update() {
  std::lock_guard<std::mutex> lock(mutex_);
  Update out = std::move(pending_);
  pending_ = Update{};
  return out;
}

}  // namespace chattrain::ui
