#include "pretrain_page.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <filesystem>

#include <chattrain/error.h>
#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "background_task.h"
#include "format.h"
#include "metric_chart.h"
#include "studio.h"
#include "training_session.h"

namespace chattrain::ui {
namespace {

QSpinBox* spin(QWidget* parent, int low, int high, int step = 1) {
  auto* s = new QSpinBox(parent);
  s->setRange(low, high);
  s->setSingleStep(step);
  return s;
}

const QColor kTrain("#1f77b4"), kVal("#d62728"), kOther("#7f7f7f");

}  // namespace

PretrainPage::PretrainPage(Studio& studio, QWidget* parent)
    : Page(parent), studio_(studio), session_(new TrainingSession(this)), preparation_(new BackgroundTask(this)) {

  // Settings column.
  model_box_ = new QGroupBox(this);
  model_form_ = new QFormLayout(model_box_);
  preset_ = new QComboBox(model_box_);
  for (const auto& p : model_presets()) preset_->addItem(QString::fromStdString(p.name), QString::fromStdString(p.name));
  layers_ = spin(model_box_, 1, 48);
  width_ = spin(model_box_, 16, 4096, 16);
  heads_ = spin(model_box_, 1, 64);
  context_ = spin(model_box_, 16, 8192, 16);
  for (QWidget* w : {static_cast<QWidget*>(preset_), static_cast<QWidget*>(layers_), static_cast<QWidget*>(width_),
                     static_cast<QWidget*>(heads_), static_cast<QWidget*>(context_)}) {
    model_labels_.push_back(new QLabel(model_box_));
    model_form_->addRow(model_labels_.back(), w);
  }
  estimate_ = new QLabel(model_box_);
  estimate_->setWordWrap(true);
  model_form_->addRow(estimate_);

  training_box_ = new QGroupBox(this);
  training_form_ = new QFormLayout(training_box_);
  batch_ = spin(training_box_, 1, 1024);
  accum_ = spin(training_box_, 1, 256);
  steps_ = spin(training_box_, 1, 10'000'000, 100);
  learning_rate_ = new QDoubleSpinBox(training_box_);
  learning_rate_->setDecimals(5);
  learning_rate_->setRange(1e-5, 1.0);
  learning_rate_->setSingleStep(1e-4);
  warmup_ = spin(training_box_, 0, 1'000'000, 10);
  eval_every_ = spin(training_box_, 0, 1'000'000, 10);
  sample_every_ = spin(training_box_, 0, 1'000'000, 50);
  checkpoint_every_ = spin(training_box_, 0, 1'000'000, 50);
  device_ = new QComboBox(training_box_);
  for (const char* d : {"auto", "cpu", "cuda"}) device_->addItem(QString(), QString::fromLatin1(d));
  for (QWidget* w : {static_cast<QWidget*>(batch_), static_cast<QWidget*>(accum_), static_cast<QWidget*>(steps_),
                     static_cast<QWidget*>(learning_rate_), static_cast<QWidget*>(warmup_), static_cast<QWidget*>(eval_every_),
                     static_cast<QWidget*>(sample_every_), static_cast<QWidget*>(checkpoint_every_), static_cast<QWidget*>(device_)}) {
    training_labels_.push_back(new QLabel(training_box_));
    training_form_->addRow(training_labels_.back(), w);
  }

  start_ = new QPushButton(this);
  pause_ = new QPushButton(this);
  stop_ = new QPushButton(this);
  progress_ = new QProgressBar(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  auto* controls = new QHBoxLayout;
  controls->addWidget(start_);
  controls->addWidget(pause_);
  controls->addWidget(stop_);

  auto* settings = new QWidget(this);
  auto* settings_layout = new QVBoxLayout(settings);
  settings_layout->addWidget(model_box_);
  settings_layout->addWidget(training_box_);
  settings_layout->addLayout(controls);
  settings_layout->addWidget(progress_);
  settings_layout->addWidget(status_);
  settings_layout->addStretch();
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(settings);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(380);  // labels in either language and the spin boxes, side by side

  // Charts.
  loss_ = new MetricChart(QString(), QString(), this);
  lr_ = new MetricChart(QString(), QString(), this);
  grad_ = new MetricChart(QString(), QString(), this);
  speed_ = new MetricChart(QString(), QString(), this);
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
  grid->addWidget(loss_, 0, 0);
  grid->addWidget(lr_, 0, 1);
  grid->addWidget(grad_, 1, 0);
  grid->addWidget(speed_, 1, 1);
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
  runs_ = new QTableWidget(0, 5, runs_tab);
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

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(charts);
  right->addWidget(tabs_);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 1);
  auto* body = new QSplitter(Qt::Horizontal, this);
  body->addWidget(scroll);
  body->addWidget(right);
  body->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading_);
  layout->addWidget(body, 1);

