// Tokenizer: exact round trips in every script, byte fallback for unseen characters, chat tokens.
#include <QtTest>
#include <cstring>
#include <fstream>

#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "fixtures.h"

using namespace chattrain;

class TestTokenizer : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void round_trip_data();
  void round_trip();
  void unseen_characters_become_bytes_not_unk();
  void chat_tokens_are_single_pieces();
  void batch_encoding_matches_single();
  void bad_model_file_is_named();
  void too_small_vocabulary_says_what_to_do();
  void dialogue_text_teaches_the_tokenizer();
  void long_text_is_encoded_in_bounded_memory();

 private:
  QTemporaryDir dir_;
  std::unique_ptr<Tokenizer> tokenizer_;
};

void TestTokenizer::initTestCase() {
  auto project = testing::make_small_project(dir_.filePath("p"));
  tokenizer_ = std::make_unique<Tokenizer>(Tokenizer::load(project.tokenizer_model()));
  QCOMPARE(tokenizer_->vocab_size(), 2500);
}

void TestTokenizer::round_trip_data() {
  QTest::addColumn<QString>("text");
  QTest::newRow("chinese") << QString::fromUtf8("床前明月光，疑是地上霜。");
  QTest::newRow("english") << "The quick brown fox jumps over the lazy dog.";
  QTest::newRow("emoji") << QString::fromUtf8("😀🎉 ok 👍🏽");
  QTest::newRow("unseen CJK") << QString::fromUtf8("𰻞𰻞面 and ẞ");
  QTest::newRow("newlines") << QString::fromUtf8("《静夜思》李白\n床前明月光\n\n");
  QTest::newRow("spaces and tabs") << "  leading spaces,\ttabs  and  doubles ";
  QTest::newRow("chat markup") << QString::fromUtf8("<|im_start|>user\n你好<|im_end|>\n");
}

void TestTokenizer::round_trip() {
  QFETCH(QString, text);
  const std::string utf8 = text.toStdString();
  QCOMPARE(QString::fromStdString(tokenizer_->decode(tokenizer_->encode(utf8))), text);
}

void TestTokenizer::unseen_characters_become_bytes_not_unk() {
  const auto ids = tokenizer_->encode("𰻞");  // U+30EDE: four UTF-8 bytes, in no corpus here
  QCOMPARE(int(ids.size()), 4);
  for (int id : ids) {
    QVERIFY(id != tokenizer_->unk_id());
    QCOMPARE(tokenizer_->type(id), PieceType::Byte);
  }
}

void TestTokenizer::chat_tokens_are_single_pieces() {
  const auto ids = tokenizer_->encode("<|im_start|>assistant\n");
  QCOMPARE(ids.front(), tokenizer_->im_start_id());
  QCOMPARE(ids.back(), tokenizer_->id_of("\n"));
  QCOMPARE(tokenizer_->type(tokenizer_->im_end_id()), PieceType::UserDefined);
  QCOMPARE(tokenizer_->type(tokenizer_->eos_id()), PieceType::Control);
  QCOMPARE(tokenizer_->pad_id(), 0);
  QCOMPARE(QString::fromStdString(tokenizer_->piece(tokenizer_->im_end_id())), QString("<|im_end|>"));
}

void TestTokenizer::batch_encoding_matches_single() {
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i) texts.push_back("第" + std::to_string(i) + "首：春眠不觉晓 " + std::string(size_t(i % 7), 'x'));
  const auto batch = tokenizer_->encode_batch(texts, 2);
  QCOMPARE(batch.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) QVERIFY(batch[i] == tokenizer_->encode(texts[i]));
}

void TestTokenizer::bad_model_file_is_named() {
  const std::string path = testing::data_file("not_a_tokenizer.model");
  try {
    Tokenizer::load(path);
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains(QString::fromStdString(path)), e.what());
    QVERIFY2(QString(e.what()).contains("not a SentencePiece model"), e.what());
  }
  QVERIFY_THROWS_EXCEPTION(Error, Tokenizer::load("/no/such/tokenizer.model"));
}

void TestTokenizer::too_small_vocabulary_says_what_to_do() {
  std::vector<std::string> texts;
  for (int i = 0; i < 300; ++i) texts.push_back(QString(QChar(0x4e00 + i)).repeated(3).toStdString());
  TokenizerTrainOptions options;
  options.vocab_size = 100;
  options.character_coverage = 1.0;
  try {
    Tokenizer::train(texts, dir_.filePath("small/tok").toStdString(), options);
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY2(QString(e.what()).contains("raise the vocabulary size"), e.what());
  }
}

