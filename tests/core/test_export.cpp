// Exports: GGUF and Hugging Face folders read back by an independent reader (tests/core/export_reader.py,
// numpy, written from the formats' specifications) that also runs the model the way llama.cpp and
// transformers do; the way back (import); and what is refused.
#include <QtTest>

#include <chattrain/chat.h>
#include <chattrain/export.h>
#include <chattrain/generate.h>
#include <chattrain/data.h>
#include <chattrain/workflow.h>
#include <chattrain/tokenizer.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "export/tensorboard.h"
#include "model/gpt.h"
#include "model/safetensors.h"
#include "train/checkpoint.h"
#include "util/fs.h"

#include "fixtures.h"

using namespace chattrain;
using namespace chattrain::testing;
namespace stdfs = std::filesystem;

namespace {

struct ReaderRun {
  int exit_code = -1;
  QJsonObject json;
  QString errors;
};

// export_reader.py on a file or folder, with the token ids to run and a conversation to render.
ReaderRun read_back(const QString& kind, const std::string& path, const std::vector<int>& tokens, const QString& messages_file) {
  QStringList ids;
  for (int t : tokens) ids << QString::number(t);
  QProcess python;
  python.start("/usr/bin/python3", {QString(CHATTRAIN_TEST_DATA) + "/../core/export_reader.py", kind, QString::fromStdString(path),
                                    ids.join(','), messages_file});
  ReaderRun out;
  if (!python.waitForFinished(120'000)) return out;
  out.exit_code = python.exitCode();
  out.errors = QString::fromUtf8(python.readAllStandardError());
  out.json = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
  return out;
}

// Our model's logits; with `f16`, from the weights rounded as the F16 export rounds them (matrices only).
torch::Tensor our_logits(const std::string& checkpoint, const std::vector<int>& tokens, bool f16 = false) {
  auto weights = load_checkpoint(checkpoint, false).model;
  if (f16)
    for (auto& [name, t] : weights)
      if (t.dim() == 2) t = t.to(torch::kFloat16).to(torch::kFloat32);
  GPT model(read_checkpoint_info(checkpoint).model);
  model->load_weights(weights, checkpoint);
  torch::NoGradGuard no_grad;
  const auto ids = torch::tensor(std::vector<std::int64_t>(tokens.begin(), tokens.end())).unsqueeze(0);
  return model->forward(ids)[0].to(torch::kFloat64);  // (T, V)
}

double largest_difference(const QJsonArray& theirs, const torch::Tensor& ours) {
  double worst = 0;
  for (int t = 0; t < theirs.size(); ++t) {
    const auto row = theirs[t].toArray();
    for (int v = 0; v < row.size(); ++v) worst = std::max(worst, std::abs(row[v].toDouble() - ours[t][v].item<double>()));
  }
  return worst;
}

// tests/npm, where scripts/setup.sh installs other programs' own code from npm (llama.cpp,
// tokenizers); "" with the test skipped when it is not there, or failed where it must be.
QString npm_checks_folder() {
  const QString folder = QString(CHATTRAIN_TEST_DATA) + "/../npm";
  const bool installed = QFileInfo::exists(folder + "/node_modules/node-llama-cpp/package.json") && QFileInfo::exists(folder + "/node_modules/tokenizers");
  const bool node = !QStandardPaths::findExecutable("node").isEmpty();  // a clone shared with a system without Node.js
  if (installed && node) return folder;
  const char* why = installed ? "Node.js is not installed here, so the npm checks in tests/npm cannot run"
                              : "the npm checks are not installed in tests/npm (scripts/setup.sh installs them where Node.js 20 is)";
  if (qEnvironmentVariableIsSet("CHATTRAIN_REQUIRE_NPM_CHECKS")) QTest::qFail(why, __FILE__, __LINE__);
  else QTest::qSkip(why, __FILE__, __LINE__);
  return {};
}

// Runs one of tests/npm's scripts; its JSON output lands in `out` (null when it failed).
void run_node(const QString& folder, const QString& script, const QStringList& arguments, nlohmann::json& out) {
  QProcess node;
  node.setWorkingDirectory(folder);
  node.start("node", QStringList{script} + arguments);
  QVERIFY2(node.waitForStarted(), qPrintable("node could not be started: " + node.errorString()));
  QVERIFY2(node.waitForFinished(120'000), qPrintable(script + " did not finish within 2 minutes"));
  QVERIFY2(node.exitCode() == 0, qPrintable(QString::fromUtf8(node.readAllStandardError())));
  out = nlohmann::json::parse(node.readAllStandardOutput().toStdString());
}

// A conversation as the model sees it when it is to answer: a text begins after </s>.
std::vector<int> chat_prompt(const Conversation& chat, const Tokenizer& tokenizer) {
  std::vector<int> out{tokenizer.eos_id()};
  for (int t : tokenize_conversation(chat, tokenizer, /*generation_prompt=*/true).tokens) out.push_back(t);
  return out;
}

std::map<std::string, torch::Tensor> checkpoint_weights(const std::string& checkpoint) {
  std::map<std::string, torch::Tensor> out;
  for (auto& [name, t] : load_checkpoint(checkpoint, false).model) out[name] = t;
  return out;
}

void edit_config(const std::string& checkpoint, const std::function<void(nlohmann::json&)>& edit) {
  auto config = nlohmann::json::parse(fs::read_file(checkpoint + "/config.json"));
  edit(config);
  fs::write_file_atomic(checkpoint + "/config.json", config.dump());
}

std::string copy_of(const std::string& checkpoint, const std::string& where) {
  stdfs::copy(checkpoint, where, stdfs::copy_options::recursive);
  return where;
}

}  // namespace

class TestExport : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void gguf_runs_as_llama_cpp_reads_it_data();
  void gguf_runs_as_llama_cpp_reads_it();
  void huggingface_folder_runs_as_transformers_reads_it_data();
  void huggingface_folder_runs_as_transformers_reads_it();
  void gguf_runs_in_llama_cpp_itself_data();
  void gguf_runs_in_llama_cpp_itself();
  void huggingface_tokenizer_json_tokenizes_as_we_do_data();
  void huggingface_tokenizer_json_tokenizes_as_we_do();
  void the_reader_rejects_a_truncated_gguf();
  void export_refuses_what_it_cannot_write_faithfully();
  void import_refuses_another_models_folder();
  void crc32c_matches_the_standard_check_value();
  void runs_write_tensorboard_events_and_a_resume_replaces_the_redone_steps();
  void metrics_csv();

 private:
  std::string tokenizer_model() const { return project_->tokenizer_model(); }
  QTemporaryDir dir_;
  std::unique_ptr<Project> project_;
  std::map<QString, std::string> checkpoints_;  // "tied" and "grouped-query, untied"
  std::vector<int> tokens_;                     // a conversation as the model sees it
  QString messages_file_;
  std::string chatml_;  // the conversation as the model was trained on it: </s> and ChatML
};

void TestExport::initTestCase() {
  project_ = std::make_unique<Project>(make_small_project(dir_.filePath("p")));
  TrainingConfig tied = tiny_pretrain_config(20);  // enough steps that the weights are no longer near zero
  checkpoints_["tied"] = pretrain(*project_, "tied", tied);
  TrainingConfig grouped = tiny_pretrain_config(20);
  grouped.model.n_heads = 4, grouped.model.n_kv_heads = 2, grouped.model.tie_embeddings = false;
  checkpoints_["grouped-query, untied"] = pretrain(*project_, "grouped", grouped);

  Conversation chat;
  chat.messages = {{"system", "你是诗人。"}, {"user", "《静夜思》的作者是谁？"}};
  chatml_ = special_tokens::eos + render_chatml(chat, /*generation_prompt=*/true);  // after </s>, as in training
  tokens_ = chat_prompt(chat, Tokenizer::load(tokenizer_model()));
  tokens_.resize(std::min<size_t>(tokens_.size(), 24));  // the tiny model's context is 32
  messages_file_ = dir_.filePath("messages.json");
  fs::write_file_synced(messages_file_.toStdString(), R"([{"role": "system", "content": "你是诗人。"}, {"role": "user", "content": "《静夜思》的作者是谁？"}])");
}

void TestExport::gguf_runs_as_llama_cpp_reads_it_data() {
  QTest::addColumn<QString>("model");
  QTest::addColumn<bool>("f16");
  QTest::newRow("tied, F32") << "tied" << false;
  QTest::newRow("grouped-query, untied, F32") << "grouped-query, untied" << false;
  QTest::newRow("grouped-query, untied, F16") << "grouped-query, untied" << true;
}

void TestExport::gguf_runs_as_llama_cpp_reads_it() {
  QFETCH(QString, model);
  QFETCH(bool, f16);
  const std::string checkpoint = checkpoints_.at(model);
  const std::string file = dir_.filePath(model + (f16 ? "-f16" : "") + ".gguf").toStdString();
  const auto result = export_gguf(checkpoint, tokenizer_model(), file, f16 ? WeightType::F16 : WeightType::F32);
  QCOMPARE(result.bytes, std::int64_t(stdfs::file_size(file)));

  const ReaderRun run = read_back("gguf", file, tokens_, messages_file_);
  QVERIFY2(run.exit_code == 0, qPrintable(run.errors));
  const QJsonObject kv = run.json["kv"].toObject(), types = run.json["kv_types"].toObject();
  const ModelConfig m = read_checkpoint_info(checkpoint).model;
  QCOMPARE(kv["general.architecture"].toString(), QString("llama"));
  QCOMPARE(kv["general.file_type"].toInt(), f16 ? 1 : 0);
  QCOMPARE(kv["llama.block_count"].toInt(), m.n_layers);
  QCOMPARE(kv["llama.embedding_length"].toInt(), m.d_model);
  QCOMPARE(kv["llama.feed_forward_length"].toInt(), m.ffn_hidden);
  QCOMPARE(kv["llama.attention.head_count"].toInt(), m.n_heads);
  QCOMPARE(kv["llama.attention.head_count_kv"].toInt(), m.n_kv_heads);
  QCOMPARE(kv["llama.context_length"].toInt(), m.context_length);
  QCOMPARE(kv["llama.rope.dimension_count"].toInt(), m.head_dim());
  QCOMPARE(types["llama.block_count"].toInt(), 4);                         // llama.cpp reads these as u32...
  QCOMPARE(types["llama.attention.layer_norm_rms_epsilon"].toInt(), 6);    // ...and this as f32
  QCOMPARE(types["tokenizer.ggml.token_type"].toArray()[1].toInt(), 5);    // an array of i32

  const Tokenizer tokenizer = Tokenizer::load(tokenizer_model());
  const auto pieces = kv["tokenizer.ggml.tokens"].toArray(), scores = kv["tokenizer.ggml.scores"].toArray(),
             token_types = kv["tokenizer.ggml.token_type"].toArray();
  QCOMPARE(pieces.size(), tokenizer.vocab_size());
  for (int id = 0; id < tokenizer.vocab_size(); ++id) {
    QCOMPARE(pieces[id].toString().toStdString(), tokenizer.piece(id));
    QCOMPARE(float(scores[id].toDouble()), tokenizer.score(id));
  }
  QCOMPARE(token_types[tokenizer.unk_id()].toInt(), 2);
  QCOMPARE(token_types[tokenizer.eos_id()].toInt(), 3);                  // control
  QCOMPARE(token_types[tokenizer.im_start_id()].toInt(), 3);             // chat markers: control, as llama.cpp wants them
  QCOMPARE(token_types[tokenizer.im_end_id()].toInt(), 3);
  QCOMPARE(token_types[tokenizer.id_of("\n")].toInt(), 4);               // user-defined
  QCOMPARE(token_types[tokenizer.id_of("<0x0A>")].toInt(), 6);           // byte fallback
  QCOMPARE(token_types[tokenizer.id_of("月")].toInt(), 1);
  QCOMPARE(kv["tokenizer.ggml.model"].toString(), QString("llama"));
  QCOMPARE(kv["tokenizer.ggml.bos_token_id"].toInt(), tokenizer.eos_id());
  QCOMPARE(kv["tokenizer.ggml.eos_token_id"].toInt(), tokenizer.im_end_id());
  QCOMPARE(kv["tokenizer.ggml.add_bos_token"].toBool(), true);
  QCOMPARE(kv["tokenizer.ggml.add_space_prefix"].toBool(), false);
  // The template, rendered by Jinja, is exactly the text the model was fine-tuned on.
  QCOMPARE(run.json["rendered"].toString().toStdString(), chatml_);

  // The tensor table: every weight, dimensions fastest-varying first, norms in F32.
  const auto ours = checkpoint_weights(checkpoint);
  const auto table = run.json["tensors"].toArray();
  QCOMPARE(table.size(), int(ours.size()));
  QCOMPARE(run.json["data_start"].toInt() % 32, 0);
  for (const auto& entry : table) {
    const auto t = entry.toObject();
    const std::string name = t["name"].toString().toStdString();
    QVERIFY2(ours.count(name), name.c_str());
    const auto& tensor = ours.at(name);
    const auto dims = t["dims"].toArray();
    QCOMPARE(dims.size(), int(tensor.dim()));
    for (int d = 0; d < dims.size(); ++d) QCOMPARE(dims[d].toInt(), int(tensor.size(tensor.dim() - 1 - d)));
    QCOMPARE(t["type"].toInt(), f16 && tensor.dim() == 2 ? 1 : 0);
    const double expected = tensor.to(torch::kFloat64).pow(2).sum().item<double>();
    QVERIFY2(std::abs(run.json["sum_of_squares"].toObject()[QString::fromStdString(name)].toDouble() - expected) <= 1e-3 * expected,
             name.c_str());
  }
  QCOMPARE(ours.count("output.weight") == 0, model == "tied");  // a tied model has no output tensor: llama.cpp uses the embedding

  // The same logits from llama.cpp's rotary convention: the query and key rows were reordered right.
  const double difference = largest_difference(run.json["logits"].toArray(), our_logits(checkpoint, tokens_, f16));
  QVERIFY2(difference < 1e-4, std::to_string(difference).c_str());
}

void TestExport::huggingface_folder_runs_as_transformers_reads_it_data() {
  QTest::addColumn<QString>("model");
  QTest::newRow("tied") << "tied";
  QTest::newRow("grouped-query, untied") << "grouped-query, untied";
}

void TestExport::huggingface_folder_runs_as_transformers_reads_it() {
  QFETCH(QString, model);
  const std::string checkpoint = checkpoints_.at(model);
  const std::string folder = dir_.filePath(model + "-hf").toStdString();
  export_huggingface(checkpoint, tokenizer_model(), folder);
  for (const char* file : {"model.safetensors", "config.json", "generation_config.json", "tokenizer.model", "tokenizer_config.json", "tokenizer.json",
                           "special_tokens_map.json"})
    QVERIFY2(stdfs::exists(folder + "/" + file), file);
  QVERIFY(!stdfs::exists(folder + ".tmp"));
  QCOMPARE(fs::read_file(folder + "/tokenizer.model"), fs::read_file(tokenizer_model()));

  const ReaderRun run = read_back("hf", folder, tokens_, messages_file_);
  QVERIFY2(run.exit_code == 0, qPrintable(run.errors));
  const ModelConfig m = read_checkpoint_info(checkpoint).model;
  const QJsonObject config = run.json["config"].toObject();
  QCOMPARE(config["num_key_value_heads"].toInt(), m.n_kv_heads);
  QCOMPARE(config["tie_word_embeddings"].toBool(), m.tie_embeddings);
  QCOMPARE(config["max_position_embeddings"].toInt(), m.context_length);
  const Tokenizer tokenizer = Tokenizer::load(tokenizer_model());
  QCOMPARE(run.json["tokenizer_config"].toObject()["eos_token"].toString(), QString(special_tokens::im_end));
  QCOMPARE(run.json["generation_config"].toObject()["eos_token_id"].toArray()[0].toInt(), tokenizer.im_end_id());
  QCOMPARE(run.json["rendered"].toString().toStdString(), chatml_);
  const double difference = largest_difference(run.json["logits"].toArray(), our_logits(checkpoint, tokens_));
  QVERIFY2(difference < 1e-4, std::to_string(difference).c_str());

  // The way back: the imported checkpoint holds the very same weights and chats like the original.
  const std::string imported = import_huggingface(folder, tokenizer_model(), project_->run_dir("imported-" + model.toStdString()));
  QCOMPARE(read_checkpoint_info(imported).stage, std::string("import"));
  const auto before = checkpoint_weights(checkpoint), after = checkpoint_weights(imported);
  QCOMPARE(after.size(), before.size());
  for (const auto& [name, tensor] : before) QVERIFY2(torch::equal(after.at(name), tensor), name.c_str());

  // Sharded, as most public models ship: the same tensors in two files named by an index (issue 21.5:
  // such a folder never imported).
  const std::string sharded = folder + "-sharded";
  stdfs::create_directories(sharded);
  for (const auto& entry : stdfs::directory_iterator(folder))
    if (entry.path().filename() != "model.safetensors") stdfs::copy_file(entry.path(), sharded / entry.path().filename());
  const NamedTensors all = load_safetensors(folder + "/model.safetensors");
  const auto half = long(all.size() / 2);
  nlohmann::json weight_map = nlohmann::json::object();
  const std::vector<std::pair<std::string, NamedTensors>> shards{
      {"model-00001-of-00002.safetensors", NamedTensors(all.begin(), all.begin() + half)},
      {"model-00002-of-00002.safetensors", NamedTensors(all.begin() + half, all.end())}};
  for (const auto& [file, tensors] : shards) {
    save_safetensors(sharded + "/" + file, tensors, {{"format", "pt"}});
    for (const auto& [name, tensor] : tensors) weight_map[name] = file;
  }
  fs::write_file_synced(sharded + "/model.safetensors.index.json",
                        nlohmann::json{{"metadata", {{"total_size", 0}}}, {"weight_map", weight_map}}.dump(2));
  const std::string from_shards = import_huggingface(sharded, tokenizer_model(), project_->run_dir("sharded-" + model.toStdString()));
  const auto sharded_weights = checkpoint_weights(from_shards);
  QCOMPARE(sharded_weights.size(), before.size());
  for (const auto& [name, tensor] : before) QVERIFY2(torch::equal(sharded_weights.at(name), tensor), name.c_str());
}

void TestExport::gguf_runs_in_llama_cpp_itself_data() { gguf_runs_as_llama_cpp_reads_it_data(); }

// Not a reader of ours this time: llama.cpp's own library (node-llama-cpp's prebuilt build, installed
// by scripts/setup.sh from npm into tests/npm) loads the file, tokenizes, renders the chat
// template, predicts and chats.
void TestExport::gguf_runs_in_llama_cpp_itself() {
  const QString folder = npm_checks_folder();
  if (folder.isEmpty()) return;
  QFETCH(QString, model);
  QFETCH(bool, f16);
  const std::string checkpoint = checkpoints_.at(model);
  const std::string file = dir_.filePath(model + (f16 ? "-f16" : "") + "-llama.gguf").toStdString();
  export_gguf(checkpoint, tokenizer_model(), file, f16 ? WeightType::F16 : WeightType::F32);

  const Tokenizer tokenizer = Tokenizer::load(tokenizer_model());
  const std::vector<std::string> texts{"床前明月光，疑是地上霜。", "Hello, world!\nHow are you today?", "《静夜思》 李白 701 年",
                                       "罕见字：龘 and an emoji 🙂"};  // the last two fall back to bytes
  Conversation chat;
  chat.messages = {{"user", "静夜思"}};
  const int answer_tokens = 6;
  TextGenerator generator = TextGenerator::load(checkpoint, tokenizer_model(), "cpu");
  const std::vector<int> prompt = chat_prompt(chat, tokenizer);
  QVERIFY(int(prompt.size()) + answer_tokens <= read_checkpoint_info(checkpoint).model.context_length);

  nlohmann::json request = {{"texts", texts}, {"tokens", tokens_}, {"answer_tokens", answer_tokens},
                            {"messages", {{{"role", "user"}, {"content", chat.messages[0].content}}}}};
  const QString request_file = dir_.filePath("llama-request.json");
  fs::write_file_synced(request_file.toStdString(), request.dump());
  nlohmann::json theirs;
  run_node(folder, "gguf_in_llama_cpp.mjs", {QString::fromStdString(file), request_file}, theirs);
  QVERIFY(!theirs.is_null());

  // It loads without overriding anything in the file.
  for (const auto& line : theirs["log"]) QVERIFY2(line.get<std::string>().find("bug") == std::string::npos, line.get<std::string>().c_str());
  // It tokenizes text as our SentencePiece model does, byte fallback included.
  for (size_t i = 0; i < texts.size(); ++i) QCOMPARE(theirs["tokenized"][i].get<std::vector<int>>(), tokenizer.encode(texts[i]));
  // The GGUF's template, rendered by llama.cpp's Jinja and tokenized as a prompt, is our chat prompt.
  QCOMPARE(theirs["chat_tokens"].get<std::vector<int>>(), prompt);
  // The same next-token probabilities at every position (F16: against our model with F16-rounded weights;
  // llama.cpp also rounds the activations to F16 for those products).
  const torch::Tensor ours = torch::softmax(our_logits(checkpoint, tokens_, f16), -1);
  double worst = 0;
  for (size_t t = 0; t < tokens_.size(); ++t) {
    const auto row = theirs["probabilities"][t].get<std::vector<double>>();
    QCOMPARE(int(row.size()), tokenizer.vocab_size());
    for (size_t v = 0; v < row.size(); ++v) worst = std::max(worst, std::abs(row[v] - ours[long(t)][long(v)].item<double>()));
  }
  // Measured: 4e-6 (F32) and 1.4e-5 (F16); a wrong rotary permutation is off by 0.1 and more.
  QVERIFY2(worst < (f16 ? 5e-4 : 5e-5), std::to_string(worst).c_str());
  // And a greedy chat answer is ours, word for word.
  SamplingOptions greedy;
  greedy.temperature = 0, greedy.top_k = 0, greedy.top_p = 1, greedy.repetition_penalty = 1, greedy.max_new_tokens = answer_tokens;
  const std::string answer = generator.chat(chat, greedy).text;
  qInfo("llama.cpp answers %s, we answer %s (largest probability difference %.2g)", theirs["answer"].get<std::string>().c_str(),
        answer.c_str(), worst);
  if (!f16) QCOMPARE(QString::fromStdString(theirs["answer"].get<std::string>()).trimmed(), QString::fromStdString(answer).trimmed());
}

void TestExport::huggingface_tokenizer_json_tokenizes_as_we_do_data() {
  QTest::addColumn<QString>("algorithm");
  QTest::newRow("BPE") << "bpe";
  QTest::newRow("unigram") << "unigram";
}

// The export's tokenizer.json, read by Hugging Face's tokenizers library (what transformers' fast
// tokenizer runs), gives our SentencePiece ids for poems, dialogues, English, digits, spaces, bytes
// and chat markers, and decodes them back to the text.
void TestExport::huggingface_tokenizer_json_tokenizes_as_we_do() {
  const QString folder = npm_checks_folder();
  if (folder.isEmpty()) return;
  QFETCH(QString, algorithm);
  // A tokenizer of the demo's size, trained here: with few merges their order would go untested.
  const ImportResult corpus = import_embedded_corpus();
  std::vector<std::string> documents;
  for (const auto& d : corpus.documents) documents.push_back(d.text);
  TokenizerTrainOptions options;
  options.model_type = algorithm.toStdString();
  const std::string prefix = dir_.filePath(algorithm).toStdString(), model = prefix + ".model";
  Tokenizer::train(documents, prefix, options);
  const Tokenizer tokenizer = Tokenizer::load(model);
  QCOMPARE(tokenizer.is_bpe(), algorithm == "bpe");
  std::vector<std::string> texts{"Hello, world!\nHow are you today?", "  two  spaces, a tab\tand a trailing space ",
                                 "digits 12345 and 3.14", "罕见字：龘 and an emoji 🙂", "<|im_start|>user\n你好<|im_end|>\n"};
  for (size_t i = 0; i < documents.size(); i += 10) texts.push_back(documents[i]);
  for (const auto& conversation : import_embedded_dialogues(/*held_out=*/true).conversations)
    if (texts.size() < 1000) texts.push_back(render_chatml(conversation, /*generation_prompt=*/false));

  const QString json_file = dir_.filePath(algorithm + "-tokenizer.json"), texts_file = dir_.filePath(algorithm + "-texts.json");
  fs::write_file_synced(json_file.toStdString(), huggingface_tokenizer_json(model));
  fs::write_file_synced(texts_file.toStdString(), nlohmann::json(texts).dump());
  nlohmann::json theirs;
  run_node(folder, "tokenizer_json.mjs", {json_file, texts_file}, theirs);
  QVERIFY(!theirs.is_null());
  for (size_t i = 0; i < texts.size(); ++i) {
    QVERIFY2(theirs["ids"][i].get<std::vector<int>>() == tokenizer.encode(texts[i]), texts[i].c_str());
    QCOMPARE(theirs["decoded"][i].get<std::string>(), texts[i]);
  }
}

// The reader is strict: the same file cut short is an error, not a pass.
void TestExport::the_reader_rejects_a_truncated_gguf() {
  const std::string file = dir_.filePath("truncated.gguf").toStdString();
  export_gguf(checkpoints_.at("tied"), tokenizer_model(), file);
  const std::string bytes = fs::read_file(file);
  fs::write_file_synced(file, bytes.substr(0, bytes.size() - 100));
  const ReaderRun run = read_back("gguf", file, tokens_, messages_file_);
  QCOMPARE(run.exit_code, 1);
  QVERIFY2(run.errors.contains("past the end"), qPrintable(run.errors));
}

void TestExport::export_refuses_what_it_cannot_write_faithfully() {
  const std::string reward = copy_of(checkpoints_.at("tied"), dir_.filePath("reward-copy").toStdString());
  edit_config(reward, [](nlohmann::json& c) { c["stage"] = "reward"; });
  const std::string existing = dir_.filePath("existing.gguf").toStdString();
  fs::write_file_synced(existing, "the user's file");
  try {
    export_gguf(reward, tokenizer_model(), existing);
    QFAIL("a reward model was exported");
  } catch (const Error& e) {
    QVERIFY2(std::string(e.what()).find("reward model") != std::string::npos, e.what());
  }
  QCOMPARE(fs::read_file(existing), std::string("the user's file"));

  const std::string foreign = copy_of(checkpoints_.at("tied"), dir_.filePath("foreign-copy").toStdString());
  edit_config(foreign, [](nlohmann::json& c) { c["tokenizer_hash"] = "0123456789abcdef"; });
  try {
    export_huggingface(foreign, tokenizer_model(), dir_.filePath("foreign-hf").toStdString());
    QFAIL("a checkpoint of another tokenizer was exported");
  } catch (const Error& e) {
    QVERIFY2(std::string(e.what()).find("another tokenizer") != std::string::npos, e.what());
  }
  QVERIFY(!stdfs::exists(dir_.filePath("foreign-hf").toStdString()));

  const std::string occupied = dir_.filePath("occupied").toStdString();
  stdfs::create_directories(occupied);
  fs::write_file_synced(occupied + "/notes.txt", "mine");
  QVERIFY_THROWS_EXCEPTION(Error, export_huggingface(checkpoints_.at("tied"), tokenizer_model(), occupied));
  QCOMPARE(fs::read_file(occupied + "/notes.txt"), std::string("mine"));

  try {
    export_gguf(checkpoints_.at("tied"), tokenizer_model(), "/nonexistent-folder/model.gguf");
    QFAIL("wrote into a folder that does not exist");
  } catch (const Error& e) {
    QVERIFY2(std::string(e.what()).find("/nonexistent-folder/model.gguf") != std::string::npos, e.what());
  }
}

void TestExport::import_refuses_another_models_folder() {
  const std::string folder = dir_.filePath("to-break-hf").toStdString();
  export_huggingface(checkpoints_.at("tied"), tokenizer_model(), folder);
  auto refusal = [&](const std::string& where) -> std::string {
    try {
      import_huggingface(where, tokenizer_model(), dir_.filePath("import-run").toStdString());
    } catch (const Error& e) {
      return e.what();
    }
    return "(imported)";
  };
  const std::string other_tokenizer = dir_.filePath("other-tokenizer-hf").toStdString();
  stdfs::copy(folder, other_tokenizer, stdfs::copy_options::recursive);
  const Project other_project = make_small_project(dir_.filePath("other"), 300);  // a tokenizer trained on other text
  fs::write_file_synced(other_tokenizer + "/tokenizer.model", fs::read_file(other_project.tokenizer_model()));
  QVERIFY2(refusal(other_tokenizer).find("is not the project's tokenizer") != std::string::npos, refusal(other_tokenizer).c_str());

  const std::string scaled = dir_.filePath("scaled-hf").toStdString();
  stdfs::copy(folder, scaled, stdfs::copy_options::recursive);
  auto config = nlohmann::json::parse(fs::read_file(scaled + "/config.json"));
  config["rope_scaling"] = {{"type", "linear"}, {"factor", 2.0}};
  fs::write_file_atomic(scaled + "/config.json", config.dump());
  QVERIFY2(refusal(scaled).find(scaled + "/config.json") != std::string::npos, refusal(scaled).c_str());
  QVERIFY2(refusal(scaled).find("rotary") != std::string::npos, refusal(scaled).c_str());

  // Settings no model can have: a clear refusal naming config.json, never a signal (0 heads divided by).
  for (const auto& [key, value] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"num_attention_heads", 0}, {"rms_norm_eps", -1e-5}, {"rope_theta", 0.0}, {"hidden_size", -64}}) {
    auto bad = nlohmann::json::parse(fs::read_file(folder + "/config.json"));
    bad[key] = value;
    fs::write_file_atomic(scaled + "/config.json", bad.dump());
    const std::string why = refusal(scaled);
    QVERIFY2(why.find(scaled + "/config.json") != std::string::npos && why.find("model settings") != std::string::npos,
             (key + ": " + why).c_str());
  }

  // Settings of the wrong type (issue 21.7: the JSON library's words, no file; a size of 1e30 converted
  // with undefined behaviour): refused naming config.json and the setting.
  for (const auto& [key, value] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"num_attention_heads", "two"}, {"vocab_size", 1e30}, {"hidden_size", 64.5}, {"rope_theta", "big"}, {"model_type", 5}}) {
    auto bad = nlohmann::json::parse(fs::read_file(folder + "/config.json"));
    bad[key] = value;
    fs::write_file_atomic(scaled + "/config.json", bad.dump());
    const std::string why = refusal(scaled);
    QVERIFY2(why.find(scaled + "/config.json") != std::string::npos && why.find(key) != std::string::npos, (key + ": " + why).c_str());
  }
  // A shard index without its weight map, or naming a file of another folder.
  const std::string sharded = dir_.filePath("bad-index-hf").toStdString();
  stdfs::copy(folder, sharded, stdfs::copy_options::recursive);
  stdfs::remove(sharded + "/model.safetensors");
  for (const char* index : {R"({"metadata": {}})", R"({"weight_map": {"w": "../to-break-hf/model.safetensors"}})", R"([1])"}) {
    fs::write_file_atomic(sharded + "/model.safetensors.index.json", index);
    const std::string why = refusal(sharded);
    QVERIFY2(why.find(sharded + "/model.safetensors.index.json") != std::string::npos && why.find("weight_map") != std::string::npos,
             (std::string(index) + ": " + why).c_str());
  }

  fs::write_file_atomic(scaled + "/config.json", "{\"model_type\": \"llama\",");
  QVERIFY2(refusal(scaled).find("broken JSON") != std::string::npos, refusal(scaled).c_str());
  QVERIFY(!stdfs::exists(dir_.filePath("import-run").toStdString() + "/latest"));  // nothing half-imported
}

