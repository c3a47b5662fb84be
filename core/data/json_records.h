#pragma once
// Splitting JSON Lines and JSON arrays into records that are parsed one by one, so that a bad
// record names its own line and does not take the rest of the file with it.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "chattrain/error.h"

namespace chattrain {

// Calls on_record(raw, line) for every record: each non-blank line when `jsonl`, else each element of
// a top-level array (or the whole text when it is a single value). Broken structure goes to problems.
void for_each_json_record(const std::string& text, const std::string& file, bool jsonl,
                          const std::function<void(const std::string& raw, long line)>& on_record,
                          std::vector<InputProblem>& problems);

// Parses one record; on a syntax error records "broken JSON" at the line where it is and returns nothing.
std::optional<nlohmann::json> parse_json_record(const std::string& raw, const std::string& file, long line,
                                                std::vector<InputProblem>& problems);

long line_at(std::string_view bytes, size_t offset);  // 1-based line of a byte offset

// A file's text, normalised (see normalize_text); an empty or undecodable file goes to problems instead.
std::optional<std::string> input_text(std::string_view bytes, const std::string& file, std::vector<InputProblem>& problems);

}  // namespace chattrain
