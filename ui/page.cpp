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

void Page::mark_as_help(QLabel* label) {
  label->setWordWrap(true);
  label->setForegroundRole(QPalette::PlaceholderText);
}

UpcomingPage::UpcomingPage(Stage stage, QWidget* parent) : Page(parent), stage_(stage) {
  body_ = new QLabel(this);
  body_->setWordWrap(true);
  body_->setTextFormat(Qt::RichText);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(heading_);
  layout->addWidget(body_);
  layout->addStretch();
  retranslate();
}

QString UpcomingPage::title() const {
  switch (stage_) {
    case Stage::Rlhf: return tr("RLHF");
  }
  return {};
}

void UpcomingPage::retranslate() {
  QString what;
  switch (stage_) {
    case Stage::Rlhf: what = tr("PPO and DPO will improve the fine-tuned model against the reward model or the ranked pairs, with reward, KL and sample answers shown live."); break;
  }
  heading_->setText(title());
  body_->setText(what + "<br><br><i>" + tr("This stage is not in this version yet.") + "</i>");
}

}  // namespace chattrain::ui
