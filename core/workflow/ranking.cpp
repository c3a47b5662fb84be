#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "chattrain/ranking.h"
#include "chattrain/project_lock.h"
#include "chattrain/workflow.h"
#include "data/dialogue_records.h"
#include "data/json_records.h"
#include "util/fs.h"
#include "util/translatable.h"
#include "workflow/prompt_set_contents.h"

namespace chattrain {

using nlohmann::json;

std::vector<PromptRecord> prompts_from_conversations(const std::vector<Conversation>& conversations) {
  std::vector<PromptRecord> out;
  for (const auto& c : conversations) {
    if (c.messages.empty() || c.messages.back().role != "assistant") continue;
    Conversation before{std::vector<ChatMessage>(c.messages.begin(), c.messages.end() - 1), c.source, c.line};
    out.push_back({0, 0, messages_to_json(before), c.messages.back().content, c.source, c.line});
  }
  return out;
}

PromptImportResult import_prompts(const std::string& path) {
  if (!std::filesystem::exists(path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 does not exist"), {path}));
  const std::string bytes = fs::read_file(path);
  PromptImportResult out;
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext != ".json" && ext != ".jsonl" && ext != ".ndjson") {  // plain text: one prompt per line
    const auto text = input_text(bytes, path, out.rejected);
    if (!text) return out;
    long line = 0;
    size_t at = 0;
    while (at <= text->size()) {
      const size_t end = std::min(text->find('\n', at), text->size());
      ++line;
      const std::string prompt = text->substr(at, end - at);
      if (prompt.find_first_not_of(" \t\r") != std::string::npos)
        out.prompts.push_back({0, 0, messages_to_json(Conversation{{{"user", prompt}}, path, line}), "", path, line});
      at = end + 1;
    }
    if (out.prompts.empty() && out.rejected.empty()) out.rejected.push_back({path, 0, Message(QT_TRANSLATE_NOOP("Core", "holds no prompts"))});
    return out;
  }
  // {"prompt": ...} records; anything else is read as dialogues whose last answer is the reference.
  bool prompt_layout = false;
  {
    std::vector<InputProblem> ignored;
    const auto text = input_text(bytes, path, ignored);
    bool first = true;
    if (text)
      for_each_json_record(*text, path, ext != ".json", [&](const std::string& raw, long line) {
        if (!first) return;
        first = false;
        const auto record = parse_json_record(raw, path, line, ignored);
        prompt_layout = record && record->is_object() && record->contains("prompt") && !record->contains("completion");
      }, ignored);
  }
  if (!prompt_layout) {
    auto dialogues = import_dialogue_bytes(bytes, path, DialogueFormat::Auto);
    out.prompts = prompts_from_conversations(dialogues.conversations);
    out.rejected = std::move(dialogues.rejected);
    return out;
  }
  const auto text = input_text(bytes, path, out.rejected);
  for_each_json_record(*text, path, ext != ".json", [&](const std::string& raw, long line) {
    const auto record = parse_json_record(raw, path, line, out.rejected);
    if (!record) return;
    try {
      if (!record->is_object() || !record->contains("prompt")) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"prompt\" field")));
      const Conversation prompt = prompt_of((*record)["prompt"], "prompt");
      std::string reference;
      if (record->contains("reference")) {
        if (!(*record)["reference"].is_string()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"reference\" is not a string")));
        reference = (*record)["reference"].get<std::string>();
      }
      out.prompts.push_back({0, 0, messages_to_json(prompt), reference, path, line});
    } catch (const std::exception& e) {
      out.rejected.push_back({path, line, Message(QT_TRANSLATE_NOOP("Core", "record %1"), {message_of(e)})});
    }
  }, out.rejected);
  return out;
}

std::int64_t add_prompt_set(Project& project, const std::string& name, const std::string& source,
                            const std::vector<PromptRecord>& prompts) {
  if (name.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "a prompt set needs a name")));
  // A failed import leaves no empty set behind (issue 21.10).
  if (prompts.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 holds no prompt to add: no prompt set was made"), {source}));
  const std::int64_t id = project.db().ensure_prompt_set(name, source);
  project.db().add_prompts(id, prompts);
  return id;
}

std::int64_t ensure_demo_prompt_set(Project& project, int count) {
  const char* name = demo_ranking_set;
  if (const auto existing = project.db().prompt_set(name)) return existing->id;
  auto conversations = import_embedded_dialogues(/*held_out=*/true).conversations;
  if (int(conversations.size()) > count) conversations.resize(size_t(count));
  return add_prompt_set(project, name, std::string(embedded_dialogues_name) + " (held out)", prompts_from_conversations(conversations));
}

