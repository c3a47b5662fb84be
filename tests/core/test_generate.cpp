// Sampling: the logit filters against hand-computed numbers, seeds, stop tokens, streaming, and the
// refusal of a checkpoint made with another tokenizer.
#include <QtTest>
#include <random>
#include <set>

#include <chattrain/generate.h>
#include <chattrain/workflow.h>

#include "generate/cpu_decoder.h"
#include "generate/sampler.h"
#include "train/checkpoint.h"
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
  void settled_text_streams_the_decoded_text_data();
  void settled_text_streams_the_decoded_text();
  void stop_mid_answer();
  void max_tokens_is_respected();
  void chatml_prompt_ends_at_its_turn();
  void other_tokenizer_is_refused();
  void answer_log_probs_are_the_sampling_distribution();
  void cpu_decoder_continues_as_the_model_data();
  void cpu_decoder_continues_as_the_model();
  void cpu_decoder_rows_are_independent_data();
  void cpu_decoder_rows_are_independent();
  void greedy_text_is_the_models_argmax();
  void prompts_in_one_batch_answer_as_alone();
  void forward_at_row_positions_continues_each_row_as_alone();
  void prompts_in_one_batch_through_forward();
  void picker_draws_as_torch_multinomial_data();
  void picker_draws_as_torch_multinomial();

 private:
  // The trained checkpoint (kv_heads 0), or a fresh model of odd sizes with that many key/value heads.
  GPT decoder_test_model(int kv_heads) const;
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

// The stream decodes only the tokens since the last settled one (issue 22.1): what it hands out, put
// together, must be the whole decoding, and nothing it hands out may end in half a character.
void TestGenerate::settled_text_streams_the_decoded_text_data() {
  QTest::addColumn<QString>("text");  // empty: random token ids, byte pieces and control tokens among them
  QTest::addColumn<int>("seed");
  QTest::newRow("poem") << QString::fromUtf8("《春晓》 春眠不觉晓，处处闻啼鸟。 Spring sleep, dawn unnoticed.") << 0;
  QTest::newRow("rare characters in bytes") << QString::fromUtf8("龘靐齉 𠀋𪚥 é ü") << 0;
  QTest::newRow("random ids 1") << QString() << 1;
  QTest::newRow("random ids 2") << QString() << 2;
}

