#include "main_window.h"
#include "wheel_guard.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QPainter>
#include <QProxyStyle>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTextBrowser>
#include <QTranslator>
#include <QVBoxLayout>

#include <chattrain/version.h>

#include "data_page.h"
#include "export_dialog.h"
#include "format.h"
#include "page.h"
#include "pretrain_page.h"
#include "ranking_page.h"
#include "reward_page.h"
#include "report_page.h"
#include "rlhf_page.h"
#include "sft_page.h"
#include "chat_page.h"
#include "studio.h"
#include "tokenizer_page.h"
#include "background_task.h"
#include "training_monitor.h"
#include "training_session.h"

namespace chattrain::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), studio_(new Studio(this)), translator_(new QTranslator(this)), devices_(compute_devices()) {
  setObjectName("ChatTrainStudio");
  qApp->installEventFilter(new WheelGuard(this));  // before the pages exist: their fields are polished later
  base_font_size_ = QApplication::font().pointSize();
  sidebar_ = new QListWidget(this);
  sidebar_->setObjectName("sidebar");
  sidebar_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  sidebar_->setSpacing(4);  // no application stylesheet: it would stop fonts from inheriting
  pages_ = new QStackedWidget(this);
  data_ = new DataPage(*studio_, this);
  tokenizer_ = new TokenizerPage(*studio_, this);
  pretrain_ = new PretrainPage(*studio_, this);
  sft_ = new SftPage(*studio_, this);
  chat_ = new ChatPage(*studio_, this);
  ranking_ = new RankingPage(*studio_, this);
  reward_ = new RewardPage(*studio_, this);
  rlhf_ = new RlhfPage(*studio_, this);
  report_ = new ReportPage(*studio_, this);
  page_list_ = {data_, tokenizer_, pretrain_, sft_, ranking_, reward_, rlhf_, chat_, report_};
  for (int i = 0; i < page_list_.size(); ++i) {
    pages_->addWidget(page_list_[i]);
    sidebar_->addItem(QString());
  }
  // The sidebar is as wide as its names (fit_sidebar): a splitter left a gutter beside it.
  auto* central = new QWidget(this);
  auto* central_layout = new QHBoxLayout(central);
  central_layout->setContentsMargins(0, 0, 0, 0);
  central_layout->setSpacing(0);
  central_layout->addWidget(sidebar_);
  central_layout->addWidget(pages_, 1);
  setCentralWidget(central);
  connect(sidebar_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);

  project_label_ = new QLabel(this);
  device_label_ = new QLabel(this);
  statusBar()->addWidget(project_label_, 1);
  statusBar()->addPermanentWidget(device_label_);

  build_menus();
  connect(studio_, &Studio::project_changed, this, &MainWindow::project_opened);

  QSettings settings;
  // First start; later the saved geometry wins. Never larger than the screen: at 1280×800 the bottom
  // (status bar, Stop buttons) was off screen.
  const QSize available = screen() ? screen()->availableGeometry().size() : QSize(1280, 820);
  resize(QSize(1280, 820).boundedTo(available));
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  set_dark_theme(settings.value("view/dark", false).toBool());
  set_presentation_mode(settings.value("view/presentation", false).toBool());
  const QString system = QLocale::system().name().startsWith("zh") ? QStringLiteral("zh_CN") : QStringLiteral("en");
  set_language(settings.value("view/language", system).toString());
  sidebar_->setCurrentRow(settings.value("window/page", 0).toInt());
  retranslate();
}

MainWindow::~MainWindow() = default;

QString MainWindow::default_demo_folder() {
  return QStandardPaths::writableLocation(QStandardPaths::HomeLocation) + "/ChatTrain/demo.chattrain";
}

