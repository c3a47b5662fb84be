// Supervised fine-tuning: the stage trainer with conversations as its data, the loss on the answers.
#include "chattrain/error.h"
#include "chattrain/runtime.h"
#include "chattrain/train.h"
#include "train/conversation_data.h"
#include "train/stage_trainer.h"
#include "util/translatable.h"

namespace chattrain {

TrainingConfig default_sft_config() {
  TrainingConfig c = TrainingConfig::from_preset("demo");
  c.batch_size = 16;
  c.max_steps = 300;
  c.learning_rate = 1e-3;
  c.warmup_steps = 30;
  c.eval_interval = 50;
  c.sample_interval = 50;
  c.checkpoint_interval = 100;
  return c;
}

TrainOutcome run_sft(const SftJob& job, TrainingObserver& observer, const StopToken& stop) {
  prepare_cpu_runtime();
  if (!job.resume && job.parent_checkpoint.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "fine-tuning starts from a checkpoint: name one")));
  StageJob stage = stage_job("sft", job, job.parent_checkpoint);
  // The run's own choice (a resumed run's from its checkpoint) of what a conversation too long becomes.
  stage.make_objective = [&job](const Tokenizer& t, const TrainingConfig& config, const torch::Device&) -> std::unique_ptr<Objective> {
    const size_t drop_longer_than = config.drop_too_long ? size_t(config.effective_seq_len()) : 0;
    return std::make_unique<LanguageModelObjective>(
        std::make_unique<ConversationData>(job.conversations, t, job.val_fraction, job.validation, drop_longer_than));
  };
  return run_stage(stage, observer, stop);
}

}  // namespace chattrain
