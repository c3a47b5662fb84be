#include "training_monitor.h"
#include "core_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <filesystem>

#include <chattrain/error.h>
#include <chattrain/run.h>
#include <chattrain/train.h>

#include "background_task.h"
#include "format.h"
#include "metric_chart.h"
#include "settings_column.h"
#include "studio.h"

namespace chattrain::ui {
namespace {
const QColor kTrain("#1f77b4"), kVal("#d62728"), kThird("#2ca02c"), kOther("#7f7f7f");
enum Column { kRun, kStatus, kStep, kStarted, kParent, kSettings, kColumns };
}  // namespace

TrainingMonitor::TrainingMonitor(Studio& studio, Stage stage, QWidget* parent)
    : QWidget(parent), studio_(studio), stage_(stage), session_(new TrainingSession(this)) {
  // Controls, placed by the page under its settings.
  controls_ = new QWidget(this);
  start_ = new QPushButton(controls_);
  resume_stopped_ = new QPushButton(controls_);
  resume_stopped_->hide();
  pause_ = new QPushButton(controls_);
  stop_ = new QPushButton(controls_);
  progress_ = new QProgressBar(controls_);
  status_ = new QLabel(controls_);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // Data-parallel training: this many processes, each on its own GPU (or sharing the CPU's cores).
  processes_label_ = new QLabel(controls_);
  processes_ = new QSpinBox(controls_);
  processes_->setRange(1, 64);
  processes_label_->setBuddy(processes_);
  auto* processes_row = new QHBoxLayout;
  processes_row->addWidget(processes_label_);
  processes_row->addWidget(processes_);
  processes_row->addStretch();
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(start_);
  buttons->addWidget(pause_);
  buttons->addWidget(stop_);
  auto* controls_layout = new QVBoxLayout(controls_);
  controls_layout->setContentsMargins(0, 0, 0, 0);
  controls_layout->addLayout(processes_row);
  processes_label_->setVisible(stage_ != Stage::Ppo && stage_ != Stage::Grpo);  // from the command line only (training_processes.h)
  processes_->setVisible(stage_ != Stage::Ppo && stage_ != Stage::Grpo);
  controls_layout->addWidget(resume_stopped_);
  controls_layout->addLayout(buttons);
  controls_layout->addWidget(progress_);
  controls_layout->addWidget(status_);

  // Charts.
  if (stage_ == Stage::Reward)
    plots_ = {{"train/loss", 0, false, kTrain}, {"val/loss", 0, true, kVal}, {"val/accuracy", 1, true, kVal},
              {"val/margin", 2, true, kVal}, {"train/lr", 3, false, kTrain}};
  else if (stage_ == Stage::Dpo)
    plots_ = {{"train/loss", 0, false, kTrain}, {"val/loss", 0, true, kVal}, {"val/accuracy", 1, true, kVal},
              {"val/margin", 2, true, kVal}, {"val/chosen_logp", 3, true, kVal}, {"val/rejected_logp", 3, true, kThird}};
  else if (stage_ == Stage::Grpo)
    plots_ = {{"grpo/reward", 0, false, kTrain}, {"grpo/kl", 1, false, kTrain}, {"grpo/entropy", 2, false, kTrain},
              {"grpo/clip_fraction", 3, false, kTrain}, {"grpo/approx_kl", 3, false, kThird}, {"grpo/flat_groups", 4, false, kTrain},
              {"grpo/answer_length", 5, false, kTrain}};
  else if (stage_ == Stage::Ppo)
    plots_ = {{"ppo/reward", 0, false, kTrain}, {"ppo/kl", 1, false, kTrain}, {"ppo/kl_coef", 1, false, kThird},
              {"ppo/entropy", 2, false, kTrain}, {"ppo/clip_fraction", 3, false, kTrain}, {"ppo/approx_kl", 3, false, kThird},
              {"ppo/value_loss", 4, false, kTrain}, {"ppo/answer_length", 5, false, kTrain}};
  else
    plots_ = {{"train/loss", 0, false, kTrain}, {"val/loss", 0, true, kVal}, {"train/lr", 1, false, kTrain},
              {"train/grad_norm", 2, false, kTrain}, {"train/tokens_per_second", 3, false, kTrain}};
  int chart_count = 0;
  for (const Plot& plot : plots_) chart_count = std::max(chart_count, plot.chart + 1);
  for (int i = 0; i < chart_count; ++i) charts_.push_back(new MetricChart(QString(), QString(), this));
  smoothing_label_ = new QLabel(this);
  smoothing_ = new QSlider(Qt::Horizontal, this);
  smoothing_->setRange(0, 99);
  smoothing_->setValue(60);
  log_scale_ = new QCheckBox(this);
  save_ = new QPushButton(this);
  auto* chart_controls = new QHBoxLayout;
  chart_controls->addWidget(smoothing_label_);
  chart_controls->addWidget(smoothing_, 1);
  chart_controls->addWidget(log_scale_);
  chart_controls->addWidget(save_);
  auto* grid = new QGridLayout;
  const int columns = 2;  // six charts (PPO) go three rows deep rather than widen the window
  for (int i = 0; i < int(charts_.size()); ++i) grid->addWidget(charts_[size_t(i)], i / columns, i % columns);
  auto* charts = new QWidget(this);
  auto* charts_layout = new QVBoxLayout(charts);
  charts_layout->setContentsMargins(0, 0, 0, 0);
  charts_layout->addLayout(chart_controls);
  charts_layout->addLayout(grid, 1);

  // Samples and runs.
  tabs_ = new QTabWidget(this);
  samples_ = new QPlainTextEdit(this);
  samples_->setReadOnly(true);
  auto* runs_tab = new QWidget(this);
  runs_ = new QTableWidget(0, kColumns, runs_tab);
  runs_->setSelectionBehavior(QAbstractItemView::SelectRows);
  runs_->setSelectionMode(QAbstractItemView::SingleSelection);
  runs_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  runs_->horizontalHeader()->setStretchLastSection(true);
  runs_->verticalHeader()->setVisible(false);
  resume_ = new QPushButton(runs_tab);
  branch_ = new QPushButton(runs_tab);
  auto* runs_layout = new QVBoxLayout(runs_tab);
  runs_layout->setContentsMargins(0, 0, 0, 0);
  runs_layout->addWidget(runs_);
  auto* runs_buttons = new QHBoxLayout;
  runs_buttons->addWidget(resume_);
  runs_buttons->addWidget(branch_);
  runs_buttons->addStretch();
  runs_layout->addLayout(runs_buttons);
  tabs_->addTab(samples_, QString());
  tabs_->addTab(runs_tab, QString());

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(charts);
  split->addWidget(tabs_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  connect(start_, &QPushButton::clicked, this, &TrainingMonitor::start_requested);
  connect(resume_stopped_, &QPushButton::clicked, this, [this] {
    if (!resumable_run_.isEmpty()) Q_EMIT resume_requested(resumable_run_);
  });
  connect(pause_, &QPushButton::clicked, this, &TrainingMonitor::toggle_pause);
  connect(stop_, &QPushButton::clicked, this, &TrainingMonitor::stop);
  connect(resume_, &QPushButton::clicked, this, [this] {
    if (!selected_run().isEmpty()) Q_EMIT resume_requested(selected_run());
  });
  connect(branch_, &QPushButton::clicked, this, &TrainingMonitor::choose_checkpoint);
  connect(save_, &QPushButton::clicked, this, &TrainingMonitor::save_charts);
  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) {
    for (auto* chart : charts_) chart->set_smoothing(v / 100.0);
  });
  connect(log_scale_, &QCheckBox::toggled, charts_[0], &MetricChart::set_log_scale);
  connect(session_, &TrainingSession::finished, this, &TrainingMonitor::session_finished);
  connect(runs_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (item->column() == kRun && !loading_) overlay_run(item->data(Qt::UserRole).toString(), item->checkState() == Qt::Checked);
  });
  connect(runs_, &QTableWidget::itemSelectionChanged, this, &TrainingMonitor::update_buttons);
  connect(&studio_, &Studio::project_changed, this, [this] {
    if (!busy()) {  // the last run's end belonged to the other project
      progress_->setValue(0);
      show_status(QString());
    }
    refresh_runs();
  });
  connect(&studio_, &Studio::runs_changed, this, &TrainingMonitor::refresh_runs);
  // The charts read the worker's buffer 15 times a second; the trainer never waits for the UI.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &TrainingMonitor::poll);
  timer->start(66);

  for (auto* chart : charts_) chart->set_smoothing(0.6);
  retranslate();
  refresh_runs();
}

