#include <ctime>
#include <filesystem>

#include "chattrain/error.h"
#include "chattrain/project.h"
#include "chattrain/project_repair.h"
#include "util/translatable.h"

namespace chattrain {
namespace stdfs = std::filesystem;

namespace {
constexpr const char* kDatabaseFile = "project.sqlite";
}

namespace {
std::string canonical_folder(const std::string& folder) {
  std::string out = stdfs::absolute(folder).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}
}  // namespace

Project::Project(std::string folder) : folder_(canonical_folder(folder)) {
  db_ = std::make_unique<Database>(folder_ + "/" + kDatabaseFile);
}

bool Project::exists(const std::string& folder) { return stdfs::exists(stdfs::path(folder) / kDatabaseFile); }

Project Project::create(const std::string& folder) {
  std::error_code ec;
  if (exists(folder)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is already a ChatTrain project: open it instead"), {folder}));
  if (stdfs::exists(folder, ec) && !stdfs::is_empty(folder, ec))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is a folder with other files in it: pick an empty or new folder for the project"),
                        {folder}));
  for (const char* sub : {"", "/tokenizer", "/data", "/runs", "/exports"}) {
    stdfs::create_directories(folder + sub, ec);
    if (ec) throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not create %1%2: %3"), {folder, sub, ec.message()}));
  }
  return Project(folder);
}

Project Project::open(const std::string& folder) {
  if (!exists(folder))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is not a ChatTrain project (no %2): create one with 'chattrain project init %3'"),
                        {folder, kDatabaseFile, folder}));
  // An emptied or damaged catalogue (a crash of the file system, a copy cut short) would be created anew,
  // empty, and the project would look as if it had no runs while their checkpoints sit on disk: refuse,
  // touching nothing, and say how to rebuild it (issue 21.3).
  Message damage;
  if (catalogue_needs_repair(folder, &damage))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1: the project's catalogue of datasets, runs and rankings is lost, while its files "
                                                  "(runs/, data/, tokenizer/) are untouched. Rebuild it from them with 'chattrain project "
                                                  "repair %2', or restore %3 from a backup; the project is not opened, so nothing more is lost"),
                        {damage, folder, kDatabaseFile}));
  return Project(folder);
}

std::string Project::tokenizer_prefix() const { return folder_ + "/tokenizer/tokenizer"; }
std::string Project::tokenizer_model() const { return tokenizer_prefix() + ".model"; }
bool Project::has_tokenizer() const { return stdfs::exists(tokenizer_model()); }
std::string Project::dataset_dir(const std::string& dataset) const { return folder_ + "/data/" + dataset; }
std::string Project::runs_dir() const { return folder_ + "/runs"; }
std::string Project::run_dir(const std::string& run_id) const { return runs_dir() + "/" + run_id; }
std::string Project::exports_dir() const { return folder_ + "/exports"; }

std::string Project::new_run_id(const std::string& stage) const {
  const std::time_t t = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&t));
  std::string id = stage + "-" + stamp;
  for (int i = 2; stdfs::exists(run_dir(id)) || db_->run(id); ++i) id = stage + "-" + stamp + "-" + std::to_string(i);
  return id;
}

}  // namespace chattrain
