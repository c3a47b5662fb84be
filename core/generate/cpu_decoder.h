#pragma once
// Decoding on the CPU at llama.cpp's pace. At the sizes this app trains (1–35M parameters) a new token
// costs a few megaflops, and the ~300 LibTorch calls GPT::forward makes for it (dispatch, allocation,
// shape checks, OpenBLAS waking its threads for products of one row) cost several times more: decoding
// ran at a fifth of llama.cpp's speed. This is the same forward pass for one new token per row, as plain
// loops over the model's own float32 weights (AVX2 and FMA where the CPU has them), reading and writing
// the KV cache GPT::forward fills, so GPT::forward reads the prompt and this continues it.
//
// Each row's arithmetic does not depend on the other rows or on how many there are: answer 0 of a batch
// is, bit for bit, what one answer alone gives.
#include <memory>
#include <optional>
#include <vector>

#include "generate/second_thread.h"
#include "model/gpt.h"

namespace chattrain {

class CpuDecoder {
 public:
  // A decoder for `model`, or none where it cannot run: weights not float32 on the CPU, or matrix products
  // in another dtype. It reads the weights in place: it must not outlive `model`'s weights. Where the
  // process may use two cores, a second thread takes half of the large products, of the rows' attention
  // and (through second_thread()) of their sampling. Rows must be distinct rows of the cache.
  static std::optional<CpuDecoder> of(const GPT& model);

  // One token per listed row: tokens[i] enters cache row rows[i] at position positions[i] (each row has
  // its own: the answers to several prompts of different lengths go in one batch). Rows not listed are not
  // computed (their slots stay as they were). Fills `logits` with the listed rows' logits,
  // rows.size() × vocab; cache.length becomes at least each position + 1.
  void step(KVCache& cache, const std::vector<int>& rows, const std::vector<std::int64_t>& positions,
            const std::vector<int>& tokens, std::vector<float>& logits);
  SecondThread* second_thread() const { return second_.get(); }

 private:
  struct Layer {
    const float *attn_norm, *wq, *wk, *wv, *wo;        // (C), (H·hd, C), (KV·hd, C) ×2, (C, H·hd)
    const float *ffn_norm, *w_gate, *w_up, *w_down;  // (C), (F, C) ×2, (C, F)
  };
  CpuDecoder() = default;
  // Attention of rows [r0, r1) at one layer: rotates their q and k, writes k and v into the cache, and
  // fills their part of attended_. `scores` is the calling thread's scratch.
  void attend(std::int64_t layer, const KVCache& cache, const std::vector<int>& rows,
              const std::vector<std::int64_t>& positions, int r0, int r1, std::vector<float>& scores);
  // Y (R, N) = X (R, K) · Wᵀ for W (N, K).
  void product(const float* X, int R, int K, const float* W, int N, float* Y) const;

  ModelConfig config_;
  const float* embedding_ = nullptr;  // (V, C)
  const float* output_ = nullptr;     // (V, C): the embedding when tied
  const float* final_norm_ = nullptr;  // (C)
  const float *rope_cos_ = nullptr, *rope_sin_ = nullptr;  // (context, hd/2)
  std::vector<Layer> layers_;
  // Scratch, reused from step to step: the residual stream x and normalised h (R, C), q and the attention's
  // output (R, H·hd), k and v (R, KV·hd), gate and up (R, F), scores (context) for each thread.
  std::vector<float> x_, h_, q_, k_, v_, attended_, gate_, up_, scores_, second_scores_;
  std::shared_ptr<SecondThread> second_;
};

}  // namespace chattrain
