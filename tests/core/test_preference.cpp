// Human preference without a model: pairs and weights, agreement, the rule-based judge, the
// preference formats (golden files, bad ones included), rankings that survive a killed process,
// undo, and merging another copy's export without duplicates.
#include <QtTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>

#include <chattrain/chat.h>
#include <chattrain/preference.h>
#include <chattrain/ranking.h>
#include <chattrain/workflow.h>

#include "fixtures.h"

using namespace chattrain;

namespace {
RankedAnswers ranking(const std::string& question, std::vector<std::string> answers, std::vector<int> ranks,
                      const std::string& annotator = "ann") {
  RankedAnswers r;
  r.prompt.messages.push_back({"user", question});
  r.answers = std::move(answers);
  r.ranks = std::move(ranks);
  r.annotator = annotator;
  return r;
}
std::string preference_file(const char* name) { return testing::data_file((std::string("preferences/") + name).c_str()); }
}  // namespace

class TestPreference : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void pairs_and_weights_data();
  void pairs_and_weights();
  void every_prompt_counts_once_over_annotators();
  void agreement_data();
  void agreement();
  void judge_checks_the_form_data();
  void judge_checks_the_form();
  void judge_prefers_the_reference();
  void import_formats_data();
  void import_formats();
  void preference_layouts_keep_context();
  void bad_records_are_named_by_line();
  void export_round_trips();
  void ranking_survives_a_killed_process();
  void undo_and_resubmit();
  void merge_adds_nothing_twice();
  void prompts_import_text_and_dialogues();

 private:
  QTemporaryDir dir_;
};

void TestPreference::pairs_and_weights_data() {
  QTest::addColumn<QVector<int>>("ranks");
  QTest::addColumn<int>("pairs");
  QTest::addColumn<int>("first_last_pairs");  // kept by PairChoice::first_against_last
  QTest::newRow("two answers") << QVector<int>{2, 1} << 1 << 1;
  QTest::newRow("strict order of four") << QVector<int>{1, 2, 3, 4} << 6 << 1;  // K·(K−1)/2
  QTest::newRow("a tie in the middle") << QVector<int>{1, 2, 2, 3} << 5 << 1;   // the tie gives no pair
  QTest::newRow("two first, two last") << QVector<int>{2, 1, 2, 1, 1} << 6 << 6;
  QTest::newRow("tied first, one last") << QVector<int>{1, 1, 2, 3} << 5 << 2;
  QTest::newRow("all tied") << QVector<int>{1, 1, 1} << 0 << 0;
}

void TestPreference::pairs_and_weights() {
  QFETCH(QVector<int>, ranks);
  QFETCH(int, pairs);
  std::vector<std::string> answers;
  for (int i = 0; i < ranks.size(); ++i) answers.push_back("answer " + std::to_string(i));
  const auto expanded = expand_to_pairs({ranking("q", answers, std::vector<int>(ranks.begin(), ranks.end()))});
  QCOMPARE(int(expanded.size()), pairs);
  for (const auto& p : expanded) {
    QCOMPARE(p.weight, 1.0 / pairs);
    const int chosen = std::stoi(p.chosen.substr(7)), rejected = std::stoi(p.rejected.substr(7));
    QVERIFY(ranks[chosen] < ranks[rejected]);  // the better placed answer is the chosen one
  }
  // First against last: only those pairs, sharing the prompt's whole weight.
  QFETCH(int, first_last_pairs);
  const auto chosen = choose_pairs(expanded, PairChoice::first_against_last);
  QCOMPARE(int(chosen.size()), first_last_pairs);
  const int first = *std::min_element(ranks.begin(), ranks.end()), last = *std::max_element(ranks.begin(), ranks.end());
  for (const auto& p : chosen) {
    QCOMPARE(ranks[std::stoi(p.chosen.substr(7))], first);
    QCOMPARE(ranks[std::stoi(p.rejected.substr(7))], last);
    QCOMPARE(p.weight, 1.0 / first_last_pairs);
  }
  QCOMPARE(int(choose_pairs(expanded, PairChoice::all_ordered).size()), pairs);
}

