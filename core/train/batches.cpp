#include "train/batches.h"

#include "chattrain/error.h"
#include "util/translatable.h"

namespace chattrain {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

TokenBatcher::TokenBatcher(const std::vector<std::string>& dirs, const std::string& tokenizer_hash, bool validation) {
  for (const auto& dir : dirs) {
    const auto manifest = read_manifest(dir);
    if (manifest.tokenizer_hash != tokenizer_hash)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "dataset %1 was tokenized with another tokenizer (%2, the project's is %3): import it again"),
                          {dir, manifest.tokenizer_hash, tokenizer_hash}));
    TokenStream stream(dir, manifest, validation);
    if (stream.size() == 0) continue;
    starts_.push_back(total_);
    total_ += stream.size();
    streams_.push_back(std::move(stream));
  }
}

torch::Tensor TokenBatcher::batch(int batch_size, int seq_len, std::uint64_t seed, std::uint64_t index) const {
  const std::uint64_t window = std::uint64_t(seq_len) + 1;
  auto out = torch::empty({batch_size, std::int64_t(window)}, torch::kInt64);
  auto* data = out.data_ptr<std::int64_t>();
  for (int row = 0; row < batch_size; ++row) {
    const std::uint64_t r = mix64(seed ^ mix64(index * 1024 + std::uint64_t(row)));
    // Pick a stream in proportion to its size, then a window inside it (windows never straddle two).
    std::uint64_t at = r % total_;
    size_t s = size_t(std::upper_bound(starts_.begin(), starts_.end(), at) - starts_.begin()) - 1;
    const TokenStream& stream = streams_[s];
    if (stream.size() < window)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "a dataset holds only %1 tokens, fewer than one training window of %2: add more text or lower the context length"),
                          {std::to_string(stream.size()), std::to_string(window)}));
    const std::uint64_t offset = mix64(r) % (stream.size() - window + 1);
    stream.read(offset, window, data + std::uint64_t(row) * window);
  }
  return out;
}

std::pair<torch::Tensor, torch::Tensor> ShardData::batch(int batch_size, int seq_len, std::uint64_t seed,
                                                         std::uint64_t index, bool validation) const {
  const auto window = (validation ? val_ : train_).batch(batch_size, seq_len, seed, index);  // (B, T+1)
  return {window.narrow(1, 0, seq_len), window.narrow(1, 1, seq_len)};
}

}  // namespace chattrain
