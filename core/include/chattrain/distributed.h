#pragma once
// Data-parallel training over PyTorch's own distributed engine (c10d), as torchrun and DDP use it: one
// process per GPU (or CPU), each computing its share of the micro-batches of every step, the gradients
// summed across processes, every process stepping the same optimizer; rank 0 alone writes (checkpoints,
// metrics, samples, events). The processes meet through c10d's TCPStore at MASTER_ADDR:MASTER_PORT.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace chattrain {

struct DistributedWorld {
  int rank = 0, size = 1, local_rank = 0;
  int local_size = 1;  // processes of the run on this machine (they share its cores)
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;
  double timeout_seconds = 300;  // a process that stops answering ends the others' wait after this long
};

// torchrun's environment variables: RANK, WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT
// (and CHATTRAIN_DIST_TIMEOUT, seconds). nullopt when WORLD_SIZE is unset or 1. Throws Error on values that
// make no sense (a rank outside the world, a port that is no port).
std::optional<DistributedWorld> distributed_world_from_environment();

// Joins the process group for the rest of the process's life. Throws Error, naming the address and what to
// change, when the port is taken, the master cannot be reached in time, or the ranks disagree on the
// world's size.
void join_process_group(const DistributedWorld& world);
// This process's place: rank 0 of 1 when it trains alone.
DistributedWorld process_world();
// Runs `work` on rank 0 first while the others wait, then on the others (preparation that writes shared
// files once: shards, the tokenizer, imported datasets). Alone: just runs it.
void rank0_first(const std::function<void()>& work);
// What rank 0 says (`value` there; the others' `value` is ignored): a run's id, chosen once.
std::string value_of_rank0(const std::string& key, const std::string& value);

// The local launcher: starts `count` copies of `program` (with `args`) as ranks 0..count-1 of one run on
// this machine (RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR=127.0.0.1 and a free MASTER_PORT), forwards
// Ctrl+C and SIGTERM to them, and when one ends with a failure stops the others (SIGTERM, then SIGKILL
// after `grace_seconds`), saying which rank failed and how through `say`. Returns 0 when all succeeded,
// else the first failure's exit code (128 + signal for a signal).
int run_local_workers(int count, const std::string& program, const std::vector<std::string>& args,
                      const std::function<void(const std::string&)>& say, double grace_seconds = 10);

}  // namespace chattrain
