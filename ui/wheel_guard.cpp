#include "wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QScrollBar>

namespace chattrain::ui {
namespace {

// The spin box or combo box an event for `widget` is about: itself, or the one its line edit belongs to.
QWidget* value_field(QObject* object) {
  for (auto* w = qobject_cast<QWidget*>(object); w; w = w->parentWidget()) {
    if (qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QComboBox*>(w)) return w;
    if (w->isWindow()) break;
  }
  return nullptr;
}

}  // namespace

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Polish) {
    // By default a wheel gives these fields the focus first, and then turns their value.
    if (qobject_cast<QAbstractSpinBox*>(watched) || qobject_cast<QComboBox*>(watched))
      static_cast<QWidget*>(watched)->setFocusPolicy(Qt::StrongFocus);
    return false;
  }
  if (event->type() != QEvent::Wheel) return false;
  QWidget* field = value_field(watched);
  if (!field || field->hasFocus()) return false;
  for (QWidget* up = field->parentWidget(); up; up = up->parentWidget())
    if (auto* area = qobject_cast<QAbstractScrollArea*>(up)) {
      QCoreApplication::sendEvent(area->verticalScrollBar(), event);
      break;
    }
  return true;  // the field's value stays as it is
}

}  // namespace chattrain::ui
