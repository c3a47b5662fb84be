#pragma once
// Tokenizer: settings with one-line explanations, training with progress, a live view that colours
// the pieces of any text with their ids, and characters per token on held-out text.
#include "page.h"

#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QGroupBox;

namespace chattrain {
class Tokenizer;
}

namespace chattrain::ui {

class BackgroundTask;
class Studio;

class TokenizerPage : public Page {
  Q_OBJECT
 public:
  TokenizerPage(Studio& studio, QWidget* parent = nullptr);
  ~TokenizerPage() override;
  QString title() const override { return tr("Tokenizer"); }
  void retranslate() override;

  void set_text(const QString& text);      // what the live view shows
  int shown_pieces() const { return shown_pieces_; }
  QTextBrowser* pieces_view() const { return pieces_; }
  QLabel* current_label() const { return current_; }
  QLabel* status_label() const { return status_; }
  BackgroundTask& task() { return *task_; }
  void train();

 private:
  void load_tokenizer();
  void update_current();
  void update_view();
  void update_progress();

  Studio& studio_;
  BackgroundTask* task_;
  std::unique_ptr<Tokenizer> tokenizer_;
  double held_out_chars_per_token_ = 0;
  int shown_pieces_ = 0;
  QLabel *vocab_label_, *vocab_help_, *type_label_, *type_help_, *coverage_label_, *coverage_help_;
  QLabel *current_, *stats_, *status_;
  QSpinBox* vocab_;
  QComboBox* type_;
  QDoubleSpinBox* coverage_;
  QPushButton *train_, *cancel_;
  QProgressBar* progress_;
  QPlainTextEdit* input_;
  QTextBrowser* pieces_;
  QGroupBox *settings_box_, *view_box_;
};

}  // namespace chattrain::ui
