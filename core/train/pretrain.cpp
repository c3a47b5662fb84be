#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "chattrain/chat.h"
#include "chattrain/error.h"
#include "chattrain/tokenizer.h"
#include "chattrain/train.h"
#include "generate/sampler.h"
#include "model/gpt.h"
#include "train/adamw.h"
#include "train/batches.h"
#include "train/conversation_data.h"
#include "train/checkpoint.h"
#include "train/device.h"
#include "chattrain/runtime.h"

namespace chattrain {

using nlohmann::json;

void to_json(json& j, const ModelConfig& c) { j = json::parse(c.to_json()); }
void from_json(const json& j, ModelConfig& c) { c = ModelConfig::from_json(j.dump()); }
// Missing keys keep their defaults, so settings saved by an older version still load.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PretrainConfig, preset, model, batch_size, grad_accum_steps, seq_len, max_steps,
                                   warmup_steps, learning_rate, min_lr_ratio, weight_decay, beta1, beta2, adam_eps,
                                   grad_clip, eval_interval, eval_batches, sample_interval, sample_tokens,
                                   sample_prompt, checkpoint_interval, keep_checkpoints, seed, device, precision, threads)

PretrainConfig PretrainConfig::from_preset(const std::string& name) {
  const ModelPreset& preset = model_preset(name);
  PretrainConfig c;
  c.preset = preset.name;
  c.model = preset.config;
  c.batch_size = preset.batch_size;
  // Smaller models take larger steps; the GPT-2-class presets follow the GPT-3 paper's table.
  c.learning_rate = preset.config.d_model <= 256 ? 3e-3 : preset.config.d_model <= 512 ? 1e-3 : 6e-4;
  return c;
}

void PretrainConfig::apply_json(const std::string& text) {
  json patch;
  try {
    patch = json::parse(text);
  } catch (const json::parse_error& e) {
    throw Error(std::string("training settings are not valid JSON: ") + e.what());
  }
  json current = *this;
  for (const auto& [key, value] : patch.items()) {
    if (!current.contains(key)) throw Error("training setting '" + key + "' is unknown");
    if (key == "model" && value.is_object())
      for (const auto& [k, v] : value.items())
        if (!current["model"].contains(k)) throw Error("model setting '" + k + "' is unknown");
  }
  if (patch.contains("preset") && patch["preset"] != preset) {
    // A new preset resets the model and batch to that preset's before the other fields apply.
    const auto base = from_preset(patch["preset"].get<std::string>());
    current = base;
  }
  current.merge_patch(patch);
  try {
    *this = current.get<PretrainConfig>();
  } catch (const json::exception& e) {
    throw Error(std::string("training settings: ") + e.what());
  }
  // ffn_hidden follows d_model unless it was given.
  if (patch.contains("model") && patch["model"].contains("d_model") && !patch["model"].contains("ffn_hidden"))
    model.ffn_hidden = swiglu_hidden(model.d_model);
}

std::string PretrainConfig::to_json() const { return json(*this).dump(2); }

