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
  // Which checkpoints to list: `offered` stages only (empty: any), never the `excluded` ones (a reward
  // model cannot chat); without a choice yet, the newest of the first `preferred` stage there is.
  void set_stages(const QStringList& offered, const QStringList& excluded, const QStringList& preferred);

 protected:
  void changeEvent(QEvent* event) override;  // the "no checkpoint yet" line follows the language

 private:
  Studio& studio_;
  QStringList offered_, excluded_, preferred_;
  bool chosen_by_user_ = false;  // until then, a newer checkpoint of a preferred stage takes over
};

}  // namespace chattrain::ui
