#pragma once
// Pretrain: a preset plus advanced settings (parameter count and memory estimate follow them),
// Start / Pause / Resume / Stop, progress with ETA and tokens/s, live charts, samples, and the runs
// list whose past curves are read back from the project database and overlaid.
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
class TrainingSession;

class PretrainPage : public Page {
  Q_OBJECT
 public:
  PretrainPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Pretrain"); }
  void retranslate() override;

  PretrainConfig config() const;          // what the settings say
  void set_config(const PretrainConfig& config);
  void start();                           // a new run with the settings
  void resume_selected();                 // continue the run selected in the runs list
  void continue_from(const QString& checkpoint_dir);  // a new run from any checkpoint, exactly
  bool busy() const;  // preparing data or training
  void toggle_pause();
  void stop();

  TrainingSession& session() { return *session_; }
  MetricChart* loss_chart() const { return loss_; }
  QTableWidget* runs_table() const { return runs_; }
  QPlainTextEdit* samples() const { return samples_; }
  QLabel* status_label() const { return status_; }
  QPushButton* pause_button() const { return pause_; }

 private:
  void preset_chosen();
  void update_estimates();
  void poll();  // the UI timer: drains the session's buffer into the charts
  void session_finished(const QString& status, const QString& message, const QString& checkpoint);
  void refresh_runs();
  void overlay_run(const QString& run_id, bool shown);
  void start_new_run(const QString& from_checkpoint);  // empty: from scratch
  void clear_charts();
  void launch(PretrainJob job, const QString& run_id);
  // Makes sure the project has a dataset, a tokenizer and fresh shards (in the background: these
  // can take a while on big data), then calls `next` on the UI thread.
  void prepare_then(std::function<void()> next);
  void read_vocab_size();  // once per project or tokenizer change, not on every keystroke
  void save_charts();
  void update_buttons();

  Studio& studio_;
  TrainingSession* session_;
  BackgroundTask* preparation_;
  std::function<void()> after_preparation_;
  // Shard folders the last preparation made (written by its thread, read once it has finished).
  std::shared_ptr<std::vector<std::string>> prepared_shards_ = std::make_shared<std::vector<std::string>>();
  int vocab_size_ = 0;                        // the project's tokenizer's; 0 when it has none
  bool loading_ = false;  // set_config in progress: no estimate updates
  QLabel *estimate_, *status_, *smoothing_label_;
  QComboBox *preset_, *device_;
  QSpinBox *layers_, *width_, *heads_, *context_, *batch_, *accum_, *steps_, *warmup_, *eval_every_, *sample_every_, *checkpoint_every_;
  QDoubleSpinBox* learning_rate_;
  QPushButton *start_, *pause_, *stop_, *resume_, *branch_, *save_;
  QProgressBar* progress_;
  QSlider* smoothing_;
  QCheckBox* log_scale_;
  MetricChart *loss_, *lr_, *grad_, *speed_;
  QPlainTextEdit* samples_;
  QTableWidget* runs_;
  QTabWidget* tabs_;
  QGroupBox *model_box_, *training_box_;
  QFormLayout *model_form_, *training_form_;
  QList<QLabel*> model_labels_, training_labels_;
};

}  // namespace chattrain::ui
