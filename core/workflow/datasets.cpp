#include "chattrain/workflow.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "chattrain/shards.h"
#include "data/dialogue_records.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace stdfs = std::filesystem;
using nlohmann::json;

namespace {
std::string documents_file(const Project& project, const std::string& name) {
  return project.dataset_dir(name) + "/documents.jsonl";
}
std::string shard_dir(const Project& project, const std::string& name) { return project.dataset_dir(name) + "/tokens"; }

void tokenize(Project& project, const std::string& name, const Tokenizer& tokenizer, const CountProgress& progress) {
  ShardOptions options;
  options.progress = progress;
  write_shards(load_dataset_documents(project, name), tokenizer, shard_dir(project, name), options);
}

bool valid_dataset_name(const std::string& name) {
  return !name.empty() && name.size() <= 64 && name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == std::string::npos && name[0] != '.';
}
}  // namespace

DatasetRecord save_dataset(Project& project, const std::string& name, const ImportResult& imported,
                           const std::string& source, const std::string& kind, const CountProgress& progress) {
  if (!valid_dataset_name(name))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "dataset name '%1' may only hold letters, digits, '-', '_' and '.'"), {name}));
  if (imported.documents.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "nothing to import from %1: every record was rejected"),
                                                      {source}));
  std::string lines;
  std::int64_t characters = 0;
  for (const auto& d : imported.documents) {
    lines += json{{"text", d.text}, {"source", d.source}, {"line", d.line}}.dump() + "\n";
    characters += std::int64_t(d.text.size());
  }
  stdfs::create_directories(project.dataset_dir(name));
  fs::write_file_atomic(documents_file(project, name), lines);
  DatasetRecord record{0, name, kind, source, "", std::int64_t(imported.documents.size()),
                       std::int64_t(imported.rejected.size()), characters};
  record.id = project.db().add_dataset(record);
  if (project.has_tokenizer()) tokenize(project, name, Tokenizer::load(project.tokenizer_model()), progress);
  return *project.db().dataset(name);
}

namespace {
// Reads one of our own JSON-lines files, a record per line; a damaged one is named by file and line.
template <class Read>
void read_stored_records(const std::string& path, const std::string& what, const Read& read) {
  if (!stdfs::exists(path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 has no file %2: import it again"), {what, path}));
  const std::string text = fs::read_file(path);
  long line = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    try {
      read(json::parse(text.substr(start, end - start)));
    } catch (const json::exception& e) {
      throw InputError({path, line, Message(QT_TRANSLATE_NOOP("Core", "damaged record of %1: %2 (import the dataset again)"),
                                            {what, std::string(e.what())})});
    }
    start = end + 1;
  }
}
}  // namespace

std::vector<Document> load_dataset_documents(const Project& project, const std::string& name) {
  std::vector<Document> out;
  read_stored_records(documents_file(project, name), "dataset " + name, [&](const json& j) {
    out.push_back({j.at("text").get<std::string>(), j.value("source", ""), j.value("line", 0L)});
  });
  return out;
}

bool is_dialogue_dataset(const DatasetRecord& dataset) { return dataset.kind == dialogue_dataset_kind; }

namespace {
std::vector<DatasetRecord> text_datasets(Project& project) {
  std::vector<DatasetRecord> out;
  for (auto& d : project.db().datasets())
    if (!is_dialogue_dataset(d)) out.push_back(std::move(d));
  return out;
}
std::vector<ChatMessage> read_messages(const json& messages) {
  std::vector<ChatMessage> out;
  for (const auto& m : messages) out.push_back({m.at("role").get<std::string>(), m.at("content").get<std::string>()});
  return out;
}
std::string conversations_file(const Project& project, const std::string& name) {
  return project.dataset_dir(name) + "/conversations.jsonl";
}
}  // namespace

DatasetRecord save_dialogue_dataset(Project& project, const std::string& name, const DialogueImportResult& imported,
                                    const std::string& source) {
  if (!valid_dataset_name(name))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "dataset name '%1' may only hold letters, digits, '-', '_' and '.'"), {name}));
  if (imported.conversations.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "no conversation to import from %1: every record was rejected"),
                                                          {source}));
  std::string lines;
  std::int64_t characters = 0;
  for (const auto& c : imported.conversations) {
    for (const auto& m : c.messages) characters += std::int64_t(m.content.size());
    lines += json{{"messages", messages_json(c)}, {"source", c.source}, {"line", c.line}}.dump() + "\n";
  }
  stdfs::create_directories(project.dataset_dir(name));
  fs::write_file_atomic(conversations_file(project, name), lines);
  project.db().add_dataset({0, name, dialogue_dataset_kind, source, "", std::int64_t(imported.conversations.size()),
                            std::int64_t(imported.rejected.size()), characters});
  return *project.db().dataset(name);
}

