#include <QComboBox>
#include <QLabel>
#include <QVBoxLayout>

#include "page.h"

namespace chattrain::ui {

Page::Page(QWidget* parent) : QWidget(parent), heading_(new QLabel(this)) {
  heading_->setContentsMargins(0, 4, 0, 4);
  style_heading();
}

void Page::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::FontChange) style_heading();  // presentation mode
  QWidget::changeEvent(event);
}

void Page::style_heading() {
  QFont big = font();
  big.setPointSizeF(font().pointSizeF() * 1.5);
  big.setBold(true);
  heading_->setFont(big);
}

void Page::limit_width(QComboBox* box, int characters) {
  box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  box->setMinimumContentsLength(characters);
}

void Page::mark_as_help(QLabel* label) {
  label->setWordWrap(true);
  label->setForegroundRole(QPalette::PlaceholderText);
}

}  // namespace chattrain::ui
