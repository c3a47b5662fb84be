#include "report_page.h"
#include "core_text.h"

#include <QCoreApplication>
#include <cmath>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#include <chattrain/error.h>
#include <chattrain/report.h>

#include "background_task.h"
#include "format.h"
#include "studio.h"

namespace chattrain::ui {

namespace {

// The report's words in the UI's language (report.cpp marks them under the context "Report").
std::string translate_report(const char* english) {
  return QCoreApplication::translate("Report", english).toStdString();
}

// Collects what the pipeline's thread says for the UI's timer to show.
template <typename Shared>
class SharedObserver : public PipelineObserver {
 public:
  explicit SharedObserver(Shared& shared) : shared_(shared) {}
  void on_progress(const PipelineProgress& p) override {
    std::lock_guard lock(shared_.mutex);
    shared_.progress = p;
    shared_.has_progress = true;
  }
  void on_message(const Message& text) override {
    std::lock_guard lock(shared_.mutex);
    shared_.messages.push_back(core_text(text));
  }

 private:
  Shared& shared_;
};

}  // namespace

ReportPage::ReportPage(Studio& studio, QWidget* parent)
    : Page(parent), studio_(studio), task_(new BackgroundTask(this)), shared_(std::make_shared<Shared>()) {
  intro_ = new QLabel(this);
  intro_->setWordWrap(true);
  mark_as_help(intro_);
  pipeline_button_ = new QPushButton(this);
  stop_button_ = new QPushButton(this);
  evaluate_button_ = new QPushButton(this);
  refresh_button_ = new QPushButton(this);
  export_button_ = new QPushButton(this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, 1000);
  progress_->setTextVisible(true);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  log_ = new QPlainTextEdit(this);
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(500);
  log_->setFixedHeight(log_->fontMetrics().lineSpacing() * 4 + 12);
  browser_ = new QTextBrowser(this);
  browser_->setOpenExternalLinks(true);

  // Two rows: in one, the buttons made the window wider than a 1280-pixel screen in presentation mode.
  auto* pipeline_row = new QHBoxLayout;
  pipeline_row->addWidget(pipeline_button_);
  pipeline_row->addWidget(stop_button_);
  pipeline_row->addStretch(1);
  auto* report_row = new QHBoxLayout;
  report_row->addWidget(evaluate_button_);
  report_row->addWidget(refresh_button_);
  report_row->addWidget(export_button_);
  report_row->addStretch(1);
  auto* buttons = new QVBoxLayout;
  buttons->addLayout(pipeline_row);
  buttons->addLayout(report_row);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(intro_);
  layout->addLayout(buttons);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(log_);
  layout->addWidget(browser_, 1);

  connect(pipeline_button_, &QPushButton::clicked, this, [this] {
    // The pipeline trains on the demo data in whatever project is open: say so where that is the user's own.
    Project* project = studio_.project();
    bool own_runs = false;
    for (const auto& run : project ? project->db().runs() : std::vector<RunRecord>{})
      own_runs = own_runs || run.id.rfind("demo-", 0) != 0;
    if (own_runs && QMessageBox::question(this, tr("Run the demo pipeline here?"),
                                          tr("This project has runs of its own. The demo pipeline adds the demo dialogues and "
                                             "prompt sets and its own runs (demo-…) to it, using the project's datasets and "
                                             "tokenizer. Run it here anyway? (File → New project keeps them apart.)")) !=
                        QMessageBox::Yes)
      return;
    run_pipeline();
  });
  connect(stop_button_, &QPushButton::clicked, this, &ReportPage::stop_pipeline);
  connect(evaluate_button_, &QPushButton::clicked, this, &ReportPage::evaluate);
  connect(refresh_button_, &QPushButton::clicked, this, &ReportPage::refresh_report);
  connect(export_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the report"), studio_.folder() + "/exports/report.html",
                                                      tr("Web page (*.html)"));
    if (!path.isEmpty()) export_html(path);
  });
  connect(task_, &BackgroundTask::finished, this, &ReportPage::finished);
  connect(&studio_, &Studio::project_changed, this, &ReportPage::show_report);
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &ReportPage::poll);
  timer->start(200);
  retranslate();
  poll();
}

ReportPage::~ReportPage() { shared_->stop.request_stop(); }

