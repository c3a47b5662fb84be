#include "chattrain/error.h"

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
  return text;
}

std::string InputProblem::to_string() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message.english() : file + ": " + message.english();
}

InputError::InputError(InputProblem problem) : Error(problem.to_string()), problem_(std::move(problem)) {}

}  // namespace chattrain
