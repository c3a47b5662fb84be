#pragma once
// File → Export and import: a checkpoint to a GGUF file (llama.cpp, Ollama) or a Hugging Face folder
// (transformers), in F32 or F16; a run's metrics as CSV or TensorBoard events; and a Hugging Face folder
// with the project's tokenizer back in as a checkpoint. Model files are written and read on their own
// thread; the dialog says where the result is and how to try it.
#include <QDialog>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace chattrain::ui {

class BackgroundTask;
class CheckpointBox;
class Studio;

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ExportDialog(Studio& studio, QWidget* parent = nullptr);

  CheckpointBox* checkpoint_box() const { return checkpoint_; }
  QRadioButton* gguf_button() const { return gguf_; }
  QRadioButton* huggingface_button() const { return huggingface_; }
  QRadioButton* f16_button() const { return f16_; }
  QLineEdit* destination() const { return destination_; }
  QPushButton* export_button() const { return export_; }
  QComboBox* run_box() const { return run_; }
  QLabel* status() const { return status_; }
  void start_export();
  void export_metrics_csv(const QString& file);   // the chosen run's metrics
  void write_tensorboard_events();                // into the chosen run's folder
  void import_folder(const QString& folder);      // a new run "import-…" holding its checkpoint
  bool busy() const;  // from the click until the result shows

 Q_SIGNALS:
  void exported(bool ok, const QString& message);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void suggest_destination();
  void browse();
  void refresh_runs();
  void show_result(bool ok, const QString& message);

  Studio& studio_;
  BackgroundTask* task_;
  CheckpointBox* checkpoint_;
  QRadioButton *gguf_, *huggingface_, *f32_, *f16_;
  QLineEdit* destination_;
  QPushButton *browse_, *export_, *csv_, *tensorboard_, *close_;
  QComboBox* run_;
  QGroupBox *model_box_, *metrics_box_, *import_box_;
  QLabel* import_label_;
  QPushButton* import_;
  QLabel *checkpoint_label_, *format_label_, *weights_label_, *destination_label_, *metrics_label_, *status_;
  bool exporting_ = false;
  bool showing_hint_ = true;         // the status line still shows the first hint (retranslated)
  bool destination_edited_ = false;  // the user typed a destination: no longer suggested
};

}  // namespace chattrain::ui
