#pragma once
// The training settings every stage has: batch, accumulation, steps, learning rate, warmup, how
// often to validate / sample / checkpoint, and the device. Model shape is the page's business.
#include <QGroupBox>

#include <chattrain/train.h>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace chattrain::ui {

// A spin box with its range and step, as every settings form makes them.
QSpinBox* spin_box(QWidget* parent, int low, int high, int step = 1);
// A decimal spin box with its range, step, decimals and value.
QDoubleSpinBox* decimal_box(QWidget* parent, double low, double high, double step, int decimals, double value);

class TrainingSettings : public QGroupBox {
  Q_OBJECT
 public:
  explicit TrainingSettings(QWidget* parent = nullptr);
  void retranslate();
  void show_config(const TrainingConfig& config);  // fills the fields
  void apply_to(TrainingConfig& config) const;     // writes the fields into config
  QSpinBox* batch_size() const { return batch_; }
  QSpinBox* accumulation() const { return accum_; }
  QComboBox* device() const { return device_; }
  QCheckBox* checkpointing() const { return checkpointing_; }
  void hide_samples();  // a stage that writes no text samples (the reward model)

 Q_SIGNALS:
  void changed();  // a setting that changes the memory a run needs
 private:
  QFormLayout* form_;
  QList<QLabel*> labels_;
  QComboBox* device_;
  QSpinBox *batch_, *accum_, *steps_, *warmup_, *eval_every_, *sample_every_, *checkpoint_every_;
  QDoubleSpinBox* learning_rate_;
  QCheckBox *checkpointing_, *fit_batch_;
  int gpus_ = 0;
};

}  // namespace chattrain::ui