void ReportPage::retranslate() {
  set_header();
  intro_->setText(tr("Every run of this project with its settings, time, final metrics and charts; the newest evaluation of SFT "
                     "against PPO, GRPO and DPO on prompts no stage trained on; sample answers side by side. The demo pipeline runs the "
                     "whole recipe on the embedded poems in one go (tokenizer, pretraining, SFT, answers ranked by the rule-based "
                     "judge, reward model, PPO, GRPO, DPO, evaluation) and writes this report; Stop, and run it again to continue."));
  pipeline_button_->setText(tr("Run the whole demo pipeline (about 15–20 min on 2 CPU cores)"));
  pipeline_button_->setToolTip(tr("Finished stages (runs named demo-…) are kept; a stopped one continues from its checkpoint."));
  stop_button_->setText(tr("Stop"));
  evaluate_button_->setText(tr("Evaluate checkpoints"));
  evaluate_button_->setToolTip(tr("The newest SFT, PPO and DPO checkpoints answer the same held-out prompts with the same seeds; "
                                  "the reward model and the rule-based judge score them."));
  refresh_button_->setText(tr("Write the report again"));
  export_button_->setText(tr("Export HTML…"));
  // The report's words follow the language too: a report on screen is written again in the new one.
  if (isVisible() && !busy() && studio_.project() && QFileInfo::exists(studio_.folder() + "/reports/report.md")) refresh_report();
}

QString ReportPage::stage_title(const QString& stage) {
  if (stage == "tokenizer") return tr("Tokenizer");
  if (stage == "pretrain") return tr("Pretraining");
  if (stage == "sft") return tr("Supervised fine-tuning");
  if (stage == "candidates") return tr("Answers to rank");
  if (stage == "rank") return tr("Ranking by the rule-based judge");
  if (stage == "reward") return tr("Reward model");
  if (stage == "ppo") return tr("PPO");
  if (stage == "grpo") return tr("GRPO");
  if (stage == "dpo") return tr("DPO");
  if (stage == "evaluate") return tr("Evaluation on held-out prompts");
  if (stage == "report") return tr("Report");
  return stage;
}

bool ReportPage::busy() const { return task_->running(); }

void ReportPage::showEvent(QShowEvent* event) {
  if (!busy()) show_report();
  Page::showEvent(event);
}

void ReportPage::show_status(const QString& text, bool error) {
  status_->setText(text);
  status_->setStyleSheet(error ? QStringLiteral("color: #c0392b") : QString());
}

void ReportPage::show_report() {
  const QString markdown = studio_.folder() + "/reports/report.md";
  browser_->clear();
  if (!studio_.project() || !QFileInfo::exists(markdown)) {
    browser_->setPlainText(tr("No report yet: run the demo pipeline, or evaluate the checkpoints, or write the report."));
    return;
  }
  browser_->setSearchPaths({studio_.folder() + "/reports"});
  browser_->setSource(QUrl::fromLocalFile(markdown), QTextDocument::MarkdownResource);
  browser_->reload();  // the file may have changed under the same name
}

void ReportPage::refresh_report() {
  Project* project = studio_.project();
  if (!project || busy()) return;
  try {
    write_report(*project, translate_report);
    show_status(tr("Report written to %1").arg(studio_.folder() + "/reports"), false);
  } catch (const std::exception& e) {
    show_status(error_text(e), true);
  }
  show_report();
}

bool ReportPage::export_html(const QString& path) {
  Project* project = studio_.project();
  if (!project) return false;
  try {
    const auto files = write_report(*project, translate_report);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile::remove(path);
    if (!QFile::copy(QString::fromStdString(files.html), path)) throw Error("could not write " + path.toStdString());
    show_status(tr("Report exported to %1").arg(path), false);
    show_report();
    return true;
  } catch (const std::exception& e) {
    show_status(error_text(e), true);
    return false;
  }
}

void ReportPage::run_pipeline(const DemoPipelineOptions& options) {
  if (!studio_.project() || busy()) return;
  shared_ = std::make_shared<Shared>();
  log_->clear();
  show_status(tr("The demo pipeline is running."), false);
  task_->start(tr("Demo pipeline"), [folder = studio_.folder().toStdString(), options, shared = shared_](BackgroundTask&) {
    Project project = Project::open(folder);  // this thread's own connection
    SharedObserver<Shared> observer(*shared);
    const auto outcome = run_demo_pipeline(project, options, observer, shared->stop, translate_report);
    if (outcome.status == TrainOutcome::Status::Stopped)
      return tr("Stopped. Run the pipeline again to continue where it stopped.");
    if (outcome.report.markdown.empty()) throw Error(outcome.message);
    return tr("The demo pipeline finished: the report below.");
  });  poll();  // the buttons say at once that it runs
}

