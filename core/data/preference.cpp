#include "chattrain/preference.h"

#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "data/dialogue_records.h"
#include "data/json_records.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {

using nlohmann::json;

std::vector<PreferencePair> expand_to_pairs(const std::vector<RankedAnswers>& rankings) {
  std::vector<PreferencePair> pairs;
  std::map<std::string, std::vector<size_t>> pairs_of_prompt;  // rendered prompt → its pairs
  for (const auto& r : rankings) {
    const std::string key = render_chatml(r.prompt);
    if (r.ranks.empty()) continue;
    const auto [first, last] = std::minmax_element(r.ranks.begin(), r.ranks.end());
    for (size_t i = 0; i < r.answers.size(); ++i)
      for (size_t j = 0; j < r.answers.size(); ++j)
        if (r.ranks[i] < r.ranks[j]) {  // i placed better than j; ties give no pair
          pairs_of_prompt[key].push_back(pairs.size());
          pairs.push_back({r.prompt, r.answers[i], r.answers[j], 1.0, r.annotator, r.ranks[i] == *first && r.ranks[j] == *last});
        }
  }
  for (const auto& [key, members] : pairs_of_prompt)
    for (size_t index : members) pairs[index].weight = 1.0 / double(members.size());
  return pairs;
}

std::vector<PreferencePair> choose_pairs(const std::vector<PreferencePair>& pairs, PairChoice choice) {
  if (choice == PairChoice::all_ordered) return pairs;
  std::vector<std::string> keys;  // each pair's rendered prompt
  std::map<std::string, double> all_weight, kept_weight;
  for (const auto& p : pairs) {
    const std::string& key = keys.emplace_back(render_chatml(p.prompt));
    all_weight[key] += p.weight;
    if (p.first_against_last) kept_weight[key] += p.weight;
  }
  std::vector<PreferencePair> kept;
  for (size_t i = 0; i < pairs.size(); ++i)
    if (pairs[i].first_against_last) {
      kept.push_back(pairs[i]);
      kept.back().weight *= all_weight[keys[i]] / kept_weight[keys[i]];
    }
  return kept;
}

const char* pair_choice_name(PairChoice choice) { return choice == PairChoice::first_against_last ? "first-last" : "all"; }

PairChoice parse_pair_choice(const std::string& name) {
  for (auto c : {PairChoice::all_ordered, PairChoice::first_against_last})
    if (name == pair_choice_name(c)) return c;
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "pair choice '%1' is unknown: use all or first-last"), {name}));
}

Agreement ranking_agreement(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.size() != b.size()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "rankings of different answer counts cannot be compared")));
  auto sign = [](int x) { return (x > 0) - (x < 0); };
  double same = 0, n0 = 0, tied_a = 0, tied_b = 0, concordant = 0, discordant = 0;
  for (size_t i = 0; i < a.size(); ++i)
    for (size_t j = i + 1; j < a.size(); ++j) {
      if (a[i] == 0 || a[j] == 0 || b[i] == 0 || b[j] == 0) continue;
      const int sa = sign(a[i] - a[j]), sb = sign(b[i] - b[j]);
      n0 += 1;
      same += sa == sb;
      tied_a += sa == 0;
      tied_b += sb == 0;
      if (sa != 0 && sb != 0) (sa == sb ? concordant : discordant) += 1;
    }
  Agreement out;
  out.pairwise = n0 > 0 ? same / n0 : std::nan("");
  const double denominator = std::sqrt((n0 - tied_a) * (n0 - tied_b));
  out.kendall_tau = denominator > 0 ? (concordant - discordant) / denominator : std::nan("");
  return out;
}

Agreement mean_agreement(const std::vector<std::vector<int>>& rankings) {
  double pairwise = 0, tau = 0;
  int pairs = 0, taus = 0;
  for (size_t i = 0; i < rankings.size(); ++i)
    for (size_t j = i + 1; j < rankings.size(); ++j) {
      const Agreement a = ranking_agreement(rankings[i], rankings[j]);
      if (!std::isnan(a.pairwise)) pairwise += a.pairwise, ++pairs;
      if (!std::isnan(a.kendall_tau)) tau += a.kendall_tau, ++taus;
    }
  return {pairs ? pairwise / pairs : std::nan(""), taus ? tau / taus : std::nan("")};
}

