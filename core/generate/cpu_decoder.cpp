#include "generate/cpu_decoder.h"

#include <cmath>
#include <map>

#include "chattrain/runtime.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CHATTRAIN_X86 1
#endif

namespace chattrain {
namespace {

// Y (R, N) = X (R, K) · Wᵀ, W (N, K) row-major as torch::linear takes it, for W's rows [n0, n1) (Y's
// columns; Y's rows are N apart). Four rows of W at a time against each row of X: the four stay in L1
// while every row of X passes, and each output is one dot product summed in the same order whatever R
// is, and whichever thread computes it.
using ProductKernel = void (*)(const float* X, int R, int K, const float* W, int N, int n0, int n1, float* Y);
// Σ a[i]·b[i] over n.
using DotKernel = float (*)(const float* a, const float* b, int n);
// x[i] = exp(x[i] − shift) over n; returns their sum (a softmax's numerators and denominator).
using ExpSumKernel = float (*)(float* x, int n, float shift);
// out (n) = Σ_t w[t] · V[t] over T rows of V (T, n): attention's weighted sum of values.
using WeightedSumKernel = void (*)(const float* w, const float* V, int T, int n, float* out);
// gate[i] = SiLU(gate[i]) · up[i] over n, as GPT's SwiGLU.
using SiluTimesKernel = void (*)(float* gate, const float* up, size_t n);

// Eight lanes summed pairwise at the end: the portable form, which compilers vectorise for SSE2.
float dot_portable(const float* a, const float* b, int n) {
  float lane[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int i = 0;
  for (; i + 8 <= n; i += 8)
    for (int j = 0; j < 8; ++j) lane[j] += a[i + j] * b[i + j];
  float sum = ((lane[0] + lane[4]) + (lane[1] + lane[5])) + ((lane[2] + lane[6]) + (lane[3] + lane[7]));
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

float exp_sum_portable(float* x, int n, float shift) {
  float total = 0;
  for (int i = 0; i < n; ++i) total += (x[i] = std::exp(x[i] - shift));
  return total;
}

void weighted_sum_portable(const float* w, const float* V, int T, int n, float* out) {
  std::fill_n(out, n, 0.0f);
  for (int t = 0; t < T; ++t)
    for (int i = 0; i < n; ++i) out[i] += w[t] * V[size_t(t) * size_t(n) + size_t(i)];
}

void silu_times_portable(float* gate, const float* up, size_t n) {
  for (size_t i = 0; i < n; ++i) gate[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
}

void product_portable(const float* X, int R, int K, const float* W, int N, int n0, int n1, float* Y) {
  for (int n = n0; n < n1; ++n)
    for (int r = 0; r < R; ++r) Y[size_t(r) * size_t(N) + size_t(n)] = dot_portable(W + size_t(n) * size_t(K), X + size_t(r) * size_t(K), K);
}

#ifdef CHATTRAIN_X86
__attribute__((target("avx2,fma"))) inline float sum_of(__m256 v) {
  const __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  const __m128 quarter = _mm_add_ps(half, _mm_movehl_ps(half, half));
  return _mm_cvtss_f32(_mm_add_ss(quarter, _mm_shuffle_ps(quarter, quarter, 1)));
}

__attribute__((target("avx2,fma"))) float dot_avx2(const float* a, const float* b, int n) {
  __m256 acc = _mm256_setzero_ps();
  int i = 0;
  for (; i + 8 <= n; i += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), acc);
  float sum = sum_of(acc);
  for (; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

// e^x for eight lanes: 2^n · e^r with n = round(x / ln 2), |r| ≤ ln 2 / 2 (ln 2 split in two for an exact
// r), e^r by its series to r⁶ (relative error ~2e-7); x clamped to where 2^n is a normal float. A NaN
// stays NaN (MINPS/MAXPS return their second operand for a NaN), so damaged weights still show.
__attribute__((target("avx2,fma"))) inline __m256 exp_avx2(__m256 x) {
  x = _mm256_max_ps(_mm256_set1_ps(-87.3f), _mm256_min_ps(_mm256_set1_ps(88.0f), x));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.0f / 720);
  for (const float c : {1.0f / 120, 1.0f / 24, 1.0f / 6, 0.5f, 1.0f, 1.0f}) p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(c));
  const __m256i two_to_n = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(two_to_n));
}

__attribute__((target("avx2,fma"))) float exp_sum_avx2(float* x, int n, float shift) {
  const __m256 s = _mm256_set1_ps(shift);
  __m256 acc = _mm256_setzero_ps();
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 e = exp_avx2(_mm256_sub_ps(_mm256_loadu_ps(x + i), s));
    _mm256_storeu_ps(x + i, e);
    acc = _mm256_add_ps(acc, e);
  }
  float total = sum_of(acc);
  for (; i < n; ++i) total += (x[i] = std::exp(x[i] - shift));
  return total;
}

// 32 columns at a time in four registers over all T rows, then 8 at a time, then the rest.
__attribute__((target("avx2,fma"))) void weighted_sum_avx2(const float* w, const float* V, int T, int n, float* out) {
  int i = 0;
  for (; i + 32 <= n; i += 32) {
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    for (int t = 0; t < T; ++t) {
      const __m256 wt = _mm256_set1_ps(w[t]);
      const float* v = V + size_t(t) * size_t(n) + size_t(i);
      a0 = _mm256_fmadd_ps(wt, _mm256_loadu_ps(v), a0);
      a1 = _mm256_fmadd_ps(wt, _mm256_loadu_ps(v + 8), a1);
      a2 = _mm256_fmadd_ps(wt, _mm256_loadu_ps(v + 16), a2);
      a3 = _mm256_fmadd_ps(wt, _mm256_loadu_ps(v + 24), a3);
    }
    _mm256_storeu_ps(out + i, a0), _mm256_storeu_ps(out + i + 8, a1), _mm256_storeu_ps(out + i + 16, a2), _mm256_storeu_ps(out + i + 24, a3);
  }
  for (; i + 8 <= n; i += 8) {
    __m256 a = _mm256_setzero_ps();
    for (int t = 0; t < T; ++t) a = _mm256_fmadd_ps(_mm256_set1_ps(w[t]), _mm256_loadu_ps(V + size_t(t) * size_t(n) + size_t(i)), a);
    _mm256_storeu_ps(out + i, a);
  }
  for (; i < n; ++i) {
    float a = 0;
    for (int t = 0; t < T; ++t) a += w[t] * V[size_t(t) * size_t(n) + size_t(i)];
    out[i] = a;
  }
}

__attribute__((target("avx2,fma"))) void silu_times_avx2(float* gate, const float* up, size_t n) {
  const __m256 one = _mm256_set1_ps(1.0f);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 g = _mm256_loadu_ps(gate + i);
    const __m256 sigmoid = _mm256_div_ps(one, _mm256_add_ps(one, exp_avx2(_mm256_sub_ps(_mm256_setzero_ps(), g))));
    _mm256_storeu_ps(gate + i, _mm256_mul_ps(_mm256_mul_ps(g, sigmoid), _mm256_loadu_ps(up + i)));
  }
  for (; i < n; ++i) gate[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
}

__attribute__((target("avx2,fma"))) void product_avx2(const float* X, int R, int K, const float* W, int N, int n0, int n1, float* Y) {
  const int K8 = K & ~7;
  int n = n0;
  for (; n + 4 <= n1; n += 4) {
    const float* w0 = W + size_t(n) * size_t(K);
    const float *w1 = w0 + K, *w2 = w1 + K, *w3 = w2 + K;
    int r = 0;
    for (; r + 2 <= R; r += 2) {  // two rows of X: eight sums in registers, six loads per eight multiply-adds
      const float* x = X + size_t(r) * size_t(K);
      const float* x1 = x + K;
      __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
      for (int k = 0; k < K8; k += 8) {
        const __m256 xv = _mm256_loadu_ps(x + k), xv1 = _mm256_loadu_ps(x1 + k);
        const __m256 v0 = _mm256_loadu_ps(w0 + k), v1 = _mm256_loadu_ps(w1 + k), v2 = _mm256_loadu_ps(w2 + k), v3 = _mm256_loadu_ps(w3 + k);
        a0 = _mm256_fmadd_ps(v0, xv, a0), b0 = _mm256_fmadd_ps(v0, xv1, b0);
        a1 = _mm256_fmadd_ps(v1, xv, a1), b1 = _mm256_fmadd_ps(v1, xv1, b1);
        a2 = _mm256_fmadd_ps(v2, xv, a2), b2 = _mm256_fmadd_ps(v2, xv1, b2);
        a3 = _mm256_fmadd_ps(v3, xv, a3), b3 = _mm256_fmadd_ps(v3, xv1, b3);
      }
      float s0 = sum_of(a0), s1 = sum_of(a1), s2 = sum_of(a2), s3 = sum_of(a3);
      float t0 = sum_of(b0), t1 = sum_of(b1), t2 = sum_of(b2), t3 = sum_of(b3);
      for (int k = K8; k < K; ++k) {
        s0 += w0[k] * x[k], s1 += w1[k] * x[k], s2 += w2[k] * x[k], s3 += w3[k] * x[k];
        t0 += w0[k] * x1[k], t1 += w1[k] * x1[k], t2 += w2[k] * x1[k], t3 += w3[k] * x1[k];
      }
      float* y = Y + size_t(r) * size_t(N) + size_t(n);
      y[0] = s0, y[1] = s1, y[2] = s2, y[3] = s3;
      y += N;
      y[0] = t0, y[1] = t1, y[2] = t2, y[3] = t3;
    }
    for (; r < R; ++r) {  // the same sums, in the same order, for a last row alone
      const float* x = X + size_t(r) * size_t(K);
      __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
      for (int k = 0; k < K8; k += 8) {
        const __m256 xv = _mm256_loadu_ps(x + k);
        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w0 + k), xv, a0);
        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(w1 + k), xv, a1);
        a2 = _mm256_fmadd_ps(_mm256_loadu_ps(w2 + k), xv, a2);
        a3 = _mm256_fmadd_ps(_mm256_loadu_ps(w3 + k), xv, a3);
      }
      float s0 = sum_of(a0), s1 = sum_of(a1), s2 = sum_of(a2), s3 = sum_of(a3);
      for (int k = K8; k < K; ++k) s0 += w0[k] * x[k], s1 += w1[k] * x[k], s2 += w2[k] * x[k], s3 += w3[k] * x[k];
      float* y = Y + size_t(r) * size_t(N) + size_t(n);
      y[0] = s0, y[1] = s1, y[2] = s2, y[3] = s3;
    }
  }
  for (; n < n1; ++n)
    for (int r = 0; r < R; ++r) Y[size_t(r) * size_t(N) + size_t(n)] = dot_avx2(W + size_t(n) * size_t(K), X + size_t(r) * size_t(K), K);
}
#endif

