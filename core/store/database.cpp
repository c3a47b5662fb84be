#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "chattrain/error.h"
#include "chattrain/project.h"
#include "util/translatable.h"

namespace chattrain {
namespace {

// Each entry moves the schema from version i to i+1. Never edit a shipped entry: append a new one.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> steps{
      R"sql(
        CREATE TABLE datasets (
          id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, source TEXT NOT NULL,
          created_at TEXT NOT NULL, documents INTEGER NOT NULL, rejected INTEGER NOT NULL, characters INTEGER NOT NULL);
        CREATE TABLE runs (
          id TEXT PRIMARY KEY, stage TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL,
          config_json TEXT NOT NULL, parent_checkpoint TEXT NOT NULL DEFAULT '');
        CREATE TABLE metrics (
          run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, step INTEGER NOT NULL, name TEXT NOT NULL,
          value REAL NOT NULL, time REAL NOT NULL, PRIMARY KEY (run_id, name, step)) WITHOUT ROWID;
      )sql",
      R"sql(
        CREATE TABLE chats (
          id INTEGER PRIMARY KEY, title TEXT NOT NULL, checkpoint TEXT NOT NULL, created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL, messages_json TEXT NOT NULL, settings_json TEXT NOT NULL);
      )sql",
      R"sql(
        CREATE TABLE prompt_sets (
          id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE prompts (
          id INTEGER PRIMARY KEY, set_id INTEGER NOT NULL REFERENCES prompt_sets(id) ON DELETE CASCADE,
          messages_json TEXT NOT NULL, reference TEXT NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,
          UNIQUE (set_id, messages_json));
        CREATE TABLE candidates (
          id INTEGER PRIMARY KEY, prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
          text TEXT NOT NULL, checkpoint TEXT NOT NULL, settings_json TEXT NOT NULL, seed INTEGER NOT NULL,
          stop_reason TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE INDEX candidates_by_prompt ON candidates (prompt_id);
        -- AUTOINCREMENT: a replaced ranking gets a higher id than any before, so "newest" is max(id).
        CREATE TABLE rankings (
          id INTEGER PRIMARY KEY AUTOINCREMENT, prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
          annotator TEXT NOT NULL, tiers_json TEXT NOT NULL, skipped INTEGER NOT NULL, flag TEXT NOT NULL,
          comment TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (prompt_id, annotator));
      )sql",
  };
  return steps;
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail("prepare");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("run");
    return false;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int i) const {
    const auto* p = sqlite3_column_text(stmt_, i);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  std::int64_t integer(int i) const { return sqlite3_column_int64(stmt_, i); }
  double real(int i) const { return sqlite3_column_double(stmt_, i); }

 private:
  [[noreturn]] void fail(const char* what) const {
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "project database: could not %1 a query: %2"), {what, std::string(sqlite3_errmsg(db_))}));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr std::pair<Stage, const char*> stage_names[] = {{Stage::Pretrain, "pretrain"}, {Stage::Sft, "sft"}, {Stage::Reward, "reward"},
                                                         {Stage::Ppo, "ppo"},           {Stage::Dpo, "dpo"}, {Stage::Import, "import"},
                                                         {Stage::Grpo, "grpo"}};
constexpr std::pair<RunStatus, const char*> status_names[] = {
    {RunStatus::Running, "running"},   {RunStatus::Finished, "finished"},         {RunStatus::Stopped, "stopped"},
    {RunStatus::Diverged, "diverged"}, {RunStatus::OutOfMemory, "out_of_memory"}, {RunStatus::Failed, "failed"}};

template <class Enum, size_t N>
const char* name_in(const std::pair<Enum, const char*> (&names)[N], Enum value) {
  for (const auto& [known, name] : names)
    if (known == value) return name;
  return "?";
}

template <class Enum, size_t N>
std::optional<Enum> value_in(const std::pair<Enum, const char*> (&names)[N], const std::string& name) {
  for (const auto& [value, known] : names)
    if (name == known) return value;
  return std::nullopt;
}

