#pragma once
// Shared test fixtures: small projects, tokenizers and models that build in seconds on 2 cores.
#include <QString>
#include <QTemporaryDir>

#include <chattrain/error.h>
#include <chattrain/project.h>
#include <chattrain/train.h>

#include <string>

namespace chattrain::testing {

std::string data_file(const char* name);  // tests/data/<name>

// A project holding the first `poems` embedded poems plus a little English, and a small tokenizer
// trained on them (vocabulary 2500).
Project make_small_project(const QString& folder, int poems = 1200);

// A model of a few tens of thousands of parameters and a run that takes a second or two per 10 steps.
TrainingConfig tiny_pretrain_config(int max_steps);

// Pretrains `config` in run `run` of the project; returns the final checkpoint folder.
std::string pretrain(Project& project, const std::string& run, const TrainingConfig& config);

// The held-out demo prompts whose reference answer is a short poem (several lines, < 160 bytes: it
// fits a tiny model's context with its prompt) — material for preference tests.
std::vector<PromptRecord> short_poem_prompts();
std::string lines_run_together(const std::string& poem);  // the same words, the line breaks gone

// Records what a run reports.
class RecordingObserver : public TrainingObserver {
 public:
  std::vector<MetricPoint> metrics;
  std::vector<std::string> messages, samples;
  std::vector<std::int64_t> checkpoints;
  std::int64_t stop_at_step = -1;  // request a stop once this step is done
  StopToken* stop = nullptr;
  void on_progress(const TrainProgress& p) override;
  void on_metrics(const std::vector<MetricPoint>& points) override { metrics.insert(metrics.end(), points.begin(), points.end()); }
  void on_sample(std::int64_t, const std::string& text) override { samples.push_back(text); }
  void on_checkpoint(std::int64_t step, const std::string&) override { checkpoints.push_back(step); }
  void on_message(const Message& text) override { messages.push_back(text.english()); }
  std::vector<double> values(const std::string& name) const;
};

}  // namespace chattrain::testing
