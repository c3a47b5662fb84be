#pragma once
// Ranking: where prompts and candidate answers come from (the demo prompts, imported prompts, answers
// generated from a checkpoint, the rule-based judge for demos), import and export of rankings, and the
// ranking panel (ranking_panel.h) where an annotator orders each prompt's answers.
#include <QList>

#include "page.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;

namespace chattrain::ui {

class BackgroundTask;
class CheckpointBox;
class RankingPanel;
class Studio;

class RankingPage : public Page {
  Q_OBJECT
 public:
  RankingPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Ranking"); }
  QString next_step() const override {
    return tr("Needs an SFT checkpoint and prompts. Gives your order of its answers to each prompt. Next: the Reward model learns from these rankings; DPO uses them directly.");
  }
  void retranslate() override;

  // Generates candidates for the chosen set's unanswered prompts in the background.
  void generate(int answers_per_prompt, double temperature, int max_tokens);
  void add_demo_prompts();
  void rank_with_rule_judge();  // demos and tests only: ranks the set's answers against its reference answers
  void import_prompts(const QString& path);
  void import_preferences(const QString& path);
  bool export_rankings(const QString& path, bool as_pairs);

  RankingPanel* panel() const { return panel_; }
  QProgressBar* generation_progress() const { return generation_progress_; }
  BackgroundTask& task() { return *task_; }

 private:
  Studio& studio_;
  BackgroundTask* task_;
  QComboBox* import_format_;
  CheckpointBox* checkpoint_;
  QSpinBox *answers_per_prompt_, *max_tokens_;
  QDoubleSpinBox* temperature_;
  QPushButton *demo_button_, *import_prompts_button_, *judge_button_, *generate_button_, *stop_button_, *export_button_,
      *export_pairs_button_, *import_button_;
  QProgressBar* generation_progress_;
  QGroupBox *prompts_group_, *candidates_group_, *exchange_group_;
  QList<QLabel*> labels_;
  QLabel* judge_hint_;
  RankingPanel* panel_;
};

}  // namespace chattrain::ui
