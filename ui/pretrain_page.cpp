#include "pretrain_page.h"
#include "core_text.h"

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
#include <QListWidget>
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

#include <algorithm>

#include <filesystem>

#include <chattrain/error.h>
#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "background_task.h"
#include "format.h"
#include "metric_chart.h"
#include "studio.h"
#include "training_monitor.h"
#include "training_settings.h"

namespace chattrain::ui {

PretrainPage::PretrainPage(Studio& studio, QWidget* parent)
    : Page(parent), studio_(studio), preparation_(new BackgroundTask(this)) {

  // Settings column.
  data_box_ = new QGroupBox(this);
  datasets_ = new QListWidget(data_box_);
  datasets_help_ = new QLabel(data_box_);
  mark_as_help(datasets_help_);
  auto* data_layout = new QVBoxLayout(data_box_);
  data_layout->addWidget(datasets_);
  data_layout->addWidget(datasets_help_);

  model_box_ = new QGroupBox(this);
  model_form_ = new QFormLayout(model_box_);
  preset_ = new QComboBox(model_box_);
  for (const auto& p : model_presets()) preset_->addItem(QString::fromStdString(p.name), QString::fromStdString(p.name));
  layers_ = spin_box(model_box_, 1, 48);
  width_ = spin_box(model_box_, 16, 4096, 16);
  heads_ = spin_box(model_box_, 1, 64);
  context_ = spin_box(model_box_, 16, 8192, 16);
  for (QWidget* w : {static_cast<QWidget*>(preset_), static_cast<QWidget*>(layers_), static_cast<QWidget*>(width_),
                     static_cast<QWidget*>(heads_), static_cast<QWidget*>(context_)}) {
    model_labels_.push_back(new QLabel(model_box_));
    model_form_->addRow(model_labels_.back(), w);
  }
  estimate_ = new QLabel(model_box_);
  estimate_->setWordWrap(true);
  estimate_->setTextFormat(Qt::RichText);
  model_form_->addRow(estimate_);

  training_box_ = new TrainingSettings(this);

  monitor_ = new TrainingMonitor(studio_, Stage::Pretrain, this);
  monitor_->watch(preparation_);

  // 380 px: labels in either language and the spin boxes, side by side.
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(monitor_->beside_settings({data_box_, model_box_, training_box_}, 380), 1);

  connect(preset_, &QComboBox::currentIndexChanged, this, &PretrainPage::preset_chosen);
  for (QSpinBox* s : {layers_, width_, heads_, context_}) connect(s, &QSpinBox::valueChanged, this, &PretrainPage::update_estimates);
  connect(training_box_, &TrainingSettings::changed, this, &PretrainPage::update_estimates);
  connect(monitor_, &TrainingMonitor::start_requested, this, &PretrainPage::start);
  connect(monitor_, &TrainingMonitor::resume_requested, this, &PretrainPage::resume_run);
  connect(monitor_, &TrainingMonitor::continue_requested, this, &PretrainPage::continue_from);
  connect(monitor_, &TrainingMonitor::busy_changed, this, [this](bool busy) {
    for (QWidget* w : {static_cast<QWidget*>(data_box_), static_cast<QWidget*>(model_box_), static_cast<QWidget*>(training_box_)})
      w->setEnabled(!busy);
  });
  connect(preparation_, &BackgroundTask::finished, this, [this](bool ok, const QString& message) {
    Q_EMIT studio_.tokenizer_changed();  // it may have been trained just now
    auto next = std::move(after_preparation_);
    after_preparation_ = nullptr;
    if (ok && next) next();
    else if (!ok) monitor_->show_error(message);
    monitor_->update_buttons();
  });
  connect(&studio_, &Studio::project_changed, this, &PretrainPage::read_vocab_size);
  connect(&studio_, &Studio::tokenizer_changed, this, &PretrainPage::read_vocab_size);
  connect(&studio_, &Studio::project_changed, this, [this] {
    datasets_->clear();  // another project's choice does not carry over
    list_datasets();
  });
  connect(&studio_, &Studio::datasets_changed, this, &PretrainPage::list_datasets);
  connect(&studio_, &Studio::tokenizer_changed, this, &PretrainPage::list_datasets);
  connect(datasets_, &QListWidget::itemChanged, this, [this] { monitor_->update_buttons(); });

  set_config(TrainingConfig::from_preset("demo"));
  retranslate();
  list_datasets();
}

void PretrainPage::retranslate() {
  set_header();
  data_box_->setTitle(tr("Data"));
  datasets_help_->setText(tr("The run reads the checked text datasets, each in proportion to its tokens: uncheck a large one "
                             "for a small one to count."));
  list_datasets();
  model_box_->setTitle(tr("Model"));
  const QStringList model_labels{tr("Preset"), tr("Layers"), tr("Width (d_model)"), tr("Attention heads"), tr("Context length")};
  for (int i = 0; i < model_labels.size(); ++i) model_labels_[i]->setText(model_labels[i]);
  training_box_->retranslate();
  for (int i = 0; i < preset_->count(); ++i) {
    const std::string name = preset_->itemData(i).toString().toStdString();
    preset_->setItemData(i, QString::fromStdString(model_preset(name).description), Qt::ToolTipRole);
  }
  monitor_->retranslate();
  update_estimates();
}

TrainingConfig PretrainPage::config() const {
  TrainingConfig c = TrainingConfig::from_preset(preset_->currentData().toString().toStdString());
  c.model.n_layers = layers_->value();
  c.model.d_model = width_->value();
  c.model.n_heads = heads_->value();
  c.model.n_kv_heads = heads_->value();
  c.model.context_length = context_->value();
  c.model.ffn_hidden = swiglu_hidden(c.model.d_model);
  training_box_->apply_to(c);
  if (vocab_size_ > 0) c.model.vocab_size = vocab_size_;
  // Named even when all are checked: a resumed run then reads these, whatever is imported later.
  for (int i = 0; i < datasets_->count(); ++i)
    if (datasets_->item(i)->checkState() == Qt::Checked) c.datasets.push_back(datasets_->item(i)->data(Qt::UserRole).toString().toStdString());
  return c;
}

void PretrainPage::list_datasets() {
  QSet<QString> unchecked;
  for (int i = 0; i < datasets_->count(); ++i)
    if (datasets_->item(i)->checkState() != Qt::Checked) unchecked.insert(datasets_->item(i)->data(Qt::UserRole).toString());
  const QSignalBlocker quiet(datasets_);
  datasets_->clear();
  if (!studio_.project()) return;
  for (const auto& d : studio_.project()->db().datasets()) {
    if (is_dialogue_dataset(d)) continue;
    const QString name = QString::fromStdString(d.name);
    std::int64_t tokens = -1;
    try {
      tokens = dataset_tokens(*studio_.project(), d.name);
    } catch (const std::exception&) {
    }  // a damaged manifest: shown by documents; preparing the data tokenizes it again
    auto* item = new QListWidgetItem(tokens >= 0 ? tr("%1 · %2 tokens").arg(name, format_count(double(tokens)))
                                                 : tr("%1 · %2 documents").arg(name, format_count(double(d.documents))),
                                     datasets_);
    item->setData(Qt::UserRole, name);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(unchecked.contains(name) ? Qt::Unchecked : Qt::Checked);
  }
  // As tall as its rows, up to five (then it scrolls): the settings below stay in view.
  const int rows = std::clamp(datasets_->count(), 1, 5);
  datasets_->setFixedHeight(rows * std::max(datasets_->sizeHintForRow(0), datasets_->fontMetrics().height()) + 2 * datasets_->frameWidth() + 4);
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

void PretrainPage::set_config(const TrainingConfig& c) {
  loading_ = true;
  preset_->setCurrentIndex(std::max(0, preset_->findData(QString::fromStdString(c.preset))));
  layers_->setValue(c.model.n_layers);
  width_->setValue(c.model.d_model);
  heads_->setValue(c.model.n_heads);
  context_->setValue(c.model.context_length);
  training_box_->show_config(c);
  if (!c.datasets.empty()) {
    const QSignalBlocker quiet(datasets_);
    for (int i = 0; i < datasets_->count(); ++i) {
      const std::string name = datasets_->item(i)->data(Qt::UserRole).toString().toStdString();
      datasets_->item(i)->setCheckState(std::find(c.datasets.begin(), c.datasets.end(), name) != c.datasets.end() ? Qt::Checked : Qt::Unchecked);
    }
  }
  loading_ = false;
  update_estimates();
}

void PretrainPage::preset_chosen() {
  if (loading_) return;
  // The preset brings its model and batch; the schedule the user set stays.
  const TrainingConfig current = config();
  auto c = TrainingConfig::from_preset(preset_->currentData().toString().toStdString());
  c.max_steps = current.max_steps;
  c.eval_interval = current.eval_interval;
  c.sample_interval = current.sample_interval;
  c.checkpoint_interval = current.checkpoint_interval;
  set_config(c);
}

void PretrainPage::update_estimates() {
  if (loading_) return;
  const TrainingConfig c = config();
  try {
    c.model.validate();
  } catch (const Error& e) {
    estimate_->setText(QString("<span style='color:#c0392b'>%1</span>").arg(error_text(e).toHtmlEscaped()));
    monitor_->start_button()->setEnabled(false);
    return;
  }
  const auto memory = estimate_training_memory(c, c.device);
  QString text = tr("%1 parameters (vocabulary %2). Training memory about %3: weights %4, optimizer %5, activations %6.")
                     .arg(format_count(double(c.model.parameter_count())))
                     .arg(c.model.vocab_size)
                     .arg(format_bytes(double(memory.total())), format_bytes(double(memory.weights)),
                          format_bytes(double(memory.optimizer)), format_bytes(double(memory.activations)));
  // What the run will do about it, as the trainer will decide it at Start.
  const std::int64_t budget = memory_budget(c);
  if (budget > 0) {
    const BatchFit fit = fit_batch_to_memory(c, c.device, budget);
    if (fit.fits && fit.batch_size == c.batch_size)
      text += " " + tr("It fits the %1 available.").arg(format_bytes(double(budget)));
    else if (c.auto_fit_batch && fit.fits)
      text += " <span style='color:#b9770e'>" +
              tr("Only %1 is available: the run will take micro-batches of %2 with %3 accumulation steps.")
                  .arg(format_bytes(double(budget)))
                  .arg(fit.batch_size)
                  .arg(fit.grad_accum_steps) + "</span>";
    else
      text += " <span style='color:#c0392b'>" +
              tr("Only %1 is available: lower the batch size or the sequence length, or recompute activations.")
                  .arg(format_bytes(double(budget))) + "</span>";
  }
  estimate_->setText(text);
  monitor_->update_buttons();
}

void PretrainPage::prepare_then(std::function<void()> next, const std::vector<std::string>& datasets) {
  Project* project = studio_.project();
  if (!project || monitor_->busy()) return;
  after_preparation_ = std::move(next);
  monitor_->show_status(QString());
  auto shards = prepared_shards_ = std::make_shared<std::vector<std::string>>();
  preparation_->start(tr("Preparing the data"), [project, shards, datasets](BackgroundTask& task) {
    auto progress = [&task](std::uint64_t done, std::uint64_t total) { task.report(done, total); };
    ensure_default_dataset(*project);
    // A newcomer can press Start at once: the tokenizer is trained with its defaults if missing.
    if (!project->has_tokenizer()) train_project_tokenizer(*project, TokenizerTrainOptions{}, progress);
    // A new run: the datasets checked; a resumed one: every text dataset (it reads its own among them).
    *shards = prepare_shards(*project, progress, datasets);
    return QString();
  });
  monitor_->update_buttons();
}

void PretrainPage::start() { start_new_run({}); }

void PretrainPage::continue_from(const QString& checkpoint_dir) { start_new_run(checkpoint_dir); }

void PretrainPage::start_new_run(const QString& from_checkpoint) {
  if (from_checkpoint.isEmpty() && datasets_->count() > 0 && config().datasets.empty()) {
    monitor_->show_error(tr("Check at least one dataset for the run to read."));
    return;
  }
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
    const std::string run_id = monitor_->open_new_run(job.config.to_json(), job.resume_checkpoint);
    if (run_id.empty()) return;
    job.run_dir = project->run_dir(run_id);
    launch(std::move(job), QString::fromStdString(run_id), false);
  }, from_checkpoint.isEmpty() ? config().datasets : std::vector<std::string>{});
}

void PretrainPage::resume_selected() { resume_run(monitor_->selected_run()); }

void PretrainPage::resume_run(const QString& run_id) {
  if (!studio_.project() || run_id.isEmpty()) return;
  prepare_then([this, run_id] {
    Project* project = studio_.project();
    if (!monitor_->prepare_resume(run_id)) return;
    PretrainJob job;
    job.config = config();  // only device and threads apply: the run keeps its own settings
    job.resume = true;
    job.data_dirs = *prepared_shards_;
    job.tokenizer_model = project->tokenizer_model();
    job.run_dir = project->run_dir(run_id.toStdString());
    launch(std::move(job), run_id, true);
  });
}

void PretrainPage::launch(PretrainJob job, const QString& run_id, bool resumed) {
  const std::int64_t steps = job.config.max_steps;
  monitor_->launch([job = std::move(job), processes = monitor_->processes()](TrainingObserver& observer, const StopToken& stop) {
    return train_job(job, processes, observer, stop);
  }, run_id, steps, resumed);
}

bool PretrainPage::busy() const { return monitor_->busy(); }

}  // namespace chattrain::ui
