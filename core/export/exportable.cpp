#include "export/exportable.h"

#include <filesystem>

#include "chattrain/error.h"
#include "train/checkpoint.h"

namespace chattrain {

ExportableModel load_exportable(const std::string& checkpoint_dir, const Tokenizer& tokenizer) {
  ExportableModel out;
  out.info = read_checkpoint_info(checkpoint_dir);
  if (out.info.stage == "reward")
    throw Error(checkpoint_dir + " is a reward model: it scores answers and cannot write them, so it is not exported. "
                "Export the SFT, PPO or DPO checkpoint instead");
  if (out.info.tokenizer_hash != tokenizer.hash())
    throw Error("checkpoint " + checkpoint_dir + " was trained with another tokenizer (" + out.info.tokenizer_hash + ") than " +
                tokenizer.path() + " (" + tokenizer.hash() + "): export it from the project it was trained in");
  if (out.info.model.vocab_size != tokenizer.vocab_size())
    throw Error("checkpoint " + checkpoint_dir + " has " + std::to_string(out.info.model.vocab_size) + " tokens but " +
                tokenizer.path() + " has " + std::to_string(tokenizer.vocab_size()));
  for (auto& [name, tensor] : load_checkpoint(checkpoint_dir, /*with_optimizer=*/false).model)
    if (name != "score.weight")  // a PPO policy's value head: only PPO itself needs it
      out.weights.emplace_back(name, tensor.to(torch::kFloat32));
  return out;
}

std::string default_export_path(const std::string& exports_dir, const std::string& checkpoint_dir, bool gguf, WeightType type) {
  const std::filesystem::path checkpoint(checkpoint_dir);
  return exports_dir + "/" + checkpoint.parent_path().filename().string() + "-" + checkpoint.filename().string() +
         (type == WeightType::F16 ? "-f16" : "") + (gguf ? ".gguf" : "-hf");
}

torch::Tensor in_weight_type(const torch::Tensor& tensor, WeightType type) {
  if (type == WeightType::F16 && tensor.dim() >= 2) return tensor.to(torch::kFloat16).contiguous();
  return tensor.to(torch::kFloat32).contiguous();
}

}  // namespace chattrain
