#include "generate/cpu_decoder.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

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

__attribute__((target("avx2,fma"))) void product_avx2(const float* X, int R, int K, const float* W, int N, int n0, int n1, float* Y) {
  const int K8 = K & ~7;
  int n = n0;
  for (; n + 4 <= n1; n += 4) {
    const float* w0 = W + size_t(n) * size_t(K);
    const float *w1 = w0 + K, *w2 = w1 + K, *w3 = w2 + K;
    for (int r = 0; r < R; ++r) {
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
  Kernels() {
#ifdef CHATTRAIN_X86
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) product = product_avx2, dot = dot_avx2;
#endif
  }
};
const Kernels& kernels() {
  static const Kernels chosen;
  return chosen;
}

// A second thread for the large products: it takes the second half of W's rows. Between products it
// spins (a token's ~40 products are microseconds apart, and waking a sleeping thread costs as much as
// a small product), and it sleeps after a millisecond without work (between answers, or when the
// sampler or the caller takes long).
class ProductHelper {
 public:
  ProductHelper() : thread_([this] { run(); }) {}
  ~ProductHelper() {
    quit_ = true;
    post();
    thread_.join();
  }
  ProductHelper(const ProductHelper&) = delete;
  ProductHelper& operator=(const ProductHelper&) = delete;

  // Y's columns [n0, n1) with the helper doing [split, n1).
  void product(ProductKernel kernel, const float* X, int R, int K, const float* W, int N, float* Y) {
    const int split = (N / 2 + 3) & ~3;
    job_ = {kernel, X, R, K, W, N, split, N, Y};
    const std::uint64_t ticket = post();
    kernel(X, R, K, W, N, 0, split, Y);
    while (done_.load(std::memory_order_acquire) != ticket) pause();
  }

 private:
  struct Job {
    ProductKernel kernel;
    const float* X;
    int R, K;
    const float* W;
    int N, n0, n1;
    float* Y;
  };
  static void pause() {
#ifdef CHATTRAIN_X86
    _mm_pause();
#else
    std::this_thread::yield();
#endif
  }
  std::uint64_t post() {
    const std::uint64_t ticket = posted_.fetch_add(1, std::memory_order_acq_rel) + 1;
    std::lock_guard<std::mutex> lock(mutex_);  // a helper about to sleep either sees the ticket or gets the wake-up
    wake_.notify_one();
    return ticket;
  }
  void run() {
    std::uint64_t seen = 0;
    for (;;) {
      auto idle_since = std::chrono::steady_clock::now();
      for (int spins = 1; posted_.load(std::memory_order_acquire) == seen; ++spins) {
        pause();
        if (spins % 1024 == 0 && std::chrono::steady_clock::now() - idle_since > std::chrono::milliseconds(1)) {
          std::unique_lock<std::mutex> lock(mutex_);
          wake_.wait(lock, [&] { return posted_.load(std::memory_order_acquire) != seen; });
          idle_since = std::chrono::steady_clock::now();
        }
      }
      seen = posted_.load(std::memory_order_acquire);
      if (quit_) return;
      job_.kernel(job_.X, job_.R, job_.K, job_.W, job_.N, job_.n0, job_.n1, job_.Y);
      done_.store(seen, std::memory_order_release);
    }
  }

  Job job_{};
  std::atomic<std::uint64_t> posted_{0}, done_{0};
  std::atomic<bool> quit_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

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

struct CpuDecoder::Helper : ProductHelper {};

void CpuDecoder::product(const float* X, int R, int K, const float* W, int N, float* Y) const {
  // Below this many multiply-adds a hand-over costs more than it saves.
  constexpr std::int64_t split_from = 64 * 1024;
  const ProductKernel kernel = kernels().product;
  if (helper_ && std::int64_t(R) * K * N >= split_from) helper_->product(kernel, X, R, K, W, N, Y);
  else kernel(X, R, K, W, N, 0, N, Y);
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
  if (cpu_threads() > 1) d.helper_ = std::make_shared<Helper>();
  return d;
}

void CpuDecoder::step(KVCache& cache, const std::vector<int>& rows, const std::vector<int>& tokens, std::vector<float>& logits) {
  const auto& kernel = kernels();
  const int R = int(rows.size());
  const int C = int(config_.d_model), V = int(config_.vocab_size), F = int(config_.ffn_hidden);
  const int H = config_.n_heads, KV = config_.n_kv_heads, hd = int(config_.head_dim()), half = hd / 2;
  const int group = H / KV;  // query heads per key/value head
  const std::int64_t pos = cache.length, capacity = cache.capacity();
  if (pos >= capacity) throw std::logic_error("CpuDecoder::step: the cache is full");
  const size_t RC = size_t(R) * size_t(C);
  x_.resize(RC), h_.resize(RC), q_.resize(size_t(R) * size_t(H * hd)), attended_.resize(q_.size());
  k_.resize(size_t(R) * size_t(KV * hd)), v_.resize(k_.size()), gate_.resize(size_t(R) * size_t(F)), up_.resize(gate_.size());
  scores_.resize(size_t(pos) + 1);
  logits.resize(size_t(R) * size_t(V));
  const float* cos = rope_cos_ + pos * half;
  const float* sin = rope_sin_ + pos * half;
  const float scale = 1.0f / std::sqrt(float(hd));

  for (int r = 0; r < R; ++r) std::copy_n(embedding_ + size_t(tokens[size_t(r)]) * size_t(C), C, &x_[size_t(r) * size_t(C)]);  // (R, C)
  for (size_t li = 0; li < layers_.size(); ++li) {
    const Layer& l = layers_[li];
    float* keys = cache.keys[li].data_ptr<float>();      // (B, KV, capacity, hd)
    float* values = cache.values[li].data_ptr<float>();
    for (int r = 0; r < R; ++r) rms_norm(&x_[size_t(r) * size_t(C)], l.attn_norm, C, config_.norm_eps, &h_[size_t(r) * size_t(C)]);
    product(h_.data(), R, C, l.wq, H * hd, q_.data());   // (R, H·hd)
    product(h_.data(), R, C, l.wk, KV * hd, k_.data());  // (R, KV·hd)
    product(h_.data(), R, C, l.wv, KV * hd, v_.data());
    for (int r = 0; r < R; ++r) {
      const std::int64_t row = rows[size_t(r)];
      for (int head = 0; head < H; ++head) rotate(&q_[(size_t(r) * size_t(H) + size_t(head)) * size_t(hd)], cos, sin, half);
      for (int g = 0; g < KV; ++g) {
        float* key = &k_[(size_t(r) * size_t(KV) + size_t(g)) * size_t(hd)];
        rotate(key, cos, sin, half);
        const std::int64_t slot = ((row * KV + g) * capacity + pos) * hd;  // this token's place in the cache
        std::copy_n(key, hd, keys + slot);
        std::copy_n(&v_[(size_t(r) * size_t(KV) + size_t(g)) * size_t(hd)], hd, values + slot);
      }
      // Attention of each query head over positions 0..pos of its key/value head.
      for (int head = 0; head < H; ++head) {
        const std::int64_t base = (row * KV + head / group) * capacity * hd;
        const float* query = &q_[(size_t(r) * size_t(H) + size_t(head)) * size_t(hd)];
        float top = -std::numeric_limits<float>::infinity();
        for (std::int64_t t = 0; t <= pos; ++t) {
          scores_[size_t(t)] = kernel.dot(query, keys + base + t * hd, hd) * scale;
          top = std::max(top, scores_[size_t(t)]);
        }
        float total = 0;
        for (std::int64_t t = 0; t <= pos; ++t) total += (scores_[size_t(t)] = std::exp(scores_[size_t(t)] - top));
        float* out = &attended_[(size_t(r) * size_t(H) + size_t(head)) * size_t(hd)];
        std::fill_n(out, hd, 0.0f);
        for (std::int64_t t = 0; t <= pos; ++t) {
          const float weight = scores_[size_t(t)] / total;
          const float* value = values + base + t * hd;
          for (int i = 0; i < hd; ++i) out[i] += weight * value[i];
        }
      }
    }
    product(attended_.data(), R, H * hd, l.wo, C, h_.data());  // (R, C)
    for (size_t i = 0; i < RC; ++i) x_[i] += h_[i];
    for (int r = 0; r < R; ++r) rms_norm(&x_[size_t(r) * size_t(C)], l.ffn_norm, C, config_.norm_eps, &h_[size_t(r) * size_t(C)]);
    product(h_.data(), R, C, l.w_gate, F, gate_.data());  // (R, F)
    product(h_.data(), R, C, l.w_up, F, up_.data());
    for (size_t i = 0; i < gate_.size(); ++i) gate_[i] = gate_[i] / (1.0f + std::exp(-gate_[i])) * up_[i];  // SiLU(gate)·up
    product(gate_.data(), R, F, l.w_down, C, h_.data());  // (R, C)
    for (size_t i = 0; i < RC; ++i) x_[i] += h_[i];
  }
  for (int r = 0; r < R; ++r) rms_norm(&x_[size_t(r) * size_t(C)], final_norm_, C, config_.norm_eps, &h_[size_t(r) * size_t(C)]);
  product(h_.data(), R, C, output_, V, logits.data());  // (R, V)
  cache.length += 1;
}

}  // namespace chattrain
