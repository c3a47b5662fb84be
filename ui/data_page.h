#pragma once
// Data: add files or folders (drag and drop too), preview the records and a token estimate, import
// with progress and cancel, see every rejected record with file and line, and the project's datasets.
#include "page.h"

#include <chattrain/data.h>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QGroupBox;

namespace chattrain::ui {

class BackgroundTask;
class Studio;

class DataPage : public Page {
  Q_OBJECT
 public:
  DataPage(Studio& studio, QWidget* parent = nullptr);
  QString title() const override { return tr("Data"); }
  QString next_step() const override {
    return tr("Start here: import text to pretrain on (.txt, .md, .jsonl, a folder) and dialogues to fine-tune on. Next: the Tokenizer learns its pieces from this text.");
  }
  void retranslate() override;

  // Reads the files for the preview (in the background); Import then stores them as a dataset.
  void add_paths(const QStringList& paths);
  BackgroundTask& task() { return *task_; }
  const ImportResult& pending() const { return pending_; }
  QListWidget* rejected_list() const { return rejected_; }
  QTableWidget* datasets_table() const { return datasets_; }

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void import_pending();
  void show_pending();
  void refresh_datasets();
  void update_progress();
  void task_finished(bool ok, const QString& message);

  enum class Job { Reading, Importing };
  Studio& studio_;
  BackgroundTask* task_;
  Job job_ = Job::Reading;
  std::shared_ptr<ImportResult> reading_;  // filled by the reading thread, taken when it finishes
  ImportResult pending_;
  QStringList pending_paths_;
  QLabel *hint_, *name_label_, *format_label_, *estimate_, *status_;
  QPushButton *add_files_, *add_folder_, *import_, *cancel_;
  QComboBox* format_;
  QLineEdit* name_;
  QTableWidget *preview_, *datasets_;
  QListWidget* rejected_;
  QProgressBar* progress_;
  QGroupBox *preview_box_, *rejected_box_, *datasets_box_;
};

}  // namespace chattrain::ui
