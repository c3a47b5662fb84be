#pragma once
// Tokenizer: settings with one-line explanations, training with progress, a live view that colours
// the pieces of any text with their ids, and for each dataset how the tokenizer splits it (characters per
// token, share of raw byte tokens) with the choice of datasets it learns from.
#include "page.h"

#include <memory>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;
class QGroupBox;

namespace chattrain {
class Tokenizer;
struct DatasetTokenization;
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
  QString next_step() const override {
    return tr("Needs text datasets (and, when you choose, dialogues). Gives the pieces every model of this project reads and writes. Next: Pretrain.");
  }
  void retranslate() override;

  void set_text(const QString& text);      // what the live view shows
  int shown_pieces() const { return shown_pieces_; }
  QTextBrowser* pieces_view() const { return pieces_; }
  QLabel* current_label() const { return current_; }
  QLabel* status_label() const { return status_; }
  QTableWidget* datasets_table() const { return datasets_; }
  BackgroundTask& task() { return *task_; }
  BackgroundTask& measure_task() { return *measure_; }
  void train();

 private:
  void load_tokenizer();
  void list_datasets();  // rows and check boxes, then the measure in the background
  void measure();
  void show_measures(const std::vector<DatasetTokenization>& measures);
  void update_current();
  void update_view();
  void update_progress();

  Studio& studio_;
  BackgroundTask *task_, *measure_;
  std::unique_ptr<Tokenizer> tokenizer_;
  int measure_generation_ = 0;  // a measure finishing after the project or tokenizer changed is not shown
  bool measure_again_ = false;
  int shown_pieces_ = 0;
  QLabel *vocab_label_, *vocab_help_, *type_label_, *type_help_, *coverage_label_, *coverage_help_;
  QLabel *current_, *stats_, *status_, *datasets_help_;
  QTableWidget* datasets_;
  QSpinBox* vocab_;
  QComboBox* type_;
  QDoubleSpinBox* coverage_;
  QPushButton *train_, *cancel_;
  QProgressBar* progress_;
  QPlainTextEdit* input_;
  QTextBrowser* pieces_;
  QGroupBox *settings_box_, *datasets_box_, *view_box_;
};

}  // namespace chattrain::ui
