// chattrain demo: the whole recipe on the embedded Tang poems, headless, continued where it stopped.
#include <chattrain/pipeline.h>

#include <cstdlib>

#include "command.h"
#include "progress.h"

namespace chattrain::cli {

namespace {

// The demo's folder; the tiny demo has its own, so that trying it first does not stand in for the real one.
std::string demo_project(bool tiny) {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + (tiny ? "/ChatTrain/demo-tiny.chattrain" : "/ChatTrain/demo.chattrain");
}

struct DemoFlags {
  std::string folder = demo_project(false);
  DemoPipelineOptions options;
  bool tiny = false;
};

int run_demo(CLI::App* cmd, DemoFlags flags) {
  if (flags.tiny && cmd->get_option("--folder")->count() == 0) flags.folder = demo_project(/*tiny=*/true);
  auto project = Project::exists(flags.folder) ? Project::open(flags.folder) : Project::create(flags.folder);
  if (flags.tiny) {
    const auto device = flags.options.device;
    flags.options = DemoPipelineOptions::tiny();
    flags.options.device = device;
  }
  std::printf("demo project: %s\nCtrl+C stops; run the same command again to continue where it stopped\n", project.folder().c_str());
  const StopToken& stop = stop_on_interrupt();
  PipelineTerminal terminal;
  const auto outcome = run_demo_pipeline(project, flags.options, terminal, stop);
  std::printf("%s\n", outcome.message.english().c_str());
  if (outcome.status == TrainOutcome::Status::Stopped) return 0;
  if (outcome.report.markdown.empty()) return 3;
  print_evaluation(outcome.evaluation);
  std::printf("report: %s\n        %s\n", outcome.report.markdown.c_str(), outcome.report.html.c_str());
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, Commands& commands) {
  auto flags = std::make_shared<DemoFlags>();
  auto& options = flags->options;
  auto* cmd = app.add_subcommand(
      "demo", "The whole recipe on the embedded Tang poems, headless: tokenizer, pretraining, SFT, answers ranked by the rule-based "
              "judge, reward model, PPO, GRPO, DPO, evaluation on held-out prompts, report (~15–20 min on 2 CPU cores; run again to continue)");
  cmd->add_option("--folder", flags->folder, "Project folder for the demo (with --tiny: ~/ChatTrain/demo-tiny.chattrain)")->capture_default_str();
  cmd->add_option("--steps,--pretrain-steps", options.pretrain_steps, "Pretraining steps")->capture_default_str();
  cmd->add_option("--sft-steps", options.sft_steps, "Fine-tuning steps")->capture_default_str();
  cmd->add_option("--ppo-iterations", options.ppo_iterations, "PPO rollout batches")->capture_default_str();
  cmd->add_option("--grpo-iterations", options.grpo_iterations, "GRPO rollout batches")->capture_default_str();
  cmd->add_option("--dpo-steps", options.dpo_steps, "DPO steps")->capture_default_str();
  cmd->add_option("--preset", options.preset, "Model size: demo, small, medium, gpt2-small (the larger ones want a GPU, and a --folder of their own)")
      ->capture_default_str();
  cmd->add_option("--device", options.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  cmd->add_flag("--tiny", flags->tiny, "A tiny model and a few steps of everything (a minute or two; for trying the pipeline, not its results)");
  commands.push_back({cmd, [cmd, flags](const std::string&) { return run_demo(cmd, *flags); }});
}

}  // namespace chattrain::cli