  connect(preset_, &QComboBox::currentIndexChanged, this, &PretrainPage::preset_chosen);
  for (QSpinBox* s : {layers_, width_, heads_, context_, batch_, accum_})
    connect(s, &QSpinBox::valueChanged, this, &PretrainPage::update_estimates);
  connect(start_, &QPushButton::clicked, this, &PretrainPage::start);
  connect(pause_, &QPushButton::clicked, this, &PretrainPage::toggle_pause);
  connect(stop_, &QPushButton::clicked, this, &PretrainPage::stop);
  connect(resume_, &QPushButton::clicked, this, &PretrainPage::resume_selected);
  connect(branch_, &QPushButton::clicked, this, [this] {
    const int row = runs_->currentRow();
    if (!studio_.project() || row < 0) return;
    const QString run_id = runs_->item(row, 0)->data(Qt::UserRole).toString();
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
    if (ok) continue_from(QString::fromStdString(checkpoints[size_t(names.indexOf(chosen))]));
  });
  connect(save_, &QPushButton::clicked, this, &PretrainPage::save_charts);
  connect(smoothing_, &QSlider::valueChanged, this, [this](int v) {
    loss_->set_smoothing(v / 100.0);
    grad_->set_smoothing(v / 100.0);
    speed_->set_smoothing(v / 100.0);
  });
  connect(log_scale_, &QCheckBox::toggled, loss_, &MetricChart::set_log_scale);
  connect(session_, &TrainingSession::finished, this, &PretrainPage::session_finished);
  connect(preparation_, &BackgroundTask::finished, this, [this](bool ok, const QString& message) {
    Q_EMIT studio_.tokenizer_changed();  // it may have been trained just now
    auto next = std::move(after_preparation_);
    after_preparation_ = nullptr;
    if (ok && next) next();
    else if (!ok) {
      status_->setText(message);
      status_->setStyleSheet(QStringLiteral("color: #c0392b"));
    }
    update_buttons();
  });
  connect(runs_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (item->column() == 0 && !loading_) overlay_run(item->data(Qt::UserRole).toString(), item->checkState() == Qt::Checked);
  });
  connect(&studio_, &Studio::project_changed, this, &PretrainPage::refresh_runs);
  connect(&studio_, &Studio::project_changed, this, &PretrainPage::read_vocab_size);
  connect(&studio_, &Studio::tokenizer_changed, this, &PretrainPage::read_vocab_size);
  connect(&studio_, &Studio::runs_changed, this, &PretrainPage::refresh_runs);
  // The charts read the worker's buffer 15 times a second; the trainer never waits for the UI.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &PretrainPage::poll);
  timer->start(66);

  set_config(PretrainConfig::from_preset("demo"));
  loss_->set_smoothing(0.6);
  grad_->set_smoothing(0.6);
  speed_->set_smoothing(0.6);
  retranslate();
  refresh_runs();
  update_buttons();
}

