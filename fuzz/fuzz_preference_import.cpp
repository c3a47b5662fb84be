// Preference files: rankings, pairs (TRL, ShareGPT, OpenAI), HH-RLHF, UltraFeedback, KTO; the first byte
// picks the format.
#include "chattrain/preference.h"
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  if (size == 0) return 0;
  const auto format = static_cast<PreferenceFormat>(data[0] % 6);  // Auto … Kto
  return fuzz::expect_only_our_errors([&] { import_preference_bytes(fuzz::bytes_of(data + 1, size - 1), "fuzz-input.jsonl", format); });
}