RunRecord read_run(const Statement& s) {
  RunRecord run{s.text(0), Stage::Pretrain, RunStatus::Running, s.text(3), s.text(4), s.text(5)};
  const auto stage = parse_stage(s.text(1));
  const auto status = parse_run_status(s.text(2));
  // Only a newer ChatTrain writes names this one does not know (and it raises the schema version first).
  if (!stage || !status)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "project database: run %1 has stage '%2' and status '%3', which this version of ChatTrain does not know"),
                        {run.id, s.text(1), s.text(2)}));
  run.stage = *stage;
  run.status = *status;
  return run;
}

}  // namespace

const char* stage_name(Stage stage) { return name_in(stage_names, stage); }
std::optional<Stage> parse_stage(const std::string& name) { return value_in(stage_names, name); }
const char* status_name(RunStatus status) { return name_in(status_names, status); }
std::optional<RunStatus> parse_run_status(const std::string& name) { return value_in(status_names, name); }

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}


struct Database::Impl {
  sqlite3* db = nullptr;
  std::string path;
  // Runs `work` in one transaction: all of it is stored, or (on an exception) none.
  template <typename Work>
  auto transaction(Work&& work) {
    exec("BEGIN IMMEDIATE");
    try {
      if constexpr (std::is_void_v<decltype(work())>) {
        work();
        exec("COMMIT");
      } else {
        auto result = work();
        exec("COMMIT");
        return result;
      }
    } catch (...) {
      exec("ROLLBACK");
      throw;
    }
  }
  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "project database %1: %2"), {path, text}));
    }
  }
  ~Impl() {
    if (db) sqlite3_close(db);
  }
};

int Database::schema_version() { return int(migrations().size()); }

Database::Database(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  if (sqlite3_open_v2(path.c_str(), &impl_->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not open project database %1: %2"),
                        {path, std::string(sqlite3_errmsg(impl_->db))}));
  sqlite3_busy_timeout(impl_->db, 5000);  // the studio and a CLI run may share a project
  impl_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  const int stored = stored_schema_version();
  if (stored > schema_version())
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "project database %1 was written by a newer ChatTrain (schema %2); update ChatTrain to open it"),
                        {path, std::to_string(stored)}));
  for (int v = stored; v < schema_version(); ++v)
    impl_->transaction([&] {
      impl_->exec(migrations()[size_t(v)]);
      impl_->exec("PRAGMA user_version=" + std::to_string(v + 1));
    });
}

Database::Database(Database&&) noexcept = default;
Database::~Database() = default;

int Database::stored_schema_version() const {
  Statement s(impl_->db, "PRAGMA user_version");
  return s.step() ? int(s.integer(0)) : 0;
}

std::int64_t Database::add_dataset(const DatasetRecord& d) {
  Statement s(impl_->db,
              "INSERT INTO datasets (name, kind, source, created_at, documents, rejected, characters) VALUES (?,?,?,?,?,?,?) "
              "ON CONFLICT(name) DO UPDATE SET kind=excluded.kind, source=excluded.source, created_at=excluded.created_at, "
              "documents=excluded.documents, rejected=excluded.rejected, characters=excluded.characters");
  s.bind(1, d.name).bind(2, d.kind).bind(3, d.source).bind(4, d.created_at.empty() ? now_iso() : d.created_at);
  s.bind(5, d.documents).bind(6, d.rejected).bind(7, d.characters);
  s.step();
  return dataset(d.name)->id;
}

std::vector<DatasetRecord> Database::datasets() const {
  Statement s(impl_->db, "SELECT id, name, kind, source, created_at, documents, rejected, characters FROM datasets ORDER BY id");
  std::vector<DatasetRecord> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5), s.integer(6), s.integer(7)});
  return out;
}

std::optional<DatasetRecord> Database::dataset(const std::string& name) const {
  for (auto& d : datasets())
    if (d.name == name) return d;
  return std::nullopt;
}

void Database::add_run(const RunRecord& r) {
  Statement s(impl_->db, "INSERT INTO runs (id, stage, status, created_at, config_json, parent_checkpoint) VALUES (?,?,?,?,?,?)");
  s.bind(1, r.id).bind(2, std::string(stage_name(r.stage))).bind(3, std::string(status_name(r.status))).bind(4, r.created_at.empty() ? now_iso() : r.created_at);
  s.bind(5, r.config_json).bind(6, r.parent_checkpoint);
  s.step();
}