void TestPreference::every_prompt_counts_once_over_annotators() {
  // One prompt ranked by two annotators (3 + 1 pairs), another by one (1 pair): each prompt's weights sum to 1.
  const auto pairs = expand_to_pairs({ranking("q1", {"a", "b", "c"}, {1, 2, 3}, "ann"), ranking("q1", {"a", "b"}, {2, 1}, "bob"),
                                      ranking("q2", {"x", "y"}, {1, 2})});
  QCOMPARE(int(pairs.size()), 5);
  double q1 = 0, q2 = 0;
  for (const auto& p : pairs) (p.prompt.messages[0].content == "q1" ? q1 : q2) += p.weight;
  QCOMPARE(q1, 1.0);
  QCOMPARE(q2, 1.0);
  QCOMPARE(pairs[0].weight, 0.25);
}

void TestPreference::agreement_data() {
  QTest::addColumn<QVector<int>>("a");
  QTest::addColumn<QVector<int>>("b");
  QTest::addColumn<double>("pairwise");
  QTest::addColumn<double>("tau");
  QTest::newRow("identical") << QVector<int>{1, 2, 3} << QVector<int>{1, 2, 3} << 1.0 << 1.0;
  QTest::newRow("reversed") << QVector<int>{1, 2, 3} << QVector<int>{3, 2, 1} << 0.0 << -1.0;
  QTest::newRow("one swap") << QVector<int>{1, 2, 3} << QVector<int>{1, 3, 2} << 2.0 / 3 << 1.0 / 3;
  // τ-b with a tie in a: C = 2, D = 0, n0 = 3, ties 1 and 0 → 2 / √(2·3).
  QTest::newRow("tie in one") << QVector<int>{1, 1, 2} << QVector<int>{1, 2, 3} << 2.0 / 3 << 2.0 / std::sqrt(6.0);
  QTest::newRow("unranked answer left out") << QVector<int>{1, 2, 0} << QVector<int>{1, 2, 1} << 1.0 << 1.0;
}

void TestPreference::agreement() {
  QFETCH(QVector<int>, a);
  QFETCH(QVector<int>, b);
  QFETCH(double, pairwise);
  QFETCH(double, tau);
  const auto got = ranking_agreement(std::vector<int>(a.begin(), a.end()), std::vector<int>(b.begin(), b.end()));
  QVERIFY(std::abs(got.pairwise - pairwise) < 1e-12);
  QVERIFY(std::abs(got.kendall_tau - tau) < 1e-12);
  QVERIFY(std::isnan(ranking_agreement({1, 1}, {1, 2}).kendall_tau));  // everything tied: τ undefined
}

