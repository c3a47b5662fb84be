#pragma once
// The steps a user takes on a project, shared by the CLI and the studio: keep datasets, train the
// tokenizer, keep token shards in step with it.
#include <functional>
#include <string>
#include <vector>

#include "chattrain/chat.h"
#include "chattrain/data.h"
#include "chattrain/project.h"
#include "chattrain/tokenizer.h"

namespace chattrain {

using CountProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Stores imported documents as dataset `name` (data/<name>/documents.jsonl), records it in the
// database, and tokenizes it when the project has a tokenizer. Replaces a dataset of that name.
DatasetRecord save_dataset(Project& project, const std::string& name, const ImportResult& imported,
                           const std::string& source, const std::string& kind, const CountProgress& progress = {});
std::vector<Document> load_dataset_documents(const Project& project, const std::string& name);

// Imports the embedded Tang poems when the project has no text dataset yet. Returns true if it did.
bool ensure_default_dataset(Project& project);

// Dialogue datasets (kind "dialogues") hold conversations for fine-tuning, in
// data/<name>/conversations.jsonl (OpenAI messages layout plus source file and line). They take no
// part in tokenizer training or pretraining. Replaces a dataset of that name.
inline constexpr const char* dialogue_dataset_kind = "dialogues";
bool is_dialogue_dataset(const DatasetRecord& dataset);
DatasetRecord save_dialogue_dataset(Project& project, const std::string& name, const DialogueImportResult& imported,
                                    const std::string& source);
std::vector<Conversation> load_dialogue_dataset(const Project& project, const std::string& name);
// Chats kept in the project: a conversation as the messages JSON of a ChatRecord and back, and an
// export of chats as JSON lines in the OpenAI messages layout (what the dialogue importer reads),
// with the checkpoint that answered. The export file is replaced atomically.
std::string messages_to_json(const Conversation& conversation);
Conversation messages_from_json(const std::string& json);
void export_chats_jsonl(const std::vector<ChatRecord>& chats, const std::string& path);

// Adds the built-in demo set as "poem-dialogues" and "poem-dialogues-heldout" when missing. Returns
// true if it added anything.
bool ensure_demo_dialogues(Project& project);

// Trains the project's tokenizer on every dataset, then re-tokenizes them all.
void train_project_tokenizer(Project& project, const TokenizerTrainOptions& options, const CountProgress& progress = {});

// Tokens in a dataset's shards (training + validation), or -1 when it is not tokenized yet.
std::int64_t dataset_tokens(const Project& project, const std::string& name);

// Shard folders of every dataset, (re)tokenized first where missing or made with another tokenizer.
std::vector<std::string> prepare_shards(Project& project, const CountProgress& progress = {});

}  // namespace chattrain
