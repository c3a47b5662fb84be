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

// What a run trains. Its name is what the catalogue, the run ids and the CLI say ("pretrain", "sft", …).
enum class Stage { Pretrain, Sft, Reward, Ppo, Dpo, Import, Grpo };
const char* stage_name(Stage stage);
std::optional<Stage> parse_stage(const std::string& name);

// Where a run stands. Running until its trainer returns; Failed when it threw (or the process died while
// it was Running: see run.h). The name is what the catalogue stores ("out_of_memory" for OutOfMemory).
enum class RunStatus { Running, Finished, Stopped, Diverged, OutOfMemory, Failed };
const char* status_name(RunStatus status);
std::optional<RunStatus> parse_run_status(const std::string& name);

struct RunRecord {
  std::string id;  // also the folder name under runs/
  Stage stage = Stage::Pretrain;
  RunStatus status = RunStatus::Running;
  std::string created_at, config_json, parent_checkpoint;
};

// A conversation from the Chat page; the messages as a JSON array of {role, content} (see workflow.h).
struct ChatRecord {
  std::int64_t id = 0;  // 0: not saved yet
  std::string title, checkpoint, created_at, updated_at, messages_json, settings_json;
};

// Human preference (see preference.h): a prompt set holds prompts; each prompt its candidate answers
// with their provenance; each annotator at most one ranking of a prompt's candidates.
struct PromptSetRecord {
  std::int64_t id = 0;
  std::string name, source, created_at;
  std::int64_t prompts = 0, candidates = 0, rankings = 0;  // counts, when read
};
struct PromptRecord {
  std::int64_t id = 0, set_id = 0;
  std::string messages_json;  // the turns before the answer, as in ChatRecord
  std::string reference;      // a known good answer (the held-out SFT set has one), or empty
  std::string source;
  long line = 0;
};
struct CandidateRecord {
  std::int64_t id = 0, prompt_id = 0;
  std::string text, checkpoint, settings_json, stop_reason, created_at;
  std::uint64_t seed = 0;
};
struct RankingRecord {
  std::int64_t id = 0, prompt_id = 0;  // id grows with every submit: the newest is the one to undo
  std::string annotator;
  std::vector<std::vector<std::int64_t>> tiers;  // candidate ids, best tier first; a tier of several is a tie
  bool skipped = false;                          // skipped: no tiers
  std::string flag, comment, created_at;
};

struct MetricPoint {
  std::int64_t step = 0;
  std::string name;
  double value = 0;
  double time = 0;  // seconds since the Unix epoch
};

std::string now_iso();  // "2026-11-23T21:52:00Z", as the database stores times

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
  void set_run_status(const std::string& run_id, RunStatus status);
  void set_run_config(const std::string& run_id, const std::string& config_json);
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

  // Creates the set when missing; returns its id either way.
  std::int64_t ensure_prompt_set(const std::string& name, const std::string& source);
  std::vector<PromptSetRecord> prompt_sets() const;
  std::optional<PromptSetRecord> prompt_set(const std::string& name) const;
  // Adds prompts not yet in the set (same messages_json: the one there stays), in one transaction.
  // Returns each prompt's id, new or existing.
  std::vector<std::int64_t> add_prompts(std::int64_t set_id, const std::vector<PromptRecord>& prompts);
  std::vector<PromptRecord> prompts(std::int64_t set_id) const;  // in the order they were added
  std::vector<std::int64_t> add_candidates(const std::vector<CandidateRecord>& candidates);  // one transaction
  std::vector<CandidateRecord> candidates(std::int64_t prompt_id) const;
  std::vector<CandidateRecord> candidates_of_set(std::int64_t set_id) const;  // by prompt, then id
  // Committed the moment it returns. Replaces that annotator's earlier ranking of the prompt.
  std::int64_t submit_ranking(const RankingRecord& ranking);
  std::vector<RankingRecord> rankings_of_set(std::int64_t set_id) const;  // oldest submit first
  // Removes the annotator's newest submit in the set and returns it (nothing: none left).
  std::optional<RankingRecord> undo_last_ranking(std::int64_t set_id, const std::string& annotator);

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
  std::string exports_dir() const;  // exports/: GGUF files and Hugging Face folders the user asked for
  Database& db() { return *db_; }

  // A fresh run id: <stage>-<yyyymmdd>-<hhmmss>, with a suffix if that exists.
  std::string new_run_id(const std::string& stage) const;

 private:
  explicit Project(std::string folder);
  std::string folder_;
  std::unique_ptr<Database> db_;
};

}  // namespace chattrain
