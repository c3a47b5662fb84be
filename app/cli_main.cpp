// chattrain: the command-line face of the engine. Argument parsing and wiring only; the work is in core.
#include <CLI/CLI.hpp>

#include <chattrain/chat.h>
#include <chattrain/data.h>
#include <chattrain/error.h>
#include <chattrain/format.h>
#include <chattrain/export.h>
#include <chattrain/generate.h>
#include <chattrain/pipeline.h>
#include <chattrain/preference.h>
#include <chattrain/project.h>
#include <chattrain/evaluation.h>
#include <chattrain/ranking.h>
#include <chattrain/report.h>
#include <chattrain/reward.h>
#include <chattrain/rlhf.h>
#include <chattrain/runtime.h>
#include <chattrain/tokenizer.h>
#include <chattrain/train.h>
#include <chattrain/version.h>
#include <chattrain/workflow.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>

#include "cli_progress.h"

namespace ct = chattrain;
namespace stdfs = std::filesystem;

namespace {

ct::StopToken g_stop;
void on_interrupt(int) {
  if (g_stop.stop_requested()) std::_Exit(130);  // a second Ctrl+C quits at once
  g_stop.request_stop();
}

std::string default_project() {
  if (const char* env = std::getenv("CHATTRAIN_PROJECT")) return env;
  return ".";
}

// The demo's folder; the tiny demo has its own, so that trying it first does not stand in for the real one.
std::string demo_project(bool tiny = false) {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + (tiny ? "/ChatTrain/demo-tiny.chattrain" : "/ChatTrain/demo.chattrain");
}

ct::Project open_or_create(const std::string& folder) {
  return ct::Project::exists(folder) ? ct::Project::open(folder) : ct::Project::create(folder);
}

void print_progress_bar(const char* what, std::uint64_t done, std::uint64_t total) {
  std::fprintf(stderr, "\r%s %llu/%llu", what, static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
  if (done == total) std::fprintf(stderr, "\n");
}

void ensure_tokenizer(ct::Project& project, const ct::TokenizerTrainOptions& options) {
  if (project.has_tokenizer()) return;
  std::printf("training a %d-piece %s tokenizer on the project's datasets...\n", options.vocab_size, options.model_type.c_str());
  ct::train_project_tokenizer(project, options, [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); });
}

struct SamplingFlags {
  ct::SamplingOptions options;
  void add(CLI::App* app) {
    app->add_option("--max-tokens", options.max_new_tokens, "Most tokens to generate")->capture_default_str();
    app->add_option("--temperature", options.temperature, "Randomness; 0 picks the likeliest token")->capture_default_str();
    app->add_option("--top-k", options.top_k, "Sample among the k likeliest tokens (0: all)")->capture_default_str();
    app->add_option("--top-p", options.top_p, "Sample among the likeliest tokens that make up this probability")->capture_default_str();
    app->add_option("--repetition-penalty", options.repetition_penalty, "Above 1 discourages repeating tokens")->capture_default_str();
    app->add_option("--seed", options.seed, "Same seed, same text")->capture_default_str();
  }
};

std::string resolve_checkpoint(ct::Project& project, const std::string& run, const std::string& checkpoint) {
  if (!checkpoint.empty()) return checkpoint;
  std::string run_id = run;
  if (run_id.empty()) {
    const auto runs = project.db().runs();
    for (auto it = runs.rbegin(); it != runs.rend() && run_id.empty(); ++it)
      if (ct::latest_checkpoint(project.run_dir(it->id))) run_id = it->id;
    if (run_id.empty()) throw ct::Error("the project has no checkpoint yet: pretrain first (chattrain pretrain)");
  }
  const auto latest = ct::latest_checkpoint(project.run_dir(run_id));
  if (!latest) throw ct::Error("run " + run_id + " has no checkpoint");
  return *latest;
}

int generate_text(ct::Project& project, const std::string& checkpoint, const std::string& prompt,
                  const ct::SamplingOptions& options, const std::string& device) {
  auto generator = ct::TextGenerator::load(checkpoint, project.tokenizer_model(), device);
  std::printf("%s", prompt.c_str());
  const auto result = generator.generate(prompt, options, [](const std::string& text) {
    std::printf("%s", text.c_str());
    std::fflush(stdout);
    return !g_stop.stop_requested();
  });
  std::printf("\n[%zu tokens, %.1f tokens/s, ended by %s; checkpoint %s]\n", result.tokens.size(),
              result.tokens_per_second, result.stop_reason.c_str(), checkpoint.c_str());
  return 0;
}

// Interactive chat: one line per user turn, the answer streamed as it is sampled. Ctrl+C stops the
// answer (at the prompt it quits). The conversation is saved in the project after every answer.
std::atomic<bool> g_answering{false}, g_answer_stopped{false};
void on_chat_interrupt(int) {
  if (!g_answering) std::_Exit(130);
  g_answer_stopped = true;
}

int chat(ct::Project& project, const std::string& checkpoint, std::string system_prompt, const ct::SamplingOptions& options,
         const std::string& device) {
  auto generator = ct::TextGenerator::load(checkpoint, project.tokenizer_model(), device);
  const auto& info = generator.checkpoint();
  std::printf("chatting with %s (%s, step %lld). /reset starts over, /system TEXT sets the system prompt, /quit ends.\n",
              checkpoint.c_str(), info.stage.c_str(), static_cast<long long>(info.step));
  if (info.stage == "pretrain")
    std::printf("note: this checkpoint is pretrained only; it continues text and may not stop where an answer ends.\n");
  std::signal(SIGINT, on_chat_interrupt);
  ct::Conversation conversation;
  ct::ChatRecord record{0, "", checkpoint, "", "", "", options.to_json()};
  auto restart = [&] {
    conversation.messages.clear();
    if (!system_prompt.empty()) conversation.messages.push_back({"system", system_prompt});
    record.id = 0;
  };
  restart();
  std::string line;
  while (true) {
    std::printf("\nyou> ");
    std::fflush(stdout);
    if (!std::getline(std::cin, line) || line == "/quit" || line == "/exit") break;
    if (line.empty()) continue;
    if (line == "/reset") {
      restart();
      continue;
    }
    if (line.rfind("/system", 0) == 0) {
      system_prompt = line.size() > 8 ? line.substr(8) : "";
      restart();
      continue;
    }
    conversation.messages.push_back({"user", line});
    std::printf("assistant> ");
    g_answer_stopped = false;
    g_answering = true;
    const auto result = generator.chat(conversation, options, [](const std::string& text) {
      std::printf("%s", text.c_str());
      std::fflush(stdout);
      return !g_answer_stopped;
    });
    g_answering = false;
    std::printf("\n[%zu tokens, %.1f tokens/s, ended by %s]\n", result.tokens.size(), result.tokens_per_second,
                result.stop_reason.c_str());
    conversation.messages.push_back({"assistant", result.text});
    if (record.title.empty() || record.id == 0) record.title = line.substr(0, 60);
    record.messages_json = ct::messages_to_json(conversation);
    record.id = project.db().save_chat(record);
  }
  std::printf("\n");
  return 0;
}

struct PretrainFlags {
  std::string preset = "demo", config_file, run_id, device = "auto", from_checkpoint;
  std::vector<std::string> settings;
  std::int64_t max_steps = 0;
  int batch_size = 0, threads = 0;
  double learning_rate = 0;
  bool resume = false;

