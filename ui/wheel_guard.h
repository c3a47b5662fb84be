#pragma once
// A scroll wheel passing over a settings panel must scroll it, not change a learning rate: spin boxes and
// combo boxes take the wheel only once they have the focus (a click or Tab), and without the focus the
// wheel scrolls the panel that holds them. Installed on the application by the main window.
#include <QObject>

namespace chattrain::ui {

class WheelGuard : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
};

}  // namespace chattrain::ui