void TestPreference::judge_checks_the_form_data() {
  QTest::addColumn<QString>("question");
  QTest::addColumn<QString>("reference");
  QTest::addColumn<QString>("answer");
  QTest::addColumn<double>("form");
  const QString go_on = "请接着写下去：齐王僚属好男儿，偶觅东归便得归。", go_on_reference = "满目路岐抛似梦，一船风雨去如飞。\n盘擎紫线莼初熟，箸拨红丝鲙正肥。";
  const QString titled = "请以《行次》为题写一首诗。", titled_reference = "终日长程复短程，一山行尽一山青。\n路傍君子莫相笑，天上由来有客星。";
  QTest::newRow("verse in the quoted line's measure") << go_on << go_on_reference << "一郡不归三日尽，九门方在近贤名。" << 1.0;
  QTest::newRow("English question, same measure") << "Continue this poem: 上得孤城向晚春，眼前何事不伤神。" << go_on_reference
                                                  << "一郡不归三日尽，九门方在近贤名。\n" << 1.0;
  QTest::newRow("another measure than the quoted line") << go_on << go_on_reference << "微林清夜起，去鸟在清晖。" << 0.0;
  QTest::newRow("any measure when none is quoted") << titled << titled_reference << "微林清夜起，去鸟在清晖。\n夜尽秋多别，烟流雨又寒。" << 1.0;
  QTest::newRow("one line of two broken") << titled << titled_reference << "微林清夜起，去鸟在清晖。\n夜尽秋多别，烟流雨又。" << 0.5;
  QTest::newRow("measures mixed") << titled << titled_reference << "微林清夜起，去鸟在清晖。\n一郡不归三日尽，九门方在近贤名。" << 0.5;
  QTest::newRow("halves of unequal length") << titled << titled_reference << "山中云自在，水上月相招来。" << 0.0;
  QTest::newRow("lines run together") << titled << titled_reference << "终日长程复短程一山行尽一山青" << 0.0;
  QTest::newRow("cut off mid-line") << titled << titled_reference << "终日长程复短程，一山行尽一山青。\n路傍君子" << 0.5;
  QTest::newRow("empty") << titled << titled_reference << "  \n" << 0.0;
  const QString author = "《姑苏台》的作者是谁？", author_reference = "《姑苏台》的作者是罗隐。";
  QTest::newRow("the asked title, any poet") << author << author_reference << "《姑苏台》的作者是白居易。" << 1.0;
  QTest::newRow("another title") << author << author_reference << "《宫词 五十一》的作者是白居易。" << 0.5;
  QTest::newRow("the title, not the pattern") << author << author_reference << "《姑苏台》。" << 0.5;
  const QString which = "What is the title of this poem?\n何事金舆不再游，翠鬟丹脸岂胜愁。";
  QTest::newRow("pattern, title unknown") << which << "It is 《华清宫》 by 高蟾." << "It is 《遣题》 by 李中." << 1.0;
  QTest::newRow("pattern misspelt") << which << "It is 《华清宫》 by 高蟾." << "It is 《遣题》 wy 李中." << 0.0;
  QTest::newRow("answered in the other language") << which << "It is 《华清宫》 by 高蟾." << "这首诗是罗隐的《偶题》。" << 0.0;
}

void TestPreference::judge_checks_the_form() {
  QFETCH(QString, question);
  QFETCH(QString, reference);
  QFETCH(QString, answer);
  QFETCH(double, form);
  QCOMPARE(rule_judge(question.toStdString(), reference.toStdString(), answer.toStdString()).form, form);
}

void TestPreference::judge_prefers_the_reference() {
  const std::string question = "请以《早朝》为题写一首诗。", reference = "城阙天中近，蓬瀛海上遥。\n归期千载鹤，春至一来朝。";
  const std::vector<std::string> answers{
      reference,                                   // the reference itself
      "山中云自在，水上月相招。\n花落千年树，风吹一夜潮。",  // right form, other words
      "城阙天中近，蓬瀛海上遥。",                     // half of it
      "城阙天中近蓬瀛海上遥归期千载鹤春至一来朝",       // the words, no form
      "我不知道"};
  std::vector<double> scores;
  for (const auto& a : answers) scores.push_back(rule_judge_score(question, reference, a));
  // By form alone: the reference, the right form in other words and half of it tie; its words without the
  // form tie with no answer at all.
  QCOMPARE(scores, (std::vector<double>{1.0, 1.0, 1.0, 0.0, 0.0}));
  // (The mean of form and content ranked these two the other way round: 0.5 against about 0.7.)
  QVERIFY(rule_judge_score(question, reference, answers[1]) > rule_judge_score(question, reference, "城阙天中近，蓬瀛海上遥。\n归期千载鹤，春至一来朝来。"));
  QCOMPARE(ranks_from_scores({0.5, 0.9, 0.5, 0.1}), (std::vector<int>{2, 1, 2, 3}));
}

