// Data-parallel training in several processes (c10d's Gloo over the loopback), started as a user starts
// it: `chattrain pretrain --nproc-per-node 2`, or torchrun's environment variables.
//
// Equality: each process computes every second micro-batch of a step and the gradients are summed across
// processes, so two processes hold the same gradient as one process accumulating both micro-batches; only
// the order of float32 additions inside the matrix products may differ (they run with other thread
// splits), about 1e-7 relative per step. Over a dozen AdamW steps of a tiny model that stays far below
// the 1e-4 relative on losses and 1e-5 absolute on weights the tests allow; a wrong split (a micro-batch
// twice, one missing, gradients averaged instead of summed) moves the losses by 1e-2 or more. PPO's loss is a
// sum of terms that cancel (whitened advantages have mean zero), near 1e-3, so losses also pass within 1e-6
// absolute. PPO runs at its default learning rate: at 10x it, a few tokens' probability ratios reach the clip
// range's edge within an iteration, where a rounding difference decides whether their gradient counts at all.
#include <QtTest>

#include <QTcpServer>

#include <signal.h>

#include <chattrain/project.h>
#include <chattrain/run.h>
#include <chattrain/training_processes.h>
#include <chattrain/workflow.h>

#include <filesystem>
#include <fstream>

#include "fixtures.h"
#include "model/safetensors.h"
#include "train/checkpoint.h"

using namespace chattrain;

class TestDistributed : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void two_processes_train_as_one();
  void resumes_on_another_number_of_processes();
  void fine_tuning_in_two_processes_equals_one();
  void a_failed_process_ends_the_run_data();
  void a_failed_process_ends_the_run();
  void ppo_in_two_processes_equals_one();
  void the_studio_trains_in_processes();
  void the_studio_stops_its_processes();
  void a_job_the_processes_refuse_is_a_message();
  void bad_environment_is_a_message_data();
  void bad_environment_is_a_message();

 private:
  struct Result {
    int code;
    QString out, err;
  };
  Result run(const QStringList& args, const QStringList& environment = {}, int timeout_ms = 300'000) {
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    for (const auto& kv : environment) env.insert(kv.section('=', 0, 0), kv.section('=', 1));
    p.setProcessEnvironment(env);
    p.start(CHATTRAIN_CLI, QStringList{"-p", project_} + args);
    if (!p.waitForFinished(timeout_ms)) {
      p.kill();
      p.waitForFinished();
      return {-1, QString::fromUtf8(p.readAllStandardOutput()), "timed out\n" + QString::fromUtf8(p.readAllStandardError())};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
  }
  // A tiny model with a constant learning rate (so that a run stopped early and resumed further matches
  // one that went straight), two micro-batches a step.
  QStringList pretrain(const QString& run, int steps) {
    return {"pretrain", "--run", run, "--max-steps", QString::number(steps), "--set", "model.d_model=32", "--set", "model.n_layers=1",
            "--set", "model.context_length=32", "--set", "batch_size=4", "--set", "grad_accum_steps=2", "--set", "warmup_steps=0",
            "--set", "min_lr_ratio=1", "--set", "eval_interval=4", "--set", "sample_interval=0", "--set", "checkpoint_interval=3"};
  }
  std::vector<double> losses(const std::string& run, const std::string& metric = "train/loss") {
    auto project = Project::open(project_.toStdString());
    std::vector<double> values;
    for (const auto& m : project.db().metrics(run, metric)) values.push_back(m.value);
    return values;
  }
  NamedTensors weights(const std::string& run) {
    auto project = Project::open(project_.toStdString());
    const auto latest = latest_checkpoint(project.run_dir(run));
    return latest ? load_safetensors(*latest + "/model.safetensors") : NamedTensors{};
  }
  void compare_runs(const std::string& one, const std::string& two, const std::string& metric = "train/loss");
  // The job the studio would build for the settings run `like` was started with, for a new run `run_id`.
  PretrainJob job_like(const std::string& like, const std::string& run_id, std::int64_t max_steps) {
    auto project = Project::open(project_.toStdString());
    PretrainJob job;
    job.config.apply_json(project.db().run(like)->config_json);
    job.config.max_steps = max_steps;
    job.data_dirs = prepare_shards(project);
    job.tokenizer_model = project.tokenizer_model();
    job.run_dir = project.run_dir(run_id);
    return job;
  }
  // As the studio's session does: the run opened and recorded here, trained in `processes` processes.
  TrainOutcome train_as_the_studio(const PretrainJob& job, const std::string& run_id, TrainingObserver* watcher, const StopToken& stop) {
    auto project = Project::open(project_.toStdString());
    open_new_run(project, Stage::Pretrain, run_id, job.config.to_json(), "");
    return record_run(project.db(), run_id, watcher,
                      [&](TrainingObserver& recorder) { return train_in_processes(CHATTRAIN_CLI, job, 2, recorder, stop); });
  }

  QTemporaryDir dir_;
  QString project_;
};