struct Kernels {
  ProductKernel product = product_portable;
  DotKernel dot = dot_portable;
  ExpSumKernel exp_sum = exp_sum_portable;
  WeightedSumKernel weighted_sum = weighted_sum_portable;
  SiluTimesKernel silu_times = silu_times_portable;
  Kernels() {
#ifdef CHATTRAIN_X86
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
      product = product_avx2, dot = dot_avx2, exp_sum = exp_sum_avx2, weighted_sum = weighted_sum_avx2, silu_times = silu_times_avx2;
#endif
  }
};
const Kernels& kernels() {
  static const Kernels chosen;
  return chosen;
}

// out = x / sqrt(mean(x²) + eps) · weight, as GPT's rms_norm.
void rms_norm(const float* x, const float* weight, int C, double eps, float* out) {
  float squares = 0;
  for (int c = 0; c < C; ++c) squares += x[c] * x[c];
  const float scale = 1.0f / std::sqrt(squares / float(C) + float(eps));
  for (int c = 0; c < C; ++c) out[c] = x[c] * scale * weight[c];
}

// Rotary embedding of one head at one position, "rotate half" as GPT::rotate.
void rotate(float* head, const float* cos, const float* sin, int half) {
  for (int i = 0; i < half; ++i) {
    const float x1 = head[i], x2 = head[i + half];
    head[i] = x1 * cos[i] - x2 * sin[i];
    head[i + half] = x2 * cos[i] + x1 * sin[i];
  }
}

