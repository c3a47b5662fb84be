// Generation speed, side by side in one process: with the KV cache against recomputing the whole
// context for every token; and K = 4 candidate answers to one prompt in one batch (as the Ranking
// page generates them) against the same four answers one after the other.
//   bench_generate [PRESET ...]   (default: demo small)
// For each preset: a freshly initialised model (speed does not depend on what it learnt), a 16-token
// prompt, then as many tokens as the context holds, no stop token. Median of 3 runs each way.
// Prints one JSON line per preset.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <chattrain/model_config.h>
#include <chattrain/runtime.h>

#include "generate/sampler.h"
#include "model/gpt.h"

namespace ct = chattrain;

namespace {
double tokens_per_second(ct::GPT& model, const std::vector<int>& prompt, ct::SamplingOptions options) {
  std::vector<double> speeds;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const auto tokens = ct::sample_tokens(model, prompt, options, {}, {}, nullptr);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    speeds.push_back(double(tokens.size()) / seconds);
  }
  std::sort(speeds.begin(), speeds.end());
  return speeds[1];
}

// Tokens per second over `rows` answers: one batch (batched) or one answer after another.
double rows_per_second(ct::GPT& model, const std::vector<int>& prompt, const ct::SamplingOptions& options, int rows, bool batched) {
  std::vector<double> speeds;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    size_t tokens = 0;
    if (batched) {
      for (const auto& row : ct::sample_rows(model, prompt, rows, options, {}, {}, nullptr)) tokens += row.size();
    } else {
      for (int r = 0; r < rows; ++r) {
        ct::SamplingOptions one = options;
        one.seed = options.seed + std::uint64_t(r);
        tokens += ct::sample_tokens(model, prompt, one, {}, {}, nullptr).size();
      }
    }
    speeds.push_back(double(tokens) / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(speeds.begin(), speeds.end());
  return speeds[1];
}
}  // namespace

int main(int argc, char** argv) {
  ct::prepare_cpu_runtime();
  std::vector<std::string> presets(argv + 1, argv + argc);
  if (presets.empty()) presets = {"demo", "small"};
  for (const auto& name : presets) {
    const auto& preset = ct::model_preset(name);
    ct::GPT model(preset.config);
    model->eval();
    std::vector<int> prompt;
    for (int i = 0; i < 16; ++i) prompt.push_back(10 + i * 37 % (preset.config.vocab_size - 10));
    ct::SamplingOptions options;
    options.seed = 1;
    // Half the context is kept for the answer (see sample_tokens): fill what is left.
    options.max_new_tokens = int(preset.config.context_length) - 16;
    const double cached = tokens_per_second(model, prompt, options);
    const double batch_of_four = rows_per_second(model, prompt, options, 4, true);
    const double four_in_turn = rows_per_second(model, prompt, options, 4, false);
    options.kv_cache = false;
    const double recomputed = tokens_per_second(model, prompt, options);
    std::printf("{\"preset\": \"%s\", \"parameters\": %lld, \"context\": %lld, \"new_tokens\": %d, "
                "\"kv_cache_tok_s\": %.1f, \"recompute_tok_s\": %.1f, \"speedup\": %.2f, "
                "\"four_answers_batched_tok_s\": %.1f, \"four_answers_in_turn_tok_s\": %.1f, \"batch_speedup\": %.2f}\n",
                name.c_str(), static_cast<long long>(preset.config.parameter_count()),
                static_cast<long long>(preset.config.context_length), options.max_new_tokens, cached, recomputed,
                cached / recomputed, batch_of_four, four_in_turn, batch_of_four / four_in_turn);
  }
  return 0;
}
