#include "chattrain/pipeline.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "chattrain/error.h"
#include "chattrain/evaluation.h"
#include "chattrain/project_lock.h"
#include "chattrain/ranking.h"
#include "chattrain/rlhf.h"
#include "chattrain/run.h"
#include "chattrain/workflow.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {

namespace {

using Clock = std::chrono::steady_clock;

// The longest answer, in tokens, wherever the pipeline has the model answer: the candidates the reward
// model learns from, PPO's rollouts it scores, and the evaluation. A reward model that saw only finished
// answers up to this length has no opinion to trust on answers cut off sooner.
constexpr int demo_answer_tokens = 64;

// One way of sampling wherever the pipeline has the model answer, for the same reason: the reward model
// learns from candidates sampled this way, PPO and GRPO roll out and are scored this way, and the
// evaluation measures the policy they trained. Plain temperature sampling, because PPO's ratios and KL
// account for a temperature but not for top-k/top-p cuts or a repetition penalty (which would also count
// the "，", "。" and line breaks every verse needs).
constexpr double demo_temperature = 0.8;
SamplingOptions demo_sampling() {
  SamplingOptions sampling;
  sampling.temperature = demo_temperature;
  sampling.top_k = 0;
  sampling.top_p = 1.0;
  sampling.repetition_penalty = 1.0;
  sampling.max_new_tokens = demo_answer_tokens;
  return sampling;
}
// Each held-out prompt is answered this many times by every checkpoint: one sampled answer per prompt
// left the demo's stage differences inside their noise.
constexpr int demo_evaluation_samples = 4;

// Seconds each stage took per unit of work on 2 CPU cores with the demo preset (measured with
// `chattrain demo`): they only weigh the stages for the overall progress and its ETA.
constexpr double seconds_per_pretrain_step = 0.55, seconds_per_sft_step = 0.7, seconds_per_answer = 0.04,
                 seconds_per_reward_step = 0.8, seconds_per_ppo_iteration = 3.8, seconds_per_dpo_step = 0.6,
                 seconds_per_evaluated_answer = 0.08;

// A training stage's steps as the pipeline's progress; everything else goes on to the stage's observer.
class StageProgress : public ForwardingObserver {
 public:
  StageProgress(TrainingObserver* forward, std::function<void(double)> fraction) : ForwardingObserver(forward), fraction_(std::move(fraction)) {}
  void on_progress(const TrainProgress& p) override {
    ForwardingObserver::on_progress(p);
    if (p.max_steps > 0) fraction_(double(p.step) / double(p.max_steps));
  }

 private:
  std::function<void(double)> fraction_;
};

class Pipeline {
 public:
  Pipeline(Project& project, const DemoPipelineOptions& options, PipelineObserver& observer, const StopToken& stop)
      : project_(project), options_(options), observer_(observer), stop_(stop) {
    const double answers = double(options_.answers_per_prompt) / 4.0;
    weights_ = {{"tokenizer", 10},
                {"pretrain", seconds_per_pretrain_step * double(options_.pretrain_steps)},
                {"sft", seconds_per_sft_step * double(options_.sft_steps)},
                {"candidates", seconds_per_answer * 4 * answers * options_.ranking_prompts},
                {"rank", 3},
                {"reward", seconds_per_reward_step * double(options_.reward_steps)},
                {"ppo", seconds_per_ppo_iteration * double(options_.ppo_iterations)},
                {"grpo", seconds_per_ppo_iteration * double(options_.grpo_iterations)},
                {"dpo", seconds_per_dpo_step * double(options_.dpo_steps)},
                {"evaluate", seconds_per_evaluated_answer * 4 * demo_evaluation_samples * options_.evaluation_prompts},
                {"report", 1}};
    for (const auto& [name, weight] : weights_) total_weight_ += weight;
  }

