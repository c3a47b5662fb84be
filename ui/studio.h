#pragma once
// The open project, shared by every page, and the signals that tell pages what changed.
#include <QObject>
#include <QString>

#include <chattrain/project.h>

#include <memory>

namespace chattrain::ui {

class Studio : public QObject {
  Q_OBJECT
 public:
  explicit Studio(QObject* parent = nullptr) : QObject(parent) {}
  Project* project() const { return project_.get(); }
  QString folder() const { return project_ ? QString::fromStdString(project_->folder()) : QString(); }

  // Opens, or creates when `create` is set; on failure returns the error message and keeps the old project.
  QString open(const QString& folder, bool create);
  // Opens the demo project (creating it with the embedded poems on first start).
  QString open_demo(const QString& folder);

 Q_SIGNALS:
  void project_closing();  // before the open project is replaced: work on it in the background stops now
  void project_changed();
  void datasets_changed();
  void tokenizer_changed();
  void runs_changed();

 private:
  std::unique_ptr<Project> project_;
};

}  // namespace chattrain::ui
