#include "train/distributed.h"

#include <cstdlib>
#include <thread>
#include <memory>

#include "chattrain/error.h"
#include "train/c10d_group.h"
#include "util/translatable.h"

namespace chattrain {

namespace {

struct Group {
  DistributedWorld world;
  C10dGroup c10d;
};
std::unique_ptr<Group>& group() {
  static std::unique_ptr<Group> joined;
  return joined;
}

int int_from_environment(const char* name, int fallback) {
  const char* text = std::getenv(name);
  if (!text || !*text) return fallback;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (*end != '\0' || value < 0 || value > 1000000)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "the environment variable %1 is '%2', which is not a number of processes, a rank or a port"),
                        {std::string(name), std::string(text)}));
  return int(value);
}

// c10d's errors carry a C++ backtrace in what(): the words only.
Message plain(const std::exception& e) {
  if (dynamic_cast<const Error*>(&e)) return message_of(e);
  return Message(C10dGroup::words(e));
}

// What went wrong in a collective, in words: the other processes are gone or silent.
[[noreturn]] void lost_contact(const std::exception& e) {
  const auto world = process_world();
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "rank %1 of %2 lost contact with the other processes of the run (one of them ended "
                                                "or stopped answering for %3 s): %4. The last checkpoint is kept; resume the run."),
                      {std::to_string(world.rank), std::to_string(world.size), std::to_string(int(world.timeout_seconds)),
                       plain(e)}));
}

template <class Collective>
void wait_for(Collective&& collective) {
  try {
    collective();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    lost_contact(e);
  }
}

}  // namespace

std::optional<DistributedWorld> distributed_world_from_environment() {
  const int size = int_from_environment("WORLD_SIZE", 1);
  if (size <= 1) return std::nullopt;
  DistributedWorld world;
  world.size = size;
  world.rank = int_from_environment("RANK", 0);
  world.local_rank = int_from_environment("LOCAL_RANK", world.rank);
  world.local_size = std::max(1, int_from_environment("LOCAL_WORLD_SIZE", size));
  if (world.rank >= size)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "RANK is %1 but WORLD_SIZE is %2: ranks go from 0 to WORLD_SIZE - 1"),
                        {std::to_string(world.rank), std::to_string(size)}));
  if (const char* addr = std::getenv("MASTER_ADDR"); addr && *addr) world.master_addr = addr;
  world.master_port = int_from_environment("MASTER_PORT", world.master_port);
  if (world.master_port < 1 || world.master_port > 65535)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "MASTER_PORT %1 is no TCP port (1 to 65535)"), {std::to_string(world.master_port)}));
  world.timeout_seconds = int_from_environment("CHATTRAIN_DIST_TIMEOUT", int(world.timeout_seconds));
  return world;
}

void join_process_group(const DistributedWorld& world) {
  if (group()) return;
  const std::string where = world.master_addr + ":" + std::to_string(world.master_port);
  auto joined = std::make_unique<Group>();
  joined->world = world;
  try {
    joined->c10d.connect_store(world);
  } catch (const std::exception& e) {
    throw Error(world.rank == 0
                    ? Message(QT_TRANSLATE_NOOP("Core", "rank 0 could not listen on %1 (%2): is another run using that port? Choose "
                                                        "another MASTER_PORT"),
                              {where, plain(e)})
                    : Message(QT_TRANSLATE_NOOP("Core", "rank %1 could not reach rank 0 at %2 within %3 s (%4): check MASTER_ADDR and "
                                                        "MASTER_PORT, and that rank 0 has started"),
                              {std::to_string(world.rank), where, std::to_string(int(world.timeout_seconds)), plain(e)}));
  }
  try {
    // Every rank says the world size it was told; a rank told another one is refused by name.
    joined->c10d.set("chattrain/world_size/" + std::to_string(world.rank), std::to_string(world.size));
    if (world.rank != 0) {
      if (joined->c10d.get("chattrain/world_size/0") != std::to_string(world.size))
        throw Error(Message(QT_TRANSLATE_NOOP("Core", "rank %1 was told WORLD_SIZE %2, rank 0 another: start every process of the "
                                                      "run with the same WORLD_SIZE"),
                            {std::to_string(world.rank), std::to_string(world.size)}));
    }
    joined->c10d.form_group(world);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "rank %1 of %2 could not form the process group at %3 within %4 s: %5"),
                        {std::to_string(world.rank), std::to_string(world.size), where,
                         std::to_string(int(world.timeout_seconds)), plain(e)}));
  }
  group() = std::move(joined);
}

DistributedWorld process_world() { return group() ? group()->world : DistributedWorld{}; }

bool training_alone() { return !group() || group()->world.size <= 1; }

void rank0_first(const std::function<void()>& work) {
  if (training_alone()) return work();
  auto& g = *group();
  // Preparing a large corpus may take longer than the timeout of a collective: the others wait for rank 0's
  // word in the store, for as long as preparation can sensibly take (the launcher ends them if rank 0 dies).
  static int preparations = 0;
  const std::string done = "chattrain/prepared/" + std::to_string(preparations++);
  if (g.world.rank == 0) {
    work();
    wait_for([&] { g.c10d.set(done, "1"); });
  } else {
    wait_for([&] { g.c10d.wait(done, 6 * 3600); });
    work();
  }
}

std::string value_of_rank0(const std::string& key, const std::string& value) {
  if (training_alone()) return value;
  auto& g = *group();
  const std::string name = "chattrain/value/" + key;
  std::string said = value;
  wait_for([&] {
    if (g.world.rank == 0) g.c10d.set(name, value);
    else said = g.c10d.get(name);  // waits for rank 0, up to the timeout
  });
  return said;
}

void all_reduce_sum(const std::vector<torch::Tensor>& tensors) {
  if (training_alone() || tensors.empty()) return;
  auto& g = *group();
  constexpr std::int64_t bucket_bytes = 25 << 20;
  size_t first = 0;
  while (first < tensors.size()) {
    // One bucket: consecutive tensors of one dtype up to ~25 MB, flattened into one host buffer.
    size_t last = first;
    std::int64_t bytes = 0;
    while (last < tensors.size() && tensors[last].scalar_type() == tensors[first].scalar_type() &&
           (last == first || bytes + tensors[last].numel() * tensors[last].element_size() <= bucket_bytes)) {
      bytes += tensors[last].numel() * tensors[last].element_size();
      ++last;
    }
    std::vector<torch::Tensor> flat_parts;
    for (size_t i = first; i < last; ++i) flat_parts.push_back(tensors[i].detach().reshape({-1}).to(torch::kCPU));
    torch::Tensor bucket = torch::cat(flat_parts);
    wait_for([&] { g.c10d.all_reduce_sum(bucket); });
    std::int64_t offset = 0;
    for (size_t i = first; i < last; ++i) {
      const auto n = tensors[i].numel();
      tensors[i].detach().copy_(bucket.narrow(0, offset, n).view(tensors[i].sizes()));
      offset += n;
    }
    first = last;
  }
}

double all_reduce_sum(double value) {
  if (training_alone()) return value;
  auto tensor = torch::full({1}, value, torch::kFloat64);
  all_reduce_sum(std::vector<torch::Tensor>{tensor});
  return tensor.item<double>();
}

bool any_rank(bool value) { return all_reduce_sum(value ? 1.0 : 0.0) > 0; }

int cores_per_process() { return std::max(1, int(std::thread::hardware_concurrency()) / std::max(1, process_world().local_size)); }

}  // namespace chattrain
