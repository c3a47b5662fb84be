#pragma once
// Writing and reading checkpoints atomically: everything goes to step-N.tmp/, is flushed, then the
// folder is renamed and `latest` replaced. A crash at any moment leaves the previous one intact.
#include <nlohmann/json.hpp>

#include "chattrain/tokenizer.h"
#include "chattrain/train.h"
#include "model/gpt.h"
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

// A checkpoint's token ids mean something only with the tokenizer it was trained with: refuses any other.
void require_same_tokenizer(const CheckpointInfo& info, const Tokenizer& tokenizer);
// A model with the checkpoint's shape and weights, on the CPU, once its tokenizer is checked. With
// `score_head` it has the scalar head a reward model (or a PPO policy's value head) is saved with.
GPT load_model(const std::string& checkpoint_dir, const Tokenizer& tokenizer, bool score_head = false);
// The checkpoint a resumed run continues from (its info, as read to check it): `chosen` when given (any
// run's), else the newest in `run_dir`. Refuses one of another stage.
CheckpointInfo checkpoint_to_resume(const std::string& run_dir, const std::string& chosen, const std::string& stage);

}  // namespace chattrain
