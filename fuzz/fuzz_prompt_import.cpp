// Prompt sets for ranking and PPO: text lines, or dialogue records whose last turn is the user's.
#include "chattrain/ranking.h"
#include "harness.h"
#include "temp_folder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  if (size == 0) return 0;
  const char* name = data[0] % 2 ? "prompts.jsonl" : "prompts.txt";  // the extension picks the reader
  const std::string path = fuzz::write_temp(name, fuzz::bytes_of(data + 1, size - 1));
  return fuzz::expect_only_our_errors([&] { import_prompts(path); });
}
