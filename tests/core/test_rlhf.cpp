// RLHF's arithmetic against hand-computed numbers (GAE, PPO's clipped losses, the KL controller, the
// DPO loss), and DPO on the demo task: the policy learns to prefer the chosen answers of held-out
// prompts over the rejected ones.
#include <QtTest>

#include <numeric>

#include <chattrain/ranking.h>
#include <chattrain/rlhf.h>
#include <chattrain/workflow.h>

#include "fixtures.h"
#include "model/safetensors.h"
#include "train/checkpoint.h"
#include "train/rl_math.h"

using namespace chattrain;

namespace {
torch::Tensor row(std::initializer_list<float> values) { return torch::tensor(std::vector<float>(values)).view({1, -1}); }
bool near(const torch::Tensor& got, const torch::Tensor& expected) { return torch::allclose(got, expected, 1e-5, 1e-6); }
}  // namespace

class TestRlhf : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void generalized_advantages_by_hand();
  void clipped_policy_loss_by_hand();
  void clipped_value_loss_by_hand();
  void kl_controller_moves_toward_the_target();
  void leave_one_out_baseline_by_hand();
  void group_normalised_scores_by_hand();
  void k3_kl_by_hand();
  void dpo_loss_by_hand();
  void sequence_log_probs_count_only_the_answer();
  void dpo_learns_the_preferences();
  void ppo_raises_a_toy_reward();
  void ppo_guard_stops_a_run_that_drifts();
  void ppo_guards_data();
  void ppo_guards();
  void ppo_resumes_exactly();
  void grpo_raises_a_toy_reward();
  void grpo_resumes_exactly();
  void grpo_needs_groups();
  void ppo_at_a_temperature_is_the_tempered_policy();
  void dpo_resume_keeps_its_settings();

 private:
  std::string tiny_parent(Project& project);
  DpoJob poem_dpo_job(Project& project, const std::string& parent, const std::string& run);
};

DpoJob TestRlhf::poem_dpo_job(Project& project, const std::string& parent, const std::string& run) {
  // Chosen: the reference poem; rejected: its lines run together.
  std::vector<RankedAnswers> rankings;
  for (const auto& p : testing::short_poem_prompts()) {
    RankedAnswers r;
    r.prompt = prompt_conversation(p);
    r.answers = {p.reference, testing::lines_run_together(p.reference)};
    r.ranks = {1, 2};
    rankings.push_back(r);
  }
  DpoJob job;
  job.run_dir = project.run_dir(run);
  job.parent_checkpoint = parent;
  job.tokenizer_model = project.tokenizer_model();
  job.pairs = expand_to_pairs(rankings);
  job.val_fraction = 0.2;
  job.config = default_dpo_config();
  job.config.learning_rate = 2e-3;
  job.config.sample_interval = 0;
  job.config.checkpoint_interval = 0;
  job.config.device = "cpu";
  return job;
}

std::string TestRlhf::tiny_parent(Project& project) {
  auto config = testing::tiny_pretrain_config(60);
  config.model.context_length = 64;
  return testing::pretrain(project, "base", config);
}

void TestRlhf::generalized_advantages_by_hand() {
  // γ = 1, λ = 0.9. Row 1: rewards (0, 0, 1), values (0.5, 0.2, 0.4):
  // A_2 = 1 − 0.4 = 0.6; A_1 = (0 + 0.4 − 0.2) + 0.9·0.6 = 0.74; A_0 = (0 + 0.2 − 0.5) + 0.9·0.74 = 0.366.
  // Row 2 ends after two tokens (mask 1, 1, 0): what lies past its end counts for nothing.
  const auto rewards = torch::cat({row({0, 0, 1}), row({0, 1, 5})});
  const auto values = torch::cat({row({0.5f, 0.2f, 0.4f}), row({0.1f, 0.3f, 9})});
  const auto mask = torch::cat({row({1, 1, 1}), row({1, 1, 0})});
  const auto [advantages, returns] = generalized_advantages(rewards, values, mask, 1.0, 0.9);
  QVERIFY(near(advantages, torch::cat({row({0.366f, 0.74f, 0.6f}), row({0.83f, 0.7f, 0})})));
  QVERIFY(near(returns, torch::cat({row({0.866f, 0.94f, 1.0f}), row({0.93f, 1.0f, 0})})));
  const auto white = masked_whiten(advantages, mask);
  QVERIFY(std::abs(masked_mean(white, mask).item<double>()) < 1e-6);
}

