// Sampling: the logit filters against hand-computed numbers, seeds, stop tokens, streaming, and the
// refusal of a checkpoint made with another tokenizer.
#include <QtTest>

#include <chattrain/generate.h>
#include <chattrain/workflow.h>

#include "generate/sampler.h"
#include "fixtures.h"

using namespace chattrain;

namespace {
std::vector<float> values(const torch::Tensor& t) {
  auto c = t.contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}
constexpr float kInf = std::numeric_limits<float>::infinity();
}  // namespace

class TestGenerate : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void logit_filters_data();
  void logit_filters();
  void same_seed_same_text();
  void streamed_pieces_make_the_text();
  void settled_text_holds_back_unfinished_characters_data();
  void settled_text_holds_back_unfinished_characters();
  void stop_mid_answer();
  void max_tokens_is_respected();
  void chatml_prompt_ends_at_its_turn();
  void other_tokenizer_is_refused();
  void answer_log_probs_are_the_sampling_distribution();

 private:
  QTemporaryDir dir_;
  std::unique_ptr<Project> project_;
  std::string checkpoint_;
};

void TestGenerate::initTestCase() {
  project_ = std::make_unique<Project>(testing::make_small_project(dir_.filePath("p"), 600));
  checkpoint_ = testing::pretrain(*project_, "gen", testing::tiny_pretrain_config(30));
  QVERIFY(!checkpoint_.empty());
}

void TestGenerate::logit_filters_data() {
  QTest::addColumn<double>("temperature");
  QTest::addColumn<int>("top_k");
  QTest::addColumn<double>("top_p");
  QTest::addColumn<double>("penalty");
  QTest::addColumn<std::vector<float>>("expected");
  // Logits [1, 2, 3, 4, -1]; the context holds tokens 0 and 4.
  QTest::newRow("nothing") << 1.0 << 0 << 1.0 << 1.0 << std::vector<float>{1, 2, 3, 4, -1};
  QTest::newRow("temperature 0.5 doubles") << 0.5 << 0 << 1.0 << 1.0 << std::vector<float>{2, 4, 6, 8, -2};
  QTest::newRow("top-k 2") << 1.0 << 2 << 1.0 << 1.0 << std::vector<float>{-kInf, -kInf, 3, 4, -kInf};
  // softmax ≈ [.032 .086 .234 .636 .012]: 0.636 alone reaches 0.5; 0.636 + 0.234 reaches 0.8.
  QTest::newRow("top-p 0.5") << 1.0 << 0 << 0.5 << 1.0 << std::vector<float>{-kInf, -kInf, -kInf, 4, -kInf};
  QTest::newRow("top-p 0.8") << 1.0 << 0 << 0.8 << 1.0 << std::vector<float>{-kInf, -kInf, 3, 4, -kInf};
  // CTRL's penalty: positive seen logits divided, negative ones multiplied.
  QTest::newRow("repetition penalty 2") << 1.0 << 0 << 1.0 << 2.0 << std::vector<float>{0.5, 2, 3, 4, -2};
}

void TestGenerate::logit_filters() {
  QFETCH(double, temperature);
  QFETCH(int, top_k);
  QFETCH(double, top_p);
  QFETCH(double, penalty);
  QFETCH(std::vector<float>, expected);
  SamplingOptions o;
  o.temperature = temperature;
  o.top_k = top_k;
  o.top_p = top_p;
  o.repetition_penalty = penalty;
  const auto got = values(process_logits(torch::tensor({1.f, 2.f, 3.f, 4.f, -1.f}), {0, 4, 0}, o));
  QCOMPARE(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) QVERIFY2(got[i] == expected[i] || std::abs(got[i] - expected[i]) < 1e-6, std::to_string(i).c_str());
}

// The log-probabilities the evaluation's KL is built on: over every one-token answer they make a
// distribution at any temperature; their likeliest token is the one greedy decoding picks first; and a
// two-token answer's is the first token's plus the second's after it.
void TestGenerate::answer_log_probs_are_the_sampling_distribution() {
  auto generator = TextGenerator::load(checkpoint_, project_->tokenizer_model());
  Conversation conversation;
  conversation.messages.push_back({"user", "《春"});
  std::vector<std::vector<int>> every_token;
  for (int v = 0; v < generator.tokenizer().vocab_size(); ++v) every_token.push_back({v});
  for (double temperature : {1.0, 0.5}) {
    const auto log_probs = generator.answer_log_probs(conversation, every_token, temperature);
    double total = 0;
    for (double lp : log_probs) total += std::exp(lp);
    QVERIFY2(std::abs(total - 1.0) < 1e-4, qPrintable(QString("T %1: %2").arg(temperature).arg(total)));
    SamplingOptions greedy;
    greedy.temperature = 0;
    greedy.max_new_tokens = 2;
    const auto first = generator.chat_batch(conversation, greedy, 1).front().tokens;
    QVERIFY(!first.empty());
    QCOMPARE(int(std::max_element(log_probs.begin(), log_probs.end()) - log_probs.begin()), first.front());
    QCOMPARE(first.size(), size_t(2));  // a pretrained model does not end an answer
    if (temperature == 1.0) {  // the second token, after the greedy first
      std::vector<std::vector<int>> pairs;
      for (int v = 0; v < generator.tokenizer().vocab_size(); ++v) pairs.push_back({first[0], v});
      const auto pair_log_probs = generator.answer_log_probs(conversation, pairs, temperature);
      double after_first = 0;
      for (double lp : pair_log_probs) after_first += std::exp(lp - log_probs[size_t(first[0])]);
      QVERIFY2(std::abs(after_first - 1.0) < 1e-4, qPrintable(QString::number(after_first)));
      QCOMPARE(int(std::max_element(pair_log_probs.begin(), pair_log_probs.end()) - pair_log_probs.begin()), first[1]);
    }
  }
}

