#include "metric_chart.h"

#include <qcustomplot.h>

#include <QFile>
#include <QTextStream>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace chattrain::ui {

MetricChart::MetricChart(const QString& title, const QString& y_label, QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(200, 120);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, title));
  title_ = title;
  plot_->xAxis->setLabel(tr("step"));
  y_label_ = y_label;
  plot_->legend->setVisible(false);  // shown once there is a series to name
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  // Four or five ticks an axis: small charts side by side crowded their numbers into each other.
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    axis->ticker()->setTickCount(4);
    axis->ticker()->setTickStepStrategy(QCPAxisTicker::tssMeetTickCount);
  }
  plot_->yAxis->ticker()->setTickCount(3);  // charts are wider than tall
  plot_->yAxis->setRange(0, 1);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  apply_fonts();
  apply_palette();
}

void MetricChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) apply_fonts();
  if (event->type() == QEvent::PaletteChange) apply_palette();
  QWidget::changeEvent(event);
}

// The chart in the widget's colours (QCustomPlot draws black on white whatever the theme).
void MetricChart::apply_palette() {
  const QPalette p = palette();
  const QColor text = p.color(QPalette::Text), base = p.color(QPalette::Base), mid = p.color(QPalette::Mid);
  plot_->setBackground(base);
  if (auto* title = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) title->setTextColor(text);
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis, plot_->xAxis2, plot_->yAxis2}) {
    axis->setBasePen(QPen(text, 1));
    axis->setTickPen(QPen(text, 1));
    axis->setSubTickPen(QPen(text, 1));
    axis->setLabelColor(text);
    axis->setTickLabelColor(text);
    QColor grid = mid;
    grid.setAlpha(140);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
  }
  QColor legend_fill = base;
  legend_fill.setAlpha(200);  // the curves stay visible under it
  plot_->legend->setBrush(legend_fill);
  plot_->legend->setBorderPen(QPen(mid, 1));
  plot_->legend->setTextColor(text);
  replot();
}

void MetricChart::apply_fonts() {
  QFont base = font(), bold = font(), small = font();
  bold.setBold(true);
  small.setPointSizeF(std::max(7.0, base.pointSizeF() - 1));
  if (auto* text = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) text->setFont(bold);
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    axis->setLabelFont(base);
    axis->setTickLabelFont(small);
  }
  plot_->legend->setFont(small);
  show_y_label_if_it_fits();
  replot();
}

QColor MetricChart::axis_colour() const { return plot_->xAxis->tickLabelColor(); }

void MetricChart::set_title(const QString& title, const QString& y_label) {
  title_ = title;
  plot_->xAxis->setLabel(tr("step"));
  y_label_ = y_label;
  show_y_label_if_it_fits();
  replot();
}

// The y axis' name only where the chart is tall enough to hold it: in a small chart (presentation mode,
// six charts side by side) it ran past the chart and over the title, which names the quantity anyway.
void MetricChart::show_y_label_if_it_fits() {
  if (auto* text = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) {  // the title, shortened with "…" to fit
    const QString shown = QFontMetrics(text->font()).elidedText(title_, Qt::ElideRight, std::max(40, plot_->width() - 8));
    if (text->text() != shown) text->setText(shown);
  }
  // As many numbers up the axis as its height holds without them touching: 3, or 2 in a short chart.
  const int line = QFontMetrics(plot_->yAxis->tickLabelFont()).height();
  const int ticks = plot_->height() >= 9 * line ? 3 : 2;
  if (plot_->yAxis->ticker()->tickCount() != ticks) plot_->yAxis->ticker()->setTickCount(ticks);
  const int needed = QFontMetrics(plot_->yAxis->labelFont()).horizontalAdvance(y_label_) + 40;
  const QString shown = plot_->height() >= needed ? y_label_ : QString();
  if (plot_->yAxis->label() != shown) plot_->yAxis->setLabel(shown);
}

void MetricChart::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  show_y_label_if_it_fits();
}

void MetricChart::append(const QString& key, const QString& label, const QColor& color, const QVector<double>& x,
                         const QVector<double>& y, int style) {
  auto it = series_.find(key);
  if (it == series_.end()) {
    Series s;
    s.label = label;
    s.smoothed = !(style & Unsmoothed);
    s.graph = plot_->addGraph();
    s.graph->setName(label);
    QPen pen(color, 1.6);
    if (style & Dashed) pen.setStyle(Qt::DashLine);
    s.graph->setPen(pen);
    // Sparse series (validation) as points too: a single evaluation is otherwise no line at all.
    if (style & Unsmoothed) s.graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 5));
    it = series_.insert(key, s);
    plot_->legend->setVisible(true);
  }
  it->x += x;
  it->y += y;
  redraw(*it);
}

void MetricChart::redraw(Series& s) {
  if (smoothing_ <= 0 || !s.smoothed) {
    s.graph->setData(s.x, s.y, /*alreadySorted=*/true);
    return;
  }
  // Exponential moving average with debiasing, so the first points are not pulled towards zero.
  QVector<double> smooth(s.y.size());
  double average = 0, weight = 0;
  for (int i = 0; i < s.y.size(); ++i) {
    average = smoothing_ * average + (1 - smoothing_) * s.y[i];
    weight = smoothing_ * weight + (1 - smoothing_);
    smooth[i] = average / weight;
  }
  s.graph->setData(s.x, smooth, true);
}

void MetricChart::remove_series(const QString& key) {
  auto it = series_.find(key);
  if (it == series_.end()) return;
  plot_->removeGraph(it->graph);
  series_.erase(it);
  plot_->legend->setVisible(!series_.isEmpty());
  replot();
}

void MetricChart::clear() {
  plot_->clearGraphs();
  series_.clear();
  plot_->legend->setVisible(false);
  replot();
}

int MetricChart::point_count(const QString& key) const {
  const auto it = series_.find(key);
  return it == series_.end() ? 0 : int(it->x.size());
}

void MetricChart::set_smoothing(double weight) {
  smoothing_ = std::clamp(weight, 0.0, 0.999);
  for (auto& s : series_) redraw(s);
  replot();
}

void MetricChart::set_log_scale(bool on) {
  plot_->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on)
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
  else
    plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  plot_->yAxis->ticker()->setTickCount(3);
  if (!on) plot_->yAxis->ticker()->setTickStepStrategy(QCPAxisTicker::tssMeetTickCount);
  replot();
}

void MetricChart::fit_axes() {
  plot_->rescaleAxes();
  // A margin above and below the curves, at least 1% of their size: a flat line no longer lies on the
  // axis, and a range of a few millionths no longer repeats one rounded tick label ("8.69357" three times).
  const QCPRange y = plot_->yAxis->range();
  if (plot_->yAxis->scaleType() == QCPAxis::stLinear && !series_.isEmpty()) {
    const double pad = std::max({0.05 * y.size(), 0.01 * std::max(std::abs(y.lower), std::abs(y.upper)), 1e-6});
    plot_->yAxis->setRange(y.lower - pad, y.upper + pad);
  }
}

void MetricChart::replot() {
  fit_axes();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool MetricChart::save_png(const QString& path, int width, int height) {
  fit_axes();
  return plot_->savePng(path, width, height);
}

bool MetricChart::save_csv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QTextStream out(&file);
  out << "series,step,value\n";
  for (auto it = series_.begin(); it != series_.end(); ++it)
    for (int i = 0; i < it->x.size(); ++i) out << '"' << it->label << "\"," << qint64(it->x[i]) << ',' << QString::number(it->y[i], 'g', 9) << '\n';
  return file.error() == QFileDevice::NoError;
}

}  // namespace chattrain::ui