// The check value of CRC-32C (Castagnoli) for "123456789", from the CRC catalogue.
void TestExport::crc32c_matches_the_standard_check_value() {
  QCOMPARE(crc32c("123456789"), 0xe3069283u);
  QCOMPARE(crc32c(""), 0u);
}

void TestExport::runs_write_tensorboard_events_and_a_resume_replaces_the_redone_steps() {
  PretrainJob job;
  job.run_dir = project_->run_dir("events");
  job.data_dirs = prepare_shards(*project_);
  job.tokenizer_model = tokenizer_model();
  job.config = tiny_pretrain_config(8);
  job.config.eval_interval = 3;
  job.config.checkpoint_interval = 3;
  StopToken stop;
  RecordingObserver first;
  first.stop = &stop, first.stop_at_step = 5;
  QCOMPARE(run_pretraining(job, first, stop).status, TrainOutcome::Status::Stopped);
  job.resume = true;
  StopToken no_stop;
  RecordingObserver second;
  QCOMPARE(run_pretraining(job, second, no_stop).status, TrainOutcome::Status::Finished);

  std::vector<std::string> files;
  for (const auto& entry : stdfs::directory_iterator(job.run_dir))
    if (entry.path().filename().string().rfind("events.out.tfevents.", 0) == 0) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  QCOMPARE(files.size(), size_t(2));  // one per session
  for (int session = 0; session < 2; ++session) {
    const auto& expected = session == 0 ? first.metrics : second.metrics;
    const ReaderRun run = read_back("tfevents", files[size_t(session)], {}, "");
    QVERIFY2(run.exit_code == 0, qPrintable(run.errors));
    const auto events = run.json["events"].toArray();
    QCOMPARE(events[0].toObject()["file_version"].toString(), QString("brain.Event:2"));
    int next = 1;
    if (session == 1) {  // TensorBoard drops the first session's points from here on: they were redone
      QCOMPARE(events[1].toObject()["session_log_status"].toInt(), 1);
      QCOMPARE(events[1].toObject()["step"].toInteger(), expected.front().step);
      next = 2;
    }
    QCOMPARE(events.size() - next, int(expected.size()));
    for (const auto& point : expected) {
      const auto e = events[next++].toObject();
      QCOMPARE(e["step"].toInteger(), point.step);
      QCOMPARE(e["tag"].toString().toStdString(), point.name);
      QCOMPARE(float(e["value"].toDouble()), float(point.value));
      QCOMPARE(e["wall_time"].toDouble(), point.time);
    }
  }
  QVERIFY(second.metrics.front().step > 1);  // the second session did continue, not start over
}

void TestExport::metrics_csv() {
  QCOMPARE(chattrain::metrics_csv({{7, "val/loss", 2.5, 1700000000.25}, {8, "train/loss", 1.0 / 3, 1700000001}}),
           std::string("step,name,value,time\n7,val/loss,2.5,1700000000.250\n8,train/loss,0.333333333,1700000001.000\n"));
}

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