void TestGenerate::same_seed_same_text() {
  auto generator = TextGenerator::load(checkpoint_, project_->tokenizer_model());
  SamplingOptions o;
  o.max_new_tokens = 40;
  o.seed = 5;
  const auto a = generator.generate("《春", o), b = generator.generate("《春", o);
  QCOMPARE(a.tokens, b.tokens);
  QVERIFY(!a.tokens.empty());
  o.seed = 6;
  const auto c = generator.generate("《春", o);
  o.seed = 7;
  const auto d = generator.generate("《春", o);
  QVERIFY(c.tokens != a.tokens || d.tokens != a.tokens);  // other seeds, other text
  o.temperature = 0;  // greedy ignores the seed
  const auto g1 = generator.generate("《春", o);
  o.seed = 99;
  QCOMPARE(generator.generate("《春", o).tokens, g1.tokens);
  // ...and every other setting: temperature 0 is plain greedy, with or without a repetition penalty or cuts.
  o.repetition_penalty = 1.0, o.top_k = 0, o.top_p = 1.0;
  const auto plain = generator.generate("《春", o);
  o.repetition_penalty = 1.5, o.top_k = 5, o.top_p = 0.5;
  QCOMPARE(generator.generate("《春", o).tokens, plain.tokens);
}

void TestGenerate::streamed_pieces_make_the_text() {
  auto generator = TextGenerator::load(checkpoint_, project_->tokenizer_model());
  SamplingOptions o;
  o.max_new_tokens = 50;
  o.seed = 1;
  std::string streamed;
  int calls = 0;
  const auto result = generator.generate("《", o, [&](const std::string& piece) {
    streamed += piece;
    ++calls;
    return true;
  });
  QCOMPARE(QString::fromStdString(streamed), QString::fromStdString(result.text));
  QVERIFY(calls > 1);
}

// Issue 19: "��" appeared mid-answer in the chat while a character spelled in byte pieces was being
// sampled: the stream held back one U+FFFD, and two bytes of three decode as two.
void TestGenerate::settled_text_holds_back_unfinished_characters_data() {
  QTest::addColumn<QString>("decoded");
  QTest::addColumn<QString>("settled");
  const QString fffd(QChar(0xFFFD));
  QTest::newRow("whole") << QString::fromUtf8("春眠") << QString::fromUtf8("春眠");
  QTest::newRow("one byte of three") << (QString::fromUtf8("春") + fffd) << QString::fromUtf8("春");
  QTest::newRow("two bytes of three") << (QString::fromUtf8("春") + fffd + fffd) << QString::fromUtf8("春");
  QTest::newRow("three of four") << (QString::fromUtf8("春") + fffd + fffd + fffd) << QString::fromUtf8("春");
  QTest::newRow("settled before a character") << (fffd + QString::fromUtf8("春")) << (fffd + QString::fromUtf8("春"));
  QTest::newRow("nothing yet") << (fffd + fffd) << QString();
}

void TestGenerate::settled_text_holds_back_unfinished_characters() {
  QFETCH(QString, decoded);
  QFETCH(QString, settled);
  const std::string bytes = decoded.toStdString();
  QCOMPARE(QString::fromStdString(bytes.substr(0, settled_text_length(bytes))), settled);
}

void TestGenerate::stop_mid_answer() {
  auto generator = TextGenerator::load(checkpoint_, project_->tokenizer_model());
  SamplingOptions o;
  o.max_new_tokens = 50;
  o.stop_tokens.clear();
  int calls = 0;
  const auto result = generator.generate("《", o, [&](const std::string&) { return ++calls < 3; });
  QCOMPARE(QString::fromStdString(result.stop_reason), QString("stopped"));
  QCOMPARE(calls, 3);
  QVERIFY(result.tokens.size() < 50);
}

void TestGenerate::max_tokens_is_respected() {
  auto generator = TextGenerator::load(checkpoint_, project_->tokenizer_model());
  SamplingOptions o;
  o.max_new_tokens = 7;
  o.temperature = 1.0;
  const auto result = generator.generate("", o);
  QVERIFY(result.tokens.size() <= 7);
  if (result.tokens.size() < 7) QCOMPARE(QString::fromStdString(result.stop_reason), QString("stop token"));
}

// Issue 20.6: `generate` with a ChatML prompt ran past <|im_end|> to the token limit; chat() stopped there.
void TestGenerate::chatml_prompt_ends_at_its_turn() {
  const Tokenizer tokenizer = Tokenizer::load(project_->tokenizer_model());
  SamplingOptions o;
  o.stop_tokens = {7};
  const auto chatml = tokenizer.encode("<|im_start|>user\n静夜思的作者是谁？<|im_end|>\n<|im_start|>assistant\n");
  QCOMPARE(continuation_stops(tokenizer, chatml, o), (std::vector<int>{7, tokenizer.im_end_id()}));
  QCOMPARE(continuation_stops(tokenizer, tokenizer.encode("床前明月光"), o), std::vector<int>{7});  // plain text runs on
}

void TestGenerate::other_tokenizer_is_refused() {
  QTemporaryDir other;
  auto project = testing::make_small_project(other.filePath("q"), 300);
  try {
    TextGenerator::load(checkpoint_, project.tokenizer_model());
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("another tokenizer"), e.what());
  }
}

QTEST_GUILESS_MAIN(TestGenerate)
#include "test_generate.moc"
