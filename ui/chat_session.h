#pragma once
// One answer at a time, generated on its own QThread: the checkpoint is loaded there (and kept for
// the next question while it stays the same), the text streams into a buffer the UI drains on a
// timer, and Stop ends the answer between two tokens.
#include <QObject>
#include <QString>
#include <QThread>

#include <chattrain/generate.h>

#include <atomic>
#include <memory>
#include <mutex>

namespace chattrain::ui {

class ChatSession : public QObject {
  Q_OBJECT
 public:
  explicit ChatSession(QObject* parent = nullptr);
  ~ChatSession() override;  // stops an answer in progress and waits for it

  void ask(const QString& checkpoint, const QString& tokenizer_model, const Conversation& conversation,
           const SamplingOptions& options);
  void stop() { state_->stop = true; }
  bool running() const { return thread_ && thread_->isRunning(); }
  QString take_text();  // what was streamed since the last call

 Q_SIGNALS:
  // stop_reason: "stop token", "max tokens", "context full", "stopped"; error non-empty on failure.
  void finished(const QString& answer, const QString& stop_reason, int tokens, double tokens_per_second, const QString& error);

 private:
  struct State {
    std::mutex mutex;
    QString pending;
    std::atomic<bool> stop{false};
    std::unique_ptr<TextGenerator> generator;  // used by one answer's thread at a time
    QString loaded;                            // its checkpoint
  };
  std::shared_ptr<State> state_ = std::make_shared<State>();
  QThread* thread_ = nullptr;
};

}  // namespace chattrain::ui
