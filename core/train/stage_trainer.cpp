#include "train/stage_trainer.h"

#include "export/tensorboard.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "chattrain/error.h"
#include "chattrain/format.h"
#include "chattrain/runtime.h"
#include "chattrain/tokenizer.h"
#include "generate/sampler.h"
#include "model/gpt.h"
#include "train/adamw.h"
#include "train/checkpoint.h"
#include "train/device.h"
#include "train/distributed.h"
#include "train/run_clock.h"
#include "util/translatable.h"

namespace chattrain {

using nlohmann::json;

class StageTrainer {
 public:
  StageTrainer(const StageJob& job, TrainingObserver& observer, const StopToken& stop)
      : job_(job), observer_(observer), stop_(stop), config_(job.config), tokenizer_(Tokenizer::load(job.tokenizer_model)) {}

  TrainOutcome run() {
    CheckpointData resumed;
    if (job_.resume) {
      const CheckpointInfo info = checkpoint_to_resume(job_.run_dir, job_.resume_checkpoint, job_.stage);
      require_same_tokenizer(info, tokenizer_);
      const std::string& latest = info.dir;
      resumed = load_checkpoint(latest, true);
      // A resumed run keeps the settings it started with; only where it runs may change.
      const TrainingConfig here = config_;
      config_ = resumed.config.at("run_config").get<TrainingConfig>();
      config_.device = here.device;
      config_.precision = here.precision;
      config_.threads = here.threads;
      config_.activation_checkpointing = here.activation_checkpointing;
      config_.auto_fit_batch = here.auto_fit_batch;
      config_.memory_limit_mb = here.memory_limit_mb;
      if (job_.resume_max_steps > 0) config_.max_steps = job_.resume_max_steps;  // the cosine stretches to fit
      outcome_.checkpoint = latest;
      resumed_parent_ = resumed.config.value("parent", "");
    }
    GPT parent{nullptr};
    if (!job_.resume && !job_.parent_checkpoint.empty()) {
      parent = load_model(job_.parent_checkpoint, tokenizer_);
      config_.model = parent->config();  // the child has its parent's shape
    }
    config_.model.vocab_size = tokenizer_.vocab_size();
    config_.model.validate();
    if (config_.effective_seq_len() > config_.model.context_length)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "sequence length %1 exceeds the model's context of %2"),
                          {std::to_string(config_.seq_len), std::to_string(config_.model.context_length)}));
    // N processes on one machine share its cores (LOCAL_WORLD_SIZE: how many run here) unless told otherwise.
    if (config_.threads == 0 && !training_alone()) config_.threads = cores_per_process();
    if (config_.threads > 0) use_cpu_threads(config_.threads);
    device_ = resolve_device(config_.device);

    objective_ = job_.make_objective(tokenizer_, config_, device_);
    if (objective_->train_tokens() == 0) throw Error(Message(QT_TRANSLATE_NOOP("Core", "the datasets hold no training tokens: import some text first")));
    fit_batch();
    share_micro_batches();
    agree_with_rank0();

    if (parent.is_empty()) {
      model_ = GPT(config_.model);
      model_->initialize(config_.seed);
    } else {
      model_ = parent;
    }
    if (job_.score_head) model_->add_score_head(config_.seed);  // after the parent's weights: it has none
    std::int64_t step = 0;
    if (job_.resume) {
      model_->load_weights(resumed.model, outcome_.checkpoint + "/model.safetensors");
      step = resumed.trainer_state.at("step").get<std::int64_t>();
      tokens_seen_ = resumed.trainer_state.value("tokens_seen", std::int64_t(0));
      elapsed_before_ = resumed.trainer_state.value("elapsed_seconds", 0.0);
    }
    model_->to(device_);
    model_->set_compute_dtype(compute_dtype(config_.precision, device_));
    model_->set_activation_checkpointing(config_.activation_checkpointing);
    peak_flops_ = matmul_peak_flops(device_, model_->compute_dtype());
    optimizer_ = std::make_unique<AdamW>(AdamW::for_weights(
        model_->weights(), AdamWSettings{config_.beta1, config_.beta2, config_.adam_eps, config_.weight_decay}));
    parameters_ = optimizer_->parameters();
    if (job_.resume) optimizer_->load_state(resumed.optimizer, outcome_.checkpoint + "/optimizer.safetensors");

    std::filesystem::create_directories(job_.run_dir);
    const std::vector<Message> facts{std::to_string(config_.model.parameter_count()), describe_device(device_),
                                     std::to_string(objective_->train_tokens()), std::to_string(step)};
    observer_.on_message(job_.resume ? Message(QT_TRANSLATE_NOOP("Core", "resuming at step %4: %1 parameters on %2, %3 training tokens"), facts)
                                     : Message(QT_TRANSLATE_NOOP("Core", "starting: %1 parameters on %2, %3 training tokens"), facts));
    outcome_.step = step;
    try {
      return loop(step);
    } catch (const std::exception& e) {
      if (!is_out_of_memory(e) || !training_alone()) throw;  // several processes: this one ends, the launcher stops the others
      // In validation, a sample or a save: the step itself had room and its weights are good; keep them.
      try {
        if (outcome_.step > 0 && outcome_.step != last_saved_) save(outcome_.step);
      } catch (const std::exception&) {
      }
      return out_of_memory(outcome_.step, false);
    }
  }

 private:
  // Before the first step: the micro-batch that fits the device's free memory (or the limit set).
  void fit_batch() {
    const std::int64_t budget = memory_budget(config_);
    const BatchFit fit = fit_batch_to_memory(config_, device_.str(), budget, job_.sequences_per_example);
    estimated_bytes_ = estimate_training_memory(config_, device_.str(), job_.sequences_per_example).total();
    if (budget <= 0 || (fit.fits && fit.batch_size == config_.batch_size)) return;  // unknown, or it fits as it is
    if (!config_.auto_fit_batch || !fit.fits) {
        observer_.on_message(
          fit.fits ? Message(QT_TRANSLATE_NOOP("Core", "this run needs about %1 but %2 has %3 to spare: it may run out of memory. "
                                                       "A micro-batch of %4 would fit (turn on the automatic batch fit)."),
                             {format_bytes(estimated_bytes_), describe_device(device_), format_bytes(budget), std::to_string(fit.batch_size)})
                   : Message(QT_TRANSLATE_NOOP("Core", "this run needs about %1 but %2 has %3 to spare, and not even a micro-batch of 1 "
                                                       "would fit: it may run out of memory. Shorten the sequence or turn on activation checkpointing."),
                             {format_bytes(estimated_bytes_), describe_device(device_), format_bytes(budget)}));
      return;
    }
    use_micro_batch(fit.batch_size, Message(QT_TRANSLATE_NOOP("Core", "a micro-batch of %1 needs about %2 but %3 has %4 to spare"),
                                            {std::to_string(config_.batch_size), format_bytes(estimated_bytes_),
                                             describe_device(device_), format_bytes(budget)}));
    estimated_bytes_ = fit.estimate.total();
  }

  // With several processes each computes every world-th micro-batch of a step, so their number must be a
  // multiple of the processes'. When it is not, the micro-batch is split (the same sequences a step).
  void share_micro_batches() {
    const int world = world_.size;
    if (world <= 1 || config_.grad_accum_steps % world == 0) return;
    for (int micro = config_.batch_size; micro >= 1; --micro)
      if (config_.batch_size % micro == 0 && (config_.grad_accum_steps * (config_.batch_size / micro)) % world == 0) {
        use_micro_batch(micro, Message(QT_TRANSLATE_NOOP("Core", "%1 processes share each step's micro-batches"), {std::to_string(world)}));
        return;
      }
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "a step of %1 sequences cannot be shared among %2 processes: make the batch size "
                                                  "times the gradient accumulation a multiple of %2"),
                        {std::to_string(config_.batch_size * config_.grad_accum_steps), std::to_string(world)}));
  }

  // Several processes must train the same steps: the micro-batch rank 0 fitted to its memory, from the
  // checkpoint rank 0 resumes (each process fits and reads its own; a process that differs is refused).
  void agree_with_rank0() {
    if (training_alone()) return;
    const std::string mine = std::to_string(config_.batch_size) + " × " + std::to_string(config_.grad_accum_steps) + " from " +
                             (outcome_.checkpoint.empty() ? std::string("the start") : outcome_.checkpoint);
    const std::string rank0 = value_of_rank0("stage/micro_batches", mine);
    if (rank0 != mine)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "rank %1 would train micro-batches of %2 but rank 0 of %3: give every process the "
                                                    "same settings and the same project folder (memory_limit_mb fixes the micro-batch)"),
                          {std::to_string(world_.rank), mine, rank0}));
  }

  // Smaller micro-batches, more of them: each step still sees the same sequences' count.
  void use_micro_batch(int micro, const Message& why) {
    const int before = config_.batch_size;
    config_.grad_accum_steps *= before / micro;
    config_.batch_size = micro;
    observer_.on_message(Message(QT_TRANSLATE_NOOP("Core", "%1: training with micro-batches of %2 and %3 accumulation steps "
                                                   "(the same %4 sequences a step)"),
                                 {why, std::to_string(micro), std::to_string(config_.grad_accum_steps),
                                  std::to_string(micro * config_.grad_accum_steps)}));
  }

  // The largest divisor of the micro-batch below it; 0 when it is 1 already.
  int smaller_micro_batch() const {
    for (int micro = config_.batch_size / 2; micro >= 1; --micro)
      if (config_.batch_size % micro == 0) return micro;
    return 0;
  }

  TrainOutcome loop(std::int64_t step) {
    started_ = std::chrono::steady_clock::now();
    const auto started = started_;
    const std::int64_t first_step = step;
    double tokens_per_second = 0;
    std::int64_t memory_bytes = 0;
    auto window_start = started;
    std::int64_t window_steps = 0;
    last_saved_ = job_.resume ? step : -1;

    while (step < config_.max_steps) {
      if (any_rank(stop_requested_after_pause(stop_))) {  // every process stops at the same step
        if (step != last_saved_ && step > 0) save(step);
        outcome_.status = TrainOutcome::Status::Stopped;
        outcome_.message = Message(QT_TRANSLATE_NOOP("Core", "stopped at step %1; resume to continue"), {std::to_string(step)});
        break;
      }
      const double lr = learning_rate_at(config_, step);
      double loss = 0;
      try {
        loss = train_step(step);
      } catch (const std::exception& e) {
        if (!is_out_of_memory(e) || !training_alone()) throw;  // several processes must change together: they end
        optimizer_->zero_grad();
        const int micro = config_.auto_fit_batch ? smaller_micro_batch() : 0;
        if (micro == 0) return out_of_memory(step, true);
        use_micro_batch(micro, Message(QT_TRANSLATE_NOOP("Core", "out of memory at step %1 with micro-batches of %2"),
                                       {std::to_string(step + 1), std::to_string(config_.batch_size)}));
        estimated_bytes_ = estimate_training_memory(config_, device_.str(), job_.sequences_per_example).total();
        continue;  // the same step again
      }
      double grad_norm = 0;
      if (std::isfinite(loss)) grad_norm = clip_gradients();
      if (!std::isfinite(loss) || !std::isfinite(grad_norm)) return diverged(step, lr, loss);
      optimizer_->step(lr);
      ++step;
      outcome_.step = step;
      tokens_seen_ += config_.tokens_per_step();
      outcome_.final_loss = loss;

      ++window_steps;
      const double window = seconds_since(window_start);
      if (window >= 1.0 || step == first_step + 1) {  // tokens/s over about a second of steps
        tokens_per_second = double(window_steps * config_.tokens_per_step()) / std::max(window, 1e-9);
        memory_bytes = memory_in_use(device_);  // with the speed, about once a second: on a GPU it is a driver call
        window_start = std::chrono::steady_clock::now();
        window_steps = 0;
      }
      const double elapsed = seconds_since(started);
      TrainProgress progress{step, config_.max_steps, loss, lr, grad_norm, tokens_per_second, elapsed_before_ + elapsed,
                             double(config_.max_steps - step) * elapsed / double(step - first_step)};
      if (peak_flops_ > 0)
        progress.model_flops_utilisation =
            tokens_per_second * job_.sequences_per_example * training_flops_per_token(config_.model, config_.effective_seq_len()) /
            (peak_flops_ * world_.size);  // every process has a device of its own
      progress.memory_bytes = memory_bytes;
      progress.estimated_bytes = estimated_bytes_;
      observer_.on_progress(progress);
      const double now = wall_clock();
      std::vector<MetricPoint> metrics{{step, "train/loss", loss, now}, {step, "train/lr", lr, now},
                                       {step, "train/grad_norm", grad_norm, now},
                                       {step, "train/tokens_per_second", tokens_per_second, now}};
      if (due(step, config_.eval_interval) && objective_->has_validation()) {
        const auto validation = validate();
        for (const auto& [name, value] : validation) metrics.push_back({step, name, value, now});
        outcome_.final_val_loss = validation.front().second;
      }
      observer_.on_metrics(metrics);
      if (writes() && job_.samples && due(step, config_.sample_interval)) observer_.on_sample(step, sample(step));
      if (due(step, config_.checkpoint_interval)) {
        save(step);
        last_saved_ = step;
      }
    }
    outcome_.step = step;
    if (outcome_.status == TrainOutcome::Status::Finished)
      outcome_.message = Message(QT_TRANSLATE_NOOP("Core", "finished %1 steps"), {std::to_string(step)});
    return outcome_;
  }

  bool due(std::int64_t step, std::int64_t interval) const {
    return step == config_.max_steps || (interval > 0 && step % interval == 0);
  }

  // Forward and backward over every micro-batch of one step; returns the mean loss. With several
  // processes, this one takes micro-batches rank, rank + world, …; the gradients and the loss are then
  // summed across processes, so every process holds the step's whole gradient before clipping.
  double train_step(std::int64_t step) {
    optimizer_->zero_grad();
    const int T = config_.effective_seq_len(), accum = config_.grad_accum_steps;
    double total = 0;
    for (int micro = world_.rank; micro < accum; micro += world_.size) {
      auto loss = objective_->loss(*model_, device_, config_.batch_size, T, config_.seed, std::uint64_t(step) * accum + micro);
      (loss / accum).backward();
      total += loss.item<double>() / accum;
    }
    if (training_alone()) return total;
    std::vector<torch::Tensor> gradients;
    for (auto& p : parameters_) {
      if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
      gradients.push_back(p.grad());
    }
    all_reduce_sum(gradients);
    return all_reduce_sum(total);
  }

  bool writes() const { return world_.rank == 0; }

  // Every process validates its share; the parts are added up across processes (one collective).
  std::vector<std::pair<std::string, double>> validate() {
    torch::NoGradGuard no_grad;
    model_->eval();
    const ValidationParts parts = objective_->validate(*model_, device_, config_, world_);
    model_->train();
    auto sums = torch::empty({std::int64_t(parts.size()), 2}, torch::kFloat64);
    for (size_t i = 0; i < parts.size(); ++i) {
      sums[std::int64_t(i)][0] = parts[i].sum;
      sums[std::int64_t(i)][1] = parts[i].count;
    }
    all_reduce_sum({sums});
    std::vector<std::pair<std::string, double>> values;
    for (size_t i = 0; i < parts.size(); ++i)
      values.emplace_back(parts[i].name, sums[std::int64_t(i)][0].item<double>() / std::max(1e-12, sums[std::int64_t(i)][1].item<double>()));
    return values;
  }  // rank 0 alone writes checkpoints, metrics and samples

  double clip_gradients() {
    const double max_norm = config_.grad_clip > 0 ? config_.grad_clip : std::numeric_limits<double>::infinity();
    return torch::nn::utils::clip_grad_norm_(parameters_, max_norm);
  }

  // Pretraining continues a document; SFT answers the sample prompt as the assistant, up to <|im_end|>.
  std::string sample(std::int64_t step) {
    const bool chat = job_.stage != "pretrain";  // every later stage answers as the assistant
    std::vector<int> prompt{tokenizer_.eos_id()};
    std::vector<int> encoded;
    if (chat) {
      Conversation question;
      question.messages.push_back({"user", config_.sample_prompt});
      encoded = tokenize_conversation(question, tokenizer_, true).tokens;
    } else {
      encoded = tokenizer_.encode(config_.sample_prompt);
    }
    prompt.insert(prompt.end(), encoded.begin(), encoded.end());
    SamplingOptions options;
    options.max_new_tokens = config_.sample_tokens;
    options.seed = config_.seed + std::uint64_t(step);
    const auto tokens = sample_tokens(model_, prompt, options, {tokenizer_.eos_id(), tokenizer_.im_end_id()}, {}, nullptr);
    return (chat ? "» " + config_.sample_prompt + "\n" : config_.sample_prompt) + tokenizer_.decode(tokens);
  }

  void save(std::int64_t step) {
    if (!writes()) {
      outcome_.checkpoint = job_.run_dir + "/" + checkpoint_name(step);  // where rank 0 writes it
      return;
    }
    CheckpointData data;
    data.model = model_->weights();
    data.optimizer = optimizer_->state();
    data.config = {{"stage", job_.stage}, {"step", step}, {"model", config_.model}, {"tokenizer_hash", tokenizer_.hash()},
                   {"parent", parent_of_run()}, {"run_config", config_},
                   {"stage_settings", nlohmann::json::parse(job_.stage_settings_json)}};
    data.trainer_state = {{"step", step}, {"seed", config_.seed}, {"tokens_seen", tokens_seen_},
                          {"elapsed_seconds", elapsed_before_ + seconds_since(started_)}, {"loss", outcome_.final_loss},
                          {"val_loss", outcome_.final_val_loss}};
    observer_.before_checkpoint(step);
    outcome_.checkpoint = save_checkpoint(job_.run_dir, step, data, config_.keep_checkpoints);
    observer_.on_checkpoint(step, outcome_.checkpoint);
  }

  TrainOutcome diverged(std::int64_t step, double lr, double loss) {
    outcome_.status = TrainOutcome::Status::Diverged;
    outcome_.step = step;
    const Message what = std::isfinite(loss) ? (std::isnan(loss) ? Message(QT_TRANSLATE_NOOP("Core", "the gradient became NaN"))
                                                                 : Message(QT_TRANSLATE_NOOP("Core", "the gradient became infinite")))
                         : std::isnan(loss) ? Message(QT_TRANSLATE_NOOP("Core", "the loss became NaN"))
                                            : Message(QT_TRANSLATE_NOOP("Core", "the loss became infinite"));
    outcome_.message = Message(QT_TRANSLATE_NOOP("Core", "%1 at step %2 (learning rate %3). The run stopped; %4. Lower the learning rate "
                                                 "or lengthen the warmup, then start again or resume."),
                               {what, std::to_string(step + 1), std::to_string(lr), last_good_checkpoint()});
    observer_.on_message(outcome_.message);
    return outcome_;
  }

  // Out of memory with no smaller micro-batch to try (or the fit turned off): the run ends as it was at
  // its last checkpoint, and says what to change.
  TrainOutcome out_of_memory(std::int64_t step, bool in_step) {
    optimizer_->zero_grad();
    outcome_.status = TrainOutcome::Status::OutOfMemory;
    outcome_.step = step;
    const std::vector<Message> facts{describe_device(device_), std::to_string(in_step ? step + 1 : step), std::to_string(config_.batch_size),
                                     std::to_string(config_.effective_seq_len()), format_bytes(estimated_bytes_), last_good_checkpoint()};
    outcome_.message =
        in_step ? Message(QT_TRANSLATE_NOOP("Core", "%1 ran out of memory at step %2 (micro-batches of %3 sequences of %4 tokens, "
                                                    "about %5 estimated). The run stopped; %6. Lower the batch size or the "
                                                    "sequence length, or turn on activation checkpointing, then start again or resume."),
                          facts)
                : Message(QT_TRANSLATE_NOOP("Core", "%1 ran out of memory after step %2, while validating or writing a sample "
                                                    "(micro-batches of %3 sequences of %4 tokens, about %5 estimated). The run "
                                                    "stopped; %6. Lower the batch size or the validation batches, then resume."),
                          facts);
    observer_.on_message(outcome_.message);
    return outcome_;
  }

  Message last_good_checkpoint() const {
    return outcome_.checkpoint.empty() ? Message(QT_TRANSLATE_NOOP("Core", "it had no checkpoint yet"))
                                       : Message(QT_TRANSLATE_NOOP("Core", "its last good checkpoint is %1"), {outcome_.checkpoint});
  }

  // The lineage a checkpoint records: the parent this run started from, kept through resumes.
  std::string parent_of_run() const { return job_.resume ? resumed_parent_ : job_.parent_checkpoint; }

  const StageJob& job_;
  const DistributedWorld world_ = process_world();
  std::string resumed_parent_;
  TrainingObserver& observer_;
  const StopToken& stop_;
  TrainingConfig config_;
  Tokenizer tokenizer_;
  torch::Device device_{torch::kCPU};
  std::unique_ptr<Objective> objective_;
  GPT model_{nullptr};
  std::vector<torch::Tensor> parameters_;
  std::unique_ptr<AdamW> optimizer_;
  std::int64_t tokens_seen_ = 0;
  double peak_flops_ = 0;            // the device's measured matmul speed, for MFU
  std::int64_t last_saved_ = -1;     // the step of the newest checkpoint this run wrote (or resumed from)
  std::int64_t estimated_bytes_ = 0;  // the memory estimate for the micro-batch in use
  double elapsed_before_ = 0;  // training time of the run before this resume
  std::chrono::steady_clock::time_point started_;
  TrainOutcome outcome_;
};


