#include "chattrain/model_config.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "chattrain/error.h"
#include "util/translatable.h"

namespace chattrain {

int swiglu_hidden(int d_model, int multiple) {
  const int hidden = (8 * d_model + 2) / 3;
  return (hidden + multiple - 1) / multiple * multiple;
}

std::int64_t ModelConfig::non_embedding_parameter_count() const {
  const std::int64_t d = d_model, kv = std::int64_t(n_kv_heads) * head_dim(), h = ffn_hidden;
  const std::int64_t per_layer = 2 * d                 // two RMSNorm weights
                                 + d * d + 2 * d * kv  // q, k, v projections
                                 + d * d               // attention output
                                 + 3 * d * h;          // SwiGLU gate, up, down
  return n_layers * per_layer + d /* final norm */ + std::int64_t(vocab_size) * d /* output head */;
}

std::int64_t ModelConfig::parameter_count() const {
  const std::int64_t embedding = std::int64_t(vocab_size) * d_model;
  return non_embedding_parameter_count() + (tie_embeddings ? 0 : embedding);
}

void ModelConfig::validate() const {
  auto fail = [](const Message& what) { throw Error(Message(QT_TRANSLATE_NOOP("Core", "model settings: %1"), {what})); };
  if (vocab_size < 16) fail(Message(QT_TRANSLATE_NOOP("Core", "vocabulary size must be at least 16")));
  if (context_length < 8) fail(Message(QT_TRANSLATE_NOOP("Core", "context length must be at least 8")));
  if (d_model < 8 || n_layers < 1 || n_heads < 1 || ffn_hidden < 1) fail(Message(QT_TRANSLATE_NOOP("Core", "sizes must be positive")));
  if (d_model % n_heads != 0) fail(Message(QT_TRANSLATE_NOOP("Core", "model width %1 is not divisible by %2 heads"),
                                           {std::to_string(d_model), std::to_string(n_heads)}));
  if (head_dim() % 2 != 0) fail(Message(QT_TRANSLATE_NOOP("Core", "head size %1 must be even for rotary embeddings"),
                                        {std::to_string(head_dim())}));
  if (!(norm_eps > 0) || !std::isfinite(norm_eps))
    fail(Message(QT_TRANSLATE_NOOP("Core", "the normalisation epsilon must be a positive number, not %1"), {std::to_string(norm_eps)}));
  if (!(rope_theta > 0) || !std::isfinite(rope_theta))
    fail(Message(QT_TRANSLATE_NOOP("Core", "the rotary base (rope_theta) must be a positive number, not %1"), {std::to_string(rope_theta)}));
  if (n_kv_heads < 1 || n_heads % n_kv_heads != 0) fail(Message(QT_TRANSLATE_NOOP("Core", "heads (%1) must be a multiple of key/value heads (%2)"),
                                                                {std::to_string(n_heads), std::to_string(n_kv_heads)}));
}

std::string ModelConfig::to_json() const {
  return nlohmann::json{{"vocab_size", vocab_size}, {"context_length", context_length}, {"d_model", d_model},
                        {"n_layers", n_layers}, {"n_heads", n_heads}, {"n_kv_heads", n_kv_heads},
                        {"ffn_hidden", ffn_hidden}, {"tie_embeddings", tie_embeddings},
                        {"rope_theta", rope_theta}, {"norm_eps", norm_eps}}
      .dump();
}

ModelConfig ModelConfig::from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  ModelConfig c;
  c.vocab_size = j.value("vocab_size", c.vocab_size);
  c.context_length = j.value("context_length", c.context_length);
  c.d_model = j.value("d_model", c.d_model);
  c.n_layers = j.value("n_layers", c.n_layers);
  c.n_heads = j.value("n_heads", c.n_heads);
  c.n_kv_heads = j.value("n_kv_heads", c.n_heads);
  c.ffn_hidden = j.value("ffn_hidden", swiglu_hidden(c.d_model));
  c.tie_embeddings = j.value("tie_embeddings", c.tie_embeddings);
  c.rope_theta = j.value("rope_theta", c.rope_theta);
  c.norm_eps = j.value("norm_eps", c.norm_eps);
  return c;
}