// --- The rule-based judge (demos and tests only) ---
namespace {

std::vector<std::int32_t> code_points(const std::string& text) {
  std::vector<std::int32_t> out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = utf8proc_ssize_t(text.size());
  while (left > 0) {
    utf8proc_int32_t c;
    const auto n = utf8proc_iterate(p, left, &c);
    if (n <= 0) break;  // the importers only let valid UTF-8 in
    out.push_back(c);
    p += n;
    left -= n;
  }
  return out;
}

bool is_han(std::int32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

using CodePoints = std::vector<std::int32_t>;

bool is_space(std::int32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x3000; }

// The text's non-empty lines, each without the blanks around it.
std::vector<CodePoints> lines_of(const std::string& text) {
  std::vector<CodePoints> lines(1);
  for (std::int32_t c : code_points(text)) {
    if (c == '\n') lines.emplace_back();
    else lines.back().push_back(c);
  }
  std::vector<CodePoints> out;
  for (auto& line : lines) {
    auto first = std::find_if_not(line.begin(), line.end(), is_space);
    auto last = std::find_if_not(line.rbegin(), line.rend(), is_space).base();
    if (first < last) out.emplace_back(first, last);
  }
  return out;
}

// A regular verse line is one couplet, "AAAAA，BBBBB。": two halves of equally many Han characters, five
// or seven (the measures of the regulated verse in the demo poems), a comma between them and a full
// stop, question or exclamation mark at its end. Returns that measure, or 0 for any other line.
int verse_measure(const CodePoints& line) {
  const auto comma = std::find(line.begin(), line.end(), 0xFF0C);  // "，"
  if (comma == line.end() || line.size() < 2) return 0;
  const std::int32_t end = line.back();
  if (end != 0x3002 && end != 0xFF1F && end != 0xFF01) return 0;  // "。？！"
  const CodePoints first(line.begin(), comma), second(comma + 1, line.end() - 1);
  const bool all_han = std::all_of(first.begin(), first.end(), is_han) && std::all_of(second.begin(), second.end(), is_han);
  return all_han && first.size() == second.size() && (first.size() == 5 || first.size() == 7) ? int(first.size()) : 0;
}

bool is_verse(const std::string& text) {
  const auto lines = lines_of(text);
  return !lines.empty() && std::all_of(lines.begin(), lines.end(), [](const CodePoints& l) { return verse_measure(l) > 0; });
}

// The measure of a verse line quoted in the question ("请接着写下去：…", "Continue this poem: …"), the
// part of a line after its last colon; 0 when it quotes none.
int quoted_measure(const std::string& question) {
  for (auto line : lines_of(question)) {
    const auto colon = std::find_if(line.rbegin(), line.rend(), [](std::int32_t c) { return c == ':' || c == 0xFF1A; });
    if (colon != line.rend()) line.erase(line.begin(), colon.base());
    while (!line.empty() && is_space(line.front())) line.erase(line.begin());
    if (const int measure = verse_measure(line)) return measure;
  }
  return 0;
}

// A sentence's pattern: its words without the names and titles, which the judge cannot check. Every
// title "《…》" becomes "《》", every run of Han characters one placeholder, blanks are dropped:
// "《姑苏台》的作者是罗隐。" → "《》_。", "It is 《华清宫》 by 高蟾." → "Itis《》by_.".
CodePoints pattern_of(const std::string& text) {
  constexpr std::int32_t han_run = 0xE000;  // a private-use code point: in no real text
  CodePoints out;
  bool in_title = false;
  for (std::int32_t c : code_points(text)) {
    if (in_title) {
      if (c == 0x300B) in_title = false, out.push_back(c);  // "》"
    } else if (c == 0x300A) {                                // "《"
      in_title = true, out.push_back(c);
    } else if (is_han(c)) {
      if (out.empty() || out.back() != han_run) out.push_back(han_run);
    } else if (!is_space(c) && c != '\n') {
      out.push_back(c);
    }
  }
  return out;
}

// The titles "《…》" of the reference that the question names too: an answer must repeat them.
std::vector<std::string> titles_named_in(const std::string& reference, const std::string& question) {
  std::vector<std::string> titles;
  for (size_t open = reference.find("《"); open != std::string::npos; open = reference.find("《", open + 1)) {
    const size_t close = reference.find("》", open);
    if (close == std::string::npos) break;
    const std::string title = reference.substr(open, close + std::string("》").size() - open);
    if (question.find(title) != std::string::npos) titles.push_back(title);
  }
  return titles;
}

// How far the answer has the form the task asks for — checkable without knowing any poem:
//  - when the reference is verse: the share of the answer's lines that are regular verse lines in the
//    measure of the line the question quotes, or else in the measure of the answer's own first line;
//  - otherwise: the answer follows the reference's sentence pattern, and (half of the score when the
//    question names a title the reference repeats) it repeats that title exactly.
double form_score(const std::string& question, const std::string& reference, const std::string& answer) {
  const auto lines = lines_of(answer);
  if (lines.empty()) return 0;
  if (is_verse(reference)) {
    const int measure = quoted_measure(question) ? quoted_measure(question) : verse_measure(lines.front());
    if (measure == 0) return 0;
    const auto regular = std::count_if(lines.begin(), lines.end(), [measure](const CodePoints& l) { return verse_measure(l) == measure; });
    return double(regular) / double(lines.size());
  }
  const double pattern = pattern_of(answer) == pattern_of(reference) ? 1.0 : 0.0;
  const auto titles = titles_named_in(reference, question);
  if (titles.empty()) return pattern;
  const bool repeated = std::all_of(titles.begin(), titles.end(), [&](const std::string& t) { return answer.find(t) != std::string::npos; });
  return 0.5 * pattern + 0.5 * (repeated ? 1.0 : 0.0);
}

// F1 of the character bigrams the two texts share (whitespace ignored), counted with multiplicity.
double bigram_f1(const std::string& reference, const std::string& answer) {
  auto bigrams = [](const std::string& text) {
    std::vector<std::int32_t> cps;
    for (auto c : code_points(text))
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') cps.push_back(c);
    std::map<std::pair<std::int32_t, std::int32_t>, int> counts;
    for (size_t i = 0; i + 1 < cps.size(); ++i) ++counts[{cps[i], cps[i + 1]}];
    return std::make_pair(counts, cps.size() > 1 ? int(cps.size() - 1) : 0);
  };
  const auto [want, want_total] = bigrams(reference);
  const auto [got, got_total] = bigrams(answer);
  if (want_total == 0 || got_total == 0) return 0;
  int common = 0;
  for (const auto& [bigram, n] : got)
    if (auto found = want.find(bigram); found != want.end()) common += std::min(n, found->second);
  const double precision = double(common) / got_total, recall = double(common) / want_total;
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

}  // namespace

JudgeScore rule_judge(const std::string& question, const std::string& reference, const std::string& answer) {
  return {form_score(question, reference, answer), bigram_f1(reference, answer)};
}

double rule_judge_score(const std::string& question, const std::string& reference, const std::string& answer) {
  return rule_judge(question, reference, answer).preference();
}

std::vector<int> ranks_from_scores(const std::vector<double>& scores) {
  std::vector<double> distinct(scores);
  std::sort(distinct.begin(), distinct.end(), std::greater<>());
  distinct.erase(std::unique(distinct.begin(), distinct.end(), [](double a, double b) { return std::abs(a - b) < 1e-9; }),
                 distinct.end());
  std::vector<int> ranks;
  for (double s : scores)
    ranks.push_back(1 + int(std::find_if(distinct.begin(), distinct.end(), [s](double d) { return std::abs(d - s) < 1e-9; }) -
                            distinct.begin()));
  return ranks;
}

// --- Preference files ---

PreferenceFormat parse_preference_format(const std::string& name) {
  for (auto f : {PreferenceFormat::Auto, PreferenceFormat::Rankings, PreferenceFormat::Pairs, PreferenceFormat::HhRlhf,
                 PreferenceFormat::UltraFeedback, PreferenceFormat::Kto})
    if (name == preference_format_name(f)) return f;
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "preference format '%1' is unknown: use auto, rankings, pairs, hh-rlhf, ultrafeedback or kto"),
                      {name}));
}

