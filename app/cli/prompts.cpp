// Prompts to rank answers for: chattrain prompts import/demo/list, candidates, rank (the rule-based
// judge), rankings export/import/agreement. People rank in the studio's Ranking page.
#include <chattrain/chat.h>
#include <chattrain/preference.h>
#include <chattrain/ranking.h>
#include <chattrain/workflow.h>

#include <filesystem>

#include "command.h"

namespace chattrain::cli {

namespace {

void add_prompt_set_commands(CLI::App& app, Commands& commands) {
  auto* prompts = app.add_subcommand("prompts", "Prompt sets to generate and rank answers for")->require_subcommand(1);
  auto file = std::make_shared<std::string>(), set = std::make_shared<std::string>();
  auto* import = prompts->add_subcommand("import", "Import prompts: .txt (one per line), JSON/JSONL {\"prompt\"} or dialogues");
  import->add_option("file", *file, "File of prompts")->required()->check(CLI::ExistingFile);
  import->add_option("--prompts", *set, "Prompt set to add them to (default: the file's name)");
  commands.push_back({import, in_project([file, set](Project& project) {
                        auto imported = import_prompts(*file);
                        print_rejected(imported.rejected);
                        const std::string name = set->empty() ? std::filesystem::path(*file).stem().string() : *set;
                        const auto id = add_prompt_set(project, name, *file, imported.prompts);
                        std::printf("prompt set %s: %zu prompts read, %zu rejected, %zu in the set\n", name.c_str(), imported.prompts.size(),
                                    imported.rejected.size(), project.db().prompts(id).size());
                        return imported.prompts.empty() ? 1 : 0;
                      })});

  auto count = std::make_shared<int>(200);
  auto* demo = prompts->add_subcommand("demo", "Add 'poem-prompts': held-out demo questions with reference answers");
  demo->add_option("--count", *count, "How many")->capture_default_str();
  commands.push_back({demo, in_project([count](Project& project) {
                        const auto id = ensure_demo_prompt_set(project, *count);
                        std::printf("prompt set %s: %zu prompts with reference answers\n", demo_ranking_set, project.db().prompts(id).size());
                        return 0;
                      })});

  commands.push_back({prompts->add_subcommand("list", "List prompt sets with their answers and rankings"), in_project([](Project& project) {
                        std::printf("%-24s %8s %11s %9s  %s\n", "set", "prompts", "candidates", "rankings", "source");
                        for (const auto& s : project.db().prompt_sets())
                          std::printf("%-24s %8lld %11lld %9lld  %s\n", s.name.c_str(), static_cast<long long>(s.prompts),
                                      static_cast<long long>(s.candidates), static_cast<long long>(s.rankings), s.source.c_str());
                        return 0;
                      })});
}

struct CandidateFlags {
  std::string set, run, checkpoint, device = "auto";
  int answers = 4;
  SamplingFlags sampling;
};

void add_candidates_command(CLI::App& app, Commands& commands) {
  auto flags = std::make_shared<CandidateFlags>();
  flags->sampling.options.temperature = 1.0;
  auto* cmd = app.add_subcommand("candidates", "Generate several answers per prompt of a set, to rank");
  cmd->add_option("--prompts", flags->set, "Prompt set")->required();
  cmd->add_option("--answers", flags->answers, "Answers per prompt, 2 to 9")->capture_default_str();
  cmd->add_option("--run", flags->run, "Run whose latest checkpoint answers (default: the newest)");
  cmd->add_option("--checkpoint", flags->checkpoint, "A checkpoint folder")->check(CLI::ExistingDirectory);
  cmd->add_option("--device", flags->device, "auto, cpu, cuda or cuda:N")->capture_default_str();
  flags->sampling.add(cmd);
  commands.push_back({cmd, in_project([flags](Project& project) {
                        CandidateJob job;
                        job.set_id = prompt_set_id(project, flags->set);
                        job.checkpoint = resolve_checkpoint(project, flags->run, flags->checkpoint);
                        job.sampling = flags->sampling.options;
                        job.answers_per_prompt = flags->answers;
                        job.device = flags->device;
                        const StopToken& stop = stop_on_interrupt();
                        std::printf("%d answers per prompt from %s; Ctrl+C stops (run again to continue)\n", flags->answers,
                                    job.checkpoint.c_str());
                        const int done = generate_candidates(
                            project, job, [](int d, int t) { print_progress_bar("prompts answered", d, t); },
                            [&] { return !stop.stop_requested(); });
                        std::printf("%d prompts answered\n", done);
                        return 0;
                      })});
}

void add_rank_command(CLI::App& app, Commands& commands) {
  auto set = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("rank", "Rank a set's answers with a judge (people rank in the studio's Ranking page)");
  cmd->add_option("--prompts", *set, "Prompt set")->required();
  // Only one judge so far: the option is required for what it says, and checked, but not stored.
  cmd->add_option("--judge", "rules: the rule-based judge, FOR DEMOS AND TESTS ONLY (needs reference answers)")
      ->required()
      ->check(CLI::IsMember({"rules"}));
  commands.push_back({cmd, in_project([set](Project& project) {
                        bool by_whole_score = false;
                        const int judged = judge_prompt_set(project, prompt_set_id(project, *set), &by_whole_score);
                        std::printf("the rule-based judge (for demos and tests only) ranked %d prompts as \"%s\"\n", judged, rule_judge_name);
                        if (by_whole_score) std::printf("%s\n", judge_by_whole_score_note);
                        return judged > 0 ? 0 : 1;
                      })});
}

struct RankingsFlags {
  std::string file, set, format = "auto", annotator;
  bool pairs = false, keep_copy = false;
};

void add_rankings_commands(CLI::App& app, Commands& commands) {
  auto* rankings = app.add_subcommand("rankings", "Export, import and compare rankings")->require_subcommand(1);
  auto flags = std::make_shared<RankingsFlags>();
  auto* export_cmd = rankings->add_subcommand("export", "Write a set's rankings as JSONL");
  export_cmd->add_option("file", flags->file, "Output file")->required();
  export_cmd->add_option("--prompts", flags->set, "Prompt set")->required();
  export_cmd->add_flag("--pairs", flags->pairs, "As prompt/chosen/rejected pairs (TRL) instead of full rankings");
  export_cmd->add_option("--annotator", flags->annotator, "Only this annotator's rankings");
  commands.push_back({export_cmd, in_project([flags](Project& project) {
                        const auto ranked = ranked_answers(project, prompt_set_id(project, flags->set), flags->annotator);
                        if (flags->pairs) {
                          const auto pairs = expand_to_pairs(ranked);
                          export_pairs_jsonl(pairs, flags->file);
                          std::printf("%zu pairs from %zu rankings written to %s\n", pairs.size(), ranked.size(), flags->file.c_str());
                        } else {
                          export_rankings_jsonl(ranked, flags->file);
                          std::printf("%zu rankings written to %s\n", ranked.size(), flags->file.c_str());
                        }
                        return 0;
                      })});

  auto* import = rankings->add_subcommand("import", "Merge rankings: our export, chosen/rejected pairs (TRL, ShareGPT, OpenAI messages), HH-RLHF, UltraFeedback or KTO ratings");
  import->add_option("file", flags->file, "Input file")->required()->check(CLI::ExistingFile);
  import->add_option("--format", flags->format, "auto, rankings, pairs, hh-rlhf, ultrafeedback or kto")->capture_default_str();
  import->add_option("--prompts", flags->set, "Prompt set for records that name none (default: the file's name)");
  import->add_flag("--keep-copy", flags->keep_copy,
                   "Merge even when every ranking equals one already there by another annotator (refused by default: a renamed copy)");
  commands.push_back({import, in_project([flags](Project& project) {
                        auto imported = import_preferences(flags->file, parse_preference_format(flags->format));
                        print_rejected(imported.rejected);
                        const std::string set = flags->set.empty() ? std::filesystem::path(flags->file).stem().string() : flags->set;
                        const auto merged = merge_rankings(project, imported.rankings, set, flags->keep_copy);
                        if (!merged.copy_of.empty()) {
                          std::fprintf(stderr, "%s: every ranking equals one already in the project by %s: the same rankings under another "
                                               "name, not a second annotator's (agreement would read 1.000). Nothing was merged; if another "
                                               "annotator really ranked every prompt alike, merge with --keep-copy.\n",
                                       flags->file.c_str(), merged.copy_of.c_str());
                          return 1;
                        }
                        std::printf("%d rankings merged (%d already there), %d new prompts, %d new answers, %zu records rejected\n",
                                    merged.rankings_added, merged.duplicates, merged.prompts_added, merged.candidates_added,
                                    imported.rejected.size());
                        return imported.rankings.empty() ? 1 : 0;
                      })});

  auto* agreement = rankings->add_subcommand("agreement", "Agreement between annotators of a set");
  agreement->add_option("--prompts", flags->set, "Prompt set")->required();
  commands.push_back({agreement, in_project([flags](Project& project) {
                        const auto summary = agreement_of_set(project, prompt_set_id(project, flags->set));
                        if (summary.prompts_compared == 0) {
                          std::printf("no prompt of %s is ranked by two annotators yet\n", flags->set.c_str());
                          return 0;
                        }
                        std::printf("%d prompts ranked by two or more annotators: pairwise agreement %.3f, Kendall's tau %.3f\n",
                                    summary.prompts_compared, summary.overall.pairwise, summary.overall.kendall_tau);
                        return 0;
                      })});
}

}  // namespace

void add_prompt_commands(CLI::App& app, Commands& commands) {
  add_prompt_set_commands(app, commands);
  add_candidates_command(app, commands);
  add_rank_command(app, commands);
  add_rankings_commands(app, commands);
}

}  // namespace chattrain::cli