const float* float_data(const torch::Tensor& t) {
  if (!t.defined() || !t.device().is_cpu() || t.scalar_type() != torch::kFloat32 || !t.is_contiguous()) return nullptr;
  return t.data_ptr<float>();
}

}  // namespace

void CpuDecoder::product(const float* X, int R, int K, const float* W, int N, float* Y) const {
  // Below this many multiply-adds a hand-over costs more than it saves.
  constexpr std::int64_t split_from = 64 * 1024;
  const ProductKernel kernel = kernels().product;
  if (std::int64_t(R) * K * N < split_from) return kernel(X, R, K, W, N, 0, N, Y);
  split_in_two(second_.get(), N, 2, 4, [&](int n0, int n1) { kernel(X, R, K, W, N, n0, n1, Y); });
}

std::optional<CpuDecoder> CpuDecoder::of(const GPT& model) {
  if (model->compute_dtype() != torch::kFloat32) return std::nullopt;
  std::map<std::string, const float*> weight;
  for (const auto& [name, tensor] : model->weights()) {
    const float* data = float_data(tensor);
    if (!data) return std::nullopt;
    weight[name] = data;
  }
  CpuDecoder d;
  d.config_ = model->config();
  for (const auto& buffer : model->named_buffers(/*recurse=*/false)) {
    if (buffer.key() == "rope_cos") d.rope_cos_ = float_data(buffer.value());
    if (buffer.key() == "rope_sin") d.rope_sin_ = float_data(buffer.value());
  }
  if (!d.rope_cos_ || !d.rope_sin_) return std::nullopt;
  d.embedding_ = weight.at("token_embd.weight");
  d.output_ = weight.count("output.weight") ? weight.at("output.weight") : d.embedding_;
  d.final_norm_ = weight.at("output_norm.weight");
  for (int i = 0; i < d.config_.n_layers; ++i) {
    const std::string p = "blk." + std::to_string(i) + ".";
    auto w = [&](const char* name) { return weight.at(p + name + ".weight"); };
    d.layers_.push_back({w("attn_norm"), w("attn_q"), w("attn_k"), w("attn_v"), w("attn_output"),
                         w("ffn_norm"), w("ffn_gate"), w("ffn_up"), w("ffn_down")});
  }
  d.second_ = SecondThread::if_useful();  // only now: a refused decoder starts no thread
  return d;
}

