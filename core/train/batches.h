#pragma once
// Random windows of token shards for training and validation. A batch is a pure function of
// (seed, index), so a resumed run draws exactly the batches the uninterrupted run would have.
#include <torch/torch.h>

#include "chattrain/shards.h"

namespace chattrain {

class TokenBatcher {
 public:
  // Opens every folder's split; throws Error when a folder was tokenized with another tokenizer.
  TokenBatcher(const std::vector<std::string>& dirs, const std::string& tokenizer_hash, bool validation);
  std::uint64_t tokens() const { return total_; }
  // (B, T+1) int64 on the CPU: inputs are [:, :-1], targets [:, 1:].
  torch::Tensor batch(int batch_size, int seq_len, std::uint64_t seed, std::uint64_t index) const;

 private:
  std::vector<TokenStream> streams_;
  std::vector<std::uint64_t> starts_;
  std::uint64_t total_ = 0;
};

std::uint64_t mix64(std::uint64_t x);  // splitmix64's finaliser

// What a stage trains on. A batch is (inputs, targets), both (B, T) int64 on the CPU; a target of -1
// is not counted by the loss (padding, and in SFT everything but the assistant's answers).
class TrainingData {
 public:
  virtual ~TrainingData() = default;
  virtual std::pair<torch::Tensor, torch::Tensor> batch(int batch_size, int seq_len, std::uint64_t seed,
                                                        std::uint64_t index, bool validation) const = 0;
  virtual std::uint64_t train_tokens() const = 0;
  virtual bool has_validation() const = 0;
};

// Pretraining: random windows of the token shards; every next token counts.
class ShardData : public TrainingData {
 public:
  ShardData(const std::vector<std::string>& dirs, const std::string& tokenizer_hash)
      : train_(dirs, tokenizer_hash, false), val_(dirs, tokenizer_hash, true) {}
  std::pair<torch::Tensor, torch::Tensor> batch(int batch_size, int seq_len, std::uint64_t seed, std::uint64_t index,
                                                bool validation) const override;
  std::uint64_t train_tokens() const override { return train_.tokens(); }
  bool has_validation() const override { return val_.tokens() > 0; }

 private:
  TokenBatcher train_, val_;
};

}  // namespace chattrain