void TestPreference::import_formats_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<QString>("format");
  QTest::addColumn<int>("records");
  QTest::addColumn<QString>("first_prompt");  // last user turn of the first record
  QTest::addColumn<QString>("first_best");    // its best answer
  QTest::addColumn<QVector<int>>("first_ranks");
  QTest::addColumn<QVector<int>>("rejected_lines");
  const QVector<int> none;
  QTest::newRow("our rankings") << "rankings.jsonl" << "auto" << 2 << "《静夜思》的作者是谁？" << "李白" << QVector<int>{1, 2, 1} << none;
  QTest::newRow("TRL pairs") << "trl_pairs.jsonl" << "pairs" << 4 << "What is 2+2?" << "4" << QVector<int>{1, 2} << none;
  QTest::newRow("HH-RLHF") << "hh_rlhf.jsonl" << "hh-rlhf" << 2 << "How do I bake bread?"
                           << "Mix flour, water, yeast and salt, knead, let it rise, then bake." << QVector<int>{1, 2} << none;
  QTest::newRow("UltraFeedback") << "ultrafeedback.json" << "auto" << 1 << "Name a prime number." << "7" << QVector<int>{1, 3, 1, 2} << none;
  // ShareGPT's preference layout (LLaMA-Factory's DPO files): conversations before one chosen and one
  // rejected message object; and the OpenAI-messages variant, answers as message lists, objects or text.
  QTest::newRow("ShareGPT pairs") << "sharegpt_pairs.json" << "auto" << 2 << "再写一句" << "海上生明月，天涯共此时。" << QVector<int>{1, 2} << none;
  QTest::newRow("ShareGPT pairs, named") << "sharegpt_pairs.json" << "pairs" << 2 << "再写一句" << "海上生明月，天涯共此时。" << QVector<int>{1, 2} << none;
  QTest::newRow("OpenAI messages pairs") << "openai_pairs.jsonl" << "auto" << 2 << "Name a colour of the sky." << "Blue." << QVector<int>{1, 2} << none;
  // KTO ratings: the three answers to one prompt (two layouts) become one ranking, good before bad; a
  // prompt rated only one way, and a label that is not true/false, are refused by line.
  QTest::newRow("KTO") << "kto.jsonl" << "auto" << 1 << "What is 3+3?" << "6" << QVector<int>{1, 2, 1} << QVector<int>{4, 5};
  QTest::newRow("KTO, named") << "kto.jsonl" << "kto" << 1 << "What is 3+3?" << "6" << QVector<int>{1, 2, 1} << QVector<int>{4, 5};
}

void TestPreference::import_formats() {
  QFETCH(QString, file);
  QFETCH(QString, format);
  QFETCH(int, records);
  QFETCH(QString, first_prompt);
  QFETCH(QString, first_best);
  QFETCH(QVector<int>, first_ranks);
  QFETCH(QVector<int>, rejected_lines);
  const auto result = import_preferences(preference_file(file.toUtf8().constData()), parse_preference_format(format.toStdString()));
  QVector<int> lines;
  for (const auto& p : result.rejected) lines.push_back(int(p.line));
  QVERIFY2(lines == rejected_lines, result.rejected.empty() ? "none refused" : result.rejected[0].to_string().c_str());
  QCOMPARE(int(result.rankings.size()), records);
  const auto& first = result.rankings.front();
  QCOMPARE(QString::fromStdString(first.prompt.messages.back().content), first_prompt);
  QCOMPARE(first.prompt.messages.back().role, std::string("user"));
  QCOMPARE(QString::fromStdString(first.answers[size_t(std::min_element(first.ranks.begin(), first.ranks.end()) - first.ranks.begin())]), first_best);
  QCOMPARE(first.ranks, std::vector<int>(first_ranks.begin(), first_ranks.end()));
}

