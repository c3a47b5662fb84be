// Supervised fine-tuning: the loss counts only the answers, falls from a pretrained parent, records
// its lineage, and refuses a parent trained with another tokenizer.
#include <QtTest>

#include <set>

#include <chattrain/chat.h>
#include <chattrain/data.h>
#include <chattrain/generate.h>
#include <chattrain/workflow.h>

#include "train/checkpoint.h"
#include "train/conversation_data.h"
#include "fixtures.h"

using namespace chattrain;

namespace {
// "Who wrote 《title》?" → the author, from the embedded poems: a task the poems taught the words for.
std::vector<Conversation> author_questions(size_t count) {
  std::vector<Conversation> out;
  for (const auto& doc : import_embedded_corpus().documents) {
    const auto close = doc.text.find("》"), newline = doc.text.find('\n');
    if (close == std::string::npos || newline == std::string::npos) continue;
    const std::string title = doc.text.substr(0, close + 3), author = doc.text.substr(close + 3, newline - close - 3);
    if (author.empty()) continue;
    out.push_back(Conversation{{{"user", title + "的作者是谁？"}, {"assistant", author}}, "poems", doc.line});
    if (out.size() == count) break;
  }
  return out;
}
}  // namespace

class TestSft : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void targets_are_the_answers_only();
  void too_long_conversations_can_be_left_out();
  void loss_falls_from_a_pretrained_parent_and_lineage_is_kept();
  void parent_from_another_tokenizer_is_refused();
  void demo_set_is_embedded_with_a_held_out_part();
  void held_out_set_is_the_validation();
  void loss_falls_on_the_demo_set();
  void chat_answers_and_stops_at_im_end();

 private:
  SftJob job(const std::string& run, int steps) const;
  QTemporaryDir dir_;
  std::unique_ptr<Project> project_;
  std::string parent_;
};

void TestSft::initTestCase() {
  project_ = std::make_unique<Project>(testing::make_small_project(dir_.filePath("p"), 1200));
  auto config = testing::tiny_pretrain_config(60);
  config.model.context_length = 64;  // a question and its answer fit
  parent_ = testing::pretrain(*project_, "base", config);
  QVERIFY(!parent_.empty());
}

SftJob TestSft::job(const std::string& run, int steps) const {
  SftJob j;
  j.run_dir = project_->run_dir(run);
  j.parent_checkpoint = parent_;
  j.tokenizer_model = project_->tokenizer_model();
  j.conversations = author_questions(400);
  j.val_fraction = 0.1;
  j.config = testing::tiny_pretrain_config(steps);
  j.config.eval_interval = 20;
  j.config.sample_interval = steps;
  j.config.sample_prompt = "《春晓》的作者是谁？";
  return j;
}

void TestSft::targets_are_the_answers_only() {
  const auto tokenizer = Tokenizer::load(project_->tokenizer_model());
  Conversation c{{{"system", "简短"}, {"user", "谁？"}, {"assistant", "李白"}}, "t", 1};
  ConversationData data({c}, tokenizer, 0.0);
  const auto [inputs, targets] = data.batch(2, 64, 1, 0, false);
  QCOMPARE(inputs.sizes(), (c10::IntArrayRef{2, 64}));
  std::vector<int> counted;
  for (std::int64_t i = 0; i < 64; ++i)
    if (targets[0][i].item<std::int64_t>() >= 0) counted.push_back(int(targets[0][i].item<std::int64_t>()));
  QCOMPARE(QString::fromStdString(tokenizer.decode(counted)), QString::fromUtf8("李白<|im_end|>"));
  // Each counted target is the next input token: position i predicts token i+1.
  const auto rendered = tokenize_conversation(c, tokenizer);
  QCOMPARE(inputs[0][0].item<std::int64_t>(), std::int64_t(tokenizer.eos_id()));
  QCOMPARE(inputs[0][1].item<std::int64_t>(), std::int64_t(rendered.tokens[0]));
  QCOMPARE(inputs[0][63].item<std::int64_t>(), std::int64_t(tokenizer.pad_id()));  // padded, not counted
  QCOMPARE(targets[0][63].item<std::int64_t>(), std::int64_t(-1));
  // A window too short for the whole conversation keeps its end: the answer is still trained.
  const auto [short_inputs, short_targets] = data.batch(1, 8, 1, 0, false);
  std::vector<int> kept;
  for (std::int64_t i = 0; i < 8; ++i)
    if (short_targets[0][i].item<std::int64_t>() >= 0) kept.push_back(int(short_targets[0][i].item<std::int64_t>()));
  QCOMPARE(QString::fromStdString(tokenizer.decode(kept)), QString::fromUtf8("李白<|im_end|>"));
}

