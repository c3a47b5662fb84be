#include "generate/sampler.h"

#include "chattrain/error.h"
#include "util/translatable.h"

namespace chattrain {

size_t settled_text_length(const std::string& decoded) {
  static const std::string replacement = "\xEF\xBF\xBD";
  size_t end = decoded.size();
  while (end >= 3 && decoded.compare(end - 3, 3, replacement) == 0) end -= 3;
  return end;
}

torch::Tensor process_logits(torch::Tensor logits, const std::vector<int>& context, const SamplingOptions& o) {
  logits = logits.to(torch::kFloat32).to(torch::kCPU).clone();  // (V)
  if (o.repetition_penalty != 1.0 && !context.empty()) {
    // CTRL's penalty: shrink positive logits, grow negative ones, for tokens already present.
    std::vector<std::int64_t> ids(context.begin(), context.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto seen = torch::tensor(ids, torch::kInt64);
    auto values = logits.index_select(0, seen);
    values = torch::where(values > 0, values / o.repetition_penalty, values * o.repetition_penalty);
    logits.index_copy_(0, seen, values);
  }
  if (o.temperature > 0) logits = logits / o.temperature;
  const auto V = logits.size(0);
  if (o.top_k > 0 && o.top_k < V) {
    const auto kth = std::get<0>(logits.topk(o.top_k)).min();
    logits = logits.masked_fill(logits < kth, -std::numeric_limits<float>::infinity());
  }
  if (o.top_p > 0 && o.top_p < 1.0) {
    auto [sorted, order] = logits.sort(/*dim=*/-1, /*descending=*/true);
    auto cumulative = sorted.softmax(-1).cumsum(-1);
    // Drop a token when the tokens ranked above it already reach top_p (the first always stays).
    auto drop_sorted = (cumulative - sorted.softmax(-1)) > o.top_p;
    auto drop = torch::zeros_like(drop_sorted).scatter(0, order, drop_sorted);
    logits = logits.masked_fill(drop, -std::numeric_limits<float>::infinity());
  }
  return logits;
}

int pick_token(const torch::Tensor& raw_logits, const std::vector<int>& context, const SamplingOptions& o,
               at::Generator& generator) {
  // Temperature 0 is plain greedy: the likeliest token, whatever the other settings say (a repetition penalty
  // applied first made `--temperature 0` something else than greedy, unlike every other tool).
  if (o.temperature <= 0) return int(raw_logits.argmax().item<std::int64_t>());
  auto logits = process_logits(raw_logits, context, o);
  return int(torch::multinomial(logits.softmax(-1), 1, /*replacement=*/false, generator).item<std::int64_t>());
}

namespace {
// A prompt too long for the context keeps its end, leaving room for the answer (up to half the context).
std::vector<int> fit_prompt(const std::vector<int>& prompt, std::int64_t context, int max_new_tokens) {
  if (prompt.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "generation needs at least one prompt token")));
  std::vector<int> all(prompt);
  const std::int64_t room = std::max<std::int64_t>(1, std::min<std::int64_t>(max_new_tokens, context / 2));
  if (std::int64_t(all.size()) > context - room) all.erase(all.begin(), all.end() - (context - room));
  return all;
}
}  // namespace

std::vector<int> sample_tokens(GPT& model, const std::vector<int>& prompt, const SamplingOptions& o,
                               const std::vector<int>& stop_tokens, const std::function<bool(int)>& on_token,
                               std::string* stop_reason) {
  torch::NoGradGuard no_grad;
  const auto device = model->weights().front().second.device();
  const std::int64_t context = model->config().context_length;
  std::vector<int> all = fit_prompt(prompt, context, o.max_new_tokens);
  auto generator = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  auto cache = model->make_cache(1, context);
  auto as_input = [&device](std::vector<int>::const_iterator begin, std::vector<int>::const_iterator end) {
    return torch::tensor(std::vector<std::int64_t>(begin, end), torch::kInt64).view({1, -1}).to(device);
  };
  auto input = as_input(all.begin(), all.end());
  std::vector<int> out;
  std::string reason = "max tokens";
  while (int(out.size()) < o.max_new_tokens) {
    // With the cache each step feeds only the newest token; without it, the whole context again.
    auto logits = o.kv_cache ? model->forward(input, &cache) : model->forward(input, nullptr);  // (1, T, V)
    const int next = pick_token(logits[0][-1], all, o, generator);
    if (std::find(stop_tokens.begin(), stop_tokens.end(), next) != stop_tokens.end()) {
      reason = "stop token";
      break;
    }
    out.push_back(next);
    all.push_back(next);
    if (on_token && !on_token(next)) {
      reason = "stopped";
      break;
    }
    if (std::int64_t(all.size()) > context) {  // the next token would have no position left
      reason = "context full";
      break;
    }
    input = o.kv_cache ? torch::full({1, 1}, std::int64_t(next), torch::TensorOptions().dtype(torch::kInt64).device(device))
                       : as_input(all.begin(), all.end());
  }
  if (stop_reason) *stop_reason = reason;
  return out;
}

std::vector<std::vector<int>> sample_rows(GPT& model, const std::vector<int>& prompt, int rows, const SamplingOptions& o,
                                          const std::vector<int>& stop_tokens, const std::function<bool()>& on_step,
                                          std::vector<std::string>* stop_reasons) {
  torch::NoGradGuard no_grad;
  const auto device = model->weights().front().second.device();
  const std::int64_t context = model->config().context_length;
  const std::vector<int> fitted = fit_prompt(prompt, context, o.max_new_tokens);
  const size_t row_count = size_t(rows);
  std::vector<std::vector<int>> contexts(row_count, fitted), out(row_count);
  std::vector<std::string> reasons(row_count);
  std::vector<at::Generator> generators;
  for (int r = 0; r < rows; ++r) generators.push_back(at::make_generator<at::CPUGeneratorImpl>(o.seed + std::uint64_t(r)));
  auto cache = model->make_cache(rows, context);
  auto input = torch::tensor(std::vector<std::int64_t>(fitted.begin(), fitted.end()), torch::kInt64)
                   .view({1, -1}).expand({rows, -1}).contiguous().to(device);  // (R, T)
  int running = rows;
  for (int step = 0; step < o.max_new_tokens && running > 0; ++step) {
    const auto last = model->forward(input, &cache).select(1, -1).to(torch::kCPU);  // (R, V)
    std::vector<std::int64_t> next(size_t(rows), stop_tokens.empty() ? 0 : stop_tokens.front());
    for (int r = 0; r < rows; ++r) {
      if (!reasons[size_t(r)].empty()) continue;  // finished rows ride along; their tokens are ignored
      const int token = pick_token(last[r], contexts[size_t(r)], o, generators[size_t(r)]);
      if (std::find(stop_tokens.begin(), stop_tokens.end(), token) != stop_tokens.end()) {
        reasons[size_t(r)] = "stop token";
        --running;
        continue;
      }
      out[size_t(r)].push_back(token);
      contexts[size_t(r)].push_back(token);
      next[size_t(r)] = token;
    }
    if (on_step && !on_step()) {
      for (auto& reason : reasons) if (reason.empty()) reason = "stopped";
      break;
    }
    if (std::int64_t(fitted.size()) + step + 1 > context) {  // every row's next token would have no position left
      for (auto& reason : reasons) if (reason.empty()) reason = "context full";
      break;
    }
    input = torch::tensor(next, torch::kInt64).view({rows, 1}).to(device);
  }
  for (auto& reason : reasons) if (reason.empty()) reason = "max tokens";
  if (stop_reasons) *stop_reasons = reasons;
  return out;
}

}  // namespace chattrain
