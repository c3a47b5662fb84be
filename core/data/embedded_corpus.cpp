// The default corpus and the demo dialogue set, linked into the program so that every command works
// with no file at hand.
#include "chattrain/chat.h"
#include "chattrain/data.h"

// .incbin keeps megabytes out of the C++ parser (a char array that size takes minutes to compile).
// Each file gets <name>_begin/<name>_end symbols and a terminating zero byte.
#define CHATTRAIN_INCBIN(name, file)                                                              \
  __asm__(".section .rodata\n.balign 16\n.global " #name "_begin\n" #name "_begin:\n.incbin \"" file \
          "\"\n.global " #name "_end\n" #name "_end:\n.byte 0\n.previous\n");                     \
  extern "C" const char name##_begin[];                                                          \
  extern "C" const char name##_end[];

CHATTRAIN_INCBIN(chattrain_corpus, CHATTRAIN_CORPUS_FILE)
CHATTRAIN_INCBIN(chattrain_dialogues, CHATTRAIN_DIALOGUES_FILE)
CHATTRAIN_INCBIN(chattrain_dialogues_heldout, CHATTRAIN_DIALOGUES_HELDOUT_FILE)

namespace chattrain {

std::string_view embedded_corpus_json() {
  return std::string_view(chattrain_corpus_begin, size_t(chattrain_corpus_end - chattrain_corpus_begin));
}

ImportResult import_embedded_corpus() {
  return import_bytes(embedded_corpus_json(), std::string("<embedded>/") + embedded_corpus_name + ".json",
                      InputFormat::ChinesePoetry);
}

DialogueImportResult import_embedded_dialogues(bool held_out) {
  const char* begin = held_out ? chattrain_dialogues_heldout_begin : chattrain_dialogues_begin;
  const char* end = held_out ? chattrain_dialogues_heldout_end : chattrain_dialogues_end;
  return import_dialogue_bytes(std::string_view(begin, size_t(end - begin)),
                               std::string("<embedded>/") + embedded_dialogues_name + (held_out ? "-heldout" : "") + ".jsonl",
                               DialogueFormat::OpenAI);
}

}  // namespace chattrain
