#pragma once
// Importing corpora: plain text and Markdown, JSONL with a "text" field, and the JSON layout of the
// chinese-poetry package. Every document comes out as NFC UTF-8 with "\n" line endings.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "chattrain/error.h"

namespace chattrain {

enum class InputFormat { Auto, Text, Markdown, Jsonl, ChinesePoetry };
InputFormat parse_input_format(const std::string& name);  // "auto", "text", "markdown", "jsonl", "chinese-poetry"
const char* input_format_name(InputFormat format);

struct Document {
  std::string text;
  std::string source;  // file it came from
  long line = 0;       // first line of the record in that file
};

struct ImportResult {
  std::vector<Document> documents;
  std::vector<InputProblem> rejected;  // every record left out, with file and line
  long files = 0;
};

// Throws InputError (with the byte's line) when `bytes` is not valid UTF-8. Returns NFC text with
// CRLF/CR turned into LF and a leading BOM dropped.
std::string normalize_text(std::string_view bytes, const std::string& file_for_errors);

// What `path` holds, guessed from its extension and first bytes.
InputFormat detect_format(const std::string& path);

// Imports a file, or every .txt/.md/.jsonl/.json file under a folder (sorted, so imports repeat exactly).
// Bad records are listed in `rejected` and skipped; the rest are kept.
ImportResult import_path(const std::string& path, InputFormat format = InputFormat::Auto);
ImportResult import_bytes(std::string_view bytes, const std::string& file_name, InputFormat format);

// The Tang poems embedded in the program (resources/corpus, from chinese-poetry, MIT licence).
std::string_view embedded_corpus_json();
ImportResult import_embedded_corpus();
inline constexpr const char* embedded_corpus_name = "tang-poems";

}  // namespace chattrain
