#pragma once
// A report card of a project: every run in the order it was made (settings, time, final metrics,
// charts) and the newest evaluation (SFT against PPO and DPO on held-out prompts, with the answers
// side by side). Written into <project>/reports/ as Markdown with its SVG charts beside it (what the
// studio shows) and as one self-contained HTML file (what you send to someone).
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "chattrain/project.h"
#include "chattrain/evaluation.h"

namespace chattrain {

// What an evaluation compares when told nothing: the newest checkpoint of SFT, PPO and DPO each, the
// newest reward model, on the demo's evaluation prompts when the project has them (else the ranking
// prompts, which the report then marks as not held out).
struct EvaluationPlan {
  std::vector<std::string> checkpoints;
  std::string reward_checkpoint, prompt_set;
};
EvaluationPlan default_evaluation_plan(Project& project);

// The newest evaluation is kept as reports/evaluation.json (replaced atomically).
void save_evaluation(const Project& project, const Evaluation& evaluation);
std::optional<Evaluation> load_evaluation(const Project& project);  // nullopt when none was made

struct ReportFiles {
  std::string markdown, html, folder;
};
// The report's words go through `translate` (the studio passes Qt's translator; the texts are
// marked for lupdate in report.cpp under the context "Report"); without it they stay English.
using Translate = std::function<std::string(const char* english)>;
ReportFiles write_report(Project& project, const Translate& translate = {});

// A line chart as SVG: one polyline per series, axes with their ranges, a legend.
struct ChartSeries {
  std::string name;
  std::vector<std::pair<double, double>> points;  // (step, value)
};
std::string svg_line_chart(const std::string& title, const std::vector<ChartSeries>& series, int width = 420, int height = 220);

}  // namespace chattrain
