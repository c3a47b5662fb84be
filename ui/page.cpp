#include <QComboBox>
#include <QLabel>
#include <QHBoxLayout>

#include "page.h"

namespace chattrain::ui {

Page::Page(QWidget* parent) : QWidget(parent), header_(new QWidget(this)), heading_(new QLabel(header_)), next_step_(new QLabel(header_)) {
  heading_->setContentsMargins(0, 4, 0, 4);
  mark_as_help(next_step_);
  auto* row = new QHBoxLayout(header_);
  row->setContentsMargins(0, 0, 0, 0);
  row->setSpacing(24);
  row->addWidget(heading_, 0, Qt::AlignVCenter);
  row->addWidget(next_step_, 1, Qt::AlignVCenter);
  style_heading();
}

void Page::set_header() {
  heading_->setText(title());
  next_step_->setText(next_step());
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