  PipelineOutcome run(const Translate& translate) {
    PipelineOutcome out;
    const auto stopped = [&](const std::string& stage) {
      out.status = TrainOutcome::Status::Stopped;
      out.message = Message(QT_TRANSLATE_NOOP("Core", "stopped during %1: run the pipeline again to continue from there"), {stage});
      return out;
    };
    begin("tokenizer");
    if (ensure_default_dataset(project_)) say(QT_TRANSLATE_NOOP("Core", "imported the embedded Tang poems"));
    if (!project_.has_tokenizer()) {
      say(QT_TRANSLATE_NOOP("Core", "training the tokenizer"));
      train_project_tokenizer(project_, {}, [&](std::uint64_t d, std::uint64_t t) { fraction(t ? double(d) / double(t) : 1); });
    }

    begin("pretrain");
    auto status = train("demo-pretrain", Stage::Pretrain, "", [&](const std::string& run_dir, bool resume, TrainingObserver& observer) {
      PretrainJob job;
      job.config = base_config(options_.pretrain_steps);
      job.config.eval_interval = 50;
      job.config.sample_interval = 100;
      job.config.sample_prompt = "《春";
      job.tokenizer_model = project_.tokenizer_model();
      job.data_dirs = prepare_shards(project_);
      job.run_dir = run_dir;
      job.resume = resume;
      return std::make_pair(run_pretraining(job, observer, stop_), job.config.to_json());
    });
    if (status != TrainOutcome::Status::Finished) return ended(out, status, "pretrain");

    begin("sft");
    const std::string pretrained = latest("demo-pretrain");
    status = train("demo-sft", Stage::Sft, pretrained, [&](const std::string& run_dir, bool resume, TrainingObserver& observer) {
      ensure_demo_dialogues(project_);
      SftJob job;
      job.conversations = load_dialogue_dataset(project_, embedded_dialogues_name);
      job.validation = load_dialogue_dataset(project_, std::string(embedded_dialogues_name) + "-heldout");
      job.config = base_config(options_.sft_steps);
      job.config.learning_rate = default_sft_config().learning_rate;
      job.config.warmup_steps = std::min<std::int64_t>(job.config.warmup_steps, options_.sft_steps / 10);
      job.config.eval_interval = 50;
      job.config.sample_interval = 100;
      job.config.sample_prompt = demo_sample_question;
      job.tokenizer_model = project_.tokenizer_model();
      job.parent_checkpoint = pretrained;
      job.run_dir = run_dir;
      job.resume = resume;
      return std::make_pair(run_sft(job, observer, stop_), job.config.to_json());
    });
    if (status != TrainOutcome::Status::Finished) return ended(out, status, "sft");
    const std::string sft = latest("demo-sft");

    begin("candidates");
    const std::int64_t ranking_set = ensure_demo_prompt_set(project_, options_.ranking_prompts);
    const std::int64_t evaluation_set = ensure_evaluation_set();
    CandidateJob candidates;
    candidates.set_id = ranking_set;
    candidates.checkpoint = sft;
    candidates.answers_per_prompt = options_.answers_per_prompt;
    candidates.sampling = demo_sampling();
    candidates.device = options_.device;
    const int answered = generate_candidates(
        project_, candidates, [&](int d, int t) { fraction(double(d) / t); }, [&] { return !stop_.stop_requested(); });
    if (stop_.stop_requested()) return stopped("candidates");
    say(Message(QT_TRANSLATE_NOOP("Core", "%1 prompts answered %2 times"), {std::to_string(answered), std::to_string(options_.answers_per_prompt)}));

    begin("rank");
    bool by_whole_score = false;
    say(Message(QT_TRANSLATE_NOOP("Core", "the rule-based judge (for demos and tests only) ranked %1 prompts"),
                {std::to_string(judge_prompt_set(project_, ranking_set, &by_whole_score))}));
    if (by_whole_score) say(Message(judge_by_whole_score_note));
    const auto pairs = expand_to_pairs(ranked_answers(project_, ranking_set));

    begin("reward");
    status = train("demo-reward", Stage::Reward, sft, [&](const std::string& run_dir, bool resume, TrainingObserver& observer) {
      RewardJob job;
      job.pairs = pairs;
      job.config = default_reward_config();
      job.config.max_steps = options_.reward_steps;
      job.config.device = options_.device;
      job.tokenizer_model = project_.tokenizer_model();
      job.parent_checkpoint = sft;
      job.run_dir = run_dir;
      job.resume = resume;
      return std::make_pair(run_reward(job, observer, stop_), job.config.to_json());
    });
    if (status != TrainOutcome::Status::Finished) return ended(out, status, "reward");
    const std::string reward_model = latest("demo-reward");

    // PPO and GRPO: the policy starts from SFT, answers the ranking prompts and is scored by the reward model,
    // sampling as the candidates were.
    const auto online_rl_job = [&](const PpoConfig& config, const std::string& run_dir, bool resume) {
      PpoJob job;
      for (const auto& p : project_.db().prompts(ranking_set)) job.prompts.push_back(prompt_conversation(p));
      job.reward_checkpoint = reward_model;
      job.config = config;
      job.config.max_new_tokens = demo_answer_tokens;
      job.config.temperature = demo_temperature;
      job.config.device = options_.device;
      job.tokenizer_model = project_.tokenizer_model();
      job.policy_checkpoint = sft;
      job.run_dir = run_dir;
      job.resume = resume;
      return job;
    };
    begin("ppo");
    status = train("demo-ppo", Stage::Ppo, sft, [&](const std::string& run_dir, bool resume, TrainingObserver& observer) {
      PpoConfig config;
      config.iterations = options_.ppo_iterations;
      // Measured on the demo (stop 13, two seeds each): with PPO's defaults (2 answers per prompt, lr 1e-4,
      // 48-token answers) the reward model's score rose by about 1.3 and the judge's form fell (−0.06 ± 0.05):
      // the policy found what the reward model mis-scores. With 4 answers per prompt (a per-prompt baseline
      // worth having), lr 3e-5 and answers as long as the candidates', form held or rose a little in all six
      // runs (−0.000 … +0.029 ± 0.05) while the reward rose as much. Not yet the clear rise DPO shows.
      config.answers_per_prompt = 4;
      config.learning_rate = 3e-5;
      // With the reward model of form-only rankings (stop 29, 150 held-out prompts × 4 answers): KL
      // coefficient 0.1 → form −0.002 ± 0.030, 0.3 → +0.016 ± 0.023 (reward +0.54 → +0.28); lr 1e-4 at 0.3
      // → −0.016 ± 0.035. Within noise, but the direction GRPO showed clearly: a stronger pull to SFT keeps
      // the policy where the reward model is right.
      config.kl_coef = 0.3;
      const PpoJob job = online_rl_job(config, run_dir, resume);
      return std::make_pair(run_ppo(job, observer, stop_), job.config.to_json());
    });
    // A guard that stopped PPO does not end the demo: DPO and the report still show what happened.
    if (status == TrainOutcome::Status::Stopped) return stopped("ppo");

    begin("grpo");
    status = train("demo-grpo", Stage::Grpo, sft, [&](const std::string& run_dir, bool resume, TrainingObserver& observer) {
      PpoConfig config = default_grpo_config();
      config.iterations = options_.grpo_iterations;
      config.learning_rate = 3e-5;  // as PPO's here
      // Measured on the demo (150 held-out prompts × 4 answers, form against SFT ± 2 SE): at the default
      // β 0.04 GRPO raised the reward model's score by +0.92 and lowered form by −0.11 ± 0.05 — it went
      // where the reward model (0.72 accurate on SFT's answers) is wrong. At β 0.2 it stays near SFT,
      // where the reward model is right: reward +0.55, form +0.034 ± 0.030. (With the judge itself as
      // the reward, β 0.04: form +0.050 ± 0.027: GRPO's credit assignment moves form.)
      config.kl_coef = 0.2;
      const PpoJob job = online_rl_job(config, run_dir, resume);
      return std::make_pair(run_grpo(job, observer, stop_), job.config.to_json());
    });
    if (status == TrainOutcome::Status::Stopped) return stopped("grpo");

    begin("dpo");
    status = train("demo-dpo", Stage::Dpo, sft, [&](const std::string& run_dir, bool resume, TrainingObserver& observer) {
      DpoJob job;
      job.pairs = pairs;
      job.beta = options_.dpo_beta;
      // Measured on the demo (80 steps at β 0.5; 150 held-out prompts × 4 answers, form against SFT ± 2 SE):
      // plain DPO on all pairs +0.017 ± 0.029, its answers 15% longer; the chosen answers' likelihood
      // in the loss (weight 1) +0.036 ± 0.027 at SFT's length; first-against-last pairs alone −0.101 at
      // β 0.1 and +0.006 at 0.5 (longer answers again); both together +0.048 ± 0.029 (160 steps:
      // +0.052 ± 0.027). DPO alone widens the margin by lowering both answers' likelihood.
      job.sft_weight = 1.0;
      job.pair_choice = PairChoice::first_against_last;
      job.config = default_dpo_config();
      job.config.max_steps = options_.dpo_steps;
      job.config.device = options_.device;
      job.config.sample_prompt = demo_sample_question;
      job.tokenizer_model = project_.tokenizer_model();
      job.parent_checkpoint = sft;
      job.run_dir = run_dir;
      job.resume = resume;
      return std::make_pair(run_dpo(job, observer, stop_), dpo_settings_json(job));
    });
    if (status == TrainOutcome::Status::Stopped) return stopped("dpo");

    begin("evaluate");
    std::vector<std::string> checkpoints{sft};
    for (const char* run : {"demo-ppo", "demo-grpo", "demo-dpo"})
      if (const auto checkpoint = latest_checkpoint(project_.run_dir(run))) checkpoints.push_back(*checkpoint);
    try {
      out.evaluation = evaluate_checkpoints(project_, checkpoints, evaluation_set, reward_model, options_.evaluation_prompts, demo_sampling(),
                                            [&](int d, int t) {
                                              fraction(double(d) / t);
                                              return !stop_.stop_requested();
                                            }, options_.device, demo_evaluation_samples);
    } catch (const Error&) {
      if (stop_.stop_requested()) return stopped("evaluate");
      throw;
    }
    save_evaluation(project_, out.evaluation);

    begin("report");
    out.report = write_report(project_, translate);
    fraction(1);
    out.message = Message(QT_TRANSLATE_NOOP("Core", "the pipeline finished: report in %1"), {out.report.markdown});
    return out;
  }