void TestRlhf::clipped_policy_loss_by_hand() {
  // ratios 1.5, 0.5, 1.1 with advantages 1, 1, −1 and ε = 0.2: terms max(−1.5, −1.2) = −1.2 (clipped),
  // max(−0.5, −0.8) = −0.5, max(1.1, 1.1) = 1.1 → loss −0.2; the clip acts on one token of three;
  // approx KL = mean((r − 1) − log r).
  const auto logp = row({std::log(1.5f), std::log(0.5f), std::log(1.1f)});
  const auto result = clipped_policy_loss(logp, torch::zeros_like(logp), row({1, 1, -1}), torch::ones_like(logp), 0.2);
  QVERIFY(std::abs(result.loss.item<double>() + 0.2) < 1e-6);
  QVERIFY(std::abs(result.clip_fraction - 1.0 / 3) < 1e-6);
  QVERIFY(std::abs(result.approx_kl - 0.0974573) < 1e-6);
}

void TestRlhf::clipped_value_loss_by_hand() {
  // V = (1, 0), V_old = (0.5, 0.5), R = (2, 0), ε = 0.2: the clipped values are (0.7, 0.3);
  // max((1 − 2)², (0.7 − 2)²) = 1.69 and max(0², 0.3²) = 0.09 → ½·mean = 0.445.
  const auto loss = clipped_value_loss(row({1, 0}), row({0.5f, 0.5f}), row({2, 0}), row({1, 1}), 0.2);
  QVERIFY2(std::abs(loss.item<double>() - 0.445) < 1e-6, qPrintable(QString::number(loss.item<double>())));
}

void TestRlhf::kl_controller_moves_toward_the_target() {
  AdaptiveKLController up(0.2, 6.0, 10000), down(0.2, 6.0, 10000);
  up.update(12.0, 256);   // twice the target: the error is clipped to +0.2 → 0.2·(1 + 0.2·256/10000)
  down.update(0.0, 256);  // none: −0.2
  QVERIFY(std::abs(up.value() - 0.201024) < 1e-12);
  QVERIFY(std::abs(down.value() - 0.198976) < 1e-12);
}

void TestRlhf::leave_one_out_baseline_by_hand() {
  // Groups of 3: (1, 2, 6) → 1 − 4, 2 − 3.5, 6 − 1.5; (0, 0, 3) → −1.5, −1.5, 3; a last group of one
  // (7) keeps its score.
  const auto got = leave_one_out_scores({1, 2, 6, 0, 0, 3, 7}, 3);
  const std::vector<double> want{-3, -1.5, 4.5, -1.5, -1.5, 3, 7};
  QCOMPARE(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) QVERIFY2(std::abs(got[i] - want[i]) < 1e-12, qPrintable(QString::number(i)));
  QCOMPARE(leave_one_out_scores({0.25, 0.5}, 1), (std::vector<double>{0.25, 0.5}));  // one answer a prompt: nothing to compare
}

void TestRlhf::dpo_loss_by_hand() {
  // β = 0.1, log π: chosen −10, rejected −12; reference −11 both. Implicit rewards 0.1 and −0.1;
  // loss −log σ(0.2) = log(1 + e^−0.2) = 0.598139.
  const auto terms = dpo_terms(torch::tensor({-10.0f}), torch::tensor({-12.0f}), torch::tensor({-11.0f}), torch::tensor({-11.0f}), 0.1);
  QVERIFY(std::abs(terms.losses.item<double>() - 0.5981389) < 1e-6);
  QVERIFY(std::abs(terms.chosen_rewards.item<double>() - 0.1) < 1e-6);
  QVERIFY(std::abs(terms.rejected_rewards.item<double>() + 0.1) < 1e-6);
}

