#include "train/checkpoint.h"

#include <cerrno>
#include <cstdio>
#include <string_view>
#include <vector>
#include <filesystem>

#include "chattrain/error.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace stdfs = std::filesystem;

namespace {

// Each file's checksum, written into checksums.json with the checkpoint and checked when it is loaded: a
// file changed after it was saved (a flipped bit, a copy cut short, an editor) is named at load instead of
// surfacing as a diverging or "damaged weights" run (issue 21.6). FNV-1a 64 over the whole file.
constexpr const char* checksums_file = "checksums.json";
constexpr const char* checksummed_files[] = {"model.safetensors", "optimizer.safetensors", "config.json", "trainer_state.json"};

std::string file_checksum(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "read"), path, errno);
  std::vector<char> buffer(size_t(1) << 20);
  std::uint64_t hash = fs::fnv1a64({});
  size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) hash = fs::fnv1a64({buffer.data(), got}, hash);
  const bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "read"), path, EIO);
  return "fnv1a64:" + fs::hex64(hash);
}

// The checksums a checkpoint was saved with; empty for one saved before they were written.
nlohmann::json saved_checksums(const std::string& dir) {
  const std::string path = dir + "/" + checksums_file;
  if (!stdfs::exists(path)) return nlohmann::json::object();
  try {
    auto sums = nlohmann::json::parse(fs::read_file(path));
    if (sums.is_object()) return sums;
  } catch (const nlohmann::json::exception&) {
  }
  throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "is damaged: the checkpoint cannot be checked; resume from another one"))});
}

void verify_checksum(const std::string& dir, const char* file, const nlohmann::json& sums) {
  if (!sums.contains(file)) return;
  const std::string path = dir + "/" + file;
  if (!sums.at(file).is_string() || file_checksum(path) != sums.at(file).get<std::string>())
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "does not match the checksum saved with it in %1: the file changed after it "
                                                                 "was written (a damaged disk or copy?); resume from another checkpoint"),
                                       {std::string(checksums_file)})});
}

}  // namespace

std::string checkpoint_name(std::int64_t step) {
  char name[32];
  std::snprintf(name, sizeof name, "step-%06lld", static_cast<long long>(step));
  return name;
}

std::string save_checkpoint(const std::string& run_dir, std::int64_t step, const CheckpointData& data, int keep) {
  const std::string name = checkpoint_name(step);
  const std::string final_dir = run_dir + "/" + name, staging = final_dir + ".tmp";
  stdfs::remove_all(staging);
  stdfs::create_directories(staging);
  try {
    save_safetensors(staging + "/model.safetensors", data.model, {{"format", "pt"}});
    save_safetensors(staging + "/optimizer.safetensors", data.optimizer);
    fs::write_file_synced(staging + "/config.json", data.config.dump(2));
    fs::write_file_synced(staging + "/trainer_state.json", data.trainer_state.dump(2));
    nlohmann::json sums;
    for (const char* file : checksummed_files) sums[file] = file_checksum(staging + "/" + file);
    fs::write_file_synced(staging + "/" + checksums_file, sums.dump(2));
    // Every file above is synced, and the folder: its entries reach the disk before the rename makes it
    // the checkpoint (SIGKILL does not lose written data; this is for a power cut).
    fs::fsync_path(staging);
  } catch (...) {
    std::error_code ignored;
    stdfs::remove_all(staging, ignored);  // never leave a half-written folder behind
    throw;
  }
  if (stdfs::exists(final_dir)) stdfs::remove_all(final_dir);  // a re-save of the same step after a resume
  stdfs::rename(staging, final_dir);
  fs::write_file_atomic(run_dir + "/latest", name + "\n");

  if (keep > 0) {
    std::vector<std::string> names;
    for (const auto& entry : stdfs::directory_iterator(run_dir)) {
      const std::string n = entry.path().filename().string();
      if (entry.is_directory() && n.rfind("step-", 0) == 0 && n.find('.') == std::string::npos) names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    for (size_t i = 0; i + size_t(keep) < names.size(); ++i)
      if (names[i] != name) stdfs::remove_all(run_dir + "/" + names[i]);
  }
  return final_dir;
}

std::optional<std::string> latest_checkpoint(const std::string& run_dir) {
  const std::string pointer = run_dir + "/latest";
  if (!stdfs::exists(pointer)) return std::nullopt;
  std::string name = fs::read_file(pointer);
  while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) name.pop_back();
  const std::string dir = run_dir + "/" + name;
  if (name.empty() || !stdfs::exists(dir + "/model.safetensors"))
    throw InputError({pointer, 1, Message(QT_TRANSLATE_NOOP("Core", "names checkpoint '%1', which is missing"), {name})});
  return dir;
}

