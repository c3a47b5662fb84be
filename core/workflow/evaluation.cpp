// Evaluation: how a reward model sees a prompt set, and checkpoints compared on held-out prompts.
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "chattrain/evaluation.h"
#include "chattrain/ranking.h"
#include "chattrain/workflow.h"
#include "data/dialogue_records.h"
#include "data/json_records.h"
#include "util/fs.h"
#include "util/translatable.h"
#include "workflow/prompt_set_contents.h"

namespace chattrain {

using nlohmann::json;

RewardDiagnostics diagnose_reward_model(Project& project, const std::string& checkpoint, std::int64_t set_id,
                                        const std::function<bool(int, int)>& progress, const std::string& device) {
  RewardModel model = RewardModel::load(checkpoint, project.tokenizer_model(), device);
  const PromptSetContents set(project, set_id);
  RewardDiagnostics out;
  std::map<std::int64_t, double> reward_of;  // candidate id → reward
  int done = 0;
  for (const auto& [prompt_id, candidates] : set.candidates) {
    const Conversation prompt = prompt_conversation(set.prompts.at(prompt_id));
    std::vector<std::string> texts;
    for (const auto& c : candidates) texts.push_back(c.text);
    const auto rewards = model.score(prompt, texts);
    for (size_t i = 0; i < candidates.size(); ++i) {
      reward_of[candidates[i].id] = rewards[i];
      out.answers.push_back({candidates[i].id, prompt.messages.back().content, candidates[i].text, rewards[i],
                             character_count(candidates[i].text)});
    }
    if (progress && !progress(++done, int(set.candidates.size()))) throw Cancelled();
  }
  std::sort(out.answers.begin(), out.answers.end(), [](const ScoredAnswer& a, const ScoredAnswer& b) { return a.reward > b.reward; });
  // Pearson's r of reward and length.
  const double n = double(out.answers.size());
  double mean_r = 0, mean_l = 0;
  for (const auto& a : out.answers) mean_r += a.reward / n, mean_l += a.characters / n;
  double cov = 0, var_r = 0, var_l = 0;
  for (const auto& a : out.answers) {
    cov += (a.reward - mean_r) * (a.characters - mean_l);
    var_r += (a.reward - mean_r) * (a.reward - mean_r);
    var_l += (a.characters - mean_l) * (a.characters - mean_l);
  }
  out.length_correlation = var_r > 0 && var_l > 0 ? cov / std::sqrt(var_r * var_l) : std::nan("");
  std::map<std::string, std::pair<int, int>> agree;  // annotator → (pairs, ordered the same way)
  for (const auto& r : set.rankings) {
    if (r.skipped) continue;
    const auto& candidates = set.candidates.at(r.prompt_id);
    const auto ranks = ranks_of(r, candidates);
    for (size_t i = 0; i < candidates.size(); ++i)
      for (size_t j = 0; j < candidates.size(); ++j)
        if (ranks[i] > 0 && ranks[j] > 0 && ranks[i] < ranks[j]) {
          auto& [pairs, right] = agree[r.annotator];
          ++pairs;
          right += reward_of[candidates[i].id] > reward_of[candidates[j].id];
        }
  }
  for (const auto& [annotator, counts] : agree)
    out.per_annotator.push_back({annotator, counts.first, double(counts.second) / counts.first});
  return out;
}

namespace {
double mean_of_numbers(const std::vector<double>& values) {  // NaN (no score) left out
  double sum = 0;
  int n = 0;
  for (double v : values)
    if (std::isfinite(v)) sum += v, ++n;
  return n > 0 ? sum / n : std::nan("");
}
}  // namespace

Evaluation evaluate_checkpoints(Project& project, const std::vector<std::string>& checkpoints, std::int64_t set_id,
                                const std::string& reward_checkpoint, int count, const SamplingOptions& sampling,
                                const std::function<bool(int, int)>& progress, const std::string& device, int samples_per_prompt) {
  if (samples_per_prompt < 1 || samples_per_prompt > 64)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "answers per prompt for an evaluation must be from 1 to 64, not %1"),
                        {std::to_string(samples_per_prompt)}));
  auto prompts = project.db().prompts(set_id);
  if (int(prompts.size()) > count) prompts.resize(size_t(count));
  if (prompts.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "the prompt set is empty")));
  Evaluation out;
  for (const auto& s : project.db().prompt_sets())
    if (s.id == set_id) out.prompt_set = s.name;
  out.reward_checkpoint = reward_checkpoint;
  out.sampling_json = sampling.to_json();
  out.samples_per_prompt = samples_per_prompt;
  out.created_at = now_iso();
  std::set<std::string> elsewhere;  // the messages of every other set's prompts
  for (const auto& s : project.db().prompt_sets())
    if (s.id != set_id)
      for (const auto& p : project.db().prompts(s.id)) elsewhere.insert(p.messages_json);
  for (const auto& p : prompts) {
    out.prompts.push_back(prompt_conversation(p).messages.back().content);
    out.references.push_back(p.reference);
    out.prompts_seen_elsewhere += int(elsewhere.count(p.messages_json));
  }
  const auto no_score = [&] { return std::vector<double>(size_t(samples_per_prompt), std::nan("")); };
  const int total = int(checkpoints.size() * prompts.size());
  int done = 0;
  std::vector<std::vector<std::vector<std::string>>> answers_of;  // [checkpoint][prompt][sample]
  std::vector<std::vector<std::vector<double>>> rewards_of, forms_of;  // the same, the reward model's and the form's scores
  std::optional<TextGenerator> first;  // kept: the KL of every other checkpoint's answers is taken against it
  for (const auto& checkpoint : checkpoints) {
    TextGenerator generator = TextGenerator::load(checkpoint, project.tokenizer_model(), device);
    CheckpointScore score;
    score.checkpoint = checkpoint;
    score.stage = generator.checkpoint().stage;
    score.answers = int(prompts.size());
    auto& answers = answers_of.emplace_back();
    forms_of.emplace_back(prompts.size());
    for (size_t i = 0; i < prompts.size(); ++i) {
      SamplingOptions options = sampling;
      // Every checkpoint gets the same seeds for a prompt; with one answer per prompt, seed + i as chat() had.
      options.seed = sampling.seed + std::uint64_t(i) * std::uint64_t(samples_per_prompt);
      auto& texts = answers.emplace_back();
      std::vector<std::vector<int>> tokens;
      for (auto& r : generator.chat_batch(prompt_conversation(prompts[i]), options, samples_per_prompt)) {
        texts.push_back(std::move(r.text));
        tokens.push_back(std::move(r.tokens));
      }
      // KL(this checkpoint ‖ the first) at the sampling temperature, estimated on this checkpoint's own
      // answers: the mean over them of log p_this − log p_first (nats per answer), as PPO's KL is.
      if (first) {
        const Conversation conversation = prompt_conversation(prompts[i]);
        const auto own = generator.answer_log_probs(conversation, tokens, sampling.temperature);
        const auto theirs = first->answer_log_probs(conversation, tokens, sampling.temperature);
        double kl = 0;
        for (size_t a = 0; a < own.size(); ++a) kl += (own[a] - theirs[a]) / double(own.size());
        score.kls.push_back(kl);
      } else {
        score.kls.push_back(0.0);
      }
      score.answer_texts.push_back(texts.front());
      auto& forms = forms_of.back()[i];
      std::vector<double> judges;
      for (const auto& answer : texts) {
        const JudgeScore judge = rule_judge(out.prompts[i], prompts[i].reference, answer);
        judges.push_back(prompts[i].reference.empty() ? std::nan("") : judge.total());
        forms.push_back(prompts[i].reference.empty() ? std::nan("") : judge.form);
        score.mean_characters += character_count(answer) / double(prompts.size() * texts.size());
      }
      score.judges.push_back(mean_of_numbers(judges));
      score.forms.push_back(mean_of_numbers(forms));
      score.rewards.push_back(std::nan(""));
      if (progress && !progress(++done, total)) throw Cancelled();
    }
    rewards_of.emplace_back(prompts.size(), no_score());
    out.scores.push_back(std::move(score));
    if (!first) first.emplace(std::move(generator));
  }
  first.reset();
  if (!reward_checkpoint.empty()) {  // loaded once, after the generators are gone
    RewardModel model = RewardModel::load(reward_checkpoint, project.tokenizer_model(), device);
    for (size_t i = 0; i < prompts.size(); ++i) {  // one batch per prompt: every checkpoint's answers to it
      std::vector<std::string> to_score;
      for (const auto& answers : answers_of) to_score.insert(to_score.end(), answers[i].begin(), answers[i].end());
      const auto rewards = model.score(prompt_conversation(prompts[i]), to_score);
      size_t next = 0;
      for (size_t k = 0; k < out.scores.size(); ++k) {
        for (auto& r : rewards_of[k][i]) r = rewards[next++];
        out.scores[k].rewards[i] = mean_of_numbers(rewards_of[k][i]);
      }
    }
  }
  for (auto& s : out.scores)
    s.mean_reward = mean_of_numbers(s.rewards), s.mean_judge = mean_of_numbers(s.judges), s.mean_form = mean_of_numbers(s.forms),
    s.mean_kl = mean_of_numbers(s.kls);
  int right = 0;
  for (size_t i = 0; i < prompts.size(); ++i) {
    std::vector<std::pair<double, double>> answers;  // (form, reward) of every answer to prompt i
    for (size_t k = 0; k < out.scores.size(); ++k)
      for (size_t a = 0; a < forms_of[k][i].size(); ++a) answers.push_back({forms_of[k][i][a], rewards_of[k][i][a]});
    for (const auto& [form_a, reward_a] : answers)
      for (const auto& [form_b, reward_b] : answers)
        if (std::isfinite(form_a) && std::isfinite(form_b) && std::isfinite(reward_a) && std::isfinite(reward_b) && form_a > form_b + 1e-9)
          ++out.form_decided_pairs, right += reward_a > reward_b;
  }
  out.form_decided_accuracy = out.form_decided_pairs > 0 ? double(right) / out.form_decided_pairs : std::nan("");
  return out;
}

PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    if (std::isfinite(a[i]) && std::isfinite(b[i])) d.push_back(a[i] - b[i]);
  PairedDifference out;
  out.count = int(d.size());
  if (d.empty()) return {std::nan(""), std::nan(""), 0};
  for (double x : d) out.mean += x / double(d.size());
  double variance = 0;
  for (double x : d) variance += (x - out.mean) * (x - out.mean);
  out.standard_error = d.size() > 1 ? std::sqrt(variance / double(d.size() - 1) / double(d.size())) : std::nan("");
  return out;
}

namespace {
// NaN (no score) is written as null: JSON has no NaN.
json numbers_json(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(std::isfinite(v) ? json(v) : json(nullptr));
  return out;
}
std::vector<double> numbers_from_json(const json& array) {
  std::vector<double> out;
  for (const auto& v : array) out.push_back(v.is_number() ? v.get<double>() : std::nan(""));
  return out;
}
}  // namespace

std::string Evaluation::to_json() const {
  json scores_json = json::array();
  for (const auto& s : scores)
    scores_json.push_back({{"checkpoint", s.checkpoint}, {"stage", s.stage}, {"answers", s.answer_texts},
                           {"rewards", numbers_json(s.rewards)}, {"judges", numbers_json(s.judges)},
                           {"forms", numbers_json(s.forms)}, {"kls", numbers_json(s.kls)}, {"mean_characters", s.mean_characters}});
  return json{{"prompt_set", prompt_set}, {"reward_checkpoint", reward_checkpoint}, {"sampling", json::parse(sampling_json)},
              {"samples_per_prompt", samples_per_prompt}, {"form_decided_pairs", form_decided_pairs},
              {"form_decided_accuracy", std::isfinite(form_decided_accuracy) ? json(form_decided_accuracy) : json(nullptr)}, {"created_at", created_at}, {"prompts", prompts}, {"references", references},
              {"prompts_seen_elsewhere", prompts_seen_elsewhere}, {"scores", scores_json}}
      .dump(1);
}