void TestRlhf::sequence_log_probs_count_only_the_answer() {
  torch::manual_seed(3);
  const auto logits = torch::randn({2, 4, 5});
  const auto tokens = torch::tensor(std::vector<std::int64_t>{1, 2, 3, 4, 0, 1, 2, 3}).view({2, 4});
  const auto mask = torch::tensor(std::vector<float>{0, 0, 1, 1, 0, 1, 0, 0}).view({2, 4});
  const auto got = sequence_log_probs(logits, tokens, mask);
  const auto lp = logits.log_softmax(-1);
  // Row 0 scores tokens 3 and 4 (at positions 2 and 3, predicted from 1 and 2); row 1 scores token 1 at position 1.
  const double row0 = lp[0][1][3].item<double>() + lp[0][2][4].item<double>(), row1 = lp[1][0][1].item<double>();
  QVERIFY(std::abs(got[0].item<double>() - row0) < 1e-5);
  QVERIFY(std::abs(got[1].item<double>() - row1) < 1e-5);
}

void TestRlhf::dpo_learns_the_preferences() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  DpoJob job = poem_dpo_job(project, parent, "dpo");
  job.config.max_steps = 60;
  job.config.eval_interval = 20;
  testing::RecordingObserver observer;
  StopToken stop;
  const auto outcome = run_dpo(job, observer, stop);
  QCOMPARE(int(outcome.status), int(TrainOutcome::Status::Finished));
  const auto accuracy = observer.values("val/accuracy"), margin = observer.values("val/margin");
  const auto chosen = observer.values("val/chosen_logp"), rejected = observer.values("val/rejected_logp");
  QCOMPARE(int(accuracy.size()), 3);
  qInfo("held-out implicit-reward accuracy %.3f → %.3f, margin %.3f → %.3f, log p chosen %.1f → %.1f, rejected %.1f → %.1f",
        accuracy.front(), accuracy.back(), margin.front(), margin.back(), chosen.front(), chosen.back(), rejected.front(),
        rejected.back());
  QVERIFY(accuracy.back() > 0.8);  // at step 0 the policy is the reference: every implicit reward is 0
  QVERIFY(margin.back() > margin.front());
  QVERIFY(chosen.back() - rejected.back() > chosen.front() - rejected.front());
  QCOMPARE(read_checkpoint_info(outcome.checkpoint).stage, std::string("dpo"));
  QCOMPARE(read_checkpoint_info(outcome.checkpoint).parent, parent);
}

namespace {
// A toy reward: the share of the answer's characters that are "。" — checkable, and rare enough at the
// start that raising it takes learning.
double full_stops(const Conversation&, const std::string& answer) {
  const QString text = QString::fromStdString(answer);
  return text.isEmpty() ? 0.0 : double(text.count(QChar(0x3002))) / double(text.size());
}

PpoJob toy_job(Project& project, const std::string& parent, const std::string& run) {
  PpoJob job;
  job.run_dir = project.run_dir(run);
  job.policy_checkpoint = parent;
  job.reward_function = full_stops;
  job.tokenizer_model = project.tokenizer_model();
  for (const auto& c : import_embedded_dialogues(true).conversations) {
    Conversation prompt = c;
    prompt.messages.pop_back();  // the question only
    job.prompts.push_back(prompt);
    if (job.prompts.size() == 64) break;
  }
  job.config.iterations = 24;
  job.config.prompts_per_batch = 8;
  job.config.answers_per_prompt = 2;
  job.config.max_new_tokens = 16;
  job.config.learning_rate = 2e-3;
  job.config.checkpoint_interval = 0;
  job.config.device = "cpu";
  return job;
}
}  // namespace

