// chattrain sft: fine-tune a checkpoint on dialogues.
#include <chattrain/chat.h>
#include <chattrain/distributed.h>
#include <chattrain/tokenizer.h>
#include <chattrain/train.h>
#include <chattrain/workflow.h>

#include <algorithm>

#include "command.h"

namespace chattrain::cli {

namespace {

struct SftFlags {
  TrainingFlags training;
  std::vector<std::string> files;
  std::string format = "auto", parent;
  bool drop_too_long = false;
};

int fine_tune(Project& project, const SftFlags& flags) {
  if (const auto launched = flags.training.start_processes()) return *launched;
  SftJob job;
  if (flags.files.empty()) {  // the built-in demo set, validated on its held-out part
    rank0_first([&] { ensure_demo_dialogues(project); });  // written once
    job.conversations = load_dialogue_dataset(project, embedded_dialogues_name);
    job.validation = load_dialogue_dataset(project, std::string(embedded_dialogues_name) + "-heldout");
    std::printf("the built-in demo dialogues (%s), validated on their held-out part\n", embedded_dialogues_name);
  }
  for (const auto& file : flags.files) {
    auto imported = import_dialogues(file, parse_dialogue_format(flags.format));
    print_rejected(imported.rejected);
    print_problems("note", imported.notes);
    std::printf("%s: %zu conversations kept, %zu records rejected, %zu kept with a note\n", file.c_str(), imported.conversations.size(),
                  imported.rejected.size(), imported.notes.size());
    job.conversations.insert(job.conversations.end(), imported.conversations.begin(), imported.conversations.end());
  }
  if (job.conversations.empty()) throw Error("no conversation to fine-tune on in the files given with --data");
  job.config = flags.training.build_on(default_sft_config());
  job.config.warmup_steps = std::min<std::int64_t>(job.config.warmup_steps, job.config.max_steps / 10);
  if (flags.drop_too_long && flags.training.resume) throw Error("a resumed run keeps its own choice: leave out --drop-too-long");
  if (flags.drop_too_long) job.config.drop_too_long = true;
  if (job.config.sample_prompt.empty() && flags.files.empty()) job.config.sample_prompt = demo_sample_question;
  if (job.config.sample_prompt.empty())  // the first question of the data: the samples show it being learned
    for (const auto& m : job.conversations.front().messages)
      if (m.role == "user" && job.config.sample_prompt.empty()) job.config.sample_prompt = m.content;
  job.tokenizer_model = project.tokenizer_model();
  job.resume = flags.training.resume;
  job.resume_max_steps = flags.training.resume ? flags.training.max_steps : 0;
  // Without --from: the newest pretraining run's checkpoint (the newest of any run could be another
  // SFT, PPO or reward model run), and it is named.
  if (!flags.training.resume)
    job.parent_checkpoint = flags.parent.empty() ? newest_checkpoint_or_any(project, Stage::Pretrain) : resolve_checkpoint(project, "", flags.parent);
  if (!job.parent_checkpoint.empty()) {
    const int context = training_context(job.config, job.parent_checkpoint);
    const ContextFit fit = context_fit(job.conversations, Tokenizer::load(job.tokenizer_model), context);
    print_context_fit(fit, context, "conversations");
    if (job.config.drop_too_long && fit.prompt_cut + fit.answer_cut > 0)
      std::printf("--drop-too-long: those %d are left out, not cut\n", fit.prompt_cut + fit.answer_cut);
  }
  std::printf("%zu conversations%s\n", job.conversations.size(),
              job.parent_checkpoint.empty() ? ""
              : flags.parent.empty()        ? (", from " + job.parent_checkpoint + " (the newest pretraining checkpoint; choose another with --from)").c_str()
                                            : (", from " + job.parent_checkpoint).c_str());
  return run_training(project, Stage::Sft, flags.training, job.parent_checkpoint, job.config.to_json(), job, run_sft);
}

}  // namespace

void add_sft_command(CLI::App& app, Commands& commands) {
  auto flags = std::make_shared<SftFlags>();
  auto* cmd = app.add_subcommand("sft", "Fine-tune a checkpoint on dialogues (Alpaca, ShareGPT, OpenAI messages, prompt/completion)");
  cmd->add_option("--data", flags->files, "Dialogue files (.json or .jsonl); none: the built-in demo set")->check(CLI::ExistingFile);
  cmd->add_option("--format", flags->format, "auto, alpaca, sharegpt, openai or prompt-completion")->capture_default_str();
  cmd->add_option("--from", flags->parent, "Checkpoint folder to start from (default: the newest checkpoint)")->check(CLI::ExistingDirectory);
  cmd->add_flag("--drop-too-long", flags->drop_too_long,
                "Leave out conversations longer than the context instead of cutting their start (a resumed run keeps its choice)");
  flags->training.add_stage_flags(cmd, Stage::Sft, "0.001", "Conversations per micro-batch", "; give the same --data");
  commands.push_back({cmd, in_project([flags](Project& project) { return fine_tune(project, *flags); })});
}

}  // namespace chattrain::cli
