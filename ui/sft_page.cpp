#include "sft_page.h"
#include "core_text.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QTextEdit>
#include <QVBoxLayout>

#include <chattrain/error.h>
#include <chattrain/train.h>
#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "background_task.h"
#include "context_fit_label.h"
#include "checkpoint_box.h"
#include "studio.h"
#include "training_monitor.h"
#include "training_settings.h"

namespace chattrain::ui {
namespace {

// One message as the template renders it: the header is context, the content and <|im_end|> of an
// answer are what the loss counts (highlighted).
QString message_html(const ChatMessage& m) {
  const QString header = QString("&lt;|im_start|&gt;%1<br>").arg(QString::fromStdString(m.role).toHtmlEscaped());
  QString body = QString::fromStdString(m.content).toHtmlEscaped().replace("\n", "<br>") + "&lt;|im_end|&gt;";
  if (m.role == "assistant") body = "<span style='background-color:#d5f5e3; color:#145a32'>" + body + "</span>";
  return "<span style='color:#888'>" + header + "</span>" + body + "<br>";
}

QString dataset_name_for(const QString& path) {
  QString name = QFileInfo(path).completeBaseName();
  name.replace(QRegularExpression("[^A-Za-z0-9_.-]"), "-");
  if (name.isEmpty() || name.startsWith('.')) name = "dialogues" + name;
  return name.left(64);
}

}  // namespace

SftPage::SftPage(Studio& studio, QWidget* parent)
    : Page(parent), studio_(studio), import_(new BackgroundTask(this)) {
  parent_group_ = new QGroupBox(this);
  parent_form_ = new QFormLayout(parent_group_);
  parent_ = new CheckpointBox(studio_, parent_group_);
  parent_->set_stages({}, {"reward"}, {"pretrain", "sft"});  // the recipe: SFT on the pretrained model
  labels_ << new QLabel(parent_group_);
  parent_form_->addRow(labels_.back(), parent_);

  data_group_ = new QGroupBox(this);
  data_form_ = new QFormLayout(data_group_);
  dataset_ = new QComboBox(data_group_);
  validation_ = new QComboBox(data_group_);
  format_ = new QComboBox(data_group_);
  for (const char* f : {"auto", "alpaca", "sharegpt", "openai", "prompt-completion"}) format_->addItem(QString(), QString::fromLatin1(f));
  import_button_ = new QPushButton(data_group_);
  auto* import_row = new QHBoxLayout;
  import_row->addWidget(format_, 1);
  import_row->addWidget(import_button_);
  sample_question_ = new QLineEdit(QString::fromUtf8(demo_sample_question), data_group_);
  for (auto* field : std::initializer_list<QObject*>{dataset_, validation_, import_row, sample_question_}) {
    labels_ << new QLabel(data_group_);
    if (auto* layout = qobject_cast<QLayout*>(field)) data_form_->addRow(labels_.back(), layout);
    else data_form_->addRow(labels_.back(), static_cast<QWidget*>(field));
  }
  data_hint_ = new QLabel(data_group_);
  data_hint_->setWordWrap(true);
  mark_as_help(data_hint_);
  data_form_->addRow(data_hint_);
  context_fit_ = new ContextFitLabel(ContextFitLabel::Unit::Conversations, data_group_);
  data_form_->addRow(context_fit_);
  // A choice box, not a check box with the whole sentence: that would widen the column past a 1280-pixel
  // screen in presentation mode.
  too_long_ = new QComboBox(data_group_);
  too_long_->addItem(QString(), false);
  too_long_->addItem(QString(), true);
  too_long_label_ = new QLabel(data_group_);
  data_form_->addRow(too_long_label_, too_long_);
  connect(too_long_, &QComboBox::currentIndexChanged, this, [this] { context_fit_->set_too_long_left_out(too_long_->currentData().toBool()); });
  rejected_ = new QListWidget(data_group_);
  rejected_->setMaximumHeight(110);
  rejected_->hide();
  data_form_->addRow(rejected_);
  preview_hint_ = new QLabel(data_group_);
  preview_hint_->setWordWrap(true);
  mark_as_help(preview_hint_);
  data_form_->addRow(preview_hint_);
  preview_ = new QTextEdit(data_group_);
  preview_->setReadOnly(true);
  preview_->setMinimumHeight(220);
  data_form_->addRow(preview_);

  training_ = new TrainingSettings(this);
  monitor_ = new TrainingMonitor(studio_, Stage::Sft, this);
  monitor_->watch(import_);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(monitor_->beside_settings({parent_group_, data_group_, training_}, 420), 1);

  connect(import_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import dialogues"), QString(), tr("Dialogues (*.json *.jsonl)"));
    if (!path.isEmpty()) import_file(path);
  });
  connect(import_, &BackgroundTask::finished, this, [this](bool ok, const QString& message) {
    rejected_->clear();
    if (importing_) {
      rejected_->addItems(problem_texts(importing_->rejected));
      rejected_->addItems(problem_texts(importing_->notes));
    }
    rejected_->setVisible(rejected_->count() > 0);
    ok ? monitor_->show_status(message) : monitor_->show_error(message);
    refresh_datasets();
    if (ok) dataset_->setCurrentIndex(std::max(0, dataset_->findData(imported_name_)));
    Q_EMIT studio_.datasets_changed();
    monitor_->update_buttons();
  });
  connect(dataset_, &QComboBox::currentIndexChanged, this, &SftPage::show_preview);
  connect(parent_, &QComboBox::currentIndexChanged, this, &SftPage::measure_context_fit);
  // A new checkpoint (the box refreshes quietly) may have another context length.
  connect(&studio_, &Studio::runs_changed, this, &SftPage::measure_context_fit);
  connect(monitor_, &TrainingMonitor::start_requested, this, &SftPage::start);
  connect(monitor_, &TrainingMonitor::resume_requested, this, &SftPage::resume_run);
  connect(monitor_, &TrainingMonitor::continue_requested, this, &SftPage::continue_from);
  connect(monitor_, &TrainingMonitor::busy_changed, this, [this](bool busy) {
    for (QWidget* w : {static_cast<QWidget*>(parent_group_), static_cast<QWidget*>(data_group_), static_cast<QWidget*>(training_)})
      w->setEnabled(!busy);
  });
  connect(&studio_, &Studio::project_changed, this, &SftPage::refresh_datasets);
  connect(&studio_, &Studio::datasets_changed, this, [this] {
    if (!import_->running()) refresh_datasets();
  });

