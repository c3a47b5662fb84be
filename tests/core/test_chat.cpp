// The ChatML template and its loss mask, and the dialogue importers against golden files.
#include <QtTest>

#include <chattrain/chat.h>
#include <chattrain/preference.h>

#include "fixtures.h"
#include "train/preference_batches.h"

using namespace chattrain;

class TestChat : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase();
  void renders_chatml();
  void tokens_are_those_of_the_rendered_text();
  void loss_counts_only_the_answers();
  void context_fit_says_what_the_cut_keeps();
  void pairs_and_prompts_fit_as_their_stages_cut();
  void imports_dialogue_files_data();
  void imports_dialogue_files();
  void alpaca_with_history_and_system();
  void what_kept_records_lose_is_said();
  void sharegpt_roles_map_to_chatml();
  void forcing_a_format_rejects_the_others();

 private:
  Conversation two_turns() const {
    return Conversation{{{"system", "你是一位诗人。"}, {"user", "写一句诗"}, {"assistant", "床前明月光"},
                         {"user", "Another?"}, {"assistant", "Yes: 疑是地上霜"}}, "mem", 1};
  }
  QTemporaryDir dir_;
  std::unique_ptr<Tokenizer> tokenizer_;
};

void TestChat::initTestCase() {
  auto project = testing::make_small_project(dir_.filePath("p"), 400);
  tokenizer_ = std::make_unique<Tokenizer>(Tokenizer::load(project.tokenizer_model()));
}

void TestChat::renders_chatml() {
  const std::string expected =
      "<|im_start|>system\n你是一位诗人。<|im_end|>\n<|im_start|>user\n写一句诗<|im_end|>\n"
      "<|im_start|>assistant\n床前明月光<|im_end|>\n<|im_start|>user\nAnother?<|im_end|>\n"
      "<|im_start|>assistant\nYes: 疑是地上霜<|im_end|>\n";
  QCOMPARE(QString::fromStdString(render_chatml(two_turns())), QString::fromStdString(expected));
  QVERIFY(QString::fromStdString(render_chatml(two_turns(), true)).endsWith("<|im_end|>\n<|im_start|>assistant\n"));
}

void TestChat::tokens_are_those_of_the_rendered_text() {
  for (bool prompt : {false, true}) {
    const auto t = tokenize_conversation(two_turns(), *tokenizer_, prompt);
    QCOMPARE(t.tokens, tokenizer_->encode(render_chatml(two_turns(), prompt)));
    QCOMPARE(t.trained.size(), t.tokens.size());
  }
}

void TestChat::loss_counts_only_the_answers() {
  const auto t = tokenize_conversation(two_turns(), *tokenizer_);
  std::vector<int> trained, untrained;
  for (size_t i = 0; i < t.tokens.size(); ++i) (t.trained[i] ? trained : untrained).push_back(t.tokens[i]);
  QCOMPARE(QString::fromStdString(tokenizer_->decode(trained)), QString::fromUtf8("床前明月光<|im_end|>Yes: 疑是地上霜<|im_end|>"));
  QCOMPARE(QString::fromStdString(tokenizer_->decode(untrained)),
           QString::fromUtf8("<|im_start|>system\n你是一位诗人。<|im_end|>\n<|im_start|>user\n写一句诗<|im_end|>\n"
                             "<|im_start|>assistant\n\n<|im_start|>user\nAnother?<|im_end|>\n<|im_start|>assistant\n\n"));
  // The answer's end is trained: the model learns to stop.
  QCOMPARE(std::count(trained.begin(), trained.end(), tokenizer_->im_end_id()), 2L);
}

