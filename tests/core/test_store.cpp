// The project folder and its database: schema, migrations, datasets, runs, metrics.
#include <QtTest>

#include <map>
#include <sqlite3.h>

#include <chattrain/error.h>
#include <chattrain/project.h>
#include <chattrain/project_lock.h>
#include <chattrain/ranking.h>
#include <chattrain/run.h>
#include <chattrain/workflow.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "fixtures.h"

using namespace chattrain;

class TestStore : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void create_then_open();
  void refuses_a_folder_with_other_files();
  void open_names_what_is_missing();
  void datasets_replace_by_name();
  void runs_and_metrics();
  void metrics_survive_reopening_and_truncate();
  void newer_schema_is_refused();
  void run_ids_are_unique();
  void a_run_is_opened_recorded_resumed_and_failed();
  void one_process_at_a_time_on_a_run();
  void dialogue_datasets_round_trip_and_stay_out_of_pretraining();
  void chats_are_saved_and_export_as_importable_jsonl();
};

void TestStore::create_then_open() {
  QTemporaryDir dir;
  const std::string folder = dir.filePath("demo.chattrain").toStdString();
  {
    Project p = Project::create(folder);
    QCOMPARE(p.db().stored_schema_version(), Database::schema_version());
  }
  QVERIFY(Project::exists(folder));
  Project p = Project::open(folder);
  for (const char* sub : {"tokenizer", "data", "runs", "exports"}) QVERIFY(std::filesystem::is_directory(folder + "/" + sub));
  QVERIFY(!p.has_tokenizer());
  QVERIFY_THROWS_EXCEPTION(Error, Project::create(folder));
}

void TestStore::refuses_a_folder_with_other_files() {
  QTemporaryDir dir;
  std::ofstream(dir.filePath("notes.txt").toStdString()) << "mine";
  try {
    Project::create(dir.path().toStdString());
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("other files"), e.what());
  }
  QVERIFY(QFile::exists(dir.filePath("notes.txt")));
}

void TestStore::open_names_what_is_missing() {
  QTemporaryDir dir;
  {  // An emptied catalogue is refused and left as it is, never recreated empty.
    const std::string folder = dir.filePath("emptied").toStdString();
    Project::create(folder);
    std::filesystem::resize_file(folder + "/project.sqlite", 0);
    QVERIFY_THROWS_EXCEPTION(Error, Project::open(folder));
    try {
      Project::open(folder);
    } catch (const Error& e) {
      QVERIFY2(QString(e.what()).contains("project.sqlite is empty (0 bytes)"), e.what());
    }
    QCOMPARE(std::filesystem::file_size(folder + "/project.sqlite"), std::uintmax_t(0));
  }
  try {
    Project::open(dir.path().toStdString());
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("not a ChatTrain project"), e.what());
    QVERIFY2(QString(e.what()).contains("chattrain project init"), e.what());
  }
}

void TestStore::datasets_replace_by_name() {
  QTemporaryDir dir;
  Project p = Project::create(dir.filePath("p").toStdString());
  p.db().add_dataset({0, "poems", "chinese-poetry", "a.json", "", 10, 1, 300});
  p.db().add_dataset({0, "notes", "text", "b.txt", "", 2, 0, 50});
  p.db().add_dataset({0, "poems", "chinese-poetry", "c.json", "", 12, 0, 360});
  const auto all = p.db().datasets();
  QCOMPARE(int(all.size()), 2);
  const auto poems = p.db().dataset("poems");
  QVERIFY(poems.has_value());
  QCOMPARE(int(poems->documents), 12);
  QCOMPARE(QString::fromStdString(poems->source), QString("c.json"));
}

void TestStore::runs_and_metrics() {
  QTemporaryDir dir;
  Project p = Project::create(dir.filePath("p").toStdString());
  p.db().add_run({"pretrain-1", Stage::Pretrain, RunStatus::Running, "", "{}", ""});
  p.db().set_run_status("pretrain-1", RunStatus::Finished);
  QCOMPARE(p.db().run("pretrain-1")->status, RunStatus::Finished);
  QVERIFY(!p.db().run("nope"));
  std::vector<MetricPoint> points;
  for (int step = 1; step <= 100; ++step) {
    points.push_back({step, "train/loss", 10.0 / step, 1000.0 + step});
    if (step % 10 == 0) points.push_back({step, "val/loss", 11.0 / step, 1000.0 + step});
  }
  p.db().add_metrics("pretrain-1", points);
  QCOMPARE(int(p.db().metrics("pretrain-1", "train/loss").size()), 100);
  const auto val = p.db().metrics("pretrain-1", "val/loss");
  QCOMPARE(int(val.size()), 10);
  QCOMPARE(val.back().step, std::int64_t(100));
  QCOMPARE(val.back().value, 0.11);
  QCOMPARE(int(p.db().metric_names("pretrain-1").size()), 2);
}

