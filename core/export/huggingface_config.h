#pragma once
// Reading a Hugging Face Llama config.json: import-hf's first step, and what the fuzzer feeds
// (fuzz/fuzz_huggingface_config.cpp).
#include <string>

#include "chattrain/model_config.h"

namespace chattrain {

// The settings of config.json's `text` (read from `path`) as our ModelConfig; an InputError naming `path`
// for broken JSON, a setting of the wrong type or range, or a model this architecture cannot hold.
ModelConfig huggingface_model_config(const std::string& text, const std::string& path);

}  // namespace chattrain
