#include "ranking_page.h"
#include "core_text.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <chattrain/ranking.h>
#include <chattrain/workflow.h>


#include "background_task.h"
#include "checkpoint_box.h"
#include "format.h"
#include "ranking_panel.h"
#include "settings_column.h"
#include "studio.h"

namespace chattrain::ui {

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
  judge_hint_ = new QLabel(candidates_group_);  // the caveat beside the button: in it, the text made the column too wide
  judge_hint_->setWordWrap(true);
  mark_as_help(judge_hint_);
  candidates_form->addRow(judge_hint_);

  exchange_group_ = new QGroupBox(this);
  auto* exchange_layout = new QVBoxLayout(exchange_group_);
  export_button_ = new QPushButton(exchange_group_);
  export_pairs_button_ = new QPushButton(exchange_group_);
  import_format_ = new QComboBox(exchange_group_);
  for (const char* f : {"auto", "rankings", "pairs", "hh-rlhf", "ultrafeedback", "kto"}) import_format_->addItem(QString(), QString::fromLatin1(f));
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
  auto* scroll = new SettingsColumn(left, 440);

  // Right: the ranking panel.
  panel_ = new RankingPanel(studio_, this);

  auto* split = new QSplitter(this);
  split->setChildrenCollapsible(false);
  split->addWidget(scroll);
  split->addWidget(panel_);
  split->setStretchFactor(1, 1);
  split->setSizes({440, 900});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(split, 1);

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
    panel_->show_message(message, !ok);
    panel_->load_set();
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
    panel_->reset();
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
}