// Issue 20.4: besides keeping the end, a user may leave out what does not fit; a run keeps that choice.
void TestSft::too_long_conversations_can_be_left_out() {
  const auto tokenizer = Tokenizer::load(project_->tokenizer_model());
  const Conversation short_one{{ChatMessage{"user", "谁？"}, ChatMessage{"assistant", "李白"}}, "t", 1};
  std::string poem;
  for (int i = 0; i < 6; ++i) poem += "床前明月光，疑是地上霜。";
  const Conversation long_one{{ChatMessage{"user", "写诗"}, ChatMessage{"assistant", poem}}, "t", 2};
  const size_t short_positions = tokenize_conversation(short_one, tokenizer).tokens.size();  // with </s>: one more token
  QVERIFY(tokenize_conversation(long_one, tokenizer).tokens.size() > short_positions + 8);
  const ConversationData cut({short_one, long_one}, tokenizer, 0.0);
  const ConversationData dropped({short_one, long_one}, tokenizer, 0.0, {}, short_positions);
  QCOMPARE(cut.dropped(), size_t(0));
  QCOMPARE(dropped.dropped(), size_t(1));
  QCOMPARE(dropped.train_tokens(), std::uint64_t(short_positions + 1));
  try {
    ConversationData none({long_one}, tokenizer, 0.0, {}, short_positions);
    QFAIL("nothing left to train on was accepted");
  } catch (const Error& e) {
    QVERIFY2(std::string(e.what()).find("longer than the sequence") != std::string::npos, e.what());
  }
  auto config = testing::tiny_pretrain_config(1);
  QVERIFY(config.to_json().find("drop_too_long") == std::string::npos);
  config.drop_too_long = true;
  TrainingConfig read_back;
  read_back.apply_json(config.to_json());
  QVERIFY(read_back.drop_too_long);
}

void TestSft::loss_falls_from_a_pretrained_parent_and_lineage_is_kept() {
  testing::RecordingObserver observer;
  StopToken stop;
  const auto outcome = run_sft(job("sft", 100), observer, stop);
  QCOMPARE(outcome.status, TrainOutcome::Status::Finished);
  const auto val = observer.values("val/loss");
  QCOMPARE(int(val.size()), 5);
  // Held-out authors fall by 0.43 to 0.68 nats over these 100 steps depending on the CPU's BLAS kernels
  // (AVX-512 vs AVX2 round differently and a tiny model at this learning rate follows its rounding).
  QVERIFY2(val.back() < val.front() - 0.3, (std::to_string(val.front()) + " → " + std::to_string(val.back())).c_str());
  const auto info = read_checkpoint_info(outcome.checkpoint);
  QCOMPARE(QString::fromStdString(info.stage), QString("sft"));
  QCOMPARE(QString::fromStdString(info.parent), QString::fromStdString(parent_));
  QCOMPARE(info.model.d_model, read_checkpoint_info(parent_).model.d_model);  // the parent's shape
  QVERIFY(!observer.samples.empty());
  QVERIFY(QString::fromStdString(observer.samples.back()).startsWith(QString::fromUtf8("» 《春晓》的作者是谁？")));
}

void TestSft::parent_from_another_tokenizer_is_refused() {
  QTemporaryDir other;
  auto project = testing::make_small_project(other.filePath("q"), 300);
  auto j = job("refused", 5);
  j.tokenizer_model = project.tokenizer_model();
  testing::RecordingObserver observer;
  StopToken stop;
  try {
    run_sft(j, observer, stop);
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("another tokenizer"), e.what());
    QVERIFY2(QString(e.what()).contains(QString::fromStdString(parent_)), e.what());
  }
}

void TestSft::demo_set_is_embedded_with_a_held_out_part() {
  const auto train = import_embedded_dialogues(false), held_out = import_embedded_dialogues(true);
  QVERIFY(train.rejected.empty());
  QVERIFY(held_out.rejected.empty());
  QVERIFY(train.conversations.size() > 5000);
  QVERIFY(held_out.conversations.size() > 300);
  int english = 0, system = 0, two_turn = 0;
  std::set<std::string> train_answers;
  for (const auto& c : train.conversations) {
    english += c.messages.back().content.find("written by") != std::string::npos;
    system += c.messages.front().role == "system";
    two_turn += c.messages.size() >= 4;
    train_answers.insert(c.messages.back().content);
  }
  QVERIFY(english > 100);
  QVERIFY(system > 100);
  QVERIFY(two_turn > 100);
  // Held out by poem: no held-out answer is one the training part teaches.
  for (const auto& c : held_out.conversations)
    QVERIFY2(!train_answers.count(c.messages.back().content), c.messages.back().content.c_str());
}

