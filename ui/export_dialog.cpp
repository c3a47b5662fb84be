#include "export_dialog.h"
#include "core_text.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include <chattrain/export.h>
#include <chattrain/project.h>

#include "background_task.h"
#include "checkpoint_box.h"
#include "studio.h"

namespace chattrain::ui {

ExportDialog::ExportDialog(Studio& studio, QWidget* parent) : QDialog(parent), studio_(studio), task_(new BackgroundTask(this)) {
  checkpoint_ = new CheckpointBox(studio_, this);
  checkpoint_->set_stages({}, {"reward"}, {"dpo", "grpo", "ppo", "sft"});  // a reward model cannot chat: nothing to run it in
  gguf_ = new QRadioButton(this);
  huggingface_ = new QRadioButton(this);
  gguf_->setChecked(true);
  auto* formats = new QButtonGroup(this);
  formats->addButton(gguf_);
  formats->addButton(huggingface_);
  f32_ = new QRadioButton(this);
  f16_ = new QRadioButton(this);
  f32_->setChecked(true);
  auto* weights = new QButtonGroup(this);
  weights->addButton(f32_);
  weights->addButton(f16_);
  destination_ = new QLineEdit(this);
  browse_ = new QPushButton(this);
  export_ = new QPushButton(this);
  export_->setDefault(true);
  run_ = new QComboBox(this);
  csv_ = new QPushButton(this);
  tensorboard_ = new QPushButton(this);
  close_ = new QPushButton(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  checkpoint_label_ = new QLabel(this);
  format_label_ = new QLabel(this);
  weights_label_ = new QLabel(this);
  destination_label_ = new QLabel(this);
  metrics_label_ = new QLabel(this);
  import_label_ = new QLabel(this);
  import_label_->setWordWrap(true);
  import_ = new QPushButton(this);

  model_box_ = new QGroupBox(this);
  auto* form = new QFormLayout(model_box_);
  form->addRow(checkpoint_label_, checkpoint_);
  auto* format_row = new QVBoxLayout;
  format_row->addWidget(gguf_);
  format_row->addWidget(huggingface_);
  form->addRow(format_label_, format_row);
  auto* weights_row = new QHBoxLayout;
  weights_row->addWidget(f32_);
  weights_row->addWidget(f16_);
  weights_row->addStretch();
  form->addRow(weights_label_, weights_row);
  auto* destination_row = new QHBoxLayout;
  destination_row->addWidget(destination_, 1);
  destination_row->addWidget(browse_);
  form->addRow(destination_label_, destination_row);
  auto* export_row = new QHBoxLayout;
  export_row->addStretch();
  export_row->addWidget(export_);
  form->addRow(export_row);
  metrics_box_ = new QGroupBox(this);
  auto* metrics_row = new QHBoxLayout(metrics_box_);
  metrics_row->addWidget(metrics_label_);
  metrics_row->addWidget(run_, 1);
  metrics_row->addWidget(csv_);
  metrics_row->addWidget(tensorboard_);
  import_box_ = new QGroupBox(this);
  auto* import_row = new QHBoxLayout(import_box_);
  import_row->addWidget(import_label_, 1);
  import_row->addWidget(import_);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch();
  buttons->addWidget(close_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(model_box_);
  layout->addWidget(metrics_box_);
  layout->addWidget(import_box_);
  layout->addWidget(status_, 1);
  layout->addLayout(buttons);

  connect(checkpoint_, &QComboBox::currentIndexChanged, this, &ExportDialog::suggest_destination);
  connect(gguf_, &QRadioButton::toggled, this, &ExportDialog::suggest_destination);
  connect(f16_, &QRadioButton::toggled, this, &ExportDialog::suggest_destination);
  connect(destination_, &QLineEdit::textEdited, this, [this] { destination_edited_ = true; });
  connect(browse_, &QPushButton::clicked, this, &ExportDialog::browse);
  connect(export_, &QPushButton::clicked, this, &ExportDialog::start_export);
  connect(close_, &QPushButton::clicked, this, &QDialog::close);
  connect(csv_, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export metrics as CSV"),
                                                      QDir(studio_.folder()).filePath(run_->currentText() + ".csv"), tr("CSV (*.csv)"));
    if (!file.isEmpty()) export_metrics_csv(file);
  });
  connect(tensorboard_, &QPushButton::clicked, this, &ExportDialog::write_tensorboard_events);
  connect(import_, &QPushButton::clicked, this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a Hugging Face model folder"), QDir::homePath());
    if (!folder.isEmpty()) import_folder(folder);
  });
  connect(task_, &BackgroundTask::finished, this, &ExportDialog::show_result);
  connect(&studio_, &Studio::runs_changed, this, &ExportDialog::refresh_runs);
  connect(&studio_, &Studio::project_changed, this, &ExportDialog::refresh_runs);
  refresh_runs();
  retranslate();
  suggest_destination();
  resize(660, 480);
}

