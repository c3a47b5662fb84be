#pragma once
// A drop-down of every complete checkpoint in the project, newest run first, each with its stage and
// step ("sft-20261123-101500 / step-000300 · sft"); it refreshes when runs change.
#include <QComboBox>

namespace chattrain::ui {

class Studio;

class CheckpointBox : public QComboBox {
  Q_OBJECT
 public:
  explicit CheckpointBox(Studio& studio, QWidget* parent = nullptr);
  QString checkpoint() const;  // the chosen folder; empty when there is none
  void select(const QString& checkpoint_dir);
  void refresh();

 protected:
  void changeEvent(QEvent* event) override;  // the "no checkpoint yet" line follows the language

 private:
  Studio& studio_;
};

}  // namespace chattrain::ui
