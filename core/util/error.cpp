#include "chattrain/error.h"

#include <algorithm>
#include <unordered_map>

#include "util/translatable.h"

namespace chattrain {

std::string Message::english() const {
  if (!is_pattern_) return text_;
  return fill_pattern(text_, int(args_.size()), [this](int i) { return args_[size_t(i)].english(); });
}

Message message_of(const std::exception& error) {
  if (const auto* ours = dynamic_cast<const Error*>(&error)) return ours->message();
  // nlohmann::json's type and range errors: "[json.exception.type_error.302] type must be string…" reads
  // better without its identifier.
  std::string text = error.what();
  if (text.rfind("[json.exception.", 0) == 0 && text.find("] ") != std::string::npos) text.erase(0, text.find("] ") + 2);
  // LibTorch's errors carry the C++ stack after their words ("Exception raised from … frame #0: …"): a
  // person gets the words (issue 21.6: an 18-frame backtrace was shown).
  for (const char* stack : {"\nException raised from ", "Exception raised from "})
    if (const size_t at = text.find(stack); at != std::string::npos) text.erase(at);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string InputProblem::to_string() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message.english() : file + ": " + message.english();
}

namespace {

// A message's reason: its pattern and its arguments', nested ones included, except words with a digit in
// them (a position, a size, a line: "broken JSON: syntax error at 1:7" and "…at 1:9" are one reason, a
// field named "chosen" and one named "rejected" two).
std::string reason_of(const Message& message) {
  if (!message.pattern()) return message.literal();
  std::string reason = message.pattern();
  for (const auto& arg : message.args())
    if (arg.pattern() || std::none_of(arg.literal().begin(), arg.literal().end(), [](char c) { return c >= '0' && c <= '9'; }))
      reason += '\x1f' + reason_of(arg);
  return reason;
}

}  // namespace

std::vector<ProblemGroup> group_by_reason(const std::vector<InputProblem>& problems) {
  std::vector<ProblemGroup> groups;
  std::unordered_map<std::string, size_t> index;  // file and reason → its group
  for (const auto& problem : problems) {
    std::string key = problem.file + '\0' + reason_of(problem.message);
    const auto [at, added] = index.try_emplace(std::move(key), groups.size());
    if (added) groups.push_back({problem, {}});
    groups[at->second].lines.push_back(problem.line);
  }
  constexpr size_t lines_named = 10;
  for (auto& group : groups) {
    if (group.lines.size() < 2) continue;
    std::string lines;
    for (size_t i = 1; i < std::min(group.lines.size(), lines_named + 1); ++i) lines += (i > 1 ? ", " : "") + std::to_string(group.lines[i]);
    if (group.lines.size() > lines_named + 1) lines += " …";
    group.problem.message = Message(QT_TRANSLATE_NOOP("Core", "%1 (and %2 more for the same reason: lines %3)"),
                                    {group.problem.message, std::to_string(group.lines.size() - 1), lines});
  }
  return groups;
}

InputError::InputError(InputProblem problem) : Error(problem.to_string()), problem_(std::move(problem)) {}

}  // namespace chattrain
