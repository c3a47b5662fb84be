#include "chattrain/rlhf.h"

#include "chattrain/error.h"
#include "chattrain/runtime.h"
#include "chattrain/tokenizer.h"
#include "train/checkpoint.h"
#include "train/preference_batches.h"
#include "train/rl_math.h"
#include "train/stage_trainer.h"
#include "util/translatable.h"

namespace chattrain {

TrainingConfig default_dpo_config() {
  TrainingConfig c;
  c.batch_size = 8;  // pairs: 16 sequences a step
  c.max_steps = 200;
  c.warmup_steps = 10;
  c.learning_rate = 1e-4;
  c.weight_decay = 0.0;
  c.eval_interval = 25;
  c.sample_interval = 50;
  c.checkpoint_interval = 100;
  return c;
}

namespace {

class DpoObjective : public Objective {
 public:
  DpoObjective(const DpoJob& job, const Tokenizer& tokenizer, const ModelConfig& model, const std::string& reference,
               const torch::Device& device)
      : beta_(job.beta), sft_weight_(job.sft_weight), pad_(tokenizer.eos_id()) {
    split_pairs(job.pairs, job.val_fraction, job.validation, tokenizer, model.context_length, train_, val_);
    for (const auto& p : train_) tokens_ += p.chosen.tokens.size() + p.rejected.tokens.size();
    reference_log_probs(tokenizer, reference, device);
  }
  std::uint64_t train_tokens() const override { return tokens_; }
  bool has_validation() const override { return !val_.empty(); }

  torch::Tensor loss(GPTImpl& model, const torch::Device& device, int batch_size, int, std::uint64_t seed,
                     std::uint64_t index) override {
    const auto batch = pick_pairs(train_, batch_size, seed, index);
    torch::Tensor chosen_nll;
    const auto terms = dpo_of(model, device, batch, train_, train_reference_, nullptr, nullptr, &chosen_nll);
    const auto weights = pair_weights(batch, device);
    auto losses = terms.losses;
    if (sft_weight_ > 0) losses = losses + sft_weight_ * chosen_nll;
    return (losses * weights).sum() / weights.sum();  // every prompt counts once, as for the reward model
  }

  ValidationParts validate(GPTImpl& model, const torch::Device& device, const TrainingConfig& config,
                           const DistributedWorld& world) override {
    // The loss weighted as in training, the others per pair.
    ValidationParts parts{{"val/loss"}, {"val/accuracy"}, {"val/margin"}, {"val/chosen_logp"}, {"val/rejected_logp"}};
    for_each_validation_batch(val_, config.batch_size, world, [&](const std::vector<const TokenizedPair*>& batch) {
      torch::Tensor policy_chosen, policy_rejected;
      const auto terms = dpo_of(model, device, batch, val_, val_reference_, &policy_chosen, &policy_rejected);
      const auto weights = pair_weights(batch, device);
      const auto difference = terms.chosen_rewards - terms.rejected_rewards;
      const double sums[] = {(terms.losses * weights).sum().item<double>(), (difference > 0).sum().item<double>(),
                             difference.sum().item<double>(), policy_chosen.sum().item<double>(), policy_rejected.sum().item<double>()};
      for (size_t i = 0; i < parts.size(); ++i) {
        parts[i].sum += sums[i];
        parts[i].count += i == 0 ? weights.sum().item<double>() : double(batch.size());
      }
    });
    return parts;
  }

 private:
  // The reference's answer log-probabilities never change: computed once, before training, with the
  // reference loaded only for that, so training holds one model in memory.
  void reference_log_probs(const Tokenizer& tokenizer, const std::string& checkpoint, const torch::Device& device) {
    torch::NoGradGuard no_grad;
    GPT reference = load_model(checkpoint, tokenizer);
    reference->to(device);
    reference->eval();
    auto all = [&](const std::vector<TokenizedPair>& pairs) {
      std::vector<torch::Tensor> chunks;
      for (size_t start = 0; start < pairs.size(); start += 16) {
        std::vector<const TokenizedPair*> batch;
        for (size_t i = start; i < std::min(pairs.size(), start + 16); ++i) batch.push_back(&pairs[i]);
        const auto rows = pad_pairs(batch, pad_, device);
        const auto log_probs = sequence_log_probs(reference->forward(rows.tokens), rows.tokens, rows.answer_mask);  // (2B)
        const auto B = std::int64_t(batch.size());
        chunks.push_back(torch::stack({log_probs.narrow(0, 0, B), log_probs.narrow(0, B, B)}, 1));  // (B, 2)
      }
      return chunks.empty() ? torch::zeros({0, 2}, torch::kFloat32).to(device) : torch::cat(chunks);  // (N, 2): chosen, rejected
    };
    train_reference_ = all(train_);
    val_reference_ = all(val_);
  }

