#include "settings_column.h"

#include "page.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>

#include <algorithm>

namespace chattrain::ui {

SettingsColumn::SettingsColumn(QWidget* column, int min_width) : min_width_(min_width) {
  setWidget(column);
  setWidgetResizable(true);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  column->installEventFilter(this);
  // Choices as wide as about 18 characters, not as their longest entry (a checkpoint's whole name):
  // the column would otherwise take the main view's room.
  for (auto* combo : column->findChildren<QComboBox*>()) Page::limit_width(combo, 18);
  // A field that does not fit beside its label goes below it (large fonts, long Chinese labels).
  for (auto* form : column->findChildren<QFormLayout*>()) form->setRowWrapPolicy(QFormLayout::WrapLongRows);
}

QSize SettingsColumn::minimumSizeHint() const { return {needed_width(), QScrollArea::minimumSizeHint().height()}; }
QSize SettingsColumn::sizeHint() const { return {needed_width(), QScrollArea::sizeHint().height()}; }

bool SettingsColumn::eventFilter(QObject* watched, QEvent* event) {
  if (watched == widget() && (event->type() == QEvent::LayoutRequest || event->type() == QEvent::FontChange)) make_room();
  return QScrollArea::eventFilter(watched, event);
}

void SettingsColumn::showEvent(QShowEvent* event) {
  QScrollArea::showEvent(event);
  make_room();
}

// A splitter keeps the widths it has when a child's minimum grows (fonts enlarged while the studio runs,
// on a page not shown then): asking it for the same sizes again makes it honour the minimums.
void SettingsColumn::make_room() {
  updateGeometry();
  for (QWidget* w = parentWidget(); w; w = w->parentWidget())
    if (auto* splitter = qobject_cast<QSplitter*>(w)) {
      QTimer::singleShot(0, splitter, [splitter] { splitter->setSizes(splitter->sizes()); });
      break;
    }
}

int SettingsColumn::needed_width() const {
  return std::max(min_width_, widget()->minimumSizeHint().width() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth());
}

}  // namespace chattrain::ui
