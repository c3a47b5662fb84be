#pragma once
// One QCustomPlot chart of training curves: series appended as points arrive, optional exponential
// smoothing of what is drawn (the raw points are kept), log scale, and export as PNG or CSV.
#include <QColor>
#include <QMap>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace chattrain::ui {

class MetricChart : public QWidget {
  Q_OBJECT
 public:
  MetricChart(const QString& title, const QString& y_label, QWidget* parent = nullptr);

  enum Style { Plain = 0, Dashed = 1, Unsmoothed = 2 };  // Unsmoothed: sparse series such as validation
  // Adds points to series `key` (created on first use with this label, colour and style).
  void append(const QString& key, const QString& label, const QColor& color, const QVector<double>& x,
              const QVector<double>& y, int style = Plain);
  void remove_series(const QString& key);
  void clear();
  int point_count(const QString& key) const;

  void set_smoothing(double weight);  // 0: raw; 0.99: very smooth (TensorBoard's EMA with debiasing)
  void set_log_scale(bool on);
  void set_title(const QString& title, const QString& y_label);
  bool save_png(const QString& path, int width = 1200, int height = 700);
  bool save_csv(const QString& path) const;  // series,step,value
  void replot();                             // queued: many appends cost one repaint
  QColor axis_colour() const;  // of the axes' numbers, as drawn

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;  // presentation mode and theme: fonts and colours follow the widget's

 private:

  struct Series {
    QString label;
    bool smoothed = true;
    QVector<double> x, y;
    QCPGraph* graph = nullptr;
  };
  void redraw(Series& s);
  void apply_fonts();
  void apply_palette();
  void fit_axes();  // every series in view, with a margin
  void show_y_label_if_it_fits();  // and the title, elided
  QString title_, y_label_;
  QCustomPlot* plot_;
  QMap<QString, Series> series_;
  double smoothing_ = 0;
};

}  // namespace chattrain::ui
