#include "chattrain/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "chattrain/error.h"
#include "chattrain/format.h"
#include "chattrain/pipeline.h"
#include "chattrain/run.h"
#include "chattrain/train.h"
#include "util/fs.h"

#include "util/translatable.h"  // the report's words are marked for lupdate under the context "Report"

namespace chattrain {

namespace stdfs = std::filesystem;
using nlohmann::json;

namespace {

std::string evaluation_file(const Project& project) { return project.folder() + "/reports/evaluation.json"; }

std::string number(double value, const char* format = "%.3f") {
  if (!std::isfinite(value)) return "–";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string signed_number(double value) { return number(value, "%+.3f"); }

// "%1 of %2" with its arguments in.
std::string fill(std::string pattern, const std::vector<std::string>& args) {
  for (size_t i = args.size(); i-- > 0;) {  // %10 before %1
    const std::string key = "%" + std::to_string(i + 1);
    for (size_t at = pattern.find(key); at != std::string::npos; at = pattern.find(key, at + args[i].size()))
      pattern.replace(at, key.size(), args[i]);
  }
  return pattern;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

// Markdown table cells and inline text: no pipes, no line breaks, no markup characters.
std::string md_inline(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += " / ";
    else if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[' || c == '#') out += std::string("\\") + c;
    else if (c != '\r') out += c;
  }
  return out;
}

// An image's alt text: markup characters become spaces. Escaped, they split the alt text into pieces, and Qt's
// Markdown reader made an image of each piece (the same chart shown three times).
std::string md_alt_text(const std::string& text) {
  std::string out;
  for (char c : text) out += std::string("\\|*_`<>[]#!()\n\r").find(c) == std::string::npos ? c : ' ';
  return out;
}

// One document written twice: Markdown (charts as files beside it) and HTML (charts inline).
class ReportDocument {
 public:
  explicit ReportDocument(std::string charts_folder) : charts_folder_(std::move(charts_folder)) {}

  void heading(int level, const std::string& text) {
    md_ += "\n" + std::string(size_t(level), '#') + " " + md_inline(text) + "\n\n";
    html_ += "<h" + std::to_string(level) + ">" + html_escape(text) + "</h" + std::to_string(level) + ">\n";
  }
  void paragraph(const std::string& text) {
    md_ += md_inline(text) + "\n\n";
    html_ += "<p>" + html_escape(text) + "</p>\n";
  }
  // A label in bold, then its text (kept as written, line breaks included).
  void labelled(const std::string& label, const std::string& text) {
    std::string quoted;
    for (size_t start = 0; start <= text.size();) {
      const size_t end = std::min(text.find('\n', start), text.size());
      quoted += (quoted.empty() ? "" : "  \n") + md_inline(text.substr(start, end - start));
      start = end + 1;
    }
    md_ += "**" + md_inline(label) + "** " + quoted + "\n\n";
    std::string html_text = html_escape(text);
    for (size_t at = html_text.find('\n'); at != std::string::npos; at = html_text.find('\n', at + 4))
      html_text.replace(at, 1, "<br>");
    html_ += "<p><b>" + html_escape(label) + "</b> " + html_text + "</p>\n";
  }
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    if (rows.empty()) return;
    std::string md = "|", html = "<table><tr>";
    for (const auto& h : header) md += " " + md_inline(h) + " |", html += "<th>" + html_escape(h) + "</th>";
    md += "\n|";
    for (size_t i = 0; i < header.size(); ++i) md += i == 0 ? " --- |" : " ---: |";
    html += "</tr>\n";
    for (const auto& row : rows) {
      md += "\n|";
      html += "<tr>";
      for (const auto& cell : row) md += " " + md_inline(cell) + " |", html += "<td>" + html_escape(cell) + "</td>";
      html += "</tr>\n";
    }
    md_ += md + "\n\n";
    html_ += html + "</table>\n";
  }
  // (title, SVG) pairs; the title is the image's alt text (Qt's Markdown drops an image without one).
  void charts(const std::string& name, const std::vector<std::pair<std::string, std::string>>& svgs) {
    if (svgs.empty()) return;
    html_ += "<div class=\"charts\">";
    for (size_t i = 0; i < svgs.size(); ++i) {
      const std::string file = name + "-" + std::to_string(i + 1) + ".svg";
      fs::write_file_atomic(charts_folder_ + "/" + file, svgs[i].second);
      md_ += "![" + md_alt_text(svgs[i].first) + "](charts/" + file + ") ";
      html_ += svgs[i].second;
    }
    md_ += "\n\n";
    html_ += "</div>\n";
  }
  const std::string& markdown() const { return md_; }
  std::string html(const std::string& title) const {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
           "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
           "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
           "td:first-child,th:first-child{text-align:left}.charts svg{margin:.25em}</style></head><body>\n" +
           html_ + "</body></html>\n";
  }

 private:
  std::string charts_folder_, md_, html_;
};

// What each stage's chapter plots: one chart per group of metrics.
std::vector<std::vector<std::string>> charts_of_stage(Stage stage) {
  switch (stage) {
    case Stage::Pretrain:
    case Stage::Sft: return {{"train/loss", "val/loss"}};
    case Stage::Reward: return {{"train/loss", "val/loss"}, {"val/accuracy"}};
    case Stage::Dpo: return {{"val/accuracy"}, {"val/margin"}, {"val/chosen_logp", "val/rejected_logp"}};
    case Stage::Ppo:
      return {{"ppo/reward"}, {"ppo/kl"}, {"ppo/entropy"}, {"ppo/answer_length"},
              {"ppo/time_generation", "ppo/time_log_probs", "ppo/time_scoring", "ppo/time_update"}};
    case Stage::Grpo:
      return {{"grpo/reward"}, {"grpo/kl"}, {"grpo/entropy"}, {"grpo/answer_length"},
              {"grpo/time_generation", "grpo/time_log_probs", "grpo/time_scoring", "grpo/time_update"}};
    case Stage::Import: return {};
  }
  return {};
}

// A metric in words (its identifier, as in TensorBoard and the CLI, stays in the table beside it).
// GRPO's metrics are PPO's under its own prefix.
const char* metric_title(const std::string& name) {
  static const std::map<std::string, const char*> titles{
      {"train/loss", QT_TRANSLATE_NOOP("Report", "training loss")},
      {"val/loss", QT_TRANSLATE_NOOP("Report", "validation loss")},
      {"train/tokens_per_second", QT_TRANSLATE_NOOP("Report", "tokens per second")},
      {"val/accuracy", QT_TRANSLATE_NOOP("Report", "held-out accuracy")},
      {"val/margin", QT_TRANSLATE_NOOP("Report", "mean margin")},
      {"val/chosen_logp", QT_TRANSLATE_NOOP("Report", "log-probability of chosen answers")},
      {"val/rejected_logp", QT_TRANSLATE_NOOP("Report", "log-probability of rejected answers")},
      {"ppo/reward", QT_TRANSLATE_NOOP("Report", "reward")},
      {"ppo/kl", QT_TRANSLATE_NOOP("Report", "KL to the reference")},
      {"ppo/entropy", QT_TRANSLATE_NOOP("Report", "entropy")},
      {"ppo/answer_length", QT_TRANSLATE_NOOP("Report", "answer length")},
      {"ppo/clip_fraction", QT_TRANSLATE_NOOP("Report", "clip fraction")},
      {"ppo/approx_kl", QT_TRANSLATE_NOOP("Report", "approximate KL")},
      {"ppo/value_loss", QT_TRANSLATE_NOOP("Report", "value loss")},
      {"grpo/flat_groups", QT_TRANSLATE_NOOP("Report", "prompts whose answers all scored alike")},
      {"ppo/time_generation", QT_TRANSLATE_NOOP("Report", "share of time answering")},
      {"ppo/time_log_probs", QT_TRANSLATE_NOOP("Report", "share of time on log-probabilities")},
      {"ppo/time_scoring", QT_TRANSLATE_NOOP("Report", "share of time scoring")},
      {"ppo/time_update", QT_TRANSLATE_NOOP("Report", "share of time updating")}};
  const std::string as_ppo = name.rfind("grpo/", 0) == 0 && !titles.count(name) ? "ppo/" + name.substr(5) : name;
  const auto found = titles.find(as_ppo);
  return found == titles.end() ? nullptr : found->second;
}

const char* stage_title(Stage stage) {
  switch (stage) {
    case Stage::Pretrain: return QT_TRANSLATE_NOOP("Report", "Pretraining");
    case Stage::Sft: return QT_TRANSLATE_NOOP("Report", "Supervised fine-tuning (SFT)");
    case Stage::Reward: return QT_TRANSLATE_NOOP("Report", "Reward model");
    case Stage::Ppo: return QT_TRANSLATE_NOOP("Report", "RLHF with PPO");
    case Stage::Grpo: return QT_TRANSLATE_NOOP("Report", "RLHF with GRPO");
    case Stage::Dpo: return QT_TRANSLATE_NOOP("Report", "DPO");
    case Stage::Import: return QT_TRANSLATE_NOOP("Report", "Imported model");
  }
  return "";
}

const char* status_title(RunStatus status) {
  switch (status) {
    case RunStatus::Running: return QT_TRANSLATE_NOOP("Report", "running");
    case RunStatus::Finished: return QT_TRANSLATE_NOOP("Report", "finished");
    case RunStatus::Stopped: return QT_TRANSLATE_NOOP("Report", "stopped");
    case RunStatus::Diverged: return QT_TRANSLATE_NOOP("Report", "diverged");
    case RunStatus::OutOfMemory: return QT_TRANSLATE_NOOP("Report", "out of memory");
    case RunStatus::Failed: return QT_TRANSLATE_NOOP("Report", "failed");
  }
  return "";
}

// The settings of a run on one line: "batch_size 32 · learning_rate 0.001 · model: n_layers 4, …".
std::string settings_line(const std::string& config_json) {
  json config;
  try {
    config = json::parse(config_json);
  } catch (const json::exception&) {
    return config_json;
  }
  if (!config.is_object()) return config_json;
  std::string out;
  for (const auto& [key, value] : config.items()) {
    std::string text;
    if (value.is_object()) {
      for (const auto& [k, v] : value.items()) text += (text.empty() ? "" : ", ") + k + " " + (v.is_string() ? v.get<std::string>() : v.dump());
      text = key + ": " + text;
    } else {
      text = key + " " + (value.is_string() ? value.get<std::string>() : value.dump());
    }
    out += (out.empty() ? "" : " · ") + text;
  }
  return out;
}

// "runs/sft-1/step-000300" → "sft-1/step-000300".
std::string short_checkpoint(const std::string& path) {
  if (path.empty()) return "–";
  return stdfs::path(path).parent_path().filename().string() + "/" + stdfs::path(path).filename().string();
}

std::string stage_of_checkpoint(const CheckpointScore& score) { return score.stage.empty() ? "?" : score.stage; }

void write_evaluation(ReportDocument& doc, const Evaluation& e, const Translate& words) {
  doc.heading(2, words(QT_TRANSLATE_NOOP("Report", "Evidence: the checkpoints on held-out prompts")));
  const int n = int(e.prompts.size());
  doc.paragraph(fill(words(QT_TRANSLATE_NOOP("Report",
                                          "%1 prompts of the set \"%2\", made %3. Every checkpoint answered every prompt with the same "
                                          "sampling settings (%5) and the same seeds per prompt; answers per prompt: %4 (a prompt's "
                                          "scores are the means over its answers).")),
                     {std::to_string(n), e.prompt_set, e.created_at, std::to_string(e.samples_per_prompt), settings_line(e.sampling_json)}));
  doc.paragraph(e.prompts_seen_elsewhere == 0
                    ? words(QT_TRANSLATE_NOOP("Report", "Held out: none of these prompts appears in another prompt set of the project, so no "
                                                     "ranking, reward model or RLHF run has trained on them."))
                    : fill(words(QT_TRANSLATE_NOOP("Report", "Not fully held out: %1 of these prompts also appear in another prompt set "
                                                          "of the project, so a stage may have trained on them.")),
                           {std::to_string(e.prompts_seen_elsewhere)}));
  doc.paragraph(fill(words(QT_TRANSLATE_NOOP("Report",
                                          "Reward: the reward model %1. Form: the rule-based judge's checkable metric (for demos and tests "
                                          "only), how much of an answer has the form its prompt asks for, from 0 to 1: verse lines of two "
                                          "equal halves of five or seven characters (in the measure of a line the prompt quotes), or the "
                                          "reference answer's sentence pattern, repeating the title the prompt names. Judge: the judge's "
                                          "whole score, the mean of the form and the characters the answer shares with the reference. "
                                          "\"Against the first\": the mean difference from the first checkpoint on the same prompts, ± "
                                          "twice its standard error. \"KL to the first\": how far a checkpoint moved from the first, in nats "
                                          "per answer at the sampling temperature, estimated on its own answers (a stage that scores higher "
                                          "only far from the first has likely found what the reward model gets wrong).")),
                     {e.reward_checkpoint.empty() ? "–" : e.reward_checkpoint}));
  if (e.form_decided_pairs > 0)
    doc.paragraph(fill(words(QT_TRANSLATE_NOOP("Report",
                                            "The reward model on these held-out answers: of the %1 pairs of answers to one prompt whose "
                                            "form differs, it scores the one with the better form higher in %2.")),
                       {std::to_string(e.form_decided_pairs), number(e.form_decided_accuracy)}));
  if (e.scores.empty()) return;
  const auto& first = e.scores.front();
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : e.scores) {
    const auto reward = paired_difference(s.rewards, first.rewards), form = paired_difference(s.forms, first.forms);
    const bool is_first = &s == &first;
    rows.push_back({stage_of_checkpoint(s), short_checkpoint(s.checkpoint),
                    number(s.mean_reward), is_first ? "" : signed_number(reward.mean) + " ± " + number(2 * reward.standard_error),
                    number(s.mean_form), is_first ? "" : signed_number(form.mean) + " ± " + number(2 * form.standard_error),
                    number(s.mean_judge), number(s.mean_characters, "%.1f"), is_first ? "" : number(s.mean_kl, "%.2f")});
  }
  doc.table({words(QT_TRANSLATE_NOOP("Report", "Stage")), words(QT_TRANSLATE_NOOP("Report", "Checkpoint")),
             words(QT_TRANSLATE_NOOP("Report", "Reward")), words(QT_TRANSLATE_NOOP("Report", "Against the first")),
             words(QT_TRANSLATE_NOOP("Report", "Form")), words(QT_TRANSLATE_NOOP("Report", "Against the first")),
             words(QT_TRANSLATE_NOOP("Report", "Judge")), words(QT_TRANSLATE_NOOP("Report", "Characters")),
             words(QT_TRANSLATE_NOOP("Report", "KL to the first"))},
            rows);
  // The verdict per checkpoint: higher on both the reward model and the checkable metric by more than
  // twice the standard error of the paired difference?
  for (size_t k = 1; k < e.scores.size(); ++k) {
    const auto reward = paired_difference(e.scores[k].rewards, first.rewards);
    const auto form = paired_difference(e.scores[k].forms, first.forms);
    const auto clearly = [](const PairedDifference& d) { return d.count > 1 && d.mean > 2 * d.standard_error; };
    const char* verdict = clearly(reward) && clearly(form)
                              ? QT_TRANSLATE_NOOP("Report", "%1 scores clearly higher than %2 on both the reward model and the judge's form.")
                          : clearly(reward) ? QT_TRANSLATE_NOOP("Report", "%1 scores clearly higher than %2 on the reward model, not on the judge's form.")
                          : clearly(form) ? QT_TRANSLATE_NOOP("Report", "%1 scores clearly higher than %2 on the judge's form, not on the reward model.")
                                          : QT_TRANSLATE_NOOP("Report", "%1 does not score clearly higher than %2.");
    doc.paragraph(fill(words(verdict), {short_checkpoint(e.scores[k].checkpoint), short_checkpoint(first.checkpoint)}));
  }
}

void write_samples(ReportDocument& doc, const Evaluation& e, const Translate& words, int count) {
  doc.heading(2, words(QT_TRANSLATE_NOOP("Report", "Sample answers to held-out prompts")));
  for (int i = 0; i < std::min<int>(count, int(e.prompts.size())); ++i) {
    doc.heading(3, fill(words(QT_TRANSLATE_NOOP("Report", "Prompt %1")), {std::to_string(i + 1)}));
    doc.labelled(words(QT_TRANSLATE_NOOP("Report", "Prompt:")), e.prompts[size_t(i)]);
    if (!e.references[size_t(i)].empty()) doc.labelled(words(QT_TRANSLATE_NOOP("Report", "Reference:")), e.references[size_t(i)]);
    for (const auto& s : e.scores)
      doc.labelled(fill(words(QT_TRANSLATE_NOOP("Report", "%1 (reward %2, form %3, judge %4):")),
                        {stage_of_checkpoint(s), number(s.rewards[size_t(i)]), number(s.forms[size_t(i)]), number(s.judges[size_t(i)])}),
                   s.answer_texts[size_t(i)]);
  }
}

void write_run(ReportDocument& doc, Project& project, const RunRecord& run, const Translate& words) {
  doc.heading(2, words(stage_title(run.stage)) + " — " + run.id);
  const auto metrics = project.db().metrics(run.id);
  std::map<std::string, std::vector<std::pair<double, double>>> by_name;
  double first_time = INFINITY, last_time = -INFINITY;
  std::int64_t last_step = 0;
  for (const auto& m : metrics) {
    by_name[m.name].push_back({double(m.step), m.value});
    first_time = std::min(first_time, m.time), last_time = std::max(last_time, m.time);
    last_step = std::max(last_step, m.step);
  }
  doc.table({words(QT_TRANSLATE_NOOP("Report", "Status")), words(QT_TRANSLATE_NOOP("Report", "Made")),
             words(QT_TRANSLATE_NOOP("Report", "Steps")), words(QT_TRANSLATE_NOOP("Report", "Time training")),
             words(QT_TRANSLATE_NOOP("Report", "Started from"))},
            {{words(status_title(run.status)), run.created_at, std::to_string(last_step), format_duration(last_time - first_time),
              short_checkpoint(run.parent_checkpoint)}});
  doc.labelled(words(QT_TRANSLATE_NOOP("Report", "Settings:")), settings_line(run.config_json));
  std::vector<std::vector<std::string>> rows;
  for (const auto& [name, points] : by_name) {
    if (name == "train/lr" || name == "train/grad_norm" || name == "ppo/kl_coef") continue;  // in the charts' story, not the card
    double sum = 0;
    for (const auto& p : points) sum += p.second;
    const bool speed = name == "train/tokens_per_second";
    const char* title = metric_title(name);
    rows.push_back({title ? words(title) + " (" + name + ")" : name, number(speed ? sum / double(points.size()) : points.back().second, speed ? "%.0f" : "%.4g"),
                    speed ? "" : number(points.front().second, "%.4g")});
  }
  doc.table({words(QT_TRANSLATE_NOOP("Report", "Metric")), words(QT_TRANSLATE_NOOP("Report", "Final (tokens/s: mean)")),
             words(QT_TRANSLATE_NOOP("Report", "First"))},
            rows);
  std::vector<std::pair<std::string, std::string>> svgs;
  for (const auto& group : charts_of_stage(run.stage)) {
    std::vector<ChartSeries> series;
    const auto title = [&words](const std::string& metric) {
      const char* t = metric_title(metric);
      return t ? words(t) : metric;
    };
    for (const auto& name : group)
      if (by_name.count(name)) series.push_back({title(name), by_name[name]});
    if (!series.empty()) svgs.push_back({title(group.front()), svg_line_chart(title(group.front()), series)});
  }
  doc.charts(run.id, svgs);
}

}  // namespace

EvaluationPlan default_evaluation_plan(Project& project) {
  EvaluationPlan plan;
  for (const Stage stage : {Stage::Sft, Stage::Ppo, Stage::Grpo, Stage::Dpo})
    if (const auto newest = newest_run_checkpoint(project, stage)) plan.checkpoints.push_back(newest->checkpoint);
  if (const auto reward = newest_run_checkpoint(project, Stage::Reward)) plan.reward_checkpoint = reward->checkpoint;
  for (const char* set : {demo_evaluation_set, demo_ranking_set})
    if (plan.prompt_set.empty() && project.db().prompt_set(set)) plan.prompt_set = set;
  if (plan.prompt_set.empty())
    if (const auto sets = project.db().prompt_sets(); !sets.empty()) plan.prompt_set = sets.back().name;
  return plan;
}

void save_evaluation(const Project& project, const Evaluation& evaluation) {
  stdfs::create_directories(project.folder() + "/reports");
  fs::write_file_atomic(evaluation_file(project), evaluation.to_json());
}

std::optional<Evaluation> load_evaluation(const Project& project) {
  if (!stdfs::exists(evaluation_file(project))) return std::nullopt;
  try {
    return Evaluation::from_json(fs::read_file(evaluation_file(project)));
  } catch (const json::exception& e) {
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1: not an evaluation this version can read (%2); evaluate again to replace it"),
                        {evaluation_file(project), std::string(e.what())}));
  }
}