void CpuDecoder::attend(std::int64_t layer, const KVCache& cache, const std::vector<int>& rows,
                        const std::vector<std::int64_t>& positions, int r0, int r1, std::vector<float>& scores) {
  const auto& kernel = kernels();
  const int H = config_.n_heads, KV = config_.n_kv_heads, hd = int(config_.head_dim()), half = hd / 2;
  const int group = H / KV;  // query heads per key/value head
  const std::int64_t capacity = cache.capacity();
  float* keys = cache.keys[size_t(layer)].data_ptr<float>();  // (B, KV, capacity, hd)
  float* values = cache.values[size_t(layer)].data_ptr<float>();
  const float scale = 1.0f / std::sqrt(float(hd));
  for (int r = r0; r < r1; ++r) {
    const std::int64_t row = rows[size_t(r)], pos = positions[size_t(r)];
    const float* cos = rope_cos_ + pos * half;
    const float* sin = rope_sin_ + pos * half;
    scores.resize(size_t(pos) + 1);
    for (int head = 0; head < H; ++head) rotate(&q_[(size_t(r) * size_t(H) + size_t(head)) * size_t(hd)], cos, sin, half);
    for (int g = 0; g < KV; ++g) {
      float* key = &k_[(size_t(r) * size_t(KV) + size_t(g)) * size_t(hd)];
      rotate(key, cos, sin, half);
      const std::int64_t slot = ((row * KV + g) * capacity + pos) * hd;  // this token's place in the cache
      std::copy_n(key, hd, keys + slot);
      std::copy_n(&v_[(size_t(r) * size_t(KV) + size_t(g)) * size_t(hd)], hd, values + slot);
    }
    // Attention of each query head over positions 0..pos of its key/value head: the scores are one
    // product of the query with the head's keys (pos + 1, hd).
    for (int head = 0; head < H; ++head) {
      const std::int64_t base = (row * KV + head / group) * capacity * hd;
      const float* query = &q_[(size_t(r) * size_t(H) + size_t(head)) * size_t(hd)];
      const int T = int(pos) + 1;
      kernel.product(query, 1, hd, keys + base, T, 0, T, scores.data());  // (T)
      float top = -std::numeric_limits<float>::infinity();
      for (int t = 0; t < T; ++t) top = std::max(top, scores[size_t(t)] *= scale);
      const float total = kernel.exp_sum(scores.data(), T, top);
      float* out = &attended_[(size_t(r) * size_t(H) + size_t(head)) * size_t(hd)];
      kernel.weighted_sum(scores.data(), values + base, T, hd, out);
      for (int i = 0; i < hd; ++i) out[i] /= total;
    }
  }
}