// Issue 20.5: trained on the poems alone, the tokenizer spells a dialogue dataset in another script
// in raw bytes; the per-dataset measure shows it, and letting the dialogues feed the tokenizer (their
// messages' text, not their JSON) fixes it.
void TestTokenizer::dialogue_text_teaches_the_tokenizer() {
  QTemporaryDir dir;
  Project project = testing::make_small_project(dir.filePath("p"), 300);
  DialogueImportResult russian;
  const char* questions[] = {"Привет, как дела?", "Расскажи о зиме.", "Что такое река?", "Где живёт медведь?"};
  const char* answers[] = {"Хорошо, спасибо.", "Зимой холодно и много снега.", "Река течёт к морю.", "Медведь живёт в лесу."};
  for (int i = 0; i < 200; ++i)
    russian.conversations.push_back({{{"user", questions[i % 4] + std::string(" ") + std::to_string(i)},
                                      {"assistant", answers[(i / 4) % 4]}}, "russian.jsonl", i + 1});
  save_dialogue_dataset(project, "russian", russian, "russian.jsonl");
  QCOMPARE(tokenizer_training_datasets(project), std::vector<std::string>{"poems"});

  const auto find = [](const std::vector<DatasetTokenization>& all, const std::string& name) {
    for (const auto& m : all)
      if (m.dataset == name) return m;
    return DatasetTokenization{};
  };
  std::uint64_t last_done = 0, last_total = 0;
  auto before = measure_tokenization(project, Tokenizer::load(project.tokenizer_model()), [&](std::uint64_t d, std::uint64_t t) {
    last_done = d;
    last_total = t;
  });
  QCOMPARE(int(before.size()), 2);
  QCOMPARE(last_done, std::uint64_t(2));
  QCOMPARE(last_total, std::uint64_t(2));
  const auto poems = find(before, "poems");
  QVERIFY(poems.held_out && !poems.dialogue);
  QVERIFY2(poems.characters_per_token() > 1.2 && poems.byte_token_share() < 0.15, qPrintable(QString::number(poems.byte_token_share())));
  const auto unseen = find(before, "russian");
  QVERIFY(unseen.dialogue && !unseen.held_out);
  QVERIFY2(unseen.byte_token_share() > 0.5, qPrintable(QString::number(unseen.byte_token_share())));

  TokenizerTrainOptions options;
  options.vocab_size = 2500;
  options.character_coverage = 0.98;
  try {
    train_project_tokenizer(project, options, {}, {"poems", "nosuch"});
    QFAIL("a dataset the project lacks was accepted");
  } catch (const Error& e) {
    QVERIFY2(std::string(e.what()).find("'nosuch'") != std::string::npos, e.what());
  }
  train_project_tokenizer(project, options, {}, {"poems", "russian"});
  QCOMPARE(tokenizer_training_datasets(project), (std::vector<std::string>{"poems", "russian"}));
  const auto learned = find(measure_tokenization(project, Tokenizer::load(project.tokenizer_model())), "russian");
  QCOMPARE(learned.characters, unseen.characters);
  QVERIFY2(learned.byte_token_share() < 0.05 && learned.characters_per_token() > 2 * unseen.characters_per_token(),
           qPrintable(QString("%1 bytes, %2 characters per token").arg(learned.byte_token_share()).arg(learned.characters_per_token())));
}

namespace {
// This process's resident memory in kB: now (VmRSS), or its peak since the last reset (VmHWM).
long status_kb(const char* field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field) + 1));
  return -1;
}
}  // namespace

// Issue 21.9: one record of 20 MB peaked at 5.2 GB. SentencePiece's memory grows steeply with one piece's
// length (a run without spaces, as Chinese text is): long text is encoded in parts, with the same tokens
// where a part ends at a newline or a space.
void TestTokenizer::long_text_is_encoded_in_bounded_memory() {
  std::string lines;
  std::vector<int> line_by_line;
  for (int i = 0; lines.size() < 300'000; ++i) {
    const std::string line = "line " + std::to_string(i) + ": the moon is bright over 床前明月光\n";
    lines += line;
    const auto ids = tokenizer_->encode(line);
    line_by_line.insert(line_by_line.end(), ids.begin(), ids.end());
  }
  QVERIFY(tokenizer_->encode(lines) == line_by_line);  // cut at newlines: the same tokens
  QCOMPARE(tokenizer_->decode(tokenizer_->encode(lines)), lines);

#ifdef CHATTRAIN_SANITIZE
  QSKIP("memory is measured without AddressSanitizer's shadow and quarantine (the normal suite)");
#endif
  std::string unbroken;  // 3 MB of Chinese without a space or a newline
  while (unbroken.size() < 3'000'000) unbroken += "床前明月光疑是地上霜";
  { std::ofstream("/proc/self/clear_refs") << "5"; }  // resets VmHWM to the current RSS
  const long before = status_kb("VmRSS:");
  const auto ids = tokenizer_->encode(unbroken);
  const long peak = status_kb("VmHWM:");
  QVERIFY(before > 0 && peak > 0);
  QCOMPARE(tokenizer_->decode(ids), unbroken);
  // Before: ~1 GB for these 3 MB. Now a few times the text.
  QVERIFY2(peak - before < 100'000, qPrintable(QString("encoding 3 MB took %1 MB more").arg((peak - before) / 1024)));
}

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
