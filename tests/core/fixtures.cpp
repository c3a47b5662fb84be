#include "fixtures.h"

#include <chattrain/data.h>
#include <chattrain/ranking.h>
#include <chattrain/workflow.h>

#include <algorithm>

namespace chattrain::testing {

std::string data_file(const char* name) { return std::string(CHATTRAIN_TEST_DATA) + "/" + name; }

Project make_small_project(const QString& folder, int poems) {
  Project project = Project::create(folder.toStdString());
  ImportResult imported = import_embedded_corpus();
  imported.documents.resize(size_t(poems));
  const char* english[] = {"The quick brown fox jumps over the lazy dog.", "A small model learns to write short poems.",
                           "Training a tokenizer is the first step of the recipe.", "Hello, world! How are you today?"};
  for (int i = 0; i < 40; ++i) imported.documents.push_back({english[i % 4] + std::string(" ") + std::to_string(i), "english", i + 1});
  save_dataset(project, "poems", imported, "embedded subset", "chinese-poetry");
  TokenizerTrainOptions options;
  options.vocab_size = 2500;
  options.character_coverage = 0.98;  // SentencePiece's lowest; the rarest characters go to bytes
  train_project_tokenizer(project, options);
  return project;
}

TrainingConfig tiny_pretrain_config(int max_steps) {
  TrainingConfig c = TrainingConfig::from_preset("demo");
  c.model.context_length = 32;
  c.model.d_model = 32;
  c.model.n_layers = 2;
  c.model.n_heads = 2;
  c.model.n_kv_heads = 2;
  c.model.ffn_hidden = swiglu_hidden(32);
  c.batch_size = 8;
  c.max_steps = max_steps;
  c.warmup_steps = 5;
  c.learning_rate = 1e-2;
  c.eval_interval = 0;
  c.sample_interval = 0;
  c.checkpoint_interval = 0;
  c.keep_checkpoints = 0;
  c.eval_batches = 4;
  c.sample_tokens = 16;
  return c;
}

std::string pretrain(Project& project, const std::string& run, const TrainingConfig& config) {
  PretrainJob job;
  job.run_dir = project.run_dir(run);
  job.data_dirs = prepare_shards(project);
  job.tokenizer_model = project.tokenizer_model();
  job.config = config;
  RecordingObserver observer;
  StopToken stop;
  return run_pretraining(job, observer, stop).checkpoint;
}

std::vector<PromptRecord> short_poem_prompts() {
  std::vector<PromptRecord> out;
  for (auto& p : prompts_from_conversations(import_embedded_dialogues(true).conversations))
    if (p.reference.find('\n') != std::string::npos && p.reference.size() < 160) out.push_back(std::move(p));
  return out;
}

std::string lines_run_together(const std::string& poem) {
  std::string out = poem;
  out.erase(std::remove(out.begin(), out.end(), '\n'), out.end());
  return out;
}

void RecordingObserver::on_progress(const TrainProgress& p) {
  if (stop && p.step == stop_at_step) stop->request_stop();
}

std::vector<double> RecordingObserver::values(const std::string& name) const {
  std::vector<double> out;
  for (const auto& m : metrics)
    if (m.name == name) out.push_back(m.value);
  return out;
}

}  // namespace chattrain::testing