std::vector<std::string> list_checkpoints(const std::string& run_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : stdfs::directory_iterator(run_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory() && name.rfind("step-", 0) == 0 && name.find('.') == std::string::npos &&
        stdfs::exists(entry.path() / "model.safetensors"))
      out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

CheckpointData load_checkpoint(const std::string& dir, bool with_optimizer) {
  CheckpointData data;
  const std::string config_path = dir + "/config.json", state_path = dir + "/trainer_state.json";
  auto parse = [](const std::string& path) {
    try {
      return nlohmann::json::parse(fs::read_file(path));
    } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for a number too large
      throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "broken JSON: %1"), {std::string(e.what())})});
    }
  };
  if (!stdfs::exists(config_path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is not a checkpoint (no config.json)"), {dir}));
  const nlohmann::json sums = saved_checksums(dir);
  for (const char* file : checksummed_files)
    if (with_optimizer || std::string_view(file) != "optimizer.safetensors") verify_checksum(dir, file, sums);
  data.config = parse(config_path);
  if (stdfs::exists(state_path)) {
    data.trainer_state = parse(state_path);
    // The step a resume continues from: the one config.json names (written together), never negative.
    const auto step = data.trainer_state.is_object() ? data.trainer_state.value("step", nlohmann::json()) : nlohmann::json();
    const auto named = data.config.is_object() ? data.config.value("step", nlohmann::json()) : nlohmann::json();
    if (!step.is_number_integer() || step.get<std::int64_t>() < 0 || step != named)
      throw InputError({state_path, 0, Message(QT_TRANSLATE_NOOP("Core", "step %1 is not the checkpoint's step (%2 in config.json): the "
                                                                         "checkpoint is damaged; resume from another one"),
                                               {step.dump(), named.dump()})});
    // Every other entry is a number (a loss may be null: NaN); a resume reads them as numbers.
    for (const auto& [key, value] : data.trainer_state.items())
      if (!value.is_number() && !value.is_null())
        throw InputError({state_path, 0, Message(QT_TRANSLATE_NOOP("Core", "%1 is %2, not a number: the checkpoint is damaged; resume from another one"),
                                                 {key, value.dump()})});
    const auto tokens = data.trainer_state.value("tokens_seen", nlohmann::json(0));
    if (!tokens.is_number_integer() || tokens.get<std::int64_t>() < 0)
      throw InputError({state_path, 0, Message(QT_TRANSLATE_NOOP("Core", "%1 is %2, not a number: the checkpoint is damaged; resume from another one"),
                                               {std::string("tokens_seen"), tokens.dump()})});
  }
  data.model = load_safetensors(dir + "/model.safetensors");
  if (with_optimizer) data.optimizer = load_safetensors(dir + "/optimizer.safetensors");
  return data;
}

CheckpointInfo read_checkpoint_info(const std::string& dir) {
  const std::string path = dir + "/config.json";
  if (!stdfs::exists(path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 is not a checkpoint (no config.json)"), {dir}));
  try {
    const auto j = nlohmann::json::parse(fs::read_file(path));
    CheckpointInfo info;
    info.dir = dir;
    info.stage = j.at("stage").get<std::string>();
    info.step = j.at("step").get<std::int64_t>();
    if (info.step < 0) throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "step %1 is negative"), {std::to_string(info.step)})});
    info.tokenizer_hash = j.at("tokenizer_hash").get<std::string>();
    info.parent = j.value("parent", "");
    info.model = ModelConfig::from_json(j.at("model").dump());
    info.run_config_json = j.value("run_config", nlohmann::json::object()).dump();
    info.stage_settings_json = j.value("stage_settings", nlohmann::json::object()).dump();
    return info;
  } catch (const nlohmann::json::exception& e) {
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "is not a checkpoint config: %1"), {std::string(e.what())})});
  }
}

void require_same_tokenizer(const CheckpointInfo& info, const Tokenizer& tokenizer) {
  if (info.tokenizer_hash != tokenizer.hash())
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "checkpoint %1 was trained with another tokenizer (%2) than the project's %3 (%4): "
                                                  "use a checkpoint trained in this project"),
                        {info.dir, info.tokenizer_hash, tokenizer.path(), tokenizer.hash()}));
}

GPT load_model(const std::string& checkpoint_dir, const Tokenizer& tokenizer, bool score_head) {
  const CheckpointInfo info = read_checkpoint_info(checkpoint_dir);
  require_same_tokenizer(info, tokenizer);
  GPT model(info.model);
  if (score_head) model->add_score_head(0);  // its weights come from the file
  model->load_weights(load_checkpoint(checkpoint_dir, false).model, checkpoint_dir + "/model.safetensors");
  return model;
}

CheckpointInfo checkpoint_to_resume(const std::string& run_dir, const std::string& chosen, const std::string& stage) {
  const auto checkpoint = chosen.empty() ? latest_checkpoint(run_dir) : std::optional<std::string>(chosen);
  if (!checkpoint) throw Error(Message(QT_TRANSLATE_NOOP("Core", "run %1 has no checkpoint to resume from"), {run_dir}));
  CheckpointInfo info = read_checkpoint_info(*checkpoint);
  if (info.stage != stage) throw Error(Message(QT_TRANSLATE_NOOP("Core", "checkpoint %1 is not a %2 checkpoint"), {*checkpoint, stage}));
  return info;
}

}  // namespace chattrain
