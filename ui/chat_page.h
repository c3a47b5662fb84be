#pragma once
// Chat: talk with any checkpoint of any stage. Multi-turn with a system prompt; answers stream in
// token by token (KV cache) and Stop ends one mid-way; the sampling settings; tokens/s after each
// answer; side by side, one question goes to two checkpoints with the same seed. Every conversation
// is saved in the project and can be reopened or exported as JSONL.
#include "page.h"

#include <chattrain/chat.h>
#include <chattrain/generate.h>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace chattrain::ui {

class ChatSession;
class CheckpointBox;
class Studio;

// One side of the chat: its checkpoint, its transcript, and the conversation saved as one chat.
class ChatPane : public QWidget {
  Q_OBJECT
 public:
  ChatPane(Studio& studio, QWidget* parent = nullptr);
  void retranslate();
  void ask(const QString& question, const QString& system_prompt, const SamplingOptions& options);
  void stop();
  void start_over();
  void open(std::int64_t chat_id, const Conversation& conversation, const QString& checkpoint);
  // Goes on from `conversation` (a copy, saved as a chat of its own), with this pane's checkpoint.
  void continue_from(const Conversation& conversation);
  void poll();  // appends what streamed since the last call
  bool answering() const;

  CheckpointBox* checkpoint_box() const { return checkpoint_; }
  QTextBrowser* transcript() const { return transcript_; }
  QLabel* stats() const { return stats_; }
  const Conversation& conversation() const { return conversation_; }
  std::int64_t chat_id() const { return chat_id_; }

 Q_SIGNALS:
  void answered();  // an answer ended (and was saved)

 private:
  void render();
  void finished(const QString& answer, const QString& stop_reason, int tokens, double tokens_per_second, const QString& error);

  Studio& studio_;
  ChatSession* session_;
  CheckpointBox* checkpoint_;
  QTextBrowser* transcript_;
  QLabel* stats_;
  Conversation conversation_;
  QString streaming_;   // the answer so far, while it streams
  QString settings_json_;
  QString answering_with_;  // the checkpoint answering now
  bool answering_ = false;
  std::int64_t chat_id_ = 0;
};

class ChatPage : public Page {
  Q_OBJECT
 public:
  ChatPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Chat"); }
  QString next_step() const override {
    return tr("Talk to any checkpoint of the project, or to two side by side to hear what a stage changed. Next: the Report measures them on held-out prompts.");
  }
  void retranslate() override;

  SamplingOptions options() const;
  void set_options(const SamplingOptions& options);
  void set_side_by_side(bool on);
  void send(const QString& question);  // to one pane, or both side by side
  void stop();
  void start_over();
  bool answering() const;
  bool export_chats(const QString& path);

  ChatPane* pane(int i) const { return i == 0 ? left_ : right_; }
  QPlainTextEdit* input() const { return input_; }
  QPlainTextEdit* system_prompt() const { return system_; }
  QListWidget* saved_chats() const { return saved_; }
  QPushButton* stop_button() const { return stop_button_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;  // Enter sends, Shift+Enter is a new line

 private:
  void refresh_saved();
  void open_saved();
  void update_buttons();

  Studio& studio_;
  ChatPane *left_, *right_;
  QPlainTextEdit *system_, *input_;
  QDoubleSpinBox *temperature_, *top_p_, *penalty_;
  QSpinBox *top_k_, *max_tokens_, *seed_;
  QCheckBox* side_by_side_;
  QPushButton *send_button_, *stop_button_, *new_button_, *delete_button_, *export_button_;
  QListWidget* saved_;
  QGroupBox *sampling_box_, *saved_box_;
  QFormLayout* sampling_form_;
  QList<QLabel*> labels_;
  QLabel *system_label_, *hint_;
};

}  // namespace chattrain::ui
