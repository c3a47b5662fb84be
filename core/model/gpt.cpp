#include "model/gpt.h"

#include "chattrain/error.h"
#include "model/torch_compat.h"
#include "util/translatable.h"

namespace chattrain {

GPTImpl::GPTImpl(const ModelConfig& config) : config_(config) {
  config_.validate();
  const std::int64_t V = config.vocab_size, C = config.d_model, F = config.ffn_hidden;
  const std::int64_t hd = config.head_dim(), H = config.n_heads, KV = config.n_kv_heads;
  token_embedding_ = register_parameter("token_embd", torch::empty({V, C}));
  for (int i = 0; i < config.n_layers; ++i) {
    const std::string p = "blk_" + std::to_string(i) + "_";
    Layer l;
    l.attn_norm = register_parameter(p + "attn_norm", torch::ones({C}));
    l.wq = register_parameter(p + "attn_q", torch::empty({H * hd, C}));
    l.wk = register_parameter(p + "attn_k", torch::empty({KV * hd, C}));
    l.wv = register_parameter(p + "attn_v", torch::empty({KV * hd, C}));
    l.wo = register_parameter(p + "attn_output", torch::empty({C, H * hd}));
    l.ffn_norm = register_parameter(p + "ffn_norm", torch::ones({C}));
    l.w_gate = register_parameter(p + "ffn_gate", torch::empty({F, C}));
    l.w_up = register_parameter(p + "ffn_up", torch::empty({F, C}));
    l.w_down = register_parameter(p + "ffn_down", torch::empty({C, F}));
    layers_.push_back(l);
  }
  final_norm_ = register_parameter("output_norm", torch::ones({C}));
  if (!config.tie_embeddings) output_ = register_parameter("output", torch::empty({V, C}));

  // Rotary tables: frequency theta^(-2i/hd) for each pair i of a head's halves.
  auto inv_freq = torch::pow(config.rope_theta, -torch::arange(0, hd, 2, torch::kFloat64) / double(hd));  // (hd/2)
  auto angles = torch::outer(torch::arange(config.context_length, torch::kFloat64), inv_freq);             // (ctx, hd/2)
  rope_cos_ = register_buffer("rope_cos", angles.cos().to(torch::kFloat32));
  rope_sin_ = register_buffer("rope_sin", angles.sin().to(torch::kFloat32));
  initialize(0);
}

void GPTImpl::initialize(std::uint64_t seed) {
  torch::NoGradGuard no_grad;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto normal = [&](torch::Tensor& t, double std) {
    t.copy_(torch::empty(t.sizes(), torch::kFloat32).normal_(0.0, std, generator));
  };
  // GPT-2's scheme: 0.02 everywhere, the two projections that write into the residual stream
  // scaled down by sqrt(2·layers) so the stream's variance does not grow with depth.
  const double residual_std = 0.02 / std::sqrt(2.0 * config_.n_layers);
  normal(token_embedding_, 0.02);
  for (auto& l : layers_) {
    l.attn_norm.fill_(1.0);
    l.ffn_norm.fill_(1.0);
    normal(l.wq, 0.02);
    normal(l.wk, 0.02);
    normal(l.wv, 0.02);
    normal(l.wo, residual_std);
    normal(l.w_gate, 0.02);
    normal(l.w_up, 0.02);
    normal(l.w_down, residual_std);
  }
  final_norm_.fill_(1.0);
  if (output_.defined()) normal(output_, 0.02);
}

torch::Tensor GPTImpl::project(const torch::Tensor& x, const torch::Tensor& weight) const {
  if (compute_ == torch::kFloat32) return torch::linear(x, weight);
  return torch::linear(x.to(compute_), weight.to(compute_));
}

torch::Tensor GPTImpl::rms_norm(const torch::Tensor& x, const torch::Tensor& weight) const {
  auto x32 = x.to(torch::kFloat32);
  auto normed = x32 * torch::rsqrt(x32.pow(2).mean(-1, /*keepdim=*/true) + config_.norm_eps);
  return (normed * weight).to(x.scalar_type());
}

// Rotary embedding in the "rotate half" layout of Hugging Face's Llama: dimension i pairs with
// i + hd/2. x: (B, H, T, hd); cos, sin: the positions' rows of rope_cos_/rope_sin_, broadcastable.
torch::Tensor GPTImpl::rotate(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
  const auto half = x.size(3) / 2;
  auto x1 = x.narrow(-1, 0, half), x2 = x.narrow(-1, half, half);
  return torch::cat({x1 * cos - x2 * sin, x2 * cos + x1 * sin}, -1);  // (B, H, T, hd)
}

namespace {
// q (B, H, Tq, hd) over k, v (B, KV, Tk, hd): each key/value head serves H/KV query heads (grouped-query
// attention); causal, or where `sees` (B, 1, 1, Tk) is true when given.
torch::Tensor attend(const torch::Tensor& q, torch::Tensor k, torch::Tensor v, const torch::Tensor& sees) {
  const auto H = q.size(1), KV = k.size(1);
  if (KV != H) {
    k = k.repeat_interleave(H / KV, 1);
    v = v.repeat_interleave(H / KV, 1);
  }
  return sees.defined() ? compat::masked_attention(q, k, v, sees) : compat::causal_attention(q, k, v);
}
}  // namespace

torch::Tensor GPTImpl::attention(const Layer& l, const torch::Tensor& x, KVCache* cache, int index) const {
  const auto B = x.size(0), T = x.size(1);
  const std::int64_t H = config_.n_heads, KV = config_.n_kv_heads, hd = config_.head_dim();
  const std::int64_t start = cache ? cache->length : 0;
  const auto xc = x.to(compute_);  // once: each product converting on its own would keep its own copy for backward
  auto q = project(xc, l.wq).view({B, T, H, hd}).transpose(1, 2);   // (B, H, T, hd)
  auto k = project(xc, l.wk).view({B, T, KV, hd}).transpose(1, 2);  // (B, KV, T, hd)
  auto v = project(xc, l.wv).view({B, T, KV, hd}).transpose(1, 2);  // (B, KV, T, hd)
  torch::Tensor y;
  if (cache && !cache->row_positions.empty()) {
    y = attention_at_rows(q, k, v, *cache, index);
  } else {
    const auto cos = rope_cos_.narrow(0, start, T).to(q.scalar_type());  // (T, hd/2)
    const auto sin = rope_sin_.narrow(0, start, T).to(q.scalar_type());
    q = rotate(q, cos, sin);
    k = rotate(k, cos, sin);
    if (cache) {
      cache->keys[size_t(index)].narrow(2, start, T).copy_(k);
      cache->values[size_t(index)].narrow(2, start, T).copy_(v);
      k = cache->keys[size_t(index)].narrow(2, 0, start + T);  // (B, KV, start+T, hd)
      v = cache->values[size_t(index)].narrow(2, 0, start + T);
    }
    y = attend(q, k, v, {});  // (B, H, T, hd)
  }
  y = y.transpose(1, 2).contiguous().view({B, T, H * hd});  // (B, T, C)
  return project(y, l.wo).to(x.scalar_type());            // (B, T, C), back to the residual's dtype
}

torch::Tensor GPTImpl::attention_at_rows(const torch::Tensor& q0, const torch::Tensor& k0, const torch::Tensor& v0, KVCache& cache,
                                         int index) const {
  const torch::Tensor& positions = cache.row_positions_on_device;  // (B)
  const auto B = q0.size(0), half = q0.size(3) / 2;
  const auto cos = rope_cos_.index_select(0, positions).to(q0.scalar_type()).view({B, 1, 1, half});  // each row's position
  const auto sin = rope_sin_.index_select(0, positions).to(q0.scalar_type()).view({B, 1, 1, half});
  const auto q = rotate(q0, cos, sin);  // (B, H, 1, hd)
  const auto rows = torch::arange(B, positions.options());
  using torch::indexing::Slice;
  // Row r's key and value go to its position: cache[r, :, positions[r]] (B, KV, hd).
  cache.keys[size_t(index)].index_put_({rows, Slice(), positions}, rotate(k0, cos, sin).select(2, 0));
  cache.values[size_t(index)].index_put_({rows, Slice(), positions}, v0.select(2, 0));
  const std::int64_t L = *std::max_element(cache.row_positions.begin(), cache.row_positions.end()) + 1;
  const auto k = cache.keys[size_t(index)].narrow(2, 0, L);  // (B, KV, L, hd)
  const auto v = cache.values[size_t(index)].narrow(2, 0, L);
  // Row r sees its keys 0..positions[r]; the later places belong to longer rows (or hold nothing yet).
  const auto sees = (torch::arange(L, positions.options()).view({1, L}) <= positions.view({B, 1})).view({B, 1, 1, L});
  return attend(q, k, v, sees);  // (B, H, 1, hd)
}

torch::Tensor GPTImpl::forward(const torch::Tensor& tokens, KVCache* cache) {
  return project(hidden(tokens, cache), output_.defined() ? output_ : token_embedding_);  // (B, T, V), in the compute dtype
}

void GPTImpl::add_score_head(std::uint64_t seed) {
  if (score_.defined()) return;
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed ^ 0x5c0e5c0eULL);
  auto initial = torch::empty({1, config_.d_model}, torch::kFloat32).normal_(0.0, 0.02, generator);
  score_ = register_parameter("score", initial.to(token_embedding_.device()));
}

