#include "chat_session.h"
#include "core_text.h"

namespace chattrain::ui {

ChatSession::ChatSession(QObject* parent) : QObject(parent) {}

ChatSession::~ChatSession() {
  stop();
  if (thread_) thread_->wait();
}

QString ChatSession::take_text() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  QString text = std::move(state_->pending);
  state_->pending.clear();
  return text;
}

void ChatSession::ask(const QString& checkpoint, const QString& tokenizer_model, const Conversation& conversation,
                      const SamplingOptions& options) {
  if (running()) return;
  if (thread_) thread_->deleteLater();
  state_->stop = false;
  take_text();
  thread_ = QThread::create([this, state = state_, checkpoint, tokenizer_model, conversation, options] {
    QString answer, reason, error;
    int tokens = 0;
    double speed = 0;
    try {
      if (!state->generator || state->loaded != checkpoint) {
        state->generator.reset();  // one model in memory at a time
        state->generator = std::make_unique<TextGenerator>(
            TextGenerator::load(checkpoint.toStdString(), tokenizer_model.toStdString()));
        state->loaded = checkpoint;
      }
      const auto result = state->generator->chat(conversation, options, [&state](const std::string& piece) {
        std::lock_guard<std::mutex> lock(state->mutex);
        state->pending += QString::fromStdString(piece);
        return !state->stop;
      });
      answer = QString::fromStdString(result.text);
      reason = QString::fromStdString(result.stop_reason);
      tokens = int(result.tokens.size());
      speed = result.tokens_per_second;
    } catch (const std::exception& e) {
      error = error_text(e);
      state->generator.reset();
      state->loaded.clear();
    }
    QMetaObject::invokeMethod(this, [this, answer, reason, tokens, speed, error] {
      Q_EMIT finished(answer, reason, tokens, speed, error);
    }, Qt::QueuedConnection);
  });
  thread_->start();
}

}  // namespace chattrain::ui