  set_config(default_sft_config());
  retranslate();
  refresh_datasets();
}

void SftPage::retranslate() {
  set_header();
  parent_group_->setTitle(tr("Start from"));
  data_group_->setTitle(tr("Dialogues"));
  const QStringList labels{tr("Checkpoint"), tr("Training set"), tr("Validation set"), tr("Import a file"), tr("Sample question")};
  for (int i = 0; i < labels.size(); ++i) labels_[i]->setText(labels[i]);
  const QStringList formats{tr("Detect the format"), tr("Alpaca"), tr("ShareGPT"), tr("OpenAI messages"), tr("Prompt / completion")};
  for (int i = 0; i < formats.size(); ++i) format_->setItemText(i, formats[i]);
  import_button_->setText(tr("Import dialogues…"));
  data_hint_->setText(tr("JSON or JSONL in the Alpaca, ShareGPT, OpenAI messages or prompt/completion layout. "
                         "The built-in demo set asks about the Tang poems: titles, authors, continuations, in Chinese and English."));
  preview_hint_->setText(tr("The first conversations through the ChatML template. Highlighted: what the loss counts (the answers and their end marks)."));
  if (validation_->count() > 0) validation_->setItemText(0, tr("Hold out 5% of the training set"));
  too_long_label_->setText(tr("Too long for the context"));
  too_long_->setItemText(0, tr("cut the start (the last answer stays whole)"));
  too_long_->setItemText(1, tr("leave the conversation out"));
  sample_question_->setToolTip(tr("Asked at every sample, so that you can watch the answers improve"));
  training_->retranslate();
  monitor_->retranslate();
}

