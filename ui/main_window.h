#pragma once
// The studio window: the pipeline as a sidebar, one page per stage, projects, language, theme.
#include <QMainWindow>

#include <chattrain/version.h>

class QActionGroup;
class QDialog;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QTextBrowser;
class QTranslator;

namespace chattrain::ui {

class DataPage;
class ExportDialog;
class Page;
class PretrainPage;
class RankingPage;
class ReportPage;
class RewardPage;
class RlhfPage;
class SftPage;
class ChatPage;
class Studio;
class TokenizerPage;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  Studio& studio() { return *studio_; }
  DataPage* data_page() const { return data_; }
  TokenizerPage* tokenizer_page() const { return tokenizer_; }
  PretrainPage* pretrain_page() const { return pretrain_; }
  SftPage* sft_page() const { return sft_; }
  ChatPage* chat_page() const { return chat_; }
  RankingPage* ranking_page() const { return ranking_; }
  RewardPage* reward_page() const { return reward_; }
  RlhfPage* rlhf_page() const { return rlhf_; }
  ReportPage* report_page() const { return report_; }
  void show_page(int index);
  // File → Export…: the dialog (made on first use, then kept with its choices).
  ExportDialog* show_export_dialog();
  // Help → Guide: the recipe step by step, each step a link to its page (made on first use, then kept).
  QDialog* show_guide();
  QTextBrowser* guide_view() const { return guide_view_; }
  QListWidget* sidebar() const { return sidebar_; }

  // "en" or "zh_CN": loads the translation and retranslates every open window.
  void set_language(const QString& language);
  void fit_sidebar();
  void set_presentation_mode(bool on);
  void set_dark_theme(bool on);
  static QString default_demo_folder();

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void build_menus();
  // Work on the open project in a page's background thread: another project must not be opened
  // under it. Says so to the user when it returns true.
  bool refuse_while_busy();
  void retranslate();
  void new_project();
  void open_project();
  void open_folder(const QString& folder);
  void project_opened();
  void update_recent_menu();
  void about();
  void fill_guide();

  Studio* studio_;
  QListWidget* sidebar_;
  QStackedWidget* pages_;
  QList<Page*> page_list_;
  DataPage* data_;
  TokenizerPage* tokenizer_;
  PretrainPage* pretrain_;
  SftPage* sft_;
  ChatPage* chat_;
  RankingPage* ranking_;
  RewardPage* reward_;
  RlhfPage* rlhf_;
  ReportPage* report_;
  QLabel *project_label_, *device_label_;
  QMenu *file_menu_, *recent_menu_, *view_menu_, *language_menu_, *help_menu_;
  ExportDialog* export_dialog_ = nullptr;
  QDialog* guide_ = nullptr;
  QTextBrowser* guide_view_ = nullptr;
  QAction *new_action_, *open_action_, *export_action_, *quit_action_, *presentation_action_, *dark_action_, *guide_action_, *about_action_;
  QAction *english_action_, *chinese_action_;
  QTranslator* translator_;
  int base_font_size_ = 0;
  ComputeDevices devices_;  // probed once: opening the CUDA driver is not free
};

}  // namespace chattrain::ui
