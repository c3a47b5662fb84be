// What the commands share: interruption, progress bars, finding checkpoints and prompt sets, the
// training flags, and a training run in the terminal.
#include <chattrain/distributed.h>
#include <chattrain/error.h>
#include <chattrain/project_lock.h>
#include <chattrain/ranking.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "command.h"
#include "progress.h"

namespace chattrain::cli {

namespace {
std::vector<std::string> g_command_line;
StopToken g_stop;
void on_interrupt(int) {
  if (g_stop.stop_requested()) std::_Exit(130);  // a second Ctrl+C quits at once
  g_stop.request_stop();
}
}  // namespace

void set_command_line(int argc, char** argv) { g_command_line.assign(argv, argv + argc); }

std::function<int(const std::string&)> in_project(std::function<int(Project&)> run) {
  return [run = std::move(run)](const std::string& folder) {
    auto project = Project::open(folder);
    return run(project);
  };
}

const StopToken& stop_on_interrupt() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  return g_stop;
}

void print_progress_bar(const char* what, std::uint64_t done, std::uint64_t total) {
  std::fprintf(stderr, "\r%s %llu/%llu", what, static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
  if (done == total) std::fprintf(stderr, "\n");
}

void print_context_fit(const ContextFit& fit, int context_length, const char* what) {
  std::printf("context %d tokens: %d of %d %s fit", context_length, fit.fit, fit.conversations, what);
  if (fit.prompt_cut + fit.answer_cut == 0) {
    std::printf("\n");
    return;
  }
  std::printf("; %d lose the start of their prompt (the answer stays whole)", fit.prompt_cut);
  if (fit.answer_cut > 0) std::printf(", %d the start of their answer too", fit.answer_cut);
  std::printf(". Longest %d tokens; 95%% fit in %d: a model with a longer context would keep them whole\n"
              "(pretrain --set model.context_length=…)\n", fit.longest, fit.fits_95);
}

int training_context(const TrainingConfig& config, const std::string& parent_checkpoint) {
  return config.seq_len > 0 ? config.seq_len : read_checkpoint_info(parent_checkpoint).model.context_length;
}

void print_problems(const char* label, const std::vector<InputProblem>& problems) {
  for (const auto& group : group_by_reason(problems)) std::fprintf(stderr, "%s: %s\n", label, group.problem.to_string().c_str());
}

void print_rejected(const std::vector<InputProblem>& rejected) { print_problems("rejected", rejected); }

std::string resolve_checkpoint(Project& project, const std::string& run, const std::string& checkpoint) {
  if (!checkpoint.empty()) return checkpoint;
  if (run.empty()) {
    const auto newest = newest_run_checkpoint(project);
    if (!newest) throw Error("the project has no checkpoint yet: pretrain first (chattrain pretrain)");
    return newest->checkpoint;
  }
  const auto latest = latest_checkpoint(project.run_dir(run));
  if (!latest) throw Error("run " + run + " has no checkpoint");
  return *latest;
}

std::string newest_checkpoint_or_any(Project& project, Stage stage) {
  const auto newest = newest_run_checkpoint(project, stage);
  return newest ? newest->checkpoint : resolve_checkpoint(project, "", "");
}

std::int64_t prompt_set_id(Project& project, const std::string& name) {
  const auto set = project.db().prompt_set(name);
  if (!set) throw Error("prompt set '" + name + "' does not exist (see chattrain prompts list)");
  return set->id;
}

void SamplingFlags::add(CLI::App* app) {
  app->add_option("--max-tokens", options.max_new_tokens, "Most tokens to generate")->capture_default_str();
  app->add_option("--temperature", options.temperature, "Randomness; 0 picks the likeliest token")->capture_default_str();
  app->add_option("--top-k", options.top_k, "Sample among the k likeliest tokens (0: all)")->capture_default_str();
  app->add_option("--top-p", options.top_p, "Sample among the likeliest tokens that make up this probability")->capture_default_str();
  app->add_option("--repetition-penalty", options.repetition_penalty, "Above 1 discourages repeating tokens")->capture_default_str();
  app->add_option("--seed", options.seed, "Same seed, same text")->capture_default_str();
}

void TrainingFlags::add_pretrain_flags(CLI::App* app) {
  app->add_option("--preset", preset, "Model size: demo, small, medium, gpt2-small")->capture_default_str();
  app->add_option("--config", config_file, "JSON file of training settings (see --print-config)")->check(CLI::ExistingFile);
  app->add_option("--set", settings, "Override one setting, e.g. --set model.n_layers=6 --set warmup_steps=100");
  app->add_option("--max-steps", max_steps, "Optimizer steps (with --resume: extend the run to this many)");
  app->add_option("--batch-size", batch_size, "Sequences per micro-batch");
  app->add_option("--lr", learning_rate, "Peak learning rate");
  app->add_option("--device", device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  app->add_option("--threads", threads, "CPU threads (0: all cores)");
  app->add_option("--run", run_id, "Name of the new run (default: pretrain-<date>-<time>)");
  app->add_flag("--resume", resume, "Continue the newest run (or --run NAME) from its latest checkpoint");
  add_processes_flag(app);
  app->add_option("--from-checkpoint", from_checkpoint,
                  "Start a new run that continues exactly from this checkpoint folder (any run, any step)")
      ->check(CLI::ExistingDirectory);
}

void TrainingFlags::add_processes_flag(CLI::App* app) {
  app->add_option("--nproc-per-node", processes, "Train in this many processes on this machine, one per GPU (or CPU share)")
      ->check(CLI::Range(1, 1024));
}

void TrainingFlags::add_stage_flags(CLI::App* app, Stage stage, const std::string& default_lr, const std::string& batch_help,
                                    const std::string& resume_note) {
  const std::string name = stage_name(stage);
  app->add_option("--max-steps", max_steps, "Optimizer steps (default 300; with --resume: extend to this many)");
  app->add_option("--lr", learning_rate, "Peak learning rate (default " + default_lr + ")");
  app->add_option("--batch-size", batch_size, batch_help);
  app->add_option("--set", settings, "Override one training setting, e.g. --set eval_interval=50");
  app->add_option("--device", device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  app->add_option("--run", run_id, "Name of the new run (default: " + name + "-<date>-<time>)");
  app->add_flag("--resume", resume, "Continue the newest " + name + " run (or --run NAME)" + resume_note);
  add_processes_flag(app);
}

std::optional<int> TrainingFlags::start_processes() const {
  if (const auto world = distributed_world_from_environment()) {
    join_process_group(*world);
    return std::nullopt;
  }
  if (processes <= 1) return std::nullopt;
  std::vector<std::string> args;  // the same command without --nproc-per-node
  for (size_t i = 1; i < g_command_line.size(); ++i) {
    if (g_command_line[i] == "--nproc-per-node") {
      ++i;
      continue;
    }
    if (g_command_line[i].rfind("--nproc-per-node=", 0) == 0) continue;
    args.push_back(g_command_line[i]);
  }
  // The program's own path (the bridge library is found next to it), not /proc/self/exe.
  const std::string program = std::filesystem::canonical("/proc/self/exe").string();
  return run_local_workers(processes, program, args, [](const std::string& text) { std::printf("%s\n", text.c_str()); });
}

TrainingConfig TrainingFlags::build_on(TrainingConfig config) const {
  if (!config_file.empty()) {
    std::ifstream in(config_file);
    config.apply_json(std::string(std::istreambuf_iterator<char>(in), {}));
  }
  apply_overrides(config);
  return config;
}

void TrainingFlags::apply_overrides(TrainingConfig& config) const {
  for (const auto& s : settings) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw Error("--set " + s + ": write it as key=value");
    std::string key = s.substr(0, eq), value = s.substr(eq + 1);
    // key=value → {"key": value}; "model.x" nests; value is JSON when it parses, else a string.
    std::string json_value = value;
    const bool number_or_literal = !value.empty() && (std::isdigit(static_cast<unsigned char>(value[0])) || value[0] == '-' ||
                                                       value == "true" || value == "false" || value[0] == '{' || value[0] == '[' || value[0] == '"');
    if (!number_or_literal) json_value = "\"" + value + "\"";
    const auto dot = key.find('.');
    config.apply_json(dot == std::string::npos ? "{\"" + key + "\":" + json_value + "}"
                                               : "{\"" + key.substr(0, dot) + "\":{\"" + key.substr(dot + 1) + "\":" + json_value + "}}");
  }
  if (max_steps > 0) config.max_steps = max_steps;
  if (batch_size > 0) config.batch_size = batch_size;
  if (learning_rate > 0) config.learning_rate = learning_rate;
  config.device = device;
  config.threads = threads;
}

int exit_code(TrainOutcome::Status status) {
  switch (status) {
    case TrainOutcome::Status::Diverged: return 3;
    case TrainOutcome::Status::OutOfMemory: return 4;
    default: return 0;
  }
}

int train_silently(const std::function<TrainOutcome(TrainingObserver&)>& train) {
  TrainingObserver silent;
  const TrainOutcome outcome = train(silent);
  if (exit_code(outcome.status) != 0) std::fprintf(stderr, "rank %d: %s\n", process_world().rank, outcome.message.english().c_str());
  return exit_code(outcome.status);
}

int run_in_terminal(Project& project, Stage stage, const TrainingFlags& flags, const std::string& parent, const std::string& config_json,
                    const std::function<TrainOutcome(const std::string& run_dir, TrainingObserver&, const StopToken&)>& train) {
  const std::string name = stage_name(stage);
  const auto world = process_world();
  std::string run_id = flags.run_id;
  ProjectLock lock;  // held by rank 0 while the run trains: a second process on it is refused
  if (world.rank == 0) {  // rank 0 alone writes the catalogue; the others learn the run's id from it
    if (flags.resume) {
      if (run_id.empty()) {
        const auto newest = newest_run_checkpoint(project, stage);
        if (!newest) throw Error("no " + name + " run with a checkpoint to resume");
        run_id = newest->run_id;
      }
      lock = lock_run(project, run_id);
      open_resumed_run(project, run_id);
    } else {
      run_id = open_new_run(project, stage, run_id, config_json, parent);
      lock = lock_run(project, run_id);
    }
    std::printf("run %s%s, Ctrl+C stops and saves a checkpoint\n", run_id.c_str(),
                world.size > 1 ? (" in " + std::to_string(world.size) + " processes").c_str() : "");
  }
  run_id = value_of_rank0("run_id", run_id);

  const StopToken& stop = stop_on_interrupt();
  TrainOutcome outcome;
  if (world.rank != 0)
    return train_silently([&](TrainingObserver& silent) { return train(project.run_dir(run_id), silent, stop); });
  {
    TerminalObserver terminal;
    outcome = record_run(project.db(), run_id, &terminal,
                         [&](TrainingObserver& recorder) { return train(project.run_dir(run_id), recorder, stop); });
  }
  std::printf("%s: %s\n", status_name(run_status(outcome.status)), outcome.message.english().c_str());
  if (!outcome.checkpoint.empty()) std::printf("checkpoint: %s\n", outcome.checkpoint.c_str());
  if (outcome.status == TrainOutcome::Status::Stopped)
    std::printf("resume with: chattrain --project %s %s --resume --run %s\n", project.folder().c_str(), name.c_str(), run_id.c_str());
  return exit_code(outcome.status);
}

}  // namespace chattrain::cli