Conversation prompt_conversation(const PromptRecord& prompt) {
  Conversation c = messages_from_json(prompt.messages_json);
  c.source = prompt.source;
  c.line = prompt.line;
  return c;
}

int generate_candidates(Project& project, const CandidateJob& job, const std::function<void(int, int)>& progress,
                        const std::function<bool()>& keep_going) {
  if (job.answers_per_prompt < 2 || job.answers_per_prompt > 9)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "answers per prompt must be from 2 to 9, not %1"),
                        {std::to_string(job.answers_per_prompt)}));
  const ProjectLock lock = lock_prompt_set_answers(project, job.set_id);  // before reading what is answered
  std::set<std::int64_t> answered;
  for (const auto& c : project.db().candidates_of_set(job.set_id)) answered.insert(c.prompt_id);
  std::vector<PromptRecord> waiting;
  for (auto& p : project.db().prompts(job.set_id))
    if (!answered.count(p.id)) waiting.push_back(std::move(p));
  if (waiting.empty()) return 0;
  if (progress) progress(0, int(waiting.size()));
  TextGenerator generator = TextGenerator::load(job.checkpoint, project.tokenizer_model(), job.device);
  const std::string settings = job.sampling.to_json();
  // Several prompts' answers in one batch (the decoder's rows run side by side), a few dozen answers per
  // batch so that progress still moves. A prompt is stored whole or not at all: after a stop, those whose
  // answers had all ended are kept, the others wait for the next run.
  const size_t per_batch = size_t(std::max(1, 32 / job.answers_per_prompt));
  int done = 0;
  for (size_t first = 0; first < waiting.size(); first += per_batch) {
    const size_t end = std::min(waiting.size(), first + per_batch);
    std::vector<Conversation> conversations;
    std::vector<std::uint64_t> seeds;
    for (size_t p = first; p < end; ++p) {
      conversations.push_back(prompt_conversation(waiting[p]));
      seeds.push_back(job.sampling.seed + std::uint64_t(waiting[p].id) * 1000);
    }
    const auto answers = generator.chat_batches(conversations, job.sampling, seeds, job.answers_per_prompt, keep_going);
    for (size_t p = first; p < end; ++p) {
      std::vector<CandidateRecord> records;
      const auto& mine = answers[p - first];
      if (std::any_of(mine.begin(), mine.end(), [](const GenerationResult& r) { return r.stop_reason == "stopped"; })) continue;
      const std::uint64_t seed = seeds[p - first];
      for (size_t i = 0; i < mine.size(); ++i)
        records.push_back({0, waiting[p].id, mine[i].text, job.checkpoint, settings, mine[i].stop_reason, "", seed + i});
      project.db().add_candidates(records);
      ++done;
    }
    if (progress) progress(done, int(waiting.size()));
    if (keep_going && !keep_going()) break;
  }
  return done;
}

std::vector<int> ranks_of(const RankingRecord& ranking, const std::vector<CandidateRecord>& candidates) {
  std::map<std::int64_t, int> place;
  for (size_t t = 0; t < ranking.tiers.size(); ++t)
    for (auto id : ranking.tiers[t]) place[id] = int(t) + 1;
  std::vector<int> ranks;
  for (const auto& c : candidates) {
    const auto found = place.find(c.id);
    ranks.push_back(found != place.end() ? found->second : 0);
  }
  return ranks;
}

RankingRecord ranking_from_ranks(std::int64_t prompt_id, const std::vector<CandidateRecord>& candidates,
                                 const std::vector<int>& ranks) {
  if (ranks.size() != candidates.size()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "a ranking needs one place per answer")));
  std::map<int, std::vector<std::int64_t>> by_place;
  for (size_t i = 0; i < ranks.size(); ++i) by_place[ranks[i]].push_back(candidates[i].id);
  RankingRecord r;
  r.prompt_id = prompt_id;
  for (auto& [place, ids] : by_place) r.tiers.push_back(std::move(ids));
  return r;
}