void TrainingMonitor::retranslate() {
  start_->setText(tr("Start"));
  stop_->setText(tr("Stop"));
  resume_->setText(tr("Resume selected run"));
  branch_->setText(tr("Continue from a checkpoint…"));
  save_->setText(tr("Save charts…"));
  offer_resume(resumable_run_, resumable_step_);
  smoothing_label_->setText(tr("Smoothing"));
  log_scale_->setText(tr("Log scale"));
  processes_label_->setText(tr("Processes"));
  processes_->setToolTip(tr("Data-parallel training: each process computes its share of every step and the gradients are "
                            "summed. On GPUs, one process per GPU; on the CPU they share its cores. Pause needs one process: "
                            "Stop saves a checkpoint that Resume continues from."));
  if (stage_ == Stage::Reward) {
    charts_[0]->set_title(tr("Loss"), tr("−log σ(r_chosen − r_rejected)"));
    charts_[1]->set_title(tr("Held-out pairwise accuracy"), tr("share of pairs"));
    charts_[2]->set_title(tr("Mean margin"), tr("r_chosen − r_rejected"));
    charts_[3]->set_title(tr("Learning rate"), QString());
  } else if (stage_ == Stage::Dpo) {
    charts_[0]->set_title(tr("Loss"), tr("−log σ(β·margin)"));
    charts_[1]->set_title(tr("Implicit-reward accuracy (held out)"), tr("share of pairs"));
    charts_[2]->set_title(tr("Implicit-reward margin"), tr("r_chosen − r_rejected"));
    charts_[3]->set_title(tr("Answers' log-probability"), tr("nats"));
  } else if (stage_ == Stage::Grpo) {
    charts_[0]->set_title(tr("Mean reward"), tr("reward model"));
    charts_[1]->set_title(tr("KL to the SFT model"), tr("nats per answer"));
    charts_[2]->set_title(tr("Policy entropy"), tr("nats per token"));
    charts_[3]->set_title(tr("Clipping"), QString());
    charts_[4]->set_title(tr("Prompts whose answers all scored alike"), tr("share: no signal"));
    charts_[5]->set_title(tr("Answer length"), tr("tokens"));
  } else if (stage_ == Stage::Ppo) {
    charts_[0]->set_title(tr("Mean reward"), tr("reward model"));
    charts_[1]->set_title(tr("KL to the SFT model"), tr("nats per answer"));
    charts_[2]->set_title(tr("Policy entropy"), tr("nats per token"));
    charts_[3]->set_title(tr("Clipping"), QString());
    charts_[4]->set_title(tr("Value loss"), QString());
    charts_[5]->set_title(tr("Answer length"), tr("tokens"));
  } else {
    charts_[0]->set_title(tr("Loss"), tr("cross-entropy"));
    charts_[1]->set_title(tr("Learning rate"), QString());
    charts_[2]->set_title(tr("Gradient norm"), QString());
    charts_[3]->set_title(tr("Speed"), tr("tokens/s"));
  }
  tabs_->setTabText(0, tr("Samples"));
  tabs_->setTabText(1, tr("Runs"));
  runs_->setHorizontalHeaderLabels({tr("Run (tick to overlay)"), tr("Status"), tr("Step"), tr("Started"), tr("Starts from"), tr("Settings")});
  update_buttons();
}

