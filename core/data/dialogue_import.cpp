#include <algorithm>
#include <filesystem>

#include "chattrain/chat.h"
#include "chattrain/data.h"
#include "data/dialogue_records.h"
#include "data/json_records.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace {

using nlohmann::json;

std::string text_field(const json& record, const char* key, bool required) {
  if (!record.contains(key)) {
    if (required) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"%1\" field"), {std::string(key)}));
    return {};
  }
  if (!record[key].is_string()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" is not a string"), {std::string(key)}));
  return record[key].get<std::string>();
}

// ShareGPT's speakers and OpenAI's roles, in ChatML's three roles.
std::string chatml_role(const std::string& speaker) {
  if (speaker == "system") return "system";
  if (speaker == "human" || speaker == "user") return "user";
  if (speaker == "gpt" || speaker == "assistant" || speaker == "bot" || speaker == "chatgpt") return "assistant";
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "has a turn by \"%1\" (expected system, user/human or assistant/gpt)"), {speaker}));
}

std::vector<ChatMessage> alpaca(const json& r) {
  std::vector<ChatMessage> out;
  if (const std::string system = text_field(r, "system", false); !system.empty()) out.push_back({"system", system});
  if (r.contains("history")) {
    if (!r["history"].is_array()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"history\" is not a list of [instruction, answer] pairs")));
    for (const auto& turn : r["history"]) {
      if (!turn.is_array() || turn.size() != 2 || !turn[0].is_string() || !turn[1].is_string())
        throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"history\" holds an entry that is not an [instruction, answer] pair")));
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
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "is in no known dialogue layout (conversations, messages, instruction/output or prompt/completion)")));
}

std::vector<ChatMessage> messages_of(const json& r, DialogueFormat format) {
  if (!r.is_object()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "is not a JSON object")));
  // KTO data rates each answer good or bad: as SFT data its bad answers would be learned as examples.
  if (r.contains("label") && r["label"].is_boolean())
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "is a KTO rating (an answer marked good or bad by \"label\"), not a dialogue to imitate: "
                                                  "import the file as rankings (Ranking page, or chattrain rankings import), "
                                                  "where the good and bad answers to one prompt become preference pairs")));
  switch (format == DialogueFormat::Auto ? detect(r) : format) {
    case DialogueFormat::Alpaca: return alpaca(r);
    case DialogueFormat::ShareGPT:
      if (!r.contains("conversations")) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"conversations\" list")));
      return turns(r["conversations"], "from", "value", "conversations");
    case DialogueFormat::OpenAI:
      if (!r.contains("messages")) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no \"messages\" list")));
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
  if (i == messages.size()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "has no user and assistant turns")));
  for (const char* expected = "user"; i < messages.size(); ++i) {
    if (messages[i].role != expected)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "has turn %1 by %2 where %3 should speak (turns must alternate, starting with the user)"),
                          {std::to_string(i + 1), messages[i].role, std::string(expected)}));
    expected = std::string(expected) == "user" ? "assistant" : "user";
  }
  if (messages.back().role != "assistant") throw Error(Message(QT_TRANSLATE_NOOP("Core", "ends without the assistant's answer")));
  for (const auto& m : messages)
    if (m.role == "assistant" && m.content.find_first_not_of(" \t\n") == std::string::npos)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "has an empty answer")));
}

// Images, audio and video (multimodal sets: an "images" list and "<image>" in the text) mean nothing to a
// text-only model: such a record would teach it to talk about a picture it never sees.
void refuse_other_media(const json& r) {
  if (!r.is_object()) return;
  for (const char* field : {"images", "image", "videos", "audios"})
    if (r.contains(field) && !r[field].is_null() && !(r[field].is_array() && r[field].empty()))
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "refers to pictures or sound (field \"%1\"), which a text-only model cannot see"),
                          {std::string(field)}));
  if (r.dump().find("<image>") != std::string::npos)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "refers to a picture (<image> in its text), which a text-only model cannot see")));
}

// What a kept record loses or keeps as written.
std::vector<Message> notes_on(const json& r, const std::vector<ChatMessage>& messages) {
  std::vector<Message> out;
  if (r.contains("tools") && !r["tools"].is_null() && !(r["tools"].is_array() && r["tools"].empty()))
    out.push_back(Message(QT_TRANSLATE_NOOP("Core", "kept without its \"tools\" definitions (this model does not call tools)")));
  for (const auto& m : messages) {
    const size_t open = m.content.find("{{");
    if (open == std::string::npos) continue;
    const size_t close = m.content.find("}}", open);
    if (close == std::string::npos) continue;
    out.push_back(Message(QT_TRANSLATE_NOOP("Core", "kept with the placeholder %1, which is learned as written: fill it in before importing"),
                          {m.content.substr(open, close + 2 - open)}));
    break;
  }
  return out;
}

}  // namespace

std::vector<ChatMessage> turns(const json& list, const char* speaker_key, const char* text_key, const char* field) {
  if (!list.is_array()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" is not a list"), {std::string(field)}));
  std::vector<ChatMessage> out;
  for (const auto& turn : list) {
    if (!turn.is_object()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "field \"%1\" holds a turn that is not an object"),
                                               {std::string(field)}));
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
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "dialogue format '%1' is unknown: use auto, alpaca, sharegpt, openai or prompt-completion"),
                      {name}));
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
      refuse_other_media(*record);
      Conversation c{messages_of(*record, format), file, line};
      check(c.messages);
      for (auto& note : notes_on(*record, c.messages)) out.notes.push_back({file, line, std::move(note)});
      out.conversations.push_back(std::move(c));
    } catch (const std::exception& e) {
      out.rejected.push_back({file, line, Message(QT_TRANSLATE_NOOP("Core", "record %1"), {message_of(e)})});
    }
  }, out.rejected);
  return out;
}

DialogueImportResult import_dialogues(const std::string& path, DialogueFormat format) {
  if (!std::filesystem::exists(path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 does not exist"), {path}));
  return import_dialogue_bytes(fs::read_file(path), path, format);
}

}  // namespace chattrain
