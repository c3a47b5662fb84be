#include <utf8proc.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "chattrain/data.h"
#include "data/json_records.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace {

using nlohmann::json;

// Prose is cut into documents of about this many bytes at blank lines: small enough that the
// validation split (by document) samples the whole text, large enough to keep context.
constexpr size_t kProseDocumentBytes = 4000;

void import_prose(const std::string& text, const std::string& file, ImportResult& out) {
  Document current{"", file, 0};
  size_t line_start = 0;
  long line = 1;
  auto flush = [&] {
    while (!current.text.empty() && current.text.back() == '\n') current.text.pop_back();
    if (!current.text.empty()) out.documents.push_back(current);
    current = Document{"", file, 0};
  };
  while (line_start <= text.size()) {
    size_t end = text.find('\n', line_start);
    if (end == std::string::npos) end = text.size();
    const std::string_view row(text.data() + line_start, end - line_start);
    const bool blank = row.find_first_not_of(" \t") == std::string_view::npos;
    if (blank) {
      if (current.text.size() >= kProseDocumentBytes) flush();
      else if (!current.text.empty()) current.text += '\n';
    } else {
      if (current.text.empty()) current.line = line;
      current.text.append(row).push_back('\n');
    }
    line_start = end + 1;
    ++line;
  }
  flush();
  if (out.documents.empty() || out.documents.back().source != file)
    out.rejected.push_back({file, 0, Message(QT_TRANSLATE_NOOP("Core", "holds no text"))});
}

std::string required_text(const json& value, const char* field) {
  if (!value.is_string()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" is not a string"), {std::string(field)}));
  return value.get<std::string>();
}

// A poem in the chinese-poetry layout: {"title" | "rhythmic" | "chapter", "author", "paragraphs" | "content"}.
std::string poem_text(const json& record) {
  const json* lines = nullptr;
  for (const char* key : {"paragraphs", "content"})
    if (record.contains(key)) lines = &record[key];
  if (!lines || !lines->is_array()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"paragraphs\" list")));
  std::string title;
  for (const char* key : {"title", "rhythmic", "chapter"})
    if (record.contains(key)) title = required_text(record[key], key);
  std::string text;
  if (!title.empty()) text += "《" + title + "》";
  if (record.contains("author")) text += required_text(record["author"], "author");
  if (!text.empty()) text += '\n';
  for (const auto& line : *lines) {
    if (!line.is_string()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "\"paragraphs\" holds a value that is not a string")));
    text += line.get<std::string>() + '\n';
  }
  if (lines->empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "\"paragraphs\" is empty")));
  text.pop_back();
  return text;
}

std::string record_text(const json& record) {
  if (!record.is_object()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "is not a JSON object")));
  if (record.contains("paragraphs") || record.contains("content")) return poem_text(record);
  if (!record.contains("text")) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has neither a \"text\" field nor a \"paragraphs\" list")));
  std::string text = required_text(record["text"], "text");
  if (text.find_first_not_of(" \t\n") == std::string::npos) throw Error(Message(QT_TRANSLATE_NOOP("Core", "\"text\" is empty")));
  return text;
}

void add_record(const std::string& raw, const std::string& file, long line, ImportResult& out) {
  const auto record = parse_json_record(raw, file, line, out.rejected);
  if (!record) return;
  try {
    out.documents.push_back({record_text(*record), file, line});
  } catch (const std::exception& e) {
    out.rejected.push_back({file, line, Message(QT_TRANSLATE_NOOP("Core", "record %1"), {message_of(e)})});
  }
}

void import_json_records(const std::string& text, const std::string& file, bool jsonl, ImportResult& out) {
  for_each_json_record(text, file, jsonl, [&](const std::string& raw, long line) { add_record(raw, file, line, out); },
                       out.rejected);
}

bool has_extension(const std::string& path, std::initializer_list<const char*> extensions) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return std::any_of(extensions.begin(), extensions.end(), [&](const char* e) { return ext == e; });
}

}  // namespace

InputFormat parse_input_format(const std::string& name) {
  for (auto f : {InputFormat::Auto, InputFormat::Text, InputFormat::Markdown, InputFormat::Jsonl, InputFormat::ChinesePoetry})
    if (name == input_format_name(f)) return f;
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "format '%1' is unknown: use auto, text, markdown, jsonl or chinese-poetry"), {name}));
}

const char* input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::Auto: return "auto";
    case InputFormat::Text: return "text";
    case InputFormat::Markdown: return "markdown";
    case InputFormat::Jsonl: return "jsonl";
    case InputFormat::ChinesePoetry: return "chinese-poetry";
  }
  return "auto";
}

