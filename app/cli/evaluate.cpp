// chattrain evaluate (score checkpoints on held-out prompts) and chattrain report.
#include <chattrain/evaluation.h>
#include <chattrain/report.h>

#include "command.h"

namespace chattrain::cli {

void print_evaluation(const Evaluation& e) {
  std::printf("%zu prompts of %s%s\n", e.prompts.size(), e.prompt_set.c_str(),
              e.prompts_seen_elsewhere == 0 ? ", none of them in another prompt set (held out)"
                                            : (", " + std::to_string(e.prompts_seen_elsewhere) + " of them also in another prompt set").c_str());
  std::printf("%-8s %8s %9s %17s %7s %17s %7s %8s %8s  %s\n", "stage", "answers", "reward", "vs first ±2se", "form", "vs first ±2se", "judge",
              "length", "KL", "checkpoint");
  for (const auto& s : e.scores) {
    const auto reward = paired_difference(s.rewards, e.scores.front().rewards);
    const auto form = paired_difference(s.forms, e.scores.front().forms);
    std::printf("%-8s %8d %9.3f %+8.3f ±%7.3f %7.3f %+8.3f ±%7.3f %7.3f %8.1f %8.2f  %s\n", s.stage.c_str(), s.answers, s.mean_reward,
                reward.mean, 2 * reward.standard_error, s.mean_form, form.mean, 2 * form.standard_error, s.mean_judge,
                s.mean_characters, s.mean_kl, s.checkpoint.c_str());
  }
  if (!e.reward_checkpoint.empty()) std::printf("reward: the reward model %s\n", e.reward_checkpoint.c_str());
  if (e.form_decided_pairs > 0)
    std::printf("the reward model orders %.3f of the %d pairs of answers to one prompt whose form differs as the form does\n",
                e.form_decided_accuracy, e.form_decided_pairs);
  if (e.samples_per_prompt > 1) std::printf("scores per prompt: the means over its %d answers\n", e.samples_per_prompt);
  std::printf("form: the rule-based judge's checkable metric, how much of an answer has the form its prompt asks for; judge: the\n"
              "mean of the form and the characters shared with the reference answer (for demos and tests only); KL: to the first\n"
              "checkpoint, nats per answer at the sampling temperature, estimated on the checkpoint's own answers\n");
}

namespace {

struct EvaluateFlags {
  std::string set, reward;
  std::vector<std::string> checkpoints;
  int count = 50;
  int samples = 1;
  SamplingFlags sampling;
};

int evaluate(Project& project, EvaluateFlags flags) {
  const auto plan = default_evaluation_plan(project);
  if (flags.set.empty()) flags.set = plan.prompt_set;
  if (flags.checkpoints.empty()) flags.checkpoints = plan.checkpoints;
  if (flags.checkpoints.empty()) throw Error("no checkpoint to evaluate: name some with --checkpoint");
  if (flags.reward.empty()) flags.reward = plan.reward_checkpoint;
  const StopToken& stop = stop_on_interrupt();
  const auto evaluation = evaluate_checkpoints(project, flags.checkpoints, prompt_set_id(project, flags.set), flags.reward, flags.count,
                                               flags.sampling.options, [&](int d, int t) {
                                                 print_progress_bar("answers", std::uint64_t(d), std::uint64_t(t));
                                                 return !stop.stop_requested();
                                               }, "auto", flags.samples);
  save_evaluation(project, evaluation);
  print_evaluation(evaluation);
  std::printf("report: %s\n", write_report(project).markdown.c_str());
  return 0;
}

}  // namespace

void add_evaluate_commands(CLI::App& app, Commands& commands) {
  auto flags = std::make_shared<EvaluateFlags>();
  flags->sampling.options.temperature = 0.7;
  flags->sampling.options.max_new_tokens = 64;
  auto* cmd = app.add_subcommand("evaluate", "Score checkpoints on held-out prompts with the reward model and the rule-based judge");
  cmd->add_option("--checkpoint", flags->checkpoints, "Checkpoints to compare (default: the newest of sft, ppo and dpo)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--prompts", flags->set, "Prompt set, best one no stage trained on (default: poem-eval, else poem-prompts)");
  cmd->add_option("--count", flags->count, "Prompts to answer")->capture_default_str();
  cmd->add_option("--answers-per-prompt", flags->samples, "Answers per prompt and checkpoint; a prompt's scores are their means")
      ->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--reward", flags->reward, "Reward model (default: the newest)")->check(CLI::ExistingDirectory);
  flags->sampling.add(cmd);
  commands.push_back({cmd, in_project([flags](Project& project) { return evaluate(project, *flags); })});

  commands.push_back({app.add_subcommand("report", "Write the project's report: every run, the newest evaluation, sample answers"),
                      in_project([](Project& project) {
                        const auto report = write_report(project);
                        std::printf("report: %s\n        %s\n", report.markdown.c_str(), report.html.c_str());
                        return 0;
                      })});
}

}  // namespace chattrain::cli