torch::Tensor LanguageModelObjective::loss_of(GPTImpl& model, const torch::Device& device, const torch::Tensor& inputs,
                                              const torch::Tensor& targets) {
  auto logits = model.forward(to_device(inputs, device));  // (B, T, V)
  return torch::nn::functional::cross_entropy(logits.reshape({-1, logits.size(-1)}).to(torch::kFloat32),
                                              to_device(targets, device).reshape({-1}),
                                              torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-1));
}

torch::Tensor LanguageModelObjective::loss(GPTImpl& model, const torch::Device& device, int batch_size, int seq_len,
                                           std::uint64_t seed, std::uint64_t index) {
  const auto [inputs, targets] = data_->batch(batch_size, seq_len, seed, index, false);
  return loss_of(model, device, inputs, targets);
}

// Mean loss over the same validation batches every time, so the curve compares like with like.
ValidationParts LanguageModelObjective::validate(GPTImpl& model, const torch::Device& device, const TrainingConfig& config,
                                                 const DistributedWorld& world) {
  ValidationPart loss{"val/loss"};
  for (std::int64_t i = world.rank; i < config.eval_batches; i += world.size) {
    const auto [inputs, targets] = data_->batch(config.batch_size, config.effective_seq_len(), config.seed ^ 0x5eedba7c11ULL,
                                                std::uint64_t(i), true);
    loss.sum += loss_of(model, device, inputs, targets).item<double>();
    loss.count += 1;
  }
  return {loss};
}

TrainOutcome run_stage(const StageJob& job, TrainingObserver& observer, const StopToken& stop) {
  if (process_world().rank != 0) return StageTrainer(job, observer, stop).run();  // rank 0 alone writes events
  TensorBoardObserver with_events(job.run_dir, observer);
  return StageTrainer(job, with_events, stop).run();
}

}  // namespace chattrain
