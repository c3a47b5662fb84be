// Pretraining throughput of the engine, through the same run_pretraining a user runs.
//   bench_pretrain PROJECT PRESET STEPS [BATCH [CONFIG_OUT [SETTINGS_JSON]]]
// SETTINGS_JSON: training settings on top of the preset, e.g. {"device": "cuda", "seq_len": 1024}.
// Prints one JSON line: tokens/s (median step time after warm-up), the model FLOPs per token (6·N + 12·L·d·T,
// N the transformer blocks plus the output head) for a utilisation figure, and the process's peak RSS.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include <chattrain/project.h>
#include <chattrain/tokenizer.h>
#include <chattrain/train.h>
#include <chattrain/workflow.h>

namespace {
class StepTimer : public chattrain::TrainingObserver {
 public:
  std::vector<double> step_seconds;
  void on_progress(const chattrain::TrainProgress&) override {
    const auto now = std::chrono::steady_clock::now();
    if (started_) step_seconds.push_back(std::chrono::duration<double>(now - last_).count());
    started_ = true;
    last_ = now;
  }

 private:
  bool started_ = false;
  std::chrono::steady_clock::time_point last_;
};
}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_pretrain PROJECT PRESET STEPS [BATCH [CONFIG_OUT [SETTINGS_JSON]]]\n");
    return 2;
  }
  auto project = chattrain::Project::open(argv[1]);
  chattrain::PretrainJob job;
  job.config = chattrain::TrainingConfig::from_preset(argv[2]);
  job.config.max_steps = std::atoi(argv[3]);
  if (argc > 4) job.config.batch_size = std::atoi(argv[4]);
  if (argc > 6) job.config.apply_json(argv[6]);
  job.config.eval_interval = job.config.sample_interval = job.config.checkpoint_interval = 0;
  job.tokenizer_model = project.tokenizer_model();
  job.config.model.vocab_size = chattrain::Tokenizer::load(job.tokenizer_model).vocab_size();
  if (argc > 5) {  // the settings, for the reference to train the very same model
    std::FILE* out = std::fopen(argv[5], "w");
    std::fputs(job.config.to_json().c_str(), out);
    std::fclose(out);
  }
  job.data_dirs = chattrain::prepare_shards(project);
  // One run folder per settings file: two benches in one project (e.g. with and without recomputed
  // activations) must not write into each other's run.
  const std::string tag = argc > 5 ? std::to_string(std::hash<std::string>{}(argv[5]) % 100000) : "0";
  job.run_dir = project.run_dir("bench-" + std::string(argv[2]) + "-" + tag);
  StepTimer timer;
  chattrain::StopToken stop;
  // The last step evaluates, samples and saves (as every run's last step does): it is not timed.
  chattrain::run_pretraining(job, timer, stop);
  auto times = timer.step_seconds;
  if (times.size() > 3) times.erase(times.begin(), times.begin() + 2);  // warm-up
  if (!times.empty()) times.pop_back();
  std::sort(times.begin(), times.end());
  const double median = times.empty() ? 0 : times[times.size() / 2];
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double flops_per_token = chattrain::training_flops_per_token(job.config.model, job.config.effective_seq_len());
  std::printf("{\"engine\": \"chattrain\", \"preset\": \"%s\", \"batch\": %d, \"seq\": %d, \"parameters\": %lld, "
              "\"flops_per_token\": %.0f, \"tokens_per_s\": %.1f, \"peak_rss_mb\": %.1f}\n",
              argv[2], job.config.batch_size, job.config.effective_seq_len(),
              static_cast<long long>(job.config.model.parameter_count()), flops_per_token,
              median > 0 ? double(job.config.tokens_per_step()) / median : 0.0, double(usage.ru_maxrss) / 1024.0);
  return 0;
}