QWidget* TrainingMonitor::beside_settings(const QList<QWidget*>& settings, int min_width) {
  auto* column = new QWidget;
  auto* column_layout = new QVBoxLayout(column);
  for (QWidget* w : settings) column_layout->addWidget(w);
  column_layout->addStretch();
  auto* scroll = new SettingsColumn(column, min_width);
  // Start, Pause, Stop and the progress stay in view below the settings, which scroll when the window
  // is too short for them (presentation mode at 1280×800).
  auto* left = new QWidget;
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 0, 0);
  left_layout->addWidget(scroll, 1);
  left_layout->addWidget(controls_);
  auto* body = new QSplitter(Qt::Horizontal);
  body->setChildrenCollapsible(false);  // a growing settings column pushed the charts to zero width
  body->addWidget(left);
  body->addWidget(this);
  body->setStretchFactor(1, 1);
  return body;
}

QString TrainingMonitor::status_text(RunStatus status) {
  switch (status) {
    case RunStatus::Running: return tr("Running");
    case RunStatus::Finished: return tr("Finished");
    case RunStatus::Stopped: return tr("Stopped");
    case RunStatus::Diverged: return tr("Diverged");
    case RunStatus::OutOfMemory: return tr("Out of memory");
    case RunStatus::Failed: return tr("Failed");
  }
  return {};
}