void RankingPage::retranslate() {
  set_header();
  prompts_group_->setTitle(tr("Prompts"));
  candidates_group_->setTitle(tr("Candidate answers"));
  exchange_group_->setTitle(tr("Import and export"));
  demo_button_->setText(tr("Add the demo prompts (held-out poems)"));
  import_prompts_button_->setText(tr("Import prompts…"));
  const QStringList labels{tr("Checkpoint"), tr("Answers per prompt"), tr("Temperature"), tr("Most tokens")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  generate_button_->setText(tr("Generate answers"));
  stop_button_->setText(tr("Stop"));
  judge_button_->setText(tr("Rank with the rule-based judge"));
  judge_hint_->setText(tr("For demos and tests only: the judge checks each answer's form against the prompt's reference answer."));
  judge_button_->setToolTip(tr("Not a model of human preference: it compares each answer with the prompt's reference answer "
                               "(whether it has the form the prompt asks for, the characters they share). It lets the pipeline run "
                               "without people."));
  export_button_->setText(tr("Export rankings…"));
  export_pairs_button_->setText(tr("Export chosen/rejected pairs…"));
  const QStringList formats{tr("Detect the format"), tr("Our rankings"), tr("Chosen/rejected pairs (TRL, ShareGPT, OpenAI messages)"),
                            tr("Anthropic HH-RLHF"), tr("UltraFeedback"), tr("KTO good/bad ratings")};
  for (int i = 0; i < formats.size(); ++i) import_format_->setItemText(i, formats[i]);
  import_button_->setText(tr("Import and merge preferences…"));
  panel_->retranslate();
}

void RankingPage::add_demo_prompts() {
  Project* project = studio_.project();
  if (!project) return;
  try {
    ensure_demo_prompt_set(*project);
    panel_->refresh_sets();
    panel_->select_set(QString::fromLatin1(demo_ranking_set));
    panel_->show_message(tr("The demo prompts ask about poems the fine-tuning never showed; each has a reference answer."));
  } catch (const std::exception& e) {
    panel_->show_message(error_text(e), true);
  }
}

void RankingPage::rank_with_rule_judge() {
  Project* project = studio_.project();
  if (!project || panel_->set_id() <= 0) return;
  try {
    bool by_whole_score = false;
    const int judged = judge_prompt_set(*project, panel_->set_id(), &by_whole_score);
    panel_->load_set();
    panel_->show_message(judged > 0 ? tr("The rule-based judge (for demos and tests only) ranked %n prompt(s) as \"%1\".", "", judged).arg(rule_judge_name) +
                                          (by_whole_score ? " " + core_text(Message(judge_by_whole_score_note)) : QString())
                            : tr("The rule-based judge needs prompts with reference answers and two or more answers each: "
                                 "use the demo prompts and generate answers first."),
                 judged == 0);
  } catch (const std::exception& e) {
    panel_->show_message(error_text(e), true);
  }
}

void RankingPage::import_prompts(const QString& path) {
  Project* project = studio_.project();
  if (!project) return;
  try {
    const auto imported = chattrain::import_prompts(path.toStdString());
    const QStringList problems = problem_texts(imported.rejected);
    if (imported.prompts.empty()) {
      panel_->show_message(tr("No prompts in %1.").arg(path) + "\n" + problems.mid(0, 5).join("\n"), true);
      return;
    }
    const QString name = QFileInfo(path).completeBaseName();
    add_prompt_set(*project, name.toStdString(), path.toStdString(), imported.prompts);
    panel_->refresh_sets();
    panel_->select_set(name);
    panel_->show_message(tr("%n prompt(s) imported into %1.", "", int(imported.prompts.size())).arg(name) +
                     (problems.isEmpty() ? QString() : "\n" + tr("Left out:") + "\n" + problems.mid(0, 5).join("\n")),
                 !problems.isEmpty());
  } catch (const std::exception& e) {
    panel_->show_message(error_text(e), true);
  }
}

void RankingPage::generate(int answers_per_prompt, double temperature, int max_tokens) {
  Project* project = studio_.project();
  if (!project || panel_->set_id() <= 0 || task_->running()) return;
  const QString checkpoint = checkpoint_->checkpoint();
  if (checkpoint.isEmpty()) {
    panel_->show_message(tr("There is no checkpoint yet: pretrain and fine-tune first."), true);
    return;
  }
  CandidateJob job;
  job.set_id = panel_->set_id();
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
    auto merged = merge_rankings(*project, imported.rankings, name.toStdString());
    const QStringList problems = problem_texts(imported.rejected);
    if (!merged.copy_of.empty()) {
      const QString copy = tr("Every ranking in %1 equals one already here by %2: the same rankings under another name, not a second "
                              "annotator's (agreement would read 1.000).")
                               .arg(QFileInfo(path).fileName(), QString::fromStdString(merged.copy_of));
      // An annotator who really agreed on every prompt is possible: the person decides, "no" by default.
      QMessageBox question(QMessageBox::Question, tr("Import rankings"),
                           copy + "\n\n" + tr("Merge it anyway as another annotator's rankings?"), QMessageBox::Yes | QMessageBox::No, this);
      question.setDefaultButton(QMessageBox::No);
      question.setObjectName("copy_question");
      if (question.exec() != QMessageBox::Yes) {
        panel_->show_message(copy + " " + tr("Nothing was merged."), true);
        return;
      }
      merged = merge_rankings(*project, imported.rankings, name.toStdString(), true);
    }
    panel_->refresh_sets();
    panel_->show_message(tr("%1 rankings merged, %2 already there; %3 new prompts, %4 new answers.")
                         .arg(merged.rankings_added).arg(merged.duplicates).arg(merged.prompts_added).arg(merged.candidates_added) +
                     (problems.isEmpty() ? QString() : "\n" + tr("Left out:") + "\n" + problems.mid(0, 5).join("\n")),
                 !problems.isEmpty());
  } catch (const std::exception& e) {
    panel_->show_message(error_text(e), true);
  }
}

bool RankingPage::export_rankings(const QString& path, bool as_pairs) {
  Project* project = studio_.project();
  if (!project || panel_->set_id() <= 0) return false;
  try {
    const auto rankings = ranked_answers(*project, panel_->set_id());
    if (as_pairs) {
      const auto pairs = expand_to_pairs(rankings);
      export_pairs_jsonl(pairs, path.toStdString());
      panel_->show_message(tr("%1 pairs written to %2.").arg(pairs.size()).arg(path));
    } else {
      export_rankings_jsonl(rankings, path.toStdString());
      panel_->show_message(tr("%1 rankings written to %2.").arg(rankings.size()).arg(path));
    }
    return true;
  } catch (const std::exception& e) {
    panel_->show_message(error_text(e), true);
    return false;
  }
}

}  // namespace chattrain::ui
