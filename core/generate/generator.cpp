#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "chattrain/error.h"
#include "chattrain/generate.h"
#include "chattrain/tokenizer.h"
#include "generate/sampler.h"
#include "train/checkpoint.h"
#include "train/device.h"
#include "train/rl_math.h"
#include "chattrain/runtime.h"
#include "util/translatable.h"

namespace chattrain {

std::string SamplingOptions::to_json() const {
  return nlohmann::json{{"temperature", temperature}, {"top_k", top_k}, {"top_p", top_p}, {"repetition_penalty", repetition_penalty},
                        {"seed", seed}, {"max_new_tokens", max_new_tokens}}.dump();
}

SamplingOptions SamplingOptions::from_json(const std::string& text) {
  SamplingOptions o;
  try {
    const auto j = nlohmann::json::parse(text);
    o.temperature = j.value("temperature", o.temperature);
    o.top_k = j.value("top_k", o.top_k);
    o.top_p = j.value("top_p", o.top_p);
    o.repetition_penalty = j.value("repetition_penalty", o.repetition_penalty);
    o.seed = j.value("seed", o.seed);
    o.max_new_tokens = j.value("max_new_tokens", o.max_new_tokens);
  } catch (const nlohmann::json::exception& e) {
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "sampling settings are damaged: %1"), {std::string(e.what())}));
  }
  return o;
}

struct TextGenerator::Impl {
  CheckpointInfo info;
  Tokenizer tokenizer;
  GPT model{nullptr};
};

TextGenerator::TextGenerator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TextGenerator::TextGenerator(TextGenerator&&) noexcept = default;
TextGenerator::~TextGenerator() = default;
const CheckpointInfo& TextGenerator::checkpoint() const { return impl_->info; }

TextGenerator TextGenerator::load(const std::string& checkpoint_dir, const std::string& tokenizer_model,
                                  const std::string& device) {
  prepare_cpu_runtime();
  auto info = read_checkpoint_info(checkpoint_dir);
  auto tokenizer = Tokenizer::load(tokenizer_model);
  GPT model = load_model(checkpoint_dir, tokenizer);
  const torch::Device where = resolve_device(device);
  model->to(where);
  if (where.is_cuda()) model->set_compute_dtype(torch::kBFloat16);  // as in training on a GPU
  model->eval();
  return TextGenerator(std::unique_ptr<Impl>(new Impl{std::move(info), std::move(tokenizer), model}));
}

const Tokenizer& TextGenerator::tokenizer() const { return impl_->tokenizer; }

std::vector<int> continuation_stops(const Tokenizer& tokenizer, const std::vector<int>& prompt, const SamplingOptions& options) {
  std::vector<int> stops = options.stop_tokens;
  if (std::find(prompt.begin(), prompt.end(), tokenizer.im_start_id()) != prompt.end()) stops.push_back(tokenizer.im_end_id());
  return stops;
}

GenerationResult TextGenerator::generate(const std::string& prompt, const SamplingOptions& options, const TextCallback& on_text) {
  const Tokenizer& tok = impl_->tokenizer;
  std::vector<int> ids{tok.eos_id()};  // a document starts after </s>, as in the training shards
  const auto encoded = tok.encode(prompt);
  ids.insert(ids.end(), encoded.begin(), encoded.end());
  SamplingOptions continuation = options;
  continuation.stop_tokens = continuation_stops(tok, ids, options);
  return complete(std::move(ids), continuation, on_text);
}

std::vector<int> TextGenerator::chat_prompt(const Conversation& conversation) const {
  const Tokenizer& tok = impl_->tokenizer;
  std::vector<int> ids{tok.eos_id()};  // as the SFT batches begin
  const auto encoded = tokenize_conversation(conversation, tok, /*generation_prompt=*/true).tokens;
  ids.insert(ids.end(), encoded.begin(), encoded.end());
  return ids;
}

GenerationResult TextGenerator::chat(const Conversation& conversation, const SamplingOptions& options, const TextCallback& on_text) {
  SamplingOptions chat_options = options;
  chat_options.stop_tokens.push_back(impl_->tokenizer.im_end_id());
  return complete(chat_prompt(conversation), chat_options, on_text);
}

