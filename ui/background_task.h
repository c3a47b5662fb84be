#pragma once
// Work that takes seconds or minutes (importing, training a tokenizer) on its own thread, with
// progress the UI polls, an ETA, and cancellation between units of work.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <stdexcept>

#include <chattrain/error.h>

namespace chattrain::ui {

class BackgroundTask : public QObject {
  Q_OBJECT
 public:
  using Cancelled = chattrain::Cancelled;
  // Runs on the task's thread; returns a summary for the user, throws to fail.
  using Work = std::function<QString(BackgroundTask& task)>;

  explicit BackgroundTask(QObject* parent = nullptr) : QObject(parent) {}
  ~BackgroundTask() override;

  void start(const QString& what, Work work);
  void cancel() { cancelled_ = true; }
  void wait() const {
    if (thread_) thread_->wait();
  }
  // From start() until finished() is emitted (not until the thread's very end): finished()'s handlers
  // may start the next work.
  bool running() const { return busy_; }

  // Called by the work: records progress, and throws Cancelled once the user asked to stop.
  void report(std::uint64_t done, std::uint64_t total);
  void check_cancelled() const {
    if (cancelled_) throw Cancelled();
  }
  bool keep_going() const { return !cancelled_; }  // for engine loops that poll instead of throwing

  QString what() const { return what_; }
  std::uint64_t done() const { return done_; }
  std::uint64_t total() const { return total_; }
  double eta_seconds() const;  // negative while unknown

 Q_SIGNALS:
  void finished(bool ok, const QString& message);

 private:
  QThread* thread_ = nullptr;
  QString what_;
  QElapsedTimer clock_;
  std::atomic<bool> cancelled_{false};
  bool busy_ = false;  // read and written on the UI thread only
  std::atomic<std::uint64_t> done_{0}, total_{0};
};

}  // namespace chattrain::ui
