// A Hugging Face folder for `transformers` (LlamaForCausalLM), and the way back. Our rotary layout is
// already Hugging Face's ("rotate half"), so the weights go over as they are, under Hugging Face's names.
#include <algorithm>
#include <filesystem>
#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "chattrain/error.h"
#include "chattrain/export.h"
#include "export/exportable.h"
#include "export/huggingface_config.h"
#include "model/gpt.h"
#include "train/checkpoint.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace stdfs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

// Our names (llama.cpp's) and Hugging Face's, one table for both directions.
struct NamePair {
  const char* ours;
  const char* theirs;
};
constexpr NamePair global_names[] = {{"token_embd.weight", "model.embed_tokens.weight"},
                                     {"output_norm.weight", "model.norm.weight"},
                                     {"output.weight", "lm_head.weight"}};
constexpr NamePair layer_names[] = {  // blk.N.<ours> ↔ model.layers.N.<theirs>
    {"attn_norm.weight", "input_layernorm.weight"},  {"attn_q.weight", "self_attn.q_proj.weight"},
    {"attn_k.weight", "self_attn.k_proj.weight"},    {"attn_v.weight", "self_attn.v_proj.weight"},
    {"attn_output.weight", "self_attn.o_proj.weight"}, {"ffn_norm.weight", "post_attention_layernorm.weight"},
    {"ffn_gate.weight", "mlp.gate_proj.weight"},     {"ffn_up.weight", "mlp.up_proj.weight"},
    {"ffn_down.weight", "mlp.down_proj.weight"}};

// Renames `name` from one naming to the other; empty when it has no counterpart.
std::string rename(const std::string& name, bool to_huggingface) {
  for (const auto& n : global_names)
    if (name == (to_huggingface ? n.ours : n.theirs)) return to_huggingface ? n.theirs : n.ours;
  const std::string from_prefix = to_huggingface ? "blk." : "model.layers.", to_prefix = to_huggingface ? "model.layers." : "blk.";
  if (name.rfind(from_prefix, 0) != 0) return "";
  const auto dot = name.find('.', from_prefix.size());
  if (dot == std::string::npos) return "";
  const std::string layer = name.substr(from_prefix.size(), dot - from_prefix.size()), rest = name.substr(dot + 1);
  for (const auto& n : layer_names)
    if (rest == (to_huggingface ? n.ours : n.theirs)) return to_prefix + layer + "." + (to_huggingface ? n.theirs : n.ours);
  return "";
}

json config_json(const ModelConfig& m, const Tokenizer& tokenizer, WeightType type) {
  return {{"architectures", {"LlamaForCausalLM"}},
          {"model_type", "llama"},
          {"vocab_size", m.vocab_size},
          {"hidden_size", m.d_model},
          {"intermediate_size", m.ffn_hidden},
          {"num_hidden_layers", m.n_layers},
          {"num_attention_heads", m.n_heads},
          {"num_key_value_heads", m.n_kv_heads},
          {"head_dim", m.head_dim()},
          {"max_position_embeddings", m.context_length},
          {"rms_norm_eps", m.norm_eps},
          {"rope_theta", m.rope_theta},
          {"rope_scaling", nullptr},
          {"hidden_act", "silu"},
          {"attention_bias", false},
          {"mlp_bias", false},
          {"tie_word_embeddings", m.tie_embeddings},
          {"initializer_range", 0.02},
          // As in the GGUF export: a text begins after </s>, an answer ends with <|im_end|>.
          {"bos_token_id", tokenizer.eos_id()},
          {"eos_token_id", tokenizer.im_end_id()},
          {"pad_token_id", tokenizer.pad_id()},
          {"torch_dtype", type == WeightType::F16 ? "float16" : "float32"},
          {"transformers_version", "4.40.0"}};
}

// Tokens that stand for something other than text, which a decode may skip. "\n" is a piece of its
// own (user-defined, so SentencePiece never merges it away) but it is text.
bool is_special_token(const Tokenizer& tokenizer, int id) {
  const PieceType type = tokenizer.type(id);
  return type == PieceType::Control || type == PieceType::Unknown || id == tokenizer.im_start_id() || id == tokenizer.im_end_id();
}

