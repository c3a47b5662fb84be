#include "chattrain/chat.h"

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

ContextFit context_fit(const std::vector<Conversation>& conversations, const Tokenizer& tokenizer, int context_length) {
  ContextFit out;
  std::vector<int> lengths;
  for (const auto& c : conversations) {
    const TokenizedConversation t = tokenize_conversation(c, tokenizer);
    // SFT's rows: </s> first, then position i predicts token i+1 — as many positions as tokens here.
    const int length = int(t.tokens.size());
    size_t answer_start = t.trained.size();  // the first token of the last trained run
    while (answer_start > 0 && !t.trained[answer_start - 1]) --answer_start;
    while (answer_start > 0 && t.trained[answer_start - 1]) --answer_start;
    ++out.conversations;
    if (length <= context_length) ++out.fit;
    else if (length - int(answer_start) <= context_length) ++out.prompt_cut;
    else ++out.answer_cut;
    lengths.push_back(length);
  }
  if (!lengths.empty()) {
    std::sort(lengths.begin(), lengths.end());
    out.longest = lengths.back();
    out.fits_95 = lengths[std::min(lengths.size() - 1, size_t(std::ceil(0.95 * double(lengths.size()))) - 1)];
  }
  return out;
}

}  // namespace chattrain
