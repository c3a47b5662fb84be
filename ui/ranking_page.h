#pragma once
// Ranking: a prompt set, candidate answers generated from a checkpoint, and the ranking panel where
// an annotator orders a prompt's answers by mouse (drag and drop) or keyboard only (↑/↓ choose an
// answer, 1–9 give it a place, equal places are ties; Ctrl+Enter submits, Ctrl+Space skips, Ctrl+Z
// undoes the last submit). Every submit is committed at once; reopening continues with the first
// prompt the annotator has not ranked. Progress, agreement between annotators, import and export.
#include <chattrain/project.h>

#include <QMap>
#include <memory>

#include "page.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;
class QTextBrowser;

namespace chattrain::ui {

class BackgroundTask;
class CheckpointBox;
class Studio;

class RankingPage : public Page {
  Q_OBJECT
 public:
  RankingPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Ranking"); }
  void retranslate() override;

  QString annotator() const;
  void set_annotator(const QString& name);
  void select_set(const QString& name);
  void set_filter(const QString& key);  // unranked, skipped, flagged, mine, all, or by:<annotator>
  // Generates candidates for the set's unanswered prompts in the background.
  void generate(int answers_per_prompt, double temperature, int max_tokens);
  void add_demo_prompts();
  void rank_with_rule_judge();  // demos and tests only: ranks the set's answers against its reference answers
  void import_prompts(const QString& path);
  void import_preferences(const QString& path);
  bool export_rankings(const QString& path, bool as_pairs);

  bool submit();     // false (with a message) when not every answer has a place
  void skip();
  bool undo();       // false when there is nothing of this annotator's to undo
  void set_place(int answer_row, int place);  // answer_row: as listed now; place 0 clears; rows keep their order
  void sort_by_place();                       // rows by place, unplaced last; the cursor stays on its answer
  std::int64_t current_prompt() const;        // 0: none
  std::vector<int> places() const;            // per candidate, in generation order
  QListWidget* answers() const { return answers_; }
  QLabel* progress_label() const { return progress_; }
  QLabel* message_label() const { return message_; }
  QTextBrowser* prompt_view() const { return prompt_; }
  QLineEdit* comment_field() const { return comment_; }
  QProgressBar* generation_progress() const { return generation_progress_; }
  BackgroundTask& task() { return *task_; }

 private:
  void refresh_sets();
  void load_set();                    // the chosen set's prompts, candidates and rankings
  void apply_filter(std::int64_t keep_prompt = 0);
  void show_prompt(int index);        // index into visible_
  void show_answers();                // the rows, in order_
  void label_row(QListWidgetItem* item);  // "place.  answer"
  void reorder_from_list();           // after a drag: places follow the order shown
  void update_progress();
  void show_message(const QString& text, bool error = false);
  std::int64_t prompt_after_current() const;  // the next rankable prompt of the set (0: none)
  std::int64_t set_id() const;

  Studio& studio_;
  BackgroundTask* task_;
  QComboBox *set_box_, *filter_, *flag_, *import_format_;
  QLineEdit *annotator_, *comment_;
  CheckpointBox* checkpoint_;
  QSpinBox *answers_per_prompt_, *max_tokens_;
  QDoubleSpinBox* temperature_;
  QPushButton *demo_button_, *import_prompts_button_, *judge_button_, *generate_button_, *stop_button_, *submit_button_, *skip_button_,
      *undo_button_, *sort_button_, *previous_button_, *next_button_, *export_button_, *export_pairs_button_, *import_button_;
  QProgressBar* generation_progress_;
  QLabel *progress_, *message_, *agreement_, *keys_help_, *position_;
  QTextBrowser* prompt_;
  QListWidget* answers_;
  QGroupBox *prompts_group_, *candidates_group_, *exchange_group_, *panel_group_;
  QList<QLabel*> labels_;

  // The chosen set, as read from the database.
  std::vector<PromptRecord> prompts_;
  QMap<std::int64_t, std::vector<CandidateRecord>> candidates_;
  std::vector<RankingRecord> rankings_;
  std::vector<int> visible_;  // indexes into prompts_ that pass the filter
  int current_ = -1;          // index into visible_
  std::vector<int> places_;   // the panel's places for the current prompt's candidates (0: none yet)
  std::vector<int> order_;    // the candidates (indexes into the prompt's candidates) as the rows show them
};

}  // namespace chattrain::ui