void TestStore::metrics_survive_reopening_and_truncate() {
  QTemporaryDir dir;
  const std::string folder = dir.filePath("p").toStdString();
  {
    Project p = Project::create(folder);
    p.db().add_run({"r", Stage::Pretrain, RunStatus::Running, "", "{}", ""});
    std::vector<MetricPoint> points;
    for (int step = 1; step <= 20; ++step) points.push_back({step, "train/loss", double(step), 0});
    p.db().add_metrics("r", points);
  }
  Project p = Project::open(folder);
  QCOMPARE(int(p.db().metrics("r").size()), 20);
  // A run resumed from step 12 redoes steps 13..; what it logged after 12 goes.
  p.db().truncate_metrics("r", 12);
  const auto kept = p.db().metrics("r", "train/loss");
  QCOMPARE(int(kept.size()), 12);
  QCOMPARE(kept.back().step, std::int64_t(12));
}

void TestStore::newer_schema_is_refused() {
  QTemporaryDir dir;
  const std::string folder = dir.filePath("p").toStdString();
  Project::create(folder);
  sqlite3* db = nullptr;
  QCOMPARE(sqlite3_open((folder + "/project.sqlite").c_str(), &db), SQLITE_OK);
  QCOMPARE(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    Project::open(folder);
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("newer ChatTrain"), e.what());
  }
}

void TestStore::run_ids_are_unique() {
  QTemporaryDir dir;
  Project p = Project::create(dir.filePath("p").toStdString());
  const std::string first = p.new_run_id("pretrain");
  p.db().add_run({first, Stage::Pretrain, RunStatus::Running, "", "{}", ""});
  const std::string second = p.new_run_id("pretrain");
  QVERIFY(first != second);
  QVERIFY(QString::fromStdString(first).startsWith("pretrain-"));
}

namespace {
// A checkpoint as far as the catalogue looks: the latest pointer, a config and a weights file.
std::string fake_checkpoint(const std::string& run_dir, std::int64_t step) {
  const std::string name = "step-" + std::to_string(step), dir = run_dir + "/" + name;
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/config.json") << "{\"stage\": \"sft\", \"step\": " << step << ", \"tokenizer_hash\": \"x\", \"model\": {}}";
  std::ofstream(dir + "/model.safetensors") << "";
  std::ofstream(run_dir + "/latest") << name;
  return dir;
}

// Counts what the database holds when a checkpoint is announced.
struct CheckpointListener : TrainingObserver {
  Database* db = nullptr;
  std::string run_id;
  int metrics_at_checkpoint = -1, metrics_forwarded = 0;
  void on_metrics(const std::vector<MetricPoint>& points) override { metrics_forwarded += int(points.size()); }
  void on_checkpoint(std::int64_t, const std::string&) override { metrics_at_checkpoint = int(db->metrics(run_id).size()); }
};
}  // namespace

void TestStore::a_run_is_opened_recorded_resumed_and_failed() {
  QTemporaryDir dir;
  Project p = Project::create(dir.filePath("p").toStdString());
  const std::string id = open_new_run(p, Stage::Sft, "", "{\"learning_rate\": 0.001}", "elsewhere/step-5");
  QVERIFY2(QString::fromStdString(id).startsWith("sft-"), id.c_str());
  QCOMPARE(p.db().run(id)->stage, Stage::Sft);
  QCOMPARE(p.db().run(id)->status, RunStatus::Running);
  QCOMPARE(p.db().run(id)->parent_checkpoint, std::string("elsewhere/step-5"));
  try {
    open_new_run(p, Stage::Sft, id, "{}", "");
    QFAIL("a taken run id was accepted");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("already exists"), e.what());
  }
  try {
    open_resumed_run(p, id);
    QFAIL("a run without a checkpoint was resumed");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("no checkpoint"), e.what());
  }

  // Twelve steps, a checkpoint at step 10, then a stop: every metric up to the checkpoint is in the
  // database before anyone hears of the checkpoint, and all twelve once the run ends.
  CheckpointListener listener;
  listener.db = &p.db();
  listener.run_id = id;
  std::string checkpoint;
  const auto outcome = record_run(p.db(), id, &listener, [&](TrainingObserver& recorder) {
    for (int step = 1; step <= 12; ++step) {
      recorder.on_metrics({{step, "train/loss", 1.0 / step, 0}});
      if (step == 10) {  // as a trainer does: before writing the checkpoint, then once it is written
        recorder.before_checkpoint(step);
        recorder.on_checkpoint(step, checkpoint = fake_checkpoint(p.run_dir(id), step));
      }
    }
    TrainOutcome stopped;
    stopped.status = TrainOutcome::Status::Stopped;
    return stopped;
  });
  QCOMPARE(int(outcome.status), int(TrainOutcome::Status::Stopped));
  QCOMPARE(listener.metrics_at_checkpoint, 10);
  QCOMPARE(listener.metrics_forwarded, 12);
  QCOMPARE(int(p.db().metrics(id).size()), 12);
  QCOMPARE(p.db().run(id)->status, RunStatus::Stopped);

  // The newest checkpoint of a stage, or of any.
  QVERIFY(newest_run_checkpoint(p, Stage::Sft).has_value());
  QCOMPARE(newest_run_checkpoint(p)->checkpoint, checkpoint);
  QVERIFY(!newest_run_checkpoint(p, Stage::Ppo));

  // Resumed: steps 11 and 12 are redone, so their points go; the run is running again.
  QCOMPARE(open_resumed_run(p, id), checkpoint);
  QCOMPARE(int(p.db().metrics(id).size()), 10);
  QCOMPARE(p.db().run(id)->status, RunStatus::Running);

  // A trainer that throws leaves the run Failed, with what it reported kept.
  try {
    record_run(p.db(), id, nullptr, [&](TrainingObserver& recorder) -> TrainOutcome {
      recorder.on_metrics({{11, "train/loss", 0.09, 0}});
      throw Error("the disk is full");
    });
    QFAIL("the trainer's error was swallowed");
  } catch (const Error& e) {
    QCOMPARE(QString(e.what()), QString("the disk is full"));
  }
  QCOMPARE(p.db().run(id)->status, RunStatus::Failed);
  QCOMPARE(int(p.db().metrics(id).size()), 11);
}

