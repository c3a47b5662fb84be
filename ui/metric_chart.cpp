#include "metric_chart.h"

#include <qcustomplot.h>

#include <QFile>
#include <QTextStream>
#include <QVBoxLayout>
#include <cmath>

namespace chattrain::ui {

MetricChart::MetricChart(const QString& title, const QString& y_label, QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(260, 180);
  plot_->plotLayout()->insertRow(0);
  plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, title));
  plot_->xAxis->setLabel(tr("step"));
  plot_->yAxis->setLabel(y_label);
  plot_->legend->setVisible(true);
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  apply_fonts();
}

void MetricChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) apply_fonts();
  QWidget::changeEvent(event);
}

void MetricChart::apply_fonts() {
  QFont base = font(), bold = font(), small = font();
  bold.setBold(true);
  bold.setPointSizeF(base.pointSizeF() + 1);
  small.setPointSizeF(std::max(7.0, base.pointSizeF() - 1));
  if (auto* text = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) text->setFont(bold);
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    axis->setLabelFont(base);
    axis->setTickLabelFont(small);
  }
  plot_->legend->setFont(small);
  replot();
}

void MetricChart::set_title(const QString& title, const QString& y_label) {
  if (auto* text = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0))) text->setText(title);
  plot_->xAxis->setLabel(tr("step"));
  plot_->yAxis->setLabel(y_label);
  replot();
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
    it = series_.insert(key, s);
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
  replot();
}

void MetricChart::clear() {
  plot_->clearGraphs();
  series_.clear();
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
  replot();
}

void MetricChart::replot() {
  plot_->rescaleAxes();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool MetricChart::save_png(const QString& path, int width, int height) {
  plot_->rescaleAxes();
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
