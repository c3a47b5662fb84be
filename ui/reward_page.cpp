#include "reward_page.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <chattrain/error.h>
#include <chattrain/evaluation.h>
#include <chattrain/ranking.h>

#include <cmath>
#include <memory>

#include "background_task.h"
#include "context_fit_label.h"
#include "checkpoint_box.h"
#include "format.h"
#include "studio.h"
#include "training_monitor.h"
#include "training_settings.h"

namespace chattrain::ui {

RewardPage::RewardPage(Studio& studio, QWidget* parent) : Page(parent), studio_(studio), diagnosis_(new BackgroundTask(this)) {
  parent_group_ = new QGroupBox(this);
  auto* parent_form = new QFormLayout(parent_group_);
  parent_ = new CheckpointBox(studio_, parent_group_);
  parent_->set_stages({}, {"reward"}, {"sft", "pretrain"});
  labels_ << new QLabel(parent_group_);
  parent_form->addRow(labels_.back(), parent_);

  data_group_ = new QGroupBox(this);
  // The wrapped lines below the form, not in it: a form's rows that span it overlapped once a line grew.
  auto* data_layout = new QVBoxLayout(data_group_);
  sets_ = new QListWidget(data_group_);
  sets_->setMaximumHeight(140);
  data_layout->addWidget(sets_);
  auto* data_form = new QFormLayout;
  held_out_ = spin_box(data_group_, 0, 50, 5);
  held_out_->setValue(10);
  held_out_->setSuffix(" %");
  labels_ << new QLabel(data_group_);
  data_form->addRow(labels_.back(), held_out_);
  data_layout->addLayout(data_form);
  pairs_ = new QLabel(data_group_);
  pairs_->setWordWrap(true);
  data_layout->addWidget(pairs_);
  context_fit_ = new ContextFitLabel(ContextFitLabel::Unit::Pairs, data_group_);
  data_layout->addWidget(context_fit_);
  sets_hint_ = new QLabel(data_group_);
  sets_hint_->setWordWrap(true);
  mark_as_help(sets_hint_);
  data_layout->addWidget(sets_hint_);

  training_ = new TrainingSettings(this);
  training_->hide_samples();
  monitor_ = new TrainingMonitor(studio_, Stage::Reward, this);

  // Diagnostics: is the model good enough before RLHF?
  auto* diagnostics = new QWidget(this);
  reward_ = new CheckpointBox(studio_, diagnostics);
  reward_->set_stages({"reward"}, {}, {"reward"});
  diagnosis_set_ = new QComboBox(diagnostics);
  diagnose_button_ = new QPushButton(diagnostics);
  diagnosis_progress_ = new QProgressBar(diagnostics);
  // Two rows (the model; the set and the button): in one they made the window wider than a 1280-pixel
  // screen in presentation mode.
  limit_width(diagnosis_set_, 18);
  auto* diagnosis_row = new QGridLayout;
  int row = 0;
  for (QWidget* field : std::initializer_list<QWidget*>{reward_, diagnosis_set_}) {
    labels_ << new QLabel(diagnostics);
    diagnosis_row->addWidget(labels_.back(), row, 0);
    diagnosis_row->addWidget(field, row++, 1);
  }
  diagnosis_row->addWidget(diagnose_button_, 1, 2);
  diagnosis_row->setColumnStretch(1, 1);
  diagnosis_hint_ = new QLabel(diagnostics);
  diagnosis_hint_->setWordWrap(true);
  mark_as_help(diagnosis_hint_);
  scatter_ = new QCustomPlot(diagnostics);
  scatter_->setMinimumHeight(220);
  scatter_->addGraph();
  scatter_->graph(0)->setLineStyle(QCPGraph::lsNone);
  scatter_->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor("#1f77b4"), 5));
  length_ = new QLabel(diagnostics);
  length_->setWordWrap(true);
  extremes_ = new QTableWidget(0, 3, diagnostics);
  annotators_ = new QTableWidget(0, 3, diagnostics);
  for (auto* table : {extremes_, annotators_}) {
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
  }
  auto* tables = new QHBoxLayout;
  tables->addWidget(extremes_, 3);
  tables->addWidget(annotators_, 1);
  auto* diagnostics_layout = new QVBoxLayout(diagnostics);
  diagnostics_layout->addLayout(diagnosis_row);
  diagnostics_layout->addWidget(diagnosis_progress_);
  diagnostics_layout->addWidget(length_);  // the outcome under the progress: below the chart it was out of sight
  diagnostics_layout->addWidget(diagnosis_hint_);
  diagnostics_layout->addWidget(scatter_, 2);
  diagnostics_layout->addLayout(tables, 2);

  tabs_ = new QTabWidget(this);
  tabs_->addTab(monitor_->beside_settings({parent_group_, data_group_, training_}, 400), QString());
  tabs_->addTab(diagnostics, QString());
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(tabs_, 1);

  connect(sets_, &QListWidget::itemChanged, this, &RewardPage::count_pairs);
  connect(parent_, &QComboBox::currentIndexChanged, this, &RewardPage::count_pairs);  // another context length
  connect(monitor_, &TrainingMonitor::start_requested, this, &RewardPage::start);
  connect(monitor_, &TrainingMonitor::resume_requested, this, &RewardPage::resume_run);
  connect(monitor_, &TrainingMonitor::continue_requested, this, &RewardPage::continue_from);
  connect(monitor_, &TrainingMonitor::busy_changed, this, [this](bool busy) {
    for (QWidget* w : {static_cast<QWidget*>(parent_group_), static_cast<QWidget*>(data_group_), static_cast<QWidget*>(training_)})
      w->setEnabled(!busy);
  });
  connect(diagnose_button_, &QPushButton::clicked, this, &RewardPage::diagnose);
  connect(&studio_, &Studio::project_changed, this, &RewardPage::refresh_sets);
  connect(tabs_, &QTabWidget::currentChanged, this, &RewardPage::refresh_sets);  // rankings made on the Ranking page since
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, [this] {
    diagnose_button_->setEnabled(!diagnosis_->running());
    if (diagnosis_->running()) {
      diagnosis_progress_->setMaximum(int(std::max<std::uint64_t>(1, diagnosis_->total())));
      diagnosis_progress_->setValue(int(diagnosis_->done()));
    }
  });
  timer->start(100);

  set_config(default_reward_config());
  retranslate();
  refresh_sets();
}