// Pieces that are matched in the text before the model splits it.
bool is_added_token(const Tokenizer& tokenizer, int id) {
  return is_special_token(tokenizer, id) || tokenizer.type(id) == PieceType::UserDefined;
}

json tokenizer_config_json(const Tokenizer& tokenizer) {
  json added = json::object();
  for (int id = 0; id < tokenizer.vocab_size(); ++id)
    if (is_added_token(tokenizer, id))
      added[std::to_string(id)] = {{"content", tokenizer.piece(id)}, {"lstrip", false}, {"normalized", false},
                                   {"rstrip", false},  {"single_word", false}, {"special", is_special_token(tokenizer, id)}};
  // No "add_prefix_space": transformers' LlamaTokenizerFast rebuilds the tokenizer from tokenizer.model
  // when it is given (needing sentencepiece and protobuf) instead of reading tokenizer.json. With
  // "legacy" the slow LlamaTokenizer uses the SentencePiece model as it is (trained without a dummy prefix).
  return {{"tokenizer_class", "LlamaTokenizer"},
          {"add_bos_token", true},
          {"add_eos_token", false},
          {"legacy", true},
          {"bos_token", tokenizer.piece(tokenizer.eos_id())},
          {"eos_token", tokenizer.piece(tokenizer.im_end_id())},
          {"unk_token", tokenizer.piece(tokenizer.unk_id())},
          {"pad_token", tokenizer.piece(tokenizer.pad_id())},
          {"added_tokens_decoder", added},
          {"additional_special_tokens", {tokenizer.piece(tokenizer.im_start_id()), tokenizer.piece(tokenizer.im_end_id())}},
          {"chat_template", chatml_jinja_template()},
          {"clean_up_tokenization_spaces", false},
          {"model_max_length", 1000000000}};
}

// tokenizer.json, the fast tokenizer transformers (and the tokenizers library) read without
// sentencepiece: what transformers' LlamaConverter makes of tokenizer.model, for our settings. The
// model was trained with no normalisation rule (import normalises to NFC), no extra-whitespace
// removal and no dummy prefix, so the only normalisation is a space becoming ▁; pieces it lacks fall
// back to bytes. BPE's merges are every pair of pieces that makes a piece, ranked by that piece's
// score (ties in the order of the pair's ids), as the converter derives them.
json fast_tokenizer_json(const Tokenizer& tokenizer) {
  json added = json::array();
  for (int id = 0; id < tokenizer.vocab_size(); ++id)
    if (is_added_token(tokenizer, id))
      added.push_back({{"id", id}, {"content", tokenizer.piece(id)}, {"single_word", false}, {"lstrip", false},
                       {"rstrip", false}, {"normalized", false}, {"special", is_special_token(tokenizer, id)}});
  json model;
  if (tokenizer.is_bpe()) {
    std::map<std::string, int> ids;
    for (int id = 0; id < tokenizer.vocab_size(); ++id) ids.emplace(tokenizer.piece(id), id);
    struct Merge {
      int left, right;
      float score;
    };
    std::vector<Merge> merges;
    for (int id = 0; id < tokenizer.vocab_size(); ++id) {
      if (tokenizer.type(id) != PieceType::Normal) continue;
      const std::string piece = tokenizer.piece(id);
      std::vector<Merge> here;
      for (size_t cut = 1; cut < piece.size(); ++cut) {  // cuts inside a character leave halves no piece has
        const auto left = ids.find(piece.substr(0, cut)), right = ids.find(piece.substr(cut));
        if (left != ids.end() && right != ids.end()) here.push_back({left->second, right->second, tokenizer.score(id)});
      }
      std::sort(here.begin(), here.end(), [](const Merge& a, const Merge& b) { return std::tie(a.left, a.right) < std::tie(b.left, b.right); });
      merges.insert(merges.end(), here.begin(), here.end());
    }
    std::stable_sort(merges.begin(), merges.end(), [](const Merge& a, const Merge& b) { return a.score > b.score; });
    json vocab = json::object(), pairs = json::array();
    for (int id = 0; id < tokenizer.vocab_size(); ++id) vocab[tokenizer.piece(id)] = id;
    for (const auto& m : merges) pairs.push_back({tokenizer.piece(m.left), tokenizer.piece(m.right)});
    model = {{"type", "BPE"}, {"dropout", nullptr}, {"unk_token", tokenizer.piece(tokenizer.unk_id())},
             {"continuing_subword_prefix", nullptr}, {"end_of_word_suffix", nullptr}, {"fuse_unk", true},
             {"byte_fallback", true}, {"ignore_merges", false}, {"vocab", vocab}, {"merges", pairs}};
  } else {
    json vocab = json::array();
    for (int id = 0; id < tokenizer.vocab_size(); ++id) vocab.push_back({tokenizer.piece(id), tokenizer.score(id)});
    model = {{"type", "Unigram"}, {"unk_id", tokenizer.unk_id()}, {"vocab", vocab}, {"byte_fallback", true}};
  }
  const json space_to_underline = {{"type", "Replace"}, {"pattern", {{"String", " "}}}, {"content", "\u2581"}};
  const json underline_to_space = {{"type", "Replace"}, {"pattern", {{"String", "\u2581"}}}, {"content", " "}};
  return {{"version", "1.0"},
          {"truncation", nullptr},
          {"padding", nullptr},
          {"added_tokens", added},
          {"normalizer", space_to_underline},
          {"pre_tokenizer", nullptr},
          {"post_processor", nullptr},  // transformers adds the BOS itself (add_bos_token)
          {"decoder", {{"type", "Sequence"}, {"decoders", {underline_to_space, {{"type", "ByteFallback"}}, {{"type", "Fuse"}}}}}},
          {"model", model}};
}