Evaluation Evaluation::from_json(const std::string& text) {
  const json j = json::parse(text);
  Evaluation out;
  out.prompt_set = j.at("prompt_set");
  out.reward_checkpoint = j.at("reward_checkpoint");
  out.sampling_json = j.at("sampling").dump();
  out.samples_per_prompt = j.value("samples_per_prompt", 1);  // evaluations before it had one answer per prompt
  out.form_decided_pairs = j.value("form_decided_pairs", 0);
  out.form_decided_accuracy = j.contains("form_decided_accuracy") && j["form_decided_accuracy"].is_number() ? j["form_decided_accuracy"].get<double>() : std::nan("");
  out.created_at = j.at("created_at");
  out.prompts = j.at("prompts").get<std::vector<std::string>>();
  out.references = j.at("references").get<std::vector<std::string>>();
  out.prompts_seen_elsewhere = j.at("prompts_seen_elsewhere");
  for (const auto& s : j.at("scores")) {
    CheckpointScore score;
    score.checkpoint = s.at("checkpoint");
    score.stage = s.at("stage");
    score.answer_texts = s.at("answers").get<std::vector<std::string>>();
    score.answers = int(score.answer_texts.size());
    score.rewards = numbers_from_json(s.at("rewards"));
    score.judges = numbers_from_json(s.at("judges"));
    // Evaluations written before the judge reported its form: unknown, not zero.
    score.forms = s.contains("forms") ? numbers_from_json(s.at("forms")) : std::vector<double>(score.judges.size(), std::nan(""));
    // Evaluations written before the KL was measured: unknown.
    score.kls = s.contains("kls") ? numbers_from_json(s.at("kls")) : std::vector<double>(score.judges.size(), std::nan(""));
    score.mean_kl = mean_of_numbers(score.kls);
    score.mean_characters = s.at("mean_characters");
    score.mean_reward = mean_of_numbers(score.rewards);
    score.mean_judge = mean_of_numbers(score.judges);
    score.mean_form = mean_of_numbers(score.forms);
    out.scores.push_back(std::move(score));
  }
  return out;
}

}  // namespace chattrain
