#include "progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include <chattrain/format.h>

namespace chattrain::cli {

TerminalObserver::TerminalObserver() : tty_(isatty(STDOUT_FILENO)) {}

TerminalObserver::~TerminalObserver() { end_line(); }

void TerminalObserver::end_line() {
  if (line_open_) std::printf("\n");
  line_open_ = false;
  std::fflush(stdout);
}

void TerminalObserver::on_progress(const TrainProgress& p) {
  const auto now = std::chrono::steady_clock::now();
  // On a terminal the line is redrawn ~4 times a second; in a log, one line every 5 seconds.
  const auto interval = tty_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
  if (p.step != p.max_steps && now - last_print_ < interval) return;
  last_print_ = now;
  // MFU and memory only where known: a terminal line must stay short.
  std::string extra;
  if (p.model_flops_utilisation > 0) extra += " | MFU " + std::to_string(int(std::lround(100 * p.model_flops_utilisation))) + "%";
  if (p.memory_bytes > 0) extra += " | mem " + chattrain::format_bytes(double(p.memory_bytes));
  extra += time_split_;
  char line[420];
  std::snprintf(line, sizeof line, "step %lld/%lld | loss %.4f%s | lr %.2e | grad %.2f | %s tok/s%s | %s elapsed | ETA %s",
                static_cast<long long>(p.step), static_cast<long long>(p.max_steps), p.loss,
                last_val_loss_ >= 0 ? (" (val " + std::to_string(last_val_loss_).substr(0, 6) + ")").c_str() : "",
                p.learning_rate, p.grad_norm, format_count(p.tokens_per_second).c_str(), extra.c_str(),
                format_duration(p.elapsed_seconds).c_str(), format_duration(p.eta_seconds).c_str());
  if (tty_) {
    std::printf("\r\033[K%s", line);
    line_open_ = true;
    std::fflush(stdout);
  } else {
    std::printf("%s\n", line);
    std::fflush(stdout);
  }
}

void TerminalObserver::on_metrics(const std::vector<MetricPoint>& points) {
  // PPO's and GRPO's shares of an iteration's time, shown on the progress line that follows.
  static const std::pair<const char*, const char*> phases[] = {
      {"/time_generation", "answering"}, {"/time_log_probs", "log-probs"}, {"/time_scoring", "scoring"}, {"/time_update", "update"}};
  std::string split;
  for (const auto& p : points) {
    if (p.name == "val/loss") last_val_loss_ = p.value;
    for (const auto& [suffix, word] : phases)
      if (p.name.size() > std::strlen(suffix) && p.name.compare(p.name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
        split += std::string(split.empty() ? "" : " ") + word + " " + std::to_string(int(std::lround(100 * p.value))) + "%";
  }
  if (!split.empty()) time_split_ = " | time: " + split;
}

void TerminalObserver::on_sample(std::int64_t step, const std::string& text) {
  end_line();
  std::printf("--- sample at step %lld ---\n%s\n---\n", static_cast<long long>(step), text.c_str());
  std::fflush(stdout);
}

void TerminalObserver::on_checkpoint(std::int64_t, const std::string& dir) {
  if (!tty_) std::printf("checkpoint: %s\n", dir.c_str());
}

void TerminalObserver::on_message(const Message& text) {
  end_line();
  std::printf("%s\n", text.english().c_str());
  std::fflush(stdout);
}

void PipelineTerminal::on_progress(const PipelineProgress& p) {
  char line[256];
  std::snprintf(line, sizeof line, "[%d/%d] %s %3.0f%% | overall %3.0f%% | %s elapsed | ETA %s", p.stage, p.stages, p.stage_name.c_str(),
                100 * p.stage_fraction, 100 * p.overall, format_duration(p.elapsed_seconds).c_str(),
                format_duration(p.eta_seconds).c_str());
  const bool training_stage = parse_stage(p.stage_name).has_value();
  const auto now = std::chrono::steady_clock::now();
  if (p.stage_name != stage_name_) {  // a new stage: its own line, whatever else is on screen
    stage_name_ = p.stage_name;
    stage_.on_message(std::string("== ") + line);  // the CLI is English: plain text
    last_print_ = now;
    return;
  }
  if (training_stage) return;  // the stage's own progress line says more
  if (now - last_print_ < std::chrono::seconds(isatty(STDOUT_FILENO) ? 1 : 10) && p.stage_fraction < 1) return;
  last_print_ = now;
  stage_.on_message(std::string(line));
}

void PipelineTerminal::on_message(const Message& text) { stage_.on_message(text); }

}  // namespace chattrain::cli
