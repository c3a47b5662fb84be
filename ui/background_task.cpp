#include "background_task.h"
#include "core_text.h"

namespace chattrain::ui {

BackgroundTask::~BackgroundTask() {
  cancel();
  if (thread_) thread_->wait();
}

void BackgroundTask::start(const QString& what, Work work) {
  if (running()) return;
  if (thread_) {
    thread_->wait();  // its work has ended (finished() came): only the thread's own end may be left
    thread_->deleteLater();
  }
  busy_ = true;
  what_ = what;
  cancelled_ = false;
  done_ = 0;
  total_ = 0;
  clock_.start();
  thread_ = QThread::create([this, work = std::move(work)] {
    bool ok = true;
    QString message;
    try {
      message = work(*this);
    } catch (const Cancelled&) {
      ok = false;
      message = tr("Cancelled; nothing was changed.");
    } catch (const std::exception& e) {
      ok = false;
      message = error_text(e);
    }
    // Not running from here on for the UI thread: a handler of finished() may start the next work.
    QMetaObject::invokeMethod(this, [this, ok, message] {
      busy_ = false;
      Q_EMIT finished(ok, message);
    }, Qt::QueuedConnection);
  });
  thread_->start();
}

void BackgroundTask::report(std::uint64_t done, std::uint64_t total) {
  done_ = done;
  total_ = total;
  check_cancelled();
}

double BackgroundTask::eta_seconds() const {
  const std::uint64_t done = done_, total = total_;
  if (done == 0 || total == 0) return -1;
  const double elapsed = double(clock_.elapsed()) / 1000.0;
  return elapsed * double(total - done) / double(done);
}

}  // namespace chattrain::ui