void TestDistributed::initTestCase() {
  project_ = dir_.filePath("p");
  auto project = testing::make_small_project(project_, 600);
}

void TestDistributed::compare_runs(const std::string& one, const std::string& two, const std::string& metric) {
  const auto a = losses(one, metric), b = losses(two, metric);
  QVERIFY2(!a.empty(), one.c_str());
  QCOMPARE(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    QVERIFY2(std::abs(a[i] - b[i]) <= 1e-4 * std::abs(a[i]) + 1e-6,
             qPrintable(QString("%1 at point %2: %3 vs %4").arg(QString::fromStdString(metric)).arg(i).arg(a[i], 0, 'g', 10).arg(b[i], 0, 'g', 10)));
  const auto wa = weights(one), wb = weights(two);
  QCOMPARE(wa.size(), wb.size());
  for (size_t i = 0; i < wa.size(); ++i) {
    QCOMPARE(wa[i].first, wb[i].first);
    const double difference = (wa[i].second - wb[i].second).abs().max().item<double>();
    QVERIFY2(difference <= 1e-5, qPrintable(QString("%1 differs by %2").arg(QString::fromStdString(wa[i].first)).arg(difference)));
  }
}

void TestDistributed::two_processes_train_as_one() {
  const auto alone = run(pretrain("alone", 9));
  QVERIFY2(alone.code == 0, qPrintable(alone.out + alone.err));
  const auto pair = run(pretrain("pair", 9) + QStringList{"--nproc-per-node", "2"});
  QVERIFY2(pair.code == 0, qPrintable(pair.out + pair.err));
  QVERIFY2(pair.out.contains("started 2 processes") && pair.out.contains("in 2 processes") && pair.out.contains("step 9/9"),
           qPrintable(pair.out));
  QCOMPARE(pair.out.count("run pair"), 1);  // rank 0 alone speaks and writes
  compare_runs("alone", "pair");
  compare_runs("alone", "pair", "val/loss");
  QCOMPARE(losses("pair").size(), size_t(9));
}

void TestDistributed::resumes_on_another_number_of_processes() {
  // Two processes to step 6, then one process on to 12: as one process going straight to 12.
  const auto first = run(pretrain("two-then-one", 6) + QStringList{"--nproc-per-node", "2"});
  QVERIFY2(first.code == 0, qPrintable(first.out + first.err));
  const auto second = run({"pretrain", "--resume", "--run", "two-then-one", "--max-steps", "12"});
  QVERIFY2(second.code == 0 && second.out.contains("resuming at step 6"), qPrintable(second.out + second.err));
  const auto straight = run(pretrain("straight", 12));
  QVERIFY2(straight.code == 0, qPrintable(straight.out + straight.err));
  compare_runs("straight", "two-then-one");
  // And back: one process's checkpoint continued by two.
  const auto third = run({"pretrain", "--resume", "--run", "straight", "--max-steps", "15", "--nproc-per-node", "2"});
  QVERIFY2(third.code == 0 && third.out.contains("step 15/15"), qPrintable(third.out + third.err));
}

void TestDistributed::fine_tuning_in_two_processes_equals_one() {
  const QString parent = QString::fromStdString(Project::open(project_.toStdString()).run_dir("alone")) + "/step-000009";
  const QStringList sft{"sft", "--from", parent, "--max-steps", "4", "--batch-size", "2", "--set", "grad_accum_steps=2",
                        "--set", "warmup_steps=0", "--set", "eval_interval=2", "--set", "sample_interval=0"};
  const auto alone = run(sft + QStringList{"--run", "sft-alone"});
  QVERIFY2(alone.code == 0, qPrintable(alone.out + alone.err));
  const auto pair = run(sft + QStringList{"--run", "sft-pair", "--nproc-per-node", "2"});
  QVERIFY2(pair.code == 0, qPrintable(pair.out + pair.err));
  compare_runs("sft-alone", "sft-pair");
  compare_runs("sft-alone", "sft-pair", "val/loss");  // each process validated half of the held-out batches
  QCOMPARE(losses("sft-pair", "val/loss").size(), size_t(2));
}

// PPO in two processes: each answers half of the prompts of a rollout batch and the answers are shared, then
// each computes half of every minibatch's gradient. Same rewards, losses and weights as one process.
void TestDistributed::ppo_in_two_processes_equals_one() {
  const auto prompts = run({"prompts", "demo"});
  QVERIFY2(prompts.code == 0, qPrintable(prompts.out + prompts.err));
  const QString parent = QString::fromStdString(Project::open(project_.toStdString()).run_dir("sft-alone")) + "/step-000004";
  const QStringList ppo{"ppo", "--judge", "rules", "--from", parent, "--iterations", "3", "--prompts-per-batch", "4",
                        "--answers-per-prompt", "2", "--max-tokens", "12"};
  const auto alone = run(ppo + QStringList{"--run", "ppo-alone"});
  QVERIFY2(alone.code == 0, qPrintable(alone.out + alone.err));
  const auto pair = run(ppo + QStringList{"--run", "ppo-pair", "--nproc-per-node", "2"});
  QVERIFY2(pair.code == 0 && pair.out.contains("in 2 processes"), qPrintable(pair.out + pair.err));
  compare_runs("ppo-alone", "ppo-pair", "ppo/reward");  // the same answers (and the weights at the end)
  compare_runs("ppo-alone", "ppo-pair", "ppo/answer_length");
  compare_runs("ppo-alone", "ppo-pair", "ppo/entropy");  // the shares of the update, added up
  compare_runs("ppo-alone", "ppo-pair");
  QCOMPARE(losses("ppo-pair").size(), size_t(3));
}

// Rank 1 of a launcher started with --nproc-per-node 2: its child whose environment says RANK=1.
static qint64 rank1_of(const QProcess& launcher) {
  QFile list(QString("/proc/%1/task/%1/children").arg(launcher.processId()));
  if (!list.open(QIODevice::ReadOnly)) return 0;
  for (const auto& pid : QString::fromLatin1(list.readAll()).split(' ', Qt::SkipEmptyParts)) {
    QFile environ(QString("/proc/%1/environ").arg(pid));
    if (environ.open(QIODevice::ReadOnly) && environ.readAll().split('\0').contains("RANK=1")) return pid.toLongLong();
  }
  return 0;
}

void TestDistributed::a_failed_process_ends_the_run_data() {
  QTest::addColumn<int>("signal");
  QTest::addColumn<QString>("message");
  QTest::newRow("killed") << int(SIGKILL) << "rank 1 was killed by signal 9";
  // A process that hangs (here: stopped) is found by the others' collective timeout (5 s here).
  QTest::newRow("hung") << int(SIGSTOP) << "lost contact with the other processes of the run (one of them ended or stopped answering for 5 s)";
}

void TestDistributed::a_failed_process_ends_the_run() {
  QFETCH(int, signal);
  QFETCH(QString, message);
  const QString name = QString("failed-%1").arg(signal);
  QProcess launcher;
  auto env = QProcessEnvironment::systemEnvironment();
  env.insert("CHATTRAIN_DIST_TIMEOUT", "5");
  launcher.setProcessEnvironment(env);
  launcher.start(CHATTRAIN_CLI, QStringList{"-p", project_} + pretrain(name, 100000) + QStringList{"--nproc-per-node", "2"});
  QVERIFY(launcher.waitForStarted());
  const std::string run_dir = Project::open(project_.toStdString()).run_dir(name.toStdString());
  QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(run_dir + "/latest"), 120000);  // training, with a checkpoint
  const qint64 rank1 = rank1_of(launcher);
  QVERIFY(rank1 > 0);
  QElapsedTimer clock;
  clock.start();
  QCOMPARE(::kill(pid_t(rank1), signal), 0);
  QVERIFY2(launcher.waitForFinished(90000), "the run went on without one of its processes");
  const QString out = QString::fromUtf8(launcher.readAllStandardOutput()), err = QString::fromUtf8(launcher.readAllStandardError());
  // The timeout, then the launcher's grace (10 s) for the stopped one before SIGKILL.
  QVERIFY2(clock.elapsed() < 45000, qPrintable(QString("took %1 ms").arg(clock.elapsed())));
  QVERIFY(launcher.exitCode() != 0);
  QVERIFY2((out + err).contains(message), qPrintable(out + err));
  QVERIFY2(!err.contains("frame #"), qPrintable(err));
  QVERIFY(::kill(pid_t(rank1), 0) != 0);  // no process left behind
  // The newest checkpoint is whole: it loads, and the run can go on from it.
  const auto latest = latest_checkpoint(run_dir);
  QVERIFY(latest.has_value());
  QVERIFY(!load_safetensors(*latest + "/model.safetensors").empty());
  const auto resumed = run({"pretrain", "--resume", "--run", name, "--max-steps", QString::number(read_checkpoint_info(*latest).step + 2)});
  QVERIFY2(resumed.code == 0, qPrintable(resumed.out + resumed.err));
}

