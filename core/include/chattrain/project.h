#pragma once
// A project folder and its SQLite catalogue (see ARCHITECTURE.md, "The project on disk").
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chattrain {

struct DatasetRecord {
  std::int64_t id = 0;
  std::string name, kind, source, created_at;
  std::int64_t documents = 0, rejected = 0, characters = 0;
};

struct RunRecord {
  std::string id;  // also the folder name under runs/
  std::string stage, status, created_at, config_json, parent_checkpoint;
};

// A conversation from the Chat page; the messages as a JSON array of {role, content} (see workflow.h).
struct ChatRecord {
  std::int64_t id = 0;  // 0: not saved yet
  std::string title, checkpoint, created_at, updated_at, messages_json, settings_json;
};

struct MetricPoint {
  std::int64_t step = 0;
  std::string name;
  double value = 0;
  double time = 0;  // seconds since the Unix epoch
};

class Database {
 public:
  // Opens (creating when needed) and migrates to the current schema. WAL mode.
  explicit Database(const std::string& path);
  Database(Database&&) noexcept;
  ~Database();
  static int schema_version();  // what this build writes
  int stored_schema_version() const;

  std::int64_t add_dataset(const DatasetRecord& dataset);  // replaces one of the same name
  std::vector<DatasetRecord> datasets() const;
  std::optional<DatasetRecord> dataset(const std::string& name) const;

  void add_run(const RunRecord& run);
  void set_run_status(const std::string& run_id, const std::string& status);
  std::vector<RunRecord> runs() const;
  std::optional<RunRecord> run(const std::string& run_id) const;

  void add_metrics(const std::string& run_id, const std::vector<MetricPoint>& points);  // one transaction
  std::vector<MetricPoint> metrics(const std::string& run_id, const std::string& name = "") const;
  std::vector<std::string> metric_names(const std::string& run_id) const;
  // Drops points with step > `step` (a resumed run rewrites what came after its checkpoint).
  void truncate_metrics(const std::string& run_id, std::int64_t step);

  std::int64_t save_chat(const ChatRecord& chat);  // id 0 inserts; returns the id
  std::vector<ChatRecord> chats() const;           // the most recently changed first
  void delete_chat(std::int64_t id);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Project {
 public:
  static Project create(const std::string& folder);  // refuses a non-empty folder that is no project
  static Project open(const std::string& folder);    // throws Error when it is not a project
  static bool exists(const std::string& folder);

  const std::string& folder() const { return folder_; }
  std::string tokenizer_prefix() const;  // tokenizer/tokenizer → .model/.vocab
  std::string tokenizer_model() const;
  bool has_tokenizer() const;
  std::string dataset_dir(const std::string& dataset) const;  // data/<name>/
  std::string runs_dir() const;
  std::string run_dir(const std::string& run_id) const;
  Database& db() { return *db_; }

  // A fresh run id: <stage>-<yyyymmdd>-<hhmmss>, with a suffix if that exists.
  std::string new_run_id(const std::string& stage) const;

 private:
  explicit Project(std::string folder);
  std::string folder_;
  std::unique_ptr<Database> db_;
};

}  // namespace chattrain
