#pragma once
// The ranking workflow on a project, shared by the CLI and the studio: prompt sets, candidate answers
// generated from a checkpoint, rankings by annotators (or the rule-based judge), agreement, merging
// rankings from another copy of the project, and the pairs a reward model trains on.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "chattrain/generate.h"
#include "chattrain/preference.h"
#include "chattrain/project.h"
#include "chattrain/reward.h"

namespace chattrain {

struct PromptImportResult {
  std::vector<PromptRecord> prompts;
  std::vector<InputProblem> rejected;
};
// .txt: one prompt per non-blank line. .json/.jsonl: {"prompt": text | messages, "reference"?} or any
// dialogue layout the dialogue importer reads (the last answer becomes the reference).
PromptImportResult import_prompts(const std::string& path);
// Prompts from conversations: the turns before the last answer; that answer is the reference.
std::vector<PromptRecord> prompts_from_conversations(const std::vector<Conversation>& conversations);
// Adds the prompts to set `name` (created when missing; prompts already there are kept). Returns the set's id.
std::int64_t add_prompt_set(Project& project, const std::string& name, const std::string& source,
                            const std::vector<PromptRecord>& prompts);
// The demo set: the held-out part of the built-in SFT dialogues (answers the SFT model never saw),
// the first `count` of them, as "poem-prompts". Returns its id.
std::int64_t ensure_demo_prompt_set(Project& project, int count = 200);
Conversation prompt_conversation(const PromptRecord& prompt);
// The rule-based judge as PPO's reward over these prompts (demos and tests only): an answer gets the
// judge's score against its prompt's reference; a prompt without a reference (or not among these) 0.
std::function<double(const Conversation& prompt, const std::string& answer)> rule_judge_reward(const std::vector<PromptRecord>& prompts);

struct CandidateJob {
  std::int64_t set_id = 0;
  std::string checkpoint;
  SamplingOptions sampling;   // answer i of a prompt samples with seed sampling.seed + prompt id · 1000 + i
  int answers_per_prompt = 4; // 2 to 9
  std::string device = "auto";
};
// Generates answers for every prompt of the set that has none yet (so a stopped job continues where
// it stopped), one batch per prompt. progress(done, total) after each prompt; keep_going is polled
// between tokens. Returns how many prompts got answers.
int generate_candidates(Project& project, const CandidateJob& job, const std::function<void(int done, int total)>& progress,
                        const std::function<bool()>& keep_going);

// A ranking's tiers as places: answers in tier 0 get place 1, and so on; 0 for an answer it does not
// rank (one added later, or by a merge).
std::vector<int> ranks_of(const RankingRecord& ranking, const std::vector<CandidateRecord>& candidates);
RankingRecord ranking_from_ranks(std::int64_t prompt_id, const std::vector<CandidateRecord>& candidates,
                                 const std::vector<int>& ranks);

// Rankings of a set (skipped ones left out) in preference form; `annotator` non-empty: only theirs.
std::vector<RankedAnswers> ranked_answers(Project& project, std::int64_t set_id, const std::string& annotator = "");

// The rule-based judge (demos and tests only) ranks every prompt of the set that has a reference and
// two or more candidates, as annotator "rules-judge", by form (JudgeScore::preference). Where no prompt's
// answers differ in form (a model too young for any verse) there would be nothing to learn from: it ranks
// them by their whole score instead and says so in *by_whole_score. Returns how many prompts it ranked.
int judge_prompt_set(Project& project, std::int64_t set_id, bool* by_whole_score = nullptr);
extern const char* const judge_by_whole_score_note;  // what to tell the user then (a Message pattern)

struct AgreementSummary {
  Agreement overall;                           // mean over prompts ranked by two or more annotators
  int prompts_compared = 0;
  std::map<std::int64_t, Agreement> per_prompt;  // prompt id → agreement of its annotators
};
AgreementSummary agreement_of_set(Project& project, std::int64_t set_id);

struct MergeResult {
  int prompts_added = 0, candidates_added = 0, rankings_added = 0, duplicates = 0;
  // Every ranking merged equals, answer for answer and place for place, one already there by another
  // annotator: the same file again under another name (agreement would read 1.000). Nothing was added;
  // this names the annotator(s) it copies.
  std::string copy_of;
};
// Merges rankings (an export of another copy, or an imported preference file) into the project: each
// goes to its own prompt set, or `default_set` when it names none. A prompt, an answer, or a ranking by
// the same annotator already there is not added again (the one there stays). Two rankings of one
// prompt by one annotator within the same merge (a pair file listing a prompt twice) keep both: the
// second as "<annotator>#2". A merge whose every ranking is a copy of one there adds none (copy_of),
// unless `copies_too`: an annotator who really agreed on every prompt.
MergeResult merge_rankings(Project& project, const std::vector<RankedAnswers>& rankings, const std::string& default_set,
                           bool copies_too = false);

}  // namespace chattrain