QString TrainingMonitor::shown_status(const RunRecord& run, bool* resumable) const {
  // The catalogue says what the last process to train the run wrote; the run's lock says whether one trains
  // it now: a run resumed by the demo pipeline or by a chattrain process is running although the catalogue
  // still said stopped a moment ago, and one whose process was killed never had its status written.
  Project* project = studio_.project();
  const bool in_use = project && run_in_use(*project, run.id);
  *resumable = !in_use && (run.status == RunStatus::Stopped || run.status == RunStatus::Running);
  if (in_use) return status_text(RunStatus::Running);
  if (run.status == RunStatus::Running) return tr("Interrupted");
  return status_text(run.status);
}

QString TrainingMonitor::checkpoint_step(const std::string& run_id) const {
  try {
    if (const auto latest = latest_checkpoint(studio_.project()->run_dir(run_id))) return QString::number(read_checkpoint_info(*latest).step);
  } catch (const std::exception&) {  // an unreadable checkpoint is reported where it is loaded
  }
  return QStringLiteral("-");
}

void TrainingMonitor::offer_resume(const QString& run_id, const QString& step) {
  resumable_run_ = run_id;
  resumable_step_ = step;
  resume_stopped_->setText(tr("Resume from step %1").arg(step));
  resume_stopped_->setToolTip(tr("Continues run %1 exactly where it stopped, with its own settings. Start begins a new run.").arg(run_id));
  resume_stopped_->setVisible(!run_id.isEmpty());
}

void TrainingMonitor::refresh_statuses() {
  Project* project = studio_.project();
  if (!project) return;
  QMap<QString, RunRecord> runs;
  for (const auto& run : project->db().runs()) runs.insert(QString::fromStdString(run.id), run);
  for (int row = 0; row < runs_->rowCount(); ++row) {
    const auto it = runs.find(runs_->item(row, kRun)->data(Qt::UserRole).toString());
    if (it == runs.end()) continue;
    bool resumable = false;
    const QString status = shown_status(*it, &resumable);
    if (runs_->item(row, kStatus)->text() != status) runs_->item(row, kStatus)->setText(status);
    const QString step = checkpoint_step(it->id);
    if (runs_->item(row, kStep)->text() != step) runs_->item(row, kStep)->setText(step);
    // The offer: the newest run of this stage (row 0), stopped or interrupted with a checkpoint.
    if (row == 0) offer_resume(resumable && step != "-" && !busy() ? it.key() : QString(), step);
  }
}

bool TrainingMonitor::busy() const { return session_->running() || (preparation_ && preparation_->running()); }

std::string TrainingMonitor::open_new_run(const std::string& config_json, const std::string& parent) {
  try {
    run_lock_ = {};
    const std::string run_id = chattrain::open_new_run(*studio_.project(), stage_, "", config_json, parent);
    run_lock_ = lock_run(*studio_.project(), run_id);  // held while it trains: a chattrain process on it is refused
    return run_id;
  } catch (const std::exception& e) {
    show_error(error_text(e));
    return {};
  }
}

bool TrainingMonitor::prepare_resume(const QString& run_id) {
  try {
    run_lock_ = {};
    run_lock_ = lock_run(*studio_.project(), run_id.toStdString());  // before its metrics past the checkpoint go
    open_resumed_run(*studio_.project(), run_id.toStdString());
    return true;
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot resume"), error_text(e));
    return false;
  }
}

