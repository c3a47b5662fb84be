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

// The text of tokens as they come, handed out as soon as it is settled. Each token decodes only the tokens
// since the last settled one, plus that one as an anchor (decoding the whole answer again at each token
// made a long answer's streaming quadratic). The anchor keeps SentencePiece's one context rule, the space
// it drops before a text's first word, the same in every window; where a window does not begin with its
// anchor's own text (another tokenizer's rules), it decodes from the start again.
class SettledText {
 public:
  explicit SettledText(const Tokenizer& tokenizer) : tokenizer_(tokenizer) {}
  // What `token` adds to the text that is new and settled (often empty while a character is spelled in bytes).
  std::string add(int token);
  // All the text handed out so far.
  size_t handed_out() const { return handed_out_; }

 private:
  std::string take(const std::string& text);  // the settled part of `text` (the window's) not handed out yet

  const Tokenizer& tokenizer_;
  std::vector<int> window_;   // the anchor (when there is one) and the tokens since
  std::string anchor_text_;   // the anchor decoded alone: the window's text after it is new
  size_t window_handed_ = 0;  // bytes of the window's text already handed out (the anchor's included)
  size_t handed_out_ = 0;
  std::vector<int> all_;      // every token, for decoding from the start
  bool from_start_ = false;
};

// Scales/filters logits (V) in place: repetition penalty over `context`, temperature, top-k, top-p
// (filtered tokens become −∞). `order` is scratch, kept by the caller so that no token allocates.
void filter_logits(float* logits, std::int64_t V, const std::vector<int>& context, const SamplingOptions& options,
                   std::vector<int>& order);
// The same on a tensor (V), returning the processed copy (float32).
torch::Tensor process_logits(torch::Tensor logits, const std::vector<int>& context, const SamplingOptions& options);

// Picks next tokens from logits with one answer's settings and seed, on buffers reused from token to
// token. Greedy at temperature 0; otherwise draws as torch::multinomial does for one sample (one
// exponential per vocabulary entry from the seeded generator; the largest probability/noise wins), so a
// seed gives the text it gave when the sampler was LibTorch calls.
class TokenPicker {
 public:
  TokenPicker(const SamplingOptions& options, std::uint64_t seed, std::int64_t vocab);
  int pick(const float* logits, const std::vector<int>& context);

 private:
  SamplingOptions options_;
  std::int64_t vocab_;
  at::Generator generator_;
  torch::Tensor noise_;  // (V) float32
  std::vector<float> work_;
  std::vector<int> order_;
};

// What ends a continuation of `prompt` besides </s>: the options' stop tokens, and <|im_end|> when the
// prompt is in ChatML (it holds <|im_start|>): such a prompt asks for one turn, which ends there.
std::vector<int> continuation_stops(const Tokenizer& tokenizer, const std::vector<int>& prompt, const SamplingOptions& options);

// Generates after `prompt` (non-empty) until a stop token, max_new_tokens, the context's end, or
// on_token returning false. Returns the new tokens and why it stopped.
std::vector<int> sample_tokens(GPT& model, const std::vector<int>& prompt, const SamplingOptions& options,
                               const std::vector<int>& stop_tokens, const std::function<bool(int)>& on_token,
                               std::string* stop_reason);

// `rows` answers to `prompt`, answer r sampled with seed options.seed + r.
struct PromptAnswers {
  std::vector<int> prompt;
  int rows = 1;
  SamplingOptions options;
};
// The answers to several prompts in one batch (rows in the groups' order): the rows of many groups go
// through the model together, each at its own position, in batches whose cache fits 1 GiB (at most 64
// rows). Each row computes what it would alone: a group's rows are what sample_rows gives for it (bit for
// bit through CpuDecoder; through GPT::forward, within the rounding of a longer masked attention).
// Stops as sample_rows; after a stop, rows not begun say "stopped".
std::vector<std::vector<int>> sample_batch(GPT& model, const std::vector<PromptAnswers>& groups, const std::vector<int>& stop_tokens,
                                           const std::function<bool()>& on_step, std::vector<std::string>* stop_reasons);

// `rows` answers to one prompt in one batch: row r samples with seed options.seed + r, so row 0 is
// what sample_tokens gives with the same options. Stops when every row has stopped, or on_step
// (called after each token step) returns false; stop_reasons gets each row's reason.
std::vector<std::vector<int>> sample_rows(GPT& model, const std::vector<int>& prompt, int rows, const SamplingOptions& options,
                                          const std::vector<int>& stop_tokens, const std::function<bool()>& on_step,
                                          std::vector<std::string>* stop_reasons);

}  // namespace chattrain