 private:
  TrainingConfig base_config(std::int64_t steps) const {
    TrainingConfig config = TrainingConfig::from_preset(options_.preset);
    if (!options_.settings_json.empty()) config.apply_json(options_.settings_json);
    config.max_steps = steps;
    config.device = options_.device;
    return config;
  }

  // The held-out questions after the ranking prompts: answered only in the evaluation.
  std::int64_t ensure_evaluation_set() {
    if (const auto existing = project_.db().prompt_set(demo_evaluation_set)) return existing->id;
    auto conversations = import_embedded_dialogues(/*held_out=*/true).conversations;
    const size_t from = std::min(conversations.size(), size_t(options_.ranking_prompts));
    const size_t to = std::min(conversations.size(), from + size_t(options_.evaluation_prompts));
    if (to <= from) throw Error(Message(QT_TRANSLATE_NOOP("Core", "the demo has no held-out questions left for the evaluation: rank fewer prompts")));
    std::vector<Conversation> held_out(conversations.begin() + long(from), conversations.begin() + long(to));
    return add_prompt_set(project_, demo_evaluation_set, std::string(embedded_dialogues_name) + " (held out, for evaluation only)",
                          prompts_from_conversations(held_out));
  }

  std::string latest(const std::string& run_id) {
    const auto checkpoint = latest_checkpoint(project_.run_dir(run_id));
    if (!checkpoint) throw Error(Message(QT_TRANSLATE_NOOP("Core", "run %1 has no checkpoint"), {run_id}));
    return *checkpoint;
  }