const char* preference_format_name(PreferenceFormat format) {
  switch (format) {
    case PreferenceFormat::Auto: return "auto";
    case PreferenceFormat::Rankings: return "rankings";
    case PreferenceFormat::Pairs: return "pairs";
    case PreferenceFormat::HhRlhf: return "hh-rlhf";
    case PreferenceFormat::UltraFeedback: return "ultrafeedback";
    case PreferenceFormat::Kto: return "kto";
  }
  return "auto";
}

namespace {

std::string string_field(const json& r, const char* key) {
  if (!r.contains(key)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"%1\" field"), {std::string(key)}));
  if (!r[key].is_string()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" is not a string"), {std::string(key)}));
  return r[key].get<std::string>();
}

std::string optional_text(const json& r, const char* key) {
  if (!r.contains(key) || r[key].is_null()) return {};
  if (!r[key].is_string()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" is not a string"), {std::string(key)}));
  return r[key].get<std::string>();
}

const json& required_field(const json& r, const char* key) {
  if (!r.contains(key)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"%1\" field"), {std::string(key)}));
  return r[key];
}

// Turns in either layout, decided per turn: ShareGPT's {"from", "value"} or OpenAI's {"role", "content"}.
std::vector<ChatMessage> turns_of_either_layout(const json& value, const char* field) {
  if (!value.is_array()) return turns(value, "role", "content", field);  // names the field in its refusal
  std::vector<ChatMessage> out;
  for (const auto& turn : value) {
    const bool sharegpt = turn.is_object() && turn.contains("from");
    const auto one = turns(json::array({turn}), sharegpt ? "from" : "role", sharegpt ? "value" : "content", field);
    out.insert(out.end(), one.begin(), one.end());
  }
  return out;
}

