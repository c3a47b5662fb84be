// llama.cpp's own decoding speed on a GGUF we exported, called through its C API (llama.h) from this
// program, not through node-llama-cpp's JavaScript loop (which costs more than these models). Built and
// run by bench/generate_vs_llama_cpp.sh against the shared libraries npm's node-llama-cpp ships.
//   llama_cpp_generate MODEL.gguf THREADS NEW_TOKENS TOKEN...
// The TOKENs are the prompt. Greedy, one token per llama_decode call, the argmax of each step's logits
// read back as a caller does; no stop token. Best of 3 runs (the cache cleared between them), with flash
// attention off and on (off was faster here for these small heads: 4,400 against 3,400 tokens/s on the demo
// model). Prints one JSON line: threads, new tokens, tokens/s, the flash attention setting that gave them,
// and the tokens themselves (to compare with ours).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ggml-backend.h"
#include "llama.h"

namespace {
void quiet(ggml_log_level, const char*, void*) {}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s MODEL.gguf THREADS NEW_TOKENS TOKEN...\n", argv[0]);
    return 2;
  }
  const int threads = std::atoi(argv[2]), new_tokens = std::atoi(argv[3]);
  std::vector<llama_token> prompt;
  for (int i = 4; i < argc; ++i) prompt.push_back(llama_token(std::atoi(argv[i])));
  llama_log_set(quiet, nullptr);
  const char* backends = std::getenv("LLAMA_BACKEND_DIR");  // the CPU variants node-llama-cpp ships
  if (backends) ggml_backend_load_all_from_path(backends);
  else ggml_backend_load_all();
  llama_backend_init();
  llama_model_params model_params = llama_model_default_params();
  model_params.n_gpu_layers = 0;
  llama_model* model = llama_model_load_from_file(argv[1], model_params);
  if (!model) {
    std::fprintf(stderr, "llama.cpp could not load %s\n", argv[1]);
    return 1;
  }
  double best = 0;
  bool best_flash = false;
  std::vector<llama_token> generated;
  for (const bool flash : {false, true}) {
    llama_context_params context_params = llama_context_default_params();
    context_params.n_ctx = uint32_t(prompt.size() + size_t(new_tokens));
    context_params.n_batch = context_params.n_ctx;
    context_params.n_threads = threads;
    context_params.n_threads_batch = threads;
    context_params.no_perf = true;
    context_params.flash_attn_type = flash ? LLAMA_FLASH_ATTN_TYPE_ENABLED : LLAMA_FLASH_ATTN_TYPE_DISABLED;
    llama_context* context = llama_init_from_model(model, context_params);
    if (!context) {
      std::fprintf(stderr, "llama.cpp could not make a context\n");
      return 1;
    }
    const int vocab = llama_vocab_n_tokens(llama_model_get_vocab(model));
    auto argmax = [&] {
      const float* logits = llama_get_logits_ith(context, -1);
      return llama_token(std::max_element(logits, logits + vocab) - logits);
    };
    for (int run = 0; run < 3; ++run) {
      llama_memory_clear(llama_get_memory(context), true);
      std::vector<llama_token> tokens = prompt;
      if (llama_decode(context, llama_batch_get_one(tokens.data(), int32_t(tokens.size()))) != 0) return 1;
      generated.clear();
      const auto start = std::chrono::steady_clock::now();  // as ours: from the first new token on
      llama_token next = argmax();
      for (int i = 0; i < new_tokens; ++i) {
        generated.push_back(next);
        if (i + 1 == new_tokens) break;
        if (llama_decode(context, llama_batch_get_one(&next, 1)) != 0) return 1;
        next = argmax();
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (double(new_tokens) / seconds > best) best = double(new_tokens) / seconds, best_flash = flash;
    }
    llama_free(context);
  }
  std::printf("{\"threads\": %d, \"new_tokens\": %d, \"tok_s\": %.1f, \"flash_attention\": %s, \"tokens\": [", threads, new_tokens, best,
              best_flash ? "true" : "false");
  for (size_t i = 0; i < generated.size(); ++i) std::printf("%s%d", i ? ", " : "", generated[i]);
  std::printf("]}\n");
  llama_model_free(model);
  return 0;
}
