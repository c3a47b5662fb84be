#pragma once
// Text generation from a checkpoint, streaming pieces of text through a callback.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "chattrain/chat.h"
#include "chattrain/train.h"

namespace chattrain {

struct SamplingOptions {
  double temperature = 0.8;         // 0: greedy
  int top_k = 50;                   // 0: off
  double top_p = 0.95;              // 1: off
  double repetition_penalty = 1.1;  // 1: off; >1 discourages tokens already in the context
  std::uint64_t seed = 0;
  int max_new_tokens = 128;
  std::vector<int> stop_tokens;     // besides </s>, which always stops
  bool kv_cache = true;             // false: recompute the whole context for every token (benchmark reference)

  std::string to_json() const;      // the settings a user picks (not stop tokens or kv_cache)
  static SamplingOptions from_json(const std::string& json);  // missing keys keep their defaults
};

// Receives each new piece of text as it is decoded; return false to stop.
using TextCallback = std::function<bool(const std::string& new_text)>;

struct GenerationResult {
  std::string text;
  std::vector<int> tokens;
  std::string stop_reason;  // "stop token", "max tokens", "context full", "stopped"
  double tokens_per_second = 0;
};

class TextGenerator {
 public:
  // Loads a checkpoint; refuses one trained with a tokenizer other than `tokenizer_model`.
  static TextGenerator load(const std::string& checkpoint_dir, const std::string& tokenizer_model,
                            const std::string& device = "auto");
  TextGenerator(TextGenerator&&) noexcept;
  ~TextGenerator();

  // Continues `prompt` as a new document, as pretraining saw text.
  GenerationResult generate(const std::string& prompt, const SamplingOptions& options, const TextCallback& on_text = {});
  // Answers as the assistant: the conversation through ChatML with the generation prompt, stopping at
  // <|im_end|>. What does not fit the context is cut from the start, leaving room for the answer.
  GenerationResult chat(const Conversation& conversation, const SamplingOptions& options, const TextCallback& on_text = {});
  // Summed log-probability of each answer's tokens (as chat_batch gives them, without the end mark) after
  // the conversation, under softmax(logits / temperature): how likely this model is to sample them at
  // that temperature (1 when it is 0). The evaluation's KL between two checkpoints is built on it.
  std::vector<double> answer_log_probs(const Conversation& conversation, const std::vector<std::vector<int>>& answers,
                                       double temperature) const;
  // `count` answers to one conversation in one batch; answer i samples with seed options.seed + i, so
  // answer 0 is what chat() gives with the same options. keep_going is asked after every token step.
  std::vector<GenerationResult> chat_batch(const Conversation& conversation, const SamplingOptions& options, int count,
                                           const std::function<bool()>& keep_going = {});
  // `count` answers to each conversation, the rows of several conversations in one batch where the model
  // allows (on the CPU): conversation c's answers are what chat_batch gives it with seed seeds[c].
  std::vector<std::vector<GenerationResult>> chat_batches(const std::vector<Conversation>& conversations, const SamplingOptions& options,
                                                          const std::vector<std::uint64_t>& seeds, int count,
                                                          const std::function<bool()>& keep_going = {});
  const CheckpointInfo& checkpoint() const;
  const Tokenizer& tokenizer() const;

 private:
  std::vector<int> chat_prompt(const Conversation& conversation) const;
  GenerationResult complete(std::vector<int> prompt, const SamplingOptions& options, const TextCallback& on_text);
  struct Impl;
  explicit TextGenerator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chattrain
