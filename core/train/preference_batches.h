#pragma once
// Batches of preference pairs, shared by the reward model and DPO: "prompt + answer" token rows as
// SFT rendered them, padded into tensors, and the split of pairs into training and held-out prompts.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "chattrain/distributed.h"
#include "chattrain/preference.h"
#include "chattrain/tokenizer.h"

namespace chattrain {

// </s> + the prompt through ChatML with the generation prompt + the answer + <|im_end|>. answer_mask is
// 1 on the answer's tokens and its <|im_end|> (what a policy is scored on). Too long for the context:
// the start is cut.
struct AnswerSequence {
  std::vector<int> tokens;
  std::vector<float> answer_mask;
};
AnswerSequence answer_sequence(const Tokenizer& tokenizer, const Conversation& prompt, const std::string& answer,
                               std::int64_t context);

// A preference pair as two sequences and its weight.
struct TokenizedPair {
  AnswerSequence chosen, rejected;
  double weight = 1;
};

// Rows padded on the right to the longest, on `device`: tokens (N, T) int64, lengths (N) int64,
// answer_mask (N, T) float32.
struct PaddedRows {
  torch::Tensor tokens, lengths, answer_mask;
};
PaddedRows pad_rows(const std::vector<const AnswerSequence*>& rows, int pad, const torch::Device& device);
// The chosen rows of `batch` then the rejected ones: 2·B rows.
PaddedRows pad_pairs(const std::vector<const TokenizedPair*>& batch, int pad, const torch::Device& device);
torch::Tensor pair_weights(const std::vector<const TokenizedPair*>& batch, const torch::Device& device);

// Splits pairs into training and held-out by prompt (a hash of it), so that no held-out prompt's
// answers are trained on; a small set still holds out one prompt and keeps one to train on. Pairs in
// `held_out`, when given, are the validation instead.
void split_pairs(const std::vector<PreferencePair>& pairs, double val_fraction, const std::vector<PreferencePair>& held_out,
                 const Tokenizer& tokenizer, std::int64_t context, std::vector<TokenizedPair>& train,
                 std::vector<TokenizedPair>& validation);

// Validation of the pair stages (reward model, DPO) reads the first `validation_pairs` held-out pairs, in
// micro-batches, every eval_interval steps. A sample, not the whole set: 1024 pairs measure an accuracy
// near 0.7 to ±0.03 (twice its standard error), and a large public preference set (tens of thousands
// of held-out pairs) would otherwise cost more than the training steps between two evaluations.
constexpr size_t max_validation_pairs = 1024;
size_t validation_pairs(const std::vector<TokenizedPair>& held_out);  // min(size, max_validation_pairs)
// Calls `measure` on this process's share of the micro-batches of the validated pairs (every size-th, from
// its rank), in order.
void for_each_validation_batch(const std::vector<TokenizedPair>& held_out, int batch_size, const DistributedWorld& world,
                               const std::function<void(const std::vector<const TokenizedPair*>&)>& measure);

// Micro-batch `index` of `batch_size` pairs, a pure function of (seed, index).
std::vector<const TokenizedPair*> pick_pairs(const std::vector<TokenizedPair>& pairs, int batch_size, std::uint64_t seed,
                                             std::uint64_t index);

}  // namespace chattrain