json parse_json(const std::string& text, const std::string& path) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "broken JSON: %1"), {std::string(e.what())})});
  }
}

json read_json(const std::string& path) { return parse_json(fs::read_file(path), path); }

// A Llama config.json as our ModelConfig; throws InputError on what this architecture cannot hold.
ModelConfig model_config_from(const json& c, const std::string& path) {
  auto unsupported = [&](const Message& why) {
    return InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "%1: not a model of this studio's architecture"), {why})});
  };
  if (!c.is_object()) throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "is not a JSON object"))});
  ModelConfig m;
  // Any setting of the wrong type (a string where a number belongs, say) is named with the file.
  try {
    const auto wrong_type = [&](const char* key, const char* pattern) {
      return InputError({path, 0, Message(pattern, {std::string(key), c.at(key).dump()})});
    };
    const auto text = [&](const char* key, const char* otherwise) {
      if (!c.contains(key)) return std::string(otherwise);
      if (!c.at(key).is_string()) throw wrong_type(key, QT_TRANSLATE_NOOP("Core", "%1 must be text, not %2"));
      return c.at(key).get<std::string>();
    };
    // Sizes are whole numbers in int's range: 1e30 or 3.5 would convert with undefined behaviour.
    const auto whole = [&](const char* key, std::optional<int> otherwise = std::nullopt) {
      if (!c.contains(key) && otherwise) return *otherwise;
      const json& v = c.at(key);
      if (!v.is_number_integer() || v.get<std::int64_t>() < INT32_MIN || v.get<std::int64_t>() > INT32_MAX ||
          (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT32_MAX)))
        throw wrong_type(key, QT_TRANSLATE_NOOP("Core", "%1 must be a whole number, not %2"));
      return int(v.get<std::int64_t>());
    };
    const auto real = [&](const char* key, double otherwise) {
      if (!c.contains(key)) return otherwise;
      if (!c.at(key).is_number()) throw wrong_type(key, QT_TRANSLATE_NOOP("Core", "%1 must be a number, not %2"));
      return c.at(key).get<double>();
    };
    const auto flag = [&](const char* key) {
      if (!c.contains(key) || c.at(key).is_null()) return false;
      if (!c.at(key).is_boolean()) throw wrong_type(key, QT_TRANSLATE_NOOP("Core", "%1 must be true or false, not %2"));
      return c.at(key).get<bool>();
    };
    if (text("model_type", "") != "llama")
      throw unsupported(Message(QT_TRANSLATE_NOOP("Core", "model_type is '%1', not 'llama'"), {text("model_type", "")}));
    if (text("hidden_act", "silu") != "silu") throw unsupported(Message(QT_TRANSLATE_NOOP("Core", "hidden_act is %1"), {text("hidden_act", "")}));
    if (c.contains("rope_scaling") && !c.at("rope_scaling").is_null()) throw unsupported(QT_TRANSLATE_NOOP("Core", "it scales its rotary embeddings"));
    if (flag("attention_bias") || flag("mlp_bias")) throw unsupported(QT_TRANSLATE_NOOP("Core", "its projections have biases"));
    m.vocab_size = whole("vocab_size");
    m.d_model = whole("hidden_size");
    m.ffn_hidden = whole("intermediate_size");
    m.n_layers = whole("num_hidden_layers");
    m.n_heads = whole("num_attention_heads");
    m.n_kv_heads = whole("num_key_value_heads", m.n_heads);
    m.context_length = whole("max_position_embeddings");
    m.norm_eps = real("rms_norm_eps", 1e-6);
    m.rope_theta = real("rope_theta", 10000.0);
    m.tie_embeddings = flag("tie_word_embeddings");  // false: transformers' default for Llama
  } catch (const json::exception& e) {
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "lacks a setting this architecture needs: %1"), {std::string(e.what())})});
  }
  try {
    m.validate();  // first: head_dim() divides by the number of heads, which may be 0
  } catch (const Error& e) {
    throw InputError({path, 0, e.message()});
  }
  if (c.contains("head_dim") && c.at("head_dim") != m.head_dim())
    throw unsupported(Message(QT_TRANSLATE_NOOP("Core", "head_dim %1 is not hidden_size / num_attention_heads"),
                              {c.at("head_dim").dump()}));
  return m;
}

