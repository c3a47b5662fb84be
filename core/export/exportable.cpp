#include "export/exportable.h"

#include <filesystem>

#include "chattrain/error.h"
#include "train/checkpoint.h"
#include "util/translatable.h"

namespace chattrain {

ExportableModel load_exportable(const std::string& checkpoint_dir, const Tokenizer& tokenizer) {
  ExportableModel out;
  out.info = read_checkpoint_info(checkpoint_dir);
  if (out.info.stage == "reward")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is a reward model: it scores answers and cannot write them, so it is not exported. "
                                          "Export the SFT, PPO or DPO checkpoint instead"),
                        {checkpoint_dir}));
  require_same_tokenizer(out.info, tokenizer);
  if (out.info.model.vocab_size != tokenizer.vocab_size())
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "checkpoint %1 has %2 tokens but %3 has %4"),
                        {checkpoint_dir, std::to_string(out.info.model.vocab_size), tokenizer.path(), std::to_string(tokenizer.vocab_size())}));
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
