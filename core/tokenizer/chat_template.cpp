#include "chattrain/chat.h"
#include "chattrain/preference.h"

#include <algorithm>
#include <cmath>

namespace chattrain {

std::string render_chatml(const Conversation& conversation, bool generation_prompt) {
  std::string out;
  for (const auto& m : conversation.messages)
    out += std::string(special_tokens::im_start) + m.role + "\n" + m.content + special_tokens::im_end + "\n";
  if (generation_prompt) out += std::string(special_tokens::im_start) + "assistant\n";
  return out;
}

TokenizedConversation tokenize_conversation(const Conversation& conversation, const Tokenizer& tokenizer,
                                            bool generation_prompt) {
  TokenizedConversation out;
  auto append = [&](const std::vector<int>& ids, bool trained) {
    out.tokens.insert(out.tokens.end(), ids.begin(), ids.end());
    out.trained.insert(out.trained.end(), ids.size(), trained ? 1 : 0);
  };
  // Each part is encoded on its own: the special tokens are single ids by construction, and with
  // add_dummy_prefix off the pieces are exactly those of the whole rendered text.
  const std::vector<int> newline = tokenizer.encode("\n");
  for (const auto& m : conversation.messages) {
    const bool assistant = m.role == "assistant";
    append({tokenizer.im_start_id()}, false);
    append(tokenizer.encode(m.role + "\n"), false);
    append(tokenizer.encode(m.content), assistant);
    append({tokenizer.im_end_id()}, assistant);
    append(newline, false);
  }
  if (generation_prompt) {
    append({tokenizer.im_start_id()}, false);
    append(tokenizer.encode("assistant\n"), false);
  }
  return out;
}

namespace {
// Sorts sequences into whole / start of the prompt cut / start of the answer cut, as the stages cut them:
// from the start, so what a sequence keeps is its end.
class FitCounter {
 public:
  explicit FitCounter(int context_length) : context_(context_length) {}
  // A unit (a conversation, a pair) of sequences of `length` tokens whose last `answer` tokens are its answer.
  void add(const std::vector<std::pair<int, int>>& sequences) {
    bool prompt_cut = false, answer_cut = false;
    for (const auto& [length, answer] : sequences) {
      lengths_.push_back(length);
      if (length <= context_) continue;
      if (answer <= context_) prompt_cut = true;
      else answer_cut = true;
    }
    ++fit_.conversations;
    if (answer_cut) ++fit_.answer_cut;
    else if (prompt_cut) ++fit_.prompt_cut;
    else ++fit_.fit;
  }
  ContextFit result() {
    if (!lengths_.empty()) {
      std::sort(lengths_.begin(), lengths_.end());
      fit_.longest = lengths_.back();
      fit_.fits_95 = lengths_[std::min(lengths_.size() - 1, size_t(std::ceil(0.95 * double(lengths_.size()))) - 1)];
    }
    return fit_;
  }

 private:
  int context_;
  ContextFit fit_;
  std::vector<int> lengths_;
};
}  // namespace

ContextFit context_fit(const std::vector<Conversation>& conversations, const Tokenizer& tokenizer, int context_length) {
  FitCounter counter(context_length);
  for (const auto& c : conversations) {
    const TokenizedConversation t = tokenize_conversation(c, tokenizer);
    // SFT's rows: </s> first, then position i predicts token i+1 — as many positions as tokens here.
    size_t answer_start = t.trained.size();  // the first token of the last trained run
    while (answer_start > 0 && !t.trained[answer_start - 1]) --answer_start;
    while (answer_start > 0 && t.trained[answer_start - 1]) --answer_start;
    counter.add({{int(t.tokens.size()), int(t.tokens.size() - answer_start)}});
  }
  return counter.result();
}

ContextFit pairs_context_fit(const std::vector<PreferencePair>& pairs, const Tokenizer& tokenizer, int context_length) {
  FitCounter counter(context_length);
  for (const auto& p : pairs) {
    // </s>, the prompt with the generation prompt, the answer and <|im_end|> (preference_batches' rows).
    const int prompt = 1 + int(tokenize_conversation(p.prompt, tokenizer, /*generation_prompt=*/true).tokens.size());
    const int chosen = int(tokenizer.encode(p.chosen).size()) + 1, rejected = int(tokenizer.encode(p.rejected).size()) + 1;
    counter.add({{prompt + chosen, chosen}, {prompt + rejected, rejected}});
  }
  return counter.result();
}

ContextFit prompts_context_fit(const std::vector<Conversation>& prompts, const Tokenizer& tokenizer, int context_length,
                               int answer_tokens) {
  // PPO and GRPO keep room for min(answer_tokens, half the context) after the prompt and cut the prompt's start.
  const int room = std::max(1, std::min(answer_tokens, context_length / 2));
  FitCounter counter(context_length);
  for (const auto& p : prompts)
    counter.add({{1 + int(tokenize_conversation(p, tokenizer, /*generation_prompt=*/true).tokens.size()) + room, room}});
  return counter.result();
}

}  // namespace chattrain