// The studio trains a run in several processes through `chattrain train-job`: the run it opened gets the
// same losses, validation and weights as one process, recorded by the studio from the processes' reports.
void TestDistributed::the_studio_trains_in_processes() {
  struct Watcher : TrainingObserver {
    int progress = 0, checkpoints = 0;
    void on_progress(const TrainProgress& p) override { progress += p.step > 0; }
    void on_checkpoint(std::int64_t, const std::string& dir) override { checkpoints += std::filesystem::exists(dir + "/model.safetensors"); }
  } watcher;
  StopToken stop;
  const TrainOutcome outcome = train_as_the_studio(job_like("alone", "studio-pair", 9), "studio-pair", &watcher, stop);
  QCOMPARE(int(outcome.status), int(TrainOutcome::Status::Finished));
  QCOMPARE(outcome.step, std::int64_t(9));
  QVERIFY(watcher.progress >= 9);
  QCOMPARE(watcher.checkpoints, 3);  // steps 3, 6 and 9
  compare_runs("alone", "studio-pair");
  compare_runs("alone", "studio-pair", "val/loss");
  QCOMPARE(int(Project::open(project_.toStdString()).db().run("studio-pair")->status), int(RunStatus::Finished));
  QVERIFY2(!std::filesystem::exists(job_like("alone", "studio-pair", 9).run_dir + "/.job.json"), "the job file is left behind");
}