namespace {

torch::Dtype compute_dtype(const std::string& precision, const torch::Device& device) {
  if (precision == "bf16" || (precision == "auto" && device.is_cuda())) return torch::kBFloat16;
  if (precision == "fp32" || precision == "auto") return torch::kFloat32;
  throw Error("precision '" + precision + "' is unknown: use auto, fp32 or bf16");
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// One stage's run: pretraining, or SFT from a parent checkpoint. They differ in their data and in
// where the weights start; everything else (steps, checkpoints, resume, guards) is this class.
struct StageJob {
  std::string stage;              // "pretrain" or "sft": written into every checkpoint
  std::string parent_checkpoint;  // weights to start from (SFT); empty: a fresh model
  std::string run_dir, tokenizer_model, resume_checkpoint;
  PretrainConfig config;
  bool resume = false;
  std::int64_t resume_max_steps = 0;
  std::function<std::unique_ptr<TrainingData>(const Tokenizer&)> make_data;
};

class StageTrainer {
 public:
  StageTrainer(const StageJob& job, TrainingObserver& observer, const StopToken& stop)
      : job_(job), observer_(observer), stop_(stop), config_(job.config), tokenizer_(Tokenizer::load(job.tokenizer_model)) {}

  TrainOutcome run() {
    CheckpointData resumed;
    if (job_.resume) {
      const auto latest = job_.resume_checkpoint.empty() ? latest_checkpoint(job_.run_dir)
                                                         : std::optional<std::string>(job_.resume_checkpoint);
      if (!latest) throw Error("run " + job_.run_dir + " has no checkpoint to resume from");
      if (read_checkpoint_info(*latest).stage != job_.stage)
        throw Error("checkpoint " + *latest + " is not a " + job_.stage + " checkpoint");
      resumed = load_checkpoint(*latest, true);
      // A resumed run keeps the settings it started with; only where it runs may change.
      const std::string device = config_.device, precision = config_.precision;
      const int threads = config_.threads;
      config_ = resumed.config.at("run_config").get<PretrainConfig>();
      config_.device = device;
      config_.precision = precision;
      config_.threads = threads;
      if (job_.resume_max_steps > 0) config_.max_steps = job_.resume_max_steps;  // the cosine stretches to fit
      if (resumed.config.at("tokenizer_hash") != tokenizer_.hash())
        throw Error("checkpoint " + *latest + " was trained with another tokenizer than " + job_.tokenizer_model);
      outcome_.checkpoint = *latest;
      resumed_parent_ = resumed.config.value("parent", "");
    }
    CheckpointData parent;
    if (!job_.resume && !job_.parent_checkpoint.empty()) {
      const CheckpointInfo info = read_checkpoint_info(job_.parent_checkpoint);
      if (info.tokenizer_hash != tokenizer_.hash())
        throw Error("checkpoint " + job_.parent_checkpoint + " was trained with another tokenizer (" + info.tokenizer_hash +
                    ") than the project's (" + tokenizer_.hash() + "): pick a checkpoint trained in this project");
      config_.model = info.model;  // the child has its parent's shape
      parent = load_checkpoint(job_.parent_checkpoint, false);
    }
    config_.model.vocab_size = tokenizer_.vocab_size();
    config_.model.validate();
    if (config_.effective_seq_len() > config_.model.context_length)
      throw Error("sequence length " + std::to_string(config_.seq_len) + " exceeds the model's context of " +
                  std::to_string(config_.model.context_length));
    if (config_.threads > 0) at::set_num_threads(config_.threads);
    device_ = resolve_device(config_.device);

    data_ = job_.make_data(tokenizer_);
    if (data_->train_tokens() == 0) throw Error("the datasets hold no training tokens: import some text first");

    model_ = GPT(config_.model);
    model_->initialize(config_.seed);
    if (!parent.model.empty()) model_->load_weights(parent.model, job_.parent_checkpoint + "/model.safetensors");
    std::int64_t step = 0;
    if (job_.resume) {
      model_->load_weights(resumed.model, outcome_.checkpoint + "/model.safetensors");
      step = resumed.trainer_state.at("step").get<std::int64_t>();
      tokens_seen_ = resumed.trainer_state.value("tokens_seen", std::int64_t(0));
      elapsed_before_ = resumed.trainer_state.value("elapsed_seconds", 0.0);
    }
    model_->to(device_);
    model_->set_compute_dtype(compute_dtype(config_.precision, device_));
    std::vector<torch::Tensor> decayed, plain;
    for (auto& [name, p] : model_->weights()) (p.dim() >= 2 ? decayed : plain).push_back(p);
    parameters_ = decayed;
    parameters_.insert(parameters_.end(), plain.begin(), plain.end());
    optimizer_ = std::make_unique<AdamW>(decayed, plain,
                                         AdamWSettings{config_.beta1, config_.beta2, config_.adam_eps, config_.weight_decay});
    if (job_.resume) optimizer_->load_state(resumed.optimizer, outcome_.checkpoint + "/optimizer.safetensors");

    std::filesystem::create_directories(job_.run_dir);
    observer_.on_message((job_.resume ? "resuming at step " + std::to_string(step) : std::string("starting")) + ": " +
                         std::to_string(config_.model.parameter_count()) + " parameters on " + describe_device(device_) +
                         ", " + std::to_string(data_->train_tokens()) + " training tokens");
    return loop(step);
  }

 private:
  TrainOutcome loop(std::int64_t step) {
    started_ = std::chrono::steady_clock::now();
    const auto started = started_;
    const std::int64_t first_step = step;
    double tokens_per_second = 0;
    auto window_start = started;
    std::int64_t window_steps = 0;
    std::int64_t last_saved = job_.resume ? step : -1;

    while (step < config_.max_steps) {
      while (stop_.paused() && !stop_.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (stop_.stop_requested()) {
        if (step != last_saved && step > 0) save(step);
        outcome_.status = TrainOutcome::Status::Stopped;
        outcome_.message = "stopped at step " + std::to_string(step) + "; resume to continue";
        break;
      }
      const double lr = learning_rate_at(config_, step);
      const double loss = train_step(step);
      double grad_norm = 0;
      if (std::isfinite(loss)) grad_norm = clip_gradients();
      if (!std::isfinite(loss) || !std::isfinite(grad_norm)) return diverged(step, lr, loss);
      optimizer_->step(lr);
      ++step;
      tokens_seen_ += config_.tokens_per_step();
      outcome_.final_loss = loss;

      ++window_steps;
      const double window = seconds_since(window_start);
      if (window >= 1.0 || step == first_step + 1) {  // tokens/s over about a second of steps
        tokens_per_second = double(window_steps * config_.tokens_per_step()) / std::max(window, 1e-9);
        window_start = std::chrono::steady_clock::now();
        window_steps = 0;
      }
      const double elapsed = seconds_since(started);
      TrainProgress progress{step, config_.max_steps, loss, lr, grad_norm, tokens_per_second, elapsed_before_ + elapsed,
                             double(config_.max_steps - step) * elapsed / double(step - first_step)};
      observer_.on_progress(progress);
      const double now = wall_clock();
      std::vector<MetricPoint> metrics{{step, "train/loss", loss, now}, {step, "train/lr", lr, now},
                                       {step, "train/grad_norm", grad_norm, now},
                                       {step, "train/tokens_per_second", tokens_per_second, now}};
      if (due(step, config_.eval_interval) && data_->has_validation()) {
        outcome_.final_val_loss = validation_loss();
        metrics.push_back({step, "val/loss", outcome_.final_val_loss, now});
      }
      observer_.on_metrics(metrics);
      if (due(step, config_.sample_interval)) observer_.on_sample(step, sample(step));
      if (due(step, config_.checkpoint_interval)) {
        save(step);
        last_saved = step;
      }
    }
    outcome_.step = step;
    if (outcome_.status == TrainOutcome::Status::Finished)
      outcome_.message = "finished " + std::to_string(step) + " steps";
    return outcome_;
  }

  bool due(std::int64_t step, std::int64_t interval) const {
    return step == config_.max_steps || (interval > 0 && step % interval == 0);
  }

  static double wall_clock() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  // Mean cross-entropy over the targets that count (-1: not counted).
  torch::Tensor loss_of(const torch::Tensor& inputs, const torch::Tensor& targets) {
    auto logits = model_->forward(inputs.to(device_));  // (B, T, V)
    return torch::nn::functional::cross_entropy(logits.reshape({-1, logits.size(-1)}).to(torch::kFloat32),
                                                targets.to(device_).reshape({-1}),
                                                torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-1));
  }

  // Forward and backward over every micro-batch of one step; returns the mean loss.
  double train_step(std::int64_t step) {
    optimizer_->zero_grad();
    const int T = config_.effective_seq_len(), accum = config_.grad_accum_steps;
    double total = 0;
    for (int micro = 0; micro < accum; ++micro) {
      const auto [inputs, targets] = data_->batch(config_.batch_size, T, config_.seed, std::uint64_t(step) * accum + micro, false);
      auto loss = loss_of(inputs, targets);
      (loss / accum).backward();
      total += loss.item<double>() / accum;
    }
    return total;
  }

  double clip_gradients() {
    const double max_norm = config_.grad_clip > 0 ? config_.grad_clip : std::numeric_limits<double>::infinity();
    return torch::nn::utils::clip_grad_norm_(parameters_, max_norm);
  }

  // Mean loss over the same validation batches every time, so the curve compares like with like.
  double validation_loss() {
    torch::NoGradGuard no_grad;
    const int T = config_.effective_seq_len();
    double total = 0;
    for (std::int64_t i = 0; i < config_.eval_batches; ++i) {
      const auto [inputs, targets] = data_->batch(config_.batch_size, T, config_.seed ^ 0x5eedba7c11ULL, std::uint64_t(i), true);
      total += loss_of(inputs, targets).item<double>();
    }
    return total / double(std::max<std::int64_t>(1, config_.eval_batches));
  }

  // Pretraining continues a document; SFT answers the sample prompt as the assistant, up to <|im_end|>.
  std::string sample(std::int64_t step) {
    const bool chat = job_.stage == "sft";
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
    CheckpointData data;
    data.model = model_->weights();
    data.optimizer = optimizer_->state();
    data.config = {{"stage", job_.stage}, {"step", step}, {"model", config_.model}, {"tokenizer_hash", tokenizer_.hash()},
                   {"parent", parent_of_run()}, {"run_config", config_}};
    data.trainer_state = {{"step", step}, {"seed", config_.seed}, {"tokens_seen", tokens_seen_},
                          {"elapsed_seconds", elapsed_before_ + seconds_since(started_)}, {"loss", outcome_.final_loss},
                          {"val_loss", outcome_.final_val_loss}};
    outcome_.checkpoint = save_checkpoint(job_.run_dir, step, data, config_.keep_checkpoints);
    observer_.on_checkpoint(step, outcome_.checkpoint);
  }

  TrainOutcome diverged(std::int64_t step, double lr, double loss) {
    outcome_.status = TrainOutcome::Status::Diverged;
    outcome_.step = step;
    outcome_.message = std::string(std::isfinite(loss) ? "the gradient" : "the loss") + " became " +
                       (std::isnan(loss) ? "NaN" : "infinite") + " at step " + std::to_string(step + 1) +
                       " (learning rate " + std::to_string(lr) + "). The run stopped; " +
                       (outcome_.checkpoint.empty() ? std::string("it had no checkpoint yet")
                                                    : "its last good checkpoint is " + outcome_.checkpoint) +
                       ". Lower the learning rate or lengthen the warmup, then start again or resume.";
    observer_.on_message(outcome_.message);
    return outcome_;
  }

  // The lineage a checkpoint records: the parent this run started from, kept through resumes.
  std::string parent_of_run() const { return job_.resume ? resumed_parent_ : job_.parent_checkpoint; }

  const StageJob& job_;
  std::string resumed_parent_;
  TrainingObserver& observer_;
  const StopToken& stop_;
  PretrainConfig config_;
  Tokenizer tokenizer_;
  torch::Device device_{torch::kCPU};
  std::unique_ptr<TrainingData> data_;
  GPT model_{nullptr};
  std::vector<torch::Tensor> parameters_;
  std::unique_ptr<AdamW> optimizer_;
  std::int64_t tokens_seen_ = 0;
  double elapsed_before_ = 0;  // training time of the run before this resume
  std::chrono::steady_clock::time_point started_;
  TrainOutcome outcome_;
};

}  // namespace

TrainOutcome run_pretraining(const PretrainJob& job, TrainingObserver& observer, const StopToken& stop) {
  keep_freed_memory_for_reuse();
  StageJob stage{"pretrain", "", job.run_dir, job.tokenizer_model, job.resume_checkpoint, job.config, job.resume,
                 job.resume_max_steps, [&job](const Tokenizer& t) -> std::unique_ptr<TrainingData> {
                   return std::make_unique<ShardData>(job.data_dirs, t.hash());
                 }};
  return StageTrainer(stage, observer, stop).run();
}

TrainOutcome run_sft(const SftJob& job, TrainingObserver& observer, const StopToken& stop) {
  keep_freed_memory_for_reuse();
  if (!job.resume && job.parent_checkpoint.empty()) throw Error("fine-tuning starts from a checkpoint: name one");
  StageJob stage{"sft", job.parent_checkpoint, job.run_dir, job.tokenizer_model, job.resume_checkpoint, job.config, job.resume,
                 job.resume_max_steps, [&job](const Tokenizer& t) -> std::unique_ptr<TrainingData> {
                   return std::make_unique<ConversationData>(job.conversations, t, job.val_fraction, job.validation);
                 }};
  return StageTrainer(stage, observer, stop).run();
}

}  // namespace chattrain