TrainingConfig SftPage::config() const {
  TrainingConfig c = default_sft_config();
  training_->apply_to(c);
  c.sample_prompt = sample_question_->text().toStdString();
  c.drop_too_long = too_long_->currentData().toBool();
  return c;
}

void SftPage::set_config(const TrainingConfig& config) {
  training_->show_config(config);
  if (!config.sample_prompt.empty()) sample_question_->setText(QString::fromStdString(config.sample_prompt));
  too_long_->setCurrentIndex(config.drop_too_long ? 1 : 0);
}

bool SftPage::busy() const { return monitor_->busy(); }

void SftPage::refresh_datasets() {
  const QString chosen = dataset_->currentData().toString(), chosen_validation = validation_->currentData().toString();
  const QSignalBlocker quiet(dataset_);
  dataset_->clear();
  validation_->clear();
  validation_->addItem(tr("Hold out 5% of the training set"), QString());
  bool added = false;
  if (Project* project = studio_.project()) {
    try {
      added = ensure_demo_dialogues(*project);  // the demo set is always there to start with
    } catch (const std::exception& e) {
      monitor_->show_error(error_text(e));
    }
    for (const auto& d : project->db().datasets()) {
      if (!is_dialogue_dataset(d)) continue;
      const QString name = QString::fromStdString(d.name);
      const QString label = tr("%1 (%n conversation(s))", "", int(d.documents)).arg(name);
      dataset_->addItem(label, name);
      validation_->addItem(label, name);
    }
  }
  const QString demo = QString::fromLatin1(embedded_dialogues_name);
  dataset_->setCurrentIndex(std::max(0, dataset_->findData(chosen.isEmpty() ? demo : chosen)));
  // The demo set comes with its held-out part; an imported set holds out 5% of itself.
  const QString held_out = dataset_->currentData().toString() + "-heldout";
  const int validation = validation_->findData(chosen_validation.isEmpty() ? held_out : chosen_validation);
  validation_->setCurrentIndex(std::max(0, validation));
  show_preview();
  if (added) Q_EMIT studio_.datasets_changed();  // the Data page lists them too
}

void SftPage::show_preview() {
  preview_->clear();
  Project* project = studio_.project();
  const QString name = dataset_->currentData().toString();
  if (!project || name.isEmpty()) return;
  try {
    const auto conversations = load_dialogue_dataset(*project, name.toStdString());
    QString html;
    for (size_t i = 0; i < std::min<size_t>(4, conversations.size()); ++i) {
      html += QString("<p><b>%1</b><br>").arg(tr("Conversation %1").arg(i + 1));
      for (const auto& m : conversations[i].messages) html += message_html(m);
      html += "</p>";
    }
    preview_->setHtml("<div style='font-family:monospace'>" + html + "</div>");
  } catch (const std::exception& e) {
    preview_->setPlainText(error_text(e));
  }
  measure_context_fit();
}

// Issue 20.4: before training, how many conversations fit the starting checkpoint's context and what
// SFT's cut keeps (it cuts from the start: the prompt's beginning first, the answer only when it does not
// fit alone). Tokenizing a set takes a moment: on the task's thread.
void SftPage::measure_context_fit() {
  Project* project = studio_.project();
  const std::string name = dataset_->currentData().toString().toStdString();
  context_fit_->measure(project && !name.empty() ? QString::fromStdString(project->folder()) : QString(), parent_->checkpoint(),
                        [name](Project& opened, const Tokenizer& tokenizer, int context) {
                          return context_fit(load_dialogue_dataset(opened, name), tokenizer, context);
                        });
}

