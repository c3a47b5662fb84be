#include "data_page.h"
#include "core_text.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "background_task.h"
#include "format.h"
#include "studio.h"

namespace chattrain::ui {

DataPage::DataPage(Studio& studio, QWidget* parent) : Page(parent), studio_(studio), task_(new BackgroundTask(this)) {
  setAcceptDrops(true);
  hint_ = new QLabel(this);
  hint_->setWordWrap(true);
  add_files_ = new QPushButton(this);
  add_folder_ = new QPushButton(this);
  format_ = new QComboBox(this);
  for (auto f : {InputFormat::Auto, InputFormat::Text, InputFormat::Markdown, InputFormat::Jsonl, InputFormat::ChinesePoetry})
    format_->addItem(QString(), QString::fromLatin1(input_format_name(f)));
  format_label_ = new QLabel(this);
  name_label_ = new QLabel(this);
  name_ = new QLineEdit(this);
  import_ = new QPushButton(this);
  import_->setEnabled(false);
  cancel_ = new QPushButton(this);
  cancel_->setEnabled(false);
  progress_ = new QProgressBar(this);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  estimate_ = new QLabel(this);

  preview_ = new QTableWidget(0, 2, this);
  preview_->horizontalHeader()->setStretchLastSection(true);
  preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  preview_->verticalHeader()->setVisible(false);
  rejected_ = new QListWidget(this);
  datasets_ = new QTableWidget(0, 7, this);
  datasets_->horizontalHeader()->setStretchLastSection(true);
  datasets_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  datasets_->verticalHeader()->setVisible(false);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add_files_);
  buttons->addWidget(add_folder_);
  buttons->addWidget(format_label_);
  buttons->addWidget(format_);
  buttons->addWidget(name_label_);
  buttons->addWidget(name_, 1);
  buttons->addWidget(import_);
  buttons->addWidget(cancel_);
  auto* progress_row = new QHBoxLayout;
  progress_row->addWidget(progress_, 1);
  progress_row->addWidget(status_, 2);

  preview_box_ = new QGroupBox(this);
  auto* preview_layout = new QVBoxLayout(preview_box_);
  preview_layout->addWidget(estimate_);
  preview_layout->addWidget(preview_);
  rejected_box_ = new QGroupBox(this);
  (new QVBoxLayout(rejected_box_))->addWidget(rejected_);
  datasets_box_ = new QGroupBox(this);
  (new QVBoxLayout(datasets_box_))->addWidget(datasets_);
  auto* middle = new QHBoxLayout;
  middle->addWidget(preview_box_, 3);
  middle->addWidget(rejected_box_, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(header_);
  layout->addWidget(hint_);
  layout->addLayout(buttons);
  layout->addLayout(progress_row);
  layout->addLayout(middle, 3);
  layout->addWidget(datasets_box_, 2);

  connect(add_files_, &QPushButton::clicked, this, [this] {
    add_paths(QFileDialog::getOpenFileNames(this, tr("Add files"), QString(),
                                            tr("Text and data (*.txt *.md *.markdown *.jsonl *.ndjson *.json);;All files (*)")));
  });
  connect(add_folder_, &QPushButton::clicked, this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add folder"));
    if (!folder.isEmpty()) add_paths({folder});
  });
  connect(import_, &QPushButton::clicked, this, &DataPage::import_pending);
  connect(cancel_, &QPushButton::clicked, task_, &BackgroundTask::cancel);
  connect(task_, &BackgroundTask::finished, this, &DataPage::task_finished);
  connect(&studio_, &Studio::project_changed, this, &DataPage::refresh_datasets);
  connect(&studio_, &Studio::datasets_changed, this, &DataPage::refresh_datasets);
  connect(&studio_, &Studio::tokenizer_changed, this, &DataPage::refresh_datasets);  // token counts change
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &DataPage::update_progress);
  timer->start(100);
  retranslate();
  refresh_datasets();
}