void TestRlhf::group_normalised_scores_by_hand() {
  // Groups of 3: (1, 2, 6): mean 3, sample std √7 → (−2, −1, 3)/(√7 + 1e-4); (4, 4, 4): all alike → 0;
  // a last group of one (7) → 0.
  const auto got = group_normalised_scores({1, 2, 6, 4, 4, 4, 7}, 3);
  const double s = std::sqrt(7.0) + 1e-4;
  const std::vector<double> want{-2 / s, -1 / s, 3 / s, 0, 0, 0, 0};
  QCOMPARE(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) QVERIFY2(std::abs(got[i] - want[i]) < 1e-12, qPrintable(QString::number(i)));
}

void TestRlhf::k3_kl_by_hand() {
  // r = ref − logp: r = 0 → 0; r = ln 2 → 2 − ln 2 − 1; r = −1 → e⁻¹ + 1 − 1.
  const auto got = k3_kl(torch::tensor({-1.0, -2.0, -1.0}, torch::kFloat64), torch::tensor({-1.0, -2.0 + std::log(2.0), -2.0}, torch::kFloat64));
  QVERIFY(std::abs(got[0].item<double>()) < 1e-12);
  QVERIFY(std::abs(got[1].item<double>() - (1 - std::log(2.0))) < 1e-12);
  QVERIFY(std::abs(got[2].item<double>() - std::exp(-1.0)) < 1e-12);
}

void TestRlhf::ppo_raises_a_toy_reward() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  const PpoJob job = toy_job(project, parent, "ppo");
  testing::RecordingObserver observer;
  StopToken stop;
  const auto outcome = run_ppo(job, observer, stop);
  QVERIFY2(outcome.status == TrainOutcome::Status::Finished, outcome.message.english().c_str());
  const auto reward = observer.values("ppo/reward"), kl = observer.values("ppo/kl");
  QCOMPARE(int(reward.size()), 24);
  auto mean = [](const std::vector<double>& v, size_t from, size_t to) {
    return std::accumulate(v.begin() + long(from), v.begin() + long(to), 0.0) / double(to - from);
  };
  qInfo("toy reward %.3f → %.3f, KL %.2f → %.2f", mean(reward, 0, 4), mean(reward, 20, 24), mean(kl, 0, 4), mean(kl, 20, 24));
  QVERIFY(mean(reward, 20, 24) > mean(reward, 0, 4) + 0.05);
  QVERIFY(observer.values("ppo/clip_fraction").size() == 24);
  // Issue 22.3: each iteration says where its time went; the four shares make the whole, and each phase
  // took some of it (answering the most, here as in OpenRLHF's measurements: sampling token by token).
  const auto answering = observer.values("ppo/time_generation"), log_probs = observer.values("ppo/time_log_probs"),
             scoring = observer.values("ppo/time_scoring"), update = observer.values("ppo/time_update");
  QCOMPARE(int(answering.size()), 24);
  for (size_t i = 0; i < answering.size(); ++i) {
    QVERIFY2(std::abs(answering[i] + log_probs[i] + scoring[i] + update[i] - 1.0) < 1e-9, std::to_string(i).c_str());
    QVERIFY(answering[i] > 0 && log_probs[i] > 0 && scoring[i] > 0 && update[i] > 0);
  }
  qInfo("time: answering %.0f%%, log-probabilities %.0f%%, scoring %.0f%%, update %.0f%%", 100 * mean(answering, 0, 24),
        100 * mean(log_probs, 0, 24), 100 * mean(scoring, 0, 24), 100 * mean(update, 0, 24));
  QVERIFY(!observer.samples.empty() && observer.samples[0].find("[reward") != std::string::npos);
  QCOMPARE(read_checkpoint_info(outcome.checkpoint).stage, std::string("ppo"));
}

