#include "training_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <chattrain/version.h>

#include "format.h"

namespace chattrain::ui {
QSpinBox* spin_box(QWidget* parent, int low, int high, int step) {
  auto* s = new QSpinBox(parent);
  s->setRange(low, high);
  s->setSingleStep(step);
  return s;
}

QDoubleSpinBox* decimal_box(QWidget* parent, double low, double high, double step, int decimals, double value) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(low, high);
  box->setSingleStep(step);
  box->setDecimals(decimals);
  box->setValue(value);
  return box;
}

TrainingSettings::TrainingSettings(QWidget* parent) : QGroupBox(parent) {
  form_ = new QFormLayout(this);
  batch_ = spin_box(this, 1, 1024);
  accum_ = spin_box(this, 1, 256);
  steps_ = spin_box(this, 1, 10'000'000, 100);
  learning_rate_ = new QDoubleSpinBox(this);
  learning_rate_->setDecimals(5);
  learning_rate_->setRange(1e-5, 1.0);
  learning_rate_->setSingleStep(1e-4);
  warmup_ = spin_box(this, 0, 1'000'000, 10);
  eval_every_ = spin_box(this, 0, 1'000'000, 10);
  sample_every_ = spin_box(this, 0, 1'000'000, 50);
  checkpoint_every_ = spin_box(this, 0, 1'000'000, 50);
  // Automatic, the CPU, then each GPU LibTorch sees as cuda:0, cuda:1…; without one, a disabled "GPU"
  // entry says there is none (and still shows a setting saved on a machine that had one).
  device_ = new QComboBox(this);
  device_->addItem(QString(), QStringLiteral("auto"));
  device_->addItem(QString(), QStringLiteral("cpu"));
  gpus_ = int(compute_devices().gpus.size());
  for (int i = 0; i < gpus_; ++i) device_->addItem(QString(), QStringLiteral("cuda:%1").arg(i));
  if (gpus_ == 0) {
    device_->addItem(QString(), QStringLiteral("cuda"));
    static_cast<QStandardItemModel*>(device_->model())->item(2)->setEnabled(false);
  }
  auto* memory = new QWidget(this);  // one "Memory" row, two choices
  auto* memory_layout = new QVBoxLayout(memory);
  memory_layout->setContentsMargins(0, 0, 0, 0);
  checkpointing_ = new QCheckBox(memory);
  fit_batch_ = new QCheckBox(memory);
  memory_layout->addWidget(checkpointing_);
  memory_layout->addWidget(fit_batch_);
  for (QWidget* w : {static_cast<QWidget*>(batch_), static_cast<QWidget*>(accum_), static_cast<QWidget*>(steps_),
                     static_cast<QWidget*>(learning_rate_), static_cast<QWidget*>(warmup_), static_cast<QWidget*>(eval_every_),
                     static_cast<QWidget*>(sample_every_), static_cast<QWidget*>(checkpoint_every_), static_cast<QWidget*>(device_),
                     memory}) {
    labels_.push_back(new QLabel(this));
    form_->addRow(labels_.back(), w);
  }
  for (QSpinBox* s : {batch_, accum_}) connect(s, &QSpinBox::valueChanged, this, &TrainingSettings::changed);
  connect(device_, &QComboBox::currentIndexChanged, this, &TrainingSettings::changed);
  for (QCheckBox* c : {checkpointing_, fit_batch_}) connect(c, &QCheckBox::toggled, this, &TrainingSettings::changed);
  retranslate();
}

void TrainingSettings::retranslate() {
  setTitle(tr("Training"));
  const QStringList labels{tr("Batch size"), tr("Gradient accumulation"), tr("Steps"), tr("Learning rate"),
                           tr("Warmup steps"), tr("Validate every"), tr("Sample every"), tr("Checkpoint every"), tr("Device"),
                           tr("Memory")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  device_->setItemText(0, tr("Automatic (GPU if present)"));
  device_->setItemText(1, tr("CPU"));
  const auto gpus = compute_devices().gpus;
  for (int i = 0; i < gpus_; ++i)
    device_->setItemText(2 + i, gpus[size_t(i)].name.empty()
                                    ? tr("GPU %1").arg(i)
                                    : tr("GPU %1: %2, %3").arg(i).arg(QString::fromStdString(gpus[size_t(i)].name),
                                                                      format_bytes(double(gpus[size_t(i)].memory_bytes))));
  if (gpus_ == 0) device_->setItemText(2, tr("GPU (CUDA): none found"));
  checkpointing_->setText(tr("Recompute activations"));
  checkpointing_->setToolTip(tr("Activation checkpointing: each block keeps only its input and runs again during the "
                                "backward pass. Memory for activations drops to a fraction; a step takes about a third longer."));
  fit_batch_->setText(tr("Fit the batch to memory"));
  fit_batch_->setToolTip(tr("Before the first step (and after running out of memory) the micro-batch is lowered and the "
                            "accumulation raised, so that each step still trains on as many sequences."));
}

void TrainingSettings::show_config(const TrainingConfig& c) {
  batch_->setValue(c.batch_size);
  accum_->setValue(c.grad_accum_steps);
  steps_->setValue(int(c.max_steps));
  learning_rate_->setValue(c.learning_rate);
  warmup_->setValue(int(c.warmup_steps));
  eval_every_->setValue(int(c.eval_interval));
  sample_every_->setValue(int(c.sample_interval));
  checkpoint_every_->setValue(int(c.checkpoint_interval));
  const QString device = QString::fromStdString(c.device);
  const int index = device_->findData(device == QLatin1String("cuda") && gpus_ > 0 ? QStringLiteral("cuda:0") : device);
  device_->setCurrentIndex(std::max(0, index));
  checkpointing_->setChecked(c.activation_checkpointing);
  fit_batch_->setChecked(c.auto_fit_batch);
}

void TrainingSettings::apply_to(TrainingConfig& c) const {
  c.batch_size = batch_->value();
  c.grad_accum_steps = accum_->value();
  c.max_steps = steps_->value();
  c.learning_rate = learning_rate_->value();
  c.warmup_steps = warmup_->value();
  c.eval_interval = eval_every_->value();
  c.sample_interval = sample_every_->value();
  c.checkpoint_interval = checkpoint_every_->value();
  c.device = device_->currentData().toString().toStdString();
  c.activation_checkpointing = checkpointing_->isChecked();
  c.auto_fit_batch = fit_batch_->isChecked();
}

void TrainingSettings::hide_samples() { form_->setRowVisible(sample_every_, false); }

}  // namespace chattrain::ui
