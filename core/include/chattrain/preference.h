#pragma once
// Human preference: rankings of a prompt's candidate answers, the pairs a reward model learns from,
// agreement between annotators, a rule-based judge for demos and tests, and the preference formats
// people share (full rankings, chosen/rejected pairs in TRL's, ShareGPT's and OpenAI's layouts, Anthropic
// HH-RLHF, UltraFeedback, KTO ratings).
#include <string>
#include <vector>

#include "chattrain/chat.h"
#include "chattrain/error.h"

namespace chattrain {

// One annotator's ranking of one prompt's answers: ranks[i] is answers[i]'s place, 1 the best.
// Equal places are ties.
struct RankedAnswers {
  Conversation prompt;  // the turns before the answer (the answer is the assistant's next turn)
  std::vector<std::string> answers;
  std::vector<int> ranks;
  std::string annotator;
  std::string flag, comment;      // flag: "", "incorrect" or "unsafe"
  std::string prompt_set;         // where it belongs in a project (import: the set to merge into)
  std::vector<std::string> answer_sources;  // per answer, the checkpoint (or file) it came from; may be empty
};

struct PreferencePair {
  Conversation prompt;
  std::string chosen, rejected;
  double weight = 1;
  std::string annotator;
  bool first_against_last = true;  // chosen was placed first and rejected last (a pair of two answers is both)
};

// How pairs fit a context as the reward model and DPO read them: each answer after its prompt, the
// start cut when too long. A pair counts once (ContextFit::conversations), by the worse of its answers.
ContextFit pairs_context_fit(const std::vector<PreferencePair>& pairs, const Tokenizer& tokenizer, int context_length);

// Every ranking of K answers gives its K·(K−1)/2 ordered pairs (ties give none). Weights make every
// prompt count once: the pairs of one prompt, over all its annotators, share a total weight of 1.
std::vector<PreferencePair> expand_to_pairs(const std::vector<RankedAnswers>& rankings);

// Which of those pairs a stage learns from: all of them, or only an answer placed first against one placed
// last (the "binarized" form of UltraFeedback and most DPO recipes): fewer pairs, each a clear preference.
// The kept pairs of a prompt share the weight all its pairs had.
enum class PairChoice { all_ordered, first_against_last };
std::vector<PreferencePair> choose_pairs(const std::vector<PreferencePair>& pairs, PairChoice choice);
const char* pair_choice_name(PairChoice choice);            // "all", "first-last"
PairChoice parse_pair_choice(const std::string& name);      // Error naming the choices for any other

// Agreement of two rankings of the same answers. pairwise: the share of answer pairs both order the
// same way (ties included as a relation). kendall_tau: Kendall's τ-b, NaN when either ranking ties
// everything. A place of 0 means "not ranked": pairs involving that answer are left out.
struct Agreement {
  double pairwise = 0;
  double kendall_tau = 0;
};
Agreement ranking_agreement(const std::vector<int>& a, const std::vector<int>& b);
// Mean agreement over every two annotators of one prompt (NaN members skipped; NaN when < 2 rankings).
Agreement mean_agreement(const std::vector<std::vector<int>>& rankings_of_one_prompt);

// FOR DEMOS AND TESTS ONLY — not a model of human preference. Scores an answer to a demo-set prompt
// (its last user turn, `question`) against the prompt's reference answer, 0..1 each, higher is better:
//  - form, the checkable metric: whether the answer has the form the task asks for, which needs no
//    knowledge of the poem — verse lines of two equal halves of five or seven characters (in the
//    measure of a line the question quotes), or the reference's sentence pattern ("《…》的作者是…。")
//    repeating the title the question names;
//  - content: the character bigrams it shares with the reference (names, titles, lines): F1.
// The judge ranks answers by form alone (preference()); answers of equal form tie, and a tie makes no
// pair for the reward model. The demo's rankings so ask for exactly what its evaluation measures. Measured
// on the demo (reward model after 100 steps, its accuracy on held-out pairs whose form differs): ranking by
// the mean of form and content (total(), still reported) or by form with content breaking ties gave 0.58,
// as half of the pairs were then decided by bigram overlap with a poem the model cannot know; form alone
// gave 0.68.
struct JudgeScore {
  double form = 0, content = 0;
  double total() const { return 0.5 * form + 0.5 * content; }
  double preference() const { return form; }
};
inline constexpr const char* rule_judge_name = "rules-judge";
JudgeScore rule_judge(const std::string& question, const std::string& reference, const std::string& answer);
// rule_judge(…).preference(): the score the judge ranks by and rewards with.
double rule_judge_score(const std::string& question, const std::string& reference, const std::string& answer);
// Ranks from scores: higher score, better place; equal scores (to 1e-9) tie.
std::vector<int> ranks_from_scores(const std::vector<double>& scores);

// Preference files. Auto decides per record: "answers"+"ranks" → rankings; "prompt"+"chosen"+"rejected"
// → TRL pairs (strings or message lists); "chosen"+"rejected" transcripts → HH-RLHF (the prompt is their
// common prefix up to the last "\n\nAssistant:"); "completions" with ratings → UltraFeedback. Pairs also
// take the prompt as ShareGPT "conversations" or OpenAI "messages" (after an optional "system" text) with
// "chosen"/"rejected" as text, one message or a message list. "label" (true/false) → KTO ratings: the
// answers to one prompt become one ranking, desirable before undesirable; a prompt rated only one way is
// refused by line.
enum class PreferenceFormat { Auto, Rankings, Pairs, HhRlhf, UltraFeedback, Kto };
PreferenceFormat parse_preference_format(const std::string& name);  // auto, rankings, pairs, hh-rlhf, ultrafeedback, kto
const char* preference_format_name(PreferenceFormat format);

struct PreferenceImportResult {
  std::vector<RankedAnswers> rankings;  // a pair is a ranking of two answers
  std::vector<InputProblem> rejected;   // every record left out, with file and line
};
PreferenceImportResult import_preferences(const std::string& path, PreferenceFormat format = PreferenceFormat::Auto);
PreferenceImportResult import_preference_bytes(std::string_view bytes, const std::string& file, PreferenceFormat format);

// JSON Lines, replaced atomically. Full rankings: {"prompt_set", "prompt": [messages], "answers": [..],
// "ranks": [..], "annotator", "flag", "comment", "sources": [..]}. Pairs, TRL's conversational layout:
// {"prompt": [messages], "chosen": [{"role":"assistant",..}], "rejected": [..], "weight", "annotator"}.
void export_rankings_jsonl(const std::vector<RankedAnswers>& rankings, const std::string& path);
void export_pairs_jsonl(const std::vector<PreferencePair>& pairs, const std::string& path);

}  // namespace chattrain
