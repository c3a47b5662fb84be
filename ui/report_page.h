#pragma once
// Report: the project's report card (every run's settings, time, final metrics and charts; SFT
// against PPO and DPO on held-out prompts; sample answers), shown here and exportable as one HTML
// file. The whole demo recipe runs from here in one click, in the background, with its stage,
// overall progress and ETA, and can be stopped and run again to continue.
#include <QString>

#include <memory>
#include <mutex>

#include <chattrain/pipeline.h>

#include "page.h"

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace chattrain::ui {

class BackgroundTask;
class Studio;

class ReportPage : public Page {
  Q_OBJECT
 public:
  ReportPage(Studio& studio, QWidget* parent = nullptr);
  ~ReportPage() override;  // stops the pipeline (its stage saves a checkpoint) before the task waits for it
  QString title() const override { return tr("Report"); }
  QString next_step() const override {
    return tr("Every run and the newest evaluation in one document to share. The recipe ends here; Help → Guide walks it again.");
  }
  void retranslate() override;

  // The whole demo recipe in the background on the open project (DemoPipelineOptions: the default
  // sizes, about 17 minutes on 2 CPU cores; tests pass tiny ones).
  void run_pipeline(const DemoPipelineOptions& options = {});
  void stop_pipeline();
  void evaluate();        // the newest SFT, PPO and DPO checkpoints on held-out prompts, then the report
  void refresh_report();  // writes the report again from the project and shows it
  bool export_html(const QString& path);  // a copy of the self-contained HTML report
  bool busy() const;

  BackgroundTask& task() { return *task_; }
  QTextBrowser* browser() const { return browser_; }
  QProgressBar* progress() const { return progress_; }
  QPushButton* pipeline_button() const { return pipeline_button_; }
  QLabel* status_label() const { return status_; }
  static QString stage_title(const QString& stage);  // "sft" → "Supervised fine-tuning", translated

 protected:
  void showEvent(QShowEvent* event) override;  // shows the newest report written, by anyone

 private:
  void show_report();
  void poll();
  void finished(bool ok, const QString& message);
  void show_status(const QString& text, bool error);
  Studio& studio_;
  BackgroundTask* task_;
  // What the pipeline's thread reports, read by the UI's timer.
  struct Shared {
    std::mutex mutex;
    PipelineProgress progress;
    bool has_progress = false;
    std::vector<QString> messages;  // in the interface's language
    StopToken stop;
  };
  std::shared_ptr<Shared> shared_;
  QLabel *intro_, *status_;
  QPushButton *pipeline_button_, *stop_button_, *evaluate_button_, *refresh_button_, *export_button_;
  QProgressBar* progress_;
  QPlainTextEdit* log_;
  QTextBrowser* browser_;
};

}  // namespace chattrain::ui
