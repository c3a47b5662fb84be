#pragma once
// What every pipeline page has: a title for the sidebar, and texts it sets again when the language changes.
#include <QEvent>
#include <QWidget>

class QLabel;

namespace chattrain::ui {

class Page : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;
  virtual QString title() const = 0;
  virtual void retranslate() = 0;

 protected:
  void changeEvent(QEvent* event) override {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
  }
};

// A stage that later versions bring: says what it will do, and offers nothing to click.
class UpcomingPage : public Page {
  Q_OBJECT
 public:
  enum class Stage { Sft, Ranking, Reward, Rlhf, Chat };
  UpcomingPage(Stage stage, QWidget* parent = nullptr);
  QString title() const override;
  void retranslate() override;

 private:
  Stage stage_;
  QLabel* heading_;
  QLabel* body_;
};

}  // namespace chattrain::ui