std::vector<GenerationResult> TextGenerator::chat_batch(const Conversation& conversation, const SamplingOptions& options,
                                                        int count, const std::function<bool()>& keep_going) {
  return chat_batches({conversation}, options, {options.seed}, count, keep_going).front();
}

std::vector<std::vector<GenerationResult>> TextGenerator::chat_batches(const std::vector<Conversation>& conversations,
                                                                       const SamplingOptions& options, const std::vector<std::uint64_t>& seeds,
                                                                       int count, const std::function<bool()>& keep_going) {
  const Tokenizer& tok = impl_->tokenizer;
  std::vector<int> stops = options.stop_tokens;
  stops.push_back(tok.im_end_id());
  stops.push_back(tok.eos_id());
  std::vector<PromptAnswers> groups;
  for (size_t c = 0; c < conversations.size(); ++c) {
    SamplingOptions seeded = options;
    seeded.seed = seeds.at(c);
    groups.push_back({chat_prompt(conversations[c]), count, seeded});
  }
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> reasons;
  const auto rows = sample_batch(impl_->model, groups, stops, keep_going, &reasons);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<std::vector<GenerationResult>> out(conversations.size());
  for (size_t i = 0; i < rows.size(); ++i)
    out[i / size_t(count)].push_back({tok.decode(rows[i]), rows[i], reasons[i], seconds > 0 ? double(rows[i].size()) / seconds : 0});
  return out;
}

std::vector<double> TextGenerator::answer_log_probs(const Conversation& conversation, const std::vector<std::vector<int>>& answers,
                                                    double temperature) const {
  torch::NoGradGuard no_grad;
  const std::vector<int> prompt = chat_prompt(conversation);
  const auto context = size_t(impl_->model->config().context_length);
  const torch::Device device = impl_->model->parameters().front().device();
  std::vector<double> out;
  for (const auto& answer : answers) {  // one at a time: rows of different lengths, and a few dozen per call
    if (answer.empty()) {
      out.push_back(0.0);
      continue;
    }
    std::vector<std::int64_t> ids(prompt.begin(), prompt.end());
    ids.insert(ids.end(), answer.begin(), answer.end());
    const size_t start = ids.size() > context ? ids.size() - context : 0;  // the window the sampler saw last
    ids.erase(ids.begin(), ids.begin() + long(start));
    const auto T = std::int64_t(ids.size());
    const auto tokens = torch::tensor(ids, torch::kInt64).view({1, T}).to(device);  // (1, T)
    const auto scored = std::int64_t(std::min(answer.size(), ids.size()));  // the answer's tokens still in the window
    auto mask = torch::zeros({1, T}, torch::kFloat32);
    mask.narrow(1, T - scored, scored).fill_(1.0f);
    const auto logits = impl_->model->forward(tokens).to(torch::kFloat32) / (temperature > 0 ? temperature : 1.0);  // (1, T, V)
    out.push_back(sequence_log_probs(logits, tokens, mask.to(device)).item<double>());
  }
  return out;
}

GenerationResult TextGenerator::complete(std::vector<int> ids, const SamplingOptions& options, const TextCallback& on_text) {
  const Tokenizer& tok = impl_->tokenizer;
  std::vector<int> stops = options.stop_tokens;
  stops.push_back(tok.eos_id());

  GenerationResult result;
  SettledText stream(tok);
  bool listening = bool(on_text);
  const auto start = std::chrono::steady_clock::now();
  // A character spelled in byte pieces shows once it is whole (holding back one U+FFFD let "��" through
  // mid-answer); each token decodes only the few tokens since the last settled one.
  auto on_token = [&](int token) {
    result.tokens.push_back(token);
    if (!listening) return true;
    const std::string piece = stream.add(token);
    if (!piece.empty()) listening = on_text(piece);
    return listening;
  };
  result.tokens.reserve(size_t(options.max_new_tokens));
  std::vector<int> generated = sample_tokens(impl_->model, ids, options, stops, on_token, &result.stop_reason);
  result.text = tok.decode(generated);
  if (listening && result.text.size() > stream.handed_out()) on_text(result.text.substr(stream.handed_out()));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.tokens_per_second = seconds > 0 ? double(generated.size()) / seconds : 0;
  return result;
}

}  // namespace chattrain
