#pragma once
// Reading turns of dialogue records, shared by the dialogue and the preference importers. Errors are
// std::invalid_argument with a message that completes "record …" (the caller adds file and line).
#include <nlohmann/json.hpp>
#include <vector>

#include "chattrain/chat.h"

namespace chattrain {

// A list of turns, each an object with a speaker and a text key (ShareGPT: from/value, OpenAI:
// role/content), speakers mapped to ChatML's roles. `field` names the list in messages.
std::vector<ChatMessage> turns(const nlohmann::json& list, const char* speaker_key, const char* text_key, const char* field);

// A prompt given as text (one user turn) or as a list of messages ending with the user's turn.
Conversation prompt_of(const nlohmann::json& value, const char* field);

// Messages in the OpenAI layout: [{"role": ..., "content": ...}, ...].
nlohmann::json messages_json(const Conversation& conversation);

}  // namespace chattrain
