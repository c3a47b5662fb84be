#include "chattrain/reward.h"


#include "chattrain/error.h"
#include "chattrain/runtime.h"
#include "chattrain/tokenizer.h"
#include "train/checkpoint.h"
#include "train/device.h"
#include "train/preference_batches.h"
#include "train/stage_trainer.h"
#include "util/translatable.h"

namespace chattrain {

TrainingConfig default_reward_config() {
  TrainingConfig c;
  c.batch_size = 16;  // pairs: 32 sequences a step
  c.max_steps = 300;
  c.warmup_steps = 20;
  c.learning_rate = 3e-4;
  c.weight_decay = 0.0;
  c.eval_interval = 25;
  c.sample_interval = 0;
  c.checkpoint_interval = 100;
  return c;
}

namespace {

class RewardObjective : public Objective {
 public:
  RewardObjective(const RewardJob& job, const Tokenizer& tokenizer, std::int64_t context) : pad_(tokenizer.eos_id()) {
    split_pairs(job.pairs, job.val_fraction, job.validation, tokenizer, context, train_, val_);
    for (const auto& p : train_) tokens_ += p.chosen.tokens.size() + p.rejected.tokens.size();
  }
  std::uint64_t train_tokens() const override { return tokens_; }
  bool has_validation() const override { return !val_.empty(); }

  torch::Tensor loss(GPTImpl& model, const torch::Device& device, int batch_size, int, std::uint64_t seed,
                     std::uint64_t index) override {
    const auto batch = pick_pairs(train_, batch_size, seed, index);
    const auto [rewards_chosen, rewards_rejected] = rewards(model, device, batch);
    auto weights = pair_weights(batch, device);
    // −log σ(r_c − r_r) = softplus(r_r − r_c), weighted so that every prompt counts once.
    return (torch::softplus(rewards_rejected - rewards_chosen) * weights).sum() / weights.sum();
  }

  ValidationParts validate(GPTImpl& model, const torch::Device& device, const TrainingConfig& config,
                           const DistributedWorld& world) override {
    ValidationPart loss{"val/loss"}, accuracy{"val/accuracy"}, margin{"val/margin"};  // loss weighted, the others per pair
    for_each_validation_batch(val_, config.batch_size, world, [&](const std::vector<const TokenizedPair*>& batch) {
      const auto [chosen, rejected] = rewards(model, device, batch);
      const auto weights = pair_weights(batch, device);
      const auto difference = chosen - rejected;
      loss.sum += (torch::softplus(-difference) * weights).sum().item<double>();
      loss.count += weights.sum().item<double>();
      accuracy.sum += (difference > 0).sum().item<double>();
      margin.sum += difference.sum().item<double>();
      accuracy.count += double(batch.size());
      margin.count += double(batch.size());
    });
    return {loss, accuracy, margin};
  }

 private:
  // Rewards of the chosen and the rejected answers, in one forward pass of 2·B rows.
  std::pair<torch::Tensor, torch::Tensor> rewards(GPTImpl& model, const torch::Device& device,
                                                  const std::vector<const TokenizedPair*>& batch) {
    const auto rows = pad_pairs(batch, pad_, device);
    auto scores = model.score(rows.tokens, rows.lengths);  // (2B)
    const auto B = std::int64_t(batch.size());
    return {scores.narrow(0, 0, B), scores.narrow(0, B, B)};
  }

  std::vector<TokenizedPair> train_, val_;
  std::uint64_t tokens_ = 0;
  int pad_;
};

}  // namespace

TrainOutcome run_reward(const RewardJob& job, TrainingObserver& observer, const StopToken& stop) {
  prepare_cpu_runtime();
  if (!job.resume && job.parent_checkpoint.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "a reward model starts from a checkpoint (an SFT one): name one")));
  if (job.pairs.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "there are no ranked pairs to train on: rank some answers first")));
  StageJob stage = stage_job("reward", job, job.parent_checkpoint);
  stage.make_objective = [&job](const Tokenizer& t, const TrainingConfig& c, const torch::Device&) -> std::unique_ptr<Objective> {
    return std::make_unique<RewardObjective>(job, t, c.model.context_length);
  };
  stage.score_head = true;
  stage.samples = false;
  stage.sequences_per_example = 2;  // chosen and rejected
  return run_stage(stage, observer, stop);
}

struct RewardModel::Impl {
  CheckpointInfo info;
  Tokenizer tokenizer;
  GPT model{nullptr};
  torch::Device device{torch::kCPU};
};

RewardModel::RewardModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RewardModel::RewardModel(RewardModel&&) noexcept = default;
RewardModel::~RewardModel() = default;
const CheckpointInfo& RewardModel::checkpoint() const { return impl_->info; }

RewardModel RewardModel::load(const std::string& checkpoint_dir, const std::string& tokenizer_model, const std::string& device) {
  prepare_cpu_runtime();
  auto info = read_checkpoint_info(checkpoint_dir);
  if (info.stage != "reward")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "checkpoint %1 is a %2 checkpoint, not a reward model: train one on the Reward page"),
                        {checkpoint_dir, info.stage}));
  auto tokenizer = Tokenizer::load(tokenizer_model);
  GPT model = load_model(checkpoint_dir, tokenizer, /*score_head=*/true);
  const torch::Device where = resolve_device(device);
  model->to(where);
  if (where.is_cuda()) model->set_compute_dtype(torch::kBFloat16);
  model->eval();
  return RewardModel(std::unique_ptr<Impl>(new Impl{std::move(info), std::move(tokenizer), model, where}));
}

std::vector<double> RewardModel::score(const Conversation& prompt, const std::vector<std::string>& answers) {
  torch::NoGradGuard no_grad;
  std::vector<AnswerSequence> rows;
  for (const auto& a : answers) rows.push_back(answer_sequence(impl_->tokenizer, prompt, a, impl_->info.model.context_length));
  std::vector<double> out;
  constexpr size_t chunk = 16;
  for (size_t start = 0; start < rows.size(); start += chunk) {
    std::vector<const AnswerSequence*> batch;
    for (size_t i = start; i < std::min(rows.size(), start + chunk); ++i) batch.push_back(&rows[i]);
    const auto padded = pad_rows(batch, impl_->tokenizer.eos_id(), impl_->device);
    const auto scores = impl_->model->score(padded.tokens, padded.lengths).to(torch::kCPU).to(torch::kFloat64);
    out.insert(out.end(), scores.data_ptr<double>(), scores.data_ptr<double>() + scores.numel());
  }
  return out;
}

}  // namespace chattrain
