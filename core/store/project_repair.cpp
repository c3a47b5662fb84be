#include "chattrain/project_repair.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "chattrain/project.h"
#include "chattrain/train.h"
#include "chattrain/workflow.h"
#include "export/tensorboard.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace stdfs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* catalogue_name = "project.sqlite";

// SQLite's own verdict on the file, opened read-only: nothing is created or changed.
bool readable_catalogue(const std::string& path, std::string& why) {
  sqlite3* db = nullptr;
  bool ok = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK;
  if (ok) {
    sqlite3_stmt* check = nullptr;
    ok = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &check, nullptr) == SQLITE_OK && sqlite3_step(check) == SQLITE_ROW &&
         std::string(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))) == "ok";
    sqlite3_finalize(check);
    sqlite3_stmt* tables = nullptr;
    ok = ok && sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name='runs'", -1, &tables, nullptr) == SQLITE_OK &&
         sqlite3_step(tables) == SQLITE_ROW && sqlite3_column_int(tables, 0) == 1;
    sqlite3_finalize(tables);
  }
  if (!ok) why = db ? sqlite3_errmsg(db) : "cannot be opened";
  sqlite3_close(db);
  return ok;
}

std::string iso_time(std::time_t t) {
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return text;
}

std::time_t modified(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? info.st_mtime : std::time(nullptr);
}

// A dataset folder's record from its stored file: documents.jsonl (text) or conversations.jsonl (dialogues).
bool read_dataset(const std::string& dir, DatasetRecord& record, std::vector<Message>& notes) {
  const bool dialogues = stdfs::exists(dir + "/conversations.jsonl");
  const std::string file = dir + (dialogues ? "/conversations.jsonl" : "/documents.jsonl");
  if (!stdfs::exists(file)) return false;
  record.kind = dialogues ? dialogue_dataset_kind : "text";
  record.source = file;
  record.created_at = iso_time(modified(file));
  const std::string text = fs::read_file(file);
  long line = 0;
  for (size_t start = 0; start < text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    ++line;
    try {
      const json j = json::parse(text.substr(start, end - start));
      ++record.documents;
      if (dialogues) {
        for (const auto& m : j.at("messages")) record.characters += std::int64_t(m.at("content").get_ref<const std::string&>().size());
      } else {
        record.characters += std::int64_t(j.at("text").get_ref<const std::string&>().size());
      }
    } catch (const json::exception& e) {
      notes.push_back(Message(QT_TRANSLATE_NOOP("Core", "%1:%2: not read back: %3"), {file, std::to_string(line), std::string(e.what())}));
    }
    start = end + 1;
  }
  return record.documents > 0;
}

}  // namespace

bool catalogue_needs_repair(const std::string& folder, Message* reason) {
  const std::string path = folder + "/" + catalogue_name;
  const auto say = [&](Message why) {
    if (reason) *reason = std::move(why);
    return true;
  };
  std::error_code ec;
  if (!stdfs::exists(path, ec)) {
    if (stdfs::exists(folder + "/runs") || stdfs::exists(folder + "/data"))
      return say(Message(QT_TRANSLATE_NOOP("Core", "%1 is missing"), {path}));
    return false;
  }
  if (stdfs::file_size(path, ec) == 0) return say(Message(QT_TRANSLATE_NOOP("Core", "%1 is empty (0 bytes)"), {path}));
  // Cheap enough for every open: the file's first bytes. SQLite's own check of every page is repair's.
  char magic[16] = {};
  if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
    const size_t got = std::fread(magic, 1, sizeof magic, file);
    std::fclose(file);
    if (got != sizeof magic || std::memcmp(magic, "SQLite format 3", 16) != 0)
      return say(Message(QT_TRANSLATE_NOOP("Core", "%1 is damaged: it is not an SQLite database"), {path}));
  }
  return false;
}

