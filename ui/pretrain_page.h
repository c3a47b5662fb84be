#pragma once
// Pretrain: a preset plus advanced settings (parameter count and memory estimate follow them), with
// the training monitor (controls, live charts, samples, runs) beside them.
#include "page.h"

#include <chattrain/train.h>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace chattrain::ui {

class BackgroundTask;
class MetricChart;
class Studio;
class TrainingMonitor;
class TrainingSettings;

class PretrainPage : public Page {
  Q_OBJECT
 public:
  PretrainPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Pretrain"); }
  QString next_step() const override {
    return tr("Needs a tokenizer and text. Gives a model that continues text in the style of its data. Next: fine-tune it on dialogues (SFT).");
  }
  void retranslate() override;

  TrainingConfig config() const;          // what the settings say
  void set_config(const TrainingConfig& config);
  void start();                           // a new run with the settings
  void resume_selected();                 // continue the run selected in the runs list
  void resume_run(const QString& run_id);
  void continue_from(const QString& checkpoint_dir);  // a new run from any checkpoint, exactly
  bool busy() const;  // preparing data or training
  TrainingMonitor* monitor() const { return monitor_; }
  TrainingSettings* training_settings() const { return training_box_; }
  QLabel* estimate_label() const { return estimate_; }
  QListWidget* datasets_list() const { return datasets_; }  // the text datasets, checked: the run reads them

 private:
  void preset_chosen();
  void update_estimates();
  void start_new_run(const QString& from_checkpoint);  // empty: from scratch
  void launch(PretrainJob job, const QString& run_id, bool resumed);
  // Makes sure the project has a dataset, a tokenizer and fresh shards (in the background: these
  // can take a while on big data), then calls `next` on the UI thread.
  void prepare_then(std::function<void()> next, const std::vector<std::string>& datasets = {});  // datasets: see prepare_shards
  void read_vocab_size();  // once per project or tokenizer change, not on every keystroke
  void list_datasets();    // keeps the user's checks; a new dataset comes checked

  Studio& studio_;
  TrainingMonitor* monitor_;
  BackgroundTask* preparation_;
  std::function<void()> after_preparation_;
  // Shard folders the last preparation made (written by its thread, read once it has finished).
  std::shared_ptr<std::vector<std::string>> prepared_shards_ = std::make_shared<std::vector<std::string>>();
  int vocab_size_ = 0;                        // the project's tokenizer's; 0 when it has none
  bool loading_ = false;  // set_config in progress: no estimate updates
  QLabel* estimate_;
  QComboBox* preset_;
  QSpinBox *layers_, *width_, *heads_, *context_;
  QGroupBox *data_box_, *model_box_;
  QListWidget* datasets_;
  QLabel* datasets_help_;
  TrainingSettings* training_box_;
  QFormLayout* model_form_;
  QList<QLabel*> model_labels_;
};

}  // namespace chattrain::ui
