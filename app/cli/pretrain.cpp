// chattrain pretrain: pretrain a GPT on the project's datasets (or print its settings or memory).
#include <chattrain/distributed.h>
#include <chattrain/format.h>
#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "command.h"

namespace chattrain::cli {

namespace {

struct PretrainFlags {
  TrainingFlags training;
  bool print_config = false, estimate_memory = false;
  std::vector<std::string> datasets;
  TrainingConfig build() const {
    TrainingConfig config = training.build_on(TrainingConfig::from_preset(training.preset));
    config.datasets = datasets;
    return config;
  }
};

// What `pretrain --estimate-memory` prints: the estimate the studio shows under the model settings.
int print_memory_estimate(Project& project, TrainingConfig config) {
  if (project.has_tokenizer()) config.model.vocab_size = Tokenizer::load(project.tokenizer_model()).vocab_size();
  const auto m = estimate_training_memory(config, config.device);
  auto gb = [](std::int64_t bytes) { return format_bytes(double(bytes)); };
  std::printf("%lld parameters, micro-batch %d × %d tokens, %s, activation checkpointing %s\n",
              static_cast<long long>(config.model.parameter_count()), config.batch_size, config.effective_seq_len(),
              config.device.c_str(), config.activation_checkpointing ? "on" : "off");
  std::printf("weights %s, gradients %s, optimizer %s, activations %s (kept for backward %s): about %s\n", gb(m.weights).c_str(),
              gb(m.gradients).c_str(), gb(m.optimizer).c_str(), gb(m.activations).c_str(), gb(m.saved_activations).c_str(),
              gb(m.total()).c_str());
  const std::int64_t budget = memory_budget(config);
  if (budget <= 0) {
    std::printf("available: unknown\n");
    return 0;
  }
  const auto fit = fit_batch_to_memory(config, config.device, budget);
  if (fit.fits && fit.batch_size == config.batch_size) std::printf("available %s: it fits\n", gb(budget).c_str());
  else if (fit.fits)
    std::printf("available %s: the run will take micro-batches of %d with %d accumulation steps (about %s)\n", gb(budget).c_str(),
                fit.batch_size, fit.grad_accum_steps, gb(fit.estimate.total()).c_str());
  else std::printf("available %s: not even a micro-batch of 1 fits; shorten the sequence or turn on activation_checkpointing\n", gb(budget).c_str());
  return 0;
}

int pretrain(Project& project, const PretrainFlags& flags) {
  if (flags.print_config) {
    std::printf("%s\n", flags.build().to_json().c_str());
    return 0;
  }
  if (flags.estimate_memory) return print_memory_estimate(project, flags.build());
  const auto& training = flags.training;
  if (training.resume && !training.from_checkpoint.empty()) throw Error("use either --resume or --from-checkpoint");
  if ((training.resume || !training.from_checkpoint.empty()) && !flags.datasets.empty())
    throw Error("a resumed run reads the datasets it started with: leave out --datasets");
  if (const auto launched = training.start_processes()) return *launched;
  PretrainJob job;
  rank0_first([&] {  // the tokenizer and the shards are written once, by rank 0; the others then read them
    if (!project.has_tokenizer()) {
      const TokenizerTrainOptions options;
      std::printf("training a %d-piece %s tokenizer on the project's datasets...\n", options.vocab_size, options.model_type.c_str());
      train_project_tokenizer(project, options, [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); });
    }
    job.data_dirs = prepare_shards(project, [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); }, flags.datasets);
  });
  job.config = flags.build();
  job.tokenizer_model = project.tokenizer_model();
  job.resume = training.resume || !training.from_checkpoint.empty();
  job.resume_checkpoint = training.from_checkpoint;
  job.resume_max_steps = training.max_steps;  // only when given: a resumed run keeps its settings
  return run_training(project, Stage::Pretrain, training, training.from_checkpoint, job.config.to_json(), job, run_pretraining);
}

}  // namespace

void add_pretrain_command(CLI::App& app, Commands& commands) {
  auto flags = std::make_shared<PretrainFlags>();
  auto* cmd = app.add_subcommand("pretrain", "Pretrain a GPT on the project's datasets");
  flags->training.add_pretrain_flags(cmd);
  cmd->add_option("--datasets", flags->datasets, "Text datasets to train on (default: every one); a resumed run keeps its own");
  cmd->add_flag("--print-config", flags->print_config, "Print the settings as JSON and exit");
  cmd->add_flag("--estimate-memory", flags->estimate_memory,
                "Print the memory the settings need on --device, and the micro-batch that fits, then exit");
  commands.push_back({cmd, in_project([flags](Project& project) { return pretrain(project, *flags); })});
}

}  // namespace chattrain::cli