  using StageWork = std::function<std::pair<TrainOutcome, std::string>(const std::string& run_dir, bool resume, TrainingObserver&)>;

  // One training stage as run `run_id`: kept when it finished, resumed from its checkpoint when it
  // stopped, started otherwise.
  TrainOutcome::Status train(const std::string& run_id, Stage stage, const std::string& parent, const StageWork& work) {
    const ProjectLock lock = lock_run(project_, run_id);  // another demo in the same folder is refused here
    const auto existing = project_.db().run(run_id);
    const auto checkpoint = latest_checkpoint(project_.run_dir(run_id));
    if (existing && existing->status == RunStatus::Finished && checkpoint) {
      kept_weight_ += weights_.at(stage_);
      say(Message(QT_TRANSLATE_NOOP("Core", "%1 finished before: kept"), {run_id}));
      return TrainOutcome::Status::Finished;
    }
    const bool resume = existing && checkpoint;
    if (resume) {
      say(Message(QT_TRANSLATE_NOOP("Core", "resuming %1 from %2"), {run_id, open_resumed_run(project_, run_id)}));
    } else {
      if (existing) {  // stopped before its first checkpoint: it starts over
        project_.db().truncate_metrics(run_id, 0);
        project_.db().set_run_status(run_id, RunStatus::Running);
      } else {
        open_new_run(project_, stage, run_id, "{}", parent);
      }
      say(Message(QT_TRANSLATE_NOOP("Core", "starting %1"), {run_id}));
    }
    observer_.on_run(run_id);
    StageProgress progress(observer_.training(), [this](double f) { fraction(f); });
    std::string config_json;
    const TrainOutcome outcome = record_run(project_.db(), run_id, &progress, [&](TrainingObserver& recorder) {
      auto result = work(project_.run_dir(run_id), resume, recorder);
      config_json = std::move(result.second);
      return result.first;
    });
    if (!resume) project_.db().set_run_config(run_id, config_json);
    say(Message(QT_TRANSLATE_NOOP("Core", "%1: %2"), {run_id, outcome.message}));
    return outcome.status;
  }

