#include "training_settings.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace chattrain::ui {
QSpinBox* spin_box(QWidget* parent, int low, int high, int step) {
  auto* s = new QSpinBox(parent);
  s->setRange(low, high);
  s->setSingleStep(step);
  return s;
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
  device_ = new QComboBox(this);
  for (const char* d : {"auto", "cpu", "cuda"}) device_->addItem(QString(), QString::fromLatin1(d));
  for (QWidget* w : {static_cast<QWidget*>(batch_), static_cast<QWidget*>(accum_), static_cast<QWidget*>(steps_),
                     static_cast<QWidget*>(learning_rate_), static_cast<QWidget*>(warmup_), static_cast<QWidget*>(eval_every_),
                     static_cast<QWidget*>(sample_every_), static_cast<QWidget*>(checkpoint_every_), static_cast<QWidget*>(device_)}) {
    labels_.push_back(new QLabel(this));
    form_->addRow(labels_.back(), w);
  }
  retranslate();
}

void TrainingSettings::retranslate() {
  setTitle(tr("Training"));
  const QStringList labels{tr("Batch size"), tr("Gradient accumulation"), tr("Steps"), tr("Learning rate"),
                           tr("Warmup steps"), tr("Validate every"), tr("Sample every"), tr("Checkpoint every"), tr("Device")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  const QStringList devices{tr("Automatic (GPU if present)"), tr("CPU"), tr("GPU (CUDA)")};
  for (int i = 0; i < devices.size(); ++i) device_->setItemText(i, devices[i]);
}

void TrainingSettings::show_config(const PretrainConfig& c) {
  batch_->setValue(c.batch_size);
  accum_->setValue(c.grad_accum_steps);
  steps_->setValue(int(c.max_steps));
  learning_rate_->setValue(c.learning_rate);
  warmup_->setValue(int(c.warmup_steps));
  eval_every_->setValue(int(c.eval_interval));
  sample_every_->setValue(int(c.sample_interval));
  checkpoint_every_->setValue(int(c.checkpoint_interval));
  device_->setCurrentIndex(std::max(0, device_->findData(QString::fromStdString(c.device))));
}

void TrainingSettings::apply_to(PretrainConfig& c) const {
  c.batch_size = batch_->value();
  c.grad_accum_steps = accum_->value();
  c.max_steps = steps_->value();
  c.learning_rate = learning_rate_->value();
  c.warmup_steps = warmup_->value();
  c.eval_interval = eval_every_->value();
  c.sample_interval = sample_every_->value();
  c.checkpoint_interval = checkpoint_every_->value();
  c.device = device_->currentData().toString().toStdString();
}

void TrainingSettings::hide_samples() { form_->setRowVisible(sample_every_, false); }

}  // namespace chattrain::ui
