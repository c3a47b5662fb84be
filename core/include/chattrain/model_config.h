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
  std::int64_t weights = 0, gradients = 0, optimizer = 0;
  std::int64_t saved_activations = 0;  // what the forward pass keeps for backward
  std::int64_t activations = 0;        // that, plus what backward adds at its peak
  std::int64_t total() const { return weights + gradients + optimizer + activations; }
};
struct TrainingMemoryOptions {
  int compute_bytes = 4;                  // 2: the matrix products in bf16
  bool fused_attention = false;           // a fused kernel keeps no (T × T) attention probabilities
  bool activation_checkpointing = false;  // blocks keep only their input and are recomputed in backward
  int sequences_per_example = 1;          // 2 for pairs (reward model, DPO): chosen and rejected
};
// Training memory in bytes for `batch_size` examples of `seq_len` tokens: float32 weights, gradients
// and AdamW's two moments, and the activations this model's code keeps (counted tensor by tensor in
// model_config.cpp; a test holds the count against the heap on the CPU).
MemoryEstimate estimate_training_memory(const ModelConfig& config, int batch_size, int seq_len,
                                        const TrainingMemoryOptions& options = {});

// Model FLOPs of one trained token (forward and backward): 6 per non-embedding parameter plus the
// attention's 12·layers·d·T (PaLM's appendix B): the numerator of model FLOPs utilisation.
double training_flops_per_token(const ModelConfig& config, int seq_len);

}  // namespace chattrain
