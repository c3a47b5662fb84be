#pragma once
// Errors a user can act on. The message names the file (and line, when there is one) and
// what to do; the CLI shows it in English, the studio in its language.
#include <stdexcept>
#include <string>
#include <vector>

namespace chattrain {

// Words for a person: a pattern with %1, %2… and its arguments, which may be messages too. Patterns
// are marked for Qt's lupdate in core's sources (QT_TRANSLATE_NOOP("Core", …), util/translatable.h),
// so the studio translates the pattern and then each argument; english() fills in the pattern as
// written. A message made from a plain string (a file name, a library's words) is shown as it is.
class Message {
 public:
  Message() = default;
  Message(const char* pattern, std::vector<Message> args = {}) : text_(pattern), is_pattern_(true), args_(std::move(args)) {}
  Message(std::string literal) : text_(std::move(literal)) {}  // NOLINT: a string is a message as it is

  std::string english() const;
  const char* pattern() const { return is_pattern_ ? text_.c_str() : nullptr; }  // nullptr for a literal
  const std::string& literal() const { return text_; }
  const std::vector<Message>& args() const { return args_; }

 private:
  std::string text_;  // a copy, so that a pattern from a buffer that goes away stays readable
  bool is_pattern_ = false;
  std::vector<Message> args_;
};

// `pattern` with each %N replaced by replacement(N - 1), for N up to arguments; other text, % signs included, is kept.
template <class String, class Replace>
String fill_pattern(const String& pattern, int arguments, const Replace& replacement) {
  String out;
  for (size_t i = 0; i < size_t(pattern.size()); ++i) {
    int number = 0;  // N of a %N here, else 0
    if (pattern[i] == '%' && i + 1 < size_t(pattern.size()))
      for (char digit = '1'; digit <= '9'; ++digit)
        if (pattern[i + 1] == digit) number = digit - '0';
    if (number > 0 && number <= arguments) {
      out += replacement(number - 1);
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

class Error : public std::runtime_error {
 public:
  explicit Error(const char* english) : Error(Message(std::string(english))) {}
  explicit Error(const std::string& english) : Error(Message(english)) {}
  explicit Error(Message message) : std::runtime_error(message.english()), message_(std::move(message)) {}
  const Message& message() const { return message_; }

 private:
  Message message_;
};

// Work stopped because the person asked it to (a progress callback said no): not an error, and each
// front end says so in its own words. The studio's background tasks throw it from their progress report.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("stopped on request") {}
};

// An Error's message; any other exception's what() as it is (a library's words).
Message message_of(const std::exception& error);

// A problem in one place of an input file. line is 1-based, 0 when the whole file is at fault.
struct InputProblem {
  std::string file;
  long line = 0;
  Message message;
  std::string to_string() const;  // "file:line: message"
};

// Problems of one file for one reason (the same message pattern), in the order their first record came:
// an import with thousands of bad records says each reason once, with its count and lines (issue 20.3).
struct ProblemGroup {
  InputProblem problem;     // the first record's file and line; its message, followed for more records by
                            // "(and N more for the same reason: lines a, b, c …)"
  std::vector<long> lines;  // every record's line, the first included
};
std::vector<ProblemGroup> group_by_reason(const std::vector<InputProblem>& problems);

class InputError : public Error {
 public:
  explicit InputError(InputProblem problem);
  const InputProblem& problem() const { return problem_; }

 private:
  InputProblem problem_;
};

}  // namespace chattrain
