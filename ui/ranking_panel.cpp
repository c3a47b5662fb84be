#include "ranking_panel.h"
#include "core_text.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QShortcut>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <chattrain/ranking.h>
#include <chattrain/workflow.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "page.h"
#include "studio.h"

namespace chattrain::ui {
namespace {

QString html_of_prompt(const Conversation& prompt) {
  QString html;
  for (const auto& m : prompt.messages) {
    const QString role = QString::fromStdString(m.role);
    const QString text = QString::fromStdString(m.content).toHtmlEscaped().replace("\n", "<br>");
    html += QString("<p><span style='color:#888'>%1</span><br>%2</p>").arg(role.toHtmlEscaped(), text);
  }
  return html;
}

QString agreement_text(const Agreement& a) {
  const QString tau = std::isnan(a.kendall_tau) ? QStringLiteral("–") : QString::number(a.kendall_tau, 'f', 2);
  return RankingPanel::tr("pairwise agreement %1, Kendall's τ %2").arg(QString::number(a.pairwise, 'f', 2), tau);
}

}  // namespace

RankingPanel::RankingPanel(Studio& studio, QWidget* parent) : QGroupBox(parent), studio_(studio) {
  set_box_ = new QComboBox(this);
  annotator_ = new QLineEdit(this);
  annotator_->setMinimumWidth(100);
  filter_ = new QComboBox(this);
  set_label_ = new QLabel(this);
  annotator_label_ = new QLabel(this);
  filter_label_ = new QLabel(this);
  // The prompt set on a row of its own, annotator and view below it; choices show about 16 characters
  // (the open list shows them whole): in one row they made the window wider than a 1280-pixel screen
  // in presentation mode.
  for (QComboBox* box : {set_box_, filter_}) Page::limit_width(box, 16);
  auto* top = new QGridLayout;
  top->addWidget(set_label_, 0, 0);
  top->addWidget(set_box_, 0, 1, 1, 3);
  top->addWidget(annotator_label_, 1, 0);
  top->addWidget(annotator_, 1, 1);
  top->addWidget(filter_label_, 1, 2);
  top->addWidget(filter_, 1, 3);
  top->setColumnStretch(1, 1);
  top->setColumnStretch(3, 1);
  progress_ = new QLabel(this);
  progress_->setWordWrap(true);
  agreement_ = new QLabel(this);
  Page::mark_as_help(agreement_);
  position_ = new QLabel(this);
  previous_button_ = new QPushButton(this);
  next_button_ = new QPushButton(this);
  auto* navigation = new QHBoxLayout;
  navigation->addWidget(position_, 1);
  navigation->addWidget(previous_button_);
  navigation->addWidget(next_button_);
  prompt_ = new QTextBrowser(this);
  prompt_->setMaximumHeight(120);
  answers_ = new QListWidget(this);
  answers_->setWordWrap(true);
  answers_->setAlternatingRowColors(true);
  answers_->setDragDropMode(QAbstractItemView::InternalMove);
  answers_->setDefaultDropAction(Qt::MoveAction);
  answers_->setSpacing(4);
  flag_ = new QComboBox(this);
  for (const char* f : {"", "incorrect", "unsafe"}) flag_->addItem(QString(), QString::fromLatin1(f));
  comment_ = new QLineEdit(this);
  auto* notes = new QHBoxLayout;
  flag_label_ = new QLabel(this);
  comment_label_ = new QLabel(this);
  notes->addWidget(flag_label_);
  notes->addWidget(flag_);
  notes->addWidget(comment_label_);
  notes->addWidget(comment_, 1);
  submit_button_ = new QPushButton(this);
  skip_button_ = new QPushButton(this);
  undo_button_ = new QPushButton(this);
  sort_button_ = new QPushButton(this);
  // Two by two: in one row the four made the window wider than a 1280-pixel screen in presentation mode.
  auto* actions = new QGridLayout;
  actions->addWidget(submit_button_, 0, 0);
  actions->addWidget(skip_button_, 0, 1);
  actions->addWidget(sort_button_, 1, 0);
  actions->addWidget(undo_button_, 1, 1);
  keys_help_ = new QLabel(this);
  keys_help_->setWordWrap(true);
  Page::mark_as_help(keys_help_);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* panel = new QVBoxLayout(this);
  panel->addLayout(top);
  panel->addWidget(progress_);
  panel->addWidget(agreement_);
  panel->addLayout(navigation);
  panel->addWidget(prompt_);
  panel->addWidget(answers_, 1);
  panel->addLayout(notes);
  panel->addLayout(actions);
  panel->addWidget(keys_help_);
  panel->addWidget(message_);


  QSettings settings;
  const QString user = qEnvironmentVariable("USER");
  annotator_->setText(settings.value("ranking/annotator", user.isEmpty() ? QStringLiteral("me") : user).toString());

  connect(set_box_, &QComboBox::currentIndexChanged, this, [this] { load_set(); });
  connect(filter_, &QComboBox::currentIndexChanged, this, [this] { apply_filter(); });
  connect(annotator_, &QLineEdit::editingFinished, this, [this] {
    QSettings().setValue("ranking/annotator", annotator());
    refresh_sets();  // the filter's "by" entries and this annotator's progress
  });
  connect(previous_button_, &QPushButton::clicked, this, [this] { show_prompt(current_ - 1); });
  connect(next_button_, &QPushButton::clicked, this, [this] { show_prompt(current_ + 1); });
  connect(submit_button_, &QPushButton::clicked, this, [this] { submit(); });
  connect(skip_button_, &QPushButton::clicked, this, &RankingPanel::skip);
  connect(undo_button_, &QPushButton::clicked, this, [this] { undo(); });
  connect(sort_button_, &QPushButton::clicked, this, &RankingPanel::sort_by_place);
  connect(answers_->model(), &QAbstractItemModel::rowsMoved, this, [this] {
    QTimer::singleShot(0, this, &RankingPanel::reorder_from_list);  // after the view has finished the move
  });
  // The panel's keys act whenever the page is shown, wherever the focus is (a window shortcut of a
  // hidden page is inactive): a number typed with the sidebar focused must not open another page. Text
  // fields still take their own keys, since they accept the shortcut-override of what they type.
  const auto add_key = [this](const QKeySequence& keys, auto action) {
    auto* shortcut = new QShortcut(keys, this);
    shortcut->setContext(Qt::WindowShortcut);
    connect(shortcut, &QShortcut::activated, this, action);
  };
  for (int place = 0; place <= 9; ++place)
    add_key(QKeySequence(Qt::Key_0 + place), [this, place] { set_place(answers_->currentRow(), place); });
  add_key(QKeySequence(Qt::CTRL | Qt::Key_Return), [this] { submit(); });
  add_key(QKeySequence(Qt::CTRL | Qt::Key_Enter), [this] { submit(); });
  add_key(QKeySequence(Qt::CTRL | Qt::Key_Space), [this] { skip(); });
  add_key(QKeySequence(Qt::CTRL | Qt::Key_Z), [this] { undo(); });
  add_key(QKeySequence(Qt::CTRL | Qt::Key_S), [this] { sort_by_place(); });

  retranslate();
}

void RankingPanel::retranslate() {
  setTitle(tr("Rank the answers"));
  set_label_->setText(tr("Prompt set"));
  annotator_label_->setText(tr("Annotator"));
  filter_label_->setText(tr("Show"));
  flag_label_->setText(tr("Flag"));
  comment_label_->setText(tr("Comment"));
  flag_->setItemText(0, tr("no flag"));
  flag_->setItemText(1, tr("incorrect"));
  flag_->setItemText(2, tr("unsafe"));
  previous_button_->setText(tr("Previous"));
  next_button_->setText(tr("Next"));
  submit_button_->setText(tr("Submit (Ctrl+Enter)"));
  skip_button_->setText(tr("Skip (Ctrl+Space)"));
  undo_button_->setText(tr("Undo last submit (Ctrl+Z)"));
  sort_button_->setText(tr("Sort by place (Ctrl+S)"));
  keys_help_->setText(tr("Keyboard: ↑/↓ choose an answer, 1–9 give it a place (the same number twice is a tie), 0 clears it. "
                         "Or drag the answers into order, best at the top."));
  annotator_->setToolTip(tr("Your name: rankings are kept per annotator, and agreement compares annotators"));
  refresh_sets();
}

void RankingPanel::reset() {
  show_message(QString());
  set_box_->clear();
  set_filter("unranked");
  refresh_sets();
}

QString RankingPanel::annotator() const {
  const QString name = annotator_->text().trimmed();
  return name.isEmpty() ? QStringLiteral("me") : name;
}

void RankingPanel::set_annotator(const QString& name) {
  annotator_->setText(name);
  QSettings().setValue("ranking/annotator", annotator());
  refresh_sets();
}

std::int64_t RankingPanel::set_id() const { return set_box_->currentData().toLongLong(); }

void RankingPanel::select_set(const QString& name) {
  for (int i = 0; i < set_box_->count(); ++i)
    if (set_box_->itemData(i, Qt::UserRole + 1).toString() == name) set_box_->setCurrentIndex(i);
}

void RankingPanel::refresh_sets() {
  const QString chosen = set_box_->currentData(Qt::UserRole + 1).toString();
  {
    const QSignalBlocker quiet(set_box_);
    set_box_->clear();
    if (Project* project = studio_.project())
      for (const auto& s : project->db().prompt_sets()) {
        set_box_->addItem(tr("%1 (%n prompt(s))", "", int(s.prompts)).arg(QString::fromStdString(s.name)), qint64(s.id));
        set_box_->setItemData(set_box_->count() - 1, QString::fromStdString(s.name), Qt::UserRole + 1);
      }
    if (!chosen.isEmpty()) select_set(chosen);
  }
  load_set();
}

void RankingPanel::load_set() {
  // The prompt shown stays shown when it is still there (the set read again); another set starts at its
  // first prompt. Taken before prompts_ changes: the position indexes the old prompts.
  const std::int64_t shown = current_prompt();
  visible_.clear();
  current_ = -1;
  prompts_.clear();
  candidates_.clear();
  rankings_.clear();
  Project* project = studio_.project();
  if (project && set_id() > 0) {
    prompts_ = project->db().prompts(set_id());
    for (auto& c : project->db().candidates_of_set(set_id())) candidates_[c.prompt_id].push_back(std::move(c));
    rankings_ = project->db().rankings_of_set(set_id());
  }
  // The filter: this annotator's views, then one entry per other annotator.
  const QString chosen = filter_->currentData().toString();
  {
    const QSignalBlocker quiet(filter_);
    filter_->clear();
    filter_->addItem(tr("Not ranked by me"), "unranked");
    filter_->addItem(tr("Skipped by me"), "skipped");
    filter_->addItem(tr("Flagged"), "flagged");
    filter_->addItem(tr("Ranked by me"), "mine");
    filter_->addItem(tr("All prompts"), "all");
    QStringList others;
    for (const auto& r : rankings_) {
      const QString who = QString::fromStdString(r.annotator);
      if (who != annotator() && !others.contains(who)) others << who;
    }
    for (const QString& who : others) filter_->addItem(tr("Ranked by %1").arg(who), "by:" + who);
    filter_->setCurrentIndex(std::max(0, filter_->findData(chosen)));
  }
  apply_filter(shown);
}

void RankingPanel::set_filter(const QString& key) { filter_->setCurrentIndex(std::max(0, filter_->findData(key))); }

void RankingPanel::apply_filter(std::int64_t keep_prompt) {
  const QString key = filter_->currentData().toString();
  const std::string me = annotator().toStdString();
  QMap<std::int64_t, const RankingRecord*> mine;
  QMap<std::int64_t, QList<const RankingRecord*>> all;
  for (const auto& r : rankings_) {
    if (r.annotator == me) mine[r.prompt_id] = &r;
    all[r.prompt_id].push_back(&r);
  }
  visible_.clear();
  for (int i = 0; i < int(prompts_.size()); ++i) {
    const auto id = prompts_[size_t(i)].id;
    if (candidates_.value(id).size() < 2) continue;  // nothing to rank yet
    bool shown = key == "all";
    if (key == "unranked") shown = !mine.contains(id);
    if (key == "skipped") shown = mine.contains(id) && mine[id]->skipped;
    if (key == "mine") shown = mine.contains(id) && !mine[id]->skipped;
    if (key == "flagged")
      for (const auto* r : all.value(id)) shown = shown || !r->flag.empty();
    if (key.startsWith("by:"))
      for (const auto* r : all.value(id)) shown = shown || (!r->skipped && QString::fromStdString(r->annotator) == key.mid(3));
    if (shown) visible_.push_back(i);
  }
  int index = visible_.empty() ? -1 : 0;
  for (int v = 0; v < int(visible_.size()); ++v)
    if (prompts_[size_t(visible_[size_t(v)])].id == keep_prompt) index = v;
  show_prompt(index);
  update_progress();
}

std::int64_t RankingPanel::current_prompt() const {
  if (current_ < 0 || current_ >= int(visible_.size())) return 0;
  return prompts_[size_t(visible_[size_t(current_)])].id;
}

std::vector<int> RankingPanel::places() const { return places_; }

void RankingPanel::show_prompt(int index) {
  current_ = visible_.empty() ? -1 : std::clamp(index, 0, int(visible_.size()) - 1);
  places_.clear();
  order_.clear();
  flag_->setCurrentIndex(0);
  comment_->clear();
  const bool any = current_ >= 0;
  for (QWidget* w : std::initializer_list<QWidget*>{answers_, submit_button_, skip_button_, sort_button_, flag_, comment_}) w->setEnabled(any);
  previous_button_->setEnabled(any && current_ > 0);
  next_button_->setEnabled(any && current_ + 1 < int(visible_.size()));
  if (!any) {
    position_->setText(prompts_.empty() ? tr("No prompts yet: add the demo prompts or import some.")
                                        : tr("No prompt to show here. Generate answers, or choose another view."));
    prompt_->clear();
    answers_->clear();
    agreement_->clear();
    agreement_->hide();
    return;
  }
  const PromptRecord& prompt = prompts_[size_t(visible_[size_t(current_)])];
  const auto& candidates = candidates_[prompt.id];
  position_->setText(tr("Prompt %1 of %2 in this view").arg(current_ + 1).arg(visible_.size()));
  prompt_->setHtml(html_of_prompt(prompt_conversation(prompt)));
  places_.assign(candidates.size(), 0);
  std::vector<std::vector<int>> rankings_here;
  for (const auto& r : rankings_) {
    if (r.prompt_id != prompt.id || r.skipped) continue;
    rankings_here.push_back(ranks_of(r, candidates));
    if (r.annotator == annotator().toStdString()) {  // re-ranking: start from what was submitted
      places_ = rankings_here.back();
      flag_->setCurrentIndex(std::max(0, flag_->findData(QString::fromStdString(r.flag))));
      comment_->setText(QString::fromStdString(r.comment));
    }
  }
  agreement_->setText(rankings_here.size() >= 2
                          ? tr("This prompt: %n annotator(s), %1", "", int(rankings_here.size())).arg(agreement_text(mean_agreement(rankings_here)))
                          : QString());
  agreement_->setVisible(!agreement_->text().isEmpty());
  order_.resize(candidates.size());
  std::iota(order_.begin(), order_.end(), 0);
  sort_by_place();  // a prompt ranked before shows in its places; a new one in generation order
  answers_->setCurrentRow(0);
  answers_->setFocus();
}

void RankingPanel::sort_by_place() {
  if (current_prompt() == 0) return;
  const int chosen = answers_->currentItem() ? answers_->currentItem()->data(Qt::UserRole).toInt() : -1;
  std::stable_sort(order_.begin(), order_.end(), [this](int a, int b) {
    const int pa = places_[size_t(a)] > 0 ? places_[size_t(a)] : 1000, pb = places_[size_t(b)] > 0 ? places_[size_t(b)] : 1000;
    return pa < pb;
  });
  show_answers();
  for (int row = 0; row < answers_->count(); ++row)
    if (answers_->item(row)->data(Qt::UserRole).toInt() == chosen) answers_->setCurrentRow(row);
}

// Rebuilds the rows from the shown prompt's candidates in order_. The view must hear of every change
// (no signal blocking here): a view left out of a clear or an insert keeps the old rows' geometry and
// pixels, and showed the previous prompt's answers or an empty list.
void RankingPanel::show_answers() {
  const auto& candidates = candidates_[current_prompt()];
  answers_->clear();
  for (int c : order_) {
    auto* item = new QListWidgetItem(answers_);
    item->setData(Qt::UserRole, c);
    item->setToolTip(tr("Stopped by: %1 · seed %2").arg(QString::fromStdString(candidates[size_t(c)].stop_reason)).arg(candidates[size_t(c)].seed));
    label_row(item);
  }
}

void RankingPanel::label_row(QListWidgetItem* item) {
  const int c = item->data(Qt::UserRole).toInt();
  const int place = places_[size_t(c)];
  QString text = QString::fromStdString(candidates_[current_prompt()][size_t(c)].text).trimmed();
  if (text.isEmpty()) text = tr("(empty answer)");
  item->setText((place > 0 ? QString("%1.  ").arg(place) : QStringLiteral("–.  ")) + text);
}

// A place changes the row's label only: the rows keep their order while the annotator ranks, so ↓ goes to
// the answer below (as in Label Studio); Sort by place (Ctrl+S) or the next showing orders them.
void RankingPanel::set_place(int row, int place) {
  QListWidgetItem* item = answers_->item(row);
  if (!item) return;
  places_[size_t(item->data(Qt::UserRole).toInt())] = std::clamp(place, 0, int(places_.size()));
  answers_->setCurrentItem(item);
  label_row(item);
}

void RankingPanel::reorder_from_list() {
  if (current_prompt() == 0) return;
  for (int row = 0; row < answers_->count(); ++row) {
    QListWidgetItem* item = answers_->item(row);
    order_[size_t(row)] = item->data(Qt::UserRole).toInt();
    places_[size_t(order_[size_t(row)])] = row + 1;
    label_row(item);
  }
}

std::int64_t RankingPanel::prompt_after_current() const {
  if (current_ < 0) return 0;
  for (int i = visible_[size_t(current_)] + 1; i < int(prompts_.size()); ++i)
    if (candidates_.value(prompts_[size_t(i)].id).size() >= 2) return prompts_[size_t(i)].id;
  return 0;
}

bool RankingPanel::submit() {
  Project* project = studio_.project();
  const std::int64_t id = current_prompt();
  if (!project || id == 0) return false;
  if (std::count(places_.begin(), places_.end(), 0) > 0) {
    show_message(tr("Give every answer a place first: number keys 1–%1, or drag them into order.").arg(places_.size()), true);
    return false;
  }
  RankingRecord ranking = ranking_from_ranks(id, candidates_[id], places_);
  ranking.annotator = annotator().toStdString();
  ranking.flag = flag_->currentData().toString().toStdString();
  ranking.comment = comment_->text().trimmed().toStdString();
  try {
    project->db().submit_ranking(ranking);  // committed before this returns
  } catch (const std::exception& e) {
    show_message(error_text(e), true);
    return false;
  }
  show_message(tr("Saved."));
  const std::int64_t next = prompt_after_current();
  rankings_ = project->db().rankings_of_set(set_id());
  apply_filter(next);
  return true;
}

void RankingPanel::skip() {
  Project* project = studio_.project();
  const std::int64_t id = current_prompt();
  if (!project || id == 0) return;
  RankingRecord skipped;
  skipped.prompt_id = id;
  skipped.annotator = annotator().toStdString();
  skipped.skipped = true;
  skipped.comment = comment_->text().trimmed().toStdString();
  project->db().submit_ranking(skipped);
  const std::int64_t next = prompt_after_current();
  rankings_ = project->db().rankings_of_set(set_id());
  show_message(tr("Skipped: find it again under \"Skipped by me\"."));
  apply_filter(next);
}

bool RankingPanel::undo() {
  Project* project = studio_.project();
  if (!project || set_id() <= 0) return false;
  const auto undone = project->db().undo_last_ranking(set_id(), annotator().toStdString());
  if (!undone) {
    show_message(tr("Nothing of yours to undo in this set."), true);
    return false;
  }
  rankings_ = project->db().rankings_of_set(set_id());
  set_filter("unranked");  // the prompt is unranked again: show it there
  apply_filter(undone->prompt_id);
  if (current_prompt() == undone->prompt_id) {  // back in the panel as it was submitted, to change and submit again
    places_ = undone->skipped ? std::vector<int>(places_.size(), 0) : ranks_of(*undone, candidates_[undone->prompt_id]);
    flag_->setCurrentIndex(std::max(0, flag_->findData(QString::fromStdString(undone->flag))));
    comment_->setText(QString::fromStdString(undone->comment));
    sort_by_place();
    answers_->setCurrentRow(0);
  }
  show_message(tr("Undone: the last submit is back in the panel."));
  return true;
}

void RankingPanel::update_progress() {
  Project* project = studio_.project();
  int rankable = 0, by_me = 0, by_anyone = 0;
  QSet<std::int64_t> ranked;
  QSet<QString> annotators;
  for (const auto& r : rankings_) {
    if (r.skipped) continue;
    ranked.insert(r.prompt_id);
    annotators.insert(QString::fromStdString(r.annotator));
    by_me += r.annotator == annotator().toStdString();
  }
  for (const auto& p : prompts_) {
    if (candidates_.value(p.id).size() < 2) continue;
    ++rankable;
    by_anyone += ranked.contains(p.id);
  }
  const int unanswered = int(prompts_.size()) - rankable;
  QString text = tr("Ranked by you: %1 of %2 · by anyone: %3 · %n annotator(s)", "", int(annotators.size()))
                     .arg(by_me).arg(rankable).arg(by_anyone);
  if (unanswered > 0) text += " · " + tr("%n prompt(s) without answers yet", "", unanswered);
  if (project && set_id() > 0) {
    const auto summary = agreement_of_set(*project, set_id());
    if (summary.prompts_compared > 0)
      text += "\n" + tr("Agreement over %n prompt(s) ranked by two or more: %1", "", summary.prompts_compared).arg(agreement_text(summary.overall));
  }
  progress_->setText(text);
}

void RankingPanel::show_message(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? QStringLiteral("color: #c0392b") : QString());
}

}  // namespace chattrain::ui