void TestPreference::preference_layouts_keep_context() {
  // ShareGPT: the system turn and the earlier exchange stay in the prompt; a top-level "system" text
  // comes first.
  const auto sharegpt = import_preferences(preference_file("sharegpt_pairs.json")).rankings;
  QCOMPARE(int(sharegpt.size()), 2);
  const auto roles = [](const RankedAnswers& r) {
    std::vector<std::string> out;
    for (const auto& m : r.prompt.messages) out.push_back(m.role);
    return out;
  };
  QCOMPARE(roles(sharegpt[0]), (std::vector<std::string>{"system", "user", "assistant", "user"}));
  QCOMPARE(sharegpt[0].prompt.messages[2].content, std::string("举头望明月，低头思故乡。"));
  QCOMPARE(sharegpt[0].answers[1], std::string("月亮很圆。"));
  QCOMPARE(roles(sharegpt[1]), (std::vector<std::string>{"system", "user"}));
  QCOMPARE(sharegpt[1].prompt.messages[0].content, std::string("Answer briefly."));
  const auto openai = import_preferences(preference_file("openai_pairs.jsonl")).rankings;
  QCOMPARE(openai[1].answers, (std::vector<std::string>{"Hello! How can I help?", "Go away."}));
  QCOMPARE(roles(openai[1]), (std::vector<std::string>{"system", "user"}));
  // KTO: why a record is left out, in words; the bad answer is ranked, never a dialogue to learn.
  const auto kto = import_preferences(preference_file("kto.jsonl"));
  QCOMPARE(kto.rankings[0].answers, (std::vector<std::string>{"6", "33", "Six."}));
  QVERIFY2(kto.rejected[0].message.english().find("no answer rated true") != std::string::npos, kto.rejected[0].to_string().c_str());
  QVERIFY2(kto.rejected[1].message.english().find("\"label\" is not true or false") != std::string::npos, kto.rejected[1].to_string().c_str());
  const auto as_dialogues = import_dialogues(testing::data_file("dialogues/kto.jsonl"));
  QVERIFY(as_dialogues.conversations.empty());
  QCOMPARE(int(as_dialogues.rejected.size()), 2);
  QVERIFY2(as_dialogues.rejected[0].message.english().find("KTO rating") != std::string::npos, as_dialogues.rejected[0].to_string().c_str());
  // A layout asked for that the record is not in: its missing field named, not a JSON library's exception.
  const auto wrong = import_preferences(preference_file("sharegpt_pairs.json"), PreferenceFormat::Rankings);
  QCOMPARE(int(wrong.rejected.size()), 2);
  QCOMPARE(wrong.rejected[0].message.english(), std::string("record has no \"prompt\" field"));
}

void TestPreference::bad_records_are_named_by_line() {
  const std::string file = preference_file("bad.jsonl");
  const auto result = import_preferences(file);
  QCOMPARE(int(result.rankings.size()), 1);  // only line 1 is good
  std::vector<long> lines;
  for (const auto& p : result.rejected) {
    QCOMPARE(p.file, file);
    lines.push_back(p.line);
  }
  QCOMPARE(lines, (std::vector<long>{2, 3, 4, 5, 6, 7, 8, 9}));
  auto message_of = [&](long line) {
    for (const auto& p : result.rejected)
      if (p.line == line) return p.message.english();
    return std::string();
  };
  QVERIFY(message_of(2).find("broken JSON") != std::string::npos);
  QVERIFY(message_of(4).find("shared prompt") != std::string::npos);
  QVERIFY(message_of(5).find("2 answers but 1 ranks") != std::string::npos);
  QVERIFY(message_of(6).find("empty answer") != std::string::npos);
  QCOMPARE(message_of(8), std::string("record field \"annotator\" is not a string"));  // was the JSON library's type_error.302
  QVERIFY(message_of(9).find("\"chosen\" does not end with the assistant's answer") != std::string::npos);
  // The HH-RLHF transcripts of the second record are split into turns.
  const auto hh = import_preferences(preference_file("hh_rlhf.jsonl"));
  QCOMPARE(int(hh.rankings[1].prompt.messages.size()), 3);
  QCOMPARE(hh.rankings[1].answers[1], std::string("No."));
  QCOMPARE(hh.rankings[1].annotator, std::string("imported:hh_rlhf"));
}

void TestPreference::export_round_trips() {
  const auto original = import_preferences(preference_file("rankings.jsonl")).rankings;
  const std::string path = dir_.filePath("export.jsonl").toStdString();
  export_rankings_jsonl(original, path);
  const auto back = import_preferences(path).rankings;
  QCOMPARE(back.size(), original.size());
  for (size_t i = 0; i < back.size(); ++i) {
    QCOMPARE(back[i].answers, original[i].answers);
    QCOMPARE(back[i].ranks, original[i].ranks);
    QCOMPARE(back[i].annotator, original[i].annotator);
    QCOMPARE(back[i].flag, original[i].flag);
    QCOMPARE(back[i].comment, original[i].comment);
    QCOMPARE(back[i].answer_sources, original[i].answer_sources);
  }
  // Pairs in TRL's layout read back as the same pairs.
  const auto pairs = expand_to_pairs(original);
  const std::string pairs_path = dir_.filePath("pairs.jsonl").toStdString();
  export_pairs_jsonl(pairs, pairs_path);
  const auto pairs_back = expand_to_pairs(import_preferences(pairs_path, PreferenceFormat::Pairs).rankings);
  QCOMPARE(pairs_back.size(), pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    QCOMPARE(pairs_back[i].chosen, pairs[i].chosen);
    QCOMPARE(pairs_back[i].rejected, pairs[i].rejected);
  }
}

