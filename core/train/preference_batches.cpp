#include "train/preference_batches.h"

#include <algorithm>
#include <map>

#include "train/batches.h"
#include "util/fs.h"

namespace chattrain {

AnswerSequence answer_sequence(const Tokenizer& tokenizer, const Conversation& prompt, const std::string& answer,
                               std::int64_t context) {
  AnswerSequence out;
  out.tokens.push_back(tokenizer.eos_id());
  const auto rendered = tokenize_conversation(prompt, tokenizer, /*generation_prompt=*/true).tokens;
  out.tokens.insert(out.tokens.end(), rendered.begin(), rendered.end());
  out.answer_mask.assign(out.tokens.size(), 0.0f);
  auto encoded = tokenizer.encode(answer);
  encoded.push_back(tokenizer.im_end_id());
  out.tokens.insert(out.tokens.end(), encoded.begin(), encoded.end());
  out.answer_mask.insert(out.answer_mask.end(), encoded.size(), 1.0f);
  if (std::int64_t(out.tokens.size()) > context) {
    const auto cut = std::int64_t(out.tokens.size()) - context;
    out.tokens.erase(out.tokens.begin(), out.tokens.begin() + cut);
    out.answer_mask.erase(out.answer_mask.begin(), out.answer_mask.begin() + cut);
  }
  return out;
}

PaddedRows pad_rows(const std::vector<const AnswerSequence*>& rows, int pad, const torch::Device& device) {
  size_t longest = 0;
  for (const auto* r : rows) longest = std::max(longest, r->tokens.size());
  const auto N = std::int64_t(rows.size()), T = std::int64_t(longest);
  auto tokens = torch::full({N, T}, std::int64_t(pad), torch::kInt64);
  auto mask = torch::zeros({N, T}, torch::kFloat32);
  auto lengths = torch::empty({N}, torch::kInt64);
  auto* t = tokens.data_ptr<std::int64_t>();
  auto* m = mask.data_ptr<float>();
  for (size_t i = 0; i < rows.size(); ++i) {
    std::copy(rows[i]->tokens.begin(), rows[i]->tokens.end(), t + i * longest);
    std::copy(rows[i]->answer_mask.begin(), rows[i]->answer_mask.end(), m + i * longest);
    lengths[std::int64_t(i)] = std::int64_t(rows[i]->tokens.size());
  }
  return {tokens.to(device), lengths.to(device), mask.to(device)};
}

PaddedRows pad_pairs(const std::vector<const TokenizedPair*>& batch, int pad, const torch::Device& device) {
  std::vector<const AnswerSequence*> rows;
  for (const auto* p : batch) rows.push_back(&p->chosen);
  for (const auto* p : batch) rows.push_back(&p->rejected);
  return pad_rows(rows, pad, device);
}

torch::Tensor pair_weights(const std::vector<const TokenizedPair*>& batch, const torch::Device& device) {
  std::vector<float> w;
  for (const auto* p : batch) w.push_back(float(p->weight));
  return torch::tensor(w).to(device);
}

void split_pairs(const std::vector<PreferencePair>& pairs, double val_fraction, const std::vector<PreferencePair>& held_out_pairs,
                 const Tokenizer& tokenizer, std::int64_t context, std::vector<TokenizedPair>& train,
                 std::vector<TokenizedPair>& validation) {
  auto tokenized = [&](const PreferencePair& p) {
    return TokenizedPair{answer_sequence(tokenizer, p.prompt, p.chosen, context),
                         answer_sequence(tokenizer, p.prompt, p.rejected, context), p.weight};
  };
  std::map<std::string, std::uint64_t> prompts;  // rendered prompt → hash
  for (const auto& p : pairs) {
    const std::string key = render_chatml(p.prompt);
    prompts.emplace(key, fs::fnv1a64(key));
  }
  std::set<std::string> held_out;
  if (held_out_pairs.empty() && val_fraction > 0 && prompts.size() >= 2) {
    for (const auto& [key, hash] : prompts)
      if (double(hash % 10000) < val_fraction * 10000) held_out.insert(key);
    auto by_hash = [](const auto& a, const auto& b) { return a.second < b.second; };
    if (held_out.empty()) held_out.insert(std::min_element(prompts.begin(), prompts.end(), by_hash)->first);
    if (held_out.size() == prompts.size()) held_out.erase(std::max_element(prompts.begin(), prompts.end(), by_hash)->first);
  }
  for (const auto& p : pairs) (held_out.count(render_chatml(p.prompt)) ? validation : train).push_back(tokenized(p));
  for (const auto& p : held_out_pairs) validation.push_back(tokenized(p));
}

std::vector<const TokenizedPair*> pick_pairs(const std::vector<TokenizedPair>& pairs, int batch_size, std::uint64_t seed,
                                             std::uint64_t index) {
  std::vector<const TokenizedPair*> batch;
  for (int k = 0; k < batch_size; ++k)
    batch.push_back(&pairs[mix64(seed ^ mix64(index * std::uint64_t(batch_size) + std::uint64_t(k))) % pairs.size()]);
  return batch;
}

size_t validation_pairs(const std::vector<TokenizedPair>& held_out) { return std::min(held_out.size(), max_validation_pairs); }

void for_each_validation_batch(const std::vector<TokenizedPair>& held_out, int batch_size, const DistributedWorld& world,
                               const std::function<void(const std::vector<const TokenizedPair*>&)>& measure) {
  const size_t chunk = size_t(std::max(1, batch_size)), limit = validation_pairs(held_out);
  for (size_t start = chunk * size_t(world.rank); start < limit; start += chunk * size_t(world.size)) {
    std::vector<const TokenizedPair*> batch;
    for (size_t i = start; i < std::min(limit, start + chunk); ++i) batch.push_back(&held_out[i]);
    measure(batch);
  }
}

}  // namespace chattrain