std::vector<RankedAnswers> ranked_answers(Project& project, std::int64_t set_id, const std::string& annotator) {
  const PromptSetContents set(project, set_id);
  std::vector<RankedAnswers> out;
  for (const auto& r : set.rankings) {
    if (r.skipped || (!annotator.empty() && r.annotator != annotator)) continue;
    const auto& candidates = set.candidates.at(r.prompt_id);
    RankedAnswers a;
    a.prompt = prompt_conversation(set.prompts.at(r.prompt_id));
    const auto ranks = ranks_of(r, candidates);
    for (size_t i = 0; i < candidates.size(); ++i)
      if (ranks[i] > 0) {  // answers added after this ranking (or by a merge) are not part of it
        a.answers.push_back(candidates[i].text);
        a.answer_sources.push_back(candidates[i].checkpoint);
        a.ranks.push_back(ranks[i]);
      }
    a.annotator = r.annotator;
    a.flag = r.flag;
    a.comment = r.comment;
    a.prompt_set = set.name;
    out.push_back(std::move(a));
  }
  return out;
}

std::function<double(const Conversation&, const std::string&)> rule_judge_reward(const std::vector<PromptRecord>& prompts) {
  std::map<std::string, std::string> references;  // the rendered prompt → its reference answer
  for (const auto& p : prompts) references[render_chatml(prompt_conversation(p))] = p.reference;
  return [references = std::move(references)](const Conversation& prompt, const std::string& answer) {
    const auto found = references.find(render_chatml(prompt));
    if (found == references.end() || found->second.empty()) return 0.0;
    return rule_judge_score(prompt.messages.back().content, found->second, answer);
  };
}

const char* const judge_by_whole_score_note =
    QT_TRANSLATE_NOOP("Core", "no answer had a better form than another, so the judge ranked them by their whole score (form and content)");

int judge_prompt_set(Project& project, std::int64_t set_id, bool* by_whole_score) {
  const PromptSetContents set(project, set_id);
  std::vector<std::pair<std::int64_t, std::vector<JudgeScore>>> judged;  // prompt id, its candidates' scores
  bool forms_differ = false;
  for (const auto& [prompt_id, prompt] : set.prompts) {
    const auto found = set.candidates.find(prompt_id);
    if (prompt.reference.empty() || found == set.candidates.end() || found->second.size() < 2) continue;
    auto& scores = judged.emplace_back(prompt_id, std::vector<JudgeScore>{}).second;
    const std::string question = prompt_conversation(prompt).messages.back().content;
    for (const auto& c : found->second) scores.push_back(rule_judge(question, prompt.reference, c.text));
    for (const auto& score : scores) forms_differ = forms_differ || std::abs(score.preference() - scores.front().preference()) > 1e-9;
  }
  if (by_whole_score) *by_whole_score = !forms_differ && !judged.empty();
  for (const auto& [prompt_id, scores] : judged) {
    std::vector<double> values;
    for (const auto& score : scores) values.push_back(forms_differ ? score.preference() : score.total());
    RankingRecord ranking = ranking_from_ranks(prompt_id, set.candidates.at(prompt_id), ranks_from_scores(values));
    ranking.annotator = rule_judge_name;
    project.db().submit_ranking(ranking);
  }
  return int(judged.size());
}

AgreementSummary agreement_of_set(Project& project, std::int64_t set_id) {
  const PromptSetContents set(project, set_id);
  std::map<std::int64_t, std::vector<std::vector<int>>> by_prompt;
  for (const auto& r : set.rankings)
    if (!r.skipped) by_prompt[r.prompt_id].push_back(ranks_of(r, set.candidates.at(r.prompt_id)));
  AgreementSummary out;
  int taus = 0;
  for (const auto& [prompt_id, rankings] : by_prompt) {
    if (rankings.size() < 2) continue;
    const Agreement a = mean_agreement(rankings);
    out.per_prompt[prompt_id] = a;
    if (!std::isnan(a.pairwise)) out.overall.pairwise += a.pairwise, ++out.prompts_compared;
    if (!std::isnan(a.kendall_tau)) out.overall.kendall_tau += a.kendall_tau, ++taus;
  }
  out.overall.pairwise = out.prompts_compared ? out.overall.pairwise / out.prompts_compared : std::nan("");
  out.overall.kendall_tau = taus ? out.overall.kendall_tau / taus : std::nan("");
  return out;
}

namespace {
// One order of the same answers: each tier's candidates compared as a set.
bool same_tiers(std::vector<std::vector<std::int64_t>> a, std::vector<std::vector<std::int64_t>> b) {
  for (auto* tiers : {&a, &b})
    for (auto& tier : *tiers) std::sort(tier.begin(), tier.end());
  return a == b;
}
}  // namespace

