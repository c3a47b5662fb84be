#pragma once
// Taking a checkpoint out of the studio, to where people already run models: a GGUF file for
// llama.cpp and Ollama, or a Hugging Face folder that `transformers` loads as LlamaForCausalLM
// (and the way back: such a folder imported as a checkpoint to train on).
#include <cstdint>
#include <string>
#include <vector>

#include "chattrain/project.h"

namespace chattrain {

enum class WeightType { F32, F16 };

struct ExportResult {
  std::string path;         // the file (GGUF) or folder (Hugging Face) written
  std::int64_t bytes = 0;   // on disk
  int tensors = 0;
};

// The chat template both exports carry, in Jinja as llama.cpp, Ollama and transformers read it: the
// ChatML the model was fine-tuned on (render_chatml), after the bos_token (</s>) it was trained to follow.
std::string chatml_jinja_template();

// The tokenizer.json a Hugging Face export carries (transformers' fast tokenizer, read without
// sentencepiece): the same ids as our SentencePiece model, for BPE and unigram tokenizers.
std::string huggingface_tokenizer_json(const std::string& tokenizer_model);

// Where an export of `checkpoint_dir` goes unless the user says otherwise, inside `exports_dir`:
// <run>-<step>[-f16].gguf for GGUF, <run>-<step>[-f16]-hf for a Hugging Face folder.
std::string default_export_path(const std::string& exports_dir, const std::string& checkpoint_dir, bool gguf, WeightType type);

// GGUF version 3, architecture "llama": the model's settings, the SentencePiece vocabulary (pieces,
// scores, token types), the special tokens, the chat template, and the weights in F32 or F16 (norms stay
// F32). `tokenizer_model` must be the tokenizer the checkpoint was trained with. Written to a temporary
// name and renamed: an existing file at `path` is replaced only by a complete one.
ExportResult export_gguf(const std::string& checkpoint_dir, const std::string& tokenizer_model, const std::string& path,
                         WeightType type = WeightType::F32);

// A Hugging Face folder: model.safetensors, config.json (LlamaForCausalLM), generation_config.json,
// tokenizer.model, tokenizer_config.json (chat template, special tokens), special_tokens_map.json.
// The folder must not exist yet or be empty.
ExportResult export_huggingface(const std::string& checkpoint_dir, const std::string& tokenizer_model, const std::string& folder,
                                WeightType type = WeightType::F32);

// The way back: a Hugging Face Llama folder of this architecture (an export of ours, or any model with
// the same tokenizer) becomes checkpoint step-000000 of a new run in `run_dir`, stage "import", to
// fine-tune or chat with. The folder's tokenizer.model must be `tokenizer_model` byte for byte (the
// project's): another tokenizer's ids would mean other words. Returns the checkpoint folder.
std::string import_huggingface(const std::string& folder, const std::string& tokenizer_model, const std::string& run_dir);

// TensorBoard: every run writes its metrics as events next to its checkpoints while it trains. This
// writes a run's stored metrics into `folder` (a run from before, or a copy elsewhere); returns the file.
std::string write_tensorboard_events(const std::string& folder, const std::vector<MetricPoint>& points);
// Metrics as CSV: step,name,value,time (seconds since the Unix epoch), one line per point.
std::string metrics_csv(const std::vector<MetricPoint>& points);

}  // namespace chattrain