namespace {

// UTF-16 text after its byte order mark (Windows' Notepad saves "Unicode" so) as UTF-8; an odd length or
// a lone surrogate is refused with its line.
std::string utf8_of_utf16(std::string_view bytes, bool little_endian, const std::string& file) {
  const auto unit_at = [&](size_t i) {
    const auto lo = static_cast<unsigned char>(bytes[i + (little_endian ? 0 : 1)]), hi = static_cast<unsigned char>(bytes[i + (little_endian ? 1 : 0)]);
    return std::uint32_t(hi) << 8 | lo;
  };
  std::string out;
  out.reserve(bytes.size());
  long line = 1;
  for (size_t i = 0; i < bytes.size(); i += 2) {
    if (i + 1 >= bytes.size())
      throw InputError({file, line, Message(QT_TRANSLATE_NOOP("Core", "is UTF-16 with an odd number of bytes (cut short?)"))});
    std::uint32_t code = unit_at(i);
    if (code >= 0xD800 && code < 0xDC00 && i + 3 < bytes.size() && unit_at(i + 2) >= 0xDC00 && unit_at(i + 2) < 0xE000) {
      code = 0x10000 + ((code - 0xD800) << 10) + (unit_at(i + 2) - 0xDC00);
      i += 2;
    } else if (code >= 0xD800 && code < 0xE000) {
      throw InputError({file, line, Message(QT_TRANSLATE_NOOP("Core", "is UTF-16 with a broken character (a lone surrogate at byte %1)"),
                                            {std::to_string(i + 2)})});
    }
    if (code == '\n') ++line;
    utf8proc_uint8_t encoded[4];
    out.append(reinterpret_cast<const char*>(encoded), size_t(utf8proc_encode_char(utf8proc_int32_t(code), encoded)));
  }
  return out;
}

}  // namespace

std::string normalize_text(std::string_view bytes, const std::string& file) {
  // Byte order marks: UTF-32's are refused by name (their NULs would read as "a binary file"), UTF-16 is converted.
  if (bytes.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4) || bytes.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4))
    throw InputError({file, 1, Message(QT_TRANSLATE_NOOP("Core", "is UTF-32 text; convert it to UTF-8 first, e.g. iconv -f UTF-32 -t UTF-8"))});
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")
    return normalize_text(utf8_of_utf16(bytes.substr(2), bytes[0] == '\xFF', file), file);
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  // Validate first, so the error can name the line of the first bad byte.
  for (size_t i = 0; i < bytes.size();) {
    utf8proc_int32_t codepoint;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(bytes.data() + i),
                                    utf8proc_ssize_t(bytes.size() - i), &codepoint);
    if (n <= 0)
      throw InputError({file, line_at(bytes, i),
                        Message(QT_TRANSLATE_NOOP("Core", "is not valid UTF-8 (byte %1); convert it first, e.g. iconv -f GB18030 -t UTF-8"),
                                {std::to_string(i)})});
    if (codepoint == 0) throw InputError({file, line_at(bytes, i), Message(QT_TRANSLATE_NOOP("Core", "holds a NUL byte: is it a binary file?"))});
    i += size_t(n);
  }
  // Normalised a part at a time, each ending after a newline: utf8proc decomposes into UTF-32 first (4 bytes a
  // character), so one call over a 200 MB file peaked above 1 GB (issue 21.9). A newline composes with
  // nothing and is never reordered, so the parts give what the whole would.
  constexpr size_t part_bytes = size_t(1) << 20;
  std::string out, lf;
  out.reserve(bytes.size());
  for (size_t at = 0; at < bytes.size();) {
    size_t end = std::min(at + part_bytes, bytes.size());
    if (end < bytes.size()) {
      const size_t newline = bytes.find('\n', end - 1);
      end = newline == std::string_view::npos ? bytes.size() : newline + 1;
    }
    lf.clear();
    for (size_t i = at; i < end; ++i) {
      if (bytes[i] == '\r') {
        lf += '\n';
        if (i + 1 < end && bytes[i + 1] == '\n') ++i;
      } else {
        lf += bytes[i];
      }
    }
    utf8proc_uint8_t* composed = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(lf.data()), utf8proc_ssize_t(lf.size()), &composed,
                                utf8proc_option_t(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) throw InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "could not normalise: %1"), {std::string(utf8proc_errmsg(n))})});
    out.append(reinterpret_cast<char*>(composed), size_t(n));
    std::free(composed);
    at = end;
  }
  return out;
}

InputFormat detect_format(const std::string& path) {
  if (has_extension(path, {".jsonl", ".ndjson"})) return InputFormat::Jsonl;
  if (has_extension(path, {".json"})) return InputFormat::ChinesePoetry;
  if (has_extension(path, {".md", ".markdown"})) return InputFormat::Markdown;
  return InputFormat::Text;
}

ImportResult import_bytes(std::string_view bytes, const std::string& file, InputFormat format) {
  ImportResult out;
  out.files = 1;
  const auto text_or_nothing = input_text(bytes, file, out.rejected);
  if (!text_or_nothing) return out;
  const std::string& text = *text_or_nothing;
  if (format == InputFormat::Auto) format = detect_format(file);
  switch (format) {
    case InputFormat::Jsonl: import_json_records(text, file, true, out); break;
    case InputFormat::ChinesePoetry: import_json_records(text, file, false, out); break;
    default: import_prose(text, file, out); break;
  }
  return out;
}

ImportResult import_path(const std::string& path, InputFormat format) {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  if (!stdfs::exists(path, ec)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 does not exist"), {path}));
  std::vector<std::string> files;
  if (stdfs::is_directory(path, ec)) {
    for (const auto& entry : stdfs::recursive_directory_iterator(path, ec))
      if (entry.is_regular_file() && has_extension(entry.path().string(), {".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".json"}))
        files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    if (files.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 holds no .txt, .md, .json or .jsonl files"), {path}));
  } else {
    files.push_back(path);
  }
  ImportResult all;
  for (const auto& file : files) {
    ImportResult one = import_bytes(fs::read_file(file), file, format);
    all.files += one.files;
    std::move(one.documents.begin(), one.documents.end(), std::back_inserter(all.documents));
    std::move(one.rejected.begin(), one.rejected.end(), std::back_inserter(all.rejected));
  }
  return all;
}

}  // namespace chattrain