  void add(CLI::App* app) {
    app->add_option("--preset", preset, "Model size: demo, small, medium, gpt2-small")->capture_default_str();
    app->add_option("--config", config_file, "JSON file of training settings (see --print-config)")->check(CLI::ExistingFile);
    app->add_option("--set", settings, "Override one setting, e.g. --set model.n_layers=6 --set warmup_steps=100");
    app->add_option("--max-steps", max_steps, "Optimizer steps (with --resume: extend the run to this many)");
    app->add_option("--batch-size", batch_size, "Sequences per micro-batch");
    app->add_option("--lr", learning_rate, "Peak learning rate");
    app->add_option("--device", device, "auto, cpu, cuda or cuda:N")->capture_default_str();
    app->add_option("--threads", threads, "CPU threads (0: all cores)");
    app->add_option("--run", run_id, "Name of the new run (default: pretrain-<date>-<time>)");
    app->add_flag("--resume", resume, "Continue the newest run (or --run NAME) from its latest checkpoint");
    app->add_option("--from-checkpoint", from_checkpoint,
                    "Start a new run that continues exactly from this checkpoint folder (any run, any step)")
        ->check(CLI::ExistingDirectory);
  }

  // The flags of a stage that starts from a checkpoint (SFT, reward): fewer than pretraining's.
  void add_stage_flags(CLI::App* app, const std::string& stage, const std::string& default_lr, const std::string& batch_help,
                       const std::string& resume_note) {
    app->add_option("--max-steps", max_steps, "Optimizer steps (default 300; with --resume: extend to this many)");
    app->add_option("--lr", learning_rate, "Peak learning rate (default " + default_lr + ")");
    app->add_option("--batch-size", batch_size, batch_help);
    app->add_option("--set", settings, "Override one training setting, e.g. --set eval_interval=50");
    app->add_option("--device", device, "auto, cpu, cuda or cuda:N")->capture_default_str();
    app->add_option("--run", run_id, "Name of the new run (default: " + stage + "-<date>-<time>)");
    app->add_flag("--resume", resume, "Continue the newest " + stage + " run (or --run NAME)" + resume_note);
  }

  ct::PretrainConfig build() const { return build_on(ct::PretrainConfig::from_preset(preset)); }

  // The flags over a stage's own defaults (fine-tuning's, the reward model's…).
  ct::PretrainConfig build_on(ct::PretrainConfig config) const {
    if (!config_file.empty()) {
      std::ifstream in(config_file);
      config.apply_json(std::string(std::istreambuf_iterator<char>(in), {}));
    }
    apply_overrides(config);
    return config;
  }

  // --set key=value pairs, then --max-steps, --batch-size, --lr, --device and --threads.
  void apply_overrides(ct::PretrainConfig& config) const {
    for (const auto& s : settings) {
      const auto eq = s.find('=');
      if (eq == std::string::npos) throw ct::Error("--set " + s + ": write it as key=value");
      std::string key = s.substr(0, eq), value = s.substr(eq + 1);
      // key=value → {"key": value}; "model.x" nests; value is JSON when it parses, else a string.
      std::string json_value = value;
      const bool number_or_literal = !value.empty() && (std::isdigit(static_cast<unsigned char>(value[0])) || value[0] == '-' ||
                                                         value == "true" || value == "false" || value[0] == '{' || value[0] == '[' || value[0] == '"');
      if (!number_or_literal) json_value = "\"" + value + "\"";
      const auto dot = key.find('.');
      config.apply_json(dot == std::string::npos ? "{\"" + key + "\":" + json_value + "}"
                                                 : "{\"" + key.substr(0, dot) + "\":{\"" + key.substr(dot + 1) + "\":" + json_value + "}}");
    }
    if (max_steps > 0) config.max_steps = max_steps;
    if (batch_size > 0) config.batch_size = batch_size;
    if (learning_rate > 0) config.learning_rate = learning_rate;
    config.device = device;
    config.threads = threads;
  }
};

// A run of any stage in the terminal: finds or creates the run (resume), records its status, reports
// progress, and saves a checkpoint on Ctrl+C. `train` does the stage's own work into run_dir.
int run_stage(ct::Project& project, const std::string& stage, const PretrainFlags& flags, const std::string& parent,
              const std::string& config_json,
              const std::function<ct::TrainOutcome(const std::string& run_dir, ct::TrainingObserver&)>& train) {
  std::string run_id = flags.run_id;
  if (flags.resume) {
    if (run_id.empty()) {
      for (const auto& r : project.db().runs())
        if (r.stage == stage && ct::latest_checkpoint(project.run_dir(r.id))) run_id = r.id;
      if (run_id.empty()) throw ct::Error("no " + stage + " run with a checkpoint to resume");
    }
    if (!project.db().run(run_id)) throw ct::Error("run " + run_id + " does not exist (see chattrain runs)");
    const auto latest = ct::latest_checkpoint(project.run_dir(run_id));
    if (!latest) throw ct::Error("run " + run_id + " has no checkpoint to resume from");
    project.db().truncate_metrics(run_id, ct::read_checkpoint_info(*latest).step);  // what came after is redone
  } else {
    if (run_id.empty()) run_id = project.new_run_id(stage);
    if (project.db().run(run_id)) throw ct::Error("run " + run_id + " already exists: pick another --run name or --resume it");
    project.db().add_run({run_id, stage, "running", "", config_json, parent});
  }
  project.db().set_run_status(run_id, "running");
  std::printf("run %s, Ctrl+C stops and saves a checkpoint\n", run_id.c_str());

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  ct::TrainOutcome outcome;
  {
    ct::cli::TerminalObserver observer(&project.db(), run_id);
    try {
      outcome = train(project.run_dir(run_id), observer);
    } catch (...) {
      project.db().set_run_status(run_id, "failed");
      throw;
    }
  }
  const char* status = ct::run_status(outcome.status);
  project.db().set_run_status(run_id, status);
  std::printf("%s: %s\n", status, outcome.message.english().c_str());
  if (!outcome.checkpoint.empty()) std::printf("checkpoint: %s\n", outcome.checkpoint.c_str());
  if (outcome.status == ct::TrainOutcome::Status::Stopped)
    std::printf("resume with: chattrain --project %s %s --resume --run %s\n", project.folder().c_str(),
                stage.c_str(), run_id.c_str());
  return outcome.status == ct::TrainOutcome::Status::Diverged ? 3 : outcome.status == ct::TrainOutcome::Status::OutOfMemory ? 4 : 0;
}

// What `pretrain --estimate-memory` prints: the estimate the studio shows under the model settings.
int print_memory_estimate(ct::Project& project, ct::PretrainConfig config) {
  if (project.has_tokenizer()) config.model.vocab_size = ct::Tokenizer::load(project.tokenizer_model()).vocab_size();
  const auto m = ct::estimate_training_memory(config, config.device);
  auto gb = [](std::int64_t bytes) { return ct::format_bytes(double(bytes)); };
  std::printf("%lld parameters, micro-batch %d × %d tokens, %s, activation checkpointing %s\n",
              static_cast<long long>(config.model.parameter_count()), config.batch_size, config.effective_seq_len(),
              config.device.c_str(), config.activation_checkpointing ? "on" : "off");
  std::printf("weights %s, gradients %s, optimizer %s, activations %s (kept for backward %s): about %s\n", gb(m.weights).c_str(),
              gb(m.gradients).c_str(), gb(m.optimizer).c_str(), gb(m.activations).c_str(), gb(m.saved_activations).c_str(),
              gb(m.total()).c_str());
  const std::int64_t budget = ct::memory_budget(config);
  if (budget <= 0) {
    std::printf("available: unknown\n");
    return 0;
  }
  const auto fit = ct::fit_batch_to_memory(config, config.device, budget);
  if (fit.fits && fit.batch_size == config.batch_size) std::printf("available %s: it fits\n", gb(budget).c_str());
  else if (fit.fits)
    std::printf("available %s: the run will take micro-batches of %d with %d accumulation steps (about %s)\n", gb(budget).c_str(),
                fit.batch_size, fit.grad_accum_steps, gb(fit.estimate.total()).c_str());
  else std::printf("available %s: not even a micro-batch of 1 fits; shorten the sequence or turn on activation_checkpointing\n", gb(budget).c_str());
  return 0;
}

int run_pretrain(ct::Project& project, const PretrainFlags& flags) {
  ensure_tokenizer(project, {});
  if (flags.resume && !flags.from_checkpoint.empty()) throw ct::Error("use either --resume or --from-checkpoint");
  ct::PretrainJob job;
  job.config = flags.build();
  job.tokenizer_model = project.tokenizer_model();
  job.data_dirs = ct::prepare_shards(project, [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); });
  job.resume = flags.resume || !flags.from_checkpoint.empty();
  job.resume_checkpoint = flags.from_checkpoint;
  job.resume_max_steps = flags.max_steps;  // only when given: a resumed run keeps its settings
  return run_stage(project, "pretrain", flags, flags.from_checkpoint, job.config.to_json(),
                   [&](const std::string& run_dir, ct::TrainingObserver& observer) {
                     job.run_dir = run_dir;
                     return ct::run_pretraining(job, observer, g_stop);
                   });
}

