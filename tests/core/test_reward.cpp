// Candidates and the reward model: answers generated in one batch per prompt with their provenance,
// a stopped generation that continues, and a reward model that learns the rule-based judge's
// preferences well above chance on held-out prompts.
#include <QtTest>

#include <set>

#include <chattrain/generate.h>
#include <chattrain/ranking.h>
#include <chattrain/reward.h>
#include <chattrain/workflow.h>

#include "fixtures.h"

using namespace chattrain;

class TestReward : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void batch_row_zero_is_the_single_answer();
  void candidates_keep_provenance_and_continue_after_a_stop();
  void reward_model_learns_the_judge();
  void only_reward_checkpoints_score();

 private:
  QTemporaryDir dir_;
  std::unique_ptr<Project> project_;
  std::string parent_;
};

void TestReward::initTestCase() {
  project_ = std::make_unique<Project>(testing::make_small_project(dir_.filePath("p"), 1200));
  auto config = testing::tiny_pretrain_config(60);
  config.model.context_length = 64;
  parent_ = testing::pretrain(*project_, "base", config);
  QVERIFY(!parent_.empty());
}

void TestReward::batch_row_zero_is_the_single_answer() {
  auto generator = TextGenerator::load(parent_, project_->tokenizer_model(), "cpu");
  Conversation question{{{"user", "《静夜思》的作者是谁？"}}, "", 0};
  SamplingOptions greedy;
  greedy.temperature = 0;
  greedy.max_new_tokens = 12;
  const auto single = generator.chat(question, greedy);
  const auto batch = generator.chat_batch(question, greedy, 3);
  QCOMPARE(int(batch.size()), 3);
  for (const auto& row : batch) QCOMPARE(row.tokens, single.tokens);  // greedy: every row the same
  SamplingOptions sampled;
  sampled.temperature = 1.0;
  sampled.max_new_tokens = 12;
  sampled.seed = 5;
  const auto rows = generator.chat_batch(question, sampled, 4);
  QCOMPARE(rows[0].tokens, generator.chat(question, sampled).tokens);  // row i samples with seed + i
  std::set<std::vector<int>> distinct;
  for (const auto& r : rows) distinct.insert(r.tokens);
  QVERIFY(distinct.size() >= 3);
}

void TestReward::candidates_keep_provenance_and_continue_after_a_stop() {
  auto conversations = import_embedded_dialogues(true).conversations;
  conversations.resize(12);
  const auto set = add_prompt_set(*project_, "twelve", "test", prompts_from_conversations(conversations));
  CandidateJob job;
  job.set_id = set;
  job.checkpoint = parent_;
  job.answers_per_prompt = 3;
  job.sampling.max_new_tokens = 8;
  job.sampling.temperature = 0.9;
  job.device = "cpu";
  // Ten prompts' answers go in one batch. Stop once the first batch is stored: its prompts are kept.
  bool stop = false;
  const int first = generate_candidates(*project_, job, [&](int done, int) { stop = done >= 1; }, [&] { return !stop; });
  QCOMPARE(first, 10);
  QCOMPARE(int(project_->db().candidates_of_set(set).size()), 30);
  // Stop the next batch at its fourth token step: a prompt whose three answers had all ended is kept,
  // whole; the others are answered by the next run.
  int steps = 0;
  const int second = generate_candidates(*project_, job, {}, [&] { return ++steps < 4; });
  QVERIFY(second < 2);
  QCOMPARE(int(project_->db().candidates_of_set(set).size()), 30 + 3 * second);
  const int rest = generate_candidates(*project_, job, {}, {});
  QCOMPARE(second + rest, 2);
  const auto candidates = project_->db().candidates_of_set(set);
  QCOMPARE(int(candidates.size()), 36);
  std::set<std::uint64_t> seeds;
  for (const auto& c : candidates) {
    QCOMPARE(c.checkpoint, parent_);
    QCOMPARE(SamplingOptions::from_json(c.settings_json).temperature, 0.9);
    QVERIFY(c.stop_reason == "stop token" || c.stop_reason == "max tokens" || c.stop_reason == "context full");
    seeds.insert(c.seed);
  }
  QCOMPARE(int(seeds.size()), 36);
  QCOMPARE(generate_candidates(*project_, job, {}, {}), 0);  // nothing left to answer
  job.answers_per_prompt = 10;
  QVERIFY_EXCEPTION_THROWN(generate_candidates(*project_, job, {}, {}), Error);
}

