#pragma once
// The decoder, Llama-style: RMSNorm, rotary position embeddings, SwiGLU, no biases, optional tied
// embeddings and grouped-query attention. Parameter names follow llama.cpp's short names so that
// exports map one to one.
#include <torch/torch.h>

#include "chattrain/model_config.h"
#include "model/safetensors.h"

namespace chattrain {

// Keys and values of every layer for generation: (B, n_kv_heads, capacity, head_dim) each.
struct KVCache {
  std::vector<torch::Tensor> keys, values;
  std::int64_t length = 0;  // positions filled (by the longest row)
  // Where each row's next token goes when the rows are at different positions (the answers to several
  // prompts in one batch; one token per row then). Empty: every row continues at `length`.
  std::vector<std::int64_t> row_positions;
  torch::Tensor row_positions_on_device;  // (B) int64: row_positions, made by GPT::hidden for its layers
  std::int64_t capacity() const { return keys.empty() ? 0 : keys[0].size(2); }
};

class GPTImpl : public torch::nn::Module {
 public:
  explicit GPTImpl(const ModelConfig& config);

  // tokens (B, T) int64 → logits (B, T, vocab). With a cache, tokens continue at cache->length and
  // their keys/values are appended; with cache->row_positions, tokens (B, 1) go each to its row's position.
  torch::Tensor forward(const torch::Tensor& tokens, KVCache* cache = nullptr);
  // The last layer's normalised output (B, T, C), before the vocabulary projection.
  torch::Tensor hidden(const torch::Tensor& tokens, KVCache* cache = nullptr);

  // A scalar head (a reward model's): score.weight (1, C), Hugging Face's name for a sequence
  // classifier's head. Added after a parent's weights are loaded, since the parent has none.
  void add_score_head(std::uint64_t seed);
  bool has_score_head() const { return score_.defined(); }
  // Logits (B, T, V) and the head at every position (B, T) float32, in one pass: a policy's value head.
  std::pair<torch::Tensor, torch::Tensor> forward_with_values(const torch::Tensor& tokens);
  // tokens (B, T), lengths (B): the head applied at each row's last real token → (B) float32.
  torch::Tensor score(const torch::Tensor& tokens, const torch::Tensor& lengths);
  KVCache make_cache(std::int64_t batch, std::int64_t capacity) const;

  // Deterministic initialisation from a seed, identical on every device.
  void initialize(std::uint64_t seed);
  // Mixed precision: matrix products (and attention) run in `dtype` (bf16 on a GPU), while weights,
  // norms, the residual stream and the loss stay float32. Autograd returns float32 gradients.
  // Explicit rather than autocast, on purpose: which operators run in bf16 is written here, once, for
  // training and generation alike, and does not move with autocast's operator lists (which differ
  // between LibTorch 1.13 and 2.x, and between CPU and CUDA); bf16 needs no loss scaling, so autocast
  // would add nothing else. Each input is converted once per block, as autocast's cache would.
  void set_compute_dtype(torch::Dtype dtype) { compute_ = dtype; }
  torch::Dtype compute_dtype() const { return compute_; }
  // Activation checkpointing: while training with gradients, each block keeps only its input and runs
  // again during backward (about a third more arithmetic for a fraction of the activations' memory).
  void set_activation_checkpointing(bool on) { checkpointing_ = on; }
  bool activation_checkpointing() const { return checkpointing_; }
  // One transformer block: x (B, T, C) float32 → (B, T, C). Public for the checkpointing function.
  torch::Tensor block(const torch::Tensor& x, int index, KVCache* cache = nullptr) const;
  const ModelConfig& config() const { return config_; }

  NamedTensors weights() const;                        // name → parameter, in a fixed order
  void load_weights(const NamedTensors& tensors, const std::string& file_for_errors);

 private:
  struct Layer {
    torch::Tensor attn_norm, wq, wk, wv, wo;    // (C), (H·hd, C), (KV·hd, C) ×2, (C, H·hd)
    torch::Tensor ffn_norm, w_gate, w_up, w_down;  // (C), (F, C) ×2, (C, F)
  };
  torch::Tensor rms_norm(const torch::Tensor& x, const torch::Tensor& weight) const;
  torch::Tensor project(const torch::Tensor& x, const torch::Tensor& weight) const;  // x·Wᵀ in the compute dtype
  // Rotary embedding of x (B, H, T, hd) by cos, sin broadcastable to (B, H, T, hd/2).
  static torch::Tensor rotate(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);
  torch::Tensor attention(const Layer& layer, const torch::Tensor& x, KVCache* cache, int index) const;
  // attention() for one new token per row, each at its cache->row_positions.
  torch::Tensor attention_at_rows(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, KVCache& cache, int index) const;

  ModelConfig config_;
  torch::Dtype compute_ = torch::kFloat32;
  bool checkpointing_ = false;
  torch::Tensor token_embedding_;  // (V, C)
  std::vector<Layer> layers_;
  torch::Tensor final_norm_;       // (C)
  torch::Tensor output_;           // (V, C); undefined when tied to the embedding
  torch::Tensor score_;            // (1, C); only in reward models
  torch::Tensor rope_cos_, rope_sin_;  // (context, hd/2) buffers
};
TORCH_MODULE(GPT);

}  // namespace chattrain
