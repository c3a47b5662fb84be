// Tokenizer: exact round trips in every script, byte fallback for unseen characters, chat tokens.
#include <QtTest>

#include <chattrain/tokenizer.h>

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

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