// An answer given as text, as one message object ({"from": "gpt", "value"} or {"role": "assistant",
// "content"}), or as messages whose last is the assistant's.
std::string answer_of(const json& value, const char* field) {
  if (value.is_string()) return value.get<std::string>();
  const auto messages = turns_of_either_layout(value.is_object() ? json::array({value}) : value, field);
  if (messages.empty() || messages.back().role != "assistant")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" does not end with the assistant's answer"), {std::string(field)}));
  return messages.back().content;
}

// The turns before the answer in the ShareGPT and OpenAI preference layouts: "conversations" or
// "messages", after a top-level "system" text when the turns hold none.
Conversation context_turns(const json& r) {
  const char* field = r.contains("conversations") ? "conversations" : "messages";
  Conversation c;
  c.messages = turns_of_either_layout(required_field(r, field), field);
  const std::string system = optional_text(r, "system");
  if (!system.empty() && (c.messages.empty() || c.messages.front().role != "system")) c.messages.insert(c.messages.begin(), {"system", system});
  if (c.messages.empty() || c.messages.back().role != "user")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" does not end with the user's turn"), {std::string(field)}));
  return c;
}

RankedAnswers rankings_record(const json& r) {
  RankedAnswers out;
  out.prompt = prompt_of(required_field(r, "prompt"), "prompt");
  if (!r.contains("answers") || !r["answers"].is_array() || !r.contains("ranks") || !r["ranks"].is_array())
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "needs \"answers\" and \"ranks\" lists")));
  for (const auto& a : r["answers"]) out.answers.push_back(answer_of(a, "answers"));
  for (const auto& k : r["ranks"]) {
    if (!k.is_number_integer() || k.get<int>() < 1) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a rank that is not a whole number from 1")));
    out.ranks.push_back(k.get<int>());
  }
  if (out.ranks.size() != out.answers.size())
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "has %1 answers but %2 ranks"),
                        {std::to_string(out.answers.size()), std::to_string(out.ranks.size())}));
  out.annotator = optional_text(r, "annotator");
  out.flag = optional_text(r, "flag");
  out.comment = optional_text(r, "comment");
  out.prompt_set = optional_text(r, "prompt_set");
  if (r.contains("sources") && r["sources"].is_array())
    for (const auto& s : r["sources"]) out.answer_sources.push_back(s.is_string() ? s.get<std::string>() : "");
  return out;
}

RankedAnswers pair_record(const json& r) {
  RankedAnswers out;
  if (r.contains("prompt") || r.contains("conversations") || r.contains("messages")) {
    out.prompt = r.contains("prompt") ? prompt_of(r["prompt"], "prompt") : context_turns(r);
    out.answers = {answer_of(required_field(r, "chosen"), "chosen"), answer_of(required_field(r, "rejected"), "rejected")};
  } else {  // TRL's implicit prompt: both conversations share it
    const auto chosen = turns_of_either_layout(required_field(r, "chosen"), "chosen");
    const auto rejected = turns_of_either_layout(required_field(r, "rejected"), "rejected");
    size_t common = 0;
    while (common < chosen.size() && common < rejected.size() && chosen[common].role == rejected[common].role &&
           chosen[common].content == rejected[common].content)
      ++common;
    if (common == 0 || common + 1 != chosen.size() || common + 1 != rejected.size())
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "has \"chosen\" and \"rejected\" conversations that do not share all but their last turn")));
    out.prompt.messages.assign(chosen.begin(), chosen.begin() + long(common));
    if (out.prompt.messages.back().role != "user") throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a shared prompt that does not end with the user's turn")));
    out.answers = {chosen.back().content, rejected.back().content};
  }
  out.ranks = {1, 2};
  out.annotator = optional_text(r, "annotator");
  return out;
}