// Issue 20.4: before training, how many conversations fit the context and what the cut takes (SFT cuts
// from the start: the prompt's beginning goes first, the answer's only when it does not fit alone).
void TestChat::context_fit_says_what_the_cut_keeps() {
  const std::string verse = "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。";
  std::string long_text;
  for (int i = 0; i < 8; ++i) long_text += verse;
  const Conversation short_one{{{"user", "春"}, {"assistant", "花"}}, "", 0};
  const Conversation long_prompt{{{"system", long_text}, {"user", "春"}, {"assistant", "花"}}, "", 0};
  const Conversation long_answer{{{"user", "春"}, {"assistant", long_text}}, "", 0};
  const int short_tokens = int(tokenize_conversation(short_one, *tokenizer_).tokens.size());
  const int context = short_tokens + 4;
  QVERIFY(int(tokenize_conversation(long_prompt, *tokenizer_).tokens.size()) > context);
  const ContextFit fit = context_fit({short_one, long_prompt, long_answer, short_one}, *tokenizer_, context);
  QCOMPARE(fit.conversations, 4);
  QCOMPARE(fit.fit, 2);
  QCOMPARE(fit.prompt_cut, 1);
  QCOMPARE(fit.answer_cut, 1);
  QCOMPARE(fit.longest, int(std::max(tokenize_conversation(long_prompt, *tokenizer_).tokens.size(),
                                     tokenize_conversation(long_answer, *tokenizer_).tokens.size())));
  QCOMPARE(fit.fits_95, fit.longest);  // 95% of four is all four
  const ContextFit roomy = context_fit({short_one, long_prompt, long_answer}, *tokenizer_, fit.longest);
  QCOMPARE(roomy.fit, 3);
}

// Issue 20.4 for the other stages: the reward model and DPO read each answer after its prompt (a pair
// counts by its worse answer), PPO and GRPO a prompt with room for the answer; the counts follow the rows
// the stages build (answer_sequence), not a second idea of them.
void TestChat::pairs_and_prompts_fit_as_their_stages_cut() {
  std::string long_text;
  for (int i = 0; i < 8; ++i) long_text += "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。";
  const Conversation prompt{{ChatMessage{"user", "春"}}, "", 0};
  const Conversation long_prompt{{ChatMessage{"system", long_text}, ChatMessage{"user", "春"}}, "", 0};
  const int whole = int(answer_sequence(*tokenizer_, prompt, "花开", 1 << 20).tokens.size());
  const int context = whole + 4;
  const std::vector<PreferencePair> pairs{{prompt, "花开", "草"}, {long_prompt, "花开", "草"}, {prompt, "草", long_text}};
  const ContextFit fit = pairs_context_fit(pairs, *tokenizer_, context);
  QCOMPARE(fit.conversations, 3);
  QCOMPARE(fit.fit, 1);
  QCOMPARE(fit.prompt_cut, 1);
  QCOMPARE(fit.answer_cut, 1);  // the rejected answer alone is longer than the context
  QCOMPARE(fit.longest, int(std::max(answer_sequence(*tokenizer_, long_prompt, "花开", 1 << 20).tokens.size(),
                                     answer_sequence(*tokenizer_, prompt, long_text, 1 << 20).tokens.size())));
  QCOMPARE(int(answer_sequence(*tokenizer_, long_prompt, "花开", context).tokens.size()), context);  // what "cut" means there

  const int prompt_tokens = 1 + int(tokenize_conversation(prompt, *tokenizer_, true).tokens.size());
  const ContextFit ppo = prompts_context_fit({prompt, long_prompt}, *tokenizer_, 2 * (prompt_tokens + 16), 16);
  QCOMPARE(ppo.fit, 1);
  QCOMPARE(ppo.prompt_cut, 1);
  QCOMPARE(ppo.longest, 1 + int(tokenize_conversation(long_prompt, *tokenizer_, true).tokens.size()) + 16);
}

void TestChat::imports_dialogue_files_data() {
  QTest::addColumn<QString>("file");
  QTest::addColumn<int>("conversations");
  QTest::addColumn<QStringList>("rejected");  // "line:fragment"
  QTest::newRow("alpaca") << "alpaca.json" << 3 << QStringList{"9:no \"output\" field"};
  QTest::newRow("sharegpt") << "sharegpt.jsonl" << 2 << QStringList{"3:\"robot\"", "4:turns must alternate"};
  QTest::newRow("openai") << "openai.jsonl" << 1 << QStringList{"2:ends without the assistant", "3:empty answer", "4:is not a list"};
  QTest::newRow("multimodal and tools") << "dropped.jsonl" << 3 << QStringList{"1:field \"images\"", "2:<image> in its text"};
  QTest::newRow("prompt/completion") << "prompt_completion.jsonl" << 1
                                     << QStringList{"2:\"completion\" is not a string", "4:broken JSON", "5:no known dialogue layout"};
}