void Database::set_run_status(const std::string& run_id, RunStatus status) {
  Statement s(impl_->db, "UPDATE runs SET status=? WHERE id=?");
  s.bind(1, std::string(status_name(status))).bind(2, run_id);
  s.step();
}

void Database::set_run_config(const std::string& run_id, const std::string& config_json) {
  Statement s(impl_->db, "UPDATE runs SET config_json=? WHERE id=?");
  s.bind(1, config_json).bind(2, run_id);
  s.step();
}

std::vector<RunRecord> Database::runs() const {
  Statement s(impl_->db, "SELECT id, stage, status, created_at, config_json, parent_checkpoint FROM runs ORDER BY created_at, rowid");
  std::vector<RunRecord> out;
  while (s.step()) out.push_back(read_run(s));
  return out;
}

std::optional<RunRecord> Database::run(const std::string& run_id) const {
  Statement s(impl_->db, "SELECT id, stage, status, created_at, config_json, parent_checkpoint FROM runs WHERE id=?");
  s.bind(1, run_id);
  if (!s.step()) return std::nullopt;
  return read_run(s);
}

void Database::add_metrics(const std::string& run_id, const std::vector<MetricPoint>& points) {
  if (points.empty()) return;
  impl_->transaction([&] {
    Statement s(impl_->db, "INSERT OR REPLACE INTO metrics (run_id, step, name, value, time) VALUES (?,?,?,?,?)");
    for (const auto& p : points) {
      s.bind(1, run_id).bind(2, p.step).bind(3, p.name).bind(4, p.value).bind(5, p.time);
      s.step();
      s.reset();
    }
  });
}

std::vector<MetricPoint> Database::metrics(const std::string& run_id, const std::string& name) const {
  Statement s(impl_->db, name.empty()
                             ? "SELECT step, name, value, time FROM metrics WHERE run_id=? ORDER BY name, step"
                             : "SELECT step, name, value, time FROM metrics WHERE run_id=? AND name=? ORDER BY step");
  s.bind(1, run_id);
  if (!name.empty()) s.bind(2, name);
  std::vector<MetricPoint> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.real(2), s.real(3)});
  return out;
}

std::vector<std::string> Database::metric_names(const std::string& run_id) const {
  Statement s(impl_->db, "SELECT DISTINCT name FROM metrics WHERE run_id=? ORDER BY name");
  s.bind(1, run_id);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

void Database::truncate_metrics(const std::string& run_id, std::int64_t step) {
  Statement s(impl_->db, "DELETE FROM metrics WHERE run_id=? AND step>?");
  s.bind(1, run_id).bind(2, step);
  s.step();
}

std::int64_t Database::save_chat(const ChatRecord& c) {
  if (c.id == 0) {
    // A new chat's title is unique in the list: "写一句诗", then "写一句诗 (2)" (saved chats showed the same
    // title twice when two began with the same question). It stays as given when the chat goes on.
    std::set<std::string> taken;
    {
      Statement titles(impl_->db, "SELECT title FROM chats");
      while (titles.step()) taken.insert(titles.text(0));
    }
    std::string title = c.title;
    for (int n = 2; taken.count(title); ++n) title = c.title + " (" + std::to_string(n) + ")";
    Statement s(impl_->db, "INSERT INTO chats (title, checkpoint, created_at, updated_at, messages_json, settings_json) VALUES (?,?,?,?,?,?)");
    const std::string now = now_iso();
    s.bind(1, title).bind(2, c.checkpoint).bind(3, now).bind(4, now).bind(5, c.messages_json).bind(6, c.settings_json);
    s.step();
    return sqlite3_last_insert_rowid(impl_->db);
  }
  Statement s(impl_->db, "UPDATE chats SET checkpoint=?, updated_at=?, messages_json=?, settings_json=? WHERE id=?");
  s.bind(1, c.checkpoint).bind(2, now_iso()).bind(3, c.messages_json).bind(4, c.settings_json).bind(5, c.id);
  s.step();
  return c.id;
}

std::vector<ChatRecord> Database::chats() const {
  Statement s(impl_->db, "SELECT id, title, checkpoint, created_at, updated_at, messages_json, settings_json FROM chats ORDER BY updated_at DESC, id DESC");
  std::vector<ChatRecord> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
  return out;
}

void Database::delete_chat(std::int64_t id) {
  Statement s(impl_->db, "DELETE FROM chats WHERE id=?");
  s.bind(1, id);
  s.step();
}

namespace {

std::string tiers_to_json(const RankingRecord& r) { return nlohmann::json(r.tiers).dump(); }

RankingRecord read_ranking(const Statement& s) {
  RankingRecord r{s.integer(0), s.integer(1), s.text(2), {}, s.integer(4) != 0, s.text(5), s.text(6), s.text(7)};
  try {
    r.tiers = nlohmann::json::parse(s.text(3)).get<std::vector<std::vector<std::int64_t>>>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "project database: ranking %1 is damaged: %2"),
                        {std::to_string(r.id), std::string(e.what())}));
  }
  return r;
}