// "\n\nHuman: …\n\nAssistant: …" transcripts into turns.
std::vector<ChatMessage> hh_turns(const std::string& transcript) {
  static const std::string human = "\n\nHuman:", assistant = "\n\nAssistant:";
  std::vector<ChatMessage> out;
  size_t at = 0;
  while (at < transcript.size()) {
    const bool is_human = transcript.compare(at, human.size(), human) == 0;
    const bool is_assistant = transcript.compare(at, assistant.size(), assistant) == 0;
    if (!is_human && !is_assistant) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a transcript that does not start with \"\\n\\nHuman:\"")));
    const size_t start = at + (is_human ? human.size() : assistant.size());
    size_t next = std::min(transcript.find(human, start), transcript.find(assistant, start));
    if (next == std::string::npos) next = transcript.size();
    std::string content = transcript.substr(start, next - start);
    content.erase(0, content.find_first_not_of(' '));
    out.push_back({is_human ? "user" : "assistant", content});
    at = next;
  }
  return out;
}

RankedAnswers hh_record(const json& r) {
  const std::string chosen = string_field(r, "chosen"), rejected = string_field(r, "rejected");
  // The prompt is the common prefix up to (and including) the last "\n\nAssistant:" both share.
  size_t common = 0;
  while (common < chosen.size() && common < rejected.size() && chosen[common] == rejected[common]) ++common;
  static const std::string assistant = "\n\nAssistant:";
  const size_t cut = chosen.rfind(assistant, common >= assistant.size() ? common - assistant.size() : 0);
  if (cut == std::string::npos || cut + assistant.size() > common)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "has \"chosen\" and \"rejected\" transcripts without a shared prompt ending in \"\\n\\nAssistant:\"")));
  RankedAnswers out;
  out.prompt.messages = hh_turns(chosen.substr(0, cut));
  if (out.prompt.messages.empty() || out.prompt.messages.back().role != "user")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a shared prompt that does not end with the human's turn")));
  auto answer = [&](const std::string& transcript) {
    std::string a = transcript.substr(cut + assistant.size());
    a.erase(0, a.find_first_not_of(' '));
    return a;
  };
  out.answers = {answer(chosen), answer(rejected)};
  out.ranks = {1, 2};
  return out;
}

// UltraFeedback: {"instruction", "completions": [{"response", "overall_score" | "annotations", "model"}]}.
RankedAnswers ultrafeedback_record(const json& r) {
  RankedAnswers out;
  out.prompt.messages.push_back({"user", r.contains("instruction") ? string_field(r, "instruction") : string_field(r, "prompt")});
  if (!r.contains("completions") || !r["completions"].is_array()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"completions\" list")));
  std::vector<double> scores;
  for (const auto& c : r["completions"]) {
    if (!c.is_object()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a completion that is not an object")));
    out.answers.push_back(string_field(c, "response"));
    out.answer_sources.push_back(c.value("model", ""));
    if (c.contains("overall_score") && c["overall_score"].is_number()) {
      scores.push_back(c["overall_score"].get<double>());
    } else if (c.contains("annotations") && c["annotations"].is_object()) {
      // The mean of the aspect ratings ("Rating": "4"), as UltraFeedback's binarisation does.
      double sum = 0;
      int n = 0;
      for (const auto& [aspect, a] : c["annotations"].items())
        if (a.contains("Rating") && a["Rating"].is_string() && a["Rating"] != "N/A") sum += std::stod(a["Rating"].get<std::string>()), ++n;
      if (n == 0) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a completion without ratings")));
      scores.push_back(sum / n);
    } else {
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a completion without \"overall_score\" or \"annotations\"")));
    }
  }
  if (out.answers.size() < 2) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has fewer than two completions to compare")));
  out.ranks = ranks_from_scores(scores);
  return out;
}

