#include "checkpoint_box.h"

#include <QEvent>

#include <filesystem>

#include <chattrain/train.h>

#include "studio.h"

namespace chattrain::ui {

CheckpointBox::CheckpointBox(Studio& studio, QWidget* parent) : QComboBox(parent), studio_(studio) {
  setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  setMinimumContentsLength(24);
  connect(&studio_, &Studio::project_changed, this, &CheckpointBox::refresh);
  connect(&studio_, &Studio::runs_changed, this, &CheckpointBox::refresh);
  refresh();
}

QString CheckpointBox::checkpoint() const { return currentData().toString(); }

void CheckpointBox::select(const QString& checkpoint_dir) {
  const int index = findData(checkpoint_dir);
  if (index >= 0) setCurrentIndex(index);
}

void CheckpointBox::refresh() {
  const QString chosen = checkpoint();
  const QSignalBlocker quiet(this);
  clear();
  if (Project* project = studio_.project()) {
    const auto runs = project->db().runs();
    for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
      const auto checkpoints = list_checkpoints(project->run_dir(run->id));
      for (auto c = checkpoints.rbegin(); c != checkpoints.rend(); ++c) {
        QString stage = QString::fromStdString(run->stage);
        try {
          stage = QString::fromStdString(read_checkpoint_info(*c).stage);
        } catch (const std::exception&) {
          continue;  // damaged: not offered
        }
        addItem(QString("%1 / %2 · %3").arg(QString::fromStdString(run->id),
                                             QString::fromStdString(std::filesystem::path(*c).filename().string()), stage),
                QString::fromStdString(*c));
        setItemData(count() - 1, QString::fromStdString(*c), Qt::ToolTipRole);
      }
    }
  }
  if (count() == 0) addItem(tr("(no checkpoint yet: pretrain first)"), QString());
  select(chosen);
  Q_EMIT currentIndexChanged(currentIndex());
}

void CheckpointBox::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange && checkpoint().isEmpty() && count() == 1)
    setItemText(0, tr("(no checkpoint yet: pretrain first)"));
  QComboBox::changeEvent(event);
}

}  // namespace chattrain::ui