// model.safetensors, or the shards model.safetensors.index.json lists.
NamedTensors read_huggingface_weights(const std::string& folder) {
  const std::string single = folder + "/model.safetensors", index = folder + "/model.safetensors.index.json";
  if (stdfs::exists(single)) return load_safetensors(single);
  if (!stdfs::exists(index)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 has no model.safetensors (nor an index of its shards)"),
                                                 {folder}));
  std::set<std::string> shards;
  const auto listing = read_json(index);  // kept alive: items() refers into it (a temporary here was read after it was freed)
  const auto bad_index = [&] {
    return InputError({index, 0, Message(QT_TRANSLATE_NOOP("Core", "has no \"weight_map\" of tensor names to shard files in this folder"))});
  };
  if (!listing.is_object() || !listing.contains("weight_map") || !listing.at("weight_map").is_object()) throw bad_index();
  for (const auto& [name, file] : listing.at("weight_map").items()) {
    // A shard is a file of this folder: no other folder's file is read for it.
    if (!file.is_string() || file.get<std::string>().empty() || file.get<std::string>().find('/') != std::string::npos ||
        file.get<std::string>() == "..")
      throw bad_index();
    shards.insert(file.get<std::string>());
  }
  NamedTensors out;
  for (const auto& shard : shards)
    for (auto& t : load_safetensors(folder + "/" + shard)) out.push_back(std::move(t));
  return out;
}

}  // namespace

ModelConfig huggingface_model_config(const std::string& text, const std::string& path) { return model_config_from(parse_json(text, path), path); }

std::string huggingface_tokenizer_json(const std::string& tokenizer_model) {
  return fast_tokenizer_json(Tokenizer::load(tokenizer_model)).dump();
}

