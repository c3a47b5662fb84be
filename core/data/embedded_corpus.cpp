// The default corpus, linked into the program so that every command works with no file at hand.
#include "chattrain/data.h"

// .incbin keeps the 2.5 MB out of the C++ parser (a char array that size takes minutes to compile).
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global chattrain_corpus_begin\n"
    "chattrain_corpus_begin:\n"
    ".incbin \"" CHATTRAIN_CORPUS_FILE "\"\n"
    ".global chattrain_corpus_end\n"
    "chattrain_corpus_end:\n"
    ".byte 0\n"
    ".previous\n");

extern "C" const char chattrain_corpus_begin[];
extern "C" const char chattrain_corpus_end[];

namespace chattrain {

std::string_view embedded_corpus_json() {
  return std::string_view(chattrain_corpus_begin, size_t(chattrain_corpus_end - chattrain_corpus_begin));
}

ImportResult import_embedded_corpus() {
  return import_bytes(embedded_corpus_json(), std::string("<embedded>/") + embedded_corpus_name + ".json",
                      InputFormat::ChinesePoetry);
}

}  // namespace chattrain