// Stop in the studio reaches every process: they end at one step, rank 0 saving a checkpoint, and the run
// is Stopped with that checkpoint (Resume continues it).
void TestDistributed::the_studio_stops_its_processes() {
  struct StopAtFirstCheckpoint : TrainingObserver {
    StopToken* stop;
    void on_checkpoint(std::int64_t, const std::string&) override { stop->request_stop(); }
  } watcher;
  StopToken stop;
  watcher.stop = &stop;
  QElapsedTimer clock;
  clock.start();
  const TrainOutcome outcome = train_as_the_studio(job_like("alone", "studio-stopped", 100000), "studio-stopped", &watcher, stop);
  QVERIFY2(clock.elapsed() < 120000, qPrintable(QString("took %1 ms").arg(clock.elapsed())));
  QCOMPARE(int(outcome.status), int(TrainOutcome::Status::Stopped));
  QVERIFY(outcome.step >= 3 && outcome.step < 100000);
  QVERIFY(!outcome.checkpoint.empty());
  QCOMPARE(read_checkpoint_info(outcome.checkpoint).step, outcome.step);
  QCOMPARE(int(Project::open(project_.toStdString()).db().run("studio-stopped")->status), int(RunStatus::Stopped));
  QCOMPARE(losses("studio-stopped").size(), size_t(outcome.step));
}