void ReportPage::stop_pipeline() {
  shared_->stop.request_stop();
  task_->cancel();
}

void ReportPage::evaluate() {
  Project* project = studio_.project();
  if (!project || busy()) return;
  const auto plan = default_evaluation_plan(*project);
  if (plan.checkpoints.empty() || plan.prompt_set.empty()) {
    show_status(tr("Nothing to evaluate yet: the evaluation needs an SFT checkpoint and a prompt set."), true);
    return;
  }
  shared_ = std::make_shared<Shared>();
  show_status(tr("Evaluating %n checkpoint(s) on the prompt set %1.", "", int(plan.checkpoints.size()))
                  .arg(QString::fromStdString(plan.prompt_set)),
              false);
  task_->start(tr("Evaluation"), [folder = studio_.folder().toStdString(), plan](BackgroundTask& task) {
    Project project = Project::open(folder);
    const auto set = project.db().prompt_set(plan.prompt_set);
    if (!set) throw Error("the prompt set " + plan.prompt_set + " is gone");
    SamplingOptions sampling;
    sampling.temperature = 0.7;
    sampling.max_new_tokens = 64;
    const auto evaluation = evaluate_checkpoints(project, plan.checkpoints, set->id, plan.reward_checkpoint, 200, sampling,
                                                 [&task](int done, int total) {
                                                   task.report(std::uint64_t(done), std::uint64_t(total));
                                                   return task.keep_going();
                                                 });
    save_evaluation(project, evaluation);
    write_report(project, translate_report);
    return tr("Evaluated: the report below compares the checkpoints.");
  });  poll();
}

void ReportPage::poll() {
  const bool running = busy();
  const bool project = studio_.project() != nullptr;
  pipeline_button_->setEnabled(!running && project);
  evaluate_button_->setEnabled(!running && project);
  refresh_button_->setEnabled(!running && project);
  export_button_->setEnabled(!running && project);
  stop_button_->setEnabled(running);
  progress_->setVisible(running);
  log_->setVisible(!log_->document()->isEmpty());  // the pipeline's messages, once there are some
  if (!running) return;
  std::vector<QString> messages;
  std::optional<PipelineProgress> progress;
  {
    std::lock_guard lock(shared_->mutex);
    messages.swap(shared_->messages);
    if (shared_->has_progress) progress = shared_->progress;
  }
  for (const auto& m : messages) log_->appendPlainText(m);
  log_->setVisible(!log_->document()->isEmpty());
  if (progress) {  // the pipeline
    progress_->setValue(int(1000 * progress->overall));
    progress_->setFormat(tr("Stage %1 of %2: %3 · %4% · overall %5% · %6")
                             .arg(progress->stage)
                             .arg(progress->stages)
                             .arg(stage_title(QString::fromStdString(progress->stage_name)))
                             .arg(int(100 * progress->stage_fraction))
                             .arg(int(100 * progress->overall))
                             .arg(format_eta(std::isfinite(progress->eta_seconds) ? progress->eta_seconds : -1)));
  } else if (task_->total() > 0) {  // an evaluation
    progress_->setValue(int(1000 * double(task_->done()) / double(task_->total())));
    progress_->setFormat(tr("%1 of %2 answers · %3").arg(task_->done()).arg(task_->total()).arg(format_eta(task_->eta_seconds())));
  }
}

void ReportPage::finished(bool ok, const QString& message) {
  poll();
  {
    std::lock_guard lock(shared_->mutex);
    for (const auto& m : shared_->messages) log_->appendPlainText(m);
    shared_->messages.clear();
  }
  log_->setVisible(!log_->document()->isEmpty());
  show_status(message, !ok);
  Q_EMIT studio_.datasets_changed();  // the pipeline may have added the demo data, a tokenizer, runs, prompt sets
  Q_EMIT studio_.tokenizer_changed();
  Q_EMIT studio_.runs_changed();
  show_report();
}

}  // namespace chattrain::ui
