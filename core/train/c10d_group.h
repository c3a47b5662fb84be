#pragma once
// c10d itself (TCPStore and the Gloo process group) behind the few calls distributed.cpp makes. Kept apart
// so that the translation tools, which read distributed.cpp for its messages, never parse c10d's headers
// (they pull in all of ATen). Every call throws what c10d throws; words() says it without c10's backtrace.
#include <torch/torch.h>

#include <memory>
#include <string>

#include "chattrain/distributed.h"

namespace chattrain {

class C10dGroup {
 public:
  C10dGroup();
  ~C10dGroup();
  void connect_store(const DistributedWorld& world);  // rank 0 listens, the others connect
  void set(const std::string& key, const std::string& value);
  std::string get(const std::string& key);  // waits for the key, up to the world's timeout
  void wait(const std::string& key, double seconds);  // waits for the key to be set, up to `seconds`
  void form_group(const DistributedWorld& world);  // the Gloo process group over the store
  void all_reduce_sum(torch::Tensor& tensor);     // a CPU tensor, in place
  void barrier();
  static std::string words(const std::exception& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chattrain
