#include "generate/sampler.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <optional>

#include "chattrain/error.h"
#include "generate/cpu_decoder.h"
#include "util/translatable.h"

namespace chattrain {

size_t settled_text_length(const std::string& decoded) {
  static const std::string replacement = "\xEF\xBF\xBD";
  size_t end = decoded.size();
  while (end >= 3 && decoded.compare(end - 3, 3, replacement) == 0) end -= 3;
  return end;
}

std::string SettledText::add(int token) {
  all_.push_back(token);
  if (from_start_) return take(tokenizer_.decode(all_));
  window_.push_back(token);
  const std::string text = tokenizer_.decode(window_);
  if (text.compare(0, anchor_text_.size(), anchor_text_) == 0) return take(text);
  from_start_ = true;  // this tokenizer's window does not begin with its anchor's text
  window_handed_ = handed_out_;
  return take(tokenizer_.decode(all_));
}

std::string SettledText::take(const std::string& text) {
  const size_t settled = settled_text_length(text);
  std::string out;
  if (settled > window_handed_) out = text.substr(window_handed_, settled - window_handed_);
  window_handed_ = std::max(window_handed_, settled);
  handed_out_ += out.size();
  if (!from_start_ && settled == text.size()) {  // all settled: the last token is the next window's anchor
    // ... unless it decodes to nothing (a control token): as an anchor it would prove nothing about the
    // space SentencePiece may drop before the next piece, so the window grows instead.
    const std::string anchor_text = tokenizer_.decode({window_.back()});
    if (!anchor_text.empty()) {
      window_.assign(1, window_.back());
      anchor_text_ = anchor_text;
      window_handed_ = anchor_text_.size();
    }
  }
  return out;
}

void filter_logits(float* logits, std::int64_t V, const std::vector<int>& context, const SamplingOptions& o, std::vector<int>& order) {
  constexpr float minus_infinity = -std::numeric_limits<float>::infinity();
  if (o.repetition_penalty != 1.0 && !context.empty()) {
    // CTRL's penalty: shrink positive logits, grow negative ones, once for each token already present.
    order.assign(context.begin(), context.end());
    std::sort(order.begin(), order.end());
    order.erase(std::unique(order.begin(), order.end()), order.end());
    const float penalty = float(o.repetition_penalty);
    for (int id : order)
      if (id >= 0 && id < V) logits[id] = logits[id] > 0 ? logits[id] / penalty : logits[id] * penalty;
  }
  if (o.temperature > 0) {
    const float temperature = float(o.temperature);
    for (std::int64_t i = 0; i < V; ++i) logits[i] /= temperature;
  }
  if (o.top_k > 0 && o.top_k < V) {  // keep the k largest (and any tied with the k-th)
    // The k-th largest from a heap of the k largest so far (smallest on top): one comparison for most logits.
    const auto larger = [logits](int a, int b) { return logits[a] > logits[b]; };
    order.resize(size_t(o.top_k));
    std::iota(order.begin(), order.end(), 0);
    std::make_heap(order.begin(), order.end(), larger);
    for (std::int64_t i = o.top_k; i < V; ++i)
      if (logits[i] > logits[order.front()]) {
        std::pop_heap(order.begin(), order.end(), larger);
        order.back() = int(i);
        std::push_heap(order.begin(), order.end(), larger);
      }
    const float kth = logits[order.front()];
    for (std::int64_t i = 0; i < V; ++i)
      if (logits[i] < kth) logits[i] = minus_infinity;
  }
  if (o.top_p > 0 && o.top_p < 1.0) {
    // Drop a token when the tokens ranked above it already reach top_p (the first always stays). Only
    // tokens still possible are sorted: after top-k, a few dozen.
    order.clear();
    for (std::int64_t i = 0; i < V; ++i)
      if (logits[i] != minus_infinity) order.push_back(int(i));
    std::sort(order.begin(), order.end(), [&](int a, int b) { return logits[a] > logits[b]; });
    if (order.empty()) return;
    const float top = logits[order.front()];
    thread_local std::vector<double> weights;  // each survivor's exp, computed once (pickers run on two threads)
    weights.resize(order.size());
    double total = 0;
    for (size_t i = 0; i < order.size(); ++i) total += (weights[i] = std::exp(double(logits[order[i]]) - top));
    double above = 0;  // probability of the tokens ranked above this one
    for (size_t i = 0; i < order.size(); ++i) {
      if (above > o.top_p) logits[order[i]] = minus_infinity;
      above += weights[i] / total;
    }
  }
}

torch::Tensor process_logits(torch::Tensor logits, const std::vector<int>& context, const SamplingOptions& o) {
  logits = logits.to(torch::kFloat32).to(torch::kCPU).contiguous().clone();  // (V)
  std::vector<int> order;
  filter_logits(logits.data_ptr<float>(), logits.numel(), context, o, order);
  return logits;
}

namespace {
// torch::multinomial's noise for one sample is exponential_(1) over the vocabulary: per entry one
// 64-bit draw, made uniform in [0, 1) from its low 53 bits, then −log(1 − u). Drawn here, an entry whose
// probability is 0 (cut by top-k or top-p) costs the draw but not the logarithm. Checked once against
// LibTorch's own exponential_; where it differs (another LibTorch), LibTorch draws.
double uniform_of(std::uint64_t bits) {
  return double(bits & ((std::uint64_t(1) << 53) - 1)) * (1.0 / double(std::uint64_t(1) << 53));
}
double exponential_of(double uniform) { return -1.0 * std::log(1.0 - uniform); }
bool noise_drawn_as_libtorch() {
  static const bool same = [] {
    auto theirs = at::make_generator<at::CPUGeneratorImpl>(20261205);
    auto ours = at::make_generator<at::CPUGeneratorImpl>(20261205);
    const auto drawn = torch::empty({1000}, torch::kFloat32).exponential_(1.0, theirs);
    auto* impl = ours.get<at::CPUGeneratorImpl>();
    for (std::int64_t i = 0; i < drawn.numel(); ++i)
      if (float(exponential_of(uniform_of(impl->random64()))) != drawn[i].item<float>()) return false;
    return theirs.get<at::CPUGeneratorImpl>()->random64() == impl->random64();  // and they used as many draws
  }();
  return same;
}
}  // namespace

TokenPicker::TokenPicker(const SamplingOptions& options, std::uint64_t seed, std::int64_t vocab)
    : options_(options), vocab_(vocab), generator_(at::make_generator<at::CPUGeneratorImpl>(seed)), work_(size_t(vocab)) {
  if (options_.temperature > 0 && !noise_drawn_as_libtorch()) noise_ = torch::empty({vocab}, torch::kFloat32);
}

int TokenPicker::pick(const float* logits, const std::vector<int>& context) {
  // Temperature 0 is plain greedy: the likeliest token, whatever the other settings say (a repetition penalty
  // applied first made `--temperature 0` something else than greedy, unlike every other tool).
  if (options_.temperature <= 0) return int(std::max_element(logits, logits + vocab_) - logits);
  std::copy_n(logits, vocab_, work_.begin());
  filter_logits(work_.data(), vocab_, context, options_, order_);
  const float top = *std::max_element(work_.begin(), work_.end());
  if (!std::isfinite(top)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "the model's output is not a number: its weights are damaged")));
  float total = 0;
  for (float& w : work_) total += (w = w == -std::numeric_limits<float>::infinity() ? 0.0f : std::exp(w - top));
  // torch::multinomial's draw for one sample: the largest probability / Exp(1) noise.
  int best = 0;
  float best_ratio = -std::numeric_limits<float>::infinity();
  auto consider = [&](std::int64_t i, float noise) {
    const float ratio = (work_[size_t(i)] / total) / noise;
    if (ratio > best_ratio) best_ratio = ratio, best = int(i);
  };
  if (noise_.defined()) {
    noise_.exponential_(1.0, generator_);
    const float* noise = noise_.data_ptr<float>();
    for (std::int64_t i = 0; i < vocab_; ++i) consider(i, noise[i]);
  } else {
    // Most entries cannot win, and for them the logarithm is skipped: the noise −log(1 − u) is at least u,
    // so probability / noise is at most probability / u, and an entry whose probability is below
    // best · u (less a margin for the float rounding of the noise and the ratio) is out. The draw
    // itself is still made, as the generator's stream must advance as multinomial's did.
    auto* impl = generator_.get<at::CPUGeneratorImpl>();
    for (std::int64_t i = 0; i < vocab_; ++i) {
      const std::uint64_t bits = impl->random64();
      const float weight = work_[size_t(i)];
      if (weight <= 0) continue;
      const double u = uniform_of(bits);
      if (double(weight / total) < double(best_ratio) * u * (1.0 - 1e-6)) continue;
      consider(i, float(exponential_of(u)));
    }
  }
  return best;
}