void TestStore::one_process_at_a_time_on_a_run() {
  QTemporaryDir dir;
  Project p = Project::create(dir.filePath("p").toStdString());
  const auto refusal = [&](const std::function<void()>& take) -> QString {
    try {
      take();
    } catch (const Error& e) {
      return e.what();
    }
    return {};
  };
  QVERIFY(!run_in_use(p, "pretrain-1"));  // never locked
  {
    const ProjectLock held = lock_run(p, "pretrain-1");
    QVERIFY(held.held());
    QVERIFY(run_in_use(p, "pretrain-1"));  // held by this very process: the studio's Runs tab asks so
    QVERIFY(run_in_use(p, "pretrain-1"));  // asking took nothing away
    // A second holder (another process, or another page of the studio) is told who holds it.
    const QString message = refusal([&] { lock_run(p, "pretrain-1"); });
    QVERIFY2(message.startsWith("run pretrain-1 is in use by process " + QString::number(getpid()) + " ("), qPrintable(message));
    QVERIFY(lock_run(p, "pretrain-2").held());  // another run is free
    // Answers to a prompt set likewise: a second generation is refused before it reads what is answered.
    const ProjectLock answering = lock_prompt_set_answers(p, 7);
    CandidateJob job;
    job.set_id = 7;
    QVERIFY2(refusal([&] { generate_candidates(p, job, {}, {}); }).contains("answers to prompt set 7 are being generated by process"),
             "a second generation went ahead");
  }
  QVERIFY(!run_in_use(p, "pretrain-1"));
  QVERIFY(lock_run(p, "pretrain-1").held());  // let go with its holder

  // A holder that is killed leaves no stale lock: the kernel lets it go with the process.
  int ready[2];
  QCOMPARE(pipe(ready), 0);
  const pid_t child = fork();
  if (child == 0) {
    const ProjectLock held = lock_run(p, "pretrain-1");
    const char byte = 1;
    if (write(ready[1], &byte, 1) != 1) _exit(2);
    pause();
    _exit(0);
  }
  char byte = 0;
  QCOMPARE(read(ready[0], &byte, 1), ssize_t(1));
  QVERIFY(refusal([&] { lock_run(p, "pretrain-1"); }).contains("in use by process " + QString::number(child)));
  QVERIFY(run_in_use(p, "pretrain-1"));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  QVERIFY(!run_in_use(p, "pretrain-1"));  // a killed trainer's run reads as interrupted, not running
  QVERIFY(lock_run(p, "pretrain-1").held());
  close(ready[0]);
  close(ready[1]);
}

