#include "checkpoint_box.h"

#include <QEvent>

#include <filesystem>

#include <chattrain/train.h>

#include "page.h"
#include "studio.h"

namespace chattrain::ui {

CheckpointBox::CheckpointBox(Studio& studio, QWidget* parent) : QComboBox(parent), studio_(studio) {
  Page::limit_width(this, 24);
  connect(&studio_, &Studio::project_changed, this, &CheckpointBox::refresh);
  connect(&studio_, &Studio::runs_changed, this, &CheckpointBox::refresh);
  connect(this, &QComboBox::activated, this, [this] { chosen_by_user_ = true; });
  connect(&studio_, &Studio::project_changed, this, [this] { chosen_by_user_ = false; });
  refresh();
}

QString CheckpointBox::checkpoint() const { return currentData().toString(); }

void CheckpointBox::select(const QString& checkpoint_dir) {
  const int index = findData(checkpoint_dir);
  if (index < 0) return;
  setCurrentIndex(index);
  chosen_by_user_ = true;  // picked for the user (a saved chat reopened): kept like a click
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
        QString stage;
        try {
          stage = QString::fromStdString(read_checkpoint_info(*c).stage);
        } catch (const std::exception&) {
          continue;  // damaged: not offered
        }
        if ((!offered_.isEmpty() && !offered_.contains(stage)) || excluded_.contains(stage)) continue;
        addItem(QString("%1 / %2 · %3").arg(QString::fromStdString(run->id),
                                             QString::fromStdString(std::filesystem::path(*c).filename().string()), stage),
                QString::fromStdString(*c));
        setItemData(count() - 1, QString::fromStdString(*c), Qt::ToolTipRole);
        setItemData(count() - 1, stage, Qt::UserRole + 1);
      }
    }
  }
  if (count() == 0) addItem(tr("(no checkpoint yet: pretrain first)"), QString());
  // What the user picked stays picked; otherwise the newest checkpoint of the first preferred stage there
  // is, or the newest of all (the Chat page stayed on step 118 of a run since resumed to step 200).
  if (chosen_by_user_ && findData(chosen) >= 0) {
    setCurrentIndex(findData(chosen));
  } else {
    int pick = 0;
    for (const QString& stage : preferred_)
      if (const int index = findData(stage, Qt::UserRole + 1); index >= 0) {
        pick = index;
        break;
      }
    setCurrentIndex(pick);
  }
  Q_EMIT currentIndexChanged(currentIndex());
}

void CheckpointBox::set_stages(const QStringList& offered, const QStringList& excluded, const QStringList& preferred) {
  offered_ = offered;
  excluded_ = excluded;
  preferred_ = preferred;
  refresh();
}

void CheckpointBox::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange && checkpoint().isEmpty() && count() == 1)
    setItemText(0, tr("(no checkpoint yet: pretrain first)"));
  QComboBox::changeEvent(event);
}

}  // namespace chattrain::ui