void RewardPage::showEvent(QShowEvent* event) {
  refresh_sets();
  Page::showEvent(event);
}

void RewardPage::retranslate() {
  set_header();
  parent_group_->setTitle(tr("Start from"));
  data_group_->setTitle(tr("Rankings"));
  const QStringList labels{tr("Checkpoint (SFT)"), tr("Held out for validation"), tr("Reward model"), tr("Prompt set")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  sets_hint_->setText(tr("Each ranking of K answers gives K·(K−1)/2 pairs (ties give none); every prompt counts once, "
                         "however many pairs and annotators it has. Held-out prompts measure the accuracy."));
  diagnose_button_->setText(tr("Score the answers"));
  diagnosis_hint_->setText(tr("A reward model that mostly rewards length is the classic failure: look at the correlation. "
                              "Accuracy per annotator: how often the model orders their pairs their way."));
  extremes_->setHorizontalHeaderLabels({tr("Reward"), tr("Prompt"), tr("Answer")});
  annotators_->setHorizontalHeaderLabels({tr("Annotator"), tr("Pairs"), tr("Accuracy")});
  scatter_->xAxis->setLabel(tr("answer length (characters)"));
  scatter_->yAxis->setLabel(tr("reward"));
  scatter_->replot();
  tabs_->setTabText(0, tr("Train"));
  tabs_->setTabText(1, tr("Diagnostics"));
  training_->retranslate();
  monitor_->retranslate();
  count_pairs();
}

TrainingConfig RewardPage::config() const {
  TrainingConfig c = default_reward_config();
  training_->apply_to(c);
  return c;
}

void RewardPage::set_config(const TrainingConfig& config) { training_->show_config(config); }

QStringList RewardPage::chosen_sets() const {
  QStringList out;
  for (int i = 0; i < sets_->count(); ++i)
    if (sets_->item(i)->checkState() == Qt::Checked) out << sets_->item(i)->data(Qt::UserRole).toString();
  return out;
}

void RewardPage::refresh_sets() {
  const QStringList before = chosen_sets();
  const bool first = sets_->count() == 0;
  const QString diagnosed = diagnosis_set_->currentText();
  {
    const QSignalBlocker quiet(sets_);
    sets_->clear();
    diagnosis_set_->clear();
    if (Project* project = studio_.project())
      for (const auto& s : project->db().prompt_sets()) {
        const QString name = QString::fromStdString(s.name);
        auto* item = new QListWidgetItem(tr("%1 · %n ranking(s)", "", int(s.rankings)).arg(name), sets_);
        item->setData(Qt::UserRole, name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState((first || before.contains(name)) && s.rankings > 0 ? Qt::Checked : Qt::Unchecked);
        diagnosis_set_->addItem(name, qint64(s.id));
      }
    diagnosis_set_->setCurrentIndex(std::max(0, diagnosis_set_->findText(diagnosed)));
  }
  count_pairs();
}

namespace {
// The rankings of the named prompt sets (a set that is gone adds none).
std::vector<RankedAnswers> rankings_of_sets(Project& project, const std::vector<std::string>& sets) {
  std::vector<RankedAnswers> rankings;
  for (const auto& name : sets)
    if (const auto set = project.db().prompt_set(name)) {
      auto more = ranked_answers(project, set->id);
      rankings.insert(rankings.end(), more.begin(), more.end());
    }
  return rankings;
}
}  // namespace

void RewardPage::count_pairs() {
  Project* project = studio_.project();
  if (!project) return;
  std::vector<std::string> sets;
  for (const QString& name : chosen_sets()) sets.push_back(name.toStdString());
  const auto rankings = rankings_of_sets(*project, sets);
  const auto pairs = expand_to_pairs(rankings);
  pairs_->setText(pairs.empty() ? tr("No ranked pairs yet: rank answers on the Ranking page (or import preferences there).")
                                : tr("%1 rankings → %2 pairs").arg(rankings.size()).arg(pairs.size()));
  context_fit_->measure(pairs.empty() ? QString() : QString::fromStdString(project->folder()), parent_->checkpoint(),
                        [sets](Project& opened, const Tokenizer& tokenizer, int context) {
                          return pairs_context_fit(expand_to_pairs(rankings_of_sets(opened, sets)), tokenizer, context);
                        });
}

void RewardPage::start() {
  Project* project = studio_.project();
  if (!project || monitor_->busy()) return;
  RewardJob job;
  job.parent_checkpoint = parent_->checkpoint().toStdString();
  if (job.parent_checkpoint.empty()) {
    monitor_->show_error(tr("A reward model starts from a checkpoint: fine-tune one first."));
    return;
  }
  job.config = config();
  const std::string run_id = monitor_->open_new_run(job.config.to_json(), job.parent_checkpoint);
  if (run_id.empty()) return;
  job.run_dir = project->run_dir(run_id);
  launch(std::move(job), QString::fromStdString(run_id), false);
}

void RewardPage::resume_run(const QString& run_id) {
  Project* project = studio_.project();
  if (!project || run_id.isEmpty() || monitor_->busy() || !monitor_->prepare_resume(run_id)) return;
  RewardJob job;
  job.config = config();  // only device and threads apply: the run keeps its own settings
  job.resume = true;
  job.run_dir = project->run_dir(run_id.toStdString());
  launch(std::move(job), run_id, true);  // exact when the same prompt sets are chosen
}

void RewardPage::continue_from(const QString& checkpoint_dir) {
  Project* project = studio_.project();
  if (!project || monitor_->busy()) return;
  RewardJob job;
  job.config = config();
  job.resume = true;
  job.resume_checkpoint = checkpoint_dir.toStdString();
  const std::string run_id = monitor_->add_continuing_run(job.resume_checkpoint, job.config.to_json());
  if (run_id.empty()) return;
  job.run_dir = project->run_dir(run_id);
  launch(std::move(job), QString::fromStdString(run_id), false);
}

void RewardPage::launch(RewardJob job, const QString& run_id, bool resumed) {
  Project* project = studio_.project();
  job.tokenizer_model = project->tokenizer_model();
  job.val_fraction = held_out_->value() / 100.0;
  const std::int64_t steps = job.config.max_steps;
  std::vector<std::string> sets;
  for (const QString& name : chosen_sets()) sets.push_back(name.toStdString());
  const std::string folder = project->folder();
  // The rankings are read and tokenized on the training thread.
  monitor_->launch([job = std::move(job), folder, sets, processes = monitor_->processes()](TrainingObserver& observer, const StopToken& stop) mutable {
    Project project = Project::open(folder);
    job.pairs = expand_to_pairs(rankings_of_sets(project, sets));
    return train_job(std::move(job), processes, observer, stop);
  }, run_id, steps, resumed);
}

void RewardPage::diagnose() {
  Project* project = studio_.project();
  const QString checkpoint = reward_->checkpoint();
  const std::int64_t set = diagnosis_set_->currentData().toLongLong();
  if (!project || checkpoint.isEmpty() || set <= 0 || diagnosis_->running()) return;
  auto result = std::make_shared<RewardDiagnostics>();
  const std::string path = checkpoint.toStdString();
  disconnect(diagnosis_, &BackgroundTask::finished, this, nullptr);
  connect(diagnosis_, &BackgroundTask::finished, this, [this, result](bool ok, const QString& message) {
    // The timer saw the last report before the end (it stuck at 75%): the bar ends full when all is scored.
    if (ok) diagnosis_progress_->setValue(diagnosis_progress_->maximum());
    length_->setText(message);
    length_->setStyleSheet(ok ? QString() : QStringLiteral("color: #c0392b"));
    if (!ok) return;
    QVector<double> x, y;
    for (const auto& a : result->answers) {
      x.push_back(a.characters);
      y.push_back(a.reward);
    }
    scatter_->graph(0)->setData(x, y);
    scatter_->rescaleAxes();
    scatter_->replot();
    // The five highest and the five lowest scored answers.
    extremes_->setRowCount(0);
    const size_t n = result->answers.size();
    for (size_t i = 0; i < n; ++i) {
      if (i >= 5 && i + 5 < n) continue;
      const auto& a = result->answers[i];
      const int row = extremes_->rowCount();
      extremes_->insertRow(row);
      extremes_->setItem(row, 0, new QTableWidgetItem(QString::number(a.reward, 'f', 3)));
      extremes_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(a.prompt).simplified().left(60)));
      auto* answer = new QTableWidgetItem(QString::fromStdString(a.answer).simplified());
      answer->setToolTip(QString::fromStdString(a.answer));
      extremes_->setItem(row, 2, answer);
    }
    annotators_->setRowCount(0);
    for (const auto& a : result->per_annotator) {
      const int row = annotators_->rowCount();
      annotators_->insertRow(row);
      annotators_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(a.annotator)));
      annotators_->setItem(row, 1, new QTableWidgetItem(QString::number(a.pairs)));
      annotators_->setItem(row, 2, new QTableWidgetItem(QString::number(a.accuracy, 'f', 3)));
    }
    extremes_->resizeColumnsToContents();
    annotators_->resizeColumnsToContents();
  });
  diagnosis_progress_->setValue(0);
  length_->setText(tr("Scoring the answers…"));
  length_->setStyleSheet(QString());
  diagnosis_->start(tr("Scoring answers"), [project, path, set, result](BackgroundTask& task) {
    *result = diagnose_reward_model(*project, path, set, [&task](int done, int total) {
      task.report(std::uint64_t(done), std::uint64_t(total));
      return task.keep_going();
    });
    const QString r = std::isnan(result->length_correlation) ? QStringLiteral("–") : QString::number(result->length_correlation, 'f', 2);
    return tr("%n answer(s) scored. Correlation of reward with length: r = %1", "", int(result->answers.size())).arg(r);
  });
}

}  // namespace chattrain::ui
