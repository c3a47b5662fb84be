#include "data/json_records.h"

#include "chattrain/data.h"
#include "util/translatable.h"

#include <algorithm>
#include <new>

namespace chattrain {

long line_at(std::string_view bytes, size_t offset) {
  return 1 + long(std::count(bytes.begin(), bytes.begin() + long(std::min(offset, bytes.size())), '\n'));
}

namespace {
// Whether a string of the record, or a key, holds U+0000: JSON's "\u0000" is the NUL byte a text file
// is refused for.
bool holds_nul(const nlohmann::json& record) {
  std::vector<const nlohmann::json*> waiting{&record};  // a stack, not recursion: records may nest deeply
  while (!waiting.empty()) {
    const nlohmann::json& value = *waiting.back();
    waiting.pop_back();
    if (value.is_string() && value.get_ref<const std::string&>().find('\0') != std::string::npos) return true;
    if (value.is_object())
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (it.key().find('\0') != std::string::npos) return true;
        waiting.push_back(&*it);
      }
    if (value.is_array())
      for (const auto& item : value) waiting.push_back(&item);
  }
  return false;
}
}  // namespace

std::optional<nlohmann::json> parse_json_record(const std::string& raw, const std::string& file, long line,
                                                std::vector<InputProblem>& problems) {
  try {
    auto record = nlohmann::json::parse(raw);
    if (holds_nul(record)) {
      problems.push_back({file, line, Message(QT_TRANSLATE_NOOP("Core", "holds a NUL character (\\u0000): is it binary data?"))});
      return std::nullopt;
    }
    return record;
  } catch (const nlohmann::json::parse_error& e) {
    problems.push_back({file, line + line_at(raw, e.byte > 0 ? e.byte - 1 : 0) - 1,
                        Message(QT_TRANSLATE_NOOP("Core", "broken JSON: %1"), {std::string(e.what())})});
    return std::nullopt;
  } catch (const nlohmann::json::exception& e) {  // out_of_range: a number too large for a double (1e400)
    problems.push_back({file, line, Message(QT_TRANSLATE_NOOP("Core", "broken JSON: %1"), {message_of(e)})});
    return std::nullopt;
  } catch (const std::bad_alloc&) {  // under a memory limit: this record, named, not the whole import
    problems.push_back({file, line, Message(QT_TRANSLATE_NOOP("Core", "record of %1 bytes is too large for the memory available"),
                                            {std::to_string(raw.size())})});
    return std::nullopt;
  }
}

std::optional<std::string> input_text(std::string_view bytes, const std::string& file, std::vector<InputProblem>& problems) {
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    problems.push_back({file, 0, Message(QT_TRANSLATE_NOOP("Core", "is empty"))});
    return std::nullopt;
  }
  try {
    return normalize_text(bytes, file);
  } catch (const InputError& e) {
    problems.push_back(e.problem());
    return std::nullopt;
  }
}

namespace {

void for_each_line(const std::string& text, const std::function<void(const std::string&, long)>& on_record) {
  size_t start = 0;
  long line = 1;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string row = text.substr(start, end - start);
    if (row.find_first_not_of(" \t") != std::string::npos) on_record(row, line);
    start = end + 1;
    ++line;
  }
}

void for_each_element(const std::string& text, const std::string& file,
                      const std::function<void(const std::string&, long)>& on_record, std::vector<InputProblem>& problems) {
  const size_t open = text.find_first_not_of(" \t\n");
  if (open == std::string::npos || text[open] != '[') {  // a single record, or broken
    on_record(text, line_at(text, open == std::string::npos ? 0 : open));
    return;
  }
  // Line numbers are counted as the scan goes: counting from the start for each record is quadratic.
  size_t counted_to = 0;
  long line = 1;
  auto line_of = [&](size_t offset) {
    line += long(std::count(text.begin() + long(counted_to), text.begin() + long(offset), '\n'));
    counted_to = offset;
    return line;
  };
  int depth = 0;
  bool in_string = false, escaped = false;
  size_t element_start = std::string::npos;
  for (size_t i = open + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (element_start == std::string::npos && c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != ',' && c != ']')
      element_start = i;
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || (c == ']' && depth > 0)) --depth;
    else if (depth == 0 && (c == ',' || c == ']')) {
      if (element_start != std::string::npos) on_record(text.substr(element_start, i - element_start), line_of(element_start));
      element_start = std::string::npos;
      if (c == ']') {
        if (text.find_first_not_of(" \t\n", i + 1) != std::string::npos)
          problems.push_back({file, line_at(text, i + 1), Message(QT_TRANSLATE_NOOP("Core", "broken JSON: text after the closing ]"))});
        return;
      }
    }
  }
  if (element_start != std::string::npos)
    problems.push_back({file, line_of(element_start), Message(QT_TRANSLATE_NOOP("Core", "broken JSON: this record is never closed (nor the array)"))});
  else
    problems.push_back({file, line_of(text.size()), Message(QT_TRANSLATE_NOOP("Core", "broken JSON: the array is never closed with ]"))});
}

}  // namespace

void for_each_json_record(const std::string& text, const std::string& file, bool jsonl,
                          const std::function<void(const std::string&, long)>& on_record, std::vector<InputProblem>& problems) {
  if (jsonl) for_each_line(text, on_record);
  else for_each_element(text, file, on_record, problems);
}

}  // namespace chattrain
