#pragma once
// A column of settings beside a page's main view (the training pages' settings, the Ranking page's
// prompt sets, the Chat page's sampling): never cut at the side, at least as wide as its rows want to
// be (plus a scroll bar) whatever the fonts (presentation mode) and the language; what is taller than
// the window scrolls. A fixed minimum width cut combo boxes, help texts and buttons in presentation mode.
#include <QScrollArea>

namespace chattrain::ui {

class SettingsColumn : public QScrollArea {
 public:
  // Takes `column`; never narrower than min_width. Its combo boxes show about 18 characters (the open
  // list shows every entry whole) and its form rows put a field under its label when both do not fit.
  SettingsColumn(QWidget* column, int min_width);
  QSize minimumSizeHint() const override;
  QSize sizeHint() const override;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void make_room();
  int needed_width() const;
  int min_width_;
};

}  // namespace chattrain::ui
