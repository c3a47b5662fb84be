// The demo pipeline and its report: the whole recipe runs headless on tiny sizes, a stop continues
// where it stopped, the evaluation's prompts are held out from every stage, and the report shows
// every stage's settings, metrics and charts and the evaluation's numbers.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include <chattrain/pipeline.h>
#include <chattrain/report.h>

#include "fixtures.h"

using namespace chattrain;

namespace {

// Records the pipeline's messages and stages; can stop it after step 3 of one of its runs.
class PipelineRecorder : public PipelineObserver {
 public:
  std::vector<std::string> messages, stages;
  std::string stop_at_run;
  StopToken* stop = nullptr;
  testing::RecordingObserver training_stage;
  TrainingObserver* training() override { return &training_stage; }
  double last_overall = -1;
  bool overall_never_fell = true;
  void on_progress(const PipelineProgress& p) override {
    if (stages.empty() || stages.back() != p.stage_name) stages.push_back(p.stage_name);
    overall_never_fell = overall_never_fell && p.overall >= last_overall - 1e-12;
    last_overall = p.overall;
  }
  void on_message(const Message& text) override { messages.push_back(text.english()); }
  void on_run(const std::string& run_id) override {
    if (run_id != stop_at_run) return;
    training_stage.stop = stop;
    training_stage.stop_at_step = 3;
  }
  bool said(const std::string& text) const {
    for (const auto& m : messages)
      if (m.find(text) != std::string::npos) return true;
    return false;
  }
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

class TestPipeline : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void paired_difference_by_hand();
  void evaluation_survives_json();
  void chart_draws_every_series();
  void demo_pipeline_stops_continues_and_reports();
};

void TestPipeline::paired_difference_by_hand() {
  // Differences 1, 2, 3 (the NaN pair is left out): mean 2, sd 1, standard error 1/√3.
  const auto d = paired_difference({2, 4, 6, NAN}, {1, 2, 3, 1});
  QCOMPARE(d.count, 3);
  QVERIFY(std::abs(d.mean - 2) < 1e-12);
  QVERIFY(std::abs(d.standard_error - 1 / std::sqrt(3.0)) < 1e-12);
  QVERIFY(std::isnan(paired_difference({NAN}, {1}).mean));
}

void TestPipeline::evaluation_survives_json() {
  Evaluation e;
  e.prompt_set = "poem-eval";
  e.sampling_json = "{\"temperature\":0.7}";
  e.prompts = {"静夜思的作者是谁？", "Who wrote it?"};
  e.references = {"李白", ""};
  e.prompts_seen_elsewhere = 1;
  e.samples_per_prompt = 4;
  e.form_decided_pairs = 7;
  e.form_decided_accuracy = 0.75;
  CheckpointScore s;
  s.checkpoint = "/p/runs/demo-sft/step-000010";
  s.stage = "sft";
  s.answer_texts = {"李白。", "Li Bai\nwrote it"};
  s.rewards = {0.25, -1.5};
  s.judges = {0.8, NAN};  // no reference: no judge score, written as null
  s.forms = {1.0, NAN};
  s.mean_characters = 6;
  e.scores = {s};
  const Evaluation back = Evaluation::from_json(e.to_json());
  QVERIFY(std::isnan(back.scores.at(0).forms.at(1)));
  QCOMPARE(back.scores.at(0).mean_form, 1.0);
  QCOMPARE(back.prompts, e.prompts);
  QCOMPARE(back.prompts_seen_elsewhere, 1);
  QCOMPARE(back.samples_per_prompt, 4);
  QCOMPARE(back.form_decided_pairs, 7);
  QCOMPARE(back.form_decided_accuracy, 0.75);
  QCOMPARE(back.scores.at(0).answer_texts, s.answer_texts);
  QCOMPARE(back.scores.at(0).rewards, s.rewards);
  QVERIFY(std::isnan(back.scores.at(0).judges.at(1)));
  QVERIFY(std::abs(back.scores.at(0).mean_judge - 0.8) < 1e-12);  // the mean leaves the missing score out
  QVERIFY(std::abs(back.scores.at(0).mean_reward + 0.625) < 1e-12);
  // An evaluation written before the judge reported its form: the form is unknown, not 0.
  auto old_json = nlohmann::json::parse(e.to_json());
  old_json["scores"][0].erase("forms");
  const Evaluation old = Evaluation::from_json(old_json.dump());
  QCOMPARE(old.scores.at(0).forms.size(), size_t(2));
  QVERIFY(std::isnan(old.scores.at(0).mean_form));
  old_json.erase("samples_per_prompt");
  old_json.erase("form_decided_accuracy");
  const Evaluation older = Evaluation::from_json(old_json.dump());
  QCOMPARE(older.samples_per_prompt, 1);  // before several answers per prompt: one
  QVERIFY(std::isnan(older.form_decided_accuracy));
}

void TestPipeline::chart_draws_every_series() {
  const std::string svg = svg_line_chart("val/accuracy <&>", {{"a", {{0, 1}, {10, 2}, {20, NAN}}}, {"b", {{5, 3}}}});
  QVERIFY(svg.rfind("<svg", 0) == 0);
  QVERIFY(svg.find("val/accuracy &lt;&amp;&gt;") != std::string::npos);  // the title, escaped
  QVERIFY(svg.find("<polyline") != std::string::npos);  // a: a line through its two numbers
  QVERIFY(svg.find("<circle") != std::string::npos);    // b: one point
  QVERIFY(svg.find("nan") == std::string::npos);        // the NaN is left out
}

void TestPipeline::demo_pipeline_stops_continues_and_reports() {
  QTemporaryDir dir;
  Project project = Project::create(dir.filePath("demo").toStdString());
  const auto options = DemoPipelineOptions::tiny();
  // First go: stopped at step 3 of SFT. Pretraining is done and kept; SFT saves where it stopped.
  PipelineRecorder first;
  StopToken stop_first;
  first.stop = &stop_first;
  first.stop_at_run = "demo-sft";
  const auto stopped = run_demo_pipeline(project, options, first, stop_first);
  QVERIFY2(stopped.status == TrainOutcome::Status::Stopped, stopped.message.english().c_str());
  QVERIFY2(stopped.message.english().find("sft") != std::string::npos, stopped.message.english().c_str());
  QCOMPARE(project.db().run("demo-pretrain")->status, RunStatus::Finished);
  QCOMPARE(project.db().run("demo-sft")->status, RunStatus::Stopped);
  QVERIFY(!project.db().run("demo-reward"));

  // Second go: the finished stage is kept, the stopped one continues, the rest runs.
  PipelineRecorder second;
  StopToken stop_second;
  const auto outcome = run_demo_pipeline(project, options, second, stop_second);
  QVERIFY2(outcome.status == TrainOutcome::Status::Finished, outcome.message.english().c_str());
  QVERIFY(second.said("demo-pretrain finished before: kept"));
  QVERIFY(second.said("resuming demo-sft"));
  QCOMPARE(second.stages, demo_pipeline_stages());
  QVERIFY(second.overall_never_fell);
  QCOMPARE(second.last_overall, 1.0);
  for (const char* run : {"demo-sft", "demo-reward", "demo-ppo", "demo-grpo", "demo-dpo"})
    QVERIFY2(project.db().run(run) && project.db().run(run)->status == RunStatus::Finished, run);
  QCOMPARE(int(project.db().metrics("demo-sft", "train/loss").size()), int(options.sft_steps));  // no step twice

  // The evaluation: four checkpoints on prompts that no other set holds.
  const auto& e = outcome.evaluation;
  QCOMPARE(int(e.scores.size()), 4);
  QCOMPARE(e.scores[0].stage + e.scores[1].stage + e.scores[2].stage + e.scores[3].stage, std::string("sftppogrpodpo"));
  QCOMPARE(int(e.prompts.size()), options.evaluation_prompts);
  QCOMPARE(e.prompts_seen_elsewhere, 0);
  QCOMPARE(e.prompt_set, std::string(demo_evaluation_set));
  // One sampling setting for candidates, RL and the evaluation (plain temperature), several answers per prompt.
  QCOMPARE(e.samples_per_prompt, 4);
  const auto sampling = SamplingOptions::from_json(e.sampling_json);
  QCOMPARE(sampling.top_k, 0);
  QCOMPARE(sampling.repetition_penalty, 1.0);
  QCOMPARE(nlohmann::json::parse(project.db().run("demo-grpo")->config_json).at("temperature").get<double>(), sampling.temperature);
  QCOMPARE(nlohmann::json::parse(project.db().candidates_of_set(project.db().prompt_set(demo_ranking_set)->id).front().settings_json)
               .at("temperature").get<double>(), sampling.temperature);
  QVERIFY(std::isfinite(e.scores[1].mean_reward) && std::isfinite(e.scores[2].mean_judge) && std::isfinite(e.scores[3].mean_judge));
  QVERIFY(load_evaluation(project).has_value());

  // The report: every stage with its settings (DPO's beta too), metrics and charts; the evaluation.
  const std::string md = read(outcome.report.markdown), html = read(outcome.report.html);
  for (const char* heading : {"## Pretraining — demo-pretrain", "## Supervised fine-tuning (SFT) — demo-sft", "## Reward model — demo-reward",
                              "## RLHF with PPO — demo-ppo", "## RLHF with GRPO — demo-grpo", "## DPO — demo-dpo", "## Evidence: the checkpoints on held-out prompts",
                              "## Sample answers to held-out prompts", "Held out: none of these prompts"})
    QVERIFY2(md.find(heading) != std::string::npos, heading);
  QVERIFY(md.find("beta 0.5") != std::string::npos);
  QVERIFY(md.find("| reward (ppo/reward) |") != std::string::npos && md.find("| reward (grpo/reward) |") != std::string::npos);
  QVERIFY(md.find("demo-ppo/step-000002 does not score clearly higher than demo-sft/step-000008") != std::string::npos ||
          md.find("demo-ppo/step-000002 scores clearly higher than demo-sft/step-000008") != std::string::npos);
  for (size_t at = md.find("](charts/"); at != std::string::npos; at = md.find("](charts/", at + 1)) {
    const std::string file = md.substr(at + 2, md.find(')', at) - at - 2);
    QVERIFY2(QFileInfo::exists(QString::fromStdString(outcome.report.folder + "/" + file)), file.c_str());
  }
  QVERIFY(html.find("<svg") != std::string::npos && html.find("charts/") == std::string::npos);  // self-contained
  QVERIFY(html.find("<h2>DPO — demo-dpo</h2>") != std::string::npos);

  // A third go changes nothing: every stage is kept and the report is written again.
  PipelineRecorder third;
  StopToken stop_third;
  QCOMPARE(int(run_demo_pipeline(project, options, third, stop_third).status), int(TrainOutcome::Status::Finished));
  QVERIFY(third.said("demo-dpo finished before: kept"));
  QVERIFY(!third.said("starting"));

  // The full demo in the tiny demo's project would keep the tiny runs and report on them: refused,
  // with nothing touched.
  PipelineRecorder full;
  StopToken stop_full;
  try {
    run_demo_pipeline(project, DemoPipelineOptions{}, full, stop_full);
    QFAIL("the demo ran over a project made with other settings");
  } catch (const Error& e) {
    QVERIFY2(std::string(e.what()).find("other settings") != std::string::npos, e.what());
  }
  QVERIFY(full.messages.empty());
  QCOMPARE(read_checkpoint_info(*latest_checkpoint(project.run_dir("demo-sft"))).step, std::int64_t(8));
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
