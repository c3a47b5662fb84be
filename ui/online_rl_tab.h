#pragma once
// One online RL method on the RLHF page, PPO or GRPO: its settings (the SFT checkpoint to start from, the
// reward model or the rule-based judge, the prompt set, iterations, answers per prompt, learning rate, β)
// beside its training monitor, and the start and resume of its runs. Both methods sample answers and
// score them, so they share these settings; each keeps its own defaults (default_grpo_config for GRPO).
#include <chattrain/project.h>
#include <chattrain/rlhf.h>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QSpinBox;

namespace chattrain::ui {

class CheckpointBox;
class ContextFitLabel;
class Studio;
class TrainingMonitor;

// Fills box with the project's prompt sets, keeping the one chosen (at first, the demo's ranked set).
void show_prompt_sets(QComboBox* box, Project* project);

class OnlineRlTab : public QWidget {
  Q_OBJECT
 public:
  OnlineRlTab(Studio& studio, Stage stage, QWidget* parent = nullptr);  // stage: Ppo or Grpo
  void retranslate();
  void refresh_sets();  // the project's prompt sets, keeping the chosen one
  ContextFitLabel* context_fit_label() const { return context_fit_; }

  PpoConfig config() const;
  void set_config(const PpoConfig& config);
  void start();
  void resume(const QString& run_id);

  Stage stage() const { return stage_; }
  TrainingMonitor* monitor() const { return monitor_; }
  CheckpointBox* policy_box() const { return policy_; }
  CheckpointBox* reward_box() const { return reward_; }
  QComboBox* prompt_set_box() const { return prompt_set_; }
  QComboBox* reward_source() const { return reward_source_; }

 private:
  void measure_fit();  // how the prompts fit the policy's context with room for the answer
  bool judged() const;
  void launch(PpoJob job, const QString& run_id, bool resumed);
  Studio& studio_;
  const Stage stage_;
  TrainingMonitor* monitor_;
  QGroupBox* group_;
  CheckpointBox *policy_, *reward_;
  QComboBox *prompt_set_, *reward_source_;
  QSpinBox *iterations_, *prompts_per_batch_, *answers_per_prompt_, *max_tokens_;
  QDoubleSpinBox *learning_rate_, *kl_coef_;
  QLabel* hint_;
  ContextFitLabel* context_fit_;
  QList<QLabel*> labels_;
};

}  // namespace chattrain::ui
