#include "chat_page.h"
#include "core_text.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <chattrain/workflow.h>

#include "chat_session.h"
#include "checkpoint_box.h"
#include "format.h"
#include "settings_column.h"
#include "studio.h"

namespace chattrain::ui {
namespace {
QString html_text(const std::string& text) {
  return QString::fromStdString(text).toHtmlEscaped().replace("\n", "<br>");
}
}  // namespace

// ---- ChatPane ----

ChatPane::ChatPane(Studio& studio, QWidget* parent) : QWidget(parent), studio_(studio), session_(new ChatSession(this)) {
  checkpoint_ = new CheckpointBox(studio_, this);
  checkpoint_->set_stages({}, {"reward"}, {});  // a reward model scores answers; it does not write them
  transcript_ = new QTextBrowser(this);
  transcript_->setOpenLinks(false);
  stats_ = new QLabel(this);
  stats_->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(checkpoint_);
  layout->addWidget(transcript_, 1);
  layout->addWidget(stats_);
  connect(session_, &ChatSession::finished, this, &ChatPane::finished);
  // Another checkpoint answers from here on; the conversation so far stays.
  connect(checkpoint_, &QComboBox::currentIndexChanged, this, [this] { chat_id_ = 0; });
}

void ChatPane::retranslate() { render(); }

bool ChatPane::answering() const { return answering_; }

void ChatPane::ask(const QString& question, const QString& system_prompt, const SamplingOptions& options) {
  Project* project = studio_.project();
  if (!project || answering()) return;
  answering_with_ = checkpoint_->checkpoint();
  if (answering_with_.isEmpty()) {
    stats_->setText(tr("No checkpoint to answer: pretrain (and fine-tune) a model first."));
    return;
  }
  // The system prompt as it is now leads the conversation.
  if (!conversation_.messages.empty() && conversation_.messages.front().role == "system")
    conversation_.messages.erase(conversation_.messages.begin());
  if (!system_prompt.trimmed().isEmpty())
    conversation_.messages.insert(conversation_.messages.begin(), {"system", system_prompt.trimmed().toStdString()});
  conversation_.messages.push_back({"user", question.toStdString()});
  streaming_.clear();
  settings_json_ = QString::fromStdString(options.to_json());
  stats_->setText(tr("Answering…"));
  answering_ = true;
  render();
  session_->ask(answering_with_, QString::fromStdString(project->tokenizer_model()), conversation_, options);
}

void ChatPane::stop() { session_->stop(); }

void ChatPane::start_over() {
  if (answering()) return;
  conversation_ = Conversation{};
  streaming_.clear();
  chat_id_ = 0;
  stats_->clear();
  render();
}

void ChatPane::open(std::int64_t chat_id, const Conversation& conversation, const QString& checkpoint) {
  if (answering()) return;
  checkpoint_->select(checkpoint);
  conversation_ = conversation;
  chat_id_ = chat_id;
  streaming_.clear();
  stats_->clear();
  render();
}

void ChatPane::continue_from(const Conversation& conversation) {
  if (answering()) return;
  conversation_ = conversation;
  chat_id_ = 0;
  streaming_.clear();
  stats_->clear();
  render();
}

void ChatPane::poll() {
  if (!answering_) return;
  const QString piece = session_->take_text();
  if (piece.isEmpty()) return;
  streaming_ += piece;
  render();
}

void ChatPane::finished(const QString& answer, const QString& stop_reason, int tokens, double tokens_per_second,
                        const QString& error) {
  answering_ = false;  // the thread may not have quite ended yet: this pane's answer has
  streaming_.clear();
  if (!error.isEmpty()) {
    conversation_.messages.pop_back();  // the question goes back unanswered
    stats_->setText("<span style='color:#c0392b'>" + error.toHtmlEscaped() + "</span>");
    render();
    return;
  }
  conversation_.messages.push_back({"assistant", answer.toStdString()});
  const QMap<QString, QString> reasons{{"stop token", tr("the model ended its answer")}, {"max tokens", tr("stopped at the token limit")},
                                       {"context full", tr("the context is full")}, {"stopped", tr("stopped by you")}};
  stats_->setText(tr("%n token(s) · %1 tokens/s · %2", "", tokens)
                      .arg(tokens_per_second, 0, 'f', 1).arg(reasons.value(stop_reason, stop_reason)));
  render();
  if (Project* project = studio_.project()) {
    QString title;
    for (const auto& m : conversation_.messages)
      if (m.role == "user" && title.isEmpty()) title = QString::fromStdString(m.content).simplified().left(60);
    try {
      chat_id_ = project->db().save_chat({chat_id_, title.toStdString(), answering_with_.toStdString(), "", "",
                                          messages_to_json(conversation_), settings_json_.toStdString()});
    } catch (const std::exception& e) {
      stats_->setText(stats_->text() + "\n" + tr("Not saved: %1").arg(error_text(e)));
    }
  }
  Q_EMIT answered();
}

void ChatPane::render() {
  QString html;
  for (const auto& m : conversation_.messages) {
    if (m.role == "system")
      html += "<p style='color:#888'><i>" + tr("System: %1").arg(html_text(m.content)) + "</i></p>";
    else if (m.role == "user")
      html += "<p><b style='color:#1f77b4'>" + tr("You") + "</b><br>" + html_text(m.content) + "</p>";
    else
      html += "<p><b style='color:#2e8b57'>" + tr("Assistant") + "</b><br>" + html_text(m.content) + "</p>";
  }
  if (answering())
    html += "<p><b style='color:#2e8b57'>" + tr("Assistant") + "</b><br>" + html_text(streaming_.toStdString()) + " ▍</p>";
  transcript_->setHtml(html);
  transcript_->verticalScrollBar()->setValue(transcript_->verticalScrollBar()->maximum());
}

// ---- ChatPage ----

ChatPage::ChatPage(Studio& studio, QWidget* parent) : Page(parent), studio_(studio) {
  left_ = new ChatPane(studio_, this);
  right_ = new ChatPane(studio_, this);
  right_->hide();

  // Settings column.
  system_label_ = new QLabel(this);
  system_ = new QPlainTextEdit(this);
  system_->setMaximumHeight(80);
  sampling_box_ = new QGroupBox(this);
  sampling_form_ = new QFormLayout(sampling_box_);
  temperature_ = new QDoubleSpinBox(sampling_box_);
  temperature_->setRange(0, 2);
  temperature_->setSingleStep(0.1);
  top_k_ = new QSpinBox(sampling_box_);
  top_k_->setRange(0, 100000);
  top_p_ = new QDoubleSpinBox(sampling_box_);
  top_p_->setRange(0.01, 1);
  top_p_->setSingleStep(0.05);
  penalty_ = new QDoubleSpinBox(sampling_box_);
  penalty_->setRange(1, 3);
  penalty_->setSingleStep(0.05);
  max_tokens_ = new QSpinBox(sampling_box_);
  max_tokens_->setRange(1, 8192);
  seed_ = new QSpinBox(sampling_box_);
  seed_->setRange(0, 1'000'000'000);
  for (QWidget* w : {static_cast<QWidget*>(temperature_), static_cast<QWidget*>(top_k_), static_cast<QWidget*>(top_p_),
                     static_cast<QWidget*>(penalty_), static_cast<QWidget*>(max_tokens_), static_cast<QWidget*>(seed_)}) {
    labels_ << new QLabel(sampling_box_);
    sampling_form_->addRow(labels_.back(), w);
  }
  side_by_side_ = new QCheckBox(this);
  saved_box_ = new QGroupBox(this);
  saved_ = new QListWidget(saved_box_);
  new_button_ = new QPushButton(saved_box_);
  delete_button_ = new QPushButton(saved_box_);
  export_button_ = new QPushButton(saved_box_);
  auto* saved_buttons = new QHBoxLayout;
  saved_buttons->addWidget(new_button_);
  saved_buttons->addWidget(delete_button_);
  saved_buttons->addWidget(export_button_);
  auto* saved_layout = new QVBoxLayout(saved_box_);
  saved_layout->addWidget(saved_, 1);
  saved_layout->addLayout(saved_buttons);

  auto* settings = new QWidget(this);
  auto* settings_layout = new QVBoxLayout(settings);
  settings_layout->addWidget(system_label_);
  settings_layout->addWidget(system_);
  settings_layout->addWidget(sampling_box_);
  settings_layout->addWidget(side_by_side_);
  settings_layout->addWidget(saved_box_, 1);
  auto* scroll = new SettingsColumn(settings, 320);

  // Conversation column.
  auto* panes = new QSplitter(Qt::Horizontal, this);
  panes->addWidget(left_);
  panes->addWidget(right_);
  input_ = new QPlainTextEdit(this);
  input_->setMaximumHeight(90);
  input_->installEventFilter(this);
  send_button_ = new QPushButton(this);
  stop_button_ = new QPushButton(this);
  hint_ = new QLabel(this);
  mark_as_help(hint_);
  auto* buttons = new QVBoxLayout;
  buttons->addWidget(send_button_);
  buttons->addWidget(stop_button_);
  buttons->addStretch();
  auto* input_row = new QHBoxLayout;
  input_row->addWidget(input_, 1);
  input_row->addLayout(buttons);
  auto* conversation = new QWidget(this);
  auto* conversation_layout = new QVBoxLayout(conversation);
  conversation_layout->setContentsMargins(0, 0, 0, 0);
  conversation_layout->addWidget(panes, 1);
  conversation_layout->addLayout(input_row);
  conversation_layout->addWidget(hint_);

  auto* body = new QSplitter(Qt::Horizontal, this);
  body->setChildrenCollapsible(false);
  body->addWidget(scroll);
  body->addWidget(conversation);
  body->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(body, 1);

  connect(send_button_, &QPushButton::clicked, this, [this] {
    send(input_->toPlainText());
  });
  connect(stop_button_, &QPushButton::clicked, this, &ChatPage::stop);
  connect(new_button_, &QPushButton::clicked, this, &ChatPage::start_over);
  connect(side_by_side_, &QCheckBox::toggled, this, &ChatPage::set_side_by_side);
  connect(delete_button_, &QPushButton::clicked, this, [this] {
    if (!studio_.project() || !saved_->currentItem()) return;
    const std::int64_t id = saved_->currentItem()->data(Qt::UserRole).toLongLong();
    studio_.project()->db().delete_chat(id);
    for (ChatPane* pane : {left_, right_})
      if (pane->chat_id() == id) pane->start_over();
    refresh_saved();
  });
  connect(export_button_, &QPushButton::clicked, this, [this] {
    if (!studio_.project()) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chats"), studio_.folder() + "/exports/chats.jsonl",
                                                      tr("JSON lines (*.jsonl)"));
    if (!path.isEmpty() && !export_chats(path)) QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1").arg(path));
  });
  connect(saved_, &QListWidget::itemActivated, this, &ChatPage::open_saved);
  for (ChatPane* pane : {left_, right_}) connect(pane, &ChatPane::answered, this, [this] {
    refresh_saved();
    update_buttons();
  });
  connect(&studio_, &Studio::project_changed, this, [this] {
    left_->start_over();
    right_->start_over();
    refresh_saved();
  });
  // The transcripts read the answer's buffer 30 times a second.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, [this] {
    left_->poll();
    right_->poll();
    update_buttons();
  });
  timer->start(33);

  SamplingOptions defaults;
  defaults.max_new_tokens = 200;
  set_options(defaults);
  retranslate();
  refresh_saved();
}

