// GGUF, the file llama.cpp and Ollama load (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md):
//   "GGUF" · version u32 = 3 · tensor count u64 · key-value count u64
//   key-values: key (u64 length + UTF-8) · value type u32 · value (arrays: element type u32 · count u64 · elements)
//   tensor infos: name · dimension count u32 · dimensions u64 each, fastest-varying first · ggml type u32 ·
//                 offset u64 from the start of the data, a multiple of the alignment
//   padding to the alignment · the tensors' data, each padded to the alignment
// Everything little-endian. No Debian package writes it, and it is small: ours to write.
#include <cstring>
#include <filesystem>

#include "chattrain/error.h"
#include "chattrain/export.h"
#include "export/exportable.h"
#include "util/fs.h"

namespace chattrain {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "GGUF is little-endian; this writer copies memory as is");

enum class ValueType : std::uint32_t {
  UInt8 = 0, Int8, UInt16, Int16, UInt32, Int32, Float32, Bool, String, Array, UInt64, Int64, Float64
};
enum class GgmlType : std::uint32_t { F32 = 0, F16 = 1 };
// llama.cpp's token types (llama_token_type): normal 1, unknown 2, control 3, user-defined 4, unused 5, byte 6.
std::int32_t gguf_token_type(PieceType type) { return std::int32_t(type) + 1; }
// general.file_type: LLAMA_FTYPE_ALL_F32 = 0, LLAMA_FTYPE_MOSTLY_F16 = 1.
std::uint32_t file_type(WeightType type) { return type == WeightType::F16 ? 1 : 0; }
constexpr std::uint64_t alignment = 32;  // GGUF's default; written as general.alignment all the same

class Bytes {
 public:
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    data_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put_string(std::string_view s) {
    put<std::uint64_t>(s.size());
    data_.append(s);
  }
  void append(const void* p, size_t n) { data_.append(static_cast<const char*>(p), n); }
  void pad_to(std::uint64_t multiple) { data_.append((multiple - data_.size() % multiple) % multiple, '\0'); }
  std::string& str() { return data_; }

 private:
  std::string data_;
};

class KeyValues {
 public:
  void u32(std::string_view key, std::uint32_t v) { begin(key, ValueType::UInt32), bytes_.put(v); }
  void f32(std::string_view key, float v) { begin(key, ValueType::Float32), bytes_.put(v); }
  void boolean(std::string_view key, bool v) { begin(key, ValueType::Bool), bytes_.put<std::uint8_t>(v ? 1 : 0); }
  void string(std::string_view key, std::string_view v) { begin(key, ValueType::String), bytes_.put_string(v); }
  template <class T>
  void array(std::string_view key, ValueType element, const std::vector<T>& values) {
    begin(key, ValueType::Array);
    bytes_.put(element);
    bytes_.put<std::uint64_t>(values.size());
    for (const auto& v : values) {
      if constexpr (std::is_same_v<T, std::string>) bytes_.put_string(v);
      else bytes_.put(v);
    }
  }
  std::uint64_t count() const { return count_; }
  Bytes& bytes() { return bytes_; }

 private:
  void begin(std::string_view key, ValueType type) {
    ++count_;
    bytes_.put_string(key);
    bytes_.put(type);
  }
  Bytes bytes_;
  std::uint64_t count_ = 0;
};

// llama.cpp's rotary embedding for this architecture rotates adjacent pairs (dimensions 2i, 2i+1) of a
// head; ours, like Hugging Face's Llama, pairs i with i + head_dim/2. Reordering the rows of the query
// and key projections within each head turns one into the other (convert_hf_to_gguf.py's `permute`):
// row 2i of a head takes our row i, row 2i+1 our row i + head_dim/2. (heads·hd, C) → same shape.
torch::Tensor rows_for_adjacent_pair_rotation(const torch::Tensor& w, std::int64_t heads) {
  const auto head_dim = w.size(0) / heads;
  return w.reshape({heads, 2, head_dim / 2, w.size(1)}).transpose(1, 2).reshape(w.sizes());
}

void add_model_settings(KeyValues& kv, const ModelConfig& m, const std::string& name, WeightType type) {
  kv.string("general.architecture", "llama");
  kv.string("general.name", name);
  kv.u32("general.file_type", file_type(type));
  kv.u32("general.alignment", std::uint32_t(alignment));
  kv.u32("llama.vocab_size", std::uint32_t(m.vocab_size));
  kv.u32("llama.context_length", std::uint32_t(m.context_length));
  kv.u32("llama.embedding_length", std::uint32_t(m.d_model));
  kv.u32("llama.block_count", std::uint32_t(m.n_layers));
  kv.u32("llama.feed_forward_length", std::uint32_t(m.ffn_hidden));
  kv.u32("llama.attention.head_count", std::uint32_t(m.n_heads));
  kv.u32("llama.attention.head_count_kv", std::uint32_t(m.n_kv_heads));
  kv.f32("llama.attention.layer_norm_rms_epsilon", float(m.norm_eps));
  kv.u32("llama.rope.dimension_count", std::uint32_t(m.head_dim()));
  kv.f32("llama.rope.freq_base", float(m.rope_theta));
}