void TestRlhf::ppo_guard_stops_a_run_that_drifts() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  PpoJob job = toy_job(project, parent, "drift");
  job.config.learning_rate = 3e-2;  // far too large: the policy runs away from the reference
  job.config.kl_coef = 0.0;
  job.config.max_kl = 2.0;
  testing::RecordingObserver observer;
  StopToken stop;
  const auto outcome = run_ppo(job, observer, stop);
  QVERIFY2(outcome.status == TrainOutcome::Status::Diverged, outcome.message.english().c_str());
  qInfo("%s (after %lld iterations)", outcome.message.english().c_str(), static_cast<long long>(outcome.step));
  QVERIFY2(outcome.message.english().find("KL") != std::string::npos || outcome.message.english().find("collapsed") != std::string::npos ||
               outcome.message.english().find("NaN") != std::string::npos,
           outcome.message.english().c_str());
  QVERIFY(outcome.step < 24);
}

// At temperature T the policy is softmax(logits / T): its entropy is that distribution's (lower below 1),
// and before any update it is the reference at the same temperature (KL 0) with ratios of 1.
void TestRlhf::ppo_at_a_temperature_is_the_tempered_policy() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  std::map<double, double> entropy;
  for (double temperature : {1.0, 0.5}) {
    PpoJob job = toy_job(project, parent, "t" + std::to_string(int(temperature * 10)));
    job.config.iterations = 1;
    job.config.temperature = temperature;
    job.config.learning_rate = 0;  // the policy stays where it started
    testing::RecordingObserver observer;
    StopToken stop;
    QCOMPARE(int(run_ppo(job, observer, stop).status), int(TrainOutcome::Status::Finished));
    QVERIFY2(std::abs(observer.values("ppo/kl").at(0)) < 1e-4, std::to_string(observer.values("ppo/kl").at(0)).c_str());
    QVERIFY(std::abs(observer.values("ppo/approx_kl").at(0)) < 1e-6);
    QCOMPARE(observer.values("ppo/clip_fraction").at(0), 0.0);
    entropy[temperature] = observer.values("ppo/entropy").at(0);
  }
  qInfo("entropy per token: %.3f at temperature 1, %.3f at 0.5", entropy[1.0], entropy[0.5]);
  QVERIFY(entropy[0.5] < 0.8 * entropy[1.0]);
}

void TestRlhf::ppo_resumes_exactly() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  PpoJob whole = toy_job(project, parent, "whole");
  whole.config.iterations = 6;
  testing::RecordingObserver straight;
  StopToken stop;
  QCOMPARE(int(run_ppo(whole, straight, stop).status), int(TrainOutcome::Status::Finished));

  PpoJob halves = toy_job(project, parent, "halves");
  halves.config.iterations = 6;
  testing::RecordingObserver first, second;
  StopToken stop_first, stop_second;
  first.stop = &stop_first;
  first.stop_at_step = 3;  // Stop after iteration 3: a checkpoint is saved there
  const auto stopped = run_ppo(halves, first, stop_first);
  QCOMPARE(int(stopped.status), int(TrainOutcome::Status::Stopped));
  halves.resume = true;
  const auto resumed = run_ppo(halves, second, stop_second);
  QCOMPARE(int(resumed.status), int(TrainOutcome::Status::Finished));
  const auto expected = straight.values("ppo/reward"), got = second.values("ppo/reward");
  QCOMPARE(int(got.size()), 3);
  for (int i = 0; i < 3; ++i) QVERIFY2(std::abs(got[size_t(i)] - expected[size_t(i) + 3]) < 1e-9, qPrintable(QString("iteration %1").arg(i + 4)));
  QCOMPARE(second.values("train/loss").back(), straight.values("train/loss").back());
}