  PipelineOutcome& ended(PipelineOutcome& out, TrainOutcome::Status status, const std::string& stage) {
    out.status = status;
    out.message = status == TrainOutcome::Status::Stopped
                      ? Message(QT_TRANSLATE_NOOP("Core", "stopped during %1: run the pipeline again to continue from there"), {stage})
                      : Message(QT_TRANSLATE_NOOP("Core", "%1 did not finish (see its run's messages); the stages after it need it"), {stage});
    return out;
  }

  void begin(const std::string& stage) {
    stage_ = stage;
    done_weight_ = 0;
    for (const auto& name : demo_pipeline_stages()) {
      if (name == stage) break;
      done_weight_ += weights_.at(name);
    }
    ++stage_index_;
    fraction(0);
  }

  void fraction(double f) {
    PipelineProgress p;
    p.stage = stage_index_;
    p.stages = int(weights_.size());
    p.stage_name = stage_;
    p.stage_fraction = std::clamp(f, 0.0, 1.0);
    p.overall = (done_weight_ + weights_.at(stage_) * p.stage_fraction) / total_weight_;
    p.elapsed_seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    // Kept stages take no time: the pace is measured over the work this session did.
    const double done_here = p.overall - kept_weight_ / total_weight_;
    p.eta_seconds = done_here > 0.002 ? p.elapsed_seconds / done_here * (1 - p.overall) : NAN;
    observer_.on_progress(p);
  }

  void say(const Message& text) { observer_.on_message(text); }

  Project& project_;
  const DemoPipelineOptions& options_;
  PipelineObserver& observer_;
  const StopToken& stop_;
  std::map<std::string, double> weights_;
  double total_weight_ = 0, done_weight_ = 0, kept_weight_ = 0;
  std::string stage_;
  int stage_index_ = 0;
  Clock::time_point started_ = Clock::now();
};

}  // namespace

std::vector<std::string> demo_pipeline_stages() {
  return {"tokenizer", "pretrain", "sft", "candidates", "rank", "reward", "ppo", "grpo", "dpo", "evaluate", "report"};
}

std::string DemoPipelineOptions::to_json() const {
  return nlohmann::json{{"preset", preset},
                        {"settings", settings_json},
                        {"pretrain_steps", pretrain_steps},
                        {"sft_steps", sft_steps},
                        {"reward_steps", reward_steps},
                        {"ppo_iterations", ppo_iterations},
                        {"grpo_iterations", grpo_iterations},
                        {"dpo_steps", dpo_steps},
                        {"dpo_beta", dpo_beta},
                        {"ranking_prompts", ranking_prompts},
                        {"evaluation_prompts", evaluation_prompts},
                        {"answers_per_prompt", answers_per_prompt}}
      .dump();
}

DemoPipelineOptions DemoPipelineOptions::tiny() {
  DemoPipelineOptions o;
  o.settings_json = R"({"model": {"n_layers": 1, "d_model": 32, "n_heads": 2, "n_kv_heads": 2, "ffn_hidden": 64, "context_length": 96},
                        "batch_size": 4, "eval_batches": 1, "checkpoint_interval": 1000})";
  o.pretrain_steps = 12, o.sft_steps = 8, o.reward_steps = 6, o.ppo_iterations = 2, o.grpo_iterations = 2, o.dpo_steps = 6;
  o.ranking_prompts = 12, o.evaluation_prompts = 4, o.answers_per_prompt = 4;
  return o;
}

PipelineOutcome run_demo_pipeline(Project& project, const DemoPipelineOptions& options, PipelineObserver& observer,
                                  const StopToken& stop, const Translate& translate) {
  // A finished stage is kept by its run's name alone, so the settings the project's demo runs were made
  // with are kept beside them: other settings (a full demo after a --tiny one) would report on the
  // tiny model's runs.
  TrainingConfig::from_preset(options.preset);  // an unknown preset is refused before it is kept as the demo's
  const std::string settings_file = project.folder() + "/demo-pipeline.json";
  if (std::filesystem::exists(settings_file)) {
    // A setting a later version added (grpo_iterations) is missing from a demo made before it; that demo
    // never ran the stage it sets, so it matches whatever is asked now.
    const auto asked = nlohmann::json::parse(options.to_json());
    auto kept = asked;
    const auto saved = nlohmann::json::parse(fs::read_file(settings_file), nullptr, false);
    if (saved.is_object()) kept.update(saved);
    if (!saved.is_object() || kept != asked)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 holds a demo made with other settings (a smaller or shorter one): its runs would "
                                                    "be kept as they are. Run this demo in another folder, or delete that one to start over"),
                          {project.folder()}));
  } else {
    fs::write_file_atomic(settings_file, options.to_json());
  }
  return Pipeline(project, options, observer, stop).run(translate);
}

}  // namespace chattrain
