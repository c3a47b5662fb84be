// Importers against golden files, bad ones included: every rejected record names its file and line.
#include <QtTest>

#include <fstream>

#include <chattrain/data.h>

#include "fixtures.h"

using namespace chattrain;

class TestImport : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void imports_file_data();
  void imports_file();
  void golden_documents_data();
  void golden_documents();
  void folder_import_is_sorted_and_complete();
  void missing_path_is_an_error();
  void embedded_corpus_is_complete();
  void format_names_round_trip();
  void rejected_records_grouped_by_reason();
  void long_text_is_normalised_in_parts();
};

void TestImport::imports_file_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<int>("documents");
  QTest::addColumn<QStringList>("rejected");  // "line:fragment of the message"
  QTest::newRow("prose") << "prose.txt" << 1 << QStringList{};
  QTest::newRow("markdown, CRLF, NFD") << "crlf_nfd.md" << 1 << QStringList{};
  QTest::newRow("jsonl") << "good.jsonl" << 3 << QStringList{};
  QTest::newRow("bad jsonl") << "bad.jsonl" << 3
                             << QStringList{"3:broken JSON", "4:neither a \"text\" field", "5:not a string", "6:empty", "7:not a JSON object"};
  QTest::newRow("chinese-poetry") << "poems.json" << 3 << QStringList{"12:nor a \"paragraphs\" list"};
  QTest::newRow("unclosed array") << "unclosed.json" << 1 << QStringList{"3:never closed"};
  QTest::newRow("GBK bytes") << "gbk.txt" << 0 << QStringList{"2:not valid UTF-8"};
  QTest::newRow("empty") << "empty.txt" << 0 << QStringList{"0:is empty"};
  QTest::newRow("only blanks") << "blank.txt" << 0 << QStringList{"0:is empty"};
  // Issue 21.10: UTF-16 with its byte order mark was "not valid UTF-8 … GB18030"; a JSON "\u0000" was kept.
  QTest::newRow("UTF-16 LE text") << "utf16le.txt" << 1 << QStringList{};
  QTest::newRow("UTF-16 BE JSONL") << "utf16be.jsonl" << 2 << QStringList{};
  QTest::newRow("UTF-32") << "utf32.txt" << 0 << QStringList{"1:is UTF-32 text; convert it to UTF-8"};
  QTest::newRow("NUL escaped in JSON") << "nul_escape.jsonl" << 2 << QStringList{"2:holds a NUL character"};
  // Found by fuzz_dialogue_import: a number beyond a double threw the JSON library's out_of_range out of the import.
  QTest::newRow("number too large") << "number_overflow.jsonl" << 1 << QStringList{"2:broken JSON: number overflow"};
}

void TestImport::imports_file() {
  QFETCH(QString, file);
  QFETCH(int, documents);
  QFETCH(QStringList, rejected);
  const std::string path = testing::data_file(file.toUtf8().constData());
  const ImportResult result = import_path(path);
  QCOMPARE(int(result.documents.size()), documents);
  QCOMPARE(int(result.rejected.size()), rejected.size());
  for (int i = 0; i < rejected.size(); ++i) {
    const auto& problem = result.rejected[size_t(i)];
    const QString expected_line = rejected[i].section(':', 0, 0), fragment = rejected[i].section(':', 1);
    QCOMPARE(QString::fromStdString(problem.file), QString::fromStdString(path));
    QCOMPARE(QString::number(problem.line), expected_line);
    QVERIFY2(QString::fromStdString(problem.message.english()).contains(fragment), problem.to_string().c_str());
  }
}

void TestImport::golden_documents_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<int>("index");
  QTest::addColumn<QString>("text");
  QTest::addColumn<int>("line");
  QTest::newRow("paragraphs kept, trailing blank lines dropped")
      << "prose.txt" << 0 << QString::fromUtf8("第一段：春眠不觉晓，处处闻啼鸟。\n第二行\n\n\nSecond paragraph, in English.") << 1;
  QTest::newRow("CRLF to LF, e + combining accent to é")
      << "crlf_nfd.md" << 0 << QString::fromUtf8("# Title\n\nSome *markdown* text.\nCaf\u00e9 au lait.") << 1;
  QTest::newRow("jsonl escapes") << "good.jsonl" << 0 << QString::fromUtf8("静夜思\n床前明月光，疑是地上霜。") << 1;
  QTest::newRow("jsonl after a blank line") << "good.jsonl" << 1 << QString::fromUtf8("Hello, world! 😀") << 3;
  QTest::newRow("poem: title, author, lines")
      << "poems.json" << 0 << QString::fromUtf8("《静夜思》李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。") << 2;
  QTest::newRow("ci: rhythmic is the title") << "poems.json" << 1 << QString::fromUtf8("《浣溪沙》佚名\n一曲新词酒一杯。") << 7;
  QTest::newRow("UTF-16 LE as UTF-8") << "utf16le.txt" << 0 << QString::fromUtf8("床前明月光，\n疑是地上霜。\n\nThe moon is bright.") << 1;
  QTest::newRow("UTF-16 BE surrogate pair") << "utf16be.jsonl" << 1 << QString::fromUtf8("The moon 🌙") << 2;
  QTest::newRow("shijing: chapter and content") << "poems.json" << 2 << QString::fromUtf8("《国风》\n关关雎鸠，在河之洲。") << 16;
}