void TestReward::reward_model_learns_the_judge() {
  // Demo prompts whose reference is a poem; four answers each, all made of the reference's own words
  // (so that learning which texts are good cannot stand in for learning form): the reference (judge
  // 1.0), its first line (form 1, fewer shared characters), its lines run together into one (form 0,
  // every character) and its characters without punctuation or line breaks (form 0, fewer shared
  // pairs of characters). The judge ranks them by form, the first two above the last two; the reward
  // model must learn that.
  const std::vector<PromptRecord> prompts = testing::short_poem_prompts();
  QVERIFY(prompts.size() > 150);
  std::vector<RankedAnswers> rankings;
  for (size_t i = 0; i < prompts.size(); ++i) {
    const std::string& reference = prompts[i].reference;
    RankedAnswers r;
    r.prompt = prompt_conversation(prompts[i]);
    QString bare = QString::fromStdString(reference);
    bare.remove(QRegularExpression("[，。\\n]"));
    r.answers = {reference, reference.substr(0, reference.find('\n')), testing::lines_run_together(reference), bare.toStdString()};
    std::vector<double> scores;
    for (const auto& a : r.answers) scores.push_back(rule_judge_score(r.prompt.messages.back().content, reference, a));
    r.ranks = ranks_from_scores(scores);
    r.annotator = rule_judge_name;
    rankings.push_back(r);
  }
  RewardJob job;
  job.run_dir = project_->run_dir("reward");
  job.parent_checkpoint = parent_;
  job.tokenizer_model = project_->tokenizer_model();
  job.pairs = expand_to_pairs(rankings);
  job.val_fraction = 0.2;
  job.config = default_reward_config();
  job.config.max_steps = 120;
  job.config.learning_rate = 2e-3;
  job.config.eval_interval = 20;
  job.config.checkpoint_interval = 0;
  job.config.device = "cpu";
  testing::RecordingObserver observer;
  StopToken stop;
  const auto outcome = run_reward(job, observer, stop);
  QCOMPARE(int(outcome.status), int(TrainOutcome::Status::Finished));
  const auto loss = observer.values("train/loss"), accuracy = observer.values("val/accuracy"), margin = observer.values("val/margin");
  
  auto mean = [](const std::vector<double>& v, size_t from, size_t to) {
    double s = 0;
    for (size_t i = from; i < to; ++i) s += v[i];
    return s / double(to - from);
  };
  qInfo("loss %.3f → %.3f, held-out accuracy %.3f → %.3f, margin %.3f → %.3f", mean(loss, 0, 20), mean(loss, 100, 120),
        accuracy.front(), accuracy.back(), margin.front(), margin.back());
  QVERIFY2(mean(loss, 100, 120) < mean(loss, 0, 20) - 0.2,
           qPrintable(QString("loss %1 → %2").arg(mean(loss, 0, 20)).arg(mean(loss, 100, 120))));
  QCOMPARE(int(accuracy.size()), 6);
  QVERIFY(accuracy.back() > accuracy.front());
  QVERIFY2(accuracy.back() > 0.8, qPrintable(QString("held-out accuracy %1").arg(accuracy.back())));
  QVERIFY(margin.back() > margin.front());

  // The trained model, loaded on its own, prefers the reference to its lines run together.
  auto model = RewardModel::load(outcome.checkpoint, project_->tokenizer_model(), "cpu");
  int right = 0;
  for (size_t i = 0; i < 40; ++i) {
    const auto scores = model.score(rankings[i].prompt, {rankings[i].answers[0], rankings[i].answers[2]});
    right += scores[0] > scores[1];
  }
  QVERIFY2(right >= 30, qPrintable(QString("%1 of 40").arg(right)));
}

void TestReward::only_reward_checkpoints_score() {
  try {
    RewardModel::load(parent_, project_->tokenizer_model(), "cpu");
    QFAIL("a pretraining checkpoint was accepted as a reward model");
  } catch (const Error& e) {
    QVERIFY(std::string(e.what()).find("not a reward model") != std::string::npos);
  }
}

QTEST_GUILESS_MAIN(TestReward)
#include "test_reward.moc"
