#include "ranking_page.h"
#include "core_text.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <chattrain/ranking.h>
#include <chattrain/workflow.h>

#include <cmath>
#include <numeric>

#include "background_task.h"
#include "checkpoint_box.h"
#include "format.h"
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
  return RankingPage::tr("pairwise agreement %1, Kendall's τ %2").arg(QString::number(a.pairwise, 'f', 2), tau);
}

}  // namespace

RankingPage::RankingPage(Studio& studio, QWidget* parent) : Page(parent), studio_(studio), task_(new BackgroundTask(this)) {
  // Left: where prompts and answers come from, and what leaves the project.
  prompts_group_ = new QGroupBox(this);
  auto* prompts_layout = new QVBoxLayout(prompts_group_);
  demo_button_ = new QPushButton(prompts_group_);
  import_prompts_button_ = new QPushButton(prompts_group_);
  prompts_layout->addWidget(demo_button_);
  prompts_layout->addWidget(import_prompts_button_);

  candidates_group_ = new QGroupBox(this);
  auto* candidates_form = new QFormLayout(candidates_group_);
  checkpoint_ = new CheckpointBox(studio_, candidates_group_);
  checkpoint_->set_stages({}, {"reward"}, {"sft", "pretrain"});
  answers_per_prompt_ = new QSpinBox(candidates_group_);
  answers_per_prompt_->setRange(2, 9);
  answers_per_prompt_->setValue(4);
  temperature_ = new QDoubleSpinBox(candidates_group_);
  temperature_->setRange(0.0, 2.0);
  temperature_->setSingleStep(0.1);
  temperature_->setValue(1.0);
  max_tokens_ = new QSpinBox(candidates_group_);
  max_tokens_->setRange(8, 2048);
  max_tokens_->setValue(96);
  for (QWidget* field : std::initializer_list<QWidget*>{checkpoint_, answers_per_prompt_, temperature_, max_tokens_}) {
    labels_ << new QLabel(candidates_group_);
    candidates_form->addRow(labels_.back(), field);
  }
  generate_button_ = new QPushButton(candidates_group_);
  stop_button_ = new QPushButton(candidates_group_);
  auto* generate_row = new QHBoxLayout;
  generate_row->addWidget(generate_button_, 1);
  generate_row->addWidget(stop_button_);
  candidates_form->addRow(generate_row);
  generation_progress_ = new QProgressBar(candidates_group_);
  candidates_form->addRow(generation_progress_);
  judge_button_ = new QPushButton(candidates_group_);
  candidates_form->addRow(judge_button_);

  exchange_group_ = new QGroupBox(this);
  auto* exchange_layout = new QVBoxLayout(exchange_group_);
  export_button_ = new QPushButton(exchange_group_);
  export_pairs_button_ = new QPushButton(exchange_group_);
  import_format_ = new QComboBox(exchange_group_);
  for (const char* f : {"auto", "rankings", "pairs", "hh-rlhf", "ultrafeedback"}) import_format_->addItem(QString(), QString::fromLatin1(f));
  import_button_ = new QPushButton(exchange_group_);
  exchange_layout->addWidget(export_button_);
  exchange_layout->addWidget(export_pairs_button_);
  exchange_layout->addWidget(import_format_);
  exchange_layout->addWidget(import_button_);

  auto* left = new QWidget(this);
  auto* left_layout = new QVBoxLayout(left);
  left_layout->addWidget(prompts_group_);
  left_layout->addWidget(candidates_group_);
  left_layout->addWidget(exchange_group_);
  left_layout->addStretch();
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(left);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(440);

  // Right: the ranking panel.
  panel_group_ = new QGroupBox(this);
  set_box_ = new QComboBox(panel_group_);
  annotator_ = new QLineEdit(panel_group_);
  annotator_->setMinimumWidth(100);
  filter_ = new QComboBox(panel_group_);
  auto* top = new QHBoxLayout;
  for (QWidget* field : std::initializer_list<QWidget*>{set_box_, annotator_, filter_}) {
    labels_ << new QLabel(panel_group_);
    top->addWidget(labels_.back());
    top->addWidget(field, 1);
  }
  progress_ = new QLabel(panel_group_);
  agreement_ = new QLabel(panel_group_);
  mark_as_help(agreement_);
  position_ = new QLabel(panel_group_);
  previous_button_ = new QPushButton(panel_group_);
  next_button_ = new QPushButton(panel_group_);
  auto* navigation = new QHBoxLayout;
  navigation->addWidget(position_, 1);
  navigation->addWidget(previous_button_);
  navigation->addWidget(next_button_);
  prompt_ = new QTextBrowser(panel_group_);
  prompt_->setMaximumHeight(120);
  answers_ = new QListWidget(panel_group_);
  answers_->setWordWrap(true);
  answers_->setAlternatingRowColors(true);
  answers_->setDragDropMode(QAbstractItemView::InternalMove);
  answers_->setDefaultDropAction(Qt::MoveAction);
  answers_->setSpacing(4);
  flag_ = new QComboBox(panel_group_);
  for (const char* f : {"", "incorrect", "unsafe"}) flag_->addItem(QString(), QString::fromLatin1(f));
  comment_ = new QLineEdit(panel_group_);
  auto* notes = new QHBoxLayout;
  labels_ << new QLabel(panel_group_);
  notes->addWidget(labels_.back());
  notes->addWidget(flag_);
  labels_ << new QLabel(panel_group_);
  notes->addWidget(labels_.back());
  notes->addWidget(comment_, 1);
  submit_button_ = new QPushButton(panel_group_);
  skip_button_ = new QPushButton(panel_group_);
  undo_button_ = new QPushButton(panel_group_);
  sort_button_ = new QPushButton(panel_group_);
  auto* actions = new QHBoxLayout;
  actions->addWidget(sort_button_, 1);
  actions->addWidget(submit_button_, 2);
  actions->addWidget(skip_button_, 1);
  actions->addWidget(undo_button_, 1);
  keys_help_ = new QLabel(panel_group_);
  keys_help_->setWordWrap(true);
  mark_as_help(keys_help_);
  message_ = new QLabel(panel_group_);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* panel = new QVBoxLayout(panel_group_);
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

  auto* split = new QSplitter(this);
  split->addWidget(scroll);
  split->addWidget(panel_group_);
  split->setStretchFactor(1, 1);
  split->setSizes({440, 900});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading_);
  layout->addWidget(split, 1);

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
  connect(skip_button_, &QPushButton::clicked, this, &RankingPage::skip);
  connect(undo_button_, &QPushButton::clicked, this, [this] { undo(); });
  connect(sort_button_, &QPushButton::clicked, this, &RankingPage::sort_by_place);
  connect(answers_->model(), &QAbstractItemModel::rowsMoved, this, [this] {
    QTimer::singleShot(0, this, &RankingPage::reorder_from_list);  // after the view has finished the move
  });
  // The panel's keys act whenever the page is shown, wherever the focus is (a window shortcut of a
  // hidden page is inactive): a number typed with the sidebar focused must not open another page. Text
  // fields still take their own keys, since they accept the shortcut-override of what they type.
  const auto add_key = [this](const QKeySequence& keys, auto action) {
    auto* shortcut = new QShortcut(keys, panel_group_);
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

  connect(demo_button_, &QPushButton::clicked, this, &RankingPage::add_demo_prompts);
  connect(judge_button_, &QPushButton::clicked, this, &RankingPage::rank_with_rule_judge);
  connect(import_prompts_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import prompts"), QString(), tr("Prompts (*.txt *.json *.jsonl)"));
    if (!path.isEmpty()) import_prompts(path);
  });
  connect(generate_button_, &QPushButton::clicked, this,
          [this] { generate(answers_per_prompt_->value(), temperature_->value(), max_tokens_->value()); });
  connect(stop_button_, &QPushButton::clicked, task_, &BackgroundTask::cancel);
  connect(task_, &BackgroundTask::finished, this, [this](bool ok, const QString& message) {
    // The bar is polled while the task runs, so its last poll may predate the last prompt: say how it ended.
    if (ok) {
      generation_progress_->setMaximum(int(std::max<std::uint64_t>(1, task_->total())));
      generation_progress_->setValue(generation_progress_->maximum());
      generation_progress_->setFormat(task_->total() > 0 ? tr("%v of %m prompts · done") : tr("done"));
    } else {
      generation_progress_->setFormat(tr("%v of %m prompts · stopped"));
    }
    show_message(message, !ok);
    load_set();
  });
  connect(export_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export rankings"), studio_.folder() + "/exports/rankings.jsonl", tr("JSON Lines (*.jsonl)"));
    if (!path.isEmpty()) export_rankings(path, false);
  });
  connect(export_pairs_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export pairs"), studio_.folder() + "/exports/pairs.jsonl", tr("JSON Lines (*.jsonl)"));
    if (!path.isEmpty()) export_rankings(path, true);
  });
  connect(import_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import preferences"), QString(), tr("Preferences (*.json *.jsonl)"));
    if (!path.isEmpty()) import_preferences(path);
  });
  connect(&studio_, &Studio::project_changed, this, [this] {  // nothing of the last project's stays on the page
    generation_progress_->reset();
    generation_progress_->setFormat(QString());
    show_message(QString());
    set_box_->clear();
    set_filter("unranked");
    refresh_sets();
  });
  auto* timer = new QTimer(this);  // generation progress, polled like the training monitor
  connect(timer, &QTimer::timeout, this, [this] {
    const bool running = task_->running();
    generate_button_->setEnabled(!running && studio_.project());
    stop_button_->setEnabled(running);
    if (running) {
      generation_progress_->setMaximum(int(std::max<std::uint64_t>(1, task_->total())));
      generation_progress_->setValue(int(task_->done()));
      const QString eta = format_eta(task_->eta_seconds());
      generation_progress_->setFormat(eta.isEmpty() ? tr("%v of %m prompts") : tr("%v of %m prompts · %1").arg(eta));
    }
  });
  timer->start(100);

  retranslate();
  refresh_sets();
}