namespace {
// Why an answer ends with the token it just took (nullptr: it goes on): `filled` tokens in the context,
// `answered` of them new.
const char* ended_by_length(std::int64_t filled, std::int64_t context, int answered, int max_new_tokens) {
  if (filled > context) return "context full";  // the next token would have no position left
  return answered == max_new_tokens ? "max tokens" : nullptr;
}

// A prompt too long for the context keeps its end, leaving room for the answer (up to half the context).
std::vector<int> fit_prompt(const std::vector<int>& prompt, std::int64_t context, int max_new_tokens) {
  if (prompt.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "generation needs at least one prompt token")));
  std::vector<int> all(prompt);
  const std::int64_t room = std::max<std::int64_t>(1, std::min<std::int64_t>(max_new_tokens, context / 2));
  if (std::int64_t(all.size()) > context - room) all.erase(all.begin(), all.end() - (context - room));
  return all;
}

// Where each step's logits come from. GPT::forward reads each prompt once, into the first of its rows in
// the cache, which is then copied to its other rows (each row then computes what one answer alone would).
// Each new token, each row at its own position, goes through CpuDecoder where it can run (float32 on the
// CPU), else through GPT::forward with the cache (the GPU), whose rows are narrowed to the answers still
// running whenever one finishes. Without the cache (the benchmark's reference), GPT::forward reads the
// whole context again for each token.
class NextLogits {
 public:
  NextLogits(GPT& model, int rows, bool kv_cache)
      : model_(model), device_(model->weights().front().second.device()), kv_cache_(kv_cache), positions_(size_t(rows), 0) {
    if (kv_cache_) {
      cache_ = model->make_cache(rows, model->config().context_length);
      // CHATTRAIN_DECODER=forward decodes through GPT::forward where CpuDecoder could run: to compare the
      // two, and to run the GPU's way on a CPU (tests, bench_generate).
      const char* engine = std::getenv("CHATTRAIN_DECODER");
      if (!engine || std::string(engine) != "forward") decoder_ = CpuDecoder::of(model);
      for (int r = 0; r < rows; ++r) cache_rows_.push_back(r);
    }
  }
  SecondThread* second_thread() const { return decoder_ ? decoder_->second_thread() : nullptr; }