void MainWindow::build_menus() {
  file_menu_ = menuBar()->addMenu(QString());
  new_action_ = file_menu_->addAction(QString(), QKeySequence::New, this, &MainWindow::new_project);
  open_action_ = file_menu_->addAction(QString(), QKeySequence::Open, this, &MainWindow::open_project);
  recent_menu_ = file_menu_->addMenu(QString());
  file_menu_->addSeparator();
  export_action_ = file_menu_->addAction(QString(), QKeySequence("Ctrl+E"), this, &MainWindow::show_export_dialog);
  file_menu_->addSeparator();
  quit_action_ = file_menu_->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);

  view_menu_ = menuBar()->addMenu(QString());
  presentation_action_ = view_menu_->addAction(QString());
  presentation_action_->setCheckable(true);
  presentation_action_->setShortcut(QKeySequence("Ctrl+Shift+P"));
  connect(presentation_action_, &QAction::toggled, this, &MainWindow::set_presentation_mode);
  dark_action_ = view_menu_->addAction(QString());
  dark_action_->setCheckable(true);
  connect(dark_action_, &QAction::toggled, this, &MainWindow::set_dark_theme);

  language_menu_ = menuBar()->addMenu(QString());
  auto* languages = new QActionGroup(this);
  english_action_ = language_menu_->addAction(QStringLiteral("English"));
  chinese_action_ = language_menu_->addAction(QStringLiteral("中文（简体）"));
  for (QAction* a : {english_action_, chinese_action_}) {
    a->setCheckable(true);
    languages->addAction(a);
  }
  connect(english_action_, &QAction::triggered, this, [this] { set_language("en"); });
  connect(chinese_action_, &QAction::triggered, this, [this] { set_language("zh_CN"); });

  help_menu_ = menuBar()->addMenu(QString());
  guide_action_ = help_menu_->addAction(QString(), this, &MainWindow::show_guide);
  guide_action_->setShortcut(QKeySequence::HelpContents);
  about_action_ = help_menu_->addAction(QString(), this, &MainWindow::about);
}

void MainWindow::retranslate() {
  setWindowTitle(studio_->project() ? tr("ChatTrain Studio — %1").arg(QDir(studio_->folder()).dirName()) : tr("ChatTrain Studio"));
  for (int i = 0; i < page_list_.size(); ++i) sidebar_->item(i)->setText(QString("%1. %2").arg(i + 1).arg(page_list_[i]->title()));
  fit_sidebar();
  file_menu_->setTitle(tr("&File"));
  new_action_->setText(tr("&New project…"));
  open_action_->setText(tr("&Open project…"));
  recent_menu_->setTitle(tr("Open &recent"));
  export_action_->setText(tr("&Export and import models…"));
  export_action_->setEnabled(studio_->project() != nullptr);
  quit_action_->setText(tr("&Quit"));
  view_menu_->setTitle(tr("&View"));
  presentation_action_->setText(tr("&Presentation mode (large fonts)"));
  dark_action_->setText(tr("&Dark theme"));
  language_menu_->setTitle(tr("&Language"));
  help_menu_->setTitle(tr("&Help"));
  guide_action_->setText(tr("&Guide: the recipe step by step"));
  about_action_->setText(tr("&About ChatTrain Studio"));
  fill_guide();
  project_label_->setText(studio_->project() ? tr("Project: %1").arg(studio_->folder()) : tr("No project open"));
  const ComputeDevices& devices = devices_;
  if (!devices.gpus.empty() && !devices.gpus[0].name.empty())
    device_label_->setText(tr("GPU: %1, %2").arg(QString::fromStdString(devices.gpus[0].name), format_bytes(double(devices.gpus[0].memory_bytes))) +
                           (devices.gpus.size() > 1 ? tr(" (+%n more)", "", int(devices.gpus.size()) - 1) : QString()));
  else if (!devices.gpus.empty())
    device_label_->setText(tr("GPU: %n CUDA device(s)", "", int(devices.gpus.size())));
  else
    device_label_->setText(tr("CPU: %1 training thread(s) on %2 logical cores").arg(devices.training_threads).arg(devices.logical_cores));
  update_recent_menu();
}

ExportDialog* MainWindow::show_export_dialog() {
  if (!export_dialog_) export_dialog_ = new ExportDialog(*studio_, this);
  export_dialog_->show();
  export_dialog_->raise();
  return export_dialog_;
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (pretrain_->monitor()->session().running() || sft_->monitor()->session().running()) {
    const auto answer = QMessageBox::question(this, tr("Training is running"),
                                              tr("Stop the run (a checkpoint is saved) and quit?"));
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
    pretrain_->monitor()->stop();
    sft_->monitor()->stop();
  }
  if (report_->busy()) {
    const auto answer = QMessageBox::question(this, tr("The demo pipeline is running"),
                                              tr("Stop it (its current stage saves a checkpoint; run it again to continue) and quit?"));
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
    report_->stop_pipeline();
  }
  chat_->stop();
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  settings.setValue("window/page", sidebar_->currentRow());
  event->accept();
}

void MainWindow::show_page(int index) { sidebar_->setCurrentRow(index); }