torch::Tensor GPTImpl::score(const torch::Tensor& tokens, const torch::Tensor& lengths) {
  if (!score_.defined()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "this model has no score head: it is not a reward model")));
  auto h = hidden(tokens);                                               // (B, T, C)
  auto last = (lengths - 1).view({-1, 1, 1}).expand({-1, 1, h.size(2)});  // (B, 1, C)
  auto at_last = h.gather(1, last).squeeze(1).to(torch::kFloat32);       // (B, C)
  return torch::linear(at_last, score_).squeeze(-1);                     // (B)
}

std::pair<torch::Tensor, torch::Tensor> GPTImpl::forward_with_values(const torch::Tensor& tokens) {
  if (!score_.defined()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "this model has no value head")));
  auto h = hidden(tokens);                                                  // (B, T, C)
  auto logits = project(h, output_.defined() ? output_ : token_embedding_);  // (B, T, V)
  auto values = torch::linear(h.to(torch::kFloat32), score_).squeeze(-1);   // (B, T)
  return {logits, values};
}

namespace {
// A block whose forward keeps nothing but its input: backward runs the block again with gradients on and
// backpropagates through that copy, which also accumulates the block's weight gradients (the reentrant
// form of PyTorch's torch.utils.checkpoint; the block is deterministic, so the recomputation is exact).
struct CheckpointedBlock : torch::autograd::Function<CheckpointedBlock> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const GPTImpl* model, int index) {
    ctx->save_for_backward({x});
    ctx->saved_data["model"] = reinterpret_cast<std::int64_t>(model);
    ctx->saved_data["index"] = index;
    return model->block(x, index);  // autograd is off inside forward: no graph, no saved activations
  }
  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grad) {
    const auto* model = reinterpret_cast<const GPTImpl*>(ctx->saved_data["model"].toInt());
    auto x = ctx->get_saved_variables()[0].detach().requires_grad_(true);
    torch::AutoGradMode enabled(true);
    auto y = model->block(x, int(ctx->saved_data["index"].toInt()));
    torch::autograd::backward({y}, {grad[0]});
    return {x.grad(), torch::Tensor(), torch::Tensor()};
  }
};
}  // namespace