// GRPO on the toy reward: four answers a prompt, scored against each other, no value head.
void TestRlhf::grpo_raises_a_toy_reward() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  PpoJob job = toy_job(project, parent, "grpo");
  const PpoConfig grpo = default_grpo_config();
  job.config.answers_per_prompt = grpo.answers_per_prompt;
  job.config.kl_coef = grpo.kl_coef;
  job.config.prompts_per_batch = 4;  // as many rollouts as PPO's 8 × 2
  // Every token of an answer carries a group-normalised advantage of size ~1 (PPO's whitened GAE is spread
  // thinner): at PPO's 2e-3 the policy left the reference past the KL guard within 24 iterations.
  job.config.learning_rate = 5e-4;
  testing::RecordingObserver observer;
  StopToken stop;
  const auto outcome = run_grpo(job, observer, stop);
  QVERIFY2(outcome.status == TrainOutcome::Status::Finished, outcome.message.english().c_str());
  const auto reward = observer.values("grpo/reward");
  QCOMPARE(int(reward.size()), 24);
  auto mean = [](const std::vector<double>& v, size_t from, size_t to) {
    return std::accumulate(v.begin() + long(from), v.begin() + long(to), 0.0) / double(to - from);
  };
  qInfo("GRPO toy reward %.3f → %.3f, flat groups %.2f", mean(reward, 0, 4), mean(reward, 20, 24), mean(observer.values("grpo/flat_groups"), 0, 24));
  QVERIFY(mean(reward, 20, 24) > mean(reward, 0, 4) + 0.05);
  QVERIFY(observer.values("ppo/reward").empty() && observer.values("grpo/value_loss").empty());
  const auto info = read_checkpoint_info(outcome.checkpoint);
  QCOMPARE(info.stage, std::string("grpo"));
  QVERIFY(!load_safetensors(outcome.checkpoint + "/model.safetensors").empty());
  for (const auto& [name, tensor] : load_safetensors(outcome.checkpoint + "/model.safetensors"))
    QVERIFY2(name.find("score") == std::string::npos, name.c_str());  // no critic
}

void TestRlhf::grpo_resumes_exactly() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  PpoJob whole = toy_job(project, parent, "whole");
  whole.config.iterations = 6;
  whole.config.answers_per_prompt = 4;
  testing::RecordingObserver straight;
  StopToken stop;
  QCOMPARE(int(run_grpo(whole, straight, stop).status), int(TrainOutcome::Status::Finished));
  PpoJob halves = whole;
  halves.run_dir = project.run_dir("halves");
  testing::RecordingObserver first, second;
  StopToken stop_first, stop_second;
  first.stop = &stop_first;
  first.stop_at_step = 3;
  QCOMPARE(int(run_grpo(halves, first, stop_first).status), int(TrainOutcome::Status::Stopped));
  halves.resume = true;
  QCOMPARE(int(run_grpo(halves, second, stop_second).status), int(TrainOutcome::Status::Finished));
  const auto expected = straight.values("grpo/reward"), got = second.values("grpo/reward");
  QCOMPARE(int(got.size()), 3);
  for (int i = 0; i < 3; ++i) QVERIFY2(std::abs(got[size_t(i)] - expected[size_t(i) + 3]) < 1e-9, qPrintable(QString("iteration %1").arg(i + 4)));
  QCOMPARE(second.values("train/loss").back(), straight.values("train/loss").back());
}

void TestRlhf::grpo_needs_groups() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  PpoJob job = toy_job(project, tiny_parent(project), "alone");
  job.config.answers_per_prompt = 1;
  testing::RecordingObserver observer;
  StopToken stop;
  try {
    run_grpo(job, observer, stop);
    QFAIL("GRPO ran with one answer per prompt");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("at least twice (1 now)"), e.what());
  }
}