void MainWindow::set_language(const QString& language) {
  QApplication::removeTranslator(translator_);
  // English too: its plural forms ("1 prompt", "3 prompts") live in its translation.
  if (translator_->load(":/i18n/chattrain_" + language)) QApplication::installTranslator(translator_);
  (language == "en" ? english_action_ : chinese_action_)->setChecked(true);
  QSettings().setValue("view/language", language);
  // Qt broadcasts LanguageChange only once the event loop runs (not before the window first shows);
  // sending it here makes the switch immediate either way. Each page retranslates itself.
  for (QWidget* widget : QApplication::allWidgets()) {
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(widget, &change);
  }
}

// The page list as wide as its longest name in the current font and language ("4. Fine-tun…" was cut
// in presentation mode).
void MainWindow::fit_sidebar() {
  const int text = sidebar_->sizeHintForColumn(0);
  sidebar_->setFixedWidth(std::max(150, text + 2 * sidebar_->frameWidth() + 2 * sidebar_->spacing() + 8));
}

void MainWindow::set_presentation_mode(bool on) {
  QFont font = QApplication::font();
  font.setPointSize(on ? base_font_size_ + 6 : base_font_size_);
  QApplication::setFont(font);  // dialogs opened later
  // The window's own font reaches every page by inheritance, whether or not the event loop runs yet
  // (Qt broadcasts application font changes only once it does, and skips stylesheet-polished widgets).
  setFont(font);
  fit_sidebar();
  presentation_action_->setChecked(on);
  QSettings().setValue("view/presentation", on);
}

namespace {
// Fusion outlines a check box in a darker shade of the window colour: on the dark theme's near-black
// fields an unchecked box (Log scale, a prompt set not chosen) could not be seen. On dark fields the
// outline is drawn again in a grey that stands out.
class VisibleIndicatorStyle : public QProxyStyle {
 public:
  VisibleIndicatorStyle() : QProxyStyle(QStyleFactory::create("Fusion")) {}
  void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const override {
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    if ((element == PE_IndicatorCheckBox || element == PE_IndicatorItemViewItemCheck) && option->palette.color(QPalette::Base).lightness() < 100) {
      painter->save();
      painter->setRenderHint(QPainter::Antialiasing, false);
      painter->setBrush(Qt::NoBrush);
      painter->setPen(QPen(QColor(150, 150, 155), 1));
      painter->drawRect(option->rect.adjusted(0, 0, -1, -1));
      painter->restore();
    }
  }
};
}  // namespace

void MainWindow::set_dark_theme(bool on) {
  QApplication::setStyle(new VisibleIndicatorStyle);
  QPalette palette = QApplication::style()->standardPalette();
  if (on) {
    palette.setColor(QPalette::Window, QColor(45, 45, 48));
    palette.setColor(QPalette::WindowText, Qt::white);
    palette.setColor(QPalette::Base, QColor(30, 30, 30));
    palette.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    palette.setColor(QPalette::Text, Qt::white);
    palette.setColor(QPalette::Button, QColor(55, 55, 60));
    palette.setColor(QPalette::ButtonText, Qt::white);
    palette.setColor(QPalette::Highlight, QColor(42, 130, 218));
    palette.setColor(QPalette::HighlightedText, Qt::black);
    palette.setColor(QPalette::ToolTipBase, QColor(55, 55, 60));
    palette.setColor(QPalette::ToolTipText, Qt::white);
    // setColor above set every colour group, the disabled one too: a disabled button then looked as
    // clickable as an enabled one. Disabled text is a mid grey, still readable on the dark faces.
    const QColor disabled_text(128, 128, 132);
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
      palette.setColor(QPalette::Disabled, role, disabled_text);
    palette.setColor(QPalette::Disabled, QPalette::Button, QColor(45, 45, 48));
    palette.setColor(QPalette::Disabled, QPalette::Base, QColor(40, 40, 42));
    // Help texts (Page::mark_as_help) use the placeholder colour: quieter than the text, not dim.
    palette.setColor(QPalette::PlaceholderText, QColor(160, 160, 165));
  }
  QApplication::setPalette(palette);
  dark_action_->setChecked(on);
  QSettings().setValue("view/dark", on);
}

bool MainWindow::refuse_while_busy() {
  if (!pretrain_->busy() && !sft_->busy() && !chat_->answering() && !data_->task().running() && !tokenizer_->task().running() &&
      !ranking_->task().running() && !reward_->monitor()->busy() && !reward_->diagnosis_task().running() && !rlhf_->busy() &&
      !report_->busy())
    return false;
  QMessageBox::information(this, tr("Work in progress"),
                           tr("Wait for the import, the tokenizer, the training or the answer to finish (or stop it) before opening another project."));
  return true;
}