  // Logits (V) after `tokens`, read into rows [first, first + count), which all hold them then.
  const std::vector<float>& prompt(const std::vector<int>& tokens, int first, int count) {
    if (!kv_cache_) return whole(tokens);
    KVCache rows;  // the prompt's rows of the cache, its first row read by GPT::forward
    for (size_t i = 0; i < cache_.keys.size(); ++i) {
      rows.keys.push_back(cache_.keys[i].narrow(0, first, 1));
      rows.values.push_back(cache_.values[i].narrow(0, first, 1));
    }
    const auto logits = model_->forward(as_input(tokens), &rows);  // (1, T, V)
    for (size_t i = 0; count > 1 && i < cache_.keys.size(); ++i) {
      cache_.keys[i].narrow(0, first + 1, count - 1).copy_(rows.keys[i].expand({count - 1, -1, -1, -1}));
      cache_.values[i].narrow(0, first + 1, count - 1).copy_(rows.values[i].expand({count - 1, -1, -1, -1}));
    }
    for (int r = first; r < first + count; ++r) positions_[size_t(r)] = rows.length;
    cache_.length = std::max(cache_.length, rows.length);
    return copied(logits[0][-1]);
  }

  // Logits (rows.size() × V) after row rows[i] takes tokens[i]; `context` is row 0's whole context (for
  // the reference without a cache, which has one row).
  const std::vector<float>& next(const std::vector<int>& rows, const std::vector<int>& tokens, const std::vector<int>& context) {
    if (!kv_cache_) return whole(context);
    cache_.row_positions.clear();
    for (int row : rows) cache_.row_positions.push_back(positions_[size_t(row)]++);
    if (decoder_) {
      decoder_->step(cache_, rows, cache_.row_positions, tokens, logits_);
      return logits_;
    }
    if (rows != cache_rows_) {  // an answer finished: drop its row from the cache
      std::vector<std::int64_t> keep;
      for (int row : rows) keep.push_back(std::find(cache_rows_.begin(), cache_rows_.end(), row) - cache_rows_.begin());
      const auto index = torch::tensor(keep, torch::kInt64).to(device_);
      for (size_t i = 0; i < cache_.keys.size(); ++i) {
        cache_.keys[i] = cache_.keys[i].index_select(0, index);
        cache_.values[i] = cache_.values[i].index_select(0, index);
      }
      cache_rows_ = rows;
    }
    return copied(model_->forward(as_input(tokens).view({-1, 1}), &cache_).select(1, -1));  // (R, 1) → (R, V)
  }

