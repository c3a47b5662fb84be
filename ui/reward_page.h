#pragma once
// Reward model: train on the rankings of chosen prompt sets, starting from an SFT checkpoint, with
// live loss, held-out pairwise accuracy and mean margin; then judge the model before any RLHF on the
// Diagnostics tab: reward against answer length, the highest and lowest scored answers, and how often
// it orders each annotator's pairs their way.
#include <chattrain/reward.h>

#include "page.h"

class QComboBox;
class QCustomPlot;
class QGroupBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace chattrain::ui {

class BackgroundTask;
class ContextFitLabel;
class CheckpointBox;
class Studio;
class TrainingMonitor;
class TrainingSettings;

class RewardPage : public Page {
  Q_OBJECT
 public:
  RewardPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Reward model"); }
  QString next_step() const override {
    return tr("Needs rankings (made on the Ranking page or imported). Gives a model that scores answers as your annotators would. Next: RLHF with PPO or GRPO.");
  }
  void retranslate() override;
  TrainingConfig config() const;
  void set_config(const TrainingConfig& config);
  QStringList chosen_sets() const;
  void start();
  void resume_run(const QString& run_id);
  void continue_from(const QString& checkpoint_dir);
  void diagnose();  // scores the chosen set's answers with the chosen reward checkpoint, in the background
  TrainingMonitor* monitor() const { return monitor_; }
  CheckpointBox* parent_box() const { return parent_; }
  CheckpointBox* reward_box() const { return reward_; }
  QListWidget* sets() const { return sets_; }
  QLabel* pairs_label() const { return pairs_; }
  ContextFitLabel* context_fit_label() const { return context_fit_; }
  QTableWidget* annotators_table() const { return annotators_; }
  QTableWidget* extremes_table() const { return extremes_; }
  QLabel* length_label() const { return length_; }
  QProgressBar* diagnosis_progress() const { return diagnosis_progress_; }
  BackgroundTask& diagnosis_task() { return *diagnosis_; }
  QTabWidget* tabs() const { return tabs_; }

 protected:
  void showEvent(QShowEvent* event) override;  // prompt sets and rankings made on the Ranking page since

 private:
  void refresh_sets();
  void count_pairs();
  void launch(RewardJob job, const QString& run_id, bool resumed);
  Studio& studio_;
  TrainingMonitor* monitor_;
  TrainingSettings* training_;
  CheckpointBox *parent_, *reward_;
  QListWidget* sets_;
  QSpinBox* held_out_;
  QLabel *pairs_, *sets_hint_, *length_, *diagnosis_hint_;
  ContextFitLabel* context_fit_;
  QGroupBox *parent_group_, *data_group_;
  QList<QLabel*> labels_;
  QTabWidget* tabs_;
  BackgroundTask* diagnosis_;
  QComboBox* diagnosis_set_;
  QPushButton* diagnose_button_;
  QProgressBar* diagnosis_progress_;
  QCustomPlot* scatter_;
  QTableWidget *extremes_, *annotators_;
};

}  // namespace chattrain::ui