// What goes wrong in the processes comes back as the error it is (here: the tokenizer file is missing).
void TestDistributed::a_job_the_processes_refuse_is_a_message() {
  PretrainJob job = job_like("alone", "studio-refused", 3);
  job.tokenizer_model = dir_.filePath("missing.model").toStdString();
  StopToken stop;
  QElapsedTimer clock;
  clock.start();
  try {
    train_as_the_studio(job, "studio-refused", nullptr, stop);
    QFAIL("trained without a tokenizer");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("missing.model"), e.what());
    QVERIFY2(!QString(e.what()).contains("frame #"), e.what());
  }
  QVERIFY(clock.elapsed() < 60000);
  QCOMPARE(int(Project::open(project_.toStdString()).db().run("studio-refused")->status), int(RunStatus::Failed));
}

void TestDistributed::bad_environment_is_a_message_data() {
  QTest::addColumn<QStringList>("environment");
  QTest::addColumn<QString>("message");
  QTest::newRow("rank outside the world") << QStringList{"WORLD_SIZE=2", "RANK=2"} << "RANK is 2 but WORLD_SIZE is 2";
  QTest::newRow("no such port") << QStringList{"WORLD_SIZE=2", "RANK=0", "MASTER_PORT=70000"} << "MASTER_PORT 70000 is no TCP port";
  QTest::newRow("nobody at the master") << QStringList{"WORLD_SIZE=2", "RANK=1", "MASTER_PORT=@PORT@", "CHATTRAIN_DIST_TIMEOUT=3"}
                                        << "could not reach rank 0 at 127.0.0.1:@PORT@";
  QTest::newRow("port in use") << QStringList{"WORLD_SIZE=2", "RANK=0", "MASTER_PORT=@PORT@", "CHATTRAIN_DIST_TIMEOUT=3"}
                               << "could not listen on 127.0.0.1:@PORT@";
}

void TestDistributed::bad_environment_is_a_message() {
  QFETCH(QStringList, environment);
  QFETCH(QString, message);
  QTcpServer taken;  // a port someone listens on (and nobody answers as rank 0)
  QVERIFY(taken.listen(QHostAddress::LocalHost));
  const QString port = QString::number(taken.serverPort());
  if (QString(QTest::currentDataTag()) == "nobody at the master") taken.close();
  environment.replaceInStrings("@PORT@", port);
  message.replace("@PORT@", port);
  QElapsedTimer clock;
  clock.start();
  const auto r = run(pretrain("bad", 3), environment, 60000);
  QVERIFY2(r.code != 0 && r.code != -1, qPrintable(r.out + r.err));
  QVERIFY2(r.err.contains(message), qPrintable(r.err));
  QVERIFY2(!r.err.contains("frame #"), qPrintable(r.err));  // no library backtrace
  QVERIFY2(clock.elapsed() < 30000, "not a hang");
}

QTEST_GUILESS_MAIN(TestDistributed)
#include "test_distributed.moc"
