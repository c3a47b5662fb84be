// The chattrain command: help everywhere, errors that say what is wrong and what to do, and a
// whole small run through the commands a user types.
#include <QtTest>

#include <sys/resource.h>

#include "fixtures.h"

class TestCli : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void help_data();
  void help();
  void errors_data();
  void errors();
  void import_lists_rejected_records();
  void commands_end_to_end();
  void demo_runs_the_whole_recipe();
  void out_of_memory_is_a_message();

 private:
  struct Result {
    int code;
    QString out, err;
  };
  Result run(const QStringList& args, const QString& cwd = {}, const QByteArray& input = {},
             const std::function<void()>& in_child = {}) {
    QProcess p;
    if (in_child) p.setChildProcessModifier(in_child);
    if (!cwd.isEmpty()) p.setWorkingDirectory(cwd);
    p.start(CHATTRAIN_CLI, args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(300'000)) return {-1, {}, "timed out"};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
  }
  QTemporaryDir dir_;
};

void TestCli::help_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("mentions");
  QTest::newRow("top") << QStringList{"--help"} << "pretrain";
  QTest::newRow("data import") << QStringList{"data", "import", "--help"} << "--format";
  QTest::newRow("tokenizer train") << QStringList{"tokenizer", "train", "--help"} << "--vocab-size";
  QTest::newRow("pretrain") << QStringList{"pretrain", "--help"} << "--resume";
  QTest::newRow("generate") << QStringList{"generate", "--help"} << "--top-p";
  QTest::newRow("chat") << QStringList{"chat", "--help"} << "--system";
  QTest::newRow("runs show") << QStringList{"runs", "show", "--help"} << "--metric";
  QTest::newRow("candidates") << QStringList{"candidates", "--help"} << "--answers";
  QTest::newRow("rank") << QStringList{"rank", "--help"} << "FOR DEMOS AND TESTS ONLY";
  QTest::newRow("rankings import") << QStringList{"rankings", "import", "--help"} << "hh-rlhf";
  QTest::newRow("reward") << QStringList{"reward", "--help"} << "--prompts";
  QTest::newRow("dpo") << QStringList{"dpo", "--help"} << "--beta";
  QTest::newRow("ppo") << QStringList{"ppo", "--help"} << "--kl-coef";
  QTest::newRow("grpo") << QStringList{"grpo", "--help"} << "--answers-per-prompt";
  QTest::newRow("evaluate") << QStringList{"evaluate", "--help"} << "--checkpoint";
  QTest::newRow("demo") << QStringList{"demo", "--help"} << "--tiny";
  QTest::newRow("report") << QStringList{"report", "--help"} << "every run";
}

void TestCli::help() {
  QFETCH(QStringList, args);
  QFETCH(QString, mentions);
  const auto r = run(args);
  QCOMPARE(r.code, 0);
  QVERIFY2(r.out.contains(mentions), qPrintable(r.out));
}

void TestCli::errors_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("message");
  QTest::newRow("not a project") << QStringList{"-p", "/nonexistent", "data", "list"} << "chattrain project init";
  QTest::newRow("unknown preset") << QStringList{"-p", "PROJECT", "pretrain", "--preset", "huge", "--print-config"} << "presets: demo";
  QTest::newRow("unknown setting") << QStringList{"-p", "PROJECT", "pretrain", "--set", "lr=1", "--print-config"} << "'lr' is unknown";
  QTest::newRow("no checkpoint") << QStringList{"-p", "PROJECT", "generate"} << "pretrain first";
  QTest::newRow("unknown format") << QStringList{"-p", "PROJECT", "data", "import", "x.txt", "--format", "xml"} << "format 'xml' is unknown";
  QTest::newRow("missing file") << QStringList{"-p", "PROJECT", "data", "import", "/no/such.txt"} << "/no/such.txt does not exist";
  QTest::newRow("no prompt set") << QStringList{"-p", "PROJECT", "rank", "--prompts", "nope", "--judge", "rules"} << "prompt set 'nope' does not exist";
  QTest::newRow("no rankings") << QStringList{"-p", "PROJECT", "reward"} << "no ranked pairs";
}

