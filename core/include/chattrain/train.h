#pragma once
// Pretraining, run synchronously in the calling thread. It reports through a TrainingObserver and
// polls a StopToken between steps (ARCHITECTURE.md, threads).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chattrain/chat.h"
#include "chattrain/model_config.h"
#include "chattrain/project.h"

namespace chattrain {

struct TrainingConfig {
  std::string preset = "demo";
  ModelConfig model;     // vocab_size is always taken from the tokenizer
  int batch_size = 32;   // sequences per micro-batch
  int grad_accum_steps = 1;
  int seq_len = 0;       // 0: the model's context length
  std::int64_t max_steps = 1000;
  std::int64_t warmup_steps = 50;
  double learning_rate = 3e-3;
  double min_lr_ratio = 0.1;   // the cosine ends at learning_rate · min_lr_ratio
  double weight_decay = 0.1;   // matrices only; norms are not decayed
  double beta1 = 0.9, beta2 = 0.95, adam_eps = 1e-8;
  double grad_clip = 1.0;      // 0: off
  std::int64_t eval_interval = 100, eval_batches = 8;
  std::int64_t sample_interval = 200;
  int sample_tokens = 64;
  std::string sample_prompt;   // empty: start a new document
  std::int64_t checkpoint_interval = 250;
  int keep_checkpoints = 3;
  std::uint64_t seed = 1337;
  std::string device = "auto";  // auto, cpu, cuda
  std::string precision = "auto";  // auto (bf16 on a GPU, fp32 on the CPU), fp32, bf16
  int threads = 0;              // CPU intra-op threads; 0: all cores
  // Memory. Like device and threads these belong to where a run trains, so a resumed run takes them anew.
  bool activation_checkpointing = false;  // recompute each block in backward: far less memory, ~1/3 more time
  bool auto_fit_batch = true;   // lower the micro-batch (raising accumulation) when the run would not fit
  std::int64_t memory_limit_mb = 0;  // what the run may take; 0: what the device has free
  // Pretraining: the text datasets it reads, by name; empty: every one. Kept through resumes, so a
  // resumed run reads the same data in the same order.
  std::vector<std::string> datasets;
  // Fine-tuning: a conversation longer than the sequence is left out, instead of losing its start (the
  // last answer always stays whole either way).
  bool drop_too_long = false;

  // Preset's model and batch, then the JSON's fields on top. Throws Error on unknown keys.
  static TrainingConfig from_preset(const std::string& preset);
  void apply_json(const std::string& json);
  std::string to_json() const;
  int effective_seq_len() const { return seq_len > 0 ? seq_len : model.context_length; }
  std::int64_t tokens_per_step() const { return std::int64_t(batch_size) * grad_accum_steps * effective_seq_len(); }
};

// Training memory of these settings on `device` (auto, cpu, cuda, cuda:N): bf16 products where the
// precision asks for them there, fused attention where LibTorch has it, checkpointing as set.
// `sequences_per_example`: 2 for the pair stages (reward model, DPO).
MemoryEstimate estimate_training_memory(const TrainingConfig& config, const std::string& device, int sequences_per_example = 1);

// The micro-batch a run takes: the largest divisor of the batch whose estimate fits `budget` bytes, with
// the accumulation raised so that a step still sees as many sequences (the same tokens per step).
struct BatchFit {
  int batch_size = 0, grad_accum_steps = 0;
  MemoryEstimate estimate;
  bool fits = false;  // false: not even a micro-batch of 1 fits
};
BatchFit fit_batch_to_memory(const TrainingConfig& config, const std::string& device, std::int64_t budget,
                             int sequences_per_example = 1);
// The memory a run on `device` may take: the limit set, else nine tenths of what the device has free
// (on the CPU also within ulimit -v and a container's limit). 0 when unknown or the device is absent.
std::int64_t memory_budget(const TrainingConfig& config);

// Learning rate at `step`: linear warmup to the peak, then cosine down to peak · min_lr_ratio.
double learning_rate_at(const TrainingConfig& config, std::int64_t step);

struct TrainProgress {
  std::int64_t step = 0, max_steps = 0;
  double loss = 0, learning_rate = 0, grad_norm = 0;
  double tokens_per_second = 0, elapsed_seconds = 0, eta_seconds = 0;
  double model_flops_utilisation = 0;  // model FLOPs per second over the device's measured matmul speed; 0: unknown
  std::int64_t memory_bytes = 0;       // in use now: the process's on the CPU, the GPU's on CUDA; 0: unknown
  std::int64_t estimated_bytes = 0;    // the estimate for this run's micro-batch
};

class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void on_progress(const TrainProgress&) {}
  virtual void on_metrics(const std::vector<MetricPoint>&) {}
  virtual void on_sample(std::int64_t step, const std::string& text) {}
  // A checkpoint of `step` is about to be written and become the run's latest: what was reported up to
  // here must be durable first, because a resume keeps the metrics up to the latest checkpoint's step
  // and redoes the rest (a kill between the two would lose those steps for ever).
  virtual void before_checkpoint(std::int64_t step) {}
  virtual void on_checkpoint(std::int64_t step, const std::string& dir) {}
  virtual void on_message(const Message& text) {}
};

