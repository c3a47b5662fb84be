#include "chattrain/workflow.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "chattrain/shards.h"
#include "util/fs.h"

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
    throw Error("dataset name '" + name + "' may only hold letters, digits, '-', '_' and '.'");
  if (imported.documents.empty()) throw Error("nothing to import from " + source + ": every record was rejected");
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

std::vector<Document> load_dataset_documents(const Project& project, const std::string& name) {
  const std::string path = documents_file(project, name);
  if (!stdfs::exists(path)) throw Error("dataset " + name + " has no documents file " + path + ": import it again");
  const std::string text = fs::read_file(path);
  std::vector<Document> out;
  long line = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    try {
      const auto j = json::parse(text.substr(start, end - start));
      out.push_back({j.at("text").get<std::string>(), j.value("source", ""), j.value("line", 0L)});
    } catch (const json::exception& e) {
      throw InputError({path, line, std::string("damaged dataset record: ") + e.what() + " (import the dataset again)"});
    }
    start = end + 1;
  }
  return out;
}

bool ensure_default_dataset(Project& project) {
  if (!project.db().datasets().empty()) return false;
  save_dataset(project, embedded_corpus_name, import_embedded_corpus(), "embedded: chinese-poetry (MIT)", "chinese-poetry");
  return true;
}

void train_project_tokenizer(Project& project, const TokenizerTrainOptions& options, const CountProgress& progress) {
  ensure_default_dataset(project);
  std::vector<std::string> texts;
  for (const auto& d : project.db().datasets())
    for (auto& doc : load_dataset_documents(project, d.name)) texts.push_back(std::move(doc.text));
  Tokenizer::train(texts, project.tokenizer_prefix(), options);
  const Tokenizer tokenizer = Tokenizer::load(project.tokenizer_model());
  for (const auto& d : project.db().datasets()) tokenize(project, d.name, tokenizer, progress);
}

std::int64_t dataset_tokens(const Project& project, const std::string& name) {
  const std::string dir = shard_dir(project, name);
  if (!stdfs::exists(dir + "/manifest.json")) return -1;
  const auto manifest = read_manifest(dir);
  return std::int64_t(manifest.train_tokens + manifest.val_tokens);
}

std::vector<std::string> prepare_shards(Project& project, const CountProgress& progress) {
  const Tokenizer tokenizer = Tokenizer::load(project.tokenizer_model());
  std::vector<std::string> dirs;
  for (const auto& d : project.db().datasets()) {
    const std::string dir = shard_dir(project, d.name);
    bool fresh = false;
    if (stdfs::exists(dir + "/manifest.json")) fresh = read_manifest(dir).tokenizer_hash == tokenizer.hash();
    if (!fresh) tokenize(project, d.name, tokenizer, progress);
    dirs.push_back(dir);
  }
  if (dirs.empty()) throw Error("the project has no dataset: import one first (chattrain data import)");
  return dirs;
}

}  // namespace chattrain