int run_sft(ct::Project& project, const PretrainFlags& flags, const std::vector<std::string>& files,
            const std::string& format, const std::string& parent_flag) {
  ct::SftJob job;
  if (files.empty()) {  // the built-in demo set, validated on its held-out part
    ct::ensure_demo_dialogues(project);
    job.conversations = ct::load_dialogue_dataset(project, ct::embedded_dialogues_name);
    job.validation = ct::load_dialogue_dataset(project, std::string(ct::embedded_dialogues_name) + "-heldout");
    std::printf("the built-in demo dialogues (%s), validated on their held-out part\n", ct::embedded_dialogues_name);
  }
  for (const auto& file : files) {
    auto imported = ct::import_dialogues(file, ct::parse_dialogue_format(format));
    for (const auto& problem : imported.rejected) std::fprintf(stderr, "rejected: %s\n", problem.to_string().c_str());
    job.conversations.insert(job.conversations.end(), imported.conversations.begin(), imported.conversations.end());
  }
  if (job.conversations.empty()) throw ct::Error("no conversation to fine-tune on in the files given with --data");
  job.config = flags.build_on(ct::default_sft_config());
  job.config.warmup_steps = std::min<std::int64_t>(job.config.warmup_steps, job.config.max_steps / 10);
  if (job.config.sample_prompt.empty() && files.empty()) job.config.sample_prompt = ct::demo_sample_question;
  if (job.config.sample_prompt.empty())  // the first question of the data: the samples show it being learned
    for (const auto& m : job.conversations.front().messages)
      if (m.role == "user" && job.config.sample_prompt.empty()) job.config.sample_prompt = m.content;
  job.tokenizer_model = project.tokenizer_model();
  job.resume = flags.resume;
  job.resume_max_steps = flags.resume ? flags.max_steps : 0;
  if (!flags.resume) job.parent_checkpoint = resolve_checkpoint(project, "", parent_flag);
  std::printf("%zu conversations%s\n", job.conversations.size(),
              job.parent_checkpoint.empty() ? "" : (", from " + job.parent_checkpoint).c_str());
  return run_stage(project, "sft", flags, job.parent_checkpoint, job.config.to_json(),
                   [&](const std::string& run_dir, ct::TrainingObserver& observer) {
                     job.run_dir = run_dir;
                     return ct::run_sft(job, observer, g_stop);
                   });
}

// The newest checkpoint of a run of `stage`, else the newest of any run.
std::string newest_checkpoint_or_any(ct::Project& project, const std::string& stage) {
  const auto checkpoint = ct::newest_checkpoint_of_stage(project, stage);
  return checkpoint.empty() ? resolve_checkpoint(project, "", "") : checkpoint;
}

std::int64_t prompt_set_id(ct::Project& project, const std::string& name) {
  const auto set = project.db().prompt_set(name);
  if (!set) throw ct::Error("prompt set '" + name + "' does not exist (see chattrain prompts list)");
  return set->id;
}

// The ranked pairs of the named prompt sets (none named: every set), as the reward model and DPO read them.
std::vector<ct::PreferencePair> ranked_pairs(ct::Project& project, std::vector<std::string> sets, size_t* ranking_count) {
  if (sets.empty())
    for (const auto& s : project.db().prompt_sets()) sets.push_back(s.name);
  std::vector<ct::RankedAnswers> rankings;
  for (const auto& name : sets) {
    auto more = ct::ranked_answers(project, prompt_set_id(project, name));
    rankings.insert(rankings.end(), more.begin(), more.end());
  }
  *ranking_count = rankings.size();
  auto pairs = ct::expand_to_pairs(rankings);
  if (pairs.empty()) throw ct::Error("there are no ranked pairs to train on: rank some answers first (studio: Ranking page)");
  return pairs;
}

int run_reward(ct::Project& project, const PretrainFlags& flags, std::vector<std::string> sets, const std::string& parent_flag) {
  size_t rankings = 0;
  ct::RewardJob job;
  job.pairs = ranked_pairs(project, sets, &rankings);
  job.config = ct::default_reward_config();
  flags.apply_overrides(job.config);
  job.tokenizer_model = project.tokenizer_model();
  job.resume = flags.resume;
  job.resume_max_steps = flags.resume ? flags.max_steps : 0;
  if (!flags.resume) job.parent_checkpoint = parent_flag.empty() ? newest_checkpoint_or_any(project, "sft") : parent_flag;
  std::printf("%zu rankings → %zu pairs%s\n", rankings, job.pairs.size(),
              job.parent_checkpoint.empty() ? "" : (", from " + job.parent_checkpoint).c_str());
  return run_stage(project, "reward", flags, job.parent_checkpoint, job.config.to_json(),
                   [&](const std::string& run_dir, ct::TrainingObserver& observer) {
                     job.run_dir = run_dir;
                     return ct::run_reward(job, observer, g_stop);
                   });
}

int run_dpo(ct::Project& project, const PretrainFlags& flags, const std::vector<std::string>& sets, const std::string& parent_flag,
            double beta) {
  size_t rankings = 0;
  ct::DpoJob job;
  job.pairs = ranked_pairs(project, sets, &rankings);
  job.beta = beta;
  job.config = ct::default_dpo_config();
  job.config.sample_prompt = ct::demo_sample_question;
  flags.apply_overrides(job.config);
  job.tokenizer_model = project.tokenizer_model();
  job.resume = flags.resume;
  job.resume_max_steps = flags.resume ? flags.max_steps : 0;
  if (!flags.resume) job.parent_checkpoint = parent_flag.empty() ? newest_checkpoint_or_any(project, "sft") : parent_flag;
  std::printf("%zu rankings → %zu pairs, β %g%s\n", rankings, job.pairs.size(), beta,
              job.parent_checkpoint.empty() ? "" : (", from (and against) " + job.parent_checkpoint).c_str());
  return run_stage(project, "dpo", flags, job.parent_checkpoint, ct::dpo_settings_json(job),
                   [&](const std::string& run_dir, ct::TrainingObserver& observer) {
                     job.run_dir = run_dir;
                     return ct::run_dpo(job, observer, g_stop);
                   });
}