void TestGenerate::settled_text_streams_the_decoded_text() {
  QFETCH(QString, text);
  QFETCH(int, seed);
  const Tokenizer tokenizer = Tokenizer::load(project_->tokenizer_model());
  std::vector<int> tokens;
  if (!text.isEmpty()) {
    tokens = tokenizer.encode(text.toStdString());
  } else {
    std::mt19937 draw{std::uint32_t(seed)};
    for (int i = 0; i < 3000; ++i) tokens.push_back(int(draw() % std::uint32_t(tokenizer.vocab_size())));
  }
  SettledText stream(tokenizer);
  std::string streamed;
  for (int token : tokens) {
    const std::string piece = stream.add(token);
    QVERIFY2(QString::fromStdString(piece).toStdString() == piece || piece.empty(), "a piece ends in half a character");
    streamed += piece;
    QCOMPARE(stream.handed_out(), streamed.size());
  }
  const std::string whole = tokenizer.decode(tokens);
  QVERIFY(whole.compare(0, streamed.size(), streamed) == 0);
  QCOMPARE(QString::fromStdString(streamed), QString::fromStdString(whole.substr(0, settled_text_length(whole))));
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

// Issue 22: decoding runs through CpuDecoder (plain loops over the weights) instead of GPT::forward. Its
// logits and cache entries must be the model's, step after step, within float summation order.
void TestGenerate::cpu_decoder_continues_as_the_model_data() {
  QTest::addColumn<int>("kv_heads");  // 0: the trained checkpoint; else a fresh model of odd sizes
  QTest::newRow("trained") << 0;
  // Four query heads sharing two key/value heads; a width of 40 (heads of 10) and a vocabulary of 1001 leave tails
  // after the kernels' blocks of 8 and 4; an output matrix of its own.
  QTest::newRow("grouped-query heads, odd sizes") << 2;
  QTest::newRow("odd sizes") << 4;
}

GPT TestGenerate::decoder_test_model(int kv_heads) const {
  if (kv_heads == 0) return load_model(checkpoint_, Tokenizer::load(project_->tokenizer_model()));
  ModelConfig c = testing::tiny_pretrain_config(1).model;
  c.vocab_size = 1001, c.d_model = 40, c.n_heads = 4, c.n_kv_heads = kv_heads, c.ffn_hidden = 100, c.tie_embeddings = false;
  GPT model(c);
  model->initialize(3);
  return model;
}

void TestGenerate::cpu_decoder_continues_as_the_model() {
  QFETCH(int, kv_heads);
  const Tokenizer tokenizer = Tokenizer::load(project_->tokenizer_model());
  GPT model = decoder_test_model(kv_heads);
  model->eval();
  torch::NoGradGuard no_grad;
  auto decoder = CpuDecoder::of(model);
  QVERIFY(decoder.has_value());
  const std::int64_t context = model->config().context_length;
  const auto prompt = torch::tensor(std::vector<std::int64_t>{tokenizer.eos_id(), 5, 9, 13}, torch::kInt64).view({1, -1});
  auto theirs = model->make_cache(1, context), ours = model->make_cache(1, context);
  model->forward(prompt, &theirs);
  model->forward(prompt, &ours);
  std::vector<float> logits;
  int token = 17;
  for (std::int64_t step = 4; step < context; ++step) {
    const auto expected = model->forward(torch::full({1, 1}, std::int64_t(token), torch::kInt64), &theirs)[0][0];  // (V)
    decoder->step(ours, {0}, {ours.length}, {token}, logits);
    const auto got = torch::from_blob(logits.data(), {std::int64_t(logits.size())}, torch::kFloat32);
    const double error = (got - expected).abs().max().item<double>(), scale = expected.abs().max().item<double>();
    QVERIFY2(error <= 1e-5 * std::max(1.0, scale), qPrintable(QString("step %1: %2 off (of %3)").arg(step).arg(error).arg(scale)));
    QCOMPARE(ours.length, theirs.length);
    token = int(expected.argmax().item<std::int64_t>());  // continue with the model's own choice
  }
  for (size_t i = 0; i < ours.keys.size(); ++i) {
    QVERIFY((ours.keys[i] - theirs.keys[i]).abs().max().item<double>() < 1e-5);
    QVERIFY((ours.values[i] - theirs.values[i]).abs().max().item<double>() < 1e-5);
  }
}

// A row's numbers do not depend on the others: rows 0 and 2 of three, stepped alone or with the others,
// are bit for bit the same (with a hidden width of 100 too, whose tail after the kernels' blocks of 8
// would fall elsewhere in a batch's buffer); a row left out (a finished answer) is not written.
void TestGenerate::cpu_decoder_rows_are_independent_data() { cpu_decoder_continues_as_the_model_data(); }

void TestGenerate::cpu_decoder_rows_are_independent() {
  QFETCH(int, kv_heads);
  GPT model = decoder_test_model(kv_heads);
  model->eval();
  torch::NoGradGuard no_grad;
  auto decoder = CpuDecoder::of(model);
  QVERIFY(decoder.has_value());
  const std::int64_t V = model->config().vocab_size;
  auto three = model->make_cache(3, 16), first = model->make_cache(3, 16), last = model->make_cache(3, 16);
  std::vector<float> together, alone;
  const std::vector<std::vector<int>> tokens{{3, 4, 5}, {6, 7, 8}, {9, 10, 11}, {12, 13, 14}};
  for (const auto& step : tokens) {
    decoder->step(three, {0, 1, 2}, {three.length, three.length, three.length}, step, together);
    decoder->step(first, {0}, {first.length}, {step[0]}, alone);
    QVERIFY(std::equal(alone.begin(), alone.end(), together.begin()));
    decoder->step(last, {2}, {last.length}, {step[2]}, alone);
    QVERIFY(std::equal(alone.begin(), alone.end(), together.begin() + 2 * V));
  }
  for (size_t i = 0; i < last.keys.size(); ++i) {
    QVERIFY(torch::equal(last.keys[i][2], three.keys[i][2]));
    QVERIFY(torch::equal(first.values[i][0], three.values[i][0]));
    QCOMPARE(last.keys[i].narrow(0, 0, 2).abs().sum().item<double>(), 0.0);  // rows 0 and 1 were never computed
  }
}

// Greedy text through the sampler is the model's argmax, token after token, as GPT::forward computes it.
void TestGenerate::greedy_text_is_the_models_argmax() {
  const Tokenizer tokenizer = Tokenizer::load(project_->tokenizer_model());
  GPT model = load_model(checkpoint_, tokenizer);
  model->eval();
  torch::NoGradGuard no_grad;
  SamplingOptions greedy;
  greedy.temperature = 0;
  greedy.max_new_tokens = 24;
  std::vector<int> prompt{tokenizer.eos_id()};
  for (int id : tokenizer.encode("《春")) prompt.push_back(id);
  const auto sampled = sample_tokens(model, prompt, greedy, {}, {}, nullptr);
  std::vector<std::int64_t> ids(prompt.begin(), prompt.end());
  std::vector<int> expected;
  for (int i = 0; i < greedy.max_new_tokens; ++i) {
    const auto logits = model->forward(torch::tensor(ids, torch::kInt64).view({1, -1}))[0][-1];
    expected.push_back(int(logits.argmax().item<std::int64_t>()));
    ids.push_back(expected.back());
  }
  QCOMPARE(sampled, expected);
}

// The seeded draws are torch::multinomial's on the filtered logits, as the sampler made them when it was
// LibTorch calls: a seed gives the text it gave before.
// Issue 22.2: PPO's rollouts and the ranking's candidates put several prompts of different lengths in one
// batch, each row at its own position. Each prompt's answers must be, token for token and reason for
// reason, what it gets alone; rows that stop early (a stop token, their own max_new_tokens) leave the
// others as they were.
void TestGenerate::prompts_in_one_batch_answer_as_alone() {
  const Tokenizer tokenizer = Tokenizer::load(project_->tokenizer_model());
  GPT model = load_model(checkpoint_, tokenizer);
  model->eval();
  std::vector<PromptAnswers> groups;
  const std::vector<std::vector<int>> prompts{{tokenizer.eos_id(), 5}, {tokenizer.eos_id(), 7, 9, 11, 13}, {20, 21, 22, 23, 24, 25, 26, 27, 28}};
  const std::vector<int> limits{20, 12, 30};
  for (size_t g = 0; g < prompts.size(); ++g) {
    SamplingOptions o;
    o.temperature = 1.0, o.top_k = 0, o.top_p = 1.0, o.repetition_penalty = 1.0;
    o.max_new_tokens = limits[g];
    o.seed = 40 + g * 101;
    groups.push_back({prompts[g], 3, o});
  }
  // Stop at tokens this model picks (two from a free run), so that rows end at different steps.
  const auto free = sample_rows(model, prompts[1], 2, groups[1].options, {}, {}, nullptr);
  const std::vector<int> stops{tokenizer.eos_id(), free[0][3], free[1][6]};
  std::vector<std::string> reasons;
  const auto together = sample_batch(model, groups, stops, {}, &reasons);
  QCOMPARE(together.size(), size_t(9));
  std::set<size_t> lengths;
  for (size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::string> alone_reasons;
    const auto alone = sample_rows(model, groups[g].prompt, 3, groups[g].options, stops, {}, &alone_reasons);
    for (size_t r = 0; r < 3; ++r) {
      QCOMPARE(together[g * 3 + r], alone[r]);
      QCOMPARE(reasons[g * 3 + r], alone_reasons[r]);
      QVERIFY(int(alone[r].size()) <= limits[g]);
      lengths.insert(alone[r].size());
    }
  }
  QVERIFY2(lengths.size() >= 3, "the rows should end at different steps");
}

// Where CpuDecoder cannot run (a GPU, bf16), the rows of several prompts go through GPT::forward, each
// row's token at its own position (KVCache::row_positions): each row's logits and cache entries must be
// what the row gets alone.
void TestGenerate::forward_at_row_positions_continues_each_row_as_alone() {
  const Tokenizer tokenizer = Tokenizer::load(project_->tokenizer_model());
  GPT model = load_model(checkpoint_, tokenizer);
  model->eval();
  torch::NoGradGuard no_grad;
  const std::int64_t context = model->config().context_length;
  const std::vector<std::vector<std::int64_t>> prompts{{2, 5}, {2, 7, 9, 11, 13}, {20, 21, 22, 23, 24, 25, 26, 27, 28}};
  const auto B = std::int64_t(prompts.size());
  auto together = model->make_cache(B, context);
  std::vector<KVCache> alone;
  std::vector<torch::Tensor> last;  // each row's logits (V) after its newest token, alone
  for (std::int64_t r = 0; r < B; ++r) {
    const auto prompt = torch::tensor(prompts[size_t(r)], torch::kInt64).view({1, -1});
    KVCache row;  // row r of the batch's cache
    for (size_t i = 0; i < together.keys.size(); ++i)
      row.keys.push_back(together.keys[i].narrow(0, r, 1)), row.values.push_back(together.values[i].narrow(0, r, 1));
    model->forward(prompt, &row);
    alone.push_back(model->make_cache(1, context));
    last.push_back(model->forward(prompt, &alone.back())[0][-1]);
    together.row_positions.push_back(std::int64_t(prompts[size_t(r)].size()));
  }
  for (int step = 0; step < 6; ++step) {
    std::vector<std::int64_t> next;
    for (const auto& logits : last) next.push_back(logits.argmax().item<std::int64_t>());
    const auto logits = model->forward(torch::tensor(next, torch::kInt64).view({B, 1}), &together);  // (B, 1, V)
    for (std::int64_t r = 0; r < B; ++r) {
      last[size_t(r)] = model->forward(torch::full({1, 1}, next[size_t(r)], torch::kInt64), &alone[size_t(r)])[0][0];
      const double error = (logits[r][0] - last[size_t(r)]).abs().max().item<double>();
      QVERIFY2(error < 1e-5, qPrintable(QString("step %1, row %2: %3 off").arg(step).arg(r).arg(error)));
      together.row_positions[size_t(r)] += 1;
    }
  }
  for (std::int64_t r = 0; r < B; ++r) {
    const auto filled = alone[size_t(r)].length;
    QCOMPARE(filled, std::int64_t(prompts[size_t(r)].size()) + 6);
    for (size_t i = 0; i < together.keys.size(); ++i)
      QVERIFY((together.keys[i][r].narrow(1, 0, filled) - alone[size_t(r)].keys[i][0].narrow(1, 0, filled)).abs().max().item<double>() < 1e-5);
  }
}

// The batch end to end through GPT::forward (CHATTRAIN_DECODER=forward: the GPU's way, on the CPU), rows
// ending at different steps so that the cache is compacted: each prompt's answers are what it gets alone.
// (Exact tokens: the longer masked attention changes logits only by rounding, below the gaps greedy sees.)
void TestGenerate::prompts_in_one_batch_through_forward() {
  const Tokenizer tokenizer = Tokenizer::load(project_->tokenizer_model());
  GPT model = load_model(checkpoint_, tokenizer);
  model->eval();
  qputenv("CHATTRAIN_DECODER", "forward");
  std::vector<PromptAnswers> groups;
  const std::vector<int> limits{10, 4, 14};
  for (size_t g = 0; g < limits.size(); ++g) {
    SamplingOptions o;
    o.temperature = 0;
    o.max_new_tokens = limits[g];
    std::vector<int> prompt{tokenizer.eos_id()};
    for (size_t i = 0; i < 2 + 3 * g; ++i) prompt.push_back(int(30 + 7 * i + g));
    groups.push_back({prompt, 2, o});
  }
  std::vector<std::string> reasons;
  const auto rows = sample_batch(model, groups, {tokenizer.eos_id()}, {}, &reasons);
  std::vector<std::vector<int>> alone;
  for (const auto& group : groups) alone.push_back(sample_rows(model, group.prompt, 1, group.options, {tokenizer.eos_id()}, {}, nullptr).front());
  qunsetenv("CHATTRAIN_DECODER");
  QCOMPARE(rows.size(), size_t(6));
  for (size_t g = 0; g < groups.size(); ++g)
    for (size_t r = 0; r < 2; ++r) {
      QCOMPARE(rows[g * 2 + r], alone[g]);
      QVERIFY(reasons[g * 2 + r] == "max tokens" || reasons[g * 2 + r] == "stop token");
    }
  // And the same as CpuDecoder gives (within rounding, at greedy's gaps).
  QCOMPARE(sample_batch(model, groups, {tokenizer.eos_id()}, {}, nullptr), rows);
}

void TestGenerate::picker_draws_as_torch_multinomial_data() {
  QTest::addColumn<double>("temperature");
  QTest::addColumn<int>("top_k");
  QTest::addColumn<double>("top_p");
  QTest::addColumn<double>("penalty");
  QTest::newRow("temperature 1") << 1.0 << 0 << 1.0 << 1.0;
  QTest::newRow("temperature 0.7") << 0.7 << 0 << 1.0 << 1.0;
  QTest::newRow("top-k 50") << 0.8 << 50 << 1.0 << 1.0;
  QTest::newRow("defaults") << 0.8 << 50 << 0.95 << 1.1;
  QTest::newRow("top-p 0.5") << 1.0 << 0 << 0.5 << 1.0;
  // Where the sampler skips the logarithm for entries that cannot win: a flat and a peaked distribution.
  QTest::newRow("temperature 4 (flat)") << 4.0 << 0 << 1.0 << 1.0;
  QTest::newRow("temperature 0.2 (peaked)") << 0.2 << 0 << 1.0 << 1.0;
}

void TestGenerate::picker_draws_as_torch_multinomial() {
  QFETCH(double, temperature);
  QFETCH(int, top_k);
  QFETCH(double, top_p);
  QFETCH(double, penalty);
  SamplingOptions o;
  o.temperature = temperature, o.top_k = top_k, o.top_p = top_p, o.repetition_penalty = penalty;
  const std::int64_t V = 3000;
  auto noise = at::make_generator<at::CPUGeneratorImpl>(7);
  const std::vector<int> context{1, 5, 5, 40};
  int differing = 0;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    TokenPicker picker(o, seed, V);
    auto reference = at::make_generator<at::CPUGeneratorImpl>(seed);
    for (int step = 0; step < 5; ++step) {
      const auto logits = (torch::randn({V}, noise) * 3).contiguous();
      const int ours = picker.pick(logits.data_ptr<float>(), context);
      // What the sampler did with LibTorch: the filters (as process_logits), then one multinomial sample.
      auto filtered = logits.clone();
      if (penalty != 1.0) {
        const auto seen = torch::tensor(std::vector<std::int64_t>{1, 5, 40});
        auto v = filtered.index_select(0, seen);
        filtered.index_copy_(0, seen, torch::where(v > 0, v / penalty, v * penalty));
      }
      filtered = filtered / temperature;
      if (top_k > 0) filtered = filtered.masked_fill(filtered < std::get<0>(filtered.topk(top_k)).min(), -kInf);
      if (top_p < 1.0) {
        auto [sorted, order] = filtered.sort(-1, true);
        const auto p = sorted.softmax(-1);
        const auto drop = torch::zeros_like(p, torch::kBool).scatter(0, order, (p.cumsum(-1) - p) > top_p);
        filtered = filtered.masked_fill(drop, -kInf);
      }
      const int theirs = int(torch::multinomial(filtered.softmax(-1), 1, false, reference).item<std::int64_t>());
      differing += ours != theirs;
    }
  }
  QCOMPARE(differing, 0);
}

QTEST_GUILESS_MAIN(TestGenerate)
#include "test_generate.moc"
