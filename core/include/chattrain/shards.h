#pragma once
// Token shards on disk: the documents of one dataset, tokenized and concatenated (each followed by
// </s>), as little-endian uint16 (vocabulary <= 65536) or uint32, with a JSON manifest.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "chattrain/data.h"
#include "chattrain/tokenizer.h"

namespace chattrain {

struct ShardManifest {
  std::string tokenizer_hash;
  int bytes_per_token = 2;
  std::uint64_t train_tokens = 0, val_tokens = 0;
  std::uint64_t train_documents = 0, val_documents = 0;
  std::vector<std::string> train_files, val_files;  // relative to the manifest's folder
};

struct ShardOptions {
  double val_fraction = 0.02;                 // documents go to validation by a hash of their text
  std::uint64_t tokens_per_shard = 1u << 24;  // 16M tokens: a few tens of MB per file
  int threads = 0;
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;  // documents encoded
};

// Writes <dir>/manifest.json and the shard files; replaces an older set only when complete.
ShardManifest write_shards(const std::vector<Document>& documents, const Tokenizer& tokenizer,
                           const std::string& dir, const ShardOptions& options = {});
ShardManifest read_manifest(const std::string& dir);  // throws InputError naming the file

// Is `document` in the validation split? Deterministic: depends on the text alone.
bool is_validation_document(const std::string& text, double val_fraction);

// A split's tokens, memory-mapped, addressed as one sequence.
class TokenStream {
 public:
  TokenStream(const std::string& dir, const ShardManifest& manifest, bool validation);
  TokenStream(TokenStream&&) noexcept;
  ~TokenStream();
  std::uint64_t size() const;
  // Copies tokens [offset, offset + count) into out (as int64, what embeddings take).
  void read(std::uint64_t offset, std::uint64_t count, std::int64_t* out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chattrain
