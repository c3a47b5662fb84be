#pragma once
// The command line as a set of small commands. Each file under app/cli/ adds its subcommands to the
// app (with their flags) and says what each one runs; main() only registers them and runs the one the
// user chose. The work itself is in core.
#include <CLI/CLI.hpp>

#include <chattrain/error.h>
#include <chattrain/generate.h>
#include <chattrain/project.h>
#include <chattrain/run.h>
#include <chattrain/train.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chattrain {
struct Evaluation;
}

namespace chattrain::cli {

// What a chosen subcommand runs, given the --project folder; returns the process's exit code.
struct Command {
  CLI::App* subcommand;
  std::function<int(const std::string& project_folder)> run;
};
using Commands = std::vector<Command>;

// Most commands work in an existing project: this opens it and hands it over.
std::function<int(const std::string&)> in_project(std::function<int(Project&)> run);

// The command files: each adds its subcommands to `app` and their actions to `commands`.
void add_project_commands(CLI::App& app, Commands& commands);   // project init
void add_data_commands(CLI::App& app, Commands& commands);      // data import, data list
void add_tokenizer_commands(CLI::App& app, Commands& commands); // tokenizer train, tokenizer encode
void add_pretrain_command(CLI::App& app, Commands& commands);
void add_sft_command(CLI::App& app, Commands& commands);
void add_generate_commands(CLI::App& app, Commands& commands);  // generate, chat
void add_runs_commands(CLI::App& app, Commands& commands);      // runs list, runs show
void add_prompt_commands(CLI::App& app, Commands& commands);    // prompts, candidates, rank, rankings
void add_preference_commands(CLI::App& app, Commands& commands);  // reward, dpo
void add_ppo_command(CLI::App& app, Commands& commands);       // ppo, grpo
void add_evaluate_commands(CLI::App& app, Commands& commands);  // evaluate, report
void add_export_commands(CLI::App& app, Commands& commands);    // export gguf/hf/tensorboard/csv, import-hf
void add_demo_command(CLI::App& app, Commands& commands);
void add_train_job_command(CLI::App& app, Commands& commands);  // train-job: the studio's runs in several processes

// --- Shared by the commands ---

// The command line as typed, for the local launcher to start its workers with.
void set_command_line(int argc, char** argv);

// Ctrl+C (and SIGTERM) ask the running work to stop at its next step; a second Ctrl+C quits at once.
const StopToken& stop_on_interrupt();
void print_progress_bar(const char* what, std::uint64_t done, std::uint64_t total);
// On standard error, one line per file and reason: the first record's line and message, the count and
// lines of the others ("rejected: a.jsonl:3: … (and 41 more for the same reason: lines 5, 9, …)").
void print_problems(const char* label, const std::vector<InputProblem>& problems);
void print_rejected(const std::vector<InputProblem>& rejected);  // print_problems("rejected", …)
// Before training: how the examples (`what`: "conversations", "pairs", "prompts") fit the model's
// context and what the cut keeps (issue 20.4: most of a public Alpaca file lost its prompt's start, unsaid).
void print_context_fit(const ContextFit& fit, int context_length, const char* what);
// The sequence length a new run trains with: --set seq_len=N, else its parent checkpoint's context.
int training_context(const TrainingConfig& config, const std::string& parent_checkpoint);

// The checkpoint a command uses: `checkpoint` when given, else the latest of `run`, else the newest of any run.
std::string resolve_checkpoint(Project& project, const std::string& run, const std::string& checkpoint);
// The newest checkpoint of a run of `stage`, else the newest of any run.
std::string newest_checkpoint_or_any(Project& project, Stage stage);
std::int64_t prompt_set_id(Project& project, const std::string& name);
// The evaluation's table: each checkpoint's mean scores and how far they are from the first's.
void print_evaluation(const Evaluation& evaluation);

struct SamplingFlags {
  SamplingOptions options;
  void add(CLI::App* app);
};

// The flags every training stage shares: settings, length, device, which run.
struct TrainingFlags {
  std::string preset = "demo", config_file, run_id, device = "auto", from_checkpoint;
  std::vector<std::string> settings;
  std::int64_t max_steps = 0;
  int batch_size = 0, threads = 0;
  double learning_rate = 0;
  bool resume = false;
  int processes = 1;  // --nproc-per-node

  void add_pretrain_flags(CLI::App* app);
  void add_processes_flag(CLI::App* app);  // --nproc-per-node
  // The flags of a stage that starts from a checkpoint (SFT, reward, DPO): fewer than pretraining's.
  void add_stage_flags(CLI::App* app, Stage stage, const std::string& default_lr, const std::string& batch_help,
                       const std::string& resume_note);
  // The settings: a stage's own defaults, then --config, --set and the flags.
  TrainingConfig build_on(TrainingConfig config) const;
  // --set key=value pairs, then --max-steps, --batch-size, --lr, --device and --threads.
  void apply_overrides(TrainingConfig& config) const;
  // With --nproc-per-node N, this process becomes the launcher of N workers (this same command, as ranks
  // 0..N-1) and returns their exit code. Started as a worker (torchrun's environment variables, from the
  // launcher, torchrun or Slurm), it joins the process group and returns nullopt, as it does alone.
  std::optional<int> start_processes() const;
};

// The exit code of a training command: 0, 3 diverged, 4 out of memory.
int exit_code(TrainOutcome::Status status);
// A rank other than 0 of a data-parallel run trains without a word, and says how it ended only when that was
// not well (its errors go to main, which prints them).
int train_silently(const std::function<TrainOutcome(TrainingObserver&)>& train);

// A run of any stage in the terminal: opens the run (new, or resumed with --resume [--run NAME]),
// records it through core's RunRecorder, shows its progress, and saves a checkpoint on Ctrl+C.
// `train` does the stage's own work into the run's folder. Exit code: 0, 3 diverged, 4 out of memory.
int run_in_terminal(Project& project, Stage stage, const TrainingFlags& flags, const std::string& parent,
                    const std::string& config_json,
                    const std::function<TrainOutcome(const std::string& run_dir, TrainingObserver&, const StopToken&)>& train);

// The same for a core job (PretrainJob, SftJob…) and its trainer (run_pretraining, run_sft…).
template <class Job, class Trainer>
int run_training(Project& project, Stage stage, const TrainingFlags& flags, const std::string& parent, const std::string& config_json,
                 Job& job, Trainer train) {
  return run_in_terminal(project, stage, flags, parent, config_json,
                         [&](const std::string& run_dir, TrainingObserver& observer, const StopToken& stop) {
                           job.run_dir = run_dir;
                           return train(job, observer, stop);
                         });
}

}  // namespace chattrain::cli
