#pragma once
// RLHF: PPO and GRPO against a reward model (or the rule-based judge, for demos) and DPO on the ranked
// pairs, each in its tab with its settings and a training monitor: reward, KL, entropy, clipping, value
// loss (PPO) and answer length with the rollouts in the samples tab; implicit-reward accuracy, margin and
// the answers' log-probabilities for DPO. A run that goes wrong stops with what happened and what to change.
#include <chattrain/rlhf.h>

#include "page.h"

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSpinBox;
class QTabWidget;

namespace chattrain::ui {

class CheckpointBox;
class ContextFitLabel;
class OnlineRlTab;
class Studio;
class TrainingMonitor;

class RlhfPage : public Page {
  Q_OBJECT
 public:
  RlhfPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("RLHF"); }
  QString next_step() const override {
    return tr("Needs an SFT checkpoint, and a reward model (PPO, GRPO) or rankings (DPO). Gives a model tuned toward the answers people prefer. Next: compare in Chat and the Report.");
  }
  void retranslate() override;

  OnlineRlTab* ppo() const { return ppo_; }
  OnlineRlTab* grpo() const { return grpo_; }
  void start_dpo();
  void resume_dpo(const QString& run_id);
  bool busy() const;
  TrainingMonitor* dpo_monitor() const { return dpo_monitor_; }
  QSpinBox* dpo_steps() const { return dpo_steps_; }
  QComboBox* dpo_pair_choice() const { return pair_choice_; }
  QDoubleSpinBox* dpo_sft_weight() const { return sft_weight_; }
  ContextFitLabel* dpo_context_fit() const { return dpo_fit_; }
  QTabWidget* tabs() const { return tabs_; }

 protected:
  void showEvent(QShowEvent* event) override;  // prompt sets and rankings made on the Ranking page since

 private:
  void refresh_sets();
  void measure_dpo_fit();  // how the set's pairs fit the policy's context
  void launch_dpo(DpoJob job, const QString& run_id, bool resumed, const QString& prompt_set);
  Studio& studio_;
  QTabWidget* tabs_;
  OnlineRlTab *ppo_, *grpo_;
  TrainingMonitor* dpo_monitor_;
  QGroupBox* dpo_group_;
  CheckpointBox* dpo_policy_;
  QComboBox* dpo_set_;
  QSpinBox *dpo_steps_, *dpo_batch_;
  QDoubleSpinBox *dpo_lr_, *beta_, *sft_weight_;
  QComboBox* pair_choice_;
  QLabel* dpo_hint_;
  ContextFitLabel* dpo_fit_;
  QList<QLabel*> labels_;
};

}  // namespace chattrain::ui
