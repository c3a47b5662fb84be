// chattrain ppo and chattrain grpo: improve a fine-tuned model against a reward model (or the demo's rule-based judge).
#include <chattrain/chat.h>
#include <chattrain/distributed.h>
#include <chattrain/ranking.h>
#include <chattrain/rlhf.h>

#include "command.h"

namespace chattrain::cli {

namespace {

struct PpoFlags {
  Stage stage = Stage::Ppo;  // or Grpo: the same flags, other defaults
  TrainingFlags training;
  std::string set, parent, reward, judge;
  PpoConfig config;
};

int train_ppo(Project& project, PpoFlags flags) {
  if (const auto launched = flags.training.start_processes()) return *launched;
  if (flags.set.empty()) {
    const auto sets = project.db().prompt_sets();
    if (sets.empty()) throw Error(std::string(stage_name(flags.stage)) + " needs prompts: add some (chattrain prompts demo)");
    flags.set = project.db().prompt_set(demo_ranking_set) ? demo_ranking_set : sets.front().name;
  }
  PpoJob job;
  const auto prompts = project.db().prompts(prompt_set_id(project, flags.set));
  for (const auto& p : prompts) job.prompts.push_back(prompt_conversation(p));
  const bool judge_rules = !flags.judge.empty();
  if (judge_rules) {
    job.reward_function = rule_judge_reward(prompts);
  } else {
    job.reward_checkpoint = flags.reward.empty() ? newest_checkpoint_or_any(project, Stage::Reward) : flags.reward;
    if (read_checkpoint_info(job.reward_checkpoint).stage != stage_name(Stage::Reward))
      throw Error("no reward model yet: train one (chattrain reward), give --reward, or --judge rules for the demo");
  }
  const auto& training = flags.training;
  flags.config.device = training.device;
  if (training.max_steps > 0) flags.config.iterations = training.max_steps;
  if (training.learning_rate > 0) flags.config.learning_rate = training.learning_rate;
  job.config = flags.config;
  job.tokenizer_model = project.tokenizer_model();
  job.resume = training.resume;
  job.policy_checkpoint = training.resume ? "" : (flags.parent.empty() ? newest_checkpoint_or_any(project, Stage::Sft) : flags.parent);
  std::printf("%zu prompts of %s; reward: %s%s\n", job.prompts.size(), flags.set.c_str(),
              judge_rules ? "the rule-based judge (for demos and tests only)" : job.reward_checkpoint.c_str(),
              job.policy_checkpoint.empty() ? "" : (", from (and against) " + job.policy_checkpoint).c_str());
  if (!job.policy_checkpoint.empty()) {
    const int context = read_checkpoint_info(job.policy_checkpoint).model.context_length;
    print_context_fit(prompts_context_fit(job.prompts, Tokenizer::load(job.tokenizer_model), context, job.config.max_new_tokens),
                      context, "prompts (with room for an answer)");
  }
  return run_training(project, flags.stage, training, job.policy_checkpoint, job.config.to_json(), job,
                      flags.stage == Stage::Grpo ? run_grpo : run_ppo);
}

}  // namespace

namespace {
void add_online_rl_command(CLI::App& app, Commands& commands, Stage stage) {
  auto flags = std::make_shared<PpoFlags>();
  flags->stage = stage;
  const bool grpo = stage == Stage::Grpo;
  if (grpo) flags->config = default_grpo_config();
  auto& config = flags->config;
  const std::string name = grpo ? "GRPO" : "PPO";
  auto* cmd = grpo ? app.add_subcommand("grpo", "Improve a fine-tuned model against a reward model with GRPO: groups of answers per "
                                                "prompt scored against each other, no value head")
                   : app.add_subcommand("ppo", "Improve a fine-tuned model against a reward model with PPO");
  cmd->add_option("--prompts", flags->set, "Prompt set to answer (default: poem-prompts)");
  cmd->add_option("--from", flags->parent, "SFT checkpoint to start from and stay near (default: the newest SFT checkpoint)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--reward", flags->reward, "Reward model checkpoint (default: the newest)")->check(CLI::ExistingDirectory);
  cmd->add_option("--judge", flags->judge, "rules: reward with the rule-based judge instead, FOR DEMOS AND TESTS ONLY")
      ->check(CLI::IsMember({"rules"}));
  cmd->add_option("--iterations", flags->training.max_steps, "Rollout batches (default 100; with --resume: ignored)");
  cmd->add_option("--lr", flags->training.learning_rate, "Learning rate (default 0.0001)");
  cmd->add_option("--prompts-per-batch", config.prompts_per_batch, "Prompts per rollout batch")->capture_default_str();
  cmd->add_option("--answers-per-prompt", config.answers_per_prompt, "Answers per prompt")->capture_default_str();
  if (!grpo)  // GRPO's advantage is always against the group
    cmd->add_flag("!--no-prompt-baseline", config.per_prompt_baseline,
                  "Score answers as they are, not against the other answers to the same prompt");
  cmd->add_option("--max-tokens", config.max_new_tokens, "Longest answer")->capture_default_str();
  cmd->add_option("--temperature", config.temperature, "The policy's sampling temperature (ratios and KL use the same)")
      ->capture_default_str();
  if (grpo) {
    cmd->add_option("--kl-coef", config.kl_coef, "β of the KL term in the loss (fixed)")->capture_default_str();
  } else {
    cmd->add_option("--kl-coef", config.kl_coef, "Initial KL penalty (adapted toward --kl-target)")->capture_default_str();
    cmd->add_option("--kl-target", config.kl_target, "KL per answer the controller aims at")->capture_default_str();
    cmd->add_option("--value-lr-scale", config.value_lr_scale, "The value head's learning rate as a multiple of --lr")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    cmd->add_option("--gae-lambda", config.lambda, "How far the answer's score reaches back to earlier tokens past the value head's "
                                                   "estimates (1: fully)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
  }
  cmd->add_option("--seed", config.seed, "Seed of the rollouts and minibatches")->capture_default_str();
  cmd->add_option("--device", flags->training.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  cmd->add_option("--run", flags->training.run_id, "Name of the new run (default: " + std::string(stage_name(stage)) + "-<date>-<time>)");
  cmd->add_flag("--resume", flags->training.resume, "Continue the newest " + name + " run (or --run NAME) exactly; give the same --prompts");
  flags->training.add_processes_flag(cmd);  // each process answers its share of the prompts
  commands.push_back({cmd, in_project([flags](Project& project) { return train_ppo(project, *flags); })});
}
}  // namespace

void add_ppo_command(CLI::App& app, Commands& commands) {
  add_online_rl_command(app, commands, Stage::Ppo);
  add_online_rl_command(app, commands, Stage::Grpo);
}

}  // namespace chattrain::cli
