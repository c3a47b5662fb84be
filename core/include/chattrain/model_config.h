#pragma once
// The shape of a Llama-style decoder (RMSNorm, rotary embeddings, SwiGLU, no biases), its presets,
// parameter count and memory estimate. Plain data: the studio shows these as settings change.
#include <cstdint>
#include <string>
#include <vector>

namespace chattrain {

struct ModelConfig {
  int vocab_size = 4000;
  int context_length = 128;
  int d_model = 128;
  int n_layers = 4;
  int n_heads = 4;
  int n_kv_heads = 4;  // < n_heads: grouped-query attention
  int ffn_hidden = 352;
  bool tie_embeddings = true;
  double rope_theta = 10000.0;
  double norm_eps = 1e-5;

  int head_dim() const { return d_model / n_heads; }
  std::int64_t parameter_count() const;
  // Transformer blocks plus the output head: the N of the 6N FLOPs-per-token rule.
  std::int64_t non_embedding_parameter_count() const;
  void validate() const;  // throws Error with what is inconsistent

  std::string to_json() const;
  static ModelConfig from_json(const std::string& json);
};

struct ModelPreset {
  std::string name;
  std::string description;
  ModelConfig config;
  int suggested_vocab_size;
  int batch_size;  // a batch that fits the intended hardware
};

const std::vector<ModelPreset>& model_presets();
const ModelPreset& model_preset(const std::string& name);  // throws Error listing the names

// SwiGLU hidden width of about 8/3·d rounded up to a multiple of `multiple`, as Llama does.
int swiglu_hidden(int d_model, int multiple = 32);

struct MemoryEstimate {
  std::int64_t weights = 0, gradients = 0, optimizer = 0, activations = 0;
  std::int64_t total() const { return weights + gradients + optimizer + activations; }
};
// Training memory in bytes for fp32 weights and AdamW; activations at `activation_bytes` per element.
MemoryEstimate estimate_training_memory(const ModelConfig& config, int batch_size, int seq_len,
                                        int activation_bytes = 4);

}  // namespace chattrain
