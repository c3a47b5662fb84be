// Training on the rankings: chattrain reward (a reward model) and chattrain dpo.
#include <chattrain/chat.h>
#include <chattrain/preference.h>
#include <chattrain/ranking.h>
#include <chattrain/reward.h>
#include <chattrain/rlhf.h>

#include "command.h"

namespace chattrain::cli {

namespace {

struct PairFlags {
  TrainingFlags training;
  std::vector<std::string> sets;
  std::string parent;
  double beta = 0.1, sft_weight = 0;  // DPO only
  std::string pair_choice = "all";  // DPO only
};

// The ranked pairs of the named prompt sets (none named: every set), as the reward model and DPO read them.
std::vector<PreferencePair> ranked_pairs(Project& project, std::vector<std::string> sets, size_t* ranking_count) {
  if (sets.empty())
    for (const auto& s : project.db().prompt_sets()) sets.push_back(s.name);
  std::vector<RankedAnswers> rankings;
  for (const auto& name : sets) {
    auto more = ranked_answers(project, prompt_set_id(project, name));
    rankings.insert(rankings.end(), more.begin(), more.end());
  }
  *ranking_count = rankings.size();
  auto pairs = expand_to_pairs(rankings);
  if (pairs.empty()) throw Error("there are no ranked pairs to train on: rank some answers first (studio: Ranking page)");
  return pairs;
}

// A new run's pairs (those it learns from) against its context (a resumed run was told when it started).
template <class Job>
void print_pairs_fit(const Job& job, const std::vector<PreferencePair>& pairs) {
  if (job.parent_checkpoint.empty()) return;
  const int context = training_context(job.config, job.parent_checkpoint);
  print_context_fit(pairs_context_fit(pairs, Tokenizer::load(job.tokenizer_model), context), context, "pairs");
}

int train_reward_model(Project& project, const PairFlags& flags) {
  if (const auto launched = flags.training.start_processes()) return *launched;
  size_t rankings = 0;
  RewardJob job;
  job.pairs = ranked_pairs(project, flags.sets, &rankings);
  job.config = default_reward_config();
  flags.training.apply_overrides(job.config);
  job.tokenizer_model = project.tokenizer_model();
  job.resume = flags.training.resume;
  job.resume_max_steps = flags.training.resume ? flags.training.max_steps : 0;
  if (!flags.training.resume) job.parent_checkpoint = flags.parent.empty() ? newest_checkpoint_or_any(project, Stage::Sft) : flags.parent;
  std::printf("%zu rankings → %zu pairs%s\n", rankings, job.pairs.size(),
              job.parent_checkpoint.empty() ? "" : (", from " + job.parent_checkpoint).c_str());
  print_pairs_fit(job, job.pairs);
  return run_training(project, Stage::Reward, flags.training, job.parent_checkpoint, job.config.to_json(), job, run_reward);
}

int train_dpo(Project& project, const PairFlags& flags) {
  if (const auto launched = flags.training.start_processes()) return *launched;
  size_t rankings = 0;
  DpoJob job;
  job.pairs = ranked_pairs(project, flags.sets, &rankings);
  job.beta = flags.beta;
  job.sft_weight = flags.sft_weight;
  job.pair_choice = parse_pair_choice(flags.pair_choice);
  job.config = default_dpo_config();
  job.config.sample_prompt = demo_sample_question;
  flags.training.apply_overrides(job.config);
  job.tokenizer_model = project.tokenizer_model();
  job.resume = flags.training.resume;
  job.resume_max_steps = flags.training.resume ? flags.training.max_steps : 0;
  if (!flags.training.resume) job.parent_checkpoint = flags.parent.empty() ? newest_checkpoint_or_any(project, Stage::Sft) : flags.parent;
  std::printf("%zu rankings → %zu pairs, β %g%s\n", rankings, job.pairs.size(), flags.beta,
              job.parent_checkpoint.empty() ? "" : (", from (and against) " + job.parent_checkpoint).c_str());
  print_pairs_fit(job, choose_pairs(job.pairs, job.pair_choice));  // first-last keeps fewer
  return run_training(project, Stage::Dpo, flags.training, job.parent_checkpoint, dpo_settings_json(job), job, run_dpo);
}

}  // namespace

void add_preference_commands(CLI::App& app, Commands& commands) {
  auto reward = std::make_shared<PairFlags>();
  auto* reward_cmd = app.add_subcommand("reward", "Train a reward model on the rankings");
  reward_cmd->add_option("--prompts", reward->sets, "Prompt sets whose rankings to use (default: all)");
  reward_cmd->add_option("--from", reward->parent, "Checkpoint to start from (default: the newest SFT checkpoint)")->check(CLI::ExistingDirectory);
  reward->training.add_stage_flags(reward_cmd, Stage::Reward, "0.0003", "Pairs per micro-batch (default 16)", "; choose the same --prompts");
  commands.push_back({reward_cmd, in_project([reward](Project& project) { return train_reward_model(project, *reward); })});

  auto dpo = std::make_shared<PairFlags>();
  auto* dpo_cmd = app.add_subcommand("dpo", "Improve a fine-tuned model directly from the ranked pairs (DPO), against a frozen copy of it");
  dpo_cmd->add_option("--prompts", dpo->sets, "Prompt sets whose rankings to use (default: all)");
  dpo_cmd->add_option("--from", dpo->parent, "SFT checkpoint to start from and stay near (default: the newest SFT checkpoint)")
      ->check(CLI::ExistingDirectory);
  dpo_cmd->add_option("--beta", dpo->beta, "How close to stay to the starting model: larger stays closer")->capture_default_str();
  dpo_cmd->add_option("--sft-weight", dpo->sft_weight, "Weight of the chosen answers' own likelihood in the loss (0: plain DPO)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  dpo_cmd->add_option("--pairs", dpo->pair_choice,
                      "Which pairs of each ranking to learn from: all (every better/worse pair) or first-last (first place against last)")
      ->check(CLI::IsMember({"all", "first-last"}))
      ->capture_default_str();
  dpo->training.add_stage_flags(dpo_cmd, Stage::Dpo, "0.0001", "Pairs per micro-batch (default 8)", "; choose the same --prompts");
  commands.push_back({dpo_cmd, in_project([dpo](Project& project) { return train_dpo(project, *dpo); })});
}

}  // namespace chattrain::cli