  DpoTerms dpo_of(GPTImpl& model, const torch::Device& device, const std::vector<const TokenizedPair*>& batch,
                  const std::vector<TokenizedPair>& pairs, const torch::Tensor& reference, torch::Tensor* chosen_out = nullptr,
                  torch::Tensor* rejected_out = nullptr, torch::Tensor* chosen_nll_out = nullptr) {
    const auto rows = pad_pairs(batch, pad_, device);
    const auto log_probs = sequence_log_probs(model.forward(rows.tokens), rows.tokens, rows.answer_mask);  // (2B)
    const auto B = std::int64_t(batch.size());
    if (chosen_nll_out)  // (B): per token of the chosen answer
      *chosen_nll_out = -log_probs.narrow(0, 0, B) / rows.answer_mask.narrow(0, 0, B).sum(1).to(torch::kFloat32).clamp_min(1);
    std::vector<std::int64_t> index;
    for (const auto* p : batch) index.push_back(std::int64_t(p - pairs.data()));
    const auto ref = reference.index_select(0, torch::tensor(index).to(device));  // (B, 2)
    const auto chosen = log_probs.narrow(0, 0, B), rejected = log_probs.narrow(0, B, B);
    if (chosen_out) *chosen_out = chosen;
    if (rejected_out) *rejected_out = rejected;
    return dpo_terms(chosen, rejected, ref.select(1, 0), ref.select(1, 1), beta_);
  }

  double beta_, sft_weight_;
  int pad_;
  std::vector<TokenizedPair> train_, val_;
  torch::Tensor train_reference_, val_reference_;
  std::uint64_t tokens_ = 0;
};

}  // namespace

std::string dpo_settings_json(const DpoJob& job) {
  auto settings = nlohmann::json::parse(job.config.to_json());
  settings["beta"] = job.beta;
  settings["sft_weight"] = job.sft_weight;
  settings["pairs"] = pair_choice_name(job.pair_choice);
  return settings.dump(2);
}

TrainOutcome run_dpo(const DpoJob& job, TrainingObserver& observer, const StopToken& stop) {
  prepare_cpu_runtime();
  if (job.pairs.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "there are no ranked pairs to train on: rank some answers first")));
  // The reference is the run's starting point: the parent, or for a resumed run the parent it recorded.
  // A resumed run also keeps its own beta, whatever the job says now.
  std::string reference = job.parent_checkpoint;
  DpoJob effective = job;
  if (job.resume) {
    const CheckpointInfo info = checkpoint_to_resume(job.run_dir, job.resume_checkpoint, "dpo");
    reference = info.parent;
    const auto settings = nlohmann::json::parse(info.stage_settings_json);
    effective.beta = settings.value("beta", job.beta);
    effective.sft_weight = settings.value("sft_weight", 0.0);
    effective.pair_choice = parse_pair_choice(settings.value("pairs", "all"));
  }
  effective.pairs = choose_pairs(job.pairs, effective.pair_choice);
  effective.validation = choose_pairs(job.validation, effective.pair_choice);
  if (effective.pairs.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "there are no ranked pairs to train on: rank some answers first")));
  if (reference.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "DPO starts from a fine-tuned checkpoint: name one")));
  const ModelConfig model = read_checkpoint_info(reference).model;
  StageJob stage = stage_job("dpo", job, job.parent_checkpoint);
  stage.make_objective = [&effective, reference, model](const Tokenizer& t, const TrainingConfig&, const torch::Device& device)
      -> std::unique_ptr<Objective> { return std::make_unique<DpoObjective>(effective, t, model, reference, device); };
  stage.stage_settings_json =
      nlohmann::json{{"beta", effective.beta}, {"sft_weight", effective.sft_weight}, {"pairs", pair_choice_name(effective.pair_choice)}}.dump();
  stage.sequences_per_example = 2;  // chosen and rejected
  return run_stage(stage, observer, stop);
}

}  // namespace chattrain
