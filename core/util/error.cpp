#include "chattrain/error.h"

namespace chattrain {

std::string InputProblem::to_string() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

InputError::InputError(InputProblem problem) : Error(problem.to_string()), problem_(std::move(problem)) {}

}  // namespace chattrain