// KTO's unpaired ratings: one answer and a boolean "label" (true: desirable), the prompt and answer as a
// conversation ending with the answer ("messages" or "conversations") or as "prompt" and "completion".
struct RatedAnswer {
  Conversation prompt;
  std::string answer;
  bool desirable = false;
};

RatedAnswer kto_record(const json& r) {
  RatedAnswer out;
  const json& label = required_field(r, "label");
  if (!label.is_boolean()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" is not true or false"), {std::string("label")}));
  out.desirable = label.get<bool>();
  if (r.contains("prompt")) {
    out.prompt = prompt_of(r["prompt"], "prompt");
    out.answer = answer_of(required_field(r, "completion"), "completion");
  } else {
    const char* field = r.contains("conversations") ? "conversations" : "messages";
    auto messages = turns_of_either_layout(required_field(r, field), field);
    if (messages.empty() || messages.back().role != "assistant")
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" does not end with the assistant's answer"), {std::string(field)}));
    out.answer = messages.back().content;
    messages.pop_back();
    out.prompt.messages = std::move(messages);
    if (out.prompt.messages.empty() || out.prompt.messages.back().role != "user")
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" has no user's turn before the answer"), {std::string(field)}));
  }
  if (out.answer.find_first_not_of(" \t\n") == std::string::npos) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has an empty answer")));
  return out;
}

constexpr const char* known_preference_layouts =
    "answers/ranks; prompt, conversations or messages with chosen/rejected; chosen/rejected conversations; "
    "chosen/rejected transcripts; completions with ratings; KTO's label with messages or prompt/completion";

PreferenceFormat detect(const json& r) {
  if (r.contains("label") && !r.contains("chosen")) return PreferenceFormat::Kto;
  if (r.contains("answers") && r.contains("ranks")) return PreferenceFormat::Rankings;
  if (r.contains("completions")) return PreferenceFormat::UltraFeedback;
  if (r.contains("chosen") && r.contains("rejected")) {
    const bool context_apart = r.contains("prompt") || r.contains("conversations") || r.contains("messages");
    return context_apart || !r["chosen"].is_string() ? PreferenceFormat::Pairs : PreferenceFormat::HhRlhf;
  }
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "is in no known preference layout (%1)"), {known_preference_layouts}));
}

RankedAnswers preference_record(const json& r, PreferenceFormat format) {
  if (!r.is_object()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "is not a JSON object")));
  RankedAnswers out;
  switch (format == PreferenceFormat::Auto ? detect(r) : format) {
    case PreferenceFormat::Rankings: out = rankings_record(r); break;
    case PreferenceFormat::Pairs: out = pair_record(r); break;
    case PreferenceFormat::HhRlhf: out = hh_record(r); break;
    case PreferenceFormat::UltraFeedback: out = ultrafeedback_record(r); break;
    case PreferenceFormat::Kto:  // read by kto_record and paired by prompt in import_preference_bytes
    case PreferenceFormat::Auto: break;
  }
  if (out.answers.size() < 2) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has fewer than two answers to compare")));
  for (const auto& a : out.answers)
    if (a.find_first_not_of(" \t\n") == std::string::npos) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has an empty answer")));
  if (out.flag != "" && out.flag != "incorrect" && out.flag != "unsafe")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "has flag \"%1\" (expected incorrect or unsafe)"), {out.flag}));
  return out;
}

}  // namespace

Conversation prompt_of(const json& value, const char* field) {
  Conversation c;
  if (value.is_string()) c.messages.push_back({"user", value.get<std::string>()});
  else c.messages = turns(value, "role", "content", field);
  if (c.messages.empty() || c.messages.back().role != "user")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" does not end with the user's turn"), {std::string(field)}));
  return c;
}