void SftPage::import_file(const QString& path) {
  Project* project = studio_.project();
  if (!project || busy()) return;
  rejected_->clear();
  rejected_->hide();
  imported_name_ = dataset_name_for(path);
  auto result = importing_ = std::make_shared<DialogueImportResult>();
  const auto format = parse_dialogue_format(format_->currentData().toString().toStdString());
  const std::string name = imported_name_.toStdString(), file = path.toStdString();
  import_->start(tr("Importing dialogues"), [project, result, format, name, file](BackgroundTask&) {
    *result = import_dialogues(file, format);
    const auto record = save_dialogue_dataset(*project, name, *result, file);
    return tr("Dataset %1: %2 conversations imported, %3 rejected.")
        .arg(QString::fromStdString(record.name)).arg(record.documents).arg(record.rejected);
  });
  monitor_->update_buttons();
}

void SftPage::start() {
  Project* project = studio_.project();
  if (!project || busy()) return;
  const QString parent = parent_->checkpoint();
  if (parent.isEmpty()) {
    monitor_->show_error(tr("Fine-tuning starts from a checkpoint: pretrain a model first."));
    return;
  }
  if (!project->has_tokenizer()) {
    monitor_->show_error(tr("The project has no tokenizer: train one and pretrain first."));
    return;
  }
  SftJob job;
  job.parent_checkpoint = parent.toStdString();
  job.config = config();
  const std::string run_id = monitor_->open_new_run(job.config.to_json(), job.parent_checkpoint);
  if (run_id.empty()) return;
  job.run_dir = project->run_dir(run_id);
  launch(std::move(job), QString::fromStdString(run_id), false, dataset_->currentData().toString(), validation_->currentData().toString());
}

void SftPage::resume_run(const QString& run_id) {
  Project* project = studio_.project();
  if (!project || run_id.isEmpty() || busy() || !monitor_->prepare_resume(run_id)) return;
  SftJob job;
  job.config = config();  // only device and threads apply: the run keeps its own settings
  job.resume = true;
  job.run_dir = project->run_dir(run_id.toStdString());
  // The run continues exactly when it sees the same dialogues: the ones chosen now.
  launch(std::move(job), run_id, true, dataset_->currentData().toString(), validation_->currentData().toString());
}

void SftPage::continue_from(const QString& checkpoint_dir) {
  Project* project = studio_.project();
  if (!project || busy()) return;
  SftJob job;
  job.config = config();
  job.resume = true;
  job.resume_checkpoint = checkpoint_dir.toStdString();
  const std::string run_id = monitor_->add_continuing_run(job.resume_checkpoint, job.config.to_json());
  if (run_id.empty()) return;
  job.run_dir = project->run_dir(run_id);
  launch(std::move(job), QString::fromStdString(run_id), false, dataset_->currentData().toString(), validation_->currentData().toString());
}

void SftPage::launch(SftJob job, const QString& run_id, bool resumed, const QString& train_set, const QString& validation_set) {
  Project* project = studio_.project();
  job.tokenizer_model = project->tokenizer_model();
  const std::int64_t steps = job.config.max_steps;
  const std::string folder = project->folder(), train = train_set.toStdString(), validation = validation_set.toStdString();
  // The dialogues are read and tokenized on the training thread: a large set takes seconds.
  monitor_->launch([job = std::move(job), folder, train, validation, processes = monitor_->processes()](TrainingObserver& observer,
                                                                                                     const StopToken& stop) mutable {
    const Project project = Project::open(folder);
    if (train.empty()) throw Error("choose a dialogue dataset to fine-tune on");
    job.conversations = load_dialogue_dataset(project, train);
    if (!validation.empty()) job.validation = load_dialogue_dataset(project, validation);
    return train_job(std::move(job), processes, observer, stop);
  }, run_id, steps, resumed);
}

}  // namespace chattrain::ui