void PretrainPage::retranslate() {
  heading_->setText(title());
  model_box_->setTitle(tr("Model"));
  training_box_->setTitle(tr("Training"));
  const QStringList model_labels{tr("Preset"), tr("Layers"), tr("Width (d_model)"), tr("Attention heads"), tr("Context length")};
  for (int i = 0; i < model_labels.size(); ++i) model_labels_[i]->setText(model_labels[i]);
  const QStringList training_labels{tr("Batch size"), tr("Gradient accumulation"), tr("Steps"), tr("Learning rate"),
                                    tr("Warmup steps"), tr("Validate every"), tr("Sample every"), tr("Checkpoint every"), tr("Device")};
  for (int i = 0; i < training_labels.size(); ++i) training_labels_[i]->setText(training_labels[i]);
  const QStringList devices{tr("Automatic (GPU if present)"), tr("CPU"), tr("GPU (CUDA)")};
  for (int i = 0; i < devices.size(); ++i) device_->setItemText(i, devices[i]);
  for (int i = 0; i < preset_->count(); ++i) {
    const auto& p = model_preset(preset_->itemData(i).toString().toStdString());
    preset_->setItemData(i, QString::fromStdString(p.description), Qt::ToolTipRole);
  }
  start_->setText(tr("Start"));
  stop_->setText(tr("Stop"));
  resume_->setText(tr("Resume selected run"));
  branch_->setText(tr("Continue from a checkpoint…"));
  save_->setText(tr("Save charts…"));
  smoothing_label_->setText(tr("Smoothing"));
  log_scale_->setText(tr("Log scale"));
  loss_->set_title(tr("Loss"), tr("cross-entropy"));
  lr_->set_title(tr("Learning rate"), QString());
  grad_->set_title(tr("Gradient norm"), QString());
  speed_->set_title(tr("Speed"), tr("tokens/s"));
  tabs_->setTabText(0, tr("Samples"));
  tabs_->setTabText(1, tr("Runs"));
  runs_->setHorizontalHeaderLabels({tr("Run (tick to overlay)"), tr("Status"), tr("Step"), tr("Started"), tr("Settings")});
  update_estimates();
  update_buttons();
}

PretrainConfig PretrainPage::config() const {
  PretrainConfig c = PretrainConfig::from_preset(preset_->currentData().toString().toStdString());
  c.model.n_layers = layers_->value();
  c.model.d_model = width_->value();
  c.model.n_heads = heads_->value();
  c.model.n_kv_heads = heads_->value();
  c.model.context_length = context_->value();
  c.model.ffn_hidden = swiglu_hidden(c.model.d_model);
  c.batch_size = batch_->value();
  c.grad_accum_steps = accum_->value();
  c.max_steps = steps_->value();
  c.learning_rate = learning_rate_->value();
  c.warmup_steps = warmup_->value();
  c.eval_interval = eval_every_->value();
  c.sample_interval = sample_every_->value();
  c.checkpoint_interval = checkpoint_every_->value();
  c.device = device_->currentData().toString().toStdString();
  if (vocab_size_ > 0) c.model.vocab_size = vocab_size_;
  return c;
}

void PretrainPage::read_vocab_size() {
  vocab_size_ = 0;
  if (studio_.project() && studio_.project()->has_tokenizer()) {
    try {
      vocab_size_ = Tokenizer::load(studio_.project()->tokenizer_model()).vocab_size();
    } catch (const std::exception&) {
    }  // a broken tokenizer file is reported where it is used: the Tokenizer page and Start
  }
  update_estimates();
}

void PretrainPage::set_config(const PretrainConfig& c) {
  loading_ = true;
  preset_->setCurrentIndex(std::max(0, preset_->findData(QString::fromStdString(c.preset))));
  layers_->setValue(c.model.n_layers);
  width_->setValue(c.model.d_model);
  heads_->setValue(c.model.n_heads);
  context_->setValue(c.model.context_length);
  batch_->setValue(c.batch_size);
  accum_->setValue(c.grad_accum_steps);
  steps_->setValue(int(c.max_steps));
  learning_rate_->setValue(c.learning_rate);
  warmup_->setValue(int(c.warmup_steps));
  eval_every_->setValue(int(c.eval_interval));
  sample_every_->setValue(int(c.sample_interval));
  checkpoint_every_->setValue(int(c.checkpoint_interval));
  device_->setCurrentIndex(std::max(0, device_->findData(QString::fromStdString(c.device))));
  loading_ = false;
  update_estimates();
}