void DataPage::retranslate() {
  set_header();
  hint_->setText(tr("Add plain text or Markdown files, JSONL with a \"text\" field, or chinese-poetry JSON, or drop them here. "
                    "Every record is checked: text must be UTF-8, JSON must parse; what is rejected is listed with its file and line."));
  add_files_->setText(tr("Add files…"));
  add_folder_->setText(tr("Add folder…"));
  format_label_->setText(tr("Format:"));
  const QStringList formats{tr("Detect from the file"), tr("Plain text"), tr("Markdown"), tr("JSONL (\"text\" field)"), tr("chinese-poetry JSON")};
  for (int i = 0; i < formats.size(); ++i) format_->setItemText(i, formats[i]);
  name_label_->setText(tr("Dataset name:"));
  import_->setText(tr("Import"));
  cancel_->setText(tr("Cancel"));
  preview_box_->setTitle(tr("Preview"));
  rejected_box_->setTitle(tr("Rejected records"));
  datasets_box_->setTitle(tr("Datasets in this project"));
  preview_->setHorizontalHeaderLabels({tr("Source"), tr("Text")});
  datasets_->setHorizontalHeaderLabels({tr("Name"), tr("Format"), tr("Documents"), tr("Size"), tr("Tokens"), tr("Rejected"), tr("Source")});
  refresh_datasets();  // the embedded datasets' sources are in the interface's language
  show_pending();
}

void DataPage::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void DataPage::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  add_paths(paths);
}

void DataPage::add_paths(const QStringList& paths) {
  if (paths.isEmpty() || task_->running()) return;
  pending_paths_ = paths;
  name_->setText(QFileInfo(paths.front()).completeBaseName().replace(' ', '-'));  // editable before Import
  const InputFormat format = parse_input_format(format_->currentData().toString().toStdString());
  job_ = Job::Reading;
  reading_ = std::make_shared<ImportResult>();
  task_->start(tr("Reading"), [result = reading_, paths, format](BackgroundTask& task) {
    for (int i = 0; i < paths.size(); ++i) {
      task.report(std::uint64_t(i), std::uint64_t(paths.size()));
      ImportResult one = import_path(paths[i].toStdString(), format);
      result->files += one.files;
      result->documents.insert(result->documents.end(), one.documents.begin(), one.documents.end());
      result->rejected.insert(result->rejected.end(), one.rejected.begin(), one.rejected.end());
    }
    task.report(std::uint64_t(paths.size()), std::uint64_t(paths.size()));
    return tr("Read %n document(s); %1 rejected.", "", int(result->documents.size())).arg(result->rejected.size());
  });
}

void DataPage::show_pending() {
  preview_->setRowCount(0);
  rejected_->clear();
  rejected_->addItems(problem_texts(pending_.rejected));
  const int shown = int(std::min<size_t>(pending_.documents.size(), 50));
  preview_->setRowCount(shown);
  std::uint64_t characters = 0;
  for (const auto& d : pending_.documents) characters += QString::fromStdString(d.text).size();
  for (int i = 0; i < shown; ++i) {
    const auto& d = pending_.documents[size_t(i)];
    preview_->setItem(i, 0, new QTableWidgetItem(QFileInfo(QString::fromStdString(d.source)).fileName() + ":" + QString::number(d.line)));
    preview_->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(d.text).left(160).replace('\n', QStringLiteral(" ⏎ "))));
  }
  if (pending_.documents.empty()) {
    estimate_->setText(tr("Nothing read yet."));
    import_->setEnabled(false);
    return;
  }
  // Tokens: measured on the preview with the project's tokenizer when there is one.
  double tokens_per_character = 0;
  if (studio_.project() && studio_.project()->has_tokenizer()) {
    try {
      const auto tokenizer = Tokenizer::load(studio_.project()->tokenizer_model());
      std::uint64_t chars = 0, toks = 0;
      for (int i = 0; i < shown; ++i) {
        chars += QString::fromStdString(pending_.documents[size_t(i)].text).size();
        toks += tokenizer.encode(pending_.documents[size_t(i)].text).size();
      }
      if (chars) tokens_per_character = double(toks) / double(chars);
    } catch (const std::exception&) {
    }
  }
  estimate_->setText(tokens_per_character > 0
                         ? tr("%1 documents, %2 characters, about %3 tokens with this project's tokenizer.")
                               .arg(pending_.documents.size()).arg(characters).arg(format_count(double(characters) * tokens_per_character))
                         : tr("%1 documents, %2 characters (a tokenizer trained on them gives about one token per Chinese character).")
                               .arg(pending_.documents.size()).arg(characters));
  import_->setEnabled(studio_.project() != nullptr && !task_->running());
}

