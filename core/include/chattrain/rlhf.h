#pragma once
// The last stage of the recipe: improving the fine-tuned model from preferences. DPO trains the policy
// directly on ranked pairs against a frozen copy of its starting point (the reference).
#include <functional>
#include <string>
#include <vector>

#include "chattrain/preference.h"
#include "chattrain/train.h"

namespace chattrain {

// DPO starts from a fine-tuned model, so its steps are small; β sets how far the policy may move from
// the reference (larger: stays closer).
TrainingConfig default_dpo_config();

struct DpoJob {
  std::string run_dir;
  std::string parent_checkpoint;  // the SFT checkpoint: the policy starts there and it is the frozen reference
  std::string tokenizer_model;
  std::vector<PreferencePair> pairs;
  double val_fraction = 0.1;              // prompts held out by a hash of each...
  std::vector<PreferencePair> validation;  // ...unless held-out pairs are given here
  double beta = 0.1;                       // a resumed run keeps its own (and its sft_weight)
  // Weight of the chosen answer's mean negative log-likelihood per token, added to the DPO loss (RPO,
  // LLaMA-Factory's pref_ftx): DPO alone can widen the margin by lowering both answers' likelihood.
  double sft_weight = 0;
  // Which of `pairs` to learn from (choose_pairs): give every pair of the rankings; a resumed run keeps its own.
  PairChoice pair_choice = PairChoice::all_ordered;
  TrainingConfig config;                   // batch_size counts pairs
  bool resume = false;
  std::string resume_checkpoint;
  std::int64_t resume_max_steps = 0;
};
// Metrics: train/loss; on held-out pairs val/loss, val/accuracy (implicit reward of the chosen answer
// above the rejected one's), val/margin (mean difference of implicit rewards), val/chosen_logp and
// val/rejected_logp (mean summed log-probability of the answers under the policy).
TrainOutcome run_dpo(const DpoJob& job, TrainingObserver& observer, const StopToken& stop);
// The settings a DPO run records in the project (the training settings and beta).
std::string dpo_settings_json(const DpoJob& job);

// PPO (Ouyang et al. 2022, as in DeepSpeed-Chat and TRL): the policy starts from the SFT model with a
// value head; a frozen copy (the reference) and the reward model score its rollouts.
struct PpoConfig {
  std::int64_t iterations = 100;  // rollout batches; each is followed by ppo_epochs passes over it
  int prompts_per_batch = 8;
  int answers_per_prompt = 2;     // generated together, in one batch with the KV cache
  int max_new_tokens = 48;
  // The policy samples from softmax(logits / temperature), and PPO's ratios and KL are taken on that
  // same distribution. Below 1 keeps rollouts nearer what the reward model was trained on.
  double temperature = 1.0;
  // Score each answer against the mean score of the other answers to its prompt (a per-prompt baseline,
  // as in RLOO and GRPO) before normalising. Some prompts are simply easier to score well on; without
  // the baseline that difference between prompts is most of the signal, and a small model's value head
  // learns it too slowly to take it out. Needs answers_per_prompt ≥ 2.
  bool per_prompt_baseline = true;
  int ppo_epochs = 2;
  int minibatch = 8;              // rollouts per optimizer step
  double learning_rate = 1e-4;    // small models; a GPT-2-class one wants about 1e-5
  double clip = 0.2, value_clip = 0.2;
  double value_coef = 0.1;
  // The value head's learning rate as a multiple of the policy's: it starts random beside a trained
  // policy, and at the policy's small rate it learns the returns slowly.
  double value_lr_scale = 1.0;
  double gamma = 1.0, lambda = 0.95;
  double kl_coef = 0.1, kl_target = 6.0, kl_horizon = 10000;  // adaptive KL controller
  double max_kl = 40.0;           // guard: mean KL per answer (nats) above this stops the run
  double grad_clip = 1.0;
  std::int64_t checkpoint_interval = 25;
  int keep_checkpoints = 3;
  std::uint64_t seed = 1234;
  std::string device = "auto";
  std::string to_json() const;
};

struct PpoJob {
  std::string run_dir;
  std::string policy_checkpoint;  // the SFT checkpoint: the policy starts there; it is also the reference
  std::string reward_checkpoint;  // a reward model of this project...
  // ...or this (toy rewards in tests, the rule-based judge in demos)
  std::function<double(const Conversation& prompt, const std::string& answer)> reward_function;
  std::string tokenizer_model;
  std::vector<Conversation> prompts;
  PpoConfig config;       // a resumed run keeps its own, but for device
  bool resume = false;    // continue run_dir's latest checkpoint exactly (same prompts; its own reward model)
};
// Metrics per iteration: ppo/reward (mean raw reward of the rollouts), ppo/kl (mean KL to the reference
// per answer), ppo/kl_coef, ppo/entropy, ppo/clip_fraction, ppo/approx_kl, ppo/value_loss,
// ppo/answer_length, train/loss. Samples: rollouts with their reward and KL. Guards stop the run with
// an explanation when values turn non-finite, the KL passes max_kl, or answers collapse in length or
// variety.
TrainOutcome run_ppo(const PpoJob& job, TrainingObserver& observer, const StopToken& stop);

// GRPO (Shao et al. 2024, DeepSeekMath; as TRL's GRPOTrainer): PPO's clipped ratio without a critic. Each prompt
// is answered answers_per_prompt times (the group); an answer's advantage is its reward against its group's
// mean, over the group's standard deviation, on every one of its tokens; the KL to the reference is a term of
// the loss, kl_coef·KL (fixed: kl_target and the value settings are not used). Same rollouts, guards, resume
// and checkpoints as PPO (its checkpoints have no value head). Metrics: as PPO's under grpo/ (no kl_coef,
// no value_loss), and grpo/flat_groups, the share of prompts whose answers all scored the same.
TrainOutcome run_grpo(const PpoJob& job, TrainingObserver& observer, const StopToken& stop);
PpoConfig default_grpo_config();  // four answers per prompt, β = 0.04

}  // namespace chattrain