void add_vocabulary(KeyValues& kv, const Tokenizer& tokenizer) {
  std::vector<std::string> pieces;
  std::vector<float> scores;
  std::vector<std::int32_t> types;
  for (int id = 0; id < tokenizer.vocab_size(); ++id) {
    pieces.push_back(tokenizer.piece(id));  // byte pieces as SentencePiece spells them, "<0x0A>": what llama.cpp expects
    scores.push_back(tokenizer.score(id));
    // The chat markers are control tokens to llama.cpp: it then treats <|im_end|> as the end of a turn
    // without overriding the file (it warns "probably a bug in the model" otherwise), parses them in the
    // rendered template and does not print them in answers.
    const bool chat_marker = id == tokenizer.im_start_id() || id == tokenizer.im_end_id();
    types.push_back(gguf_token_type(chat_marker ? PieceType::Control : tokenizer.type(id)));
  }
  kv.string("tokenizer.ggml.model", "llama");  // SentencePiece
  kv.array("tokenizer.ggml.tokens", ValueType::String, pieces);
  kv.array("tokenizer.ggml.scores", ValueType::Float32, scores);
  kv.array("tokenizer.ggml.token_type", ValueType::Int32, types);
  // The model learned every document and every conversation to begin after </s> (it separates documents
  // in pretraining), so </s> is the token llama.cpp puts first; an answer ends with <|im_end|>.
  kv.u32("tokenizer.ggml.bos_token_id", std::uint32_t(tokenizer.eos_id()));
  kv.u32("tokenizer.ggml.eos_token_id", std::uint32_t(tokenizer.im_end_id()));
  kv.u32("tokenizer.ggml.eot_token_id", std::uint32_t(tokenizer.im_end_id()));
  kv.u32("tokenizer.ggml.unknown_token_id", std::uint32_t(tokenizer.unk_id()));
  kv.u32("tokenizer.ggml.padding_token_id", std::uint32_t(tokenizer.pad_id()));
  kv.boolean("tokenizer.ggml.add_bos_token", true);
  kv.boolean("tokenizer.ggml.add_eos_token", false);
  kv.boolean("tokenizer.ggml.add_space_prefix", false);  // trained with add_dummy_prefix off
  kv.string("tokenizer.chat_template", chatml_jinja_template());
}

}  // namespace

std::string chatml_jinja_template() {
  // {{ bos_token }} (</s>) first, because every conversation was trained after it. transformers tokenizes
  // the rendered text without adding it; llama.cpp drops it from the text when it adds it itself.
  return "{{ bos_token }}{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
         "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
}

ExportResult export_gguf(const std::string& checkpoint_dir, const std::string& tokenizer_model, const std::string& path,
                         WeightType type) {
  const Tokenizer tokenizer = Tokenizer::load(tokenizer_model);
  const ExportableModel model = load_exportable(checkpoint_dir, tokenizer);
  const ModelConfig& m = model.info.model;

  KeyValues kv;
  add_model_settings(kv, m, std::filesystem::path(checkpoint_dir).parent_path().filename().string(), type);
  add_vocabulary(kv, tokenizer);

  // A weight as llama.cpp wants it. Made twice (for the table, then for the data) rather than kept,
  // so that the export holds at most one converted tensor besides the checkpoint.
  const auto prepared = [&](const std::string& name, const torch::Tensor& weight) {
    torch::Tensor t = weight;
    if (name.find(".attn_q.") != std::string::npos) t = rows_for_adjacent_pair_rotation(t, m.n_heads);
    if (name.find(".attn_k.") != std::string::npos) t = rows_for_adjacent_pair_rotation(t, m.n_kv_heads);
    return in_weight_type(t, type).contiguous();
  };
  const auto padding = [](std::uint64_t size) { return std::string((alignment - size % alignment) % alignment, '\0'); };

  // The tensor table: their sizes place them in the data section.
  Bytes infos;
  std::uint64_t offset = 0;
  for (const auto& [name, weight] : model.weights) {
    const torch::Tensor t = prepared(name, weight);
    infos.put_string(name);  // our names are llama.cpp's (token_embd.weight, blk.0.attn_q.weight, ...)
    infos.put<std::uint32_t>(std::uint32_t(t.dim()));
    for (auto d = t.dim() - 1; d >= 0; --d) infos.put<std::uint64_t>(std::uint64_t(t.size(d)));  // (out, in) → ne = [in, out]
    infos.put(t.scalar_type() == torch::kFloat16 ? GgmlType::F16 : GgmlType::F32);
    infos.put<std::uint64_t>(offset);
    offset += std::uint64_t(t.nbytes()) + padding(std::uint64_t(t.nbytes())).size();
  }

  Bytes head;
  head.append("GGUF", 4);
  head.put<std::uint32_t>(3);
  head.put<std::uint64_t>(model.weights.size());
  head.put<std::uint64_t>(kv.count());
  head.str() += kv.bytes().str();
  head.str() += infos.str();
  head.pad_to(alignment);
  fs::FileWriter file(path, /*atomic=*/true);
  file.write(head.str());
  for (const auto& [name, weight] : model.weights) {
    const torch::Tensor t = prepared(name, weight);
    file.write(std::string_view(static_cast<const char*>(t.data_ptr()), t.nbytes()));
    file.write(padding(std::uint64_t(t.nbytes())));  // the data section starts aligned, so aligning each tensor aligns the next
  }
  const std::int64_t bytes = std::int64_t(file.size());
  file.finish();
  return {path, bytes, int(model.weights.size())};
}

}  // namespace chattrain