ReportFiles write_report(Project& project, const Translate& translate) {
  const Translate words = translate ? translate : [](const char* english) { return std::string(english); };
  ReportFiles files;
  files.folder = project.folder() + "/reports";
  const std::string charts = files.folder + "/charts";
  stdfs::remove_all(charts);  // charts of runs that are gone go too
  stdfs::create_directories(charts);
  ReportDocument doc(charts);
  const std::string name = stdfs::path(project.folder()).filename().string();
  const std::string title = fill(words(QT_TRANSLATE_NOOP("Report", "ChatTrain report: %1")), {name});
  doc.heading(1, title);
  doc.paragraph(fill(words(QT_TRANSLATE_NOOP("Report", "Project %1, written %2.")), {project.folder(), now_iso()}));
  const auto runs = project.db().runs();
  const auto evaluation = load_evaluation(project);
  if (evaluation) write_evaluation(doc, *evaluation, words);
  else doc.paragraph(words(QT_TRANSLATE_NOOP("Report", "No evaluation yet: evaluate the checkpoints to compare SFT with PPO and DPO.")));
  if (runs.empty()) doc.paragraph(words(QT_TRANSLATE_NOOP("Report", "No training run yet.")));
  for (const auto& run : runs) write_run(doc, project, run, words);
  if (evaluation) write_samples(doc, *evaluation, words, 5);
  files.markdown = files.folder + "/report.md";
  files.html = files.folder + "/report.html";
  fs::write_file_atomic(files.markdown, doc.markdown());
  fs::write_file_atomic(files.html, doc.html(title));
  return files;
}

