#pragma once
// Differences between Debian's LibTorch 1.13 (CPU) and the CUDA LibTorch 2.x of a GPU machine live here.
#include <torch/torch.h>
#include <torch/version.h>

#define CHATTRAIN_TORCH_AT_LEAST(major, minor) \
  (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace chattrain::compat {

// Attention of q (B, H, Tq, hd) over k, v (B, H, Tk, hd); query i sits at absolute position
// Tk - Tq + i and sees keys 0..that position. Returns (B, H, Tq, hd).
inline torch::Tensor causal_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v) {
  const auto Tq = q.size(2), Tk = k.size(2);
#if CHATTRAIN_TORCH_AT_LEAST(2, 0)
  // Fused kernels (flash / memory-efficient) on CUDA; is_causal assumes Tq == Tk.
  if (Tq == Tk) return at::scaled_dot_product_attention(q, k, v, {}, 0.0, /*is_causal=*/true);
  if (Tq == 1) return at::scaled_dot_product_attention(q, k, v);
#endif
  auto scores = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(double(q.size(-1))));  // (B, H, Tq, Tk)
  if (Tq > 1) {
    auto mask = torch::ones({Tq, Tk}, q.options().dtype(torch::kBool)).triu(Tk - Tq + 1);  // true above the diagonal
    scores = scores.masked_fill(mask, -std::numeric_limits<float>::infinity());
  }
  // Softmax in float32 even when the products run in bf16: its sums need the precision.
  return torch::matmul(torch::softmax(scores.to(torch::kFloat32), -1).to(v.scalar_type()), v);  // (B, H, Tq, hd)
}

// Attention of q (B, H, 1, hd) over k, v (B, H, L, hd) where sees (B, 1, 1, L) is true: one new token
// per row, each row seeing its own keys. Returns (B, H, 1, hd).
inline torch::Tensor masked_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, const torch::Tensor& sees) {
#if CHATTRAIN_TORCH_AT_LEAST(2, 0)
  return at::scaled_dot_product_attention(q, k, v, sees);
#else
  auto scores = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(double(q.size(-1))));  // (B, H, 1, L)
  scores = scores.to(torch::kFloat32).masked_fill(sees.logical_not(), -std::numeric_limits<float>::infinity());
  return torch::matmul(torch::softmax(scores, -1).to(v.scalar_type()), v);  // (B, H, 1, hd)
#endif
}

}  // namespace chattrain::compat