void CpuDecoder::step(KVCache& cache, const std::vector<int>& rows, const std::vector<std::int64_t>& positions,
                      const std::vector<int>& tokens, std::vector<float>& logits) {
  const auto& kernel = kernels();
  const int R = int(rows.size());
  const int C = int(config_.d_model), V = int(config_.vocab_size), F = int(config_.ffn_hidden);
  const int H = config_.n_heads, KV = config_.n_kv_heads, hd = int(config_.head_dim());
  if (positions.size() != rows.size() || tokens.size() != rows.size())
    throw std::logic_error("CpuDecoder::step: one position and one token per row");
  for (const auto pos : positions)
    if (pos < 0 || pos >= cache.capacity()) throw std::logic_error("CpuDecoder::step: a position outside the cache");
  for (const int row : rows)
    if (row < 0 || row >= cache.keys.front().size(0)) throw std::logic_error("CpuDecoder::step: a row outside the cache");
  const size_t RC = size_t(R) * size_t(C);
  x_.resize(RC), h_.resize(RC), q_.resize(size_t(R) * size_t(H * hd)), attended_.resize(q_.size());
  k_.resize(size_t(R) * size_t(KV * hd)), v_.resize(k_.size()), gate_.resize(size_t(R) * size_t(F)), up_.resize(gate_.size());
  logits.resize(size_t(R) * size_t(V));

  for (int r = 0; r < R; ++r) std::copy_n(embedding_ + size_t(tokens[size_t(r)]) * size_t(C), C, &x_[size_t(r) * size_t(C)]);  // (R, C)
  for (size_t li = 0; li < layers_.size(); ++li) {
    const Layer& l = layers_[li];
    for (int r = 0; r < R; ++r) rms_norm(&x_[size_t(r) * size_t(C)], l.attn_norm, C, config_.norm_eps, &h_[size_t(r) * size_t(C)]);
    product(h_.data(), R, C, l.wq, H * hd, q_.data());   // (R, H·hd)
    product(h_.data(), R, C, l.wk, KV * hd, k_.data());  // (R, KV·hd)
    product(h_.data(), R, C, l.wv, KV * hd, v_.data());
    // Rows attend each over its own positions: half of them on the second thread.
    split_in_two(second_.get(), R, 2, 1, [&](int r0, int r1) {
      attend(std::int64_t(li), cache, rows, positions, r0, r1, r0 == 0 ? scores_ : second_scores_);
    });
    product(attended_.data(), R, H * hd, l.wo, C, h_.data());  // (R, C)
    for (size_t i = 0; i < RC; ++i) x_[i] += h_[i];
    for (int r = 0; r < R; ++r) rms_norm(&x_[size_t(r) * size_t(C)], l.ffn_norm, C, config_.norm_eps, &h_[size_t(r) * size_t(C)]);
    product(h_.data(), R, C, l.w_gate, F, gate_.data());  // (R, F)
    product(h_.data(), R, C, l.w_up, F, up_.data());
    // SiLU(gate)·up, row by row: which elements fall in the vector loop's tail must not depend on R.
    for (int r = 0; r < R; ++r) kernel.silu_times(&gate_[size_t(r) * size_t(F)], &up_[size_t(r) * size_t(F)], size_t(F));
    product(gate_.data(), R, F, l.w_down, C, h_.data());  // (R, C)
    for (size_t i = 0; i < RC; ++i) x_[i] += h_[i];
  }
  for (int r = 0; r < R; ++r) rms_norm(&x_[size_t(r) * size_t(C)], final_norm_, C, config_.norm_eps, &h_[size_t(r) * size_t(C)]);
  product(h_.data(), R, C, output_, V, logits.data());  // (R, V)
  for (const auto pos : positions) cache.length = std::max(cache.length, pos + 1);
}

}  // namespace chattrain
