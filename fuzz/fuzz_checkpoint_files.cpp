// A checkpoint's config.json and trainer_state.json, as a resume reads them (the first byte picks which one
// the input replaces; the other is a good one, and model.safetensors holds no tensors).
#include <string>

#include "harness.h"
#include "temp_folder.h"
#include "train/checkpoint.h"

namespace {
const char* good_config =
    R"({"stage":"pretrain","step":10,"tokenizer_hash":"abc","parent":"","model":{"vocab_size":300,"d_model":32,"n_layers":1,)"
    R"("n_heads":2,"context_length":32},"run_config":{},"stage_settings":{}})";
const char* good_state = R"({"step":10,"seed":1,"tokens_seen":640,"elapsed_seconds":1.5,"loss":2.5,"val_loss":null})";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  if (size == 0) return 0;
  const bool state = data[0] % 2;
  const std::string_view input = fuzz::bytes_of(data + 1, size - 1);
  fuzz::write_temp("config.json", state ? std::string_view(good_config) : input);
  fuzz::write_temp("trainer_state.json", state ? input : std::string_view(good_state));
  static const bool weights = (fuzz::write_temp("model.safetensors", std::string("\x08\0\0\0\0\0\0\0{}      ", 16)), true);
  (void)weights;
  fuzz::expect_only_our_errors([] { read_checkpoint_info(fuzz::temp_folder()); });
  return fuzz::expect_only_our_errors([] { load_checkpoint(fuzz::temp_folder(), false); });
}