void PretrainPage::preset_chosen() {
  if (loading_) return;
  auto c = PretrainConfig::from_preset(preset_->currentData().toString().toStdString());
  c.max_steps = steps_->value();
  c.eval_interval = eval_every_->value();
  c.sample_interval = sample_every_->value();
  c.checkpoint_interval = checkpoint_every_->value();
  set_config(c);
}

void PretrainPage::update_estimates() {
  if (loading_) return;
  const PretrainConfig c = config();
  try {
    c.model.validate();
  } catch (const Error& e) {
    estimate_->setText(QString("<span style='color:#c0392b'>%1</span>").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
    start_->setEnabled(false);
    return;
  }
  const auto memory = estimate_training_memory(c.model, c.batch_size, c.effective_seq_len());
  estimate_->setText(tr("%1 parameters (vocabulary %2). Training memory about %3: weights %4, optimizer %5, activations %6.")
                         .arg(format_count(double(c.model.parameter_count())))
                         .arg(c.model.vocab_size)
                         .arg(format_bytes(double(memory.total())), format_bytes(double(memory.weights)),
                              format_bytes(double(memory.optimizer)), format_bytes(double(memory.activations))));
  update_buttons();
}

void PretrainPage::update_buttons() {
  const bool running = session_->running() || preparation_->running();
  start_->setEnabled(!running && studio_.project());
  pause_->setEnabled(session_->running());
  stop_->setEnabled(session_->running());
  resume_->setEnabled(!running && studio_.project() && runs_->currentRow() >= 0);
  branch_->setEnabled(resume_->isEnabled());
  pause_->setText(session_->paused() ? tr("Resume") : tr("Pause"));
  for (QWidget* w : {static_cast<QWidget*>(model_box_), static_cast<QWidget*>(training_box_)}) w->setEnabled(!running);
}

void PretrainPage::prepare_then(std::function<void()> next) {
  Project* project = studio_.project();
  if (!project || session_->running() || preparation_->running()) return;
  after_preparation_ = std::move(next);
  status_->setStyleSheet(QString());
  auto shards = prepared_shards_ = std::make_shared<std::vector<std::string>>();
  preparation_->start(tr("Preparing the data"), [project, shards](BackgroundTask& task) {
    auto progress = [&task](std::uint64_t done, std::uint64_t total) { task.report(done, total); };
    ensure_default_dataset(*project);
    // A newcomer can press Start at once: the tokenizer is trained with its defaults if missing.
    if (!project->has_tokenizer()) train_project_tokenizer(*project, TokenizerTrainOptions{}, progress);
    *shards = prepare_shards(*project, progress);
    return QString();
  });
  update_buttons();
}

void PretrainPage::start() { start_new_run({}); }

void PretrainPage::continue_from(const QString& checkpoint_dir) { start_new_run(checkpoint_dir); }

void PretrainPage::start_new_run(const QString& from_checkpoint) {
  prepare_then([this, from_checkpoint] {
    Project* project = studio_.project();
    PretrainJob job;
    // After preparation the vocabulary is the tokenizer's. From a checkpoint only device and threads
    // apply: that run's settings continue.
    job.config = config();
    job.resume = !from_checkpoint.isEmpty();
    job.resume_checkpoint = from_checkpoint.toStdString();
    job.data_dirs = *prepared_shards_;
    job.tokenizer_model = project->tokenizer_model();
    const std::string run_id = project->new_run_id("pretrain");
    project->db().add_run({run_id, "pretrain", "running", "", job.config.to_json(), job.resume_checkpoint});
    job.run_dir = project->run_dir(run_id);
    clear_charts();
    samples_->clear();
    launch(std::move(job), QString::fromStdString(run_id));
  });
}

void PretrainPage::clear_charts() {
  for (auto* chart : {loss_, lr_, grad_, speed_}) chart->clear();
}

void PretrainPage::resume_selected() {
  const int row = runs_->currentRow();
  if (!studio_.project() || row < 0) return;
  const QString run_id = runs_->item(row, 0)->data(Qt::UserRole).toString();
  prepare_then([this, run_id] {
    Project* project = studio_.project();
    PretrainJob job;
    try {
      const auto latest = latest_checkpoint(project->run_dir(run_id.toStdString()));
      if (!latest) throw Error(tr("Run %1 has no checkpoint to resume from.").arg(run_id).toStdString());
      job.config = config();  // only device and threads apply: the run keeps its own settings
      job.resume = true;
      job.data_dirs = *prepared_shards_;
      job.tokenizer_model = project->tokenizer_model();
      job.run_dir = project->run_dir(run_id.toStdString());
      project->db().truncate_metrics(run_id.toStdString(), read_checkpoint_info(*latest).step);
    } catch (const std::exception& e) {
      QMessageBox::warning(this, tr("Cannot resume"), QString::fromStdString(e.what()));
      return;
    }
    clear_charts();
    launch(std::move(job), run_id);
    overlay_run(run_id, true);  // its curve up to the checkpoint; the live points continue it
  });
}

void PretrainPage::launch(PretrainJob job, const QString& run_id) {
  progress_->setMaximum(int(job.config.max_steps));
  progress_->setValue(0);
  status_->setText(tr("Starting…"));
  status_->setStyleSheet(QString());
  session_->start(std::move(job), run_id, QString::fromStdString(studio_.project()->folder() + "/project.sqlite"));
  refresh_runs();
  update_buttons();
}

void PretrainPage::toggle_pause() {
  session_->set_paused(!session_->paused());
  update_buttons();
}

void PretrainPage::stop() {
  session_->stop();
  status_->setText(tr("Stopping: saving a checkpoint…"));
}

void PretrainPage::poll() {
  if (preparation_->running()) {
    progress_->setMaximum(int(std::max<std::uint64_t>(1, preparation_->total())));
    progress_->setValue(int(preparation_->done()));
    status_->setText(preparation_->what() + "… " + format_eta(preparation_->eta_seconds()));
    return;
  }
  if (!session_->running()) return;
  auto update = session_->take_update();
  QMap<QString, QPair<QVector<double>, QVector<double>>> points;
  for (const auto& m : update.metrics) {
    auto& p = points[QString::fromStdString(m.name)];
    p.first.push_back(double(m.step));
    p.second.push_back(m.value);
  }
  const QString live = session_->run_id();
  auto add = [&](MetricChart* chart, const char* metric, const QString& label, const QColor& color, int style = MetricChart::Plain) {
    const auto it = points.find(metric);
    if (it != points.end()) chart->append(live + "/" + metric, label, color, it->first, it->second, style);
  };
  add(loss_, "train/loss", tr("train"), kTrain);
  add(loss_, "val/loss", tr("validation"), kVal, MetricChart::Unsmoothed);
  add(lr_, "train/lr", tr("learning rate"), kTrain);
  add(grad_, "train/grad_norm", tr("gradient norm"), kTrain);
  add(speed_, "train/tokens_per_second", tr("tokens/s"), kTrain);
  if (!points.isEmpty())
    for (auto* chart : {loss_, lr_, grad_, speed_}) chart->replot();
  for (const auto& [step, text] : update.samples)
    samples_->appendPlainText(tr("— step %1 —").arg(step) + "\n" + text + "\n");
  for (const auto& message : update.messages) samples_->appendPlainText(message + "\n");
  if (update.progress) {
    const auto& p = *update.progress;
    progress_->setMaximum(int(p.max_steps));
    progress_->setValue(int(p.step));
    status_->setText((session_->paused() ? tr("Paused. ") : QString()) +
                     tr("Step %1 of %2 · loss %3 · %4 tokens/s · %5 elapsed · %6")
                         .arg(p.step).arg(p.max_steps).arg(p.loss, 0, 'f', 4)
                         .arg(format_count(p.tokens_per_second), format_duration(p.elapsed_seconds), format_eta(p.eta_seconds)));
  }
}

void PretrainPage::session_finished(const QString& status, const QString& message, const QString& checkpoint) {
  poll();
  const QMap<QString, QString> names{{"finished", tr("Finished")}, {"stopped", tr("Stopped")},
                                     {"diverged", tr("Diverged")}, {"failed", tr("Failed")}};
  status_->setText(names.value(status, status) + ": " + message + (checkpoint.isEmpty() ? QString() : "\n" + tr("Checkpoint: %1").arg(checkpoint)));
  status_->setStyleSheet(status == "finished" || status == "stopped" ? QString() : QStringLiteral("color: #c0392b"));
  refresh_runs();
  update_buttons();
  Q_EMIT studio_.runs_changed();
}

void PretrainPage::refresh_runs() {
  loading_ = true;
  runs_->setRowCount(0);
  if (Project* project = studio_.project()) {
    int row = 0;
    const auto runs = project->db().runs();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
      if (it->stage != "pretrain") continue;
      runs_->insertRow(row);
      auto* name = new QTableWidgetItem(QString::fromStdString(it->id));
      name->setData(Qt::UserRole, QString::fromStdString(it->id));
      name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
      name->setCheckState(Qt::Unchecked);
      runs_->setItem(row, 0, name);
      runs_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(it->status)));
      QString step = "-";
      try {
        if (const auto latest = latest_checkpoint(project->run_dir(it->id))) step = QString::number(read_checkpoint_info(*latest).step);
      } catch (const std::exception&) {
      }
      runs_->setItem(row, 2, new QTableWidgetItem(step));
      runs_->setItem(row, 3, new QTableWidgetItem(QString::fromStdString(it->created_at)));
      runs_->setItem(row, 4, new QTableWidgetItem(QString::fromStdString(it->config_json).simplified().left(200)));
      ++row;
    }
  }
  runs_->resizeColumnsToContents();
  loading_ = false;
  update_buttons();
}

