// import-hf's config.json.
#include <string>

#include "export/huggingface_config.h"
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  return fuzz::expect_only_our_errors([&] { huggingface_model_config(std::string(fuzz::bytes_of(data, size)), "config.json"); });
}
