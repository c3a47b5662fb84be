// chattrain export gguf/hf (a checkpoint for llama.cpp, Ollama or transformers), export tensorboard/csv
// (a run's metrics), and chattrain import-hf (a Hugging Face Llama folder as a checkpoint).
#include <chattrain/export.h>

#include <filesystem>
#include <fstream>

#include "command.h"

namespace chattrain::cli {

namespace {

struct ExportFlags {
  std::string run, checkpoint, output;
  bool f16 = false;
};

int export_checkpoint(Project& project, ExportFlags flags, bool gguf) {
  const std::string checkpoint = resolve_checkpoint(project, flags.run, flags.checkpoint);
  const auto info = read_checkpoint_info(checkpoint);
  const auto type = flags.f16 ? WeightType::F16 : WeightType::F32;
  if (flags.output.empty()) {
    std::filesystem::create_directories(project.exports_dir());
    flags.output = default_export_path(project.exports_dir(), checkpoint, gguf, type);
  }
  const auto result = gguf ? export_gguf(checkpoint, project.tokenizer_model(), flags.output, type)
                           : export_huggingface(checkpoint, project.tokenizer_model(), flags.output, type);
  std::printf("%s checkpoint %s → %s (%d tensors, %.1f MB)\n", info.stage.c_str(), checkpoint.c_str(), result.path.c_str(),
              result.tensors, double(result.bytes) / 1e6);
  if (gguf)
    std::printf("try it: llama-cli -m %s -cnv   (or in Ollama: FROM %s in a Modelfile)\n", result.path.c_str(), result.path.c_str());
  else
    std::printf("try it: AutoModelForCausalLM.from_pretrained(\"%s\") and AutoTokenizer.apply_chat_template\n", result.path.c_str());
  return 0;
}

int export_metrics(Project& project, const std::string& run, const std::string& output, bool tensorboard) {
  if (!project.db().run(run)) throw Error("run " + run + " does not exist (see chattrain runs list)");
  const auto metrics = project.db().metrics(run);
  if (tensorboard) {
    const auto file = write_tensorboard_events(output.empty() ? project.run_dir(run) : output, metrics);
    std::printf("%zu points → %s\nsee them: tensorboard --logdir %s\n", metrics.size(), file.c_str(), project.runs_dir().c_str());
  } else if (output.empty()) {
    std::printf("%s", metrics_csv(metrics).c_str());
  } else {
    std::ofstream out(output, std::ios::binary);
    out << metrics_csv(metrics);
    if (!out.flush()) throw Error("could not write " + output);
    std::printf("%zu points → %s\n", metrics.size(), output.c_str());
  }
  return 0;
}

int import_hf(Project& project, const std::string& folder, const std::string& run) {
  const std::string run_id = run.empty() ? project.new_run_id(stage_name(Stage::Import)) : run;
  if (project.db().run(run_id)) throw Error("run " + run_id + " already exists: pick another name with --run");
  const auto checkpoint = import_huggingface(folder, project.tokenizer_model(), project.run_dir(run_id));
  project.db().add_run({run_id, Stage::Import, RunStatus::Finished, "", "{}", std::filesystem::absolute(folder).string()});
  std::printf("imported %s as run %s: %s\nnext: fine-tune it (chattrain sft --from %s) or chat with it (chattrain chat --run %s)\n",
              folder.c_str(), run_id.c_str(), checkpoint.c_str(), checkpoint.c_str(), run_id.c_str());
  return 0;
}

}  // namespace

void add_export_commands(CLI::App& app, Commands& commands) {
  auto* export_cmd = app.add_subcommand("export", "Take a checkpoint to llama.cpp / Ollama (GGUF) or transformers (Hugging Face folder)")
                         ->require_subcommand(1);
  for (const bool gguf : {true, false}) {
    auto flags = std::make_shared<ExportFlags>();
    auto* cmd = gguf ? export_cmd->add_subcommand("gguf", "Write a GGUF file (llama architecture, vocabulary and ChatML template inside)")
                     : export_cmd->add_subcommand("hf", "Write a Hugging Face folder (LlamaForCausalLM, safetensors, tokenizer, chat template)");
    cmd->add_option("--run", flags->run, "Run whose latest checkpoint to export (default: the newest)");
    cmd->add_option("--checkpoint", flags->checkpoint, "A checkpoint folder")->check(CLI::ExistingDirectory);
    cmd->add_option("-o,--output", flags->output, "Where to write (default: the project's exports/ folder)");
    cmd->add_flag("--f16", flags->f16, "Half-precision weights (half the size; norms stay F32)");
    commands.push_back({cmd, in_project([flags, gguf](Project& project) { return export_checkpoint(project, *flags, gguf); })});
  }
  for (const bool tensorboard : {true, false}) {
    auto run = std::make_shared<std::string>(), output = std::make_shared<std::string>();
    auto* cmd = tensorboard ? export_cmd->add_subcommand("tensorboard", "Write a run's stored metrics as TensorBoard events (runs write them as they train)")
                            : export_cmd->add_subcommand("csv", "Write a run's metrics as CSV (step,name,value,time)");
    cmd->add_option("--run", *run, "The run")->required();
    cmd->add_option("-o,--output", *output, "Folder (tensorboard; default: the run's folder) or file (csv; default: standard output)");
    commands.push_back({cmd, in_project([run, output, tensorboard](Project& project) {
                          return export_metrics(project, *run, *output, tensorboard);
                        })});
  }
  auto folder = std::make_shared<std::string>(), run = std::make_shared<std::string>();
  auto* import_cmd = app.add_subcommand("import-hf", "Import a Hugging Face Llama folder with the project's tokenizer as a checkpoint");
  import_cmd->add_option("folder", *folder, "The folder (config.json, model.safetensors, tokenizer.model)")->required()->check(CLI::ExistingDirectory);
  import_cmd->add_option("--run", *run, "Name of the new run (default: import-<date>-<time>)");
  commands.push_back({import_cmd, in_project([folder, run](Project& project) { return import_hf(project, *folder, *run); })});
}

}  // namespace chattrain::cli