RepairResult repair_project(const std::string& folder) {
  Message reason;
  std::string why;
  const std::string catalogue = folder + "/" + catalogue_name;
  if (!catalogue_needs_repair(folder, &reason) && readable_catalogue(catalogue, why)) {
    if (!stdfs::exists(folder + "/runs") && !stdfs::exists(folder + "/data"))
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is not a ChatTrain project: it has neither runs/ nor data/"), {folder}));
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "the catalogue of %1 is readable: there is nothing to repair"), {folder}));
  }
  RepairResult result;
  const std::string path = folder + "/" + catalogue_name;
  // The damaged file is kept (with its journal files): someone may still get something out of it.
  if (stdfs::exists(path)) {
    result.damaged_copy = path + ".damaged-" + iso_time(std::time(nullptr));
    for (const char* suffix : {"", "-wal", "-shm"})
      if (stdfs::exists(path + suffix)) stdfs::rename(path + suffix, result.damaged_copy + suffix);
  }
  Database db(path);
  std::error_code ec;
  std::vector<stdfs::path> datasets, runs;
  for (const auto& entry : stdfs::directory_iterator(folder + "/data", ec))
    if (entry.is_directory()) datasets.push_back(entry.path());
  for (const auto& entry : stdfs::directory_iterator(folder + "/runs", ec))
    if (entry.is_directory()) runs.push_back(entry.path());
  std::sort(datasets.begin(), datasets.end());
  // Runs in the order they were made (their folders' times), so that "newest" reads as before.
  std::sort(runs.begin(), runs.end(), [](const stdfs::path& a, const stdfs::path& b) {
    return std::make_pair(modified(a.string()), a) < std::make_pair(modified(b.string()), b);
  });
  for (const auto& dir : datasets) {
    DatasetRecord record;
    record.name = dir.filename().string();
    if (read_dataset(dir.string(), record, result.notes)) {
      db.add_dataset(record);
      ++result.datasets;
    } else {
      result.notes.push_back(Message(QT_TRANSLATE_NOOP("Core", "%1 holds no dataset file: left out"), {dir.string()}));
    }
  }
  for (const auto& dir : runs) {
    const std::string run_id = dir.filename().string();
    try {
      const auto latest = latest_checkpoint(dir.string());
      if (!latest) {
        result.notes.push_back(Message(QT_TRANSLATE_NOOP("Core", "%1 has no checkpoint: left out"), {dir.string()}));
        continue;
      }
      const CheckpointInfo info = read_checkpoint_info(*latest);
      const auto stage = parse_stage(info.stage);
      if (!stage) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 names an unknown stage '%2'"), {*latest + "/config.json", info.stage}));
      const json run_config = json::parse(info.run_config_json);
      const std::int64_t max_steps = run_config.is_object() ? run_config.value("max_steps", std::int64_t(0)) : 0;
      RunRecord run{run_id, *stage, max_steps > 0 && info.step >= max_steps ? RunStatus::Finished : RunStatus::Stopped,
                    iso_time(modified(dir.string())), info.run_config_json, info.parent};
      db.add_run(run);
      auto points = read_tensorboard_scalars(dir.string());
      // Steps past the newest checkpoint were never kept by the run: a resume redoes them.
      points.erase(std::remove_if(points.begin(), points.end(), [&](const MetricPoint& p) { return p.step > info.step; }), points.end());
      db.add_metrics(run_id, points);
      result.metrics += (long long)points.size();
      ++result.runs;
    } catch (const std::exception& e) {
      result.notes.push_back(Message(QT_TRANSLATE_NOOP("Core", "run %1 left out: %2"), {run_id, message_of(e)}));
    }
  }
  result.notes.push_back(Message(QT_TRANSLATE_NOOP("Core", "prompt sets, their answers and rankings, and saved chats were kept only in the "
                                                           "catalogue: merge an export of the rankings (chattrain rankings import) to get them back")));
  fs::fsync_path(folder);
  return result;
}

}  // namespace chattrain