constexpr const char* ranking_columns = "r.id, r.prompt_id, r.annotator, r.tiers_json, r.skipped, r.flag, r.comment, r.created_at";
constexpr const char* candidate_columns = "c.id, c.prompt_id, c.text, c.checkpoint, c.settings_json, c.stop_reason, c.created_at, c.seed";

CandidateRecord read_candidate(const Statement& s) {
  return CandidateRecord{s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6),
                         std::uint64_t(s.integer(7))};
}

}  // namespace

std::int64_t Database::ensure_prompt_set(const std::string& name, const std::string& source) {
  Statement insert(impl_->db, "INSERT OR IGNORE INTO prompt_sets (name, source, created_at) VALUES (?,?,?)");
  insert.bind(1, name).bind(2, source).bind(3, now_iso());
  insert.step();
  Statement s(impl_->db, "SELECT id FROM prompt_sets WHERE name=?");
  s.bind(1, name);
  s.step();
  return s.integer(0);
}

std::vector<PromptSetRecord> Database::prompt_sets() const {
  Statement s(impl_->db,
              "SELECT id, name, source, created_at, "
              "(SELECT COUNT(*) FROM prompts p WHERE p.set_id=ps.id), "
              "(SELECT COUNT(*) FROM candidates c JOIN prompts p ON c.prompt_id=p.id WHERE p.set_id=ps.id), "
              "(SELECT COUNT(*) FROM rankings r JOIN prompts p ON r.prompt_id=p.id WHERE p.set_id=ps.id AND r.skipped=0) "
              "FROM prompt_sets ps ORDER BY id");
  std::vector<PromptSetRecord> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.integer(5), s.integer(6)});
  return out;
}

std::optional<PromptSetRecord> Database::prompt_set(const std::string& name) const {
  for (auto& set : prompt_sets())
    if (set.name == name) return set;
  return std::nullopt;
}

std::vector<std::int64_t> Database::add_prompts(std::int64_t set_id, const std::vector<PromptRecord>& prompts) {
  return impl_->transaction([&] {
    Statement insert(impl_->db, "INSERT OR IGNORE INTO prompts (set_id, messages_json, reference, source, line) VALUES (?,?,?,?,?)");
    Statement find(impl_->db, "SELECT id FROM prompts WHERE set_id=? AND messages_json=?");
    std::vector<std::int64_t> ids;
    // A prompt given again is not looked up again: with large prompts each lookup reads the index's
    // overflow pages (10,000 repeated lines took 222 s, issue 21.8).
    std::unordered_map<std::string_view, std::int64_t> given;
    for (const auto& p : prompts) {
      if (const auto again = given.find(p.messages_json); again != given.end()) {
        ids.push_back(again->second);
        continue;
      }
      insert.bind(1, set_id).bind(2, p.messages_json).bind(3, p.reference).bind(4, p.source).bind(5, std::int64_t(p.line));
      insert.step();
      insert.reset();
      find.bind(1, set_id).bind(2, p.messages_json);
      find.step();
      ids.push_back(find.integer(0));
      given.emplace(p.messages_json, ids.back());
      find.reset();
    }
    return ids;
  });
}

