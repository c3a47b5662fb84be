// Weights: checkpoints and Hugging Face folders are safetensors files.
#include <map>
#include <string>

#include "harness.h"
#include "model/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  return fuzz::expect_only_our_errors([&] {
    std::map<std::string, std::string> metadata;
    parse_safetensors(std::string(fuzz::bytes_of(data, size)), "fuzz.safetensors", &metadata);
  });
}