torch::Tensor GPTImpl::hidden(const torch::Tensor& tokens, KVCache* cache) {
  const auto T = tokens.size(1);
  std::int64_t start = cache ? cache->length : 0;
  const bool per_row = cache && !cache->row_positions.empty();
  if (per_row) {
    if (T != 1 || tokens.size(0) != std::int64_t(cache->row_positions.size()))
      throw std::logic_error("GPT::hidden: row positions take one token per row");
    start = *std::max_element(cache->row_positions.begin(), cache->row_positions.end());
    if (*std::min_element(cache->row_positions.begin(), cache->row_positions.end()) < 0)
      throw std::logic_error("GPT::hidden: a negative row position");
    cache->row_positions_on_device = torch::tensor(cache->row_positions, torch::kInt64).to(tokens.device());
  }
  if (start + T > config_.context_length)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "sequence of %1 tokens exceeds the model's context of %2"),
                        {std::to_string(start + T), std::to_string(config_.context_length)}));
  if (cache && start + T > cache->capacity()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "generation cache is full")));

  auto x = torch::embedding(token_embedding_, tokens);  // (B, T, C)
  const bool recompute = checkpointing_ && is_training() && torch::GradMode::is_enabled() && !cache;
  for (int i = 0; i < config_.n_layers; ++i) x = recompute ? CheckpointedBlock::apply(x, this, i) : block(x, i, cache);
  if (cache) cache->length = std::max(cache->length, start + T);
  return rms_norm(x, final_norm_);  // (B, T, C)
}

