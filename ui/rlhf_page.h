#pragma once
// RLHF: PPO against a reward model (or the rule-based judge, for demos) and DPO on the ranked pairs,
// each with its settings and a training monitor: reward, KL, entropy, clipping, value loss and answer
// length for PPO with its rollouts in the samples tab; implicit-reward accuracy, margin and the answers'
// log-probabilities for DPO. A run that goes wrong stops with what happened and what to change.
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
class Studio;
class TrainingMonitor;

class RlhfPage : public Page {
  Q_OBJECT
 public:
  RlhfPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("RLHF"); }
  void retranslate() override;

  PpoConfig ppo_config() const;
  void set_ppo_config(const PpoConfig& config);
  void start_ppo();
  void resume_ppo(const QString& run_id);
  void start_dpo();
  void resume_dpo(const QString& run_id);
  bool busy() const;
  TrainingMonitor* ppo_monitor() const { return ppo_monitor_; }
  TrainingMonitor* dpo_monitor() const { return dpo_monitor_; }
  CheckpointBox* policy_box() const { return policy_; }
  CheckpointBox* reward_box() const { return reward_; }
  QComboBox* prompt_set_box() const { return prompt_set_; }
  QComboBox* reward_source() const { return reward_source_; }
  QSpinBox* dpo_steps() const { return dpo_steps_; }
  QTabWidget* tabs() const { return tabs_; }

 protected:
  void showEvent(QShowEvent* event) override;  // prompt sets and rankings made on the Ranking page since

 private:
  void refresh_sets();
  void launch_ppo(PpoJob job, const QString& run_id, bool resumed, const QString& prompt_set, bool judge);
  void launch_dpo(DpoJob job, const QString& run_id, bool resumed, const QString& prompt_set);
  Studio& studio_;
  QTabWidget* tabs_;
  TrainingMonitor *ppo_monitor_, *dpo_monitor_;
  QGroupBox *ppo_group_, *dpo_group_;
  CheckpointBox *policy_, *reward_, *dpo_policy_;
  QComboBox *prompt_set_, *reward_source_, *dpo_set_;
  QSpinBox *iterations_, *prompts_per_batch_, *max_tokens_, *dpo_steps_, *dpo_batch_;
  QDoubleSpinBox *ppo_lr_, *kl_coef_, *dpo_lr_, *beta_;
  QLabel *ppo_hint_, *dpo_hint_;
  QList<QLabel*> labels_;
};

}  // namespace chattrain::ui
