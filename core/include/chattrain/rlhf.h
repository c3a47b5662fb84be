#pragma once
// The last stage of the recipe: improving the fine-tuned model from preferences. DPO trains the policy
// directly on ranked pairs against a frozen copy of its starting point (the reference).
#include <string>
#include <vector>

#include "chattrain/preference.h"
#include "chattrain/train.h"

namespace chattrain {

// DPO starts from a fine-tuned model, so its steps are small; β sets how far the policy may move from
// the reference (larger: stays closer).
PretrainConfig default_dpo_config();

struct DpoJob {
  std::string run_dir;
  std::string parent_checkpoint;  // the SFT checkpoint: the policy starts there and it is the frozen reference
  std::string tokenizer_model;
  std::vector<PreferencePair> pairs;
  double val_fraction = 0.1;              // prompts held out by a hash of each...
  std::vector<PreferencePair> validation;  // ...unless held-out pairs are given here
  double beta = 0.1;
  PretrainConfig config;                   // batch_size counts pairs
  bool resume = false;
  std::string resume_checkpoint;
  std::int64_t resume_max_steps = 0;
};
// Metrics: train/loss; on held-out pairs val/loss, val/accuracy (implicit reward of the chosen answer
// above the rejected one's), val/margin (mean difference of implicit rewards), val/chosen_logp and
// val/rejected_logp (mean summed log-probability of the answers under the policy).
TrainOutcome run_dpo(const DpoJob& job, TrainingObserver& observer, const StopToken& stop);

}  // namespace chattrain
