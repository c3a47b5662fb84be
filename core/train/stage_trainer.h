#pragma once
// One stage's run: pretraining, SFT or the reward model. Stages differ in their objective (data, loss,
// what validation measures) and in where the weights start; everything else (steps, checkpoints,
// resume, guards, progress) is the stage trainer.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

#include "chattrain/tokenizer.h"
#include "chattrain/distributed.h"
#include "chattrain/train.h"
#include "model/gpt.h"
#include "train/batches.h"

namespace chattrain {

inline void to_json(nlohmann::json& j, const ModelConfig& c) { j = nlohmann::json::parse(c.to_json()); }
inline void from_json(const nlohmann::json& j, ModelConfig& c) { c = ModelConfig::from_json(j.dump()); }
// Missing keys keep their defaults, so settings saved by an older version still load.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TrainingConfig, preset, model, batch_size, grad_accum_steps, seq_len, max_steps,
                                   warmup_steps, learning_rate, min_lr_ratio, weight_decay, beta1, beta2, adam_eps,
                                   grad_clip, eval_interval, eval_batches, sample_interval, sample_tokens,
                                   sample_prompt, checkpoint_interval, keep_checkpoints, seed, device, precision, threads,
                                   activation_checkpointing, auto_fit_batch, memory_limit_mb, datasets, drop_too_long)


// A validation metric in parts, its value sum / count. With several processes each measures its share of
// the held-out batches (every size-th, from its rank) and the trainer adds the parts up across processes,
// so the value is the same for any number of processes and none validates alone while the others wait.
struct ValidationPart {
  std::string name;
  double sum = 0, count = 0;
};
using ValidationParts = std::vector<ValidationPart>;

// What a stage minimises. Batches are pure functions of (seed, index), so a resumed run draws the
// batches the uninterrupted run would have.
class Objective {
 public:
  virtual ~Objective() = default;
  virtual std::uint64_t train_tokens() const = 0;  // 0: nothing to train on
  virtual bool has_validation() const = 0;
  // Mean loss of micro-batch `index` (a scalar with a graph to backpropagate).
  virtual torch::Tensor loss(GPTImpl& model, const torch::Device& device, int batch_size, int seq_len, std::uint64_t seed,
                             std::uint64_t index) = 0;
  // Validation metrics, "val/loss" first, over this process's share of the held-out batches. Called
  // without gradients, the model in eval mode.
  virtual ValidationParts validate(GPTImpl& model, const torch::Device& device, const TrainingConfig& config,
                                   const DistributedWorld& world) = 0;
};

// Next-token cross-entropy over the targets that count (pretraining, SFT).
class LanguageModelObjective : public Objective {
 public:
  explicit LanguageModelObjective(std::unique_ptr<TrainingData> data) : data_(std::move(data)) {}
  std::uint64_t train_tokens() const override { return data_->train_tokens(); }
  bool has_validation() const override { return data_->has_validation(); }
  torch::Tensor loss(GPTImpl& model, const torch::Device& device, int batch_size, int seq_len, std::uint64_t seed,
                     std::uint64_t index) override;
  ValidationParts validate(GPTImpl& model, const torch::Device& device, const TrainingConfig& config,
                           const DistributedWorld& world) override;

 private:
  torch::Tensor loss_of(GPTImpl& model, const torch::Device& device, const torch::Tensor& inputs, const torch::Tensor& targets);
  std::unique_ptr<TrainingData> data_;
};

struct StageJob {
  std::string stage;              // "pretrain", "sft" or "reward": written into every checkpoint
  std::string parent_checkpoint;  // weights to start from; empty: a fresh model
  std::string run_dir, tokenizer_model, resume_checkpoint;
  TrainingConfig config;
  bool resume = false;
  std::int64_t resume_max_steps = 0;
  // Called once the device is known (an objective may precompute there, as DPO its reference's numbers).
  std::function<std::unique_ptr<Objective>(const Tokenizer&, const TrainingConfig&, const torch::Device&)> make_objective;
  bool score_head = false;  // a reward model: the scalar head on top
  bool samples = true;      // text samples during training (a reward model writes none)
  int sequences_per_example = 1;  // 2 for pairs (reward model, DPO): for the memory estimate
  std::string stage_settings_json = "{}";  // written into every checkpoint (DPO: {"beta": 0.1})
};

// The StageJob of a front end's job (PretrainJob, SftJob, RewardJob, DpoJob: they share these fields by name).
template <class Job>
StageJob stage_job(const char* stage, const Job& job, std::string parent_checkpoint) {
  StageJob s;
  s.stage = stage;
  s.parent_checkpoint = std::move(parent_checkpoint);
  s.run_dir = job.run_dir;
  s.tokenizer_model = job.tokenizer_model;
  s.resume_checkpoint = job.resume_checkpoint;
  s.config = job.config;
  s.resume = job.resume;
  s.resume_max_steps = job.resume_max_steps;
  return s;
}

TrainOutcome run_stage(const StageJob& job, TrainingObserver& observer, const StopToken& stop);

}  // namespace chattrain