ExportResult export_huggingface(const std::string& checkpoint_dir, const std::string& tokenizer_model, const std::string& folder,
                                WeightType type) {
  const Tokenizer tokenizer = Tokenizer::load(tokenizer_model);
  const ExportableModel model = load_exportable(checkpoint_dir, tokenizer);
  if (stdfs::exists(folder) && !stdfs::is_empty(folder))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is not empty: pick a new folder (an export never overwrites files)"), {folder}));
  // Written beside the target and renamed when complete: no half-written folder under the final name.
  const std::string staging = folder + ".tmp";
  stdfs::remove_all(staging);
  stdfs::create_directories(staging);
  ExportResult out{folder, 0, 0};
  try {
    NamedTensors renamed;
    for (const auto& [name, weight] : model.weights) renamed.emplace_back(rename(name, true), in_weight_type(weight, type));
    out.tensors = int(renamed.size());
    save_safetensors(staging + "/model.safetensors", renamed, {{"format", "pt"}});
    fs::write_file_synced(staging + "/config.json", config_json(model.info.model, tokenizer, type).dump(2));
    const json generation = {{"bos_token_id", tokenizer.eos_id()},
                             {"eos_token_id", {tokenizer.im_end_id(), tokenizer.eos_id()}},
                             {"pad_token_id", tokenizer.pad_id()},
                             {"do_sample", true},
                             {"temperature", 0.7},
                             {"top_p", 0.9}};
    fs::write_file_synced(staging + "/generation_config.json", generation.dump(2));
    fs::write_file_synced(staging + "/tokenizer.model", fs::read_file(tokenizer_model));
    fs::write_file_synced(staging + "/tokenizer_config.json", tokenizer_config_json(tokenizer).dump(2));
    fs::write_file_synced(staging + "/tokenizer.json", fast_tokenizer_json(tokenizer).dump());
    const json special = {{"bos_token", tokenizer.piece(tokenizer.eos_id())},
                          {"eos_token", tokenizer.piece(tokenizer.im_end_id())},
                          {"unk_token", tokenizer.piece(tokenizer.unk_id())},
                          {"pad_token", tokenizer.piece(tokenizer.pad_id())},
                          {"additional_special_tokens", {tokenizer.piece(tokenizer.im_start_id()), tokenizer.piece(tokenizer.im_end_id())}}};
    fs::write_file_synced(staging + "/special_tokens_map.json", special.dump(2));
    fs::fsync_path(staging);
    for (const auto& entry : stdfs::directory_iterator(staging)) out.bytes += std::int64_t(entry.file_size());
    if (stdfs::exists(folder)) stdfs::remove(folder);  // empty, checked above
    stdfs::rename(staging, folder);
  } catch (...) {
    std::error_code ignored;
    stdfs::remove_all(staging, ignored);
    throw;
  }
  return out;
}

std::string import_huggingface(const std::string& folder, const std::string& tokenizer_model, const std::string& run_dir) {
  const std::string config_path = folder + "/config.json", their_tokenizer = folder + "/tokenizer.model";
  if (!stdfs::exists(config_path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is not a Hugging Face model folder (no config.json)"),
                                                       {folder}));
  const ModelConfig m = huggingface_model_config(fs::read_file(config_path), config_path);
  const Tokenizer tokenizer = Tokenizer::load(tokenizer_model);
  if (!stdfs::exists(their_tokenizer))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 has no tokenizer.model: only models with a SentencePiece tokenizer can be imported"),
                        {folder}));
  if (Tokenizer::load(their_tokenizer).hash() != tokenizer.hash())
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is not the project's tokenizer (%2): the model's token ids would mean other words "
                                          "here. Import it into the project whose tokenizer it has"),
                        {their_tokenizer, tokenizer_model}));
  if (m.vocab_size != tokenizer.vocab_size())
    throw InputError({config_path, 0, Message(QT_TRANSLATE_NOOP("Core", "vocab_size %1 differs from the tokenizer's %2"),
                                              {std::to_string(m.vocab_size), std::to_string(tokenizer.vocab_size())})});

  NamedTensors ours;
  for (auto& [name, tensor] : read_huggingface_weights(folder)) {
    const std::string renamed = rename(name, false);
    if (renamed.empty()) continue;  // e.g. rotary frequency buffers some versions save
    if (renamed == "output.weight" && m.tie_embeddings) continue;  // tied: the embedding is the output
    ours.emplace_back(renamed, tensor.to(torch::kFloat32));
  }
  GPT model(m);
  // Names, shapes and values checked, with the file named (the index for a sharded folder).
  const std::string weights_file = stdfs::exists(folder + "/model.safetensors") ? folder + "/model.safetensors" : folder + "/model.safetensors.index.json";
  model->load_weights(ours, weights_file);

  CheckpointData data;
  data.model = model->weights();
  data.config = {{"stage", "import"},
                 {"step", 0},
                 {"model", nlohmann::json::parse(m.to_json())},
                 {"tokenizer_hash", tokenizer.hash()},
                 {"parent", stdfs::absolute(folder).string()},
                 {"run_config", nlohmann::json::object()},
                 {"stage_settings", nlohmann::json::object()}};
  data.trainer_state = {{"step", 0}};
  stdfs::create_directories(run_dir);
  return save_checkpoint(run_dir, 0, data, 0);
}

}  // namespace chattrain
