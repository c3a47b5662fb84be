// Dialogue files for SFT: Alpaca, ShareGPT, OpenAI messages, prompt/completion; the first byte picks the format.
#include "chattrain/chat.h"
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  if (size == 0) return 0;
  const auto format = static_cast<DialogueFormat>(data[0] % 5);  // Auto … PromptCompletion
  return fuzz::expect_only_our_errors([&] { import_dialogue_bytes(fuzz::bytes_of(data + 1, size - 1), "fuzz-input.jsonl", format); });
}