void ChatPage::retranslate() {
  set_header();
  system_label_->setText(tr("System prompt"));
  system_->setPlaceholderText(tr("Optional, e.g. You are a helpful assistant who knows Tang poetry."));
  sampling_box_->setTitle(tr("Sampling"));
  const QStringList labels{tr("Temperature"), tr("Top-k"), tr("Top-p"), tr("Repetition penalty"), tr("Max new tokens"), tr("Seed")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  temperature_->setToolTip(tr("0 always picks the likeliest token; higher is more varied"));
  top_k_->setToolTip(tr("Sample among the k likeliest tokens (0: all)"));
  top_p_->setToolTip(tr("Sample among the likeliest tokens that together reach this probability"));
  penalty_->setToolTip(tr("Above 1 discourages repeating tokens already in the conversation"));
  side_by_side_->setText(tr("Side by side: ask two checkpoints, same seed"));
  saved_box_->setTitle(tr("Saved chats"));
  new_button_->setText(tr("New chat"));
  delete_button_->setText(tr("Delete"));
  export_button_->setText(tr("Export JSONL…"));
  send_button_->setText(tr("Send"));
  stop_button_->setText(tr("Stop"));
  input_->setPlaceholderText(tr("Ask something, e.g. 《静夜思》的作者是谁？"));
  hint_->setText(tr("Enter sends, Shift+Enter starts a new line. A pretrained-only checkpoint continues text; "
                    "a fine-tuned one answers and stops."));
  left_->retranslate();
  right_->retranslate();
  update_buttons();
}

SamplingOptions ChatPage::options() const {
  SamplingOptions o;
  o.temperature = temperature_->value();
  o.top_k = top_k_->value();
  o.top_p = top_p_->value();
  o.repetition_penalty = penalty_->value();
  o.max_new_tokens = max_tokens_->value();
  o.seed = std::uint64_t(seed_->value());
  return o;
}

void ChatPage::set_options(const SamplingOptions& o) {
  temperature_->setValue(o.temperature);
  top_k_->setValue(o.top_k);
  top_p_->setValue(o.top_p);
  penalty_->setValue(o.repetition_penalty);
  max_tokens_->setValue(o.max_new_tokens);
  seed_->setValue(int(o.seed));
}

void ChatPage::set_side_by_side(bool on) {
  // The second pane starts from the conversation so far (issue 19: it kept a history of its own), so the
  // two differ only in the checkpoint from here on.
  if (on && right_->isHidden()) right_->continue_from(left_->conversation());
  side_by_side_->setChecked(on);
  right_->setVisible(on);
}

bool ChatPage::answering() const { return left_->answering() || right_->answering(); }

void ChatPage::send(const QString& question) {
  if (question.trimmed().isEmpty() || answering()) return;
  // Side by side, both get the same question, settings and seed: the difference is the checkpoint.
  left_->ask(question.trimmed(), system_->toPlainText(), options());
  if (right_->isVisible()) right_->ask(question.trimmed(), system_->toPlainText(), options());
  input_->clear();
  update_buttons();
}

void ChatPage::stop() {
  left_->stop();
  right_->stop();
}

void ChatPage::start_over() {
  left_->start_over();
  right_->start_over();
  saved_->clearSelection();
}

bool ChatPage::export_chats(const QString& path) {
  try {
    export_chats_jsonl(studio_.project()->db().chats(), path.toStdString());
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

bool ChatPage::eventFilter(QObject* watched, QEvent* event) {
  if (watched == input_ && event->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(event);
    if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
      send(input_->toPlainText());
      return true;
    }
  }
  return Page::eventFilter(watched, event);
}

void ChatPage::refresh_saved() {
  saved_->clear();
  Project* project = studio_.project();
  if (!project) return;
  for (const auto& chat : project->db().chats()) {
    auto* item = new QListWidgetItem(QString::fromStdString(chat.title), saved_);
    item->setData(Qt::UserRole, qlonglong(chat.id));
    item->setToolTip(QString::fromStdString(chat.checkpoint + "\n" + chat.updated_at));
  }
}

void ChatPage::open_saved() {
  Project* project = studio_.project();
  if (!project || !saved_->currentItem() || answering()) return;
  const std::int64_t id = saved_->currentItem()->data(Qt::UserRole).toLongLong();
  for (const auto& chat : project->db().chats()) {
    if (chat.id != id) continue;
    try {
      Conversation conversation = messages_from_json(chat.messages_json);
      system_->setPlainText(!conversation.messages.empty() && conversation.messages.front().role == "system"
                                ? QString::fromStdString(conversation.messages.front().content) : QString());
      set_options(SamplingOptions::from_json(chat.settings_json));
      set_side_by_side(false);
      left_->open(id, conversation, QString::fromStdString(chat.checkpoint));
    } catch (const std::exception& e) {
      QMessageBox::warning(this, tr("Cannot open the chat"), error_text(e));
    }
  }
}

void ChatPage::update_buttons() {
  const bool busy = answering();
  send_button_->setEnabled(!busy && studio_.project());
  stop_button_->setEnabled(busy);
  new_button_->setEnabled(!busy);
  delete_button_->setEnabled(!busy);
  side_by_side_->setEnabled(!busy);
}

}  // namespace chattrain::ui
