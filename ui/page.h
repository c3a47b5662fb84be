#pragma once
// What every pipeline page has: a title for the sidebar, and texts it sets again when the language changes.
#include <QEvent>
#include <QWidget>

class QComboBox;
class QLabel;

namespace chattrain::ui {

class Page : public QWidget {
  Q_OBJECT
 public:
  explicit Page(QWidget* parent = nullptr);
  virtual QString title() const = 0;
  virtual void retranslate() = 0;
  // A help text under a setting: the palette's quieter colour, in light and dark themes alike (also for
  // the widgets a page is made of).
  static void mark_as_help(QLabel* label);
  // A choice about `characters` wide whatever its longest entry (a checkpoint's whole name); the open
  // list still shows every entry whole.
  static void limit_width(QComboBox* box, int characters);

 protected:
  void changeEvent(QEvent* event) override;
  QLabel* heading_;  // the page's title, half again as large as the page's font, bold

 private:
  void style_heading();
};

}  // namespace chattrain::ui
