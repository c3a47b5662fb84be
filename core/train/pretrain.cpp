#include <algorithm>
#include <filesystem>

#include "chattrain/chat.h"
#include "chattrain/error.h"
#include "chattrain/tokenizer.h"
#include "chattrain/train.h"
#include "chattrain/runtime.h"
#include "train/conversation_data.h"
#include "train/stage_trainer.h"
#include "util/translatable.h"

namespace chattrain {

using nlohmann::json;

TrainingConfig TrainingConfig::from_preset(const std::string& name) {
  const ModelPreset& preset = model_preset(name);
  TrainingConfig c;
  c.preset = preset.name;
  c.model = preset.config;
  c.batch_size = preset.batch_size;
  // Smaller models take larger steps; the GPT-2-class presets follow the GPT-3 paper's table.
  c.learning_rate = preset.config.d_model <= 256 ? 3e-3 : preset.config.d_model <= 512 ? 1e-3 : 6e-4;
  return c;
}

void TrainingConfig::apply_json(const std::string& text) {
  json patch;
  try {
    patch = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "training settings are not valid JSON: %1"), {std::string(e.what())}));
  }
  json current = *this;
  for (const auto& [key, value] : patch.items()) {
    if (!current.contains(key)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "training setting '%1' is unknown"), {key}));
    if (key == "model" && value.is_object())
      for (const auto& [k, v] : value.items())
        if (!current["model"].contains(k)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "model setting '%1' is unknown"), {k}));
  }
  if (patch.contains("preset") && patch["preset"] != preset) {
    // A new preset resets the model and batch to that preset's before the other fields apply.
    const auto base = from_preset(patch["preset"].get<std::string>());
    current = base;
  }
  current.merge_patch(patch);
  try {
    *this = current.get<TrainingConfig>();
  } catch (const json::exception& e) {
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "training settings: %1"), {std::string(e.what())}));
  }
  // ffn_hidden follows d_model unless it was given.
  if (patch.contains("model") && patch["model"].contains("d_model") && !patch["model"].contains("ffn_hidden"))
    model.ffn_hidden = swiglu_hidden(model.d_model);
}

std::string TrainingConfig::to_json() const {
  json j = *this;
  // Every stage's settings carry these; only a choice made is worth showing.
  if (datasets.empty()) j.erase("datasets");
  if (!drop_too_long) j.erase("drop_too_long");
  return j.dump(2);
}

TrainOutcome run_pretraining(const PretrainJob& job, TrainingObserver& observer, const StopToken& stop) {
  prepare_cpu_runtime();
  StageJob stage = stage_job("pretrain", job, "");
  // The run's own choice of datasets (a resumed run's from its checkpoint), among the folders prepared.
  stage.make_objective = [&job](const Tokenizer& t, const TrainingConfig& config, const torch::Device&) -> std::unique_ptr<Objective> {
    std::vector<std::string> dirs;
    for (const auto& name : config.datasets) {
      const auto found = std::find_if(job.data_dirs.begin(), job.data_dirs.end(), [&name](const std::string& dir) {
        return std::filesystem::path(dir).parent_path().filename() == name;
      });
      if (found == job.data_dirs.end())
        throw Error(Message(QT_TRANSLATE_NOOP("Core", "the run trains on dataset '%1', which the project no longer has as a text dataset"), {name}));
      dirs.push_back(*found);
    }
    if (config.datasets.empty()) dirs = job.data_dirs;
    return std::make_unique<LanguageModelObjective>(std::make_unique<ShardData>(dirs, t.hash()));
  };
  return run_stage(stage, observer, stop);
}

}  // namespace chattrain