void MainWindow::new_project() {
  if (refuse_while_busy()) return;
  const QString folder = QFileDialog::getSaveFileName(this, tr("New project folder"), QDir::homePath() + "/ChatTrain/my-project.chattrain");
  if (folder.isEmpty()) return;
  const QString error = studio_->open(folder, true);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Cannot create the project"), error);
}

void MainWindow::open_project() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open project folder"), QDir::homePath() + "/ChatTrain");
  if (!folder.isEmpty()) open_folder(folder);
}

void MainWindow::open_folder(const QString& folder) {
  if (refuse_while_busy()) return;
  const QString error = studio_->open(folder, false);
  if (!error.isEmpty()) QMessageBox::warning(this, tr("Cannot open the project"), error);
}

void MainWindow::project_opened() {
  QSettings settings;
  QStringList recent = settings.value("projects/recent").toStringList();
  recent.removeAll(studio_->folder());
  recent.prepend(studio_->folder());
  settings.setValue("projects/recent", recent.mid(0, 8));
  retranslate();
}

void MainWindow::update_recent_menu() {
  recent_menu_->clear();
  const QStringList recent = QSettings().value("projects/recent").toStringList();
  for (const QString& folder : recent) recent_menu_->addAction(folder, this, [this, folder] { open_folder(folder); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

QDialog* MainWindow::show_guide() {
  if (!guide_) {
    guide_ = new QDialog(this);
    guide_->setObjectName("guide");
    guide_view_ = new QTextBrowser(guide_);
    guide_view_->setOpenLinks(false);  // a step's link opens its page here, and the guide stays open beside it
    connect(guide_view_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
      if (url.scheme() == QLatin1String("page")) show_page(url.path().toInt() - 1);
    });
    auto* layout = new QVBoxLayout(guide_);
    layout->addWidget(guide_view_);
    guide_->resize(QSize(fontMetrics().averageCharWidth() * 90, fontMetrics().height() * 40).boundedTo(size()));
    fill_guide();
  }
  guide_->show();
  guide_->raise();
  return guide_;
}

void MainWindow::fill_guide() {
  if (!guide_) return;
  guide_->setWindowTitle(tr("Guide: the recipe step by step"));
  QString html = QStringLiteral("<h2>%1</h2><p>%2</p>")
                     .arg(tr("Train your own small ChatGPT"),
                          tr("The sidebar is the recipe by which ChatGPT was made, scaled down to run on your computer. Each step "
                             "needs what the step before it gives. The demo project has everything for a first pass in minutes "
                             "on a CPU: go down the sidebar and press Start on each page. Click a step to open its page."));
  for (int i = 0; i < page_list_.size(); ++i)
    html += QStringLiteral("<p><b><a href='page:%1'>%1. %2</a></b><br>%3</p>")
                .arg(i + 1)
                .arg(page_list_[i]->title().toHtmlEscaped(), page_list_[i]->next_step().toHtmlEscaped());
  html += QStringLiteral("<h3>%1</h3><ul><li>%2</li><li>%3</li><li>%4</li><li>%5</li></ul>")
              .arg(tr("Good to know"),
                   tr("Every setting says what it does in the line beside or under it."),
                   tr("Long work shows its progress with the time left and can be stopped; a stopped run resumes exactly "
                      "where it stopped (Resume, or the Runs tab)."),
                   tr("On the Ranking page, keys 1–9 give the selected answer its place, Ctrl+Enter saves the ranking and "
                      "shows the next prompt, Ctrl+Space skips it, Ctrl+Z undoes the last ranking saved."),
                   tr("View → Presentation mode enlarges everything for a room; Language switches between English and Chinese."));
  guide_view_->setHtml(html);
}

void MainWindow::about() {
  QMessageBox::about(this, tr("About ChatTrain Studio"),
                     tr("<h3>ChatTrain Studio %1</h3><p>Train your own small ChatGPT from scratch: tokenizer, pretraining, "
                        "fine-tuning, ranking, reward model, RLHF and chat.</p><p>Qt %2 · LibTorch %3 · SentencePiece %4</p>"
                        "<p>Embedded corpus: Tang poems from chinese-poetry (MIT licence).</p>")
                         .arg(QString::fromStdString(version()), QString::fromLatin1(qVersion()),
                              QString::fromStdString(libtorch_version()), QString::fromStdString(sentencepiece_version())));
}

}  // namespace chattrain::ui