// Passes everything on to `next` (may be null). An observer that adds one thing derives from it and
// overrides that, calling the base to pass it on.
class ForwardingObserver : public TrainingObserver {
 public:
  explicit ForwardingObserver(TrainingObserver* next) : next_(next) {}
  void on_progress(const TrainProgress& p) override {
    if (next_) next_->on_progress(p);
  }
  void on_metrics(const std::vector<MetricPoint>& points) override {
    if (next_) next_->on_metrics(points);
  }
  void on_sample(std::int64_t step, const std::string& text) override {
    if (next_) next_->on_sample(step, text);
  }
  void before_checkpoint(std::int64_t step) override {
    if (next_) next_->before_checkpoint(step);
  }
  void on_checkpoint(std::int64_t step, const std::string& dir) override {
    if (next_) next_->on_checkpoint(step, dir);
  }
  void on_message(const Message& text) override {
    if (next_) next_->on_message(text);
  }

 private:
  TrainingObserver* next_;
};

class StopToken {
 public:
  void request_stop() { stop_ = true; }
  void set_paused(bool paused) { paused_ = paused; }
  bool stop_requested() const { return stop_; }
  bool paused() const { return paused_; }

 private:
  std::atomic<bool> stop_{false}, paused_{false};
};

struct TrainOutcome {
  enum class Status { Finished, Stopped, Diverged, OutOfMemory };
  Status status = Status::Finished;
  std::int64_t step = 0;
  std::string checkpoint;  // the newest good checkpoint
  Message message;
  double final_loss = 0, final_val_loss = 0;
};

struct PretrainJob {
  std::string run_dir;                  // runs/<id>/
  std::vector<std::string> data_dirs;   // token shard folders, <dataset>/tokens; config.datasets picks among them
  std::string tokenizer_model;
  TrainingConfig config;                // a resumed run keeps its own; only device and threads apply
  bool resume = false;                  // continue from run_dir's latest checkpoint...
  std::string resume_checkpoint;        // ...or from this one (any run's, any step), writing into run_dir
  std::int64_t resume_max_steps = 0;    // with resume: > 0 extends (or shortens) the run to this many steps
};

TrainOutcome run_pretraining(const PretrainJob& job, TrainingObserver& observer, const StopToken& stop);

// Supervised fine-tuning: starts from a checkpoint (any stage, same tokenizer), trains on
// conversations rendered through ChatML with the loss on the assistant's answers only. The model
// keeps its parent's shape; `config` gives the training settings. Checkpoints record the parent.
struct SftJob {
  std::string run_dir;
  std::string parent_checkpoint;  // ignored when resuming: the run's own checkpoints know it
  std::string tokenizer_model;
  std::vector<Conversation> conversations;
  double val_fraction = 0.05;     // held out by a hash of each rendered conversation...
  std::vector<Conversation> validation;  // ...unless a held-out set is given here
  TrainingConfig config;
  bool resume = false;                  // continue from run_dir's latest checkpoint...
  std::string resume_checkpoint;        // ...or from this SFT checkpoint (any run's), writing into run_dir
  std::int64_t resume_max_steps = 0;
};
TrainOutcome run_sft(const SftJob& job, TrainingObserver& observer, const StopToken& stop);
// Fine-tuning's settings before the user changes any: smaller and fewer steps than pretraining. The
// CLI, the studio and the demo pipeline all start from these.
TrainingConfig default_sft_config();

// Checkpoints: runs/<id>/step-000500/{model.safetensors, optimizer.safetensors, config.json, trainer_state.json}.
struct CheckpointInfo {
  std::string dir, stage, tokenizer_hash, parent, run_config_json;
  std::string stage_settings_json = "{}";  // what only this stage has (DPO's beta)
  std::int64_t step = 0;
  ModelConfig model;
};
std::optional<std::string> latest_checkpoint(const std::string& run_dir);
std::vector<std::string> list_checkpoints(const std::string& run_dir);  // complete ones, oldest first
CheckpointInfo read_checkpoint_info(const std::string& checkpoint_dir);  // throws InputError naming the file

}  // namespace chattrain
