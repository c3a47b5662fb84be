#include "core_text.h"

#include <QCoreApplication>

namespace chattrain::ui {

QString core_text(const Message& message) {
  if (!message.pattern()) return QString::fromStdString(message.literal());
  const QString pattern = QCoreApplication::translate("Core", message.pattern());
  // Filled in one pass, so that an argument holding "%1" (a file name, say) stays as it is.
  return fill_pattern(pattern, int(message.args().size()), [&](int i) { return core_text(message.args()[size_t(i)]); });
}

QString problem_text(const InputProblem& problem) {
  const QString file = QString::fromStdString(problem.file), text = core_text(problem.message);
  return problem.line > 0 ? QString("%1:%2: %3").arg(file).arg(problem.line).arg(text) : QString("%1: %2").arg(file, text);
}

QStringList problem_texts(const std::vector<InputProblem>& problems) {
  QStringList texts;
  for (const auto& group : group_by_reason(problems)) texts << problem_text(group.problem);
  return texts;
}

QString error_text(const std::exception& error) {
  if (const auto* input = dynamic_cast<const InputError*>(&error)) return problem_text(input->problem());
  return core_text(message_of(error));
}

}  // namespace chattrain::ui