namespace {

// KTO's ratings as rankings: the answers to one prompt, desirable ones placed first and undesirable ones
// second, so every desirable answer is preferred to every undesirable one. A prompt whose answers are all
// rated alike gives nothing to compare: its records are refused, by line, rather than trained on (an
// undesirable answer must never reach SFT, and ChatTrain learns preferences from pairs).
void pair_rated_answers(const std::vector<std::pair<RatedAnswer, long>>& rated, const std::string& file, const std::string& annotator,
                        PreferenceImportResult& out) {
  std::map<std::string, std::vector<size_t>> by_prompt;
  std::vector<std::string> order;
  for (size_t i = 0; i < rated.size(); ++i) {
    const std::string key = render_chatml(rated[i].first.prompt);
    if (!by_prompt.count(key)) order.push_back(key);
    by_prompt[key].push_back(i);
  }
  for (const auto& key : order) {
    const auto& members = by_prompt[key];
    const auto desirable = size_t(std::count_if(members.begin(), members.end(), [&](size_t i) { return rated[i].first.desirable; }));
    if (desirable == 0 || desirable == members.size()) {
      for (size_t i : members)
        out.rejected.push_back({file, rated[i].second,
                                Message(QT_TRANSLATE_NOOP("Core", "record is a KTO rating (label %1) whose prompt has no answer rated %2 in this file: "
                                                                  "nothing to compare it with, so it is left out"),
                                        {rated[i].first.desirable ? "true" : "false", rated[i].first.desirable ? "false" : "true"})});
      continue;
    }
    RankedAnswers r;
    r.prompt = rated[members.front()].first.prompt;
    r.prompt.source = file;
    r.prompt.line = rated[members.front()].second;
    for (size_t i : members) {
      r.answers.push_back(rated[i].first.answer);
      r.ranks.push_back(rated[i].first.desirable ? 1 : 2);
    }
    r.annotator = annotator;
    out.rankings.push_back(std::move(r));
  }
}

}  // namespace

PreferenceImportResult import_preference_bytes(std::string_view bytes, const std::string& file, PreferenceFormat format) {
  PreferenceImportResult out;
  const auto text = input_text(bytes, file, out.rejected);
  if (!text) return out;
  const std::string ext = std::filesystem::path(file).extension().string();
  const std::string default_annotator = "imported:" + std::filesystem::path(file).stem().string();
  std::vector<std::pair<RatedAnswer, long>> rated;  // KTO records and their lines
  for_each_json_record(*text, file, ext == ".jsonl" || ext == ".ndjson", [&](const std::string& raw, long line) {
    const auto record = parse_json_record(raw, file, line, out.rejected);
    if (!record) return;
    try {
      if (!record->is_object()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "is not a JSON object")));
      if (format == PreferenceFormat::Kto || (format == PreferenceFormat::Auto && detect(*record) == PreferenceFormat::Kto)) {
        rated.push_back({kto_record(*record), line});
        return;
      }
      RankedAnswers r = preference_record(*record, format);
      r.prompt.source = file;
      r.prompt.line = line;
      if (r.annotator.empty()) r.annotator = default_annotator;
      out.rankings.push_back(std::move(r));
    } catch (const std::exception& e) {  // invalid_argument, and json's own type errors
      out.rejected.push_back({file, line, Message(QT_TRANSLATE_NOOP("Core", "record %1"), {message_of(e)})});
    }
  }, out.rejected);
  pair_rated_answers(rated, file, default_annotator, out);
  std::stable_sort(out.rejected.begin(), out.rejected.end(), [](const InputProblem& a, const InputProblem& b) { return a.line < b.line; });
  return out;
}

PreferenceImportResult import_preferences(const std::string& path, PreferenceFormat format) {
  if (!std::filesystem::exists(path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 does not exist"), {path}));
  return import_preference_bytes(fs::read_file(path), path, format);
}

void export_rankings_jsonl(const std::vector<RankedAnswers>& rankings, const std::string& path) {
  std::string lines;
  for (const auto& r : rankings)
    lines += json{{"prompt_set", r.prompt_set}, {"prompt", messages_json(r.prompt)}, {"answers", r.answers}, {"ranks", r.ranks},
                  {"annotator", r.annotator}, {"flag", r.flag}, {"comment", r.comment}, {"sources", r.answer_sources}}.dump() + "\n";
  fs::write_file_atomic(path, lines);
}

void export_pairs_jsonl(const std::vector<PreferencePair>& pairs, const std::string& path) {
  std::string lines;
  for (const auto& p : pairs)
    lines += json{{"prompt", messages_json(p.prompt)},
                  {"chosen", json::array({{{"role", "assistant"}, {"content", p.chosen}}})},
                  {"rejected", json::array({{{"role", "assistant"}, {"content", p.rejected}}})},
                  {"weight", p.weight}, {"annotator", p.annotator}}.dump() + "\n";
  fs::write_file_atomic(path, lines);
}

}  // namespace chattrain
