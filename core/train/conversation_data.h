#pragma once
// SFT data: conversations tokenized through ChatML; batches of whole conversations (truncated or
// padded to the window), targets -1 wherever the loss does not count.
#include "chattrain/chat.h"
#include "train/batches.h"

namespace chattrain {

class ConversationData : public TrainingData {
 public:
  // Holds out `val_fraction` of the conversations (by a hash of each), or, when `held_out` is not
  // empty, validates on those and trains on every one of `conversations`.
  // With `drop_longer_than` > 0, a conversation needing more positions than that is left out (counted
  // in dropped()) instead of losing its start in the batches.
  ConversationData(const std::vector<Conversation>& conversations, const Tokenizer& tokenizer, double val_fraction,
                   const std::vector<Conversation>& held_out = {}, size_t drop_longer_than = 0);
  size_t dropped() const { return dropped_; }
  std::pair<torch::Tensor, torch::Tensor> batch(int batch_size, int seq_len, std::uint64_t seed, std::uint64_t index,
                                                bool validation) const override;
  std::uint64_t train_tokens() const override { return train_tokens_; }
  bool has_validation() const override { return !val_.empty(); }

 private:
  std::vector<TokenizedConversation> train_, val_;
  std::uint64_t train_tokens_ = 0;
  size_t dropped_ = 0;
  int pad_;
};

}  // namespace chattrain
