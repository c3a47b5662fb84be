#pragma once
// The reward model: a checkpoint's transformer with a scalar head on the last token of
// "prompt + answer", trained on ranked pairs with the loss −log σ(r_chosen − r_rejected).
#include <memory>
#include <string>
#include <vector>

#include "chattrain/preference.h"
#include "chattrain/train.h"

namespace chattrain {

// Settings a reward run starts from: smaller steps than pretraining, since it starts from a
// trained model; validation often, since held-out accuracy is what tells whether it is good enough.
TrainingConfig default_reward_config();

struct RewardJob {
  std::string run_dir;
  std::string parent_checkpoint;  // an SFT checkpoint (any stage of this project's tokenizer is accepted)
  std::string tokenizer_model;
  std::vector<PreferencePair> pairs;
  double val_fraction = 0.1;              // prompts held out by a hash of each (all of a prompt's pairs together)...
  std::vector<PreferencePair> validation;  // ...unless held-out pairs are given here
  TrainingConfig config;                   // batch_size counts pairs
  bool resume = false;
  std::string resume_checkpoint;
  std::int64_t resume_max_steps = 0;
};
// Metrics: train/loss, val/loss, val/accuracy (share of held-out pairs scored the right way round),
// val/margin (mean r_chosen − r_rejected).
TrainOutcome run_reward(const RewardJob& job, TrainingObserver& observer, const StopToken& stop);

class RewardModel {
 public:
  // Refuses a checkpoint that is not a reward model, or one of another tokenizer.
  static RewardModel load(const std::string& checkpoint_dir, const std::string& tokenizer_model, const std::string& device = "auto");
  RewardModel(RewardModel&&) noexcept;
  ~RewardModel();
  // One reward per answer to `prompt`, scored in batches.
  std::vector<double> score(const Conversation& prompt, const std::vector<std::string>& answers);
  const CheckpointInfo& checkpoint() const;

 private:
  struct Impl;
  explicit RewardModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chattrain
