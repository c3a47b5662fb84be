#pragma once
// Core's words in the studio's language: core marks its message patterns for lupdate under the
// context "Core" (chattrain/error.h); here each pattern and each of its arguments is translated.
#include <QString>
#include <QStringList>

#include <exception>

#include <chattrain/error.h>

namespace chattrain::ui {

QString core_text(const Message& message);
QString problem_text(const InputProblem& problem);  // "file:line: message"
// One line per file and reason (core's group_by_reason): thousands of bad records read as a few lines.
QStringList problem_texts(const std::vector<InputProblem>& problems);
// What went wrong, for a person: core's errors translated, anything else as it says.
QString error_text(const std::exception& error);

}  // namespace chattrain::ui