std::vector<Conversation> load_dialogue_dataset(const Project& project, const std::string& name) {
  std::vector<Conversation> out;
  read_stored_records(conversations_file(project, name), "dialogue dataset " + name, [&](const json& j) {
    out.push_back(Conversation{read_messages(j.at("messages")), j.value("source", ""), j.value("line", 0L)});
  });
  return out;
}

bool ensure_demo_dialogues(Project& project) {
  const std::string heldout = std::string(embedded_dialogues_name) + "-heldout";
  bool added = false;
  if (!project.db().dataset(embedded_dialogues_name)) {
    save_dialogue_dataset(project, embedded_dialogues_name, import_embedded_dialogues(false), QT_TRANSLATE_NOOP("Core", "embedded: demo dialogues from chinese-poetry"));
    added = true;
  }
  if (!project.db().dataset(heldout)) {
    save_dialogue_dataset(project, heldout, import_embedded_dialogues(true), QT_TRANSLATE_NOOP("Core", "embedded: demo dialogues, held out"));
    added = true;
  }
  return added;
}

bool ensure_default_dataset(Project& project) {
  if (!text_datasets(project).empty()) return false;
  save_dataset(project, embedded_corpus_name, import_embedded_corpus(), QT_TRANSLATE_NOOP("Core", "embedded: chinese-poetry (MIT)"), "chinese-poetry");
  return true;
}

namespace {
// The text a dialogue dataset gives the tokenizer: each conversation's messages, one per line.
std::vector<std::string> dialogue_texts(const Project& project, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& c : load_dialogue_dataset(project, name)) {
    std::string text;
    for (const auto& m : c.messages) text += (text.empty() ? "" : "\n") + m.content;
    out.push_back(std::move(text));
  }
  return out;
}
DatasetRecord dataset_named(Project& project, const std::string& name) {
  auto record = project.db().dataset(name);
  if (!record) throw Error(Message(QT_TRANSLATE_NOOP("Core", "the project has no dataset named '%1'"), {name}));
  return *record;
}
std::string tokenizer_datasets_file(const Project& project) { return project.tokenizer_prefix() + ".datasets.json"; }
std::int64_t utf8_characters(const std::string& text) {
  std::int64_t n = 0;
  for (const unsigned char byte : text) n += (byte & 0xC0) != 0x80;
  return n;
}
}  // namespace

void train_project_tokenizer(Project& project, const TokenizerTrainOptions& options, const CountProgress& progress,
                             const std::vector<std::string>& datasets) {
  ensure_default_dataset(project);
  std::vector<DatasetRecord> chosen;
  if (datasets.empty()) chosen = text_datasets(project);
  for (const auto& name : datasets) chosen.push_back(dataset_named(project, name));
  std::vector<std::string> texts, names;
  for (const auto& d : chosen) {
    names.push_back(d.name);
    if (is_dialogue_dataset(d)) {
      for (auto& text : dialogue_texts(project, d.name)) texts.push_back(std::move(text));
    } else {
      for (auto& doc : load_dataset_documents(project, d.name)) texts.push_back(std::move(doc.text));
    }
  }
  Tokenizer::train(texts, project.tokenizer_prefix(), options);
  fs::write_file_atomic(tokenizer_datasets_file(project), json(names).dump() + "\n");
  const Tokenizer tokenizer = Tokenizer::load(project.tokenizer_model());
  for (const auto& d : text_datasets(project)) tokenize(project, d.name, tokenizer, progress);
}

