// Pretraining text: plain text, Markdown, JSONL and chinese-poetry JSON; the first byte picks the format.
#include "chattrain/data.h"
#include "harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  if (size == 0) return 0;
  const auto format = static_cast<InputFormat>(data[0] % 5);  // Auto … ChinesePoetry
  return fuzz::expect_only_our_errors([&] { import_bytes(fuzz::bytes_of(data + 1, size - 1), "fuzz-input", format); });
}