void TestImport::golden_documents() {
  QFETCH(QString, file);
  QFETCH(int, index);
  QFETCH(QString, text);
  QFETCH(int, line);
  const ImportResult result = import_path(testing::data_file(file.toUtf8().constData()));
  QVERIFY(size_t(index) < result.documents.size());
  QCOMPARE(QString::fromStdString(result.documents[size_t(index)].text), text);
  QCOMPARE(int(result.documents[size_t(index)].line), line);
}

void TestImport::folder_import_is_sorted_and_complete() {
  // A folder holding the golden corpus files above, and a subfolder: imports recurse.
  QTemporaryDir dir;
  QDir(dir.path()).mkdir("more");
  const QDir data(CHATTRAIN_TEST_DATA);
  for (const QString& name : data.entryList(QDir::Files))
    QVERIFY(QFile::copy(data.filePath(name), dir.filePath(name.startsWith("p") ? "more/" + name : name)));
  const ImportResult result = import_path(dir.path().toStdString());
  QCOMPARE(int(result.files), 14);  // every .txt/.md/.json/.jsonl file; not_a_tokenizer.model is skipped
  QCOMPARE(int(result.documents.size()), 18);
  QCOMPARE(int(result.rejected.size()), 13);
  QVERIFY(QString::fromStdString(result.documents.front().source).endsWith("bad.jsonl"));  // sorted by path
}

void TestImport::missing_path_is_an_error() {
  try {
    import_path("/no/such/file.txt");
    QFAIL("expected an error");
  } catch (const Error& e) {
    QVERIFY(QString(e.what()).contains("/no/such/file.txt"));
  }
}

void TestImport::embedded_corpus_is_complete() {
  const ImportResult result = import_embedded_corpus();
  QVERIFY(result.rejected.empty());
  QVERIFY(result.documents.size() > 10000);
  // Every poem is a title line then four or eight verses of five or seven characters.
  const QString first = QString::fromStdString(result.documents.front().text);
  QVERIFY(first.startsWith(QString::fromUtf8("《")));
  QVERIFY(first.count('\n') == 2 || first.count('\n') == 4);
}

void TestImport::format_names_round_trip() {
  for (auto f : {InputFormat::Auto, InputFormat::Text, InputFormat::Markdown, InputFormat::Jsonl, InputFormat::ChinesePoetry})
    QCOMPARE(parse_input_format(input_format_name(f)), f);
  QVERIFY_THROWS_EXCEPTION(Error, parse_input_format("xml"));
}


// Thousands of bad records say each reason once per file, with the count and the lines (issue 20.3).
void TestImport::rejected_records_grouped_by_reason() {
  QTemporaryDir dir;
  const auto write = [&](const char* name, const std::string& text) {
    const std::string path = dir.filePath(name).toStdString();
    std::ofstream(path) << text;
    return path;
  };
  std::string lines;
  for (int line = 1; line <= 40; ++line)
    lines += line == 10 ? "[1]\n" : line == 20 ? "{\"text\": \"kept\"}\n" : "{broken\n";
  const std::string first = write("first.jsonl", lines), second = write("second.jsonl", "{broken\n");
  ImportResult result = import_path(first);
  const ImportResult other = import_path(second);
  result.rejected.insert(result.rejected.end(), other.rejected.begin(), other.rejected.end());
  QCOMPARE(int(result.documents.size()), 1);
  QCOMPARE(int(result.rejected.size()), 40);
  const auto groups = group_by_reason(result.rejected);
  QCOMPARE(int(groups.size()), 3);  // broken JSON and not an object in the first file; broken JSON in the second
  QCOMPARE(int(groups[0].lines.size()), 38);
  QCOMPARE(groups[0].problem.line, 1L);
  const QString broken = QString::fromStdString(groups[0].problem.to_string());
  QVERIFY2(broken.startsWith(QString::fromStdString(first) + ":1: broken JSON"), qPrintable(broken));
  QVERIFY2(broken.endsWith("(and 37 more for the same reason: lines 2, 3, 4, 5, 6, 7, 8, 9, 11, 12 …)"), qPrintable(broken));
  QCOMPARE(groups[1].problem.to_string(), first + ":10: record is not a JSON object");  // alone: as it was
  QCOMPARE(groups[2].problem.to_string(), result.rejected.back().to_string());
  QCOMPARE(groups[2].problem.file, second);
}

// Issue 21.9: text is normalised a part at a time (one call over 200 MB peaked above 1 GB); the parts end
// after newlines, so CRLF and combining accents across the part borders come out as from the whole.
void TestImport::long_text_is_normalised_in_parts() {
  std::string crlf_nfd, expected;
  while (crlf_nfd.size() < 3'500'000) {
    crlf_nfd += "Cafe\u0301 au lait \xE2\x80\x94 \r\n\u0301x\r";  // ends in a lone CR; a line may start with an accent
    expected += "Caf\u00e9 au lait \xE2\x80\x94 \n\u0301x\n";
  }
  QVERIFY(normalize_text(crlf_nfd, "long.txt") == expected);
}

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
