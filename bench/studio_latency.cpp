// How responsive the studio stays while it trains: a 10 ms precise timer on the main thread measures
// how late each tick fires (the event loop's delay), first idle, then with a pretraining run going.
//   studio_latency PROJECT SECONDS [SCREENSHOT.png]
// PROJECT needs a tokenizer. Prints p50/p99/max for both phases; optionally saves the window.
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <chattrain/runtime.h>

#include "main_window.h"
#include "pretrain_page.h"
#include "studio.h"
#include "training_monitor.h"
#include "training_session.h"

namespace {

std::vector<double> measure(int milliseconds) {
  std::vector<double> delays;
  QElapsedTimer clock;
  clock.start();
  qint64 last = clock.nsecsElapsed();
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  tick.setInterval(10);
  QObject::connect(&tick, &QTimer::timeout, [&] {
    const qint64 now = clock.nsecsElapsed();
    delays.push_back(std::max(0.0, double(now - last) / 1e6 - 10.0));
    last = now;
  });
  tick.start();
  QEventLoop loop;
  QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
  loop.exec();
  return delays;
}

void report(const char* phase, std::vector<double> d) {
  std::sort(d.begin(), d.end());
  auto at = [&](double q) { return d.empty() ? 0.0 : d[std::min(d.size() - 1, size_t(q * double(d.size())))]; };
  std::printf("%-10s ticks %5zu   delay p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms\n", phase, d.size(), at(0.5), at(0.99),
              d.empty() ? 0.0 : d.back());
}

}  // namespace

int main(int argc, char** argv) {
  chattrain::prepare_cpu_runtime();  // as the studio does
  QApplication app(argc, argv);
  if (argc < 3) {
    std::fprintf(stderr, "usage: studio_latency PROJECT SECONDS [SCREENSHOT.png]\n");
    return 2;
  }
  QApplication::setOrganizationName("ChatTrainBench");
  chattrain::ui::MainWindow window;
  if (const QString error = window.studio().open(argv[1], false); !error.isEmpty()) {
    std::fprintf(stderr, "%s\n", qPrintable(error));
    return 1;
  }
  window.set_language("en");
  window.resize(1400, 900);
  window.show();
  window.show_page(2);
  const int ms = std::atoi(argv[2]) * 1000;
  report("idle", measure(std::min(ms, 5000)));

  auto* page = window.pretrain_page();
  auto config = page->config();
  config.max_steps = 100000;
  config.eval_interval = 25;
  config.sample_interval = 50;
  config.checkpoint_interval = 0;
  page->set_config(config);
  page->start();
  report("training", measure(ms));
  if (argc > 3) window.grab().save(argv[3]);
  page->monitor()->stop();
  while (page->monitor()->session().running()) QApplication::processEvents(QEventLoop::AllEvents, 50);
  return 0;
}