bool ExportDialog::busy() const { return exporting_; }

void ExportDialog::refresh_runs() {
  const QString chosen = run_->currentText();
  run_->clear();
  if (Project* project = studio_.project())
    for (const auto& run : project->db().runs()) run_->addItem(QString::fromStdString(run.id));
  if (run_->findText(chosen) >= 0) run_->setCurrentIndex(run_->findText(chosen));
  csv_->setEnabled(run_->count() > 0);
  tensorboard_->setEnabled(run_->count() > 0);
}

// exports/<run>-step-000300[-f16].gguf (or -hf/): a new name per checkpoint, never the user's own files.
void ExportDialog::suggest_destination() {
  if (destination_edited_ || !studio_.project() || checkpoint_->checkpoint().isEmpty()) return;
  destination_->setText(QString::fromStdString(default_export_path(studio_.project()->exports_dir(), checkpoint_->checkpoint().toStdString(),
                                                                   gguf_->isChecked(), f16_->isChecked() ? WeightType::F16 : WeightType::F32)));
}

void ExportDialog::browse() {
  const QString chosen = gguf_->isChecked()
                             ? QFileDialog::getSaveFileName(this, tr("Export as GGUF"), destination_->text(), tr("GGUF (*.gguf)"))
                             : QFileDialog::getExistingDirectory(this, tr("Export into an empty folder"), destination_->text());
  if (chosen.isEmpty()) return;
  destination_->setText(chosen);
  destination_edited_ = true;
}

void ExportDialog::start_export() {
  if (exporting_ || !studio_.project()) return;
  const std::string checkpoint = checkpoint_->checkpoint().toStdString(), destination = destination_->text().toStdString();
  if (checkpoint.empty()) return show_result(false, tr("There is no checkpoint to export yet: train one first."));
  if (destination.empty()) return show_result(false, tr("Choose where to write the export."));
  const std::string tokenizer = studio_.project()->tokenizer_model(), exports = studio_.project()->exports_dir();
  const bool gguf = gguf_->isChecked();
  const WeightType type = f16_->isChecked() ? WeightType::F16 : WeightType::F32;
  export_->setEnabled(false);
  exporting_ = true;
  status_->setText(tr("Exporting %1…").arg(checkpoint_->currentText()));
  task_->start(tr("Export"), [=](BackgroundTask&) {
    if (QFileInfo(QString::fromStdString(destination)).absolutePath() == QString::fromStdString(exports))
      QDir().mkpath(QString::fromStdString(exports));  // the project's own exports/ folder, made on first use
    const ExportResult result = gguf ? export_gguf(checkpoint, tokenizer, destination, type)
                                     : export_huggingface(checkpoint, tokenizer, destination, type);
    const QString path = QString::fromStdString(result.path), size = QString::number(double(result.bytes) / 1e6, 'f', 1);
    return gguf ? tr("Wrote %1 (%2 tensors, %3 MB).\nTry it with llama.cpp: llama-cli -m \"%1\" -cnv\nor with Ollama: a Modelfile "
                     "with the line FROM %1, then ollama create and ollama run.")
                      .arg(path).arg(result.tensors).arg(size)
                : tr("Wrote the folder %1 (%2 tensors, %3 MB).\nTry it with transformers: AutoModelForCausalLM.from_pretrained(\"%1\"), "
                     "and AutoTokenizer's apply_chat_template for the chat format.")
                      .arg(path).arg(result.tensors).arg(size);
  });
}