int run_ppo(ct::Project& project, const PretrainFlags& flags, std::string set, const std::string& parent_flag,
            std::string reward_flag, bool judge_rules, ct::PpoConfig config) {
  if (set.empty()) {
    const auto sets = project.db().prompt_sets();
    if (sets.empty()) throw ct::Error("PPO needs prompts: add some (chattrain prompts demo)");
    set = project.db().prompt_set(ct::demo_ranking_set) ? ct::demo_ranking_set : sets.front().name;
  }
  ct::PpoJob job;
  const auto prompts = project.db().prompts(prompt_set_id(project, set));
  for (const auto& p : prompts) job.prompts.push_back(ct::prompt_conversation(p));
  if (judge_rules) {
    job.reward_function = ct::rule_judge_reward(prompts);
  } else {
    job.reward_checkpoint = reward_flag.empty() ? newest_checkpoint_or_any(project, "reward") : reward_flag;
    if (ct::read_checkpoint_info(job.reward_checkpoint).stage != "reward")
      throw ct::Error("no reward model yet: train one (chattrain reward), give --reward, or --judge rules for the demo");
  }
  config.device = flags.device;
  if (flags.max_steps > 0) config.iterations = flags.max_steps;
  if (flags.learning_rate > 0) config.learning_rate = flags.learning_rate;
  job.config = config;
  job.tokenizer_model = project.tokenizer_model();
  job.resume = flags.resume;
  job.policy_checkpoint = flags.resume ? "" : (parent_flag.empty() ? newest_checkpoint_or_any(project, "sft") : parent_flag);
  std::printf("%zu prompts of %s; reward: %s%s\n", job.prompts.size(), set.c_str(),
              judge_rules ? "the rule-based judge (for demos and tests only)" : job.reward_checkpoint.c_str(),
              job.policy_checkpoint.empty() ? "" : (", from (and against) " + job.policy_checkpoint).c_str());
  return run_stage(project, "ppo", flags, job.policy_checkpoint, config.to_json(),
                   [&](const std::string& run_dir, ct::TrainingObserver& observer) {
                     job.run_dir = run_dir;
                     return ct::run_ppo(job, observer, g_stop);
                   });
}


// The evaluation's table: each checkpoint's mean scores and how far they are from the first's.
void print_evaluation(const ct::Evaluation& e) {
  std::printf("%zu prompts of %s%s\n", e.prompts.size(), e.prompt_set.c_str(),
              e.prompts_seen_elsewhere == 0 ? ", none of them in another prompt set (held out)"
                                            : (", " + std::to_string(e.prompts_seen_elsewhere) + " of them also in another prompt set").c_str());
  std::printf("%-8s %8s %9s %17s %7s %17s %7s %8s  %s\n", "stage", "answers", "reward", "vs first ±2se", "form", "vs first ±2se", "judge",
              "length", "checkpoint");
  for (const auto& s : e.scores) {
    const auto reward = ct::paired_difference(s.rewards, e.scores.front().rewards);
    const auto form = ct::paired_difference(s.forms, e.scores.front().forms);
    std::printf("%-8s %8d %9.3f %+8.3f ±%7.3f %7.3f %+8.3f ±%7.3f %7.3f %8.1f  %s\n", s.stage.c_str(), s.answers, s.mean_reward,
                reward.mean, 2 * reward.standard_error, s.mean_form, form.mean, 2 * form.standard_error, s.mean_judge,
                s.mean_characters, s.checkpoint.c_str());
  }
  if (!e.reward_checkpoint.empty()) std::printf("reward: the reward model %s\n", e.reward_checkpoint.c_str());
  std::printf("form: the rule-based judge's checkable metric, how much of an answer has the form its prompt asks for; judge: the\n"
              "mean of the form and the characters shared with the reference answer (for demos and tests only)\n");
}

}  // namespace

