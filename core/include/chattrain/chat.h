#pragma once
// Conversations, the ChatML template, and the dialogue formats people share fine-tuning data in.
//   <|im_start|>system\n{content}<|im_end|>\n<|im_start|>user\n{content}<|im_end|>\n<|im_start|>assistant\n...
#include <cstdint>
#include <string>
#include <vector>

#include "chattrain/error.h"
#include "chattrain/tokenizer.h"

namespace chattrain {

struct ChatMessage {
  std::string role;  // "system", "user" or "assistant"
  std::string content;
};

struct Conversation {
  std::vector<ChatMessage> messages;
  std::string source;  // file it came from
  long line = 0;       // first line of its record
};

// The conversation as ChatML text; with `generation_prompt`, ends with "<|im_start|>assistant\n" so a
// model continues as the assistant.
std::string render_chatml(const Conversation& conversation, bool generation_prompt = false);

// Tokens of the ChatML rendering, and which of them the SFT loss counts: the assistant's content and
// its closing <|im_end|> (so the model learns to stop), nothing of the system or user turns.
struct TokenizedConversation {
  std::vector<int> tokens;
  std::vector<std::uint8_t> trained;  // 1 where the loss counts, same length as tokens
};
TokenizedConversation tokenize_conversation(const Conversation& conversation, const Tokenizer& tokenizer,
                                            bool generation_prompt = false);

// How conversations fit a model's context window as SFT takes them: what does not fit is cut from the
// start, so the last answer stays whole while it fits alone and the prompt loses its beginning.
struct ContextFit {
  int conversations = 0;
  int fit = 0;         // whole
  int prompt_cut = 0;  // the start of the prompt (earlier turns, system text) cut, the last answer whole
  int answer_cut = 0;  // even the last answer does not fit: its start is cut too
  int longest = 0;     // tokens of the longest conversation
  int fits_95 = 0;     // tokens that 95% of the conversations fit in
};
ContextFit context_fit(const std::vector<Conversation>& conversations, const Tokenizer& tokenizer, int context_length);
// PPO's and GRPO's prompts: each with room for an answer of `answer_tokens` (at most half the context)
// after it; a longer prompt loses its start (prompt_cut). longest and fits_95 count the room too.
ContextFit prompts_context_fit(const std::vector<Conversation>& prompts, const Tokenizer& tokenizer, int context_length,
                               int answer_tokens);

enum class DialogueFormat { Auto, Alpaca, ShareGPT, OpenAI, PromptCompletion };
DialogueFormat parse_dialogue_format(const std::string& name);  // auto, alpaca, sharegpt, openai, prompt-completion
const char* dialogue_format_name(DialogueFormat format);

struct DialogueImportResult {
  std::vector<Conversation> conversations;
  std::vector<InputProblem> rejected;  // every record left out, with file and line
  // Kept records with something left out or learned as written (tool definitions not used, a
  // "{{name}}" placeholder), with file and line: nothing is dropped silently.
  std::vector<InputProblem> notes;
};

// Reads a .json (array) or .jsonl file of dialogues. With Auto each record's own fields decide:
// "conversations" → ShareGPT, "messages" → OpenAI, "instruction" → Alpaca, "prompt"+"completion".
DialogueImportResult import_dialogues(const std::string& path, DialogueFormat format = DialogueFormat::Auto);
DialogueImportResult import_dialogue_bytes(std::string_view bytes, const std::string& file, DialogueFormat format);

// The built-in demo set (resources/sft/), derived from the embedded poems: write a poem with a given
// title, name its author, continue it from its first line, name the title of a poem shown; some in
// English, some two-turn, some with a system prompt. The held-out part asks about poems whose
// answers the training part never shows.
inline constexpr const char* embedded_dialogues_name = "poem-dialogues";
DialogueImportResult import_embedded_dialogues(bool held_out = false);

// The demo's prompt set (held-out dialogues as prompts), its evaluation set, and the question every
// demo stage samples after training: named once, used by the CLI, the studio and the pipeline.
inline constexpr const char* demo_ranking_set = "poem-prompts";
inline constexpr const char* demo_evaluation_set = "poem-eval";
inline constexpr const char* demo_sample_question = "《静夜思》的作者是谁？";

}  // namespace chattrain
