#pragma once
// Terminal reporting for training: one progress line (rewritten in place on a terminal), samples and
// messages. The run's metrics are recorded by core's RunRecorder (run.h), which forwards here.
#include <chrono>
#include <string>
#include <vector>

#include <chattrain/pipeline.h>
#include <chattrain/train.h>

namespace chattrain::cli {

class TerminalObserver : public TrainingObserver {
 public:
  TerminalObserver();
  ~TerminalObserver() override;
  void on_progress(const TrainProgress& p) override;
  void on_metrics(const std::vector<MetricPoint>& points) override;
  void on_sample(std::int64_t step, const std::string& text) override;
  void on_checkpoint(std::int64_t step, const std::string& dir) override;
  void on_message(const Message& text) override;

 private:
  void end_line();
  bool tty_;
  bool line_open_ = false;
  double last_val_loss_ = -1;
  std::string time_split_;  // PPO/GRPO: " | time: answering 62% …" of the newest iteration
  std::chrono::steady_clock::time_point last_print_{};
};

// The demo pipeline in the terminal: a line per stage with the overall progress and ETA, the
// training stages' own progress lines and samples, and the pipeline's messages.
class PipelineTerminal : public PipelineObserver {
 public:
  void on_progress(const PipelineProgress& p) override;
  void on_message(const Message& text) override;
  TrainingObserver* training() override { return &stage_; }

 private:
  TerminalObserver stage_;
  std::string stage_name_;
  std::chrono::steady_clock::time_point last_print_{};
};

}  // namespace chattrain::cli
