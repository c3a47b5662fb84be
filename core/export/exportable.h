#pragma once
// What both exports start from: a language model's checkpoint checked against its tokenizer.
#include "chattrain/export.h"
#include "chattrain/tokenizer.h"
#include "chattrain/train.h"
#include "model/safetensors.h"

namespace chattrain {

struct ExportableModel {
  CheckpointInfo info;
  NamedTensors weights;  // our (llama.cpp's) names, float32, in the model's order; no value or score head
};
// Throws Error when the checkpoint is a reward model (it scores answers, it cannot write them) or was
// trained with another tokenizer than `tokenizer`.
ExportableModel load_exportable(const std::string& checkpoint_dir, const Tokenizer& tokenizer);

// A 2-D weight in the requested type; vectors (the norms) stay F32, as llama.cpp and transformers keep them.
torch::Tensor in_weight_type(const torch::Tensor& tensor, WeightType type);

}  // namespace chattrain
