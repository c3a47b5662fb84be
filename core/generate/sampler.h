#pragma once
// Token sampling with a KV cache, shared by generation and the samples shown during training.
#include <torch/torch.h>

#include "chattrain/generate.h"
#include "model/gpt.h"

namespace chattrain {

// Scales/filters logits (V) in place of a copy: repetition penalty over `context`, temperature,
// top-k, top-p. Returns the processed logits (float32).
// How much of text decoded so far can be shown for good: all but its trailing U+FFFD characters, which
// are parts of a character spelled in byte pieces that the next tokens may complete (one character of
// three bytes decodes as one, two or three of them on the way).
size_t settled_text_length(const std::string& decoded);

torch::Tensor process_logits(torch::Tensor logits, const std::vector<int>& context, const SamplingOptions& options);

// Picks the next token from logits (V) with `generator` (greedy at temperature 0).
int pick_token(const torch::Tensor& logits, const std::vector<int>& context, const SamplingOptions& options,
               at::Generator& generator);

// What ends a continuation of `prompt` besides </s>: the options' stop tokens, and <|im_end|> when the
// prompt is in ChatML (it holds <|im_start|>): such a prompt asks for one turn, which ends there.
std::vector<int> continuation_stops(const Tokenizer& tokenizer, const std::vector<int>& prompt, const SamplingOptions& options);

// Generates after `prompt` (non-empty) until a stop token, max_new_tokens, the context's end, or
// on_token returning false. Returns the new tokens and why it stopped.
std::vector<int> sample_tokens(GPT& model, const std::vector<int>& prompt, const SamplingOptions& options,
                               const std::vector<int>& stop_tokens, const std::function<bool(int)>& on_token,
                               std::string* stop_reason);

// `rows` answers to one prompt in one batch: row r samples with seed options.seed + r, so row 0 is
// what sample_tokens gives with the same options. Stops when every row has stopped, or on_step
// (called after each token step) returns false; stop_reasons gets each row's reason.
std::vector<std::vector<int>> sample_rows(GPT& model, const std::vector<int>& prompt, int rows, const SamplingOptions& options,
                                          const std::vector<int>& stop_tokens, const std::function<bool()>& on_step,
                                          std::vector<std::string>* stop_reasons);

}  // namespace chattrain
