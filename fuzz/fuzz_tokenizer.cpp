// The tokenizer bridge's input: any bytes encoded with a trained SentencePiece model, and the ids decoded
// again (text from every importer reaches it; not all of it is valid UTF-8 when it gets there).
#include <string>
#include <vector>

#include "chattrain/tokenizer.h"
#include "harness.h"
#include "temp_folder.h"

namespace {
const chattrain::Tokenizer& tokenizer() {
  static const chattrain::Tokenizer trained = [] {
    // A small tokenizer, quickly: a few poems and some English (the whole embedded corpus takes a minute
    // to read under AddressSanitizer).
    std::vector<std::string> documents{"Some English too, so that Latin letters are pieces, not bytes.\nThe moon is bright tonight."};
    for (int i = 0; i < 40; ++i)
      documents.push_back("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n春眠不觉晓，处处闻啼鸟。第" + std::to_string(i) + "首");
    chattrain::TokenizerTrainOptions options;
    options.vocab_size = 120;
    options.character_coverage = 1.0;
    options.threads = 1;
    const std::string prefix = chattrain::fuzz::temp_folder() + "/tokenizer";
    chattrain::Tokenizer::train(documents, prefix, options);
    return chattrain::Tokenizer::load(prefix + ".model");
  }();
  return trained;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace chattrain;
  return fuzz::expect_only_our_errors([&] {
    const std::vector<int> ids = tokenizer().encode(fuzz::bytes_of(data, size));
    tokenizer().decode(ids);
  });
}
