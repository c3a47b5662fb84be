#include <sqlite3.h>

#include "chattrain/error.h"
#include "chattrain/project.h"

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
    throw Error(std::string("project database: could not ") + what + " a query: " + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}

RunRecord read_run(const Statement& s) {
  return RunRecord{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

}  // namespace

struct Database::Impl {
  sqlite3* db = nullptr;
  std::string path;
  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw Error("project database " + path + ": " + text);
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
    throw Error("could not open project database " + path + ": " + sqlite3_errmsg(impl_->db));
  sqlite3_busy_timeout(impl_->db, 5000);  // the studio and a CLI run may share a project
  impl_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  const int stored = stored_schema_version();
  if (stored > schema_version())
    throw Error("project database " + path + " was written by a newer ChatTrain (schema " + std::to_string(stored) +
                "); update ChatTrain to open it");
  for (int v = stored; v < schema_version(); ++v) {
    impl_->exec("BEGIN IMMEDIATE");
    try {
      impl_->exec(migrations()[size_t(v)]);
      impl_->exec("PRAGMA user_version=" + std::to_string(v + 1));
      impl_->exec("COMMIT");
    } catch (...) {
      impl_->exec("ROLLBACK");
      throw;
    }
  }
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
  s.bind(1, r.id).bind(2, r.stage).bind(3, r.status).bind(4, r.created_at.empty() ? now_iso() : r.created_at);
  s.bind(5, r.config_json).bind(6, r.parent_checkpoint);
  s.step();
}

void Database::set_run_status(const std::string& run_id, const std::string& status) {
  Statement s(impl_->db, "UPDATE runs SET status=? WHERE id=?");
  s.bind(1, status).bind(2, run_id);
  s.step();
}

std::vector<RunRecord> Database::runs() const {
  Statement s(impl_->db, "SELECT id, stage, status, created_at, config_json, parent_checkpoint FROM runs ORDER BY created_at, id");
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
  impl_->exec("BEGIN");
  try {
    Statement s(impl_->db, "INSERT OR REPLACE INTO metrics (run_id, step, name, value, time) VALUES (?,?,?,?,?)");
    for (const auto& p : points) {
      s.bind(1, run_id).bind(2, p.step).bind(3, p.name).bind(4, p.value).bind(5, p.time);
      s.step();
      s.reset();
    }
    impl_->exec("COMMIT");
  } catch (...) {
    impl_->exec("ROLLBACK");
    throw;
  }
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
    Statement s(impl_->db, "INSERT INTO chats (title, checkpoint, created_at, updated_at, messages_json, settings_json) VALUES (?,?,?,?,?,?)");
    const std::string now = now_iso();
    s.bind(1, c.title).bind(2, c.checkpoint).bind(3, now).bind(4, now).bind(5, c.messages_json).bind(6, c.settings_json);
    s.step();
    return sqlite3_last_insert_rowid(impl_->db);
  }
  Statement s(impl_->db, "UPDATE chats SET title=?, checkpoint=?, updated_at=?, messages_json=?, settings_json=? WHERE id=?");
  s.bind(1, c.title).bind(2, c.checkpoint).bind(3, now_iso()).bind(4, c.messages_json).bind(5, c.settings_json).bind(6, c.id);
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

}  // namespace chattrain