torch::Tensor GPTImpl::block(const torch::Tensor& x, int index, KVCache* cache) const {
  const Layer& l = layers_[size_t(index)];
  auto y = x + attention(l, rms_norm(x, l.attn_norm), cache, index);   // (B, T, C)
  const auto h = rms_norm(y, l.ffn_norm).to(compute_);                  // converted once for both products
  auto gated = torch::silu(project(h, l.w_gate)) * project(h, l.w_up);  // (B, T, F)
  return y + project(gated, l.w_down).to(y.scalar_type());              // (B, T, C)
}

KVCache GPTImpl::make_cache(std::int64_t batch, std::int64_t capacity) const {
  KVCache cache;
  const auto options = token_embedding_.options().dtype(compute_).requires_grad(false);  // keys/values as computed
  capacity = std::min<std::int64_t>(capacity, config_.context_length);
  for (int i = 0; i < config_.n_layers; ++i) {
    cache.keys.push_back(torch::zeros({batch, config_.n_kv_heads, capacity, config_.head_dim()}, options));
    cache.values.push_back(torch::zeros({batch, config_.n_kv_heads, capacity, config_.head_dim()}, options));
  }
  return cache;
}

NamedTensors GPTImpl::weights() const {
  NamedTensors out;
  for (const auto& item : named_parameters(/*recurse=*/false)) {
    std::string name = item.key();
    // blk_3_attn_q → blk.3.attn_q.weight, as in llama.cpp (register_parameter forbids dots).
    if (name.rfind("blk_", 0) == 0) {
      const auto cut = name.find('_', 4);
      name = "blk." + name.substr(4, cut - 4) + "." + name.substr(cut + 1);
    }
    out.emplace_back(name + ".weight", item.value());
  }
  return out;
}

void GPTImpl::load_weights(const NamedTensors& tensors, const std::string& file) {
  std::map<std::string, torch::Tensor> by_name(tensors.begin(), tensors.end());
  torch::NoGradGuard no_grad;
  for (auto& [name, parameter] : weights()) {
    const auto found = by_name.find(name);
    if (found == by_name.end()) throw InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "lacks tensor %1 (a checkpoint of another model?)"),
                                                                   {name})});
    if (found->second.sizes() != parameter.sizes())
      throw InputError({file, 0, "tensor " + name + " has shape " + c10::str(found->second.sizes()) +
                                     " but the model expects " + c10::str(parameter.sizes())});
    // Weights are numbers with a fraction: integers (a file's F32 data labelled I32) or NaN/infinity
    // (a damaged or diverged file) would only surface later, as a raw LibTorch error or a "diverged" run.
    if (!found->second.is_floating_point())
      throw InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "tensor %1 is stored as %2, not as floating-point weights: the file is damaged"),
                                         {name, std::string(c10::toString(found->second.scalar_type()))})});
    if (!torch::isfinite(found->second).all().item<bool>())
      throw InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "tensor %1 holds NaN or infinite values: the weights are damaged "
                                                                   "(a run that diverged, or a broken file)"), {name})});
    parameter.copy_(found->second);
  }
}

}  // namespace chattrain
