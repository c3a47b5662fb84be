// chattrain train-job: the studio's way to train one of its runs in several processes (chattrain/training_processes.h).
// Not for people: the job file is the studio's, and the output is JSON lines for it to replay.
#include <chattrain/distributed.h>
#include <chattrain/training_processes.h>

#include <csignal>
#include <filesystem>

#include "command.h"

namespace chattrain::cli {

namespace {

int train_job(const std::string& file, int processes) {
  // A stop from the studio may come while LibTorch loads: it is then a stop, not the end of the process.
  const StopToken& stop = stop_on_interrupt();
  // When the studio is gone, its pipe is closed: the reports written into it fail instead of ending rank 0
  // before it stops with a checkpoint (the studio's death sends SIGINT).
  std::signal(SIGPIPE, SIG_IGN);
  const auto world = distributed_world_from_environment();
  if (!world && processes > 1) {  // the launcher: its words go to standard error, standard output is the events'
    const std::string program = std::filesystem::canonical("/proc/self/exe").string();
    return run_local_workers(processes, program, {"train-job", "--job", file},
                             [](const std::string& text) { std::fprintf(stderr, "%s\n", text.c_str()); });
  }
  if (world && world->rank != 0) {  // silent; its errors go to standard error through main
    join_process_group(*world);
    const DataParallelJob job = read_job_file(file);
    return train_silently([&](TrainingObserver& silent) { return run_job(job, silent, stop); });
  }
  EventWriter events(stdout);
  try {
    if (world) join_process_group(*world);
    const DataParallelJob job = read_job_file(file);
    const TrainOutcome outcome = run_job(job, events, stop);
    events.outcome(outcome);
    return exit_code(outcome.status);
  } catch (const std::exception& e) {  // said as an event, so that the studio shows it in its own language
    events.error(message_of(e));
    return 1;
  }
}

}  // namespace

void add_train_job_command(CLI::App& app, Commands& commands) {
  auto file = std::make_shared<std::string>();
  auto processes = std::make_shared<int>(1);
  auto* cmd = app.add_subcommand("train-job", "Train a job the studio wrote, in several processes (for the studio)");
  cmd->group("");  // hidden from --help: people use pretrain, sft, reward and dpo with --nproc-per-node
  cmd->add_option("--job", *file, "The job file")->required();
  cmd->add_option("--nproc-per-node", *processes, "Processes on this machine")->check(CLI::Range(1, 256));
  commands.push_back({cmd, [file, processes](const std::string&) { return train_job(*file, *processes); }});
}

}  // namespace chattrain::cli
