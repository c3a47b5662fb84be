// Generation speed, side by side in one process.
//   bench_generate [PRESET ...]   (default: demo small)
// For each preset, a freshly initialised model (speed does not depend on what it learnt), a 16-token
// prompt, then as many tokens as the context holds, no stop token; best of 3 runs each way:
//   - one answer, greedy and with the default sampling settings (KV cache, CpuDecoder where it runs);
//   - the reference: GPT::forward over the whole context for every token (greedy);
//   - R answers to one prompt in one batch at temperature 1 (as PPO/GRPO rollouts and candidates), for
//     R = 1, 4, 16, 64, in tokens per second over all rows; and 4 answers one after another;
//   - 4 answers to each of 16 prompts of different lengths (a PPO iteration): in one batch, and one prompt
//     after another.
// Prints one JSON line per preset, with the machine's sgemm GFLOP/s from the same run and the fraction
// of it that greedy decoding and the best batch reach (2 flops per parameter per token).
//
//   bench_generate --checkpoint DIR --tokenizer MODEL --threads N TOKEN...
// Greedy decoding of a trained checkpoint after the given prompt tokens until its context is full, timed
// from the first new token on (as bench/llama_cpp_generate times llama.cpp); prints tokens/s and the
// tokens. bench/generate_vs_llama_cpp.sh runs both on the same model.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <chattrain/model_config.h>
#include <chattrain/runtime.h>
#include <chattrain/tokenizer.h>

#include "generate/sampler.h"
#include "model/gpt.h"
#include "train/checkpoint.h"

namespace ct = chattrain;

namespace {
double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Tokens per second of `rows` answers (best of 3): one batch, or one answer after another.
double rows_per_second(ct::GPT& model, const std::vector<int>& prompt, const ct::SamplingOptions& options, int rows, bool batched) {
  double best = 0;
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
    best = std::max(best, double(tokens) / seconds_since(start));
  }
  return best;
}

// Tokens per second of 4 answers to each of 16 prompts of 9 to 24 tokens (best of 3), as a PPO/GRPO
// iteration samples: all in one batch, or one prompt's 4 answers after another's.
double prompts_per_second(ct::GPT& model, const ct::SamplingOptions& options, bool one_batch) {
  std::vector<ct::PromptAnswers> groups;
  for (int p = 0; p < 16; ++p) {
    ct::PromptAnswers group{{}, 4, options};
    for (int i = 0; i < 9 + p; ++i) group.prompt.push_back(10 + (i * 37 + p * 11) % int(model->config().vocab_size - 10));
    group.options.seed = options.seed + std::uint64_t(p) * 101;
    group.options.max_new_tokens = int(model->config().context_length) - 24;
    groups.push_back(group);
  }
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    size_t tokens = 0;
    if (one_batch) {
      for (const auto& row : ct::sample_batch(model, groups, {}, {}, nullptr)) tokens += row.size();
    } else {
      for (const auto& group : groups)
        for (const auto& row : ct::sample_batch(model, {group}, {}, {}, nullptr)) tokens += row.size();
    }
    best = std::max(best, double(tokens) / seconds_since(start));
  }
  return best;
}

// The machine's roofline in the same run: LibTorch's 2048² float32 product (OpenBLAS sgemm), GFLOP/s,
// best of 3. A decode step's arithmetic is ~2 flops per parameter per row; its fraction of this says how
// near the machine's peak the batch runs.
double sgemm_gflops() {
  const auto a = torch::randn({2048, 2048}), b = torch::randn({2048, 2048});
  double best = 0;
  for (int run = 0; run < 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const auto c = torch::mm(a, b);
    best = std::max(best, 2.0 * 2048 * 2048 * 2048 / seconds_since(start) / 1e9 + 0 * c[0][0].item<double>());
  }
  return best;
}

// The 16-token prompt every measure continues, and the settings PPO and GRPO sample with, to the context's end.
std::vector<int> sixteen_tokens(const ct::ModelConfig& c) {
  std::vector<int> prompt;
  for (int i = 0; i < 16; ++i) prompt.push_back(10 + i * 37 % (c.vocab_size - 10));
  return prompt;
}
ct::SamplingOptions rollout_options(const ct::ModelConfig& c) {
  ct::SamplingOptions rollout;
  rollout.seed = 1, rollout.max_new_tokens = int(c.context_length) - 16;
  rollout.temperature = 1.0, rollout.top_k = 0, rollout.top_p = 1.0, rollout.repetition_penalty = 1.0;
  return rollout;
}