void TestRlhf::ppo_guards_data() {
  QTest::addColumn<bool>("finite");
  QTest::addColumn<double>("kl");
  QTest::addColumn<double>("length");
  QTest::addColumn<QStringList>("answers");
  QTest::addColumn<QString>("fires");  // a word of the message; empty: no guard fires
  const QStringList varied{"a", "b", "c", "d", "e", "f", "g", "h"};
  QTest::newRow("healthy") << true << 3.0 << 12.0 << varied << "";
  QTest::newRow("NaN loss") << false << 3.0 << 12.0 << varied << "NaN";
  QTest::newRow("infinite KL") << true << double(INFINITY) << 12.0 << varied << "NaN";
  QTest::newRow("KL above the bound") << true << 41.0 << 12.0 << varied << "too far";
  QTest::newRow("KL at the bound") << true << 40.0 << 12.0 << varied << "";
  QTest::newRow("answers of one token") << true << 3.0 << 1.2 << varied << "nothing";
  QTest::newRow("one answer for all") << true << 3.0 << 12.0 << QStringList(8, "a") << "a few";
  QTest::newRow("two answers in twelve") << true << 3.0 << 12.0 << QStringList(11, "a") + QStringList{"b"} << "a few";
  QTest::newRow("a quarter differ") << true << 3.0 << 12.0 << QStringList(7, "a") + QStringList{"b"} << "";
  QTest::newRow("too few answers to judge") << true << 3.0 << 12.0 << QStringList{"a", "a", "a", "a"} << "";
}

void TestRlhf::ppo_guards() {
  QFETCH(bool, finite);
  QFETCH(double, kl);
  QFETCH(double, length);
  QFETCH(QStringList, answers);
  QFETCH(QString, fires);
  RolloutHealth health{finite, 0.5, kl, length, {}};
  for (const auto& a : answers) health.answers.push_back(a.toStdString());
  const auto problem = rollout_guard(health, 40.0);
  const QString message = problem ? QString::fromStdString(problem->english()) : QString();
  if (fires.isEmpty()) QVERIFY2(message.isEmpty(), qPrintable(message));
  else QVERIFY2(message.contains(fires), qPrintable(message));
}

void TestRlhf::dpo_resume_keeps_its_settings() {
  // A run made with beta 0.5, the chosen answers' likelihood weighted 1 and first-against-last pairs,
  // stopped at step 4 and resumed by a job that says beta 0.05, weight 0 and all pairs, ends exactly
  // where the uninterrupted run ends: the run keeps its own settings.
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 1200);
  const std::string parent = tiny_parent(project);
  DpoJob whole = poem_dpo_job(project, parent, "whole");
  for (size_t i = 0, n = whole.pairs.size(); i < n; ++i) {  // a middle place: pairs first-last leaves out
    PreferencePair middle = whole.pairs[i];
    middle.rejected = "。";
    middle.first_against_last = false;
    whole.pairs.push_back(middle);
  }
  whole.beta = 0.5;
  whole.sft_weight = 1.0;
  whole.pair_choice = PairChoice::first_against_last;
  whole.config.max_steps = 8;
  whole.config.eval_interval = 0;
  testing::RecordingObserver straight;
  StopToken stop;
  QCOMPARE(int(run_dpo(whole, straight, stop).status), int(TrainOutcome::Status::Finished));

  DpoJob halves = whole;
  halves.run_dir = project.run_dir("halves");
  testing::RecordingObserver first, second;
  StopToken stop_first, stop_second;
  first.stop = &stop_first;
  first.stop_at_step = 4;
  QCOMPARE(int(run_dpo(halves, first, stop_first).status), int(TrainOutcome::Status::Stopped));
  halves.resume = true;
  halves.beta = 0.05;
  halves.sft_weight = 0;
  halves.pair_choice = PairChoice::all_ordered;
  QCOMPARE(int(run_dpo(halves, second, stop_second).status), int(TrainOutcome::Status::Finished));
  const auto expected = straight.values("train/loss"), got = second.values("train/loss");
  QCOMPARE(int(got.size()), 4);
  for (int i = 0; i < 4; ++i) QVERIFY2(std::abs(got[size_t(i)] - expected[size_t(i) + 4]) < 1e-6, qPrintable(QString("step %1").arg(i + 5)));
}

QTEST_GUILESS_MAIN(TestRlhf)
#include "test_rlhf.moc"
