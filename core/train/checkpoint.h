#pragma once
// Writing and reading checkpoints atomically: everything goes to step-N.tmp/, is flushed, then the
// folder is renamed and `latest` replaced. A crash at any moment leaves the previous one intact.
#include <nlohmann/json.hpp>

#include "chattrain/train.h"
#include "model/safetensors.h"

namespace chattrain {

struct CheckpointData {
  NamedTensors model, optimizer;
  nlohmann::json config;         // stage, step, model, tokenizer_hash, parent, run_config
  nlohmann::json trainer_state;  // step, seed, tokens_seen, elapsed...
};

// Returns the checkpoint folder. Keeps the newest `keep` checkpoints (0: all).
std::string save_checkpoint(const std::string& run_dir, std::int64_t step, const CheckpointData& data, int keep);
CheckpointData load_checkpoint(const std::string& checkpoint_dir, bool with_optimizer);
std::string checkpoint_name(std::int64_t step);

}  // namespace chattrain
