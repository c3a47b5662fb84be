// chattrain: the command-line face of the engine. main() registers the commands (app/cli/, one file
// each) and runs the one chosen; the work is in core.
#include <chattrain/error.h>
#include <chattrain/runtime.h>
#include <chattrain/version.h>

#include <cstdio>
#include <cstdlib>

#include "cli/command.h"

namespace ct = chattrain;

namespace {

// What this build runs on: the first thing to check on a GPU machine (bench/gpu_check.sh prints it).
std::string version_text() {
  const auto d = ct::compute_devices();
  std::string text = "chattrain " + ct::version() + ", LibTorch " + ct::libtorch_version() + ", SentencePiece " +
                     ct::sentencepiece_version() + "\nCPU: " + std::to_string(d.training_threads) + " threads on " +
                     std::to_string(d.logical_cores) + " logical cores";
  for (size_t i = 0; i < d.gpus.size(); ++i)
    text += "\nCUDA GPU " + std::to_string(i) + " (--device cuda:" + std::to_string(i) + "): " +
            (d.gpus[i].name.empty() ? "?" : d.gpus[i].name) + ", " + std::to_string(d.gpus[i].memory_bytes >> 20) + " MiB";
  if (d.gpus.empty()) text += "\nCUDA: none (a CPU build of LibTorch, or no GPU)";
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  ct::prepare_cpu_runtime();  // before any thread allocates (see runtime.h)
  CLI::App app{"ChatTrain: train your own small ChatGPT from scratch, step by step."};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text);
  const char* env_project = std::getenv("CHATTRAIN_PROJECT");
  std::string project_folder = env_project ? env_project : ".";
  app.add_option("-p,--project", project_folder, "Project folder (default: $CHATTRAIN_PROJECT or the current folder)");

  // In the order of the recipe, which is the order `chattrain --help` lists them in.
  namespace cli = ct::cli;
  cli::Commands commands;
  for (const auto add : {cli::add_project_commands, cli::add_data_commands, cli::add_tokenizer_commands, cli::add_pretrain_command,
                         cli::add_sft_command, cli::add_generate_commands, cli::add_runs_commands, cli::add_prompt_commands,
                         cli::add_preference_commands, cli::add_ppo_command, cli::add_evaluate_commands, cli::add_export_commands,
                         cli::add_demo_command, cli::add_train_job_command})
    add(app, commands);

  CLI11_PARSE(app, argc, argv);
  cli::set_command_line(argc, argv);

  try {
    // A subcommand's parents count as parsed too: the first registered that was chosen is the deepest.
    for (const auto& command : commands)
      if (*command.subcommand) return command.run(project_folder);
  } catch (const ct::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
  return 0;
}