std::string TrainingMonitor::add_continuing_run(const std::string& checkpoint_dir, const std::string& config_json) {
  std::string parent;
  try {
    parent = read_checkpoint_info(checkpoint_dir).parent;
  } catch (const std::exception& e) {
    show_error(error_text(e));
    return {};
  }
  return open_new_run(config_json, parent);
}

QString TrainingMonitor::selected_run() const {
  const int row = runs_->currentRow();
  return row < 0 ? QString() : runs_->item(row, kRun)->data(Qt::UserRole).toString();
}

void TrainingMonitor::update_buttons() {
  const bool running = busy();
  start_->setEnabled(!running && studio_.project());
  pause_->setEnabled(session_->running() && !in_processes_);
  processes_->setEnabled(!running);
  stop_->setEnabled(session_->running());
  // No empty bar while nothing has run: it shows a run, or preparation, and then how the last run ended.
  progress_->setVisible(running || progress_->value() > 0);
  resume_->setEnabled(!running && studio_.project() && runs_->currentRow() >= 0);
  branch_->setEnabled(resume_->isEnabled());
  if (running && resume_stopped_->isVisible()) offer_resume({}, {});
  pause_->setText(session_->paused() ? tr("Resume") : tr("Pause"));
  if (running != was_busy_) {
    was_busy_ = running;
    Q_EMIT busy_changed(running);
  }
}

void TrainingMonitor::choose_checkpoint() {
  const QString run_id = selected_run();
  if (!studio_.project() || run_id.isEmpty()) return;
  QStringList names;
  const auto checkpoints = list_checkpoints(studio_.project()->run_dir(run_id.toStdString()));
  for (const auto& c : checkpoints) names << QString::fromStdString(std::filesystem::path(c).filename().string());
  if (names.isEmpty()) {
    QMessageBox::information(this, tr("No checkpoint"), tr("Run %1 has no checkpoint yet.").arg(run_id));
    return;
  }
  bool ok = false;
  const QString chosen = QInputDialog::getItem(this, tr("Continue from a checkpoint"),
                                               tr("A new run continues exactly from this checkpoint of %1:").arg(run_id),
                                               names, int(names.size()) - 1, false, &ok);
  if (ok) Q_EMIT continue_requested(QString::fromStdString(checkpoints[size_t(names.indexOf(chosen))]));
}

int TrainingMonitor::processes() const { return processes_->isHidden() ? 1 : processes_->value(); }

void TrainingMonitor::launch(TrainingSession::Work work, const QString& run_id, std::int64_t max_steps, bool resumed) {
  in_processes_ = processes() > 1;
  clear_charts();
  if (!resumed) samples_->clear();
  progress_->setMaximum(int(std::max<std::int64_t>(1, max_steps)));
  progress_->setValue(0);
  show_status(tr("Starting…"));
  session_->start(std::move(work), run_id, QString::fromStdString(studio_.project()->folder() + "/project.sqlite"));
  refresh_runs();
  if (resumed) overlay_run(run_id, true);  // its curve up to the checkpoint; the live points continue it
  update_buttons();
}

void TrainingMonitor::show_error(const QString& message) {
  status_->setText(message);
  status_->setStyleSheet(QStringLiteral("color: #c0392b"));
}

void TrainingMonitor::show_status(const QString& message) {
  status_->setText(message);
  status_->setStyleSheet(QString());
}

void TrainingMonitor::toggle_pause() {
  session_->set_paused(!session_->paused());
  update_buttons();
}

void TrainingMonitor::stop() {
  session_->stop();
  status_->setText(tr("Stopping: saving a checkpoint…"));
}

void TrainingMonitor::clear_charts() {
  for (auto* chart : charts_) chart->clear();
}

void TrainingMonitor::poll() {
  update_buttons();
  if (++polls_ % 15 == 0 && isVisible()) refresh_statuses();  // once a second
  if (preparation_ && preparation_->running()) {
    progress_->setMaximum(int(std::max<std::uint64_t>(1, preparation_->total())));
    progress_->setValue(int(preparation_->done()));
    status_->setText(preparation_->what() + "… " + format_eta(preparation_->eta_seconds()));
    return;
  }
  if (session_->running()) drain();
}

