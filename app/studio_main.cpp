// chattrain-studio: the desktop application. Wiring only; pages live in ui/.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>

#include <QLabel>

#include "chat_page.h"
#include "online_rl_tab.h"
#include "rlhf_page.h"
#include "training_monitor.h"
#include "reward_page.h"
#include "background_task.h"

#include <chattrain/project.h>
#include <chattrain/runtime.h>

#include "export_dialog.h"
#include "main_window.h"
#include "studio.h"

int main(int argc, char** argv) {
  chattrain::prepare_cpu_runtime();  // before any thread allocates (see runtime.h)
  QApplication app(argc, argv);
  QApplication::setOrganizationName("ChatTrain");
  QApplication::setApplicationName("ChatTrain Studio");
  QApplication::setApplicationVersion("0.1.0");
  QApplication::setDesktopFileName("io.github.chattrain.studio");  // the installed desktop entry (installer/)
  QApplication::setWindowIcon(QIcon(":/icons/io.github.chattrain.studio.svg"));

  QCommandLineParser parser;
  parser.setApplicationDescription("ChatTrain Studio: train your own small ChatGPT from scratch.");
  parser.addHelpOption();
  parser.addVersionOption();
  // For documentation and translation review: open a page, optionally ask the Chat page something,
  // then save the window as an image and quit.
  QCommandLineOption page_option("page", "Show page N (1 = Data).", "N");
  QCommandLineOption ask_option("ask", "Send TEXT on the Chat page.", "TEXT");
  QCommandLineOption diagnose_option("diagnose", "Score the answers on the Reward model page's Diagnostics tab.");
  QCommandLineOption screenshot_option("screenshot", "Save the window to FILE once the page is ready, then quit.", "FILE");
  QCommandLineOption export_option("export", "Open File → Export (the screenshot is then of that dialog).");
  QCommandLineOption guide_option("guide", "Open Help → Guide (the screenshot is then of the guide).");
  QCommandLineOption ppo_option("ppo", "Start a PPO run on the RLHF page (the screenshot waits until it shows where its time goes).");
  parser.addOptions({page_option, ask_option, diagnose_option, export_option, guide_option, ppo_option, screenshot_option});
  parser.addPositionalArgument("project", "Project folder to open (default: the last one, or the demo project).");
  parser.process(app);

  chattrain::ui::MainWindow window;
  // First start opens the demo project, made from the embedded poems, so Train is one click away.
  QString folder = parser.positionalArguments().value(0);
  if (folder.isEmpty()) folder = QSettings().value("projects/recent").toStringList().value(0);
  QString error;
  if (!folder.isEmpty() && chattrain::Project::exists(folder.toStdString())) error = window.studio().open(folder, false);
  else if (!folder.isEmpty() && !parser.positionalArguments().isEmpty()) error = window.studio().open(folder, true);
  else error = window.studio().open_demo(chattrain::ui::MainWindow::default_demo_folder());
  window.show();
  if (!error.isEmpty()) QMessageBox::warning(&window, QObject::tr("ChatTrain Studio"), error);
  if (parser.isSet(page_option)) window.show_page(parser.value(page_option).toInt() - 1);
  if (parser.isSet(ask_option)) window.chat_page()->send(parser.value(ask_option));
  if (parser.isSet(diagnose_option)) {
    window.reward_page()->tabs()->setCurrentIndex(1);
    window.reward_page()->diagnose();
  }
  if (parser.isSet(ppo_option)) {
    window.show_page(6);  // RLHF
    window.rlhf_page()->tabs()->setCurrentIndex(0);
    window.rlhf_page()->ppo()->start();
  }
  QWidget* shown = &window;
  if (parser.isSet(export_option)) shown = window.show_export_dialog();
  if (parser.isSet(guide_option)) shown = window.show_guide();
  if (parser.isSet(screenshot_option)) {
    auto* timer = new QTimer(&window);
    QObject::connect(timer, &QTimer::timeout, &window, [&window, &parser, &ppo_option, shown, timer, file = parser.value(screenshot_option)] {
      if (window.chat_page()->answering() || window.reward_page()->diagnosis_task().running()) return;
      // A PPO run's time split is the status label's second line, after its first iteration.
      if (parser.isSet(ppo_option) && !window.rlhf_page()->ppo()->monitor()->status_label()->text().contains('\n')) return;
      timer->stop();
      shown->grab().save(file);
      QApplication::quit();
    });
    timer->start(1500);
  }
  return app.exec();
}
