#pragma once
// The ranking panel, the right half of the Ranking page: a prompt set's prompts one at a time, and their
// answers to order by mouse (drag and drop) or keyboard only (↑/↓ choose an answer, 1–9 give it a place,
// equal places are ties, 0 clears; Ctrl+Enter submits, Ctrl+Space skips, Ctrl+Z undoes the last submit,
// Ctrl+S sorts by place). The keys act whenever the page is shown, wherever the focus is. Every submit is
// committed at once; reopening continues with the first prompt the annotator has not ranked.
#include <chattrain/project.h>

#include <QGroupBox>
#include <QMap>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QTextBrowser;

namespace chattrain::ui {

class Studio;

class RankingPanel : public QGroupBox {
  Q_OBJECT
 public:
  RankingPanel(Studio& studio, QWidget* parent = nullptr);
  void retranslate();

  QString annotator() const;
  void set_annotator(const QString& name);
  std::int64_t set_id() const;  // the chosen prompt set; 0: none
  void select_set(const QString& name);
  void set_filter(const QString& key);  // unranked, skipped, flagged, mine, all, or by:<annotator>
  void refresh_sets();  // the project's prompt sets (the chosen one stays chosen), then load_set()
  void load_set();      // the chosen set's prompts, candidates and rankings, read again
  void reset();         // another project: nothing of the last one's stays

  bool submit();     // false (with a message) when not every answer has a place
  void skip();
  bool undo();       // false when there is nothing of this annotator's to undo
  void set_place(int answer_row, int place);  // answer_row: as listed now; place 0 clears; rows keep their order
  void sort_by_place();                       // rows by place, unplaced last; the cursor stays on its answer
  std::int64_t current_prompt() const;        // 0: none
  std::vector<int> places() const;            // per candidate, in generation order
  void show_message(const QString& text, bool error = false);

  QListWidget* answers() const { return answers_; }
  QLabel* progress_label() const { return progress_; }
  QLabel* message_label() const { return message_; }
  QTextBrowser* prompt_view() const { return prompt_; }
  QLineEdit* comment_field() const { return comment_; }

 private:
  void apply_filter(std::int64_t keep_prompt = 0);
  void show_prompt(int index);            // index into visible_
  void show_answers();                    // the rows, in order_
  void label_row(QListWidgetItem* item);  // "place.  answer"
  void reorder_from_list();               // after a drag: places follow the order shown
  void update_progress();
  std::int64_t prompt_after_current() const;  // the next rankable prompt of the set (0: none)

  Studio& studio_;
  QComboBox *set_box_, *filter_, *flag_;
  QLineEdit *annotator_, *comment_;
  QPushButton *submit_button_, *skip_button_, *undo_button_, *sort_button_, *previous_button_, *next_button_;
  QLabel *progress_, *message_, *agreement_, *keys_help_, *position_;
  QLabel *set_label_, *annotator_label_, *filter_label_, *flag_label_, *comment_label_;
  QTextBrowser* prompt_;
  QListWidget* answers_;

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