void TrainingMonitor::drain() {
  auto update = session_->take_update();
  QMap<QString, QPair<QVector<double>, QVector<double>>> points;
  for (const auto& m : update.metrics) {
    auto& p = points[QString::fromStdString(m.name)];
    p.first.push_back(double(m.step));
    p.second.push_back(m.value);
  }
  const QString live = session_->run_id();
  for (const Plot& plot : plots_) {
    const auto it = points.find(plot.metric);
    if (it != points.end())
      charts_[size_t(plot.chart)]->append(live + "/" + plot.metric, series_label(plot.metric), plot.colour, it->first,
                                  it->second, plot.validation ? MetricChart::Unsmoothed : MetricChart::Plain);
  }
  if (!points.isEmpty())
    for (auto* chart : charts_) chart->replot();
  // PPO and GRPO: where the newest iteration's time went.
  const QString prefix = stage_ == Stage::Grpo ? "grpo/" : "ppo/";
  if (points.contains(prefix + "time_generation")) {
    auto share = [&](const char* name) { return QString::number(std::lround(100 * points[prefix + name].second.back())); };
    time_split_ = tr("Time per iteration: answering %1% · log-probabilities %2% · scoring %3% · update %4%")
                      .arg(share("time_generation"), share("time_log_probs"), share("time_scoring"), share("time_update"));
  }
  for (const auto& [step, text] : update.samples)
    samples_->appendPlainText(tr("— step %1 —").arg(step) + "\n" + text + "\n");
  for (const auto& message : update.messages) samples_->appendPlainText(message + "\n");
  if (update.progress) {
    const auto& p = *update.progress;
    progress_->setMaximum(int(p.max_steps));
    progress_->setValue(int(p.step));
    // Utilisation and memory where the run knows them (PPO reports neither).
    QString device;
    if (p.model_flops_utilisation > 0) device += tr(" · MFU %1%").arg(100 * p.model_flops_utilisation, 0, 'f', 0);
    if (p.memory_bytes > 0)
      device += p.estimated_bytes > 0 ? tr(" · memory %1 (estimate %2)").arg(format_bytes(double(p.memory_bytes)), format_bytes(double(p.estimated_bytes)))
                                      : tr(" · memory %1").arg(format_bytes(double(p.memory_bytes)));
    status_->setText((session_->paused() ? tr("Paused. ") : QString()) +
                     tr("Step %1 of %2 · loss %3 · %4 tokens/s%5 · %6 elapsed · %7")
                         .arg(p.step).arg(p.max_steps).arg(p.loss, 0, 'f', 4)
                         .arg(format_count(p.tokens_per_second), device, format_duration(p.elapsed_seconds), format_eta(p.eta_seconds)) +
                     (time_split_.isEmpty() ? QString() : "\n" + time_split_));
  }
}

void TrainingMonitor::session_finished(RunStatus status, const QString& message, const QString& checkpoint) {
  drain();  // what the run reported after the last poll
  run_lock_ = {};
  time_split_.clear();  // the next run starts without one
  if (status == RunStatus::Finished) progress_->setValue(progress_->maximum());
  status_->setText(status_text(status) + ": " + message + (checkpoint.isEmpty() ? QString() : "\n" + tr("Checkpoint: %1").arg(checkpoint)));
  status_->setStyleSheet(status == RunStatus::Finished || status == RunStatus::Stopped ? QString() : QStringLiteral("color: #c0392b"));
  update_buttons();
  Q_EMIT studio_.runs_changed();  // every page that lists checkpoints (this one included) refreshes
}

