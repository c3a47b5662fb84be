#pragma once
// Evaluation on a project, shared by the CLI, the studio and the demo pipeline: how a reward model sees
// a prompt set, and checkpoints compared on the same prompts with standard errors.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "chattrain/generate.h"
#include "chattrain/project.h"

namespace chattrain {

// How a reward model sees a set: every candidate scored; how reward follows answer length (a reward
// model that just likes long answers is the classic failure); and per annotator, the share of their
// ranked pairs the model orders their way.
struct ScoredAnswer {
  std::int64_t candidate_id = 0;
  std::string prompt, answer;  // prompt: its last user turn
  double reward = 0;
  int characters = 0;
};
struct AnnotatorAccuracy {
  std::string annotator;
  int pairs = 0;
  double accuracy = 0;
};
struct RewardDiagnostics {
  std::vector<ScoredAnswer> answers;  // highest reward first
  double length_correlation = 0;      // Pearson's r of reward and characters; NaN with < 2 answers
  std::vector<AnnotatorAccuracy> per_annotator;
};
RewardDiagnostics diagnose_reward_model(Project& project, const std::string& checkpoint, std::int64_t set_id,
                                        const std::function<bool(int done, int total)>& progress = {},
                                        const std::string& device = "auto");

// Scores checkpoints on the first `count` prompts of a set: each answers every prompt (the same
// sampling settings and seeds for all), and the answers are scored by the reward model (when one is
// named) and by the rule-based judge against the prompts' reference answers (when they have them).
// The evidence that a stage helped: compare SFT with PPO and DPO on prompts no stage trained on.
// With samples_per_prompt > 1 each prompt is answered that many times (one batch, seeds in a row) and
// its scores are the means over its answers: a sampled answer is noisy, and a prompt's mean is what
// tells two checkpoints apart.
struct CheckpointScore {
  std::string checkpoint, stage;
  int answers = 0;
  double mean_reward = 0;  // NaN without a reward model
  double mean_judge = 0;   // NaN without reference answers
  double mean_form = 0;    // the judge's checkable metric (JudgeScore::form); NaN without reference answers
  double mean_characters = 0;
  // KL to the first checkpoint (nats per answer, at the sampling temperature), estimated on this
  // checkpoint's answers: how far a stage moved from SFT. 0 for the first; NaN in older evaluations.
  double mean_kl = 0;
  std::vector<std::string> answer_texts;    // one per prompt (its first answer), in the evaluation's prompt order
  std::vector<double> rewards, judges, forms, kls;  // per prompt, the mean over its answers; NaN where there is no score
};
struct Evaluation {
  std::string prompt_set, reward_checkpoint, sampling_json, created_at;
  int samples_per_prompt = 1;
  std::vector<std::string> prompts, references;  // each prompt's last user turn and its reference answer
  // Evaluation prompts that also appear in another prompt set of the project (so a stage may have
  // trained on them); 0 means the evaluation is on held-out prompts.
  int prompts_seen_elsewhere = 0;
  // Held-out accuracy of the reward model where the judge's form decides: over every two answers to one
  // prompt (any checkpoints') whose forms differ, the share the reward model orders the same way.
  int form_decided_pairs = 0;
  double form_decided_accuracy = 0;  // NaN without a reward model, references or such pairs
  std::vector<CheckpointScore> scores;
  std::string to_json() const;
  static Evaluation from_json(const std::string& json);
};
Evaluation evaluate_checkpoints(Project& project, const std::vector<std::string>& checkpoints, std::int64_t set_id,
                                const std::string& reward_checkpoint, int count, const SamplingOptions& sampling,
                                const std::function<bool(int done, int total)>& progress = {}, const std::string& device = "auto",
                                int samples_per_prompt = 1);

// The mean of a − b over the prompts where both are numbers, with its standard error (paired: the
// same prompts and seeds, so prompt difficulty cancels out).
struct PairedDifference {
  double mean = 0, standard_error = 0;
  int count = 0;
};
PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace chattrain