 private:
  torch::Tensor as_input(const std::vector<int>& tokens) const {  // (1, T)
    return torch::tensor(std::vector<std::int64_t>(tokens.begin(), tokens.end()), torch::kInt64).view({1, -1}).to(device_);
  }
  const std::vector<float>& whole(const std::vector<int>& context) { return copied(model_->forward(as_input(context))[0][-1]); }
  const std::vector<float>& copied(const torch::Tensor& logits) {
    const auto cpu = logits.to(torch::kFloat32).to(torch::kCPU).contiguous();
    logits_.assign(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
    return logits_;
  }

  GPT& model_;
  torch::Device device_;
  bool kv_cache_;
  KVCache cache_;
  std::optional<CpuDecoder> decoder_;
  std::vector<std::int64_t> positions_;  // where each row's next token goes
  std::vector<int> cache_rows_;  // which answer each cache row holds (GPT::forward's way)
  std::vector<float> logits_;
};
}  // namespace

std::vector<int> sample_tokens(GPT& model, const std::vector<int>& prompt, const SamplingOptions& o,
                               const std::vector<int>& stop_tokens, const std::function<bool(int)>& on_token,
                               std::string* stop_reason) {
  torch::NoGradGuard no_grad;
  const std::int64_t context = model->config().context_length;
  std::vector<int> all = fit_prompt(prompt, context, o.max_new_tokens);
  TokenPicker picker(o, o.seed, model->config().vocab_size);
  NextLogits source(model, 1, o.kv_cache);
  const float* logits = source.prompt(all, 0, 1).data();
  std::vector<int> out;
  std::string reason = "max tokens";
  while (int(out.size()) < o.max_new_tokens) {
    const int next = picker.pick(logits, all);
    if (std::find(stop_tokens.begin(), stop_tokens.end(), next) != stop_tokens.end()) {
      reason = "stop token";
      break;
    }
    out.push_back(next);
    all.push_back(next);
    // Ended by this token (as sample_batch says it: a stop asked for after the last token does not change why)?
    const char* ended = ended_by_length(std::int64_t(all.size()), context, int(out.size()), o.max_new_tokens);
    if (on_token && !on_token(next)) {
      reason = ended ? ended : "stopped";
      break;
    }
    if (ended) {
      reason = ended;
      break;  // no logits needed after the last token
    }
    logits = source.next({0}, {next}, all).data();
  }
  if (stop_reason) *stop_reason = reason;
  return out;
}