std::vector<PromptRecord> Database::prompts(std::int64_t set_id) const {
  Statement s(impl_->db, "SELECT id, set_id, messages_json, reference, source, line FROM prompts WHERE set_id=? ORDER BY id");
  s.bind(1, set_id);
  std::vector<PromptRecord> out;
  while (s.step()) out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), long(s.integer(5))});
  return out;
}

std::vector<std::int64_t> Database::add_candidates(const std::vector<CandidateRecord>& candidates) {
  return impl_->transaction([&] {
    Statement s(impl_->db, "INSERT INTO candidates (prompt_id, text, checkpoint, settings_json, seed, stop_reason, created_at) VALUES (?,?,?,?,?,?,?)");
    std::vector<std::int64_t> ids;
    const std::string now = now_iso();
    for (const auto& c : candidates) {
      s.bind(1, c.prompt_id).bind(2, c.text).bind(3, c.checkpoint).bind(4, c.settings_json).bind(5, std::int64_t(c.seed));
      s.bind(6, c.stop_reason).bind(7, c.created_at.empty() ? now : c.created_at);
      s.step();
      s.reset();
      ids.push_back(sqlite3_last_insert_rowid(impl_->db));
    }
    return ids;
  });
}

std::vector<CandidateRecord> Database::candidates(std::int64_t prompt_id) const {
  Statement s(impl_->db, (std::string("SELECT ") + candidate_columns + " FROM candidates c WHERE c.prompt_id=? ORDER BY c.id").c_str());
  s.bind(1, prompt_id);
  std::vector<CandidateRecord> out;
  while (s.step()) out.push_back(read_candidate(s));
  return out;
}

std::vector<CandidateRecord> Database::candidates_of_set(std::int64_t set_id) const {
  Statement s(impl_->db, (std::string("SELECT ") + candidate_columns +
                          " FROM candidates c JOIN prompts p ON c.prompt_id=p.id WHERE p.set_id=? ORDER BY c.prompt_id, c.id").c_str());
  s.bind(1, set_id);
  std::vector<CandidateRecord> out;
  while (s.step()) out.push_back(read_candidate(s));
  return out;
}

std::int64_t Database::submit_ranking(const RankingRecord& r) {
  // REPLACE deletes the annotator's earlier row and inserts a new one with a fresh (higher) id.
  Statement s(impl_->db, "INSERT OR REPLACE INTO rankings (prompt_id, annotator, tiers_json, skipped, flag, comment, created_at) VALUES (?,?,?,?,?,?,?)");
  s.bind(1, r.prompt_id).bind(2, r.annotator).bind(3, tiers_to_json(r)).bind(4, std::int64_t(r.skipped));
  s.bind(5, r.flag).bind(6, r.comment).bind(7, r.created_at.empty() ? now_iso() : r.created_at);
  s.step();
  return sqlite3_last_insert_rowid(impl_->db);
}

std::vector<RankingRecord> Database::rankings_of_set(std::int64_t set_id) const {
  Statement s(impl_->db, (std::string("SELECT ") + ranking_columns +
                          " FROM rankings r JOIN prompts p ON r.prompt_id=p.id WHERE p.set_id=? ORDER BY r.id").c_str());
  s.bind(1, set_id);
  std::vector<RankingRecord> out;
  while (s.step()) out.push_back(read_ranking(s));
  return out;
}

std::optional<RankingRecord> Database::undo_last_ranking(std::int64_t set_id, const std::string& annotator) {
  return impl_->transaction([&]() -> std::optional<RankingRecord> {
    Statement s(impl_->db, (std::string("SELECT ") + ranking_columns +
                            " FROM rankings r JOIN prompts p ON r.prompt_id=p.id WHERE p.set_id=? AND r.annotator=? ORDER BY r.id DESC LIMIT 1").c_str());
    s.bind(1, set_id).bind(2, annotator);
    if (!s.step()) return std::nullopt;
    RankingRecord last = read_ranking(s);
    Statement remove(impl_->db, "DELETE FROM rankings WHERE id=?");
    remove.bind(1, last.id);
    remove.step();
    return last;
  });
}

}  // namespace chattrain