void TestStore::dialogue_datasets_round_trip_and_stay_out_of_pretraining() {
  QTemporaryDir dir;
  Project p = Project::create(dir.filePath("p").toStdString());
  DialogueImportResult imported;
  imported.conversations.push_back({{{"system", "简短"}, {"user", "床前明月光"}, {"assistant", "疑是地上霜\n举头望明月"}}, "a.jsonl", 3});
  imported.conversations.push_back({{{"user", "hi \"there\""}, {"assistant", "hello"}}, "a.jsonl", 4});
  imported.rejected.push_back({"a.jsonl", 5, "no answer"});
  const auto record = save_dialogue_dataset(p, "chat", imported, "a.jsonl");
  QCOMPARE(record.documents, std::int64_t(2));
  QCOMPARE(record.rejected, std::int64_t(1));
  QVERIFY(is_dialogue_dataset(record));
  const auto loaded = load_dialogue_dataset(p, "chat");
  QCOMPARE(int(loaded.size()), 2);
  QCOMPARE(QString::fromStdString(render_chatml(loaded[0])), QString::fromStdString(render_chatml(imported.conversations[0])));
  QCOMPARE(QString::fromStdString(loaded[1].messages[0].content), QString("hi \"there\""));
  QCOMPARE(loaded[1].line, 4L);
  QCOMPARE(QString::fromStdString(loaded[1].source), QString("a.jsonl"));
  // Dialogues are not text to pretrain on: with only them, pretraining asks for a text dataset,
  // and the default corpus is still added for the tokenizer.
  QVERIFY(ensure_default_dataset(p));
  QCOMPARE(int(p.db().datasets().size()), 2);
  // A damaged stored line is named.
  {
    QFile f(QString::fromStdString(p.dataset_dir("chat") + "/conversations.jsonl"));
    QVERIFY(f.open(QIODevice::Append));
    f.write("{\"messages\": [\n");
  }
  try {
    load_dialogue_dataset(p, "chat");
    QFAIL("expected an error");
  } catch (const InputError& e) {
    QVERIFY2(QString(e.what()).contains("conversations.jsonl:3"), e.what());
  }
}

void TestStore::chats_are_saved_and_export_as_importable_jsonl() {
  QTemporaryDir dir;
  const std::string folder = dir.filePath("p").toStdString();
  const Conversation talk{{{"system", "你是诗人"}, {"user", "写一句诗"}, {"assistant", "白日依山尽"}}, "", 0};
  std::int64_t id = 0;
  {
    Project p = Project::create(folder);
    id = p.db().save_chat({0, "写一句诗", "runs/sft-1/step-000100", "", "", messages_to_json(talk), "{}"});
    QVERIFY(id > 0);
    Conversation longer = talk;
    longer.messages.push_back({"user", "再来一句"});
    longer.messages.push_back({"assistant", "黄河入海流"});
    p.db().save_chat({id, "写一句诗", "runs/sft-1/step-000100", "", "", messages_to_json(longer), "{}"});
    p.db().save_chat({0, "other", "runs/pretrain-1/step-000400", "", "", messages_to_json(talk), "{}"});
  }
  Project p = Project::open(folder);
  auto chats = p.db().chats();
  QCOMPARE(int(chats.size()), 2);
  const auto saved = std::find_if(chats.begin(), chats.end(), [id](const ChatRecord& c) { return c.id == id; });
  QVERIFY(saved != chats.end());
  QCOMPARE(int(messages_from_json(saved->messages_json).messages.size()), 5);
  const std::string path = dir.filePath("chats.jsonl").toStdString();
  export_chats_jsonl(chats, path);
  const auto reimported = import_dialogues(path);
  QVERIFY(reimported.rejected.empty());
  QCOMPARE(int(reimported.conversations.size()), 2);
  // Two chats that begin with the same question get distinct titles (issue 19: the list showed one twice);
  // a chat that goes on keeps its title.
  const auto again = p.db().save_chat({0, "写一句诗", "runs/sft-1/step-000100", "", "", messages_to_json(talk), "{}"});
  const auto third = p.db().save_chat({0, "写一句诗", "runs/sft-1/step-000100", "", "", messages_to_json(talk), "{}"});
  p.db().save_chat({again, "写一句诗", "runs/sft-1/step-000100", "", "", messages_to_json(talk), "{}"});
  std::map<std::int64_t, std::string> titles;
  for (const auto& c : p.db().chats()) titles[c.id] = c.title;
  QCOMPARE(titles[id], std::string("写一句诗"));
  QCOMPARE(titles[again], std::string("写一句诗 (2)"));
  QCOMPARE(titles[third], std::string("写一句诗 (3)"));
  p.db().delete_chat(id);
  QCOMPARE(int(p.db().chats().size()), 3);
}

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