std::string svg_line_chart(const std::string& title, const std::vector<ChartSeries>& series, int width, int height) {
  static const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
  const double left = 52, right = 10, top = 24, bottom = 22;
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const auto& s : series)
    for (const auto& [x, y] : s.points)
      if (std::isfinite(x) && std::isfinite(y)) x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  if (!(x0 <= x1)) x0 = 0, x1 = 1, y0 = 0, y1 = 1;
  if (x1 == x0) x1 = x0 + 1;
  if (y1 == y0) y0 -= 1, y1 += 1;
  const double pad = (y1 - y0) * 0.05;
  y0 -= pad, y1 += pad;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * plot_w; };
  const auto py = [&](double y) { return top + (y1 - y) / (y1 - y0) * plot_h; };
  char buffer[256];
  std::string svg;
  std::snprintf(buffer, sizeof buffer,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
                "font-size=\"11\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                width, height, width, height);
  svg += buffer;
  svg += "<text x=\"" + number(left, "%.0f") + "\" y=\"14\" font-weight=\"bold\">" + html_escape(title) + "</text>\n";
  std::snprintf(buffer, sizeof buffer, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#999\"/>\n", left, top,
                plot_w, plot_h);
  svg += buffer;
  for (double y : {y0 + pad, (y0 + y1) / 2, y1 - pad}) {  // the data's range and its middle
    std::snprintf(buffer, sizeof buffer, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.4g</text>\n", left - 4, py(y) + 4, y);
    svg += buffer;
  }
  std::snprintf(buffer, sizeof buffer, "<text x=\"%.1f\" y=\"%d\">%.0f</text><text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">%.0f</text>\n", left,
                height - 6, x0, left + plot_w, height - 6, x1);
  svg += buffer;
  double legend_x = left + plot_w;
  for (size_t i = 0; i < series.size(); ++i) {
    const char* colour = colours[i % 4];
    std::string points;
    for (const auto& [x, y] : series[i].points)
      if (std::isfinite(x) && std::isfinite(y)) {
        std::snprintf(buffer, sizeof buffer, "%.1f,%.1f ", px(x), py(y));
        points += buffer;
      }
    if (series[i].points.size() == 1) {
      std::snprintf(buffer, sizeof buffer, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", px(series[i].points[0].first),
                    py(series[i].points[0].second), colour);
      svg += buffer;
    } else {
      svg += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"1.5\" points=\"" + points + "\"/>\n";
    }
    if (series.size() < 2) continue;  // the title names a lone series
    // Legend at the top right, right to left.
    legend_x -= 7.0 * double(series[i].name.size()) + 4;
    svg += "<text x=\"" + number(legend_x, "%.1f") + "\" y=\"14\" fill=\"" + colour + "\">" + html_escape(series[i].name) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace chattrain
