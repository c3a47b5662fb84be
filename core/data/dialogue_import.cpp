#include <algorithm>
#include <filesystem>

#include "chattrain/chat.h"
#include "chattrain/data.h"
#include "data/dialogue_records.h"
#include "data/json_records.h"
#include "util/fs.h"

namespace chattrain {
namespace {

using nlohmann::json;

std::string text_field(const json& record, const char* key, bool required) {
  if (!record.contains(key)) {
    if (required) throw std::invalid_argument(std::string("has no \"") + key + "\" field");
    return {};
  }
  if (!record[key].is_string()) throw std::invalid_argument(std::string("field \"") + key + "\" is not a string");
  return record[key].get<std::string>();
}

// ShareGPT's speakers and OpenAI's roles, in ChatML's three roles.
std::string chatml_role(const std::string& speaker) {
  if (speaker == "system") return "system";
  if (speaker == "human" || speaker == "user") return "user";
  if (speaker == "gpt" || speaker == "assistant" || speaker == "bot" || speaker == "chatgpt") return "assistant";
  throw std::invalid_argument("has a turn by \"" + speaker + "\" (expected system, user/human or assistant/gpt)");
}

std::vector<ChatMessage> alpaca(const json& r) {
  std::vector<ChatMessage> out;
  if (const std::string system = text_field(r, "system", false); !system.empty()) out.push_back({"system", system});
  if (r.contains("history")) {
    if (!r["history"].is_array()) throw std::invalid_argument("field \"history\" is not a list of [instruction, answer] pairs");
    for (const auto& turn : r["history"]) {
      if (!turn.is_array() || turn.size() != 2 || !turn[0].is_string() || !turn[1].is_string())
        throw std::invalid_argument("field \"history\" holds an entry that is not an [instruction, answer] pair");
      out.push_back({"user", turn[0].get<std::string>()});
      out.push_back({"assistant", turn[1].get<std::string>()});
    }
  }
  std::string instruction = text_field(r, "instruction", true);
  if (const std::string input = text_field(r, "input", false); !input.empty()) instruction += "\n\n" + input;
  out.push_back({"user", instruction});
  out.push_back({"assistant", text_field(r, "output", true)});
  return out;
}

DialogueFormat detect(const json& r) {
  if (r.contains("conversations")) return DialogueFormat::ShareGPT;
  if (r.contains("messages")) return DialogueFormat::OpenAI;
  if (r.contains("instruction")) return DialogueFormat::Alpaca;
  if (r.contains("prompt") && r.contains("completion")) return DialogueFormat::PromptCompletion;
  throw std::invalid_argument("is in no known dialogue layout (conversations, messages, instruction/output or prompt/completion)");
}

std::vector<ChatMessage> messages_of(const json& r, DialogueFormat format) {
  if (!r.is_object()) throw std::invalid_argument("is not a JSON object");
  switch (format == DialogueFormat::Auto ? detect(r) : format) {
    case DialogueFormat::Alpaca: return alpaca(r);
    case DialogueFormat::ShareGPT:
      if (!r.contains("conversations")) throw std::invalid_argument("has no \"conversations\" list");
      return turns(r["conversations"], "from", "value", "conversations");
    case DialogueFormat::OpenAI:
      if (!r.contains("messages")) throw std::invalid_argument("has no \"messages\" list");
      return turns(r["messages"], "role", "content", "messages");
    case DialogueFormat::PromptCompletion:
      return {{"user", text_field(r, "prompt", true)}, {"assistant", text_field(r, "completion", true)}};
    case DialogueFormat::Auto: break;
  }
  return {};
}

// A conversation SFT can learn from: system first if at all, then user and assistant taking turns,
// ending with a non-empty answer.
void check(const std::vector<ChatMessage>& messages) {
  size_t i = 0;
  if (i < messages.size() && messages[i].role == "system") ++i;
  if (i == messages.size()) throw std::invalid_argument("has no user and assistant turns");
  for (const char* expected = "user"; i < messages.size(); ++i) {
    if (messages[i].role != expected)
      throw std::invalid_argument("has turn " + std::to_string(i + 1) + " by " + messages[i].role + " where " + expected +
                                  " should speak (turns must alternate, starting with the user)");
    expected = std::string(expected) == "user" ? "assistant" : "user";
  }
  if (messages.back().role != "assistant") throw std::invalid_argument("ends without the assistant's answer");
  for (const auto& m : messages)
    if (m.role == "assistant" && m.content.find_first_not_of(" \t\n") == std::string::npos)
      throw std::invalid_argument("has an empty answer");
}

}  // namespace

std::vector<ChatMessage> turns(const json& list, const char* speaker_key, const char* text_key, const char* field) {
  if (!list.is_array()) throw std::invalid_argument(std::string("field \"") + field + "\" is not a list");
  std::vector<ChatMessage> out;
  for (const auto& turn : list) {
    if (!turn.is_object()) throw std::invalid_argument(std::string("field \"") + field + "\" holds a turn that is not an object");
    out.push_back({chatml_role(text_field(turn, speaker_key, true)), text_field(turn, text_key, true)});
  }
  return out;
}

json messages_json(const Conversation& conversation) {
  json messages = json::array();
  for (const auto& m : conversation.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  return messages;
}

DialogueFormat parse_dialogue_format(const std::string& name) {
  for (auto f : {DialogueFormat::Auto, DialogueFormat::Alpaca, DialogueFormat::ShareGPT, DialogueFormat::OpenAI,
                 DialogueFormat::PromptCompletion})
    if (name == dialogue_format_name(f)) return f;
  throw Error("dialogue format '" + name + "' is unknown: use auto, alpaca, sharegpt, openai or prompt-completion");
}

const char* dialogue_format_name(DialogueFormat format) {
  switch (format) {
    case DialogueFormat::Auto: return "auto";
    case DialogueFormat::Alpaca: return "alpaca";
    case DialogueFormat::ShareGPT: return "sharegpt";
    case DialogueFormat::OpenAI: return "openai";
    case DialogueFormat::PromptCompletion: return "prompt-completion";
  }
  return "auto";
}

DialogueImportResult import_dialogue_bytes(std::string_view bytes, const std::string& file, DialogueFormat format) {
  DialogueImportResult out;
  const auto text_or_nothing = input_text(bytes, file, out.rejected);
  if (!text_or_nothing) return out;
  const std::string& text = *text_or_nothing;
  const std::string ext = std::filesystem::path(file).extension().string();
  const bool jsonl = ext == ".jsonl" || ext == ".ndjson";
  for_each_json_record(text, file, jsonl, [&](const std::string& raw, long line) {
    const auto record = parse_json_record(raw, file, line, out.rejected);
    if (!record) return;
    try {
      Conversation c{messages_of(*record, format), file, line};
      check(c.messages);
      out.conversations.push_back(std::move(c));
    } catch (const std::exception& e) {
      out.rejected.push_back({file, line, std::string("record ") + e.what()});
    }
  }, out.rejected);
  return out;
}

DialogueImportResult import_dialogues(const std::string& path, DialogueFormat format) {
  if (!std::filesystem::exists(path)) throw Error(path + " does not exist");
  return import_dialogue_bytes(fs::read_file(path), path, format);
}

}  // namespace chattrain
