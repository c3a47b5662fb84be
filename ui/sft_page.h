#pragma once
// Fine-tune (SFT): the checkpoint to start from, the dialogue data (the built-in demo set or an
// imported file, previewed through the ChatML template with the trained part highlighted), a
// validation set, the training settings, and the training monitor (controls, charts, samples, runs
// with their lineage).
#include "page.h"

#include <chattrain/chat.h>
#include <chattrain/train.h>

#include <memory>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTextEdit;

namespace chattrain::ui {

class BackgroundTask;
class ContextFitLabel;
class CheckpointBox;
class Studio;
class TrainingMonitor;
class TrainingSettings;

class SftPage : public Page {
  Q_OBJECT
 public:
  SftPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Fine-tune (SFT)"); }
  QString next_step() const override {
    return tr("Needs a pretrained checkpoint and a dialogue dataset. Gives a model that answers in turns. Next: chat with it, or rank its answers (Ranking).");
  }
  void retranslate() override;

  TrainingConfig config() const;
  void set_config(const TrainingConfig& config);
  void import_file(const QString& path);  // in the background; the new dataset is then chosen
  void start();
  void resume_run(const QString& run_id);
  void continue_from(const QString& checkpoint_dir);
  bool busy() const;

  TrainingMonitor* monitor() const { return monitor_; }
  CheckpointBox* parent_box() const { return parent_; }
  ContextFitLabel* context_fit_label() const { return context_fit_; }
  QComboBox* too_long_box() const { return too_long_; }
  QComboBox* dataset_box() const { return dataset_; }
  QTextEdit* preview() const { return preview_; }
  QListWidget* rejected_list() const { return rejected_; }
  BackgroundTask& import_task() { return *import_; }

 private:
  void refresh_datasets();
  void show_preview();
  void measure_context_fit();  // in the background: how the chosen set fits the checkpoint's context
  // A new run (from the chosen parent, or exactly from an SFT checkpoint), or a resumed one.
  void launch(SftJob job, const QString& run_id, bool resumed, const QString& train_set, const QString& validation_set);

  Studio& studio_;
  TrainingMonitor* monitor_;
  BackgroundTask* import_;
  std::shared_ptr<DialogueImportResult> importing_;
  QString imported_name_;
  CheckpointBox* parent_;
  QComboBox *dataset_, *validation_, *format_;
  QLineEdit* sample_question_;
  QPushButton* import_button_;
  QTextEdit* preview_;
  QListWidget* rejected_;
  QLabel *data_hint_, *preview_hint_;
  ContextFitLabel* context_fit_;
  QComboBox* too_long_;  // what a conversation too long becomes
  QLabel* too_long_label_;
  QGroupBox *parent_group_, *data_group_;
  QFormLayout *parent_form_, *data_form_;
  QList<QLabel*> labels_;
  TrainingSettings* training_;
};

}  // namespace chattrain::ui