namespace {
// The row count that keeps the cache of a batch within a budget (and at most the count past which
// bench_generate shows no gain): a gpt2-small answer's cache on the CPU is 75 MB.
int rows_per_batch(const ModelConfig& c) {
  constexpr double cache_budget = 1024.0 * 1024 * 1024;
  const double per_row = 2.0 * double(c.n_layers) * double(c.n_kv_heads) * double(c.head_dim()) * double(c.context_length) * 4;
  return int(std::clamp(cache_budget / per_row, 1.0, 64.0));
}

// One batch of groups (rows in group order); the rows of all of them fit rows_per_batch. Returns false when
// on_step asked to stop.
bool sample_one_batch(GPT& model, const std::vector<PromptAnswers>& groups, const std::vector<int>& stop_tokens,
                      const std::function<bool()>& on_step, std::vector<std::vector<int>>& out, std::vector<std::string>& reasons) {
  const std::int64_t context = model->config().context_length;
  const std::int64_t V = model->config().vocab_size;
  std::vector<std::vector<int>> contexts;  // per row: its prompt and what it answered so far
  std::vector<int> group_of, limit;        // per row: its group, its max_new_tokens
  std::vector<TokenPicker> pickers;
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto fitted = fit_prompt(groups[g].prompt, context, groups[g].options.max_new_tokens);
    for (int r = 0; r < groups[g].rows; ++r) {
      contexts.push_back(fitted);
      group_of.push_back(int(g));
      limit.push_back(groups[g].options.max_new_tokens);
      pickers.emplace_back(groups[g].options, groups[g].options.seed + std::uint64_t(r), V);
    }
  }
  const size_t row_count = contexts.size();
  out.assign(row_count, {});
  reasons.assign(row_count, "");
  NextLogits source(model, int(row_count), /*kv_cache=*/true);
  std::vector<std::vector<float>> after_prompt;  // per group
  for (size_t g = 0, first = 0; g < groups.size(); first += size_t(groups[g].rows), ++g)
    after_prompt.push_back(groups[g].rows > 0 ? source.prompt(contexts[first], int(first), groups[g].rows) : std::vector<float>());
  std::vector<int> running, picked;  // the rows still answering, and what each picked
  for (size_t r = 0; r < row_count; ++r)
    if (limit[r] > 0) running.push_back(int(r));
    else reasons[r] = "max tokens";
  const float* logits = nullptr;  // running.size() × V, in running's order
  for (bool first_step = true; !running.empty(); first_step = false) {
    // Each row's pick depends on its own picker only: half the rows on the second thread.
    picked.assign(running.size(), 0);
    split_in_two(source.second_thread(), int(running.size()), 2, 1, [&](int i0, int i1) {
      for (int i = i0; i < i1; ++i) {
        const auto r = size_t(running[size_t(i)]);
        const float* row_logits = first_step ? after_prompt[size_t(group_of[r])].data() : logits + std::int64_t(i) * V;
        picked[size_t(i)] = pickers[r].pick(row_logits, contexts[r]);
      }
    });
    std::vector<int> still, taken;
    for (size_t i = 0; i < running.size(); ++i) {
      const auto r = size_t(running[i]);
      const int token = picked[i];
      if (std::find(stop_tokens.begin(), stop_tokens.end(), token) != stop_tokens.end()) {
        reasons[r] = "stop token";  // finished: no more steps for this row
        continue;
      }
      out[r].push_back(token);
      contexts[r].push_back(token);
      if (const char* ended = ended_by_length(std::int64_t(contexts[r].size()), context, int(out[r].size()), limit[r])) reasons[r] = ended;
      else still.push_back(int(r)), taken.push_back(token);
    }
    running = std::move(still);
    if (on_step && !on_step()) {
      for (auto& reason : reasons) if (reason.empty()) reason = "stopped";
      return false;
    }
    if (!running.empty()) logits = source.next(running, taken, {}).data();
  }
  return true;
}
}  // namespace

std::vector<std::vector<int>> sample_batch(GPT& model, const std::vector<PromptAnswers>& groups, const std::vector<int>& stop_tokens,
                                           const std::function<bool()>& on_step, std::vector<std::string>* stop_reasons) {
  torch::NoGradGuard no_grad;
  for (const auto& group : groups)
    if (group.rows < 0) throw std::invalid_argument("sample_batch: a negative number of rows");
  std::vector<std::vector<int>> out;
  std::vector<std::string> reasons;
  // Batches of whole groups, as many as the cache budget allows.
  const int most = rows_per_batch(model->config());
  bool going = true;
  for (size_t g = 0; g < groups.size();) {
    size_t end = g + 1;
    for (int rows = groups[g].rows; end < groups.size() && rows + groups[end].rows <= most; ++end) rows += groups[end].rows;
    const std::vector<PromptAnswers> batch(groups.begin() + long(g), groups.begin() + long(end));
    std::vector<std::vector<int>> batch_out;
    std::vector<std::string> batch_reasons;
    if (going) {
      going = sample_one_batch(model, batch, stop_tokens, on_step, batch_out, batch_reasons);
    } else {  // stopped before this batch began
      for (const auto& group : batch) batch_out.resize(batch_out.size() + size_t(group.rows)), batch_reasons.resize(batch_out.size(), "stopped");
    }
    out.insert(out.end(), batch_out.begin(), batch_out.end());
    reasons.insert(reasons.end(), batch_reasons.begin(), batch_reasons.end());
    g = end;
  }
  if (stop_reasons) *stop_reasons = reasons;
  return out;
}

std::vector<std::vector<int>> sample_rows(GPT& model, const std::vector<int>& prompt, int rows, const SamplingOptions& o,
                                          const std::vector<int>& stop_tokens, const std::function<bool()>& on_step,
                                          std::vector<std::string>* stop_reasons) {
  return sample_batch(model, {{prompt, rows, o}}, stop_tokens, on_step, stop_reasons);
}

}  // namespace chattrain
