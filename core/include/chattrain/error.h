#pragma once
// Errors a user can act on. The message names the file (and line, when there is one) and
// what to do; the CLI and the studio show it as is.
#include <stdexcept>
#include <string>

namespace chattrain {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A problem in one place of an input file. line is 1-based, 0 when the whole file is at fault.
struct InputProblem {
  std::string file;
  long line = 0;
  std::string message;
  std::string to_string() const;  // "file:line: message"
};

class InputError : public Error {
 public:
  explicit InputError(InputProblem problem);
  const InputProblem& problem() const { return problem_; }

 private:
  InputProblem problem_;
};

}  // namespace chattrain
