#include "train/c10d_group.h"

#include "model/torch_compat.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <c10/util/Logging.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

namespace chattrain {

struct C10dGroup::Impl {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;
};

C10dGroup::C10dGroup() : impl_(std::make_unique<Impl>()) {}
C10dGroup::~C10dGroup() = default;

namespace {
std::chrono::milliseconds timeout_of(const DistributedWorld& world) {
  return std::chrono::milliseconds(std::int64_t(world.timeout_seconds * 1000));
}
}  // namespace

void C10dGroup::connect_store(const DistributedWorld& world) {
  // c10d logs every retry and timeout itself on standard error, with a C++ backtrace in LibTorch 2.x; the
  // message distributed.cpp makes of the error says it once, in words. (Where c10 logs through glog, as in
  // Debian's LibTorch 1.13, it prints one line without a backtrace and keeps it.)
  ::FLAGS_caffe2_log_level = std::max<int>(::FLAGS_caffe2_log_level, 3);  // fatal only
  c10::UpdateLoggingLevelsFromFlags();
  c10d::TCPStoreOptions options;
  options.port = std::uint16_t(world.master_port);
  // Under torchrun the elastic agent already serves the store on MASTER_PORT: every rank is its client.
  const char* agent_store = std::getenv("TORCHELASTIC_USE_AGENT_STORE");
  options.isServer = world.rank == 0 && !(agent_store && std::string(agent_store) == "True");
  options.numWorkers = std::size_t(world.size);
  options.waitWorkers = false;  // the world-size check says more than a silent wait
  options.timeout = timeout_of(world);
#if CHATTRAIN_TORCH_AT_LEAST(2, 4)
  options.useLibUV = false;  // LibTorch 2.4+ asks for libuv by default; Debian's is built without it
#endif
  impl_->store = c10::make_intrusive<c10d::TCPStore>(world.master_addr, options);
}

void C10dGroup::set(const std::string& key, const std::string& value) {
  impl_->store->set(key, std::vector<std::uint8_t>(value.begin(), value.end()));
}

std::string C10dGroup::get(const std::string& key) {
  const auto bytes = impl_->store->get(key);
  return std::string(bytes.begin(), bytes.end());
}

void C10dGroup::wait(const std::string& key, double seconds) {
  impl_->store->wait({key}, std::chrono::milliseconds(std::int64_t(seconds * 1000)));
}

void C10dGroup::form_group(const DistributedWorld& world) {
  auto options = c10d::ProcessGroupGloo::Options::create(timeout_of(world));
  // One machine: the loopback. Several: the interface GLOO_SOCKET_IFNAME names (as with torchrun), else the
  // address this machine's hostname resolves to.
  const bool local = world.master_addr == "127.0.0.1" || world.master_addr == "localhost";
  const char* interface = std::getenv("GLOO_SOCKET_IFNAME");
  options->devices.push_back(local ? c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1")
                             : interface && *interface ? c10d::ProcessGroupGloo::createDeviceForInterface(interface)
                                                       : c10d::ProcessGroupGloo::createDefaultDevice());
  impl_->gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(c10::make_intrusive<c10d::PrefixStore>("gloo", impl_->store), world.rank,
                                                            world.size, options);
}

void C10dGroup::all_reduce_sum(torch::Tensor& tensor) {
  std::vector<torch::Tensor> tensors{tensor};
  impl_->gloo->allreduce(tensors)->wait();
}

void C10dGroup::barrier() { impl_->gloo->barrier()->wait(); }

std::string C10dGroup::words(const std::exception& error) {
  if (const auto* c10_error = dynamic_cast<const c10::Error*>(&error)) return c10_error->what_without_backtrace();
  return error.what();
}

}  // namespace chattrain