void TrainingMonitor::refresh_runs() {
  loading_ = true;
  runs_->setRowCount(0);
  if (Project* project = studio_.project()) {
    const QString runs_prefix = QDir(QString::fromStdString(project->runs_dir())).absolutePath() + "/";
    int row = 0;
    const auto runs = project->db().runs();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
      if (it->stage != stage_) continue;
      runs_->insertRow(row);
      auto* name = new QTableWidgetItem(QString::fromStdString(it->id));
      name->setData(Qt::UserRole, QString::fromStdString(it->id));
      name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
      name->setCheckState(Qt::Unchecked);
      runs_->setItem(row, kRun, name);
      bool resumable = false;
      runs_->setItem(row, kStatus, new QTableWidgetItem(shown_status(*it, &resumable)));
      const QString step = checkpoint_step(it->id);
      runs_->setItem(row, kStep, new QTableWidgetItem(step));
      runs_->setItem(row, kStarted, new QTableWidgetItem(QString::fromStdString(it->created_at)));
      // Lineage: the checkpoint the run started from, relative to the project's runs folder.
      QString parent = QString::fromStdString(it->parent_checkpoint);
      if (parent.startsWith(runs_prefix)) parent = parent.mid(runs_prefix.size());
      auto* parent_item = new QTableWidgetItem(parent.isEmpty() ? tr("(from scratch)") : parent);
      parent_item->setToolTip(QString::fromStdString(it->parent_checkpoint));
      runs_->setItem(row, kParent, parent_item);
      runs_->setItem(row, kSettings, new QTableWidgetItem(QString::fromStdString(it->config_json).simplified().left(200)));
      ++row;
    }
  }
  runs_->resizeColumnsToContents();
  loading_ = false;
  refresh_statuses();  // and the resume offer
  if (runs_->rowCount() == 0) offer_resume({}, {});
  update_buttons();
}

void TrainingMonitor::overlay_run(const QString& run_id, bool shown) {
  for (const Plot& plot : plots_) {
    MetricChart* chart = charts_[size_t(plot.chart)];
    const char* metric = plot.metric;
    const QString key = run_id + "/" + metric;
    chart->remove_series(key);
    if (!shown || !studio_.project()) continue;
    QVector<double> x, y;
    for (const auto& m : studio_.project()->db().metrics(run_id.toStdString(), metric)) {
      x.push_back(double(m.step));
      y.push_back(m.value);
    }
    const bool live = session_->running() && run_id == session_->run_id();
    const bool validation = plot.validation;
    chart->append(key, run_id + (validation ? " " + series_label(metric) : QString()),
                  live ? plot.colour : kOther, x, y,
                  (live ? MetricChart::Plain : MetricChart::Dashed) | (validation ? MetricChart::Unsmoothed : MetricChart::Plain));
    chart->replot();
  }
}

QString TrainingMonitor::series_label(const QString& metric) const {
  const QMap<QString, QString> labels{{"train/loss", tr("train")},
                                      {"val/loss", tr("validation")},
                                      {"train/lr", tr("learning rate")},
                                      {"train/grad_norm", tr("gradient norm")},
                                      {"train/tokens_per_second", tr("tokens/s")},
                                      {"val/accuracy", tr("held-out accuracy")},
                                      {"val/margin", tr("mean margin")},
                                      {"val/chosen_logp", tr("chosen answers")},
                                      {"val/rejected_logp", tr("rejected answers")},
                                      {"ppo/reward", tr("reward")},
                                      {"ppo/kl", tr("KL")},
                                      {"ppo/kl_coef", tr("KL coefficient")},
                                      {"ppo/entropy", tr("entropy")},
                                      {"ppo/clip_fraction", tr("clip fraction")},
                                      {"ppo/approx_kl", tr("approximate KL")},
                                      {"ppo/value_loss", tr("value loss")},
                                      {"ppo/answer_length", tr("answer length")},
                                      {"grpo/flat_groups", tr("share of prompts")}};
  // GRPO's metrics are PPO's under its own name.
  const QString as_ppo = metric.startsWith("grpo/") ? "ppo/" + metric.section('/', 1) : metric;
  return labels.value(metric, labels.value(as_ppo, metric));
}

void TrainingMonitor::save_charts() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Save charts to folder"),
                                                           studio_.project() ? studio_.folder() + "/exports" : QString());
  if (folder.isEmpty()) return;
  bool ok = true;
  for (const Plot& plot : plots_) {
    if (plot.metric == QStringLiteral("val/loss")) continue;  // drawn with train/loss
    QString name = QString(plot.metric).section('/', 1);
    MetricChart* chart = charts_[size_t(plot.chart)];
    ok = chart->save_png(folder + "/" + name + ".png") && chart->save_csv(folder + "/" + name + ".csv") && ok;
  }
  show_status(ok ? tr("Charts saved as PNG and CSV in %1").arg(folder) : tr("Could not write the charts to %1").arg(folder));
}

}  // namespace chattrain::ui
