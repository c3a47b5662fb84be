#include "studio.h"
#include "core_text.h"

#include <chattrain/error.h>
#include <chattrain/workflow.h>

namespace chattrain::ui {

QString Studio::open(const QString& folder, bool create) {
  try {
    auto project = std::make_unique<Project>(create ? Project::create(folder.toStdString()) : Project::open(folder.toStdString()));
    if (project_) Q_EMIT project_closing();
    project_ = std::move(project);
  } catch (const std::exception& e) {
    return error_text(e);
  }
  Q_EMIT project_changed();
  return {};
}

QString Studio::open_demo(const QString& folder) {
  const QString error = open(folder, !Project::exists(folder.toStdString()));
  if (!error.isEmpty()) return error;
  try {
    if (ensure_default_dataset(*project_)) Q_EMIT datasets_changed();
  } catch (const std::exception& e) {
    return error_text(e);
  }
  return {};
}

}  // namespace chattrain::ui