void TestPreference::ranking_survives_a_killed_process() {
  const QString folder = dir_.filePath("killed");
  std::int64_t prompt_id = 0;
  std::vector<CandidateRecord> candidates;
  {
    Project project = Project::create(folder.toStdString());
    const auto set = add_prompt_set(project, "set", "test", {{0, 0, R"([{"role":"user","content":"q"}])", "", "t", 1}});
    prompt_id = project.db().prompts(set).front().id;
    project.db().add_candidates({{0, prompt_id, "a", "ck", "{}", "stop token", "", 1}, {0, prompt_id, "b", "ck", "{}", "stop token", "", 2}});
    candidates = project.db().candidates(prompt_id);
  }
  const pid_t child = fork();
  if (child == 0) {  // the annotator's process: submit, then die without closing anything
    Project project = Project::open(folder.toStdString());
    RankingRecord r = ranking_from_ranks(prompt_id, candidates, {2, 1});
    r.annotator = "ann";
    r.flag = "unsafe";
    project.db().submit_ranking(r);
    ::kill(::getpid(), SIGKILL);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  Project reopened = Project::open(folder.toStdString());
  const auto rankings = reopened.db().rankings_of_set(reopened.db().prompt_set("set")->id);
  QCOMPARE(int(rankings.size()), 1);
  QCOMPARE(ranks_of(rankings[0], candidates), (std::vector<int>{2, 1}));
  QCOMPARE(rankings[0].flag, std::string("unsafe"));
}

void TestPreference::undo_and_resubmit() {
  Project project = Project::create(dir_.filePath("undo").toStdString());
  std::vector<PromptRecord> prompts;
  for (int i = 0; i < 3; ++i) prompts.push_back({0, 0, R"([{"role":"user","content":"q)" + std::to_string(i) + R"("}])", "", "t", i + 1});
  const auto set = add_prompt_set(project, "set", "test", prompts);
  std::vector<std::int64_t> ids;
  for (const auto& p : project.db().prompts(set)) {
    ids.push_back(p.id);
    project.db().add_candidates({{0, p.id, "a", "ck", "{}", "", "", 1}, {0, p.id, "b", "ck", "{}", "", "", 2}});
  }
  auto submit = [&](std::int64_t prompt, std::vector<int> ranks, const std::string& who) {
    RankingRecord r = ranking_from_ranks(prompt, project.db().candidates(prompt), ranks);
    r.annotator = who;
    return project.db().submit_ranking(r);
  };
  submit(ids[0], {1, 2}, "ann");
  submit(ids[1], {2, 1}, "ann");
  submit(ids[2], {1, 1}, "bob");
  const auto undone = project.db().undo_last_ranking(set, "ann");
  QVERIFY(undone);
  QCOMPARE(undone->prompt_id, ids[1]);  // ann's newest, not bob's
  QCOMPARE(int(project.db().rankings_of_set(set).size()), 2);
  // Re-ranking an earlier prompt replaces it and makes it the newest: undo takes that one next.
  submit(ids[0], {2, 1}, "ann");
  QCOMPARE(int(project.db().rankings_of_set(set).size()), 2);
  QCOMPARE(project.db().undo_last_ranking(set, "ann")->prompt_id, ids[0]);
  QVERIFY(!project.db().undo_last_ranking(set, "ann"));
}

void TestPreference::merge_adds_nothing_twice() {
  Project project = Project::create(dir_.filePath("merge").toStdString());
  const auto imported = import_preferences(preference_file("trl_pairs.jsonl")).rankings;
  const auto first = merge_rankings(project, imported, "pairs");
  QCOMPARE(first.rankings_added, 4);
  QCOMPARE(first.prompts_added, 3);  // "What is 2+2?" twice
  QCOMPARE(first.duplicates, 0);
  const auto second = merge_rankings(project, imported, "pairs");
  QCOMPARE(second.rankings_added, 0);
  QCOMPARE(second.prompts_added, 0);
  QCOMPARE(second.candidates_added, 0);
  QCOMPARE(second.duplicates, 4);
  // The twice-asked prompt keeps both pairs: the second under "<annotator>#2"; its four answers are candidates.
  const auto set = project.db().prompt_set("pairs")->id;
  const auto ranked = ranked_answers(project, set);
  QCOMPARE(int(ranked.size()), 4);
  QCOMPARE(ranked[3].annotator, std::string("imported:trl_pairs#2"));
  QCOMPARE(int(expand_to_pairs(ranked).size()), 4);
  // Another copy's export merges in the same way: everything there already.
  const std::string path = dir_.filePath("copy.jsonl").toStdString();
  export_rankings_jsonl(ranked, path);
  QCOMPARE(merge_rankings(project, import_preferences(path).rankings, "other").duplicates, 4);
  // Issue 20.6: a renamed copy of the file is the same rankings under another annotator's name, not a
  // second annotator (agreement read 1.000): said, and nothing merged.
  const QString renamed = dir_.filePath("renamed.jsonl");
  QVERIFY(QFile::copy(QString::fromStdString(preference_file("trl_pairs.jsonl")), renamed));
  const auto copy = merge_rankings(project, import_preferences(renamed.toStdString()).rankings, "pairs");
  QCOMPARE(copy.copy_of, std::string("imported:trl_pairs"));
  QCOMPARE(copy.rankings_added, 0);
  QCOMPARE(int(ranked_answers(project, set).size()), 4);
  // One ranking of its own among the copied ones makes it a second annotator's file: merged whole.
  auto own = import_preferences(renamed.toStdString()).rankings;
  std::swap(own[0].ranks[0], own[0].ranks[1]);
  QCOMPARE(merge_rankings(project, own, "pairs").rankings_added, 4);
  // An annotator who really agreed on every prompt: merged when asked for (chattrain rankings import --keep-copy).
  const QString again = dir_.filePath("agreed.jsonl");
  QVERIFY(QFile::copy(QString::fromStdString(preference_file("trl_pairs.jsonl")), again));
  const auto agreed = import_preferences(again.toStdString()).rankings;
  QCOMPARE(merge_rankings(project, agreed, "pairs").rankings_added, 0);
  QCOMPARE(merge_rankings(project, agreed, "pairs", true).rankings_added, 4);
}

void TestPreference::prompts_import_text_and_dialogues() {
  const auto text = import_prompts(preference_file("prompts.txt"));
  QCOMPARE(int(text.prompts.size()), 2);  // blank lines are not prompts
  QCOMPARE(text.prompts[1].line, 4L);
  // Dialogues become prompts: the turns before the last answer, which is the reference.
  const auto dialogues = import_prompts(testing::data_file("dialogues/alpaca.json"));
  QVERIFY(!dialogues.prompts.empty());
  const auto first = messages_from_json(dialogues.prompts[0].messages_json);
  QCOMPARE(first.messages.back().content, std::string("写一首五言绝句\n\n题目：春晓"));
  QCOMPARE(dialogues.prompts[0].reference, std::string("春眠不觉晓，处处闻啼鸟。"));
  const auto demo = prompts_from_conversations(import_embedded_dialogues(true).conversations);
  QVERIFY(demo.size() > 500);
  QVERIFY(!demo[0].reference.empty());
  QVERIFY(messages_from_json(demo[0].messages_json).messages.back().role == "user");
  // Issue 21.10: a failed prompt import left an empty prompt set behind.
  Project project = Project::create(dir_.filePath("prompt-sets").toStdString());
  const auto nothing = import_prompts(testing::data_file("empty.txt"));
  QVERIFY(nothing.prompts.empty() && !nothing.rejected.empty());
  QVERIFY_THROWS_EXCEPTION(Error, add_prompt_set(project, "empty", testing::data_file("empty.txt"), nothing.prompts));
  QVERIFY(!project.db().prompt_set("empty"));
}

QTEST_GUILESS_MAIN(TestPreference)
#include "test_preference.moc"