void TestSft::held_out_set_is_the_validation() {
  const auto tokenizer = Tokenizer::load(project_->tokenizer_model());
  const Conversation trained{{{"user", "谁？"}, {"assistant", "李白"}}, "t", 1};
  const Conversation held_out{{{"user", "谁？"}, {"assistant", "杜甫"}}, "h", 1};
  // val_fraction 1 would put everything in validation; a held-out set overrides it.
  ConversationData data({trained}, tokenizer, 1.0, {held_out});
  QVERIFY(data.has_validation());
  auto answer = [&](bool validation) {
    const auto [inputs, targets] = data.batch(1, 32, 7, 0, validation);
    std::vector<int> counted;
    for (std::int64_t i = 0; i < 32; ++i)
      if (targets[0][i].item<std::int64_t>() >= 0) counted.push_back(int(targets[0][i].item<std::int64_t>()));
    return QString::fromStdString(tokenizer.decode(counted));
  };
  QCOMPARE(answer(false), QString::fromUtf8("李白<|im_end|>"));
  QCOMPARE(answer(true), QString::fromUtf8("杜甫<|im_end|>"));
}

void TestSft::loss_falls_on_the_demo_set() {
  ensure_demo_dialogues(*project_);
  auto j = job("demo", 150);
  j.conversations = load_dialogue_dataset(*project_, embedded_dialogues_name);
  j.conversations.resize(1500);
  j.validation = load_dialogue_dataset(*project_, std::string(embedded_dialogues_name) + "-heldout");
  j.validation.resize(200);
  testing::RecordingObserver observer;
  StopToken stop;
  QCOMPARE(run_sft(j, observer, stop).status, TrainOutcome::Status::Finished);
  const auto val = observer.values("val/loss");
  QVERIFY(val.size() >= 2);
  // Held-out authors fall by 0.43 to 0.68 nats over these 100 steps depending on the CPU's BLAS kernels
  // (AVX-512 vs AVX2 round differently and a tiny model at this learning rate follows its rounding).
  QVERIFY2(val.back() < val.front() - 0.3, (std::to_string(val.front()) + " → " + std::to_string(val.back())).c_str());
}

// One conversation learnt by heart: greedy chat gives its answer and stops at <|im_end|>, which is
// not part of the text; the pretrained parent, never taught to stop, runs on to max tokens.
void TestSft::chat_answers_and_stops_at_im_end() {
  auto j = job("by-heart", 80);
  const Conversation lesson{{{"user", "《静夜思》的作者是谁？"}, {"assistant", "李白"}}, "t", 1};
  j.conversations.assign(8, lesson);
  j.val_fraction = 0;
  j.config.batch_size = 4;
  testing::RecordingObserver observer;
  StopToken stop;
  const auto outcome = run_sft(j, observer, stop);
  QCOMPARE(outcome.status, TrainOutcome::Status::Finished);
  SamplingOptions greedy;
  greedy.temperature = 0;
  greedy.repetition_penalty = 1;
  greedy.max_new_tokens = 20;
  auto generator = TextGenerator::load(outcome.checkpoint, project_->tokenizer_model(), "cpu");
  const Conversation question{{{"user", "《静夜思》的作者是谁？"}}, "", 0};
  std::string streamed;
  const auto answer = generator.chat(question, greedy, [&](const std::string& piece) { streamed += piece; return true; });
  QCOMPARE(QString::fromStdString(answer.text), QString::fromUtf8("李白"));
  QCOMPARE(QString::fromStdString(answer.stop_reason), QString("stop token"));
  QCOMPARE(QString::fromStdString(streamed), QString::fromUtf8("李白"));
  const auto& tokenizer = generator.tokenizer();
  QVERIFY(std::find(answer.tokens.begin(), answer.tokens.end(), tokenizer.im_end_id()) == answer.tokens.end());
  auto parent = TextGenerator::load(parent_, project_->tokenizer_model(), "cpu");
  QCOMPARE(QString::fromStdString(parent.chat(question, greedy).stop_reason), QString("max tokens"));
}

QTEST_GUILESS_MAIN(TestSft)
#include "test_sft.moc"
