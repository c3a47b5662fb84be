#pragma once
// What every pipeline page has: a title for the sidebar, a header with the title and the next step (what
// the stage needs, what it gives the next one), and texts it sets again when the language changes.
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
  virtual QString next_step() const = 0;  // one or two sentences: needs, gives, next (also in Help → Guide)
  virtual void retranslate() = 0;
  QLabel* next_step_label() const { return next_step_; }
  // A help text under a setting: the palette's quieter colour, in light and dark themes alike (also for
  // the widgets a page is made of).
  static void mark_as_help(QLabel* label);
  // A choice about `characters` wide whatever its longest entry (a checkpoint's whole name); the open
  // list still shows every entry whole.
  static void limit_width(QComboBox* box, int characters);

 protected:
  void changeEvent(QEvent* event) override;
  void set_header();  // from title() and next_step(): in each page's retranslate()
  QWidget* header_;   // the first row of every page: heading and next step
  QLabel* heading_;   // the page's title, half again as large as the page's font, bold
  QLabel* next_step_;

 private:
  void style_heading();
};

}  // namespace chattrain::ui