std::vector<std::string> tokenizer_training_datasets(Project& project) {
  if (!project.has_tokenizer()) return {};
  const std::string path = tokenizer_datasets_file(project);
  if (!stdfs::exists(path)) {  // trained before the choice was recorded: on the text datasets, as training did then
    std::vector<std::string> names;
    for (const auto& d : text_datasets(project)) names.push_back(d.name);
    return names;
  }
  try {
    return json::parse(fs::read_file(path)).get<std::vector<std::string>>();
  } catch (const json::exception& e) {
    throw InputError({path, 1, Message(QT_TRANSLATE_NOOP("Core", "not a list of dataset names: %1"), {std::string(e.what())})});
  }
}

std::vector<DatasetTokenization> measure_tokenization(Project& project, const Tokenizer& tokenizer,
                                                      const CountProgress& progress, std::int64_t max_characters) {
  const auto datasets = project.db().datasets();
  std::vector<DatasetTokenization> out;
  for (const auto& d : datasets) {
    if (progress) progress(out.size(), datasets.size());
    DatasetTokenization measured;
    measured.dataset = d.name;
    measured.dialogue = is_dialogue_dataset(d);
    measured.held_out = !measured.dialogue;
    std::uint64_t texts = 0;
    const auto add = [&](const std::string& text) {
      if (progress && ++texts % 256 == 0) progress(out.size(), datasets.size());  // a stop request ends it here
      measured.characters += utf8_characters(text);
      for (const int id : tokenizer.encode(text)) {
        ++measured.tokens;
        measured.byte_tokens += tokenizer.type(id) == PieceType::Byte;
      }
      return measured.characters < max_characters;
    };
    if (measured.dialogue) {
      for (const auto& text : dialogue_texts(project, d.name))
        if (!add(text)) break;
    } else {
      const auto documents = load_dataset_documents(project, d.name);
      for (const auto& doc : documents)
        if (is_validation_document(doc.text, ShardOptions{}.val_fraction) && !add(doc.text)) break;
      if (measured.tokens == 0) {  // too small to hold a document out: measured on what it has
        measured.held_out = false;
        for (const auto& doc : documents)
          if (!add(doc.text)) break;
      }
    }
    out.push_back(std::move(measured));
  }
  if (progress) progress(out.size(), datasets.size());
  return out;
}

std::int64_t dataset_tokens(const Project& project, const std::string& name) {
  const std::string dir = shard_dir(project, name);
  if (!stdfs::exists(dir + "/manifest.json")) return -1;
  const auto manifest = read_manifest(dir);
  return std::int64_t(manifest.train_tokens + manifest.val_tokens);
}

std::vector<std::string> prepare_shards(Project& project, const CountProgress& progress, const std::vector<std::string>& datasets) {
  std::vector<DatasetRecord> chosen;
  if (datasets.empty()) chosen = text_datasets(project);
  for (const auto& name : datasets) {
    chosen.push_back(dataset_named(project, name));
    if (is_dialogue_dataset(chosen.back()))
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "dataset '%1' holds dialogues, which fine-tuning reads; pretraining reads text datasets"), {name}));
  }
  const Tokenizer tokenizer = Tokenizer::load(project.tokenizer_model());
  std::vector<std::string> dirs;
  for (const auto& d : chosen) {
    const std::string dir = shard_dir(project, d.name);
    bool fresh = false;
    if (stdfs::exists(dir + "/manifest.json")) fresh = read_manifest(dir).tokenizer_hash == tokenizer.hash();
    if (!fresh) tokenize(project, d.name, tokenizer, progress);
    dirs.push_back(dir);
  }
  if (dirs.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "the project has no text dataset: import one first (chattrain data import)")));
  return dirs;
}

std::string messages_to_json(const Conversation& conversation) { return messages_json(conversation).dump(); }

Conversation messages_from_json(const std::string& text) {
  Conversation c;
  try {
    c.messages = read_messages(json::parse(text));
  } catch (const json::exception& e) {
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "a saved chat is damaged: %1"), {std::string(e.what())}));
  }
  return c;
}

void export_chats_jsonl(const std::vector<ChatRecord>& chats, const std::string& path) {
  std::string lines;
  for (const auto& chat : chats)
    lines += json{{"messages", json::parse(chat.messages_json)}, {"title", chat.title}, {"checkpoint", chat.checkpoint},
                  {"updated_at", chat.updated_at}}.dump() + "\n";
  fs::write_file_atomic(path, lines);
}

}  // namespace chattrain