void ExportDialog::import_folder(const QString& folder) {
  Project* project = studio_.project();
  if (exporting_ || !project) return;
  const std::string run = project->new_run_id(stage_name(Stage::Import)), source = folder.toStdString();
  const std::string tokenizer = project->tokenizer_model(), run_dir = project->run_dir(run);
  exporting_ = true;
  status_->setText(tr("Importing %1…").arg(folder));
  // The files on the task's thread; the project's database (this thread's connection) when it is done.
  auto* once = new QObject(this);
  connect(task_, &BackgroundTask::finished, once, [this, once, run, source](bool ok, const QString&) {
    once->deleteLater();
    if (!ok || !studio_.project()) return;
    studio_.project()->db().add_run({run, Stage::Import, RunStatus::Finished, "", "{}", source});
    Q_EMIT studio_.runs_changed();
  });
  task_->start(tr("Import"), [=](BackgroundTask&) {
    const std::string checkpoint = import_huggingface(source, tokenizer, run_dir);
    return tr("Imported %1 as run %2 (%3). Fine-tune it on the SFT page or talk with it on the Chat page.")
        .arg(folder, QString::fromStdString(run), QString::fromStdString(checkpoint));
  });
}

void ExportDialog::export_metrics_csv(const QString& file) {
  if (!studio_.project() || run_->currentText().isEmpty()) return;
  const auto metrics = studio_.project()->db().metrics(run_->currentText().toStdString());
  QSaveFile out(file);  // written whole or not at all
  const QByteArray csv = QByteArray::fromStdString(metrics_csv(metrics));
  if (!out.open(QIODevice::WriteOnly) || out.write(csv) != csv.size() || !out.commit())
    return show_result(false, tr("Could not write %1: %2").arg(file, out.errorString()));
  show_result(true, tr("Wrote %n points of %1 to %2.", nullptr, int(metrics.size())).arg(run_->currentText(), file));
}

void ExportDialog::write_tensorboard_events() {
  Project* project = studio_.project();
  if (!project || run_->currentText().isEmpty()) return;
  const std::string run = run_->currentText().toStdString();
  try {
    const std::string file = chattrain::write_tensorboard_events(project->run_dir(run), project->db().metrics(run));
    show_result(true, tr("Wrote %1.\nSee every run's curves with: tensorboard --logdir \"%2\"")
                          .arg(QString::fromStdString(file), QString::fromStdString(project->runs_dir())));
  } catch (const std::exception& e) {
    show_result(false, error_text(e));
  }
}

void ExportDialog::show_result(bool ok, const QString& message) {
  showing_hint_ = false;
  exporting_ = false;
  export_->setEnabled(true);
  status_->setText(message);
  status_->setStyleSheet(ok ? QString() : QStringLiteral("color: #c0392b;"));
  Q_EMIT exported(ok, message);
}

void ExportDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void ExportDialog::retranslate() {
  setWindowTitle(tr("Export and import"));
  model_box_->setTitle(tr("A checkpoint, to run elsewhere"));
  metrics_box_->setTitle(tr("A run's metrics"));
  checkpoint_label_->setText(tr("Checkpoint:"));
  format_label_->setText(tr("Format:"));
  gguf_->setText(tr("GGUF file — llama.cpp, Ollama, LM Studio"));
  huggingface_->setText(tr("Hugging Face folder — transformers (LlamaForCausalLM)"));
  weights_label_->setText(tr("Weights:"));
  f32_->setText(tr("F32 (exact)"));
  f16_->setText(tr("F16 (half the size)"));
  destination_label_->setText(tr("Write to:"));
  browse_->setText(tr("Browse…"));
  export_->setText(tr("Export"));
  metrics_label_->setText(tr("Run:"));
  csv_->setText(tr("CSV…"));
  tensorboard_->setText(tr("TensorBoard events"));
  tensorboard_->setToolTip(tr("Runs write TensorBoard events as they train; this writes them again from the project, "
                              "for runs from before or after deleting the files"));
  close_->setText(tr("Close"));
  import_box_->setTitle(tr("A model from transformers"));
  import_label_->setText(tr("A Hugging Face Llama folder whose tokenizer.model is this project's (an export of ours, say) "
                            "becomes a checkpoint to fine-tune or chat with."));
  import_->setText(tr("Import a folder…"));
  if (showing_hint_)
    status_->setText(tr("The chat template (ChatML) and the tokenizer travel with the model, so the exported model "
                        "answers in the same format it was fine-tuned on."));
}

}  // namespace chattrain::ui
