// chattrain tokenizer train, chattrain tokenizer encode TEXT
#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include "command.h"

namespace chattrain::cli {

void add_tokenizer_commands(CLI::App& app, Commands& commands) {
  auto* tokenizer = app.add_subcommand("tokenizer", "Train and try the tokenizer")->require_subcommand(1);
  auto options = std::make_shared<TokenizerTrainOptions>();
  auto* train = tokenizer->add_subcommand("train", "Train a SentencePiece tokenizer on every dataset of the project");
  train->add_option("--vocab-size", options->vocab_size, "Number of pieces")->capture_default_str();
  train->add_option("--type", options->model_type, "bpe or unigram")->capture_default_str();
  train->add_option("--character-coverage", options->character_coverage, "Share of characters kept whole; the rarest go to bytes")
      ->capture_default_str();
  commands.push_back({train, in_project([options](Project& project) {
                        train_project_tokenizer(project, *options, [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); });
                        const auto trained = Tokenizer::load(project.tokenizer_model());
                        std::printf("tokenizer: %s (%d pieces, hash %s)\n", project.tokenizer_model().c_str(), trained.vocab_size(),
                                    trained.hash().c_str());
                        return 0;
                      })});

  auto text = std::make_shared<std::string>();
  auto* encode = tokenizer->add_subcommand("encode", "Show the pieces and ids of TEXT");
  encode->add_option("text", *text, "Text to encode")->required();
  commands.push_back({encode, in_project([text](Project& project) {
                        const auto loaded = Tokenizer::load(project.tokenizer_model());
                        for (int id : loaded.encode(*text)) std::printf("%d\t%s\n", id, loaded.piece(id).c_str());
                        return 0;
                      })});
}

}  // namespace chattrain::cli