void TestCli::errors() {
  QFETCH(QStringList, args);
  QFETCH(QString, message);
  const QString project = dir_.filePath("errors");
  if (!QFile::exists(project + "/project.sqlite")) QCOMPARE(run({"project", "init", project}).code, 0);
  args.replaceInStrings("PROJECT", project);
  const auto r = run(args);
  QVERIFY(r.code != 0);
  QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCli::import_lists_rejected_records() {
  const QString project = dir_.filePath("import");
  QCOMPARE(run({"project", "init", project}).code, 0);
  const QString bad = QString::fromStdString(chattrain::testing::data_file("bad.jsonl"));
  const auto r = run({"-p", project, "data", "import", bad, "--name", "bad"});
  QCOMPARE(r.code, 0);
  QVERIFY2(r.err.contains(bad + ":3: broken JSON"), qPrintable(r.err));
  QVERIFY2(r.err.contains(bad + ":7:"), qPrintable(r.err));
  QVERIFY2(r.out.contains("3 documents"), qPrintable(r.out));
  // Many bad records for two reasons: two lines, each with its count and lines (issue 20.3).
  QFile many(dir_.filePath("many_bad.jsonl"));
  QVERIFY(many.open(QIODevice::WriteOnly));
  for (int line = 1; line <= 500; ++line) many.write(line % 100 == 0 ? "[1]\n" : line == 7 ? "{\"text\": \"kept\"}\n" : "{broken\n");
  many.close();
  const auto grouped = run({"-p", project, "data", "import", many.fileName(), "--name", "many"});
  QCOMPARE(grouped.code, 0);
  QCOMPARE(grouped.err.count("rejected: "), 2);
  QVERIFY2(grouped.err.contains(many.fileName() + ":1: broken JSON"), qPrintable(grouped.err));
  QVERIFY2(grouped.err.contains("(and 493 more for the same reason: lines 2, 3, 4, 5, 6, 8, 9, 10, 11, 12 …)"), qPrintable(grouped.err));
  QVERIFY2(grouped.err.contains(many.fileName() + ":100: record is not a JSON object (and 4 more for the same reason: lines 200, 300, 400, 500)"),
           qPrintable(grouped.err));
  QVERIFY2(grouped.out.contains("1 documents") && grouped.out.contains("499 rejected"), qPrintable(grouped.out));
  const auto all_bad = run({"-p", project, "data", "import", QString::fromStdString(chattrain::testing::data_file("gbk.txt"))});
  QCOMPARE(all_bad.code, 1);
  QVERIFY2(all_bad.err.contains("gbk.txt:2: is not valid UTF-8"), qPrintable(all_bad.err));
}

void TestCli::commands_end_to_end() {
  const QString project = dir_.filePath("e2e");
  QCOMPARE(run({"project", "init", project}).code, 0);
  QCOMPARE(run({"-p", project, "data", "import", "--embedded"}).code, 0);
  const auto tok = run({"-p", project, "tokenizer", "train", "--vocab-size", "3000", "--character-coverage", "0.98"});
  QVERIFY2(tok.code == 0, qPrintable(tok.err));
  const auto train = run({"-p", project, "pretrain", "--run", "tiny", "--max-steps", "6", "--set", "model.d_model=32",
                          "--set", "model.n_layers=1", "--set", "model.context_length=32", "--set", "batch_size=4",
                          "--set", "sample_interval=3", "--set", "sample_prompt=《"});
  QVERIFY2(train.code == 0, qPrintable(train.out + train.err));
  QVERIFY2(train.out.contains("step 6/6"), qPrintable(train.out));
  QVERIFY2(train.out.contains("ETA"), qPrintable(train.out));
  QVERIFY2(train.out.contains("sample at step 3"), qPrintable(train.out));
  // Resuming a finished run keeps its settings: nothing left to do, unless asked to go further.
  const auto resumed = run({"-p", project, "pretrain", "--resume", "--run", "tiny"});
  QVERIFY2(resumed.code == 0 && resumed.out.contains("finished 6 steps"), qPrintable(resumed.out + resumed.err));
  const auto longer = run({"-p", project, "pretrain", "--resume", "--run", "tiny", "--max-steps", "8"});
  QVERIFY2(longer.code == 0 && longer.out.contains("step 8/8"), qPrintable(longer.out + longer.err));
  const auto branch = run({"-p", project, "pretrain", "--run", "branch", "--from-checkpoint", project + "/runs/tiny/step-000006", "--max-steps", "8"});
  QVERIFY2(branch.code == 0 && branch.out.contains("resuming at step 6") && branch.out.contains("step 8/8"),
           qPrintable(branch.out + branch.err));
  // Fine-tuning the newest checkpoint on dialogues; the bad records are listed with file and line.
  const QString dialogues = QString::fromStdString(chattrain::testing::data_file("dialogues/sharegpt.jsonl"));
  const auto sft = run({"-p", project, "sft", "--data", dialogues, "--run", "chat", "--max-steps", "3"});
  QVERIFY2(sft.code == 0 && sft.out.contains("2 conversations") && sft.out.contains("step 3/3"), qPrintable(sft.out + sft.err));
  QVERIFY2(sft.err.contains(dialogues + ":3:"), qPrintable(sft.err));
  const auto runs = run({"-p", project, "runs", "list"});
  QVERIFY2(runs.out.contains("tiny") && runs.out.contains("finished") && runs.out.contains("step-000008"), qPrintable(runs.out));
  QVERIFY2(runs.out.contains("chat") && runs.out.contains("sft"), qPrintable(runs.out));
  const auto metrics = run({"-p", project, "runs", "show", "tiny", "--metric", "train/loss"});
  QCOMPARE(metrics.out.count('\n'), 9);  // header + 8 steps
  const auto gen = run({"-p", project, "generate", "--prompt", "《春", "--max-tokens", "10", "--seed", "3"});
  QVERIFY2(gen.code == 0, qPrintable(gen.err));
  QVERIFY2(gen.out.startsWith(QString::fromUtf8("《春")), qPrintable(gen.out));
  // Same seed, same poem (the statistics line after it holds a speed, which varies).
  const auto again = run({"-p", project, "generate", "--prompt", "《春", "--max-tokens", "10", "--seed", "3"});
  QCOMPARE(again.out.section('\n', 0, 0), gen.out.section('\n', 0, 0));
  // Chat with the fine-tuned checkpoint: two conversations (/reset starts the second), each saved,
  // then exported as JSONL the dialogue importer reads back.
  const auto talk = run({"-p", project, "chat", "--max-tokens", "5", "--system", "简短"}, {},
                        QString::fromUtf8("你好\n再说一句\n/reset\n春天\n").toUtf8());
  QVERIFY2(talk.code == 0, qPrintable(talk.out + talk.err));
  QVERIFY2(talk.out.contains("runs/chat/step-000003") && talk.out.contains("(sft, step 3)"), qPrintable(talk.out));
  QCOMPARE(talk.out.count("assistant> "), 3);
  QCOMPARE(talk.out.count("tokens/s"), 3);
  const QString exported = dir_.filePath("chats.jsonl");
  const auto exporting = run({"-p", project, "chat", "--export", exported});
  QVERIFY2(exporting.code == 0 && exporting.out.contains("2 chats"), qPrintable(exporting.out + exporting.err));
  QFile file(exported);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
  QCOMPARE(lines.size(), 2);
  // The newest first: the one after /reset, system prompt kept.
  QVERIFY2(lines[0].contains("\"简短\"") && lines[0].contains("\"春天\""), lines[0].constData());
  QVERIFY2(lines[1].contains("\"你好\"") && lines[1].contains("\"再说一句\""), lines[1].constData());

  // Preference: demo prompts, candidates from the SFT checkpoint, the rule-based judge, rankings out
  // and merged back in (nothing added: they are there already), TRL pairs in, a reward model on them
  // from the newest SFT checkpoint.
  const auto prompts = run({"-p", project, "prompts", "demo", "--count", "6"});
  QVERIFY2(prompts.code == 0 && prompts.out.contains("6 prompts"), qPrintable(prompts.out + prompts.err));
  const auto answers = run({"-p", project, "candidates", "--prompts", "poem-prompts", "--answers", "3", "--max-tokens", "6"});
  QVERIFY2(answers.code == 0 && answers.out.contains("6 prompts answered"), qPrintable(answers.out + answers.err));
  const auto judged = run({"-p", project, "rank", "--prompts", "poem-prompts", "--judge", "rules"});
  QVERIFY2(judged.code == 0 && judged.out.contains("ranked 6 prompts"), qPrintable(judged.out + judged.err));
  const QString exported_rankings = dir_.filePath("rankings.jsonl");
  const auto out = run({"-p", project, "rankings", "export", exported_rankings, "--prompts", "poem-prompts"});
  QVERIFY2(out.code == 0 && out.out.contains("6 rankings written"), qPrintable(out.out + out.err));
  const auto merged = run({"-p", project, "rankings", "import", exported_rankings});
  QVERIFY2(merged.out.contains("0 rankings merged (6 already there), 0 new prompts"), qPrintable(merged.out + merged.err));
  const QString trl = QString::fromStdString(chattrain::testing::data_file("preferences/trl_pairs.jsonl"));
  const auto imported = run({"-p", project, "rankings", "import", trl, "--prompts", "trl"});
  QVERIFY2(imported.code == 0 && imported.out.contains("4 rankings merged"), qPrintable(imported.out + imported.err));
  const auto listed = run({"-p", project, "prompts", "list"});
  QVERIFY2(listed.out.contains("poem-prompts") && listed.out.contains("trl"), qPrintable(listed.out));
  const auto reward = run({"-p", project, "reward", "--prompts", "trl", "--run", "rm", "--max-steps", "3", "--set", "eval_interval=3"});
  QVERIFY2(reward.code == 0 && reward.out.contains("runs/chat/step-000003") && reward.out.contains("step 3/3"),
           qPrintable(reward.out + reward.err));
  QVERIFY2(reward.out.contains("4 rankings → 4 pairs"), qPrintable(reward.out));
  const auto dpo = run({"-p", project, "dpo", "--prompts", "trl", "--run", "prefer", "--max-steps", "2", "--beta", "0.2"});
  QVERIFY2(dpo.code == 0 && dpo.out.contains("β 0.2, from (and against)") && dpo.out.contains("step 2/2"), qPrintable(dpo.out + dpo.err));
  // PPO against the reward model just trained, then against the rule-based judge on the demo prompts.
  const auto ppo = run({"-p", project, "ppo", "--prompts", "poem-prompts", "--run", "rl", "--iterations", "2",
                        "--prompts-per-batch", "2", "--max-tokens", "4"});
  QVERIFY2(ppo.code == 0 && ppo.out.contains("runs/rm/") && ppo.out.contains("step 2/2"), qPrintable(ppo.out + ppo.err));
  const auto judged_ppo = run({"-p", project, "ppo", "--judge", "rules", "--run", "rl-judge", "--iterations", "1",
                               "--prompts-per-batch", "2", "--max-tokens", "4"});
  QVERIFY2(judged_ppo.code == 0 && judged_ppo.out.contains("rule-based judge (for demos and tests only)"),
           qPrintable(judged_ppo.out + judged_ppo.err));
  // GRPO: groups of answers to each prompt, scored by the same reward model.
  const auto grpo = run({"-p", project, "grpo", "--prompts", "poem-prompts", "--run", "groups", "--iterations", "2",
                         "--prompts-per-batch", "2", "--answers-per-prompt", "2", "--max-tokens", "4"});
  QVERIFY2(grpo.code == 0 && grpo.out.contains("runs/rm/") && grpo.out.contains("step 2/2"), qPrintable(grpo.out + grpo.err));
  // SFT, PPO, GRPO and DPO side by side on held-out prompts: one row each, scored by the reward model and the judge.
  const auto evaluated = run({"-p", project, "evaluate", "--count", "3", "--max-tokens", "4"});
  QVERIFY2(evaluated.code == 0, qPrintable(evaluated.out + evaluated.err));
  for (const char* row : {"\nsft ", "\nppo ", "\ngrpo ", "\ndpo "}) QVERIFY2(evaluated.out.contains(row), qPrintable(evaluated.out));
  QVERIFY2(evaluated.out.contains("runs/rl-judge/") && evaluated.out.contains("reward: the reward model "), qPrintable(evaluated.out));
  // The ranked prompts were trained on: the evaluation says so, and so does the report it wrote.
  QVERIFY2(evaluated.out.contains("also in another prompt set") || evaluated.out.contains("held out"), qPrintable(evaluated.out));
  QVERIFY(QFileInfo::exists(project + "/reports/report.md"));

  // A second process on a run that is training is refused, naming the first; the first goes on undisturbed.
  QProcess first;
  first.start(CHATTRAIN_CLI, {"-p", project, "pretrain", "--resume", "--run", "tiny", "--max-steps", "100000"});
  QVERIFY(first.waitForStarted());
  QString first_out;
  for (int i = 0; i < 600 && !first_out.contains("step 9/"); ++i) {
    first.waitForReadyRead(100);
    first_out += QString::fromUtf8(first.readAllStandardOutput());
  }
  QVERIFY2(first_out.contains("step 9/"), qPrintable(first_out));
  const auto second = run({"-p", project, "pretrain", "--resume", "--run", "tiny", "--max-steps", "9"});
  QVERIFY2(second.code != 0 && second.err.contains("run tiny is in use by process " + QString::number(first.processId()) + " (chattrain"),
           qPrintable(second.out + second.err));
  first.terminate();  // SIGTERM: stops with a checkpoint, as Ctrl+C does
  QVERIFY(first.waitForFinished(60'000));
  first_out += QString::fromUtf8(first.readAllStandardOutput());
  QVERIFY2(first.exitCode() == 0 && first_out.contains("stopped"), qPrintable(first_out + first.readAllStandardError()));
  // Another fine-tuning without --from starts from the newest pretraining checkpoint, not from the newest
  // checkpoint of any run (an SFT, PPO or reward model run), and says so (issue 20.6).
  const auto second_sft = run({"-p", project, "sft", "--data", dialogues, "--run", "chat-again", "--max-steps", "1"});
  QVERIFY2(second_sft.code == 0 && second_sft.out.contains("from " + project + "/runs/branch/step-000008 (the newest pretraining checkpoint"),
           qPrintable(second_sft.out + second_sft.err));

  // Issue 21.3: an emptied catalogue is refused with the way out, and rebuilt from the folders: datasets,
  // runs with their status, and the metrics their TensorBoard events hold (up to each newest checkpoint).
  const auto before = run({"-p", project, "runs", "list"});
  const auto tiny_loss = run({"-p", project, "runs", "show", "tiny", "--metric", "train/loss"});
  const auto datasets_before = run({"-p", project, "data", "list"});
  QFile::resize(project + "/project.sqlite", 0);
  const auto refused = run({"-p", project, "runs", "list"});
  QVERIFY2(refused.code == 1 && refused.err.contains("is empty (0 bytes)") && refused.err.contains("chattrain project repair"),
           qPrintable(refused.err));
  QCOMPARE(QFileInfo(project + "/project.sqlite").size(), 0);  // untouched
  const auto repaired = run({"-p", project, "project", "repair"});
  QVERIFY2(repaired.code == 0 && repaired.out.contains("catalogue rebuilt: 1 datasets, 9 runs"), qPrintable(repaired.out + repaired.err));
  QVERIFY2(repaired.out.contains("rankings import"), qPrintable(repaired.out));  // what only the catalogue held is said
  const auto after = run({"-p", project, "runs", "list"});
  for (const char* run_name : {"tiny", "branch", "chat", "chat-again"})
    QVERIFY2(after.out.contains(run_name), qPrintable(after.out));
  QVERIFY2(after.out.contains("finished"), qPrintable(after.out));
  QCOMPARE(after.out.count('\n'), before.out.count('\n'));  // every run listed again
  QCOMPARE(run({"-p", project, "runs", "show", "tiny", "--metric", "train/loss"}).out.count('\n'), tiny_loss.out.count('\n'));
  QCOMPARE(run({"-p", project, "data", "list"}).out.count('\n'), datasets_before.out.count('\n'));
  QVERIFY2(before.code == 0, qPrintable(before.err));
  // A catalogue overwritten with other bytes likewise; a healthy one is left alone.
  QFile garbage(project + "/project.sqlite");
  QVERIFY(garbage.open(QIODevice::WriteOnly));
  garbage.write(QByteArray(4096, 'x'));
  garbage.close();
  QVERIFY2(run({"-p", project, "runs", "list"}).err.contains("not an SQLite database"), "garbage accepted");
  QCOMPARE(run({"-p", project, "project", "repair"}).code, 0);
  const auto healthy = run({"-p", project, "project", "repair"});
  QVERIFY2(healthy.code == 1 && healthy.err.contains("nothing to repair"), qPrintable(healthy.out + healthy.err));
}

void TestCli::demo_runs_the_whole_recipe() {
  // The README's headless demo, at tiny sizes: every stage, then the evaluation's table and the report.
  const QString folder = dir_.filePath("demo.chattrain");
  const auto r = run({"demo", "--tiny", "--folder", folder});
  QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
  for (const char* stage : {"[1/11] tokenizer", "[2/11] pretrain", "[6/11] reward", "[7/11] ppo", "[8/11] grpo", "[9/11] dpo", "[11/11] report"})
    QVERIFY2(r.out.contains(stage), stage);
  QVERIFY2(r.out.contains("none of them in another prompt set (held out)"), qPrintable(r.out));
  for (const char* row : {"\nsft ", "\nppo ", "\ngrpo ", "\ndpo "}) QVERIFY2(r.out.contains(row), qPrintable(r.out));
  QVERIFY(QFileInfo::exists(folder + "/reports/report.html"));
  const auto listed = run({"-p", folder, "prompts", "list"});
  QVERIFY2(listed.out.contains(QRegularExpression("poem-eval +4 ")), qPrintable(listed.out));

  // The full demo in the tiny demo's folder would report on the tiny runs: refused, and so is an unknown preset.
  const auto full = run({"demo", "--folder", folder});
  QVERIFY2(full.code != 0 && full.err.contains("other settings"), qPrintable(full.out + full.err));
  const auto huge = run({"demo", "--preset", "huge", "--folder", dir_.filePath("huge.chattrain")});
  QVERIFY2(huge.code != 0 && huge.err.contains("presets: demo"), qPrintable(huge.out + huge.err));
}

// A micro-batch far larger than the memory the process may take (4 GiB of address space), with the
// automatic fit turned off: the run ends with what to change and its own exit code, never a LibTorch
// backtrace or a crash, and the project records it.
void TestCli::out_of_memory_is_a_message() {
#ifdef CHATTRAIN_SANITIZE
  QSKIP("AddressSanitizer reserves terabytes of address space: a memory limit stops it before the CLI runs");
#endif
  const QString project = dir_.filePath("oom");
  QCOMPARE(run({"project", "init", project}).code, 0);
  QCOMPARE(run({"-p", project, "data", "import", "--embedded"}).code, 0);
  QCOMPARE(run({"-p", project, "tokenizer", "train", "--vocab-size", "3000", "--character-coverage", "0.98"}).code, 0);
  const auto limited = [] {
    const rlimit four_gib{4ULL << 30, 4ULL << 30};
    setrlimit(RLIMIT_AS, &four_gib);
  };
  const auto r = run({"-p", project, "pretrain", "--run", "huge", "--max-steps", "2", "--set", "model.d_model=32", "--set",
                      "model.n_layers=1", "--set", "model.context_length=32", "--set", "batch_size=8192", "--set",
                      "auto_fit_batch=false"},
                     {}, {}, limited);
  QVERIFY2(r.code == 4, qPrintable(QString::number(r.code) + r.out + r.err));
  QVERIFY2(r.out.contains("it may run out of memory"), qPrintable(r.out));
  QVERIFY2(r.out.contains("ran out of memory at step 1 (micro-batches of 8192 sequences of 32 tokens") &&
               r.out.contains("it had no checkpoint yet") && r.out.contains("Lower the batch size"),
           qPrintable(r.out));
  QVERIFY2(!r.err.contains("Exception raised from") && !r.err.contains("terminate"), qPrintable(r.err));
  const auto runs = run({"-p", project, "runs", "list"});
  QVERIFY2(runs.out.contains("huge") && runs.out.contains("out_of_memory"), qPrintable(runs.out));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
