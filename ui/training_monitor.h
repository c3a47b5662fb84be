#pragma once
// What every training page shares: Start / Pause / Stop with progress, ETA and tokens/s; live charts
// of loss (with validation), learning rate, gradient norm and speed; the samples the trainer writes;
// and the stage's runs list, whose stored curves overlay the live one, with Resume and Continue from
// a checkpoint. A page supplies the settings and turns Start into a job (TrainingSession::Work).
#include <QColor>
#include <QWidget>

#include <functional>
#include <vector>

#include <chattrain/project_lock.h>

#include "training_session.h"

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace chattrain::ui {

class BackgroundTask;
class MetricChart;
class Studio;

class TrainingMonitor : public QWidget {
  Q_OBJECT
 public:
  // `stage` is the stage of the runs it shows and starts; it decides
  // the charts: a reward model's are loss, held-out accuracy, mean margin and learning rate; PPO's
  // reward, KL, entropy, clipping, value loss and answer length; DPO's loss, implicit-reward accuracy,
  // margin and the answers' log-probabilities.
  TrainingMonitor(Studio& studio, Stage stage, QWidget* parent = nullptr);
  void retranslate();

  // The page's body: a scrolling column of `settings` with the controls under them, and this
  // monitor beside it.
  QWidget* beside_settings(const QList<QWidget*>& settings, int min_width);
  // Shows `task`'s progress while it runs (the data a run needs being prepared).
  void watch(BackgroundTask* task) { preparation_ = task; }

  // Starts run `run_id` (already in the database). A resumed run keeps its curve up to the checkpoint.
  void launch(TrainingSession::Work work, const QString& run_id, std::int64_t max_steps, bool resumed);
  void show_error(const QString& message);
  void show_status(const QString& message);
  bool busy() const;
  void toggle_pause();
  void stop();
  QString selected_run() const;  // empty when none
  // How many processes the next run trains in (the setting under the settings; 1 for PPO, which trains in one).
  int processes() const;
  // A new run of this stage in the project's catalogue (core's open_new_run). Returns its id; empty (the
  // reason shown) on failure.
  std::string open_new_run(const std::string& config_json, const std::string& parent);
  // Before resuming run `run_id` (core's open_resumed_run): its stored curve is cut back to its latest
  // checkpoint. False (the reason shown in a message box) when it has none.
  bool prepare_resume(const QString& run_id);
  // A new run of this stage that continues exactly from `checkpoint_dir`, recorded with that
  // checkpoint's parent as its lineage. Returns its id; empty (the reason shown) on failure.
  std::string add_continuing_run(const std::string& checkpoint_dir, const std::string& config_json);
  void refresh_runs();
  // The Runs tab's status and step columns and the resume offer, read again (once a second while the page is
  // shown): another process, or the demo pipeline, may train a run of this stage meanwhile.
  void refresh_statuses();
  void update_buttons();
  static QString status_text(RunStatus status);  // "Finished", in the studio's language
  // The run the Resume button under the settings continues (the newest of this stage when it was stopped or
  // interrupted and has a checkpoint); empty when none.
  QString resumable_run() const { return resumable_run_; }

  TrainingSession& session() { return *session_; }
  MetricChart* loss_chart() const { return charts_[0]; }
  MetricChart* chart(int index) const { return charts_[size_t(index)]; }
  QTableWidget* runs_table() const { return runs_; }
  QPlainTextEdit* samples() const { return samples_; }
  QLabel* status_label() const { return status_; }
  QProgressBar* progress_bar() const { return progress_; }
  QPushButton* pause_button() const { return pause_; }
  QPushButton* start_button() const { return start_; }
  QPushButton* stop_button() const { return stop_; }
  QPushButton* resume_stopped_button() const { return resume_stopped_; }
  QSpinBox* processes_box() const { return processes_; }

 Q_SIGNALS:
  void start_requested();
  void resume_requested(const QString& run_id);
  void continue_requested(const QString& checkpoint_dir);
  void busy_changed(bool busy);  // pages lock their settings while a run trains

 private:
  void poll();   // the UI timer: preparation progress, or the run's news
  void drain();  // the session's buffer into the charts, samples and status
  void session_finished(RunStatus status, const QString& message, const QString& checkpoint);
  void overlay_run(const QString& run_id, bool shown);
  void choose_checkpoint();
  void clear_charts();
  // What the Runs tab says of `run`: its stored status, corrected by who holds the run's lock now.
  QString shown_status(const RunRecord& run, bool* resumable) const;
  QString checkpoint_step(const std::string& run_id) const;  // "-" without one
  void offer_resume(const QString& run_id, const QString& step);
  void save_charts();

  Studio& studio_;
  Stage stage_;
  TrainingSession* session_;
  BackgroundTask* preparation_ = nullptr;
  bool loading_ = false;  // the runs table is being filled: no overlay on its check boxes
  bool was_busy_ = false;
  QWidget* controls_;
  QPushButton *start_, *pause_, *stop_, *resume_, *branch_, *save_;
  QPushButton* resume_stopped_;  // "Resume from step N", above Start after a stop
  QString resumable_run_, resumable_step_;
  QString time_split_;  // PPO/GRPO: the newest iteration's shares of time, under the progress line
  int polls_ = 0;
  QProgressBar* progress_;
  QLabel *status_, *smoothing_label_, *processes_label_;
  QSpinBox* processes_;
  chattrain::ProjectLock run_lock_;  // the run this page trains, from its opening until it ends
  bool in_processes_ = false;  // the running run trains in several processes: no pause
  QSlider* smoothing_;
  QCheckBox* log_scale_;
  // Which metric goes to which of the four charts, for this stage.
  struct Plot {
    const char* metric;
    int chart;
    bool validation;  // sparse points: drawn unsmoothed
    QColor colour;
  };
  QList<Plot> plots_;
  QString series_label(const QString& metric) const;
  std::vector<MetricChart*> charts_;
  QPlainTextEdit* samples_;
  QTableWidget* runs_;
  QTabWidget* tabs_;
};

}  // namespace chattrain::ui
