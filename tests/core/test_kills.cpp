// Issue 21: a bounded kill loop, as CI runs it. A pretraining run is killed with SIGKILL at random moments
// (a checkpoint every 5 steps, so some kills land inside a checkpoint write) and resumed each time until it
// finishes. After every kill the newest checkpoint loads and the stored metrics are each step once, none
// lost up to that checkpoint; at the end weights and every metric equal an unkilled run's, bit for bit.
#include <QtTest>

#include <signal.h>

#include <map>
#include <random>

#include <chattrain/project.h>
#include <chattrain/run.h>

#include "fixtures.h"
#include "train/checkpoint.h"

using namespace chattrain;

class TestKills : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void killed_runs_resume_exactly();

 private:
  QTemporaryDir dir_;
};

namespace {

const QStringList run_settings{"--max-steps", "500", "--set", "model.d_model=32", "--set", "model.n_layers=1", "--set",
                               "model.context_length=32", "--set", "batch_size=4", "--set", "checkpoint_interval=5",
                               "--set", "eval_interval=6", "--set", "sample_interval=0", "--set", "keep_checkpoints=3"};

int run_cli(const QStringList& args, int kill_after_ms = -1) {
  QProcess p;
  p.start(CHATTRAIN_CLI, args);
  if (!p.waitForStarted()) return -2;
  if (kill_after_ms >= 0 && !p.waitForFinished(kill_after_ms)) {
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished(60'000);
    return -9;
  }
  p.waitForFinished(300'000);
  const int code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  if (code != 0) qWarning("chattrain %s: %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
  return code;
}

// name → step → value, failing on a step stored twice.
std::map<std::string, std::map<std::int64_t, double>> metrics_by_step(Project& project, const std::string& run, QString& problem) {
  std::map<std::string, std::map<std::int64_t, double>> out;
  for (const auto& m : project.db().metrics(run))
    if (!out[m.name].emplace(m.step, m.value).second) problem = QString("%1 stored twice at step %2").arg(m.name.c_str()).arg(m.step);
  return out;
}

// Compares a finished run with the unkilled reference: weights and optimizer state equal, every metric
// that is not a measured time equal at every step.
void expect_same_as_reference(Project& project, const std::string& run) {
  const auto reference = load_checkpoint(*latest_checkpoint(project.run_dir("reference")), true);
  const auto killed = load_checkpoint(*latest_checkpoint(project.run_dir(run)), true);
  QCOMPARE(killed.model.size(), reference.model.size());
  for (size_t i = 0; i < reference.model.size(); ++i)
    QVERIFY2(torch::equal(killed.model[i].second, reference.model[i].second), reference.model[i].first.c_str());
  QCOMPARE(killed.optimizer.size(), reference.optimizer.size());
  for (size_t i = 0; i < reference.optimizer.size(); ++i)
    QVERIFY2(torch::equal(killed.optimizer[i].second, reference.optimizer[i].second), reference.optimizer[i].first.c_str());
  QString problem;
  const auto expected = metrics_by_step(project, "reference", problem), got = metrics_by_step(project, run, problem);
  QVERIFY2(problem.isEmpty(), qPrintable(problem));
  for (const auto& [name, steps] : expected) {
    if (name.find("per_second") != std::string::npos || name.find("mfu") != std::string::npos || name.find("memory") != std::string::npos ||
        name.find("seconds") != std::string::npos || name.find("time") != std::string::npos)
      continue;  // measured, not computed: differs between any two runs
    QVERIFY2(got.count(name), name.c_str());
    QVERIFY2(got.at(name) == steps, qPrintable(QString("%1 of run %2 differs from the unkilled run's").arg(name.c_str(), run.c_str())));
  }
}

}  // namespace

void TestKills::killed_runs_resume_exactly() {
  const QString folder = dir_.filePath("p");
  { testing::make_small_project(folder, 300); }
  QCOMPARE(run_cli(QStringList{"-p", folder, "pretrain", "--run", "reference"} + run_settings), 0);

  std::mt19937 random(20261205);  // the same moments on every run of the test
  constexpr int wanted_kills = 20;
  int kills = 0, resumed = 0, rounds = 0;
  // Rounds until enough kills have landed: a fast machine finishes a run with fewer.
  while (kills < wanted_kills && rounds < 6) {
    ++rounds;
    int fresh_starts = 0;
    std::string run;
    QStringList args;
    const auto start_fresh = [&] {  // a run of its own: one killed before its first checkpoint cannot be resumed
      run = "killed-" + std::to_string(rounds) + "-" + std::to_string(++fresh_starts);
      args = QStringList{"-p", folder, "pretrain", "--run", QString::fromStdString(run)} + run_settings;
    };
    start_fresh();
    for (int attempt = 0;; ++attempt) {
      QVERIFY2(attempt < 60, "the killed run never finished");
      // The CLI takes about a second to start; a kill then lands in training or in a checkpoint write.
      const int kill_after = kills < wanted_kills ? std::uniform_int_distribution<int>(800, 2000)(random) : -1;
      const int code = run_cli(args, kill_after);
      if (code != -9) {
        QCOMPARE(code, 0);
        break;
      }
      ++kills;
      Project project = Project::open(folder.toStdString());
      if (!project.db().run(run) || !latest_checkpoint(project.run_dir(run))) {  // killed before its first checkpoint
        start_fresh();
        continue;
      }
      args = QStringList{"-p", folder, "pretrain", "--resume", "--run", QString::fromStdString(run)};
      const CheckpointData loaded = load_checkpoint(*latest_checkpoint(project.run_dir(run)), true);  // loads whole
      const std::int64_t step = loaded.trainer_state.at("step").get<std::int64_t>();
      QString problem;
      const auto metrics = metrics_by_step(project, run, problem);
      QVERIFY2(problem.isEmpty(), qPrintable(problem));
      for (std::int64_t s = 1; s <= step; ++s)
        QVERIFY2(metrics.count("train/loss") && metrics.at("train/loss").count(s),
                 qPrintable(QString("train/loss of step %1 lost (checkpoint at step %2)").arg(s).arg(step)));
      ++resumed;
    }
    Project project = Project::open(folder.toStdString());
    expect_same_as_reference(project, run);
    if (QTest::currentTestFailed()) return;
  }
  qInfo("%d kills in %d runs, %d resumed from a checkpoint; every finished run equal to the unkilled one", kills, rounds, resumed);
  QVERIFY2(kills >= wanted_kills && resumed >= wanted_kills / 2, qPrintable(QString("%1 kills, %2 resumed").arg(kills).arg(resumed)));
}

QTEST_GUILESS_MAIN(TestKills)
#include "test_kills.moc"
