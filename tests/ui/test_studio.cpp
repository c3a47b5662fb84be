// The studio as a user drives it: the pipeline sidebar, a broken file's errors, the live tokenizer
// view, a real pretraining run started, paused, resumed and stopped from the page, and a language switch.
#include <QtTest>

#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTextBrowser>

#include "background_task.h"
#include "data_page.h"
#include "fixtures.h"
#include "main_window.h"
#include "metric_chart.h"
#include "pretrain_page.h"
#include "studio.h"
#include "tokenizer_page.h"
#include "training_session.h"

using namespace chattrain;
using namespace chattrain::ui;

class TestStudio : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void cleanupTestCase();
  void sidebar_lists_the_pipeline_in_order();
  void broken_file_lists_file_and_line();
  void import_adds_a_dataset();
  void tokenizer_view_shows_pieces();
  void pretrain_start_pause_resume_stop();
  void switching_language_retranslates();
  void start_on_a_new_project_trains_the_tokenizer_first();
  void presentation_mode_enlarges_every_page();

 private:
  QTemporaryDir dir_;
  MainWindow* window_ = nullptr;
};

void TestStudio::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);  // QSettings go to a test location
  QSettings().clear();
  testing::make_small_project(dir_.filePath("p"), 800);
  window_ = new MainWindow;
  QCOMPARE(window_->studio().open(dir_.filePath("p"), false), QString());
  window_->set_language("en");
  window_->show();
}

void TestStudio::cleanupTestCase() { delete window_; }

void TestStudio::sidebar_lists_the_pipeline_in_order() {
  const QStringList expected{"Data", "Tokenizer", "Pretrain", "SFT", "Ranking", "Reward", "RLHF", "Chat"};
  QCOMPARE(window_->sidebar()->count(), expected.size());
  for (int i = 0; i < expected.size(); ++i) QVERIFY(window_->sidebar()->item(i)->text().endsWith(expected[i]));
}

void TestStudio::broken_file_lists_file_and_line() {
  DataPage* page = window_->data_page();
  window_->show_page(0);
  const QString bad = QString::fromStdString(testing::data_file("bad.jsonl"));
  page->add_paths({bad});
  QTRY_VERIFY_WITH_TIMEOUT(!page->task().running(), 10000);
  QTRY_COMPARE(page->rejected_list()->count(), 5);
  QCOMPARE(page->rejected_list()->item(0)->text(), bad + ":3: broken JSON: " +
                                                       page->rejected_list()->item(0)->text().section("broken JSON: ", 1));
  QVERIFY(page->rejected_list()->item(4)->text().startsWith(bad + ":7:"));
  QCOMPARE(int(page->pending().documents.size()), 3);
}

void TestStudio::import_adds_a_dataset() {
  DataPage* page = window_->data_page();
  const int before = page->datasets_table()->rowCount();
  page->add_paths({QString::fromStdString(testing::data_file("good.jsonl"))});
  QTRY_VERIFY_WITH_TIMEOUT(!page->task().running(), 10000);
  QCOMPARE(int(page->pending().documents.size()), 3);
  QPushButton* import = nullptr;
  for (auto* b : page->findChildren<QPushButton*>())
    if (b->text() == "Import") import = b;
  QVERIFY(import && import->isEnabled());
  QTest::mouseClick(import, Qt::LeftButton);
  QTRY_COMPARE_WITH_TIMEOUT(page->datasets_table()->rowCount(), before + 1, 20000);
  QVERIFY(window_->studio().project()->db().dataset("good").has_value());
}

void TestStudio::tokenizer_view_shows_pieces() {
  TokenizerPage* page = window_->tokenizer_page();
  window_->show_page(1);
  page->set_text(QString::fromUtf8("床前明月光 hello"));
  QVERIFY(page->shown_pieces() >= 6);
  QVERIFY(page->pieces_view()->toPlainText().contains(QString::fromUtf8("床")));
  page->set_text(QString());
  QCOMPARE(page->shown_pieces(), 0);
}