void PretrainPage::overlay_run(const QString& run_id, bool shown) {
  for (const char* metric : {"train/loss", "val/loss", "train/lr", "train/grad_norm", "train/tokens_per_second"}) {
    MetricChart* chart = QString(metric).contains("loss") ? loss_ : QString(metric).contains("lr") ? lr_
                         : QString(metric).contains("grad") ? grad_ : speed_;
    const QString key = run_id + "/" + metric;
    chart->remove_series(key);
    if (!shown || !studio_.project()) continue;
    QVector<double> x, y;
    for (const auto& m : studio_.project()->db().metrics(run_id.toStdString(), metric)) {
      x.push_back(double(m.step));
      y.push_back(m.value);
    }
    const bool live = session_->running() && run_id == session_->run_id();
    const bool validation = QString(metric) == "val/loss";
    chart->append(key, run_id + (validation ? " " + tr("validation") : QString()),
                  live ? (validation ? kVal : kTrain) : kOther, x, y,
                  (live ? MetricChart::Plain : MetricChart::Dashed) | (validation ? MetricChart::Unsmoothed : MetricChart::Plain));
    chart->replot();
  }
}

void PretrainPage::save_charts() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Save charts to folder"),
                                                           studio_.project() ? studio_.folder() + "/exports" : QString());
  if (folder.isEmpty()) return;
  bool ok = true;
  const QList<QPair<MetricChart*, QString>> charts{{loss_, "loss"}, {lr_, "learning_rate"}, {grad_, "gradient_norm"}, {speed_, "tokens_per_second"}};
  for (const auto& [chart, name] : charts) ok = chart->save_png(folder + "/" + name + ".png") && chart->save_csv(folder + "/" + name + ".csv") && ok;
  status_->setText(ok ? tr("Charts saved as PNG and CSV in %1").arg(folder) : tr("Could not write the charts to %1").arg(folder));
}

}  // namespace chattrain::ui

namespace chattrain::ui {
bool PretrainPage::busy() const { return session_->running() || preparation_->running(); }
}  // namespace chattrain::ui