MergeResult merge_rankings(Project& project, const std::vector<RankedAnswers>& rankings, const std::string& default_set, bool copies_too) {
  MergeResult result;
  std::map<std::string, std::unique_ptr<PromptSetContents>> sets;      // name → what is there
  std::map<std::string, std::map<std::string, std::int64_t>> prompt_ids;  // name → messages → id
  std::set<std::pair<std::int64_t, std::string>> ranked;          // (prompt, annotator) there or merged
  std::set<std::pair<std::int64_t, std::string>> merged_now;
  std::map<std::int64_t, std::unordered_map<std::string, size_t>> candidate_index;  // prompt → answer text → its candidate
  std::map<std::pair<std::int64_t, std::string>, int> next_number;                // (prompt, annotator) → the next "#n" to try
  std::map<std::int64_t, std::vector<const RankingRecord*>> rankings_there;          // prompt → its rankings before this merge
  std::vector<RankingRecord> to_submit;  // submitted once the whole file is known not to be a copy
  bool all_copies = true;
  std::set<std::string> copied_annotators;
  for (const auto& r : rankings) {
    const std::string name = r.prompt_set.empty() ? default_set : r.prompt_set;
    auto& set = sets[name];
    const std::int64_t set_id = project.db().ensure_prompt_set(name, "merged");
    if (!set) {
      set = std::make_unique<PromptSetContents>(project, set_id);
      for (const auto& [id, p] : set->prompts) prompt_ids[name][p.messages_json] = id;
      for (const auto& k : set->rankings) {
        ranked.insert({k.prompt_id, k.annotator});
        rankings_there[k.prompt_id].push_back(&k);
      }
    }
    const std::string messages = messages_to_json(r.prompt);
    auto& known = prompt_ids[name];
    if (!known.count(messages)) {
      known[messages] = project.db().add_prompts(set_id, {{0, set_id, messages, "", r.prompt.source, r.prompt.line}}).front();
      ++result.prompts_added;
    }
    const std::int64_t prompt_id = known[messages];
    auto& candidates = set->candidates[prompt_id];
    // Looked up by text, not searched: one prompt ranked thousands of times made the merge quadratic (issue 21.8).
    auto& by_text = candidate_index[prompt_id];
    if (by_text.empty())
      for (size_t i = 0; i < candidates.size(); ++i) by_text.emplace(candidates[i].text, i);
    std::vector<CandidateRecord> answers;  // this ranking's answers as candidates of the prompt
    for (size_t i = 0; i < r.answers.size(); ++i) {
      auto same = by_text.find(r.answers[i]);
      if (same == by_text.end()) {
        CandidateRecord c{0, prompt_id, r.answers[i], i < r.answer_sources.size() && !r.answer_sources[i].empty() ? r.answer_sources[i] : "imported",
                          "{}", "", "", 0};
        c.id = project.db().add_candidates({c}).front();
        candidates.push_back(c);
        ++result.candidates_added;
        same = by_text.emplace(r.answers[i], candidates.size() - 1).first;
      }
      answers.push_back(candidates[same->second]);
    }
    std::string annotator = r.annotator;
    if (ranked.count({prompt_id, annotator})) {
      if (!merged_now.count({prompt_id, annotator})) {  // already in the project before this merge
        ++result.duplicates;
        continue;
      }
      int& n = next_number[{prompt_id, r.annotator}];  // numbers already tried are not tried again
      for (n = std::max(n, 2); ranked.count({prompt_id, annotator = r.annotator + "#" + std::to_string(n)}); ++n) {
      }
    }
    RankingRecord ranking = ranking_from_ranks(prompt_id, answers, r.ranks);
    ranking.annotator = annotator;
    ranking.flag = r.flag;
    ranking.comment = r.comment;
    const auto& there_now = rankings_there[prompt_id];
    const auto same_order = std::find_if(there_now.begin(), there_now.end(), [&](const RankingRecord* there) {
      return !there->skipped && there->annotator != annotator && same_tiers(there->tiers, ranking.tiers);
    });
    if (same_order != there_now.end()) copied_annotators.insert((*same_order)->annotator.substr(0, (*same_order)->annotator.find('#')));
    else all_copies = false;
    to_submit.push_back(std::move(ranking));
    ranked.insert({prompt_id, annotator});
    merged_now.insert({prompt_id, r.annotator});
    merged_now.insert({prompt_id, annotator});
  }
  if (!to_submit.empty() && all_copies && !copies_too) {  // the same file again under another name: agreement would read 1.000
    for (const auto& a : copied_annotators) result.copy_of += (result.copy_of.empty() ? "" : ", ") + a;
    return result;
  }
  for (const auto& ranking : to_submit) project.db().submit_ranking(ranking);
  result.rankings_added = int(to_submit.size());
  return result;
}

}  // namespace chattrain