void TestStudio::pretrain_start_pause_resume_stop() {
  PretrainPage* page = window_->pretrain_page();
  window_->show_page(2);
  auto config = testing::tiny_pretrain_config(100000);
  config.eval_interval = 10;
  config.sample_interval = 15;
  page->set_config(config);
  page->start();
  QTRY_VERIFY_WITH_TIMEOUT(page->session().running(), 30000);  // after the data is prepared
  const QString run = page->session().run_id();
  const QString loss = run + "/train/loss";
  QTRY_VERIFY_WITH_TIMEOUT(page->loss_chart()->point_count(loss) > 20, 60000);
  QTRY_VERIFY_WITH_TIMEOUT(page->loss_chart()->point_count(run + "/val/loss") > 0, 60000);
  QTRY_VERIFY_WITH_TIMEOUT(page->samples()->toPlainText().contains("step 15"), 60000);
  QVERIFY(page->status_label()->text().contains("tokens/s"));

  page->toggle_pause();
  QCOMPARE(page->pause_button()->text(), QString("Resume"));
  QTest::qWait(500);  // the step in flight finishes
  const int paused_at = page->loss_chart()->point_count(loss);
  QTest::qWait(800);
  QCOMPARE(page->loss_chart()->point_count(loss), paused_at);

  page->toggle_pause();
  QTRY_VERIFY_WITH_TIMEOUT(page->loss_chart()->point_count(loss) > paused_at + 5, 30000);
  page->stop();
  QTRY_VERIFY_WITH_TIMEOUT(!page->session().running(), 30000);
  QTRY_VERIFY(page->status_label()->text().startsWith("Stopped"));

  QTableWidget* runs = page->runs_table();
  QVERIFY(runs->rowCount() >= 1);
  QCOMPARE(runs->item(0, 0)->text(), run);
  QCOMPARE(runs->item(0, 1)->text(), QString("stopped"));
  QVERIFY(runs->item(0, 2)->text().toInt() > 0);  // the checkpoint's step
  // Its curve is in the database: ticking it overlays the stored points.
  page->loss_chart()->clear();
  runs->item(0, 0)->setCheckState(Qt::Checked);
  QVERIFY(page->loss_chart()->point_count(loss) > paused_at);
}

void TestStudio::switching_language_retranslates() {
  window_->set_language("zh_CN");
  QVERIFY2(window_->sidebar()->item(0)->text().contains(QString::fromUtf8("数据")), qPrintable(window_->sidebar()->item(0)->text()));
  QVERIFY(window_->sidebar()->item(2)->text().contains(QString::fromUtf8("预训练")));
  QVERIFY(window_->pretrain_page()->pause_button()->text() == QString::fromUtf8("暂停"));
  window_->set_language("en");
  QVERIFY(window_->sidebar()->item(0)->text().endsWith("Data"));
  QCOMPARE(window_->pretrain_page()->pause_button()->text(), QString("Pause"));
}

void TestStudio::start_on_a_new_project_trains_the_tokenizer_first() {
  // What a newcomer does: a project with nothing in it, Pretrain, Start.
  const QString folder = dir_.filePath("fresh");
  QCOMPARE(window_->studio().open(folder, true), QString());
  QVERIFY(!window_->studio().project()->has_tokenizer());
  PretrainPage* page = window_->pretrain_page();
  auto config = testing::tiny_pretrain_config(100000);
  page->set_config(config);
  page->start();
  QTRY_VERIFY_WITH_TIMEOUT(page->session().running(), 120000);
  QVERIFY(window_->studio().project()->has_tokenizer());
  QCOMPARE(int(window_->studio().project()->db().datasets().size()), 1);  // the embedded poems
  QTRY_VERIFY_WITH_TIMEOUT(page->loss_chart()->point_count(page->session().run_id() + "/train/loss") > 0, 60000);
  page->stop();
  QTRY_VERIFY_WITH_TIMEOUT(!page->session().running(), 30000);
}

void TestStudio::presentation_mode_enlarges_every_page() {
  const int normal = window_->pretrain_page()->status_label()->font().pointSize();
  window_->set_presentation_mode(true);
  QVERIFY(window_->pretrain_page()->status_label()->font().pointSize() >= normal + 6);
  QVERIFY(window_->data_page()->rejected_list()->font().pointSize() >= normal + 6);
  window_->set_presentation_mode(false);
  QCOMPARE(window_->pretrain_page()->status_label()->font().pointSize(), normal);
}

QTEST_MAIN(TestStudio)
#include "test_studio.moc"