void TestChat::imports_dialogue_files() {
  QFETCH(QString, file);
  QFETCH(int, conversations);
  QFETCH(QStringList, rejected);
  const std::string path = testing::data_file(("dialogues/" + file).toUtf8().constData());
  const auto result = import_dialogues(path);
  QCOMPARE(int(result.conversations.size()), conversations);
  QCOMPARE(int(result.rejected.size()), rejected.size());
  for (int i = 0; i < rejected.size(); ++i) {
    const auto& p = result.rejected[size_t(i)];
    QCOMPARE(QString::fromStdString(p.file), QString::fromStdString(path));
    QCOMPARE(QString::number(p.line), rejected[i].section(':', 0, 0));
    QVERIFY2(QString::fromStdString(p.message.english()).contains(rejected[i].section(':', 1)), p.to_string().c_str());
  }
}

// Issue 20.3: nothing dropped silently. Kept records that lose their tool definitions or keep a
// template placeholder are named by file and line.
void TestChat::what_kept_records_lose_is_said() {
  const std::string path = testing::data_file("dialogues/dropped.jsonl");
  const auto result = import_dialogues(path);
  QCOMPARE(int(result.notes.size()), 2);
  QCOMPARE(result.notes[0].line, 3L);
  QVERIFY2(result.notes[0].message.english().find("without its \"tools\"") != std::string::npos, result.notes[0].to_string().c_str());
  QCOMPARE(result.notes[1].line, 4L);
  QVERIFY2(result.notes[1].message.english().find("placeholder {{name}}") != std::string::npos, result.notes[1].to_string().c_str());
  QCOMPARE(result.notes[1].file, path);
}

void TestChat::alpaca_with_history_and_system() {
  const auto result = import_dialogues(testing::data_file("dialogues/alpaca.json"));
  const auto& first = result.conversations[0].messages;
  QCOMPARE(int(first.size()), 2);
  QCOMPARE(QString::fromStdString(first[0].content), QString::fromUtf8("写一首五言绝句\n\n题目：春晓"));  // instruction + input
  const auto& second = result.conversations[1];
  QCOMPARE(second.line, 3L);
  QStringList roles;
  for (const auto& m : second.messages) roles << QString::fromStdString(m.role);
  QCOMPARE(roles, (QStringList{"system", "user", "assistant", "user", "assistant"}));
  QCOMPARE(QString::fromStdString(second.messages[2].content), QString::fromUtf8("你好！想读诗吗？"));
}

void TestChat::sharegpt_roles_map_to_chatml() {
  const auto result = import_dialogues(testing::data_file("dialogues/sharegpt.jsonl"));
  const auto& m = result.conversations[1].messages;
  QCOMPARE(int(m.size()), 5);
  QCOMPARE(QString::fromStdString(m[0].role), QString("system"));
  QCOMPARE(QString::fromStdString(m[1].role), QString("user"));
  QCOMPARE(QString::fromStdString(m[4].role), QString("assistant"));
  QCOMPARE(QString::fromStdString(m[4].content), QString::fromUtf8("唐"));
}

void TestChat::forcing_a_format_rejects_the_others() {
  const auto result = import_dialogues(testing::data_file("dialogues/openai.jsonl"), DialogueFormat::ShareGPT);
  QVERIFY(result.conversations.empty());
  QCOMPARE(int(result.rejected.size()), 4);
  QVERIFY(QString::fromStdString(result.rejected[0].message.english()).contains("no \"conversations\" list"));
  QCOMPARE(parse_dialogue_format("prompt-completion"), DialogueFormat::PromptCompletion);
  QVERIFY_THROWS_EXCEPTION(Error, parse_dialogue_format("csv"));
}

QTEST_GUILESS_MAIN(TestChat)
#include "test_chat.moc"