namespace {
ModelConfig make(int vocab, int context, int d, int layers, int heads, int kv_heads, bool tied) {
  ModelConfig c;
  c.vocab_size = vocab;
  c.context_length = context;
  c.d_model = d;
  c.n_layers = layers;
  c.n_heads = heads;
  c.n_kv_heads = kv_heads;
  c.ffn_hidden = swiglu_hidden(d);
  c.tie_embeddings = tied;
  return c;
}
}  // namespace

const std::vector<ModelPreset>& model_presets() {
  static const std::vector<ModelPreset> presets{
      {"demo", "~1M parameters: trains in minutes on a laptop CPU", make(6000, 128, 128, 4, 4, 4, true), 6000, 32},
      {"small", "~7M parameters: a CPU run of an hour, or minutes on a GPU", make(8000, 256, 256, 6, 8, 8, true), 8000, 32},
      {"medium", "~35M parameters: wants a GPU", make(16000, 512, 512, 8, 8, 4, true), 16000, 32},
      {"gpt2-small", "~110M parameters, GPT-2-small class: a GPU with 16 GB or more", make(32000, 1024, 768, 12, 12, 12, true), 32000, 16},
  };
  return presets;
}

const ModelPreset& model_preset(const std::string& name) {
  std::string names;
  for (const auto& p : model_presets()) {
    if (p.name == name) return p;
    names += (names.empty() ? "" : ", ") + p.name;
  }
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "preset '%1' is unknown; presets: %2"), {name, names}));
}

MemoryEstimate estimate_training_memory(const ModelConfig& c, int batch_size, int seq_len, const TrainingMemoryOptions& o) {
  MemoryEstimate m;
  const std::int64_t params = c.parameter_count();
  m.weights = params * 4;
  m.gradients = params * 4;
  m.optimizer = params * 8;  // AdamW: two moments
  const std::int64_t d = c.d_model, kv = std::int64_t(c.n_kv_heads) * c.head_dim(), F = c.ffn_hidden, H = c.n_heads,
                     V = c.vocab_size, T = seq_len, L = c.n_layers, cb = o.compute_bytes;
  // What backward keeps per token and block, in bytes (model/gpt.cpp):
  //  float32: each of the two RMSNorms keeps its input and its normalised value (4·d);
  //  compute dtype: the products' inputs after each norm (2·d), q, k, v (d + 2·kv), q and k rotated (d + kv), the
  //  attention's output (d), and in the MLP the gate, its SiLU, up and their product (4·F);
  //  grouped-query attention repeats k and v for every head (2·d);
  //  attention: a fused kernel keeps its output and each row's log-sum-exp (d, H float32), plain attention the
  //  probabilities (H·T float32, and a compute-dtype copy when that is not float32).
  std::int64_t block = 4 * d * 4 + (5 * d + 3 * kv + 4 * F + (kv != d ? 2 * d : 0)) * cb;
  block += o.fused_attention ? d * cb + H * 4 : H * T * (4 + (cb != 4 ? cb : 0));
  // After the blocks: the final norm (2·d float32, d compute) and the log-softmax over the vocabulary (V float32).
  const std::int64_t head = 2 * d * 4 + d * cb + V * 4;
  const std::int64_t tokens = std::int64_t(batch_size) * seq_len * o.sequences_per_example;
  // With checkpointing a block keeps only its float32 input, and backward recomputes one block at a time.
  // Products in bf16 also keep a bf16 copy of each weight matrix.
  m.saved_activations = tokens * ((o.activation_checkpointing ? d * 4 : block) * L + head) + (cb != 4 ? params * cb : 0);
  // Backward's peak adds the logits' gradient twice over (the log-softmax's and the projection's input's)
  // and the recomputed block.
  const std::int64_t transient = tokens * (2 * V * 4 + (o.activation_checkpointing ? block : 0));
  m.activations = m.saved_activations + transient;
  return m;
}

double training_flops_per_token(const ModelConfig& c, int seq_len) {
  return 6.0 * double(c.non_embedding_parameter_count()) + 12.0 * c.n_layers * c.d_model * double(seq_len);
}

}  // namespace chattrain