void RankingPage::retranslate() {
  heading_->setText(title());
  prompts_group_->setTitle(tr("Prompts"));
  candidates_group_->setTitle(tr("Candidate answers"));
  exchange_group_->setTitle(tr("Import and export"));
  panel_group_->setTitle(tr("Rank the answers"));
  demo_button_->setText(tr("Add the demo prompts (held-out poems)"));
  import_prompts_button_->setText(tr("Import prompts…"));
  const QStringList labels{tr("Checkpoint"), tr("Answers per prompt"), tr("Temperature"), tr("Most tokens"),
                           tr("Prompt set"), tr("Annotator"), tr("Show"), tr("Flag"), tr("Comment")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  generate_button_->setText(tr("Generate answers"));
  stop_button_->setText(tr("Stop"));
  judge_button_->setText(tr("Rank with the rule-based judge (demos and tests only)"));
  judge_button_->setToolTip(tr("Not a model of human preference: it compares each answer with the prompt's reference answer "
                               "(whether it has the form the prompt asks for, the characters they share). It lets the pipeline run "
                               "without people."));
  export_button_->setText(tr("Export rankings…"));
  export_pairs_button_->setText(tr("Export chosen/rejected pairs…"));
  const QStringList formats{tr("Detect the format"), tr("Our rankings"), tr("TRL prompt/chosen/rejected"), tr("Anthropic HH-RLHF"),
                            tr("UltraFeedback")};
  for (int i = 0; i < formats.size(); ++i) import_format_->setItemText(i, formats[i]);
  import_button_->setText(tr("Import and merge preferences…"));
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

QString RankingPage::annotator() const {
  const QString name = annotator_->text().trimmed();
  return name.isEmpty() ? QStringLiteral("me") : name;
}

void RankingPage::set_annotator(const QString& name) {
  annotator_->setText(name);
  QSettings().setValue("ranking/annotator", annotator());
  refresh_sets();
}

std::int64_t RankingPage::set_id() const { return set_box_->currentData().toLongLong(); }

void RankingPage::select_set(const QString& name) {
  for (int i = 0; i < set_box_->count(); ++i)
    if (set_box_->itemData(i, Qt::UserRole + 1).toString() == name) set_box_->setCurrentIndex(i);
}

void RankingPage::refresh_sets() {
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

void RankingPage::load_set() {
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

void RankingPage::set_filter(const QString& key) { filter_->setCurrentIndex(std::max(0, filter_->findData(key))); }

void RankingPage::apply_filter(std::int64_t keep_prompt) {
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

std::int64_t RankingPage::current_prompt() const {
  if (current_ < 0 || current_ >= int(visible_.size())) return 0;
  return prompts_[size_t(visible_[size_t(current_)])].id;
}

std::vector<int> RankingPage::places() const { return places_; }

void RankingPage::show_prompt(int index) {
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

void RankingPage::sort_by_place() {
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
void RankingPage::show_answers() {
  const auto& candidates = candidates_[current_prompt()];
  answers_->clear();
  for (int c : order_) {
    auto* item = new QListWidgetItem(answers_);
    item->setData(Qt::UserRole, c);
    item->setToolTip(tr("Stopped by: %1 · seed %2").arg(QString::fromStdString(candidates[size_t(c)].stop_reason)).arg(candidates[size_t(c)].seed));
    label_row(item);
  }
}

void RankingPage::label_row(QListWidgetItem* item) {
  const int c = item->data(Qt::UserRole).toInt();
  const int place = places_[size_t(c)];
  QString text = QString::fromStdString(candidates_[current_prompt()][size_t(c)].text).trimmed();
  if (text.isEmpty()) text = tr("(empty answer)");
  item->setText((place > 0 ? QString("%1.  ").arg(place) : QStringLiteral("–.  ")) + text);
}

// A place changes the row's label only: the rows keep their order while the annotator ranks, so ↓ goes to
// the answer below (as in Label Studio); Sort by place (Ctrl+S) or the next showing orders them.
void RankingPage::set_place(int row, int place) {
  QListWidgetItem* item = answers_->item(row);
  if (!item) return;
  places_[size_t(item->data(Qt::UserRole).toInt())] = std::clamp(place, 0, int(places_.size()));
  answers_->setCurrentItem(item);
  label_row(item);
}

void RankingPage::reorder_from_list() {
  if (current_prompt() == 0) return;
  for (int row = 0; row < answers_->count(); ++row) {
    QListWidgetItem* item = answers_->item(row);
    order_[size_t(row)] = item->data(Qt::UserRole).toInt();
    places_[size_t(order_[size_t(row)])] = row + 1;
    label_row(item);
  }
}

std::int64_t RankingPage::prompt_after_current() const {
  if (current_ < 0) return 0;
  for (int i = visible_[size_t(current_)] + 1; i < int(prompts_.size()); ++i)
    if (candidates_.value(prompts_[size_t(i)].id).size() >= 2) return prompts_[size_t(i)].id;
  return 0;
}

bool RankingPage::submit() {
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

void RankingPage::skip() {
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

bool RankingPage::undo() {
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

void RankingPage::update_progress() {
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

void RankingPage::show_message(const QString& text, bool error) {
  message_->setText(text);
  message_->setStyleSheet(error ? QStringLiteral("color: #c0392b") : QString());
}

void RankingPage::add_demo_prompts() {
  Project* project = studio_.project();
  if (!project) return;
  try {
    ensure_demo_prompt_set(*project);
    refresh_sets();
    select_set(QString::fromLatin1(demo_ranking_set));
    show_message(tr("The demo prompts ask about poems the fine-tuning never showed; each has a reference answer."));
  } catch (const std::exception& e) {
    show_message(error_text(e), true);
  }
}

void RankingPage::rank_with_rule_judge() {
  Project* project = studio_.project();
  if (!project || set_id() <= 0) return;
  try {
    const int judged = judge_prompt_set(*project, set_id());
    load_set();
    show_message(judged > 0 ? tr("The rule-based judge (for demos and tests only) ranked %n prompt(s) as \"%1\".", "", judged).arg(rule_judge_name)
                            : tr("The rule-based judge needs prompts with reference answers and two or more answers each: "
                                 "use the demo prompts and generate answers first."),
                 judged == 0);
  } catch (const std::exception& e) {
    show_message(error_text(e), true);
  }
}

void RankingPage::import_prompts(const QString& path) {
  Project* project = studio_.project();
  if (!project) return;
  try {
    const auto imported = chattrain::import_prompts(path.toStdString());
    QStringList problems;
    for (const auto& p : imported.rejected) problems << problem_text(p);
    if (imported.prompts.empty()) {
      show_message(tr("No prompts in %1.").arg(path) + "\n" + problems.mid(0, 5).join("\n"), true);
      return;
    }
    const QString name = QFileInfo(path).completeBaseName();
    add_prompt_set(*project, name.toStdString(), path.toStdString(), imported.prompts);
    refresh_sets();
    select_set(name);
    show_message(tr("%n prompt(s) imported into %1.", "", int(imported.prompts.size())).arg(name) +
                     (problems.isEmpty() ? QString() : "\n" + tr("Left out:") + "\n" + problems.mid(0, 5).join("\n")),
                 !problems.isEmpty());
  } catch (const std::exception& e) {
    show_message(error_text(e), true);
  }
}

void RankingPage::generate(int answers_per_prompt, double temperature, int max_tokens) {
  Project* project = studio_.project();
  if (!project || set_id() <= 0 || task_->running()) return;
  const QString checkpoint = checkpoint_->checkpoint();
  if (checkpoint.isEmpty()) {
    show_message(tr("There is no checkpoint yet: pretrain and fine-tune first."), true);
    return;
  }
  CandidateJob job;
  job.set_id = set_id();
  job.checkpoint = checkpoint.toStdString();
  job.answers_per_prompt = answers_per_prompt;
  job.sampling.temperature = temperature;
  job.sampling.max_new_tokens = max_tokens;
  task_->start(tr("Generating answers"), [project, job](BackgroundTask& task) {
    const int done = generate_candidates(*project, job, [&task](int d, int t) { task.report(std::uint64_t(d), std::uint64_t(t)); },
                                         [&task] { return task.keep_going(); });
    task.check_cancelled();  // stopped: say so (the prompts answered so far are kept)
    return done == 0 ? tr("Every prompt of this set has answers already.") : tr("%n prompt(s) answered.", "", done);
  });
}

void RankingPage::import_preferences(const QString& path) {
  Project* project = studio_.project();
  if (!project) return;
  try {
    const auto imported = chattrain::import_preferences(path.toStdString(), parse_preference_format(import_format_->currentData().toString().toStdString()));
    const QString name = QFileInfo(path).completeBaseName();
    const auto merged = merge_rankings(*project, imported.rankings, name.toStdString());
    QStringList problems;
    for (const auto& p : imported.rejected) problems << problem_text(p);
    refresh_sets();
    show_message(tr("%1 rankings merged, %2 already there; %3 new prompts, %4 new answers.")
                         .arg(merged.rankings_added).arg(merged.duplicates).arg(merged.prompts_added).arg(merged.candidates_added) +
                     (problems.isEmpty() ? QString() : "\n" + tr("Left out:") + "\n" + problems.mid(0, 5).join("\n")),
                 !problems.isEmpty());
  } catch (const std::exception& e) {
    show_message(error_text(e), true);
  }
}

bool RankingPage::export_rankings(const QString& path, bool as_pairs) {
  Project* project = studio_.project();
  if (!project || set_id() <= 0) return false;
  try {
    const auto rankings = ranked_answers(*project, set_id());
    if (as_pairs) {
      const auto pairs = expand_to_pairs(rankings);
      export_pairs_jsonl(pairs, path.toStdString());
      show_message(tr("%1 pairs written to %2.").arg(pairs.size()).arg(path));
    } else {
      export_rankings_jsonl(rankings, path.toStdString());
      show_message(tr("%1 rankings written to %2.").arg(rankings.size()).arg(path));
    }
    return true;
  } catch (const std::exception& e) {
    show_message(error_text(e), true);
    return false;
  }
}

}  // namespace chattrain::ui