void DataPage::import_pending() {
  if (!studio_.project() || pending_.documents.empty() || task_->running()) return;
  const std::string name = name_->text().trimmed().toStdString();
  const std::string source = pending_paths_.join(", ").toStdString();
  const std::string kind = format_->currentData().toString().toStdString();
  ImportResult documents = pending_;
  Project* project = studio_.project();
  job_ = Job::Importing;
  task_->start(tr("Importing"), [project, documents, name, source, kind](BackgroundTask& task) {
    const auto record = save_dataset(*project, name, documents, source, kind,
                                      [&task](std::uint64_t done, std::uint64_t total) { task.report(done, total); });
    return tr("Dataset %1: %2 documents imported, %3 rejected.")
        .arg(QString::fromStdString(record.name)).arg(record.documents).arg(record.rejected);
  });
}

void DataPage::task_finished(bool ok, const QString& message) {
  status_->setText(message);
  status_->setStyleSheet(ok ? QString() : QStringLiteral("color: #c0392b"));
  if (ok && job_ == Job::Reading) {
    pending_ = std::move(*reading_);
    show_pending();
  } else if (ok && job_ == Job::Importing) {
    pending_ = ImportResult{};
    show_pending();
    Q_EMIT studio_.datasets_changed();
  }
  import_->setEnabled(!pending_.documents.empty() && studio_.project());
}

void DataPage::update_progress() {
  const bool busy = task_->running();
  progress_->setVisible(busy);
  cancel_->setEnabled(busy);
  add_files_->setEnabled(!busy);
  add_folder_->setEnabled(!busy);
  if (!busy) return;
  import_->setEnabled(false);
  progress_->setMaximum(int(std::max<std::uint64_t>(1, task_->total())));
  progress_->setValue(int(task_->done()));
  status_->setStyleSheet(QString());
  status_->setText(task_->what() + "… " + format_eta(task_->eta_seconds()));
}

void DataPage::refresh_datasets() {
  datasets_->setRowCount(0);
  if (!studio_.project()) return;
  const auto all = studio_.project()->db().datasets();
  datasets_->setRowCount(int(all.size()));
  for (int i = 0; i < int(all.size()); ++i) {
    const auto& d = all[size_t(i)];
    std::int64_t tokens = -1;
    try {
      tokens = dataset_tokens(*studio_.project(), d.name);
    } catch (const std::exception&) {
    }
    const QStringList cells{QString::fromStdString(d.name), QString::fromStdString(d.kind), QString::number(d.documents),
                            format_bytes(double(d.characters)),
                            tokens < 0 ? tr("not tokenized yet") : format_count(double(tokens)),
                            QString::number(d.rejected),
                            // The embedded datasets' sources are marked for translation in core; a file path has none.
                            QCoreApplication::translate("Core", d.source.c_str())};
    for (int c = 0; c < cells.size(); ++c) datasets_->setItem(i, c, new QTableWidgetItem(cells[c]));
  }
  datasets_->resizeColumnsToContents();
}

}  // namespace chattrain::ui
