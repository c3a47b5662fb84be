#include "train/conversation_data.h"

#include "chattrain/error.h"
#include "chattrain/shards.h"
#include "util/translatable.h"

namespace chattrain {

ConversationData::ConversationData(const std::vector<Conversation>& conversations, const Tokenizer& tokenizer,
                                   double val_fraction, const std::vector<Conversation>& held_out, size_t drop_longer_than)
    : pad_(tokenizer.pad_id()) {
  auto tokenized = [&tokenizer](const Conversation& c) {
    TokenizedConversation t = tokenize_conversation(c, tokenizer);
    // A conversation starts after </s>, as documents do in pretraining.
    t.tokens.insert(t.tokens.begin(), tokenizer.eos_id());
    t.trained.insert(t.trained.begin(), 0);
    return t;
  };
  // Position i predicts token i+1: a conversation of n tokens (with its </s>) takes n − 1 positions.
  const auto keep = [&](std::vector<TokenizedConversation>& into, TokenizedConversation t) {
    if (drop_longer_than > 0 && t.tokens.size() - 1 > drop_longer_than) {
      ++dropped_;
      return false;
    }
    into.push_back(std::move(t));
    return true;
  };
  for (const auto& c : held_out) keep(val_, tokenized(c));
  for (const auto& c : conversations) {
    if (held_out.empty() && is_validation_document(render_chatml(c), val_fraction)) {
      keep(val_, tokenized(c));
    } else if (keep(train_, tokenized(c))) {
      train_tokens_ += train_.back().tokens.size();
    }
  }
  if (train_.empty() && dropped_ > 0)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "every conversation is longer than the sequence of %1 tokens: let their start be cut, "
                                                  "or fine-tune a model with a longer context"),
                        {std::to_string(drop_longer_than)}));
  if (train_.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "no conversations to fine-tune on: import a dialogue file first")));
}

std::pair<torch::Tensor, torch::Tensor> ConversationData::batch(int batch_size, int seq_len, std::uint64_t seed,
                                                                std::uint64_t index, bool validation) const {
  const auto& set = validation ? val_ : train_;
  auto inputs = torch::full({batch_size, seq_len}, std::int64_t(pad_), torch::kInt64);
  auto targets = torch::full({batch_size, seq_len}, std::int64_t(-1), torch::kInt64);
  auto* in = inputs.data_ptr<std::int64_t>();
  auto* out = targets.data_ptr<std::int64_t>();
  for (int row = 0; row < batch_size; ++row) {
    const auto& c = set[mix64(seed ^ mix64(index * 1024 + std::uint64_t(row))) % set.size()];
    // Position i predicts token i+1. What does not fit the window is cut from the start: the last
    // answer, which SFT trains, always stays (a cut answer would leave nothing to learn).
    const size_t n = std::min<size_t>(c.tokens.size() - 1, size_t(seq_len));
    const size_t start = c.tokens.size() - 1 - n;
    for (size_t i = 0; i < n; ++i) {
      in[size_t(row) * size_t(seq_len) + i] = c.tokens[start + i];
      if (c.trained[start + i + 1]) out[size_t(row) * size_t(seq_len) + i] = c.tokens[start + i + 1];
    }
  }
  return {inputs, targets};
}

}  // namespace chattrain