int presets(std::vector<std::string> names) {
  if (names.empty()) names = {"demo", "small"};
  const double peak = sgemm_gflops();
  for (const auto& name : names) {
    const auto& preset = ct::model_preset(name);
    ct::GPT model(preset.config);
    model->eval();
    const std::vector<int> prompt = sixteen_tokens(preset.config);
    ct::SamplingOptions sampled;
    sampled.seed = 1;
    sampled.max_new_tokens = int(preset.config.context_length) - 16;  // fill the context
    ct::SamplingOptions greedy = sampled;
    greedy.temperature = 0;
    const ct::SamplingOptions rollout = rollout_options(preset.config);
    const double greedy_speed = rows_per_second(model, prompt, greedy, 1, false);
    const double sampled_speed = rows_per_second(model, prompt, sampled, 1, false);
    ct::SamplingOptions recompute = greedy;
    recompute.kv_cache = false;
    const double recompute_speed = rows_per_second(model, prompt, recompute, 1, false);
    std::string batches;
    double best_rows = 0;
    for (int rows : {1, 4, 16, 64}) {
      const double speed = rows_per_second(model, prompt, rollout, rows, true);
      best_rows = std::max(best_rows, speed);
      batches += (batches.empty() ? "" : ", ") + ("\"" + std::to_string(rows) + "\": " + std::to_string(int(speed)));
    }
    const double flops_per_token = 2.0 * double(preset.config.parameter_count());
    const double four_in_turn = rows_per_second(model, prompt, rollout, 4, false);
    const double prompts_batched = prompts_per_second(model, rollout, true), prompts_in_turn = prompts_per_second(model, rollout, false);
    std::printf("{\"preset\": \"%s\", \"parameters\": %lld, \"context\": %lld, \"new_tokens\": %d, \"threads\": %d, "
                "\"greedy_tok_s\": %.0f, \"sampled_tok_s\": %.0f, \"recompute_tok_s\": %.0f, \"kv_cache_speedup\": %.1f, "
                "\"rollout_rows_tok_s\": {%s}, \"four_in_turn_tok_s\": %.0f, "
                "\"prompts_16x4_one_batch_tok_s\": %.0f, \"prompts_16x4_in_turn_tok_s\": %.0f, "
                "\"sgemm_gflops\": %.0f, \"greedy_of_sgemm\": %.3f, \"best_rows_of_sgemm\": %.3f}\n",
                name.c_str(), static_cast<long long>(preset.config.parameter_count()),
                static_cast<long long>(preset.config.context_length), sampled.max_new_tokens, ct::cpu_threads(), greedy_speed,
                sampled_speed, recompute_speed, greedy_speed / recompute_speed, batches.c_str(), four_in_turn,
                prompts_batched, prompts_in_turn, peak, greedy_speed * flops_per_token / 1e9 / peak,
                best_rows * flops_per_token / 1e9 / peak);
    std::fflush(stdout);
  }
  return 0;
}

// Only the batch of `rows` rollout answers, for a profiler: bench_generate --rows PRESET R.
int rows_only(const std::string& name, int rows) {
  const auto& preset = ct::model_preset(name);
  ct::GPT model(preset.config);
  model->eval();
  std::printf("{\"preset\": \"%s\", \"rows\": %d, \"tok_s\": %.0f}\n", name.c_str(), rows,
              rows_per_second(model, sixteen_tokens(preset.config), rollout_options(preset.config), rows, true));
  return 0;
}

int checkpoint(const std::string& dir, const std::string& tokenizer_model, int threads, const std::vector<int>& prompt) {
  ct::use_cpu_threads(threads);
  const auto tokenizer = ct::Tokenizer::load(tokenizer_model);
  ct::GPT model = ct::load_model(dir, tokenizer);
  model->eval();
  ct::SamplingOptions greedy;
  greedy.temperature = 0;
  greedy.max_new_tokens = int(model->config().context_length) - int(prompt.size());
  double best = 0;
  std::vector<int> tokens;
  for (int run = 0; run < 3; ++run) {
    std::chrono::steady_clock::time_point first;
    int seen = 0;
    tokens = ct::sample_tokens(model, prompt, greedy, {}, [&](int) {
      if (seen++ == 0) first = std::chrono::steady_clock::now();
      return true;
    }, nullptr);
    best = std::max(best, double(seen - 1) / seconds_since(first));
  }
  std::printf("{\"threads\": %d, \"new_tokens\": %zu, \"tok_s\": %.1f, \"tokens\": [", threads, tokens.size(), best);
  for (size_t i = 0; i < tokens.size(); ++i) std::printf("%s%d", i ? ", " : "", tokens[i]);
  std::printf("]}\n");
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  ct::prepare_cpu_runtime();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "--rows") return rows_only(args[1], std::stoi(args[2]));
  if (args.empty() || args[0] != "--checkpoint") return presets(args);
  std::string dir, tokenizer_model;
  int threads = 1;
  std::vector<int> prompt;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--checkpoint" && i + 1 < args.size()) dir = args[++i];
    else if (args[i] == "--tokenizer" && i + 1 < args.size()) tokenizer_model = args[++i];
    else if (args[i] == "--threads" && i + 1 < args.size()) threads = std::stoi(args[++i]);
    else prompt.push_back(std::stoi(args[i]));
  }
  if (dir.empty() || tokenizer_model.empty() || prompt.empty()) {
    std::fprintf(stderr, "usage: bench_generate --checkpoint DIR --tokenizer MODEL --threads N TOKEN...\n");
    return 2;
  }
  return checkpoint(dir, tokenizer_model, threads, prompt);
}