int main(int argc, char** argv) {
  ct::prepare_cpu_runtime();  // before any thread allocates (see runtime.h)
  CLI::App app{"ChatTrain: train your own small ChatGPT from scratch, step by step."};
  app.require_subcommand(1);
  // What this build runs on: the first thing to check on a GPU machine (bench/gpu_check.sh prints it).
  app.set_version_flag("--version", [] {
    const auto d = ct::compute_devices();
    std::string text = "chattrain " + ct::version() + ", LibTorch " + ct::libtorch_version() + ", SentencePiece " +
                       ct::sentencepiece_version() + "\nCPU: " + std::to_string(d.training_threads) + " threads on " +
                       std::to_string(d.logical_cores) + " logical cores";
    for (size_t i = 0; i < d.gpus.size(); ++i)
      text += "\nCUDA GPU " + std::to_string(i) + " (--device cuda:" + std::to_string(i) + "): " +
              (d.gpus[i].name.empty() ? "?" : d.gpus[i].name) + ", " + std::to_string(d.gpus[i].memory_bytes >> 20) + " MiB";
    if (d.gpus.empty())
      text += "\nCUDA: none (a CPU build of LibTorch, or no GPU)";
    return text;
  });
  std::string project_dir = default_project();
  app.add_option("-p,--project", project_dir, "Project folder (default: $CHATTRAIN_PROJECT or the current folder)");

  // project init
  auto* project_cmd = app.add_subcommand("project", "Create a project folder")->require_subcommand(1);
  std::string init_dir;
  auto* init_cmd = project_cmd->add_subcommand("init", "Create a new project in FOLDER");
  init_cmd->add_option("folder", init_dir, "Folder for the project (new or empty)")->required();

  // data import / list
  auto* data_cmd = app.add_subcommand("data", "Import and list datasets")->require_subcommand(1);
  std::vector<std::string> import_paths;
  std::string import_name, import_format = "auto";
  bool import_embedded = false;
  auto* import_cmd = data_cmd->add_subcommand("import", "Import text, Markdown, JSONL or chinese-poetry JSON files or folders");
  import_cmd->add_option("paths", import_paths, "Files or folders");
  import_cmd->add_option("--name", import_name, "Dataset name (default: the first file's name)");
  import_cmd->add_option("--format", import_format, "auto, text, markdown, jsonl or chinese-poetry")->capture_default_str();
  import_cmd->add_flag("--embedded", import_embedded, "Import the embedded Tang poems");
  auto* list_cmd = data_cmd->add_subcommand("list", "List the project's datasets");

  // tokenizer train / encode
  auto* tok_cmd = app.add_subcommand("tokenizer", "Train and try the tokenizer")->require_subcommand(1);
  ct::TokenizerTrainOptions tok_options;
  auto* tok_train = tok_cmd->add_subcommand("train", "Train a SentencePiece tokenizer on every dataset of the project");
  tok_train->add_option("--vocab-size", tok_options.vocab_size, "Number of pieces")->capture_default_str();
  tok_train->add_option("--type", tok_options.model_type, "bpe or unigram")->capture_default_str();
  tok_train->add_option("--character-coverage", tok_options.character_coverage,
                        "Share of characters kept whole; the rarest go to bytes")->capture_default_str();
  std::string encode_text;
  auto* tok_encode = tok_cmd->add_subcommand("encode", "Show the pieces and ids of TEXT");
  tok_encode->add_option("text", encode_text, "Text to encode")->required();

  // pretrain
  PretrainFlags pretrain_flags;
  bool print_config = false, estimate_memory = false;
  auto* pretrain_cmd = app.add_subcommand("pretrain", "Pretrain a GPT on the project's datasets");
  pretrain_flags.add(pretrain_cmd);
  pretrain_cmd->add_flag("--print-config", print_config, "Print the settings as JSON and exit");
  pretrain_cmd->add_flag("--estimate-memory", estimate_memory,
                         "Print the memory the settings need on --device, and the micro-batch that fits, then exit");

  // sft
  PretrainFlags sft_flags;
  std::vector<std::string> sft_files;
  std::string sft_format = "auto", sft_parent;
  auto* sft_cmd = app.add_subcommand("sft", "Fine-tune a checkpoint on dialogues (Alpaca, ShareGPT, OpenAI messages, prompt/completion)");
  sft_cmd->add_option("--data", sft_files, "Dialogue files (.json or .jsonl); none: the built-in demo set")->check(CLI::ExistingFile);
  sft_cmd->add_option("--format", sft_format, "auto, alpaca, sharegpt, openai or prompt-completion")->capture_default_str();
  sft_cmd->add_option("--from", sft_parent, "Checkpoint folder to start from (default: the newest checkpoint)")->check(CLI::ExistingDirectory);
  sft_flags.add_stage_flags(sft_cmd, "sft", "0.001", "Conversations per micro-batch", "; give the same --data");

  // generate
  std::string gen_run, gen_checkpoint, gen_prompt, gen_device = "auto";
  SamplingFlags gen_flags;
  auto* gen_cmd = app.add_subcommand("generate", "Continue a prompt with a checkpoint");
  gen_cmd->add_option("--run", gen_run, "Run whose latest checkpoint to use (default: the newest)");
  gen_cmd->add_option("--checkpoint", gen_checkpoint, "A checkpoint folder")->check(CLI::ExistingDirectory);
  gen_cmd->add_option("--prompt", gen_prompt, "Text to continue");
  gen_cmd->add_option("--device", gen_device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  gen_flags.add(gen_cmd);

  // chat
  std::string chat_run, chat_checkpoint, chat_system, chat_device = "auto", chat_export;
  SamplingFlags chat_flags;
  auto* chat_cmd = app.add_subcommand("chat", "Talk with a checkpoint in the terminal (saved in the project)");
  chat_cmd->add_option("--run", chat_run, "Run whose latest checkpoint to use (default: the newest)");
  chat_cmd->add_option("--checkpoint", chat_checkpoint, "A checkpoint folder")->check(CLI::ExistingDirectory);
  chat_cmd->add_option("--system", chat_system, "System prompt");
  chat_cmd->add_option("--device", chat_device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  chat_cmd->add_option("--export", chat_export, "Write every saved chat to this JSONL file (OpenAI messages) and quit");
  chat_flags.add(chat_cmd);

  // runs
  auto* runs_cmd = app.add_subcommand("runs", "List runs, or show one run's metrics");
  std::string show_run, show_metric;
  auto* runs_list = runs_cmd->add_subcommand("list", "List the project's runs");
  auto* runs_show = runs_cmd->add_subcommand("show", "Print a run's metrics as CSV");
  runs_show->add_option("run", show_run, "Run id")->required();
  runs_show->add_option("--metric", show_metric, "Only this metric, e.g. val/loss");

  // prompts, candidates, rankings, reward
  auto* prompts_cmd = app.add_subcommand("prompts", "Prompt sets to generate and rank answers for")->require_subcommand(1);
  std::string prompts_file, prompts_set;
  int demo_prompt_count = 200;
  auto* prompts_import = prompts_cmd->add_subcommand("import", "Import prompts: .txt (one per line), JSON/JSONL {\"prompt\"} or dialogues");
  prompts_import->add_option("file", prompts_file, "File of prompts")->required()->check(CLI::ExistingFile);
  prompts_import->add_option("--prompts", prompts_set, "Prompt set to add them to (default: the file's name)");
  auto* prompts_demo = prompts_cmd->add_subcommand("demo", "Add 'poem-prompts': held-out demo questions with reference answers");
  prompts_demo->add_option("--count", demo_prompt_count, "How many")->capture_default_str();
  auto* prompts_list = prompts_cmd->add_subcommand("list", "List prompt sets with their answers and rankings");

  std::string cand_set, cand_run, cand_checkpoint, cand_device = "auto";
  int cand_answers = 4;
  SamplingFlags cand_flags;
  cand_flags.options.temperature = 1.0;
  auto* cand_cmd = app.add_subcommand("candidates", "Generate several answers per prompt of a set, to rank");
  cand_cmd->add_option("--prompts", cand_set, "Prompt set")->required();
  cand_cmd->add_option("--answers", cand_answers, "Answers per prompt, 2 to 9")->capture_default_str();
  cand_cmd->add_option("--run", cand_run, "Run whose latest checkpoint answers (default: the newest)");
  cand_cmd->add_option("--checkpoint", cand_checkpoint, "A checkpoint folder")->check(CLI::ExistingDirectory);
  cand_cmd->add_option("--device", cand_device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  cand_flags.add(cand_cmd);

  std::string rank_set, rank_judge;
  auto* rank_cmd = app.add_subcommand("rank", "Rank a set's answers with a judge (people rank in the studio's Ranking page)");
  rank_cmd->add_option("--prompts", rank_set, "Prompt set")->required();
  rank_cmd->add_option("--judge", rank_judge, "rules: the rule-based judge, FOR DEMOS AND TESTS ONLY (needs reference answers)")
      ->required()->check(CLI::IsMember({"rules"}));

  auto* rankings_cmd = app.add_subcommand("rankings", "Export, import and compare rankings")->require_subcommand(1);
  std::string rankings_file, rankings_set, rankings_format = "auto", rankings_annotator;
  bool rankings_pairs = false;
  auto* rankings_export = rankings_cmd->add_subcommand("export", "Write a set's rankings as JSONL");
  rankings_export->add_option("file", rankings_file, "Output file")->required();
  rankings_export->add_option("--prompts", rankings_set, "Prompt set")->required();
  rankings_export->add_flag("--pairs", rankings_pairs, "As prompt/chosen/rejected pairs (TRL) instead of full rankings");
  rankings_export->add_option("--annotator", rankings_annotator, "Only this annotator's rankings");
  auto* rankings_import = rankings_cmd->add_subcommand("import", "Merge rankings: our export, TRL pairs, HH-RLHF or UltraFeedback");
  rankings_import->add_option("file", rankings_file, "Input file")->required()->check(CLI::ExistingFile);
  rankings_import->add_option("--format", rankings_format, "auto, rankings, pairs, hh-rlhf or ultrafeedback")->capture_default_str();
  rankings_import->add_option("--prompts", rankings_set, "Prompt set for records that name none (default: the file's name)");
  auto* rankings_agree = rankings_cmd->add_subcommand("agreement", "Agreement between annotators of a set");
  rankings_agree->add_option("--prompts", rankings_set, "Prompt set")->required();

  PretrainFlags reward_flags;
  std::vector<std::string> reward_sets;
  std::string reward_parent;
  auto* reward_cmd = app.add_subcommand("reward", "Train a reward model on the rankings");
  reward_cmd->add_option("--prompts", reward_sets, "Prompt sets whose rankings to use (default: all)");
  reward_cmd->add_option("--from", reward_parent, "Checkpoint to start from (default: the newest SFT checkpoint)")->check(CLI::ExistingDirectory);
  reward_flags.add_stage_flags(reward_cmd, "reward", "0.0003", "Pairs per micro-batch (default 16)", "; choose the same --prompts");

  PretrainFlags dpo_flags;
  std::vector<std::string> dpo_sets;
  std::string dpo_parent;
  double dpo_beta = 0.1;
  auto* dpo_cmd = app.add_subcommand("dpo", "Improve a fine-tuned model directly from the ranked pairs (DPO), against a frozen copy of it");
  dpo_cmd->add_option("--prompts", dpo_sets, "Prompt sets whose rankings to use (default: all)");
  dpo_cmd->add_option("--from", dpo_parent, "SFT checkpoint to start from and stay near (default: the newest SFT checkpoint)")
      ->check(CLI::ExistingDirectory);
  dpo_cmd->add_option("--beta", dpo_beta, "How close to stay to the starting model: larger stays closer")->capture_default_str();
  dpo_flags.add_stage_flags(dpo_cmd, "dpo", "0.0001", "Pairs per micro-batch (default 8)", "; choose the same --prompts");

  PretrainFlags ppo_flags;
  std::string ppo_set, ppo_parent, ppo_reward, ppo_judge;
  ct::PpoConfig ppo_config;
  auto* ppo_cmd = app.add_subcommand("ppo", "Improve a fine-tuned model against a reward model with PPO");
  ppo_cmd->add_option("--prompts", ppo_set, "Prompt set to answer (default: poem-prompts)");
  ppo_cmd->add_option("--from", ppo_parent, "SFT checkpoint to start from and stay near (default: the newest SFT checkpoint)")
      ->check(CLI::ExistingDirectory);
  ppo_cmd->add_option("--reward", ppo_reward, "Reward model checkpoint (default: the newest)")->check(CLI::ExistingDirectory);
  ppo_cmd->add_option("--judge", ppo_judge, "rules: reward with the rule-based judge instead, FOR DEMOS AND TESTS ONLY")
      ->check(CLI::IsMember({"rules"}));
  ppo_cmd->add_option("--iterations", ppo_flags.max_steps, "Rollout batches (default 100; with --resume: ignored)");
  ppo_cmd->add_option("--lr", ppo_flags.learning_rate, "Learning rate (default 0.0001)");
  ppo_cmd->add_option("--prompts-per-batch", ppo_config.prompts_per_batch, "Prompts per rollout batch")->capture_default_str();
  ppo_cmd->add_option("--answers-per-prompt", ppo_config.answers_per_prompt, "Answers per prompt")->capture_default_str();
  ppo_cmd->add_flag("!--no-prompt-baseline", ppo_config.per_prompt_baseline,
                    "Score answers as they are, not against the other answers to the same prompt");
  ppo_cmd->add_option("--max-tokens", ppo_config.max_new_tokens, "Longest answer")->capture_default_str();
  ppo_cmd->add_option("--temperature", ppo_config.temperature, "The policy's sampling temperature (ratios and KL use the same)")
      ->capture_default_str();
  ppo_cmd->add_option("--kl-coef", ppo_config.kl_coef, "Initial KL penalty (adapted toward --kl-target)")->capture_default_str();
  ppo_cmd->add_option("--kl-target", ppo_config.kl_target, "KL per answer the controller aims at")->capture_default_str();
  ppo_cmd->add_option("--seed", ppo_config.seed, "Seed of the rollouts and minibatches")->capture_default_str();
  ppo_cmd->add_option("--device", ppo_flags.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  ppo_cmd->add_option("--run", ppo_flags.run_id, "Name of the new run (default: ppo-<date>-<time>)");
  ppo_cmd->add_flag("--resume", ppo_flags.resume, "Continue the newest PPO run (or --run NAME) exactly; give the same --prompts");

  std::string eval_set, eval_reward;
  std::vector<std::string> eval_checkpoints;
  int eval_count = 50;
  SamplingFlags eval_flags;
  eval_flags.options.temperature = 0.7;
  eval_flags.options.max_new_tokens = 64;
  auto* eval_cmd = app.add_subcommand("evaluate", "Score checkpoints on held-out prompts with the reward model and the rule-based judge");
  eval_cmd->add_option("--checkpoint", eval_checkpoints, "Checkpoints to compare (default: the newest of sft, ppo and dpo)")
      ->check(CLI::ExistingDirectory);
  eval_cmd->add_option("--prompts", eval_set, "Prompt set, best one no stage trained on (default: poem-eval, else poem-prompts)");
  eval_cmd->add_option("--count", eval_count, "Prompts to answer")->capture_default_str();
  eval_cmd->add_option("--reward", eval_reward, "Reward model (default: the newest)")->check(CLI::ExistingDirectory);
  eval_flags.add(eval_cmd);

  auto* report_cmd = app.add_subcommand("report", "Write the project's report: every run, the newest evaluation, sample answers");

  // export, import
  auto* export_cmd = app.add_subcommand("export", "Take a checkpoint to llama.cpp / Ollama (GGUF) or transformers (Hugging Face folder)")
                         ->require_subcommand(1);
  std::string export_run, export_checkpoint, export_output;
  bool export_f16 = false;
  auto* export_gguf = export_cmd->add_subcommand("gguf", "Write a GGUF file (llama architecture, vocabulary and ChatML template inside)");
  auto* export_hf = export_cmd->add_subcommand("hf", "Write a Hugging Face folder (LlamaForCausalLM, safetensors, tokenizer, chat template)");
  for (auto* cmd : {export_gguf, export_hf}) {
    cmd->add_option("--run", export_run, "Run whose latest checkpoint to export (default: the newest)");
    cmd->add_option("--checkpoint", export_checkpoint, "A checkpoint folder")->check(CLI::ExistingDirectory);
    cmd->add_option("-o,--output", export_output, "Where to write (default: the project's exports/ folder)");
    cmd->add_flag("--f16", export_f16, "Half-precision weights (half the size; norms stay F32)");
  }
  std::string metrics_run;
  auto* export_tensorboard = export_cmd->add_subcommand("tensorboard", "Write a run's stored metrics as TensorBoard events (runs write them as they train)");
  auto* export_csv = export_cmd->add_subcommand("csv", "Write a run's metrics as CSV (step,name,value,time)");
  for (auto* cmd : {export_tensorboard, export_csv}) {
    cmd->add_option("--run", metrics_run, "The run")->required();
    cmd->add_option("-o,--output", export_output, "Folder (tensorboard; default: the run's folder) or file (csv; default: standard output)");
  }
  std::string import_hf_folder, import_hf_run;
  auto* import_hf_cmd = app.add_subcommand("import-hf", "Import a Hugging Face Llama folder with the project's tokenizer as a checkpoint");
  import_hf_cmd->add_option("folder", import_hf_folder, "The folder (config.json, model.safetensors, tokenizer.model)")
      ->required()
      ->check(CLI::ExistingDirectory);
  import_hf_cmd->add_option("--run", import_hf_run, "Name of the new run (default: import-<date>-<time>)");

  // demo
  std::string demo_dir = demo_project();
  ct::DemoPipelineOptions demo_options;
  bool demo_tiny = false;
  auto* demo_cmd = app.add_subcommand(
      "demo", "The whole recipe on the embedded Tang poems, headless: tokenizer, pretraining, SFT, answers ranked by the rule-based "
              "judge, reward model, PPO, DPO, evaluation on held-out prompts, report (~17 min on 2 CPU cores; run again to continue)");
  demo_cmd->add_option("--folder", demo_dir, "Project folder for the demo (with --tiny: ~/ChatTrain/demo-tiny.chattrain)")->capture_default_str();
  demo_cmd->add_option("--steps,--pretrain-steps", demo_options.pretrain_steps, "Pretraining steps")->capture_default_str();
  demo_cmd->add_option("--sft-steps", demo_options.sft_steps, "Fine-tuning steps")->capture_default_str();
  demo_cmd->add_option("--ppo-iterations", demo_options.ppo_iterations, "PPO rollout batches")->capture_default_str();
  demo_cmd->add_option("--dpo-steps", demo_options.dpo_steps, "DPO steps")->capture_default_str();
  demo_cmd->add_option("--preset", demo_options.preset, "Model size: demo, small, medium, gpt2-small (the larger ones want a GPU, and a --folder of their own)")
      ->capture_default_str();
  demo_cmd->add_option("--device", demo_options.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  demo_cmd->add_flag("--tiny", demo_tiny, "A tiny model and a few steps of everything (a minute or two; for trying the pipeline, not its results)");

  CLI11_PARSE(app, argc, argv);

  try {
    if (*init_cmd) {
      auto project = ct::Project::create(init_dir);
      std::printf("created project %s\nnext: chattrain -p %s data import FILES (or --embedded), then tokenizer train, then pretrain\n",
                  project.folder().c_str(), init_dir.c_str());
      return 0;
    }
    if (*demo_cmd) {
      if (demo_tiny && demo_cmd->get_option("--folder")->count() == 0) demo_dir = demo_project(/*tiny=*/true);
      auto project = open_or_create(demo_dir);
      if (demo_tiny) {
        const auto device = demo_options.device;
        demo_options = ct::DemoPipelineOptions::tiny();
        demo_options.device = device;
      }
      std::printf("demo project: %s\nCtrl+C stops; run the same command again to continue where it stopped\n", project.folder().c_str());
      std::signal(SIGINT, on_interrupt);
      std::signal(SIGTERM, on_interrupt);
      ct::cli::PipelineTerminal terminal;
      const auto outcome = ct::run_demo_pipeline(project, demo_options, terminal, g_stop);
      std::printf("%s\n", outcome.message.english().c_str());
      if (outcome.status == ct::TrainOutcome::Status::Stopped) return 0;
      if (outcome.report.markdown.empty()) return 3;
      print_evaluation(outcome.evaluation);
      std::printf("report: %s\n        %s\n", outcome.report.markdown.c_str(), outcome.report.html.c_str());
      return 0;
    }

    auto project = ct::Project::open(project_dir);
    if (*import_cmd) {
      if (import_paths.empty() && !import_embedded) throw ct::Error("name files or folders to import, or --embedded");
      ct::ImportResult result;
      std::string source;
      if (import_embedded) {
        result = ct::import_embedded_corpus();
        source = "embedded: chinese-poetry (MIT)";
        if (import_name.empty()) import_name = ct::embedded_corpus_name;
      }
      for (const auto& path : import_paths) {
        auto one = ct::import_path(path, ct::parse_input_format(import_format));
        result.documents.insert(result.documents.end(), one.documents.begin(), one.documents.end());
        result.rejected.insert(result.rejected.end(), one.rejected.begin(), one.rejected.end());
        source += (source.empty() ? "" : ", ") + path;
      }
      for (const auto& problem : result.rejected) std::fprintf(stderr, "rejected: %s\n", problem.to_string().c_str());
      if (import_name.empty()) import_name = stdfs::path(import_paths.front()).stem().string();
      const auto record = ct::save_dataset(project, import_name, result, source, import_format,
                                           [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); });
      std::printf("dataset %s: %lld documents, %lld characters (bytes), %lld rejected\n", record.name.c_str(),
                  static_cast<long long>(record.documents), static_cast<long long>(record.characters),
                  static_cast<long long>(record.rejected));
      return 0;
    }
    if (*list_cmd) {
      std::printf("%-24s %-16s %10s %12s %9s  %s\n", "name", "kind", "documents", "bytes", "rejected", "source");
      for (const auto& d : project.db().datasets())
        std::printf("%-24s %-16s %10lld %12lld %9lld  %s\n", d.name.c_str(), d.kind.c_str(), static_cast<long long>(d.documents),
                    static_cast<long long>(d.characters), static_cast<long long>(d.rejected), d.source.c_str());
      return 0;
    }
    if (*tok_train) {
      ct::train_project_tokenizer(project, tok_options, [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); });
      const auto tokenizer = ct::Tokenizer::load(project.tokenizer_model());
      std::printf("tokenizer: %s (%d pieces, hash %s)\n", project.tokenizer_model().c_str(), tokenizer.vocab_size(),
                  tokenizer.hash().c_str());
      return 0;
    }
    if (*tok_encode) {
      const auto tokenizer = ct::Tokenizer::load(project.tokenizer_model());
      for (int id : tokenizer.encode(encode_text)) std::printf("%d\t%s\n", id, tokenizer.piece(id).c_str());
      return 0;
    }
    if (*pretrain_cmd) {
      if (print_config) {
        std::printf("%s\n", pretrain_flags.build().to_json().c_str());
        return 0;
      }
      if (estimate_memory) return print_memory_estimate(project, pretrain_flags.build());
      return run_pretrain(project, pretrain_flags);
    }
    if (*sft_cmd) return run_sft(project, sft_flags, sft_files, sft_format, sft_parent);
    if (*prompts_import) {
      auto imported = ct::import_prompts(prompts_file);
      for (const auto& problem : imported.rejected) std::fprintf(stderr, "rejected: %s\n", problem.to_string().c_str());
      if (prompts_set.empty()) prompts_set = stdfs::path(prompts_file).stem().string();
      const auto id = ct::add_prompt_set(project, prompts_set, prompts_file, imported.prompts);
      std::printf("prompt set %s: %zu prompts read, %zu rejected, %zu in the set\n", prompts_set.c_str(), imported.prompts.size(),
                  imported.rejected.size(), project.db().prompts(id).size());
      return imported.prompts.empty() ? 1 : 0;
    }
    if (*prompts_demo) {
      const auto id = ct::ensure_demo_prompt_set(project, demo_prompt_count);
      std::printf("prompt set poem-prompts: %zu prompts with reference answers\n", project.db().prompts(id).size());
      return 0;
    }
    if (*prompts_list) {
      std::printf("%-24s %8s %11s %9s  %s\n", "set", "prompts", "candidates", "rankings", "source");
      for (const auto& s : project.db().prompt_sets())
        std::printf("%-24s %8lld %11lld %9lld  %s\n", s.name.c_str(), static_cast<long long>(s.prompts),
                    static_cast<long long>(s.candidates), static_cast<long long>(s.rankings), s.source.c_str());
      return 0;
    }
    if (*cand_cmd) {
      ct::CandidateJob job;
      job.set_id = prompt_set_id(project, cand_set);
      job.checkpoint = resolve_checkpoint(project, cand_run, cand_checkpoint);
      job.sampling = cand_flags.options;
      job.answers_per_prompt = cand_answers;
      job.device = cand_device;
      std::signal(SIGINT, on_interrupt);
      std::printf("%d answers per prompt from %s; Ctrl+C stops (run again to continue)\n", cand_answers, job.checkpoint.c_str());
      const int done = ct::generate_candidates(project, job, [](int d, int t) { print_progress_bar("prompts answered", d, t); },
                                               [] { return !g_stop.stop_requested(); });
      std::printf("%d prompts answered\n", done);
      return 0;
    }
    if (*rank_cmd) {
      const int judged = ct::judge_prompt_set(project, prompt_set_id(project, rank_set));
      std::printf("the rule-based judge (for demos and tests only) ranked %d prompts as \"%s\"\n", judged, ct::rule_judge_name);
      return judged > 0 ? 0 : 1;
    }
    if (*rankings_export) {
      auto rankings = ct::ranked_answers(project, prompt_set_id(project, rankings_set), rankings_annotator);
      if (rankings_pairs) {
        const auto pairs = ct::expand_to_pairs(rankings);
        ct::export_pairs_jsonl(pairs, rankings_file);
        std::printf("%zu pairs from %zu rankings written to %s\n", pairs.size(), rankings.size(), rankings_file.c_str());
      } else {
        ct::export_rankings_jsonl(rankings, rankings_file);
        std::printf("%zu rankings written to %s\n", rankings.size(), rankings_file.c_str());
      }
      return 0;
    }
    if (*rankings_import) {
      auto imported = ct::import_preferences(rankings_file, ct::parse_preference_format(rankings_format));
      for (const auto& problem : imported.rejected) std::fprintf(stderr, "rejected: %s\n", problem.to_string().c_str());
      if (rankings_set.empty()) rankings_set = stdfs::path(rankings_file).stem().string();
      const auto merged = ct::merge_rankings(project, imported.rankings, rankings_set);
      std::printf("%d rankings merged (%d already there), %d new prompts, %d new answers, %zu records rejected\n",
                  merged.rankings_added, merged.duplicates, merged.prompts_added, merged.candidates_added, imported.rejected.size());
      return imported.rankings.empty() ? 1 : 0;
    }
    if (*rankings_agree) {
      const auto summary = ct::agreement_of_set(project, prompt_set_id(project, rankings_set));
      if (summary.prompts_compared == 0) {
        std::printf("no prompt of %s is ranked by two annotators yet\n", rankings_set.c_str());
        return 0;
      }
      std::printf("%d prompts ranked by two or more annotators: pairwise agreement %.3f, Kendall's tau %.3f\n",
                  summary.prompts_compared, summary.overall.pairwise, summary.overall.kendall_tau);
      return 0;
    }
    if (*reward_cmd) return run_reward(project, reward_flags, reward_sets, reward_parent);
    if (*dpo_cmd) return run_dpo(project, dpo_flags, dpo_sets, dpo_parent, dpo_beta);
    if (*eval_cmd) {
      const auto plan = ct::default_evaluation_plan(project);
      if (eval_set.empty()) eval_set = plan.prompt_set;
      if (eval_checkpoints.empty()) eval_checkpoints = plan.checkpoints;
      if (eval_checkpoints.empty()) throw ct::Error("no checkpoint to evaluate: name some with --checkpoint");
      if (eval_reward.empty()) eval_reward = plan.reward_checkpoint;
      std::signal(SIGINT, on_interrupt);
      const auto evaluation = ct::evaluate_checkpoints(project, eval_checkpoints, prompt_set_id(project, eval_set), eval_reward,
                                                       eval_count, eval_flags.options, [](int d, int t) {
                                                         print_progress_bar("answers", std::uint64_t(d), std::uint64_t(t));
                                                         return !g_stop.stop_requested();
                                                       });
      ct::save_evaluation(project, evaluation);
      print_evaluation(evaluation);
      const auto report = ct::write_report(project);
      std::printf("report: %s\n", report.markdown.c_str());
      return 0;
    }
    if (*export_tensorboard || *export_csv) {
      if (!project.db().run(metrics_run)) throw ct::Error("run " + metrics_run + " does not exist (see chattrain runs list)");
      const auto metrics = project.db().metrics(metrics_run);
      if (*export_tensorboard) {
        const auto file = ct::write_tensorboard_events(export_output.empty() ? project.run_dir(metrics_run) : export_output, metrics);
        std::printf("%zu points → %s\nsee them: tensorboard --logdir %s\n", metrics.size(), file.c_str(), project.runs_dir().c_str());
      } else if (export_output.empty()) {
        std::printf("%s", ct::metrics_csv(metrics).c_str());
      } else {
        std::ofstream out(export_output, std::ios::binary);
        out << ct::metrics_csv(metrics);
        if (!out.flush()) throw ct::Error("could not write " + export_output);
        std::printf("%zu points → %s\n", metrics.size(), export_output.c_str());
      }
      return 0;
    }
    if (*export_cmd) {
      const std::string checkpoint = resolve_checkpoint(project, export_run, export_checkpoint);
      const auto info = ct::read_checkpoint_info(checkpoint);
      const auto type = export_f16 ? ct::WeightType::F16 : ct::WeightType::F32;
      if (export_output.empty()) {
        stdfs::create_directories(project.exports_dir());
        export_output = ct::default_export_path(project.exports_dir(), checkpoint, bool(*export_gguf), type);
      }
      const auto result = *export_gguf ? ct::export_gguf(checkpoint, project.tokenizer_model(), export_output, type)
                                       : ct::export_huggingface(checkpoint, project.tokenizer_model(), export_output, type);
      std::printf("%s checkpoint %s → %s (%d tensors, %.1f MB)\n", info.stage.c_str(), checkpoint.c_str(), result.path.c_str(),
                  result.tensors, double(result.bytes) / 1e6);
      if (*export_gguf)
        std::printf("try it: llama-cli -m %s -cnv   (or in Ollama: FROM %s in a Modelfile)\n", result.path.c_str(), result.path.c_str());
      else
        std::printf("try it: AutoModelForCausalLM.from_pretrained(\"%s\") and AutoTokenizer.apply_chat_template\n", result.path.c_str());
      return 0;
    }
    if (*import_hf_cmd) {
      const std::string run_id = import_hf_run.empty() ? project.new_run_id("import") : import_hf_run;
      if (project.db().run(run_id)) throw ct::Error("run " + run_id + " already exists: pick another name with --run");
      const auto checkpoint = ct::import_huggingface(import_hf_folder, project.tokenizer_model(), project.run_dir(run_id));
      project.db().add_run({run_id, "import", "finished", "", "{}", stdfs::absolute(import_hf_folder).string()});
      std::printf("imported %s as run %s: %s\nnext: fine-tune it (chattrain sft --from %s) or chat with it (chattrain chat --run %s)\n",
                  import_hf_folder.c_str(), run_id.c_str(), checkpoint.c_str(), checkpoint.c_str(), run_id.c_str());
      return 0;
    }
    if (*report_cmd) {
      const auto report = ct::write_report(project);
      std::printf("report: %s\n        %s\n", report.markdown.c_str(), report.html.c_str());
      return 0;
    }
    if (*ppo_cmd) return run_ppo(project, ppo_flags, ppo_set, ppo_parent, ppo_reward, !ppo_judge.empty(), ppo_config);
    if (*gen_cmd) {
      std::signal(SIGINT, on_interrupt);
      return generate_text(project, resolve_checkpoint(project, gen_run, gen_checkpoint), gen_prompt, gen_flags.options, gen_device);
    }
    if (*chat_cmd) {
      if (!chat_export.empty()) {
        const auto chats = project.db().chats();
        ct::export_chats_jsonl(chats, chat_export);
        std::printf("%zu chats written to %s\n", chats.size(), chat_export.c_str());
        return 0;
      }
      return chat(project, resolve_checkpoint(project, chat_run, chat_checkpoint), chat_system, chat_flags.options, chat_device);
    }
    if (*runs_list || (*runs_cmd && !*runs_show)) {
      std::printf("%-32s %-10s %-10s %-22s %s\n", "run", "stage", "status", "created", "latest checkpoint");
      for (const auto& r : project.db().runs()) {
        const auto latest = ct::latest_checkpoint(project.run_dir(r.id));
        std::printf("%-32s %-10s %-10s %-22s %s\n", r.id.c_str(), r.stage.c_str(), r.status.c_str(), r.created_at.c_str(),
                    latest ? stdfs::path(*latest).filename().c_str() : "-");
      }
      return 0;
    }
    if (*runs_show) {
      if (!project.db().run(show_run)) throw ct::Error("run " + show_run + " does not exist (see chattrain runs list)");
      std::printf("%s", ct::metrics_csv(project.db().metrics(show_run, show_metric)).c_str());
      return 0;
    }
  } catch (const ct::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
  return 0;
}
