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

// Trains the project's tokenizer, then re-tokenizes every text dataset. It learns from the datasets
// named (a dialogue dataset gives the text of its messages, never its JSON), or from every text
// dataset when none is named. The names are kept with the tokenizer (tokenizer_training_datasets).
void train_project_tokenizer(Project& project, const TokenizerTrainOptions& options, const CountProgress& progress = {},
                             const std::vector<std::string>& datasets = {});
// The datasets the project's tokenizer learned from (for a tokenizer trained before they were recorded,
// the text datasets); none when the project has no tokenizer.
std::vector<std::string> tokenizer_training_datasets(Project& project);

// How a tokenizer splits one dataset, on up to `max_characters` of its text: a text dataset's
// validation documents (held out from pretraining), a dialogue dataset's messages. Byte tokens spell
// a character the tokenizer never learned as raw UTF-8 bytes: a high share means the tokenizer saw
// little text like this, and sequences of it get long.
struct DatasetTokenization {
  std::string dataset;
  bool dialogue = false;
  bool held_out = true;  // false for a dialogue dataset, or a text dataset too small to hold a document out
  std::int64_t characters = 0, tokens = 0, byte_tokens = 0;
  double characters_per_token() const { return tokens ? double(characters) / double(tokens) : 0.0; }
  double byte_token_share() const { return tokens ? double(byte_tokens) / double(tokens) : 0.0; }
};
// One entry per dataset of the project, in the catalogue's order. Progress counts datasets.
std::vector<DatasetTokenization> measure_tokenization(Project& project, const Tokenizer& tokenizer,
                                                      const CountProgress& progress = {},
                                                      std::int64_t max_characters = 200'000);

// Tokens in a dataset's shards (training + validation), or -1 when it is not tokenized yet.
std::int64_t dataset_tokens(const Project& project, const std::string& name);

// Shard folders of the text datasets named (every one when none is), (re)tokenized first where missing
// or made with another tokenizer. Throws Error naming a dataset the project lacks or that holds dialogues.
std::vector<std::string> prepare_shards(Project& project, const CountProgress& progress = {},
                                        const std::vector<std::string>& datasets = {});

}  // namespace chattrain
