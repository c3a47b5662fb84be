// chattrain tokenizer train [--datasets A B], chattrain tokenizer measure, chattrain tokenizer encode TEXT
#include <chattrain/tokenizer.h>
#include <chattrain/workflow.h>

#include <algorithm>

#include "command.h"

namespace chattrain::cli {

void add_tokenizer_commands(CLI::App& app, Commands& commands) {
  auto* tokenizer = app.add_subcommand("tokenizer", "Train and try the tokenizer")->require_subcommand(1);
  auto options = std::make_shared<TokenizerTrainOptions>();
  auto* train = tokenizer->add_subcommand("train", "Train a SentencePiece tokenizer on the project's datasets");
  auto datasets = std::make_shared<std::vector<std::string>>();
  train->add_option("--datasets", *datasets,
                    "Datasets it learns from; dialogue datasets give their messages' text (default: every text dataset)");
  train->add_option("--vocab-size", options->vocab_size, "Number of pieces")->capture_default_str();
  train->add_option("--type", options->model_type, "bpe or unigram")->capture_default_str();
  train->add_option("--character-coverage", options->character_coverage, "Share of characters kept whole; the rarest go to bytes")
      ->capture_default_str();
  commands.push_back({train, in_project([options, datasets](Project& project) {
                        train_project_tokenizer(project, *options, [](auto d, auto t) { print_progress_bar("tokenizing documents", d, t); },
                                                *datasets);
                        const auto trained = Tokenizer::load(project.tokenizer_model());
                        std::printf("tokenizer: %s (%d pieces, hash %s)\n", project.tokenizer_model().c_str(), trained.vocab_size(),
                                    trained.hash().c_str());
                        return 0;
                      })});

  auto* measure = tokenizer->add_subcommand("measure", "How the tokenizer splits each dataset: characters per token, byte tokens");
  commands.push_back({measure, in_project([](Project& project) {
                        const auto loaded = Tokenizer::load(project.tokenizer_model());
                        const auto learned = tokenizer_training_datasets(project);
                        std::printf("%-28s %-9s %8s %11s %8s  %s\n", "dataset", "kind", "learned", "chars/token", "bytes", "measured on");
                        for (const auto& m : measure_tokenization(project, loaded)) {
                          const bool learns = std::find(learned.begin(), learned.end(), m.dataset) != learned.end();
                          std::printf("%-28s %-9s %8s %11.2f %7.1f%%  %lld characters of %s\n", m.dataset.c_str(), m.dialogue ? "dialogues" : "text",
                                      learns ? "yes" : "no", m.characters_per_token(), 100.0 * m.byte_token_share(), (long long)m.characters,
                                      m.dialogue ? "its messages" : m.held_out ? "held-out documents" : "its documents");
                        }
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
