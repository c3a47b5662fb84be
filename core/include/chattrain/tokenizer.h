#pragma once
// SentencePiece tokenizer with the chat special tokens. The SentencePiece library itself lives in a
// dlopen'ed bridge (see ARCHITECTURE.md, protobuf trap); this header is plain C++.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chattrain {

namespace special_tokens {
inline constexpr const char* pad = "<pad>";
inline constexpr const char* unk = "<unk>";
inline constexpr const char* bos = "<s>";
inline constexpr const char* eos = "</s>";
inline constexpr const char* im_start = "<|im_start|>";
inline constexpr const char* im_end = "<|im_end|>";
}  // namespace special_tokens

struct TokenizerTrainOptions {
  int vocab_size = 6000;
  std::string model_type = "bpe";  // "bpe" or "unigram"
  double character_coverage = 0.995;  // CJK text wants < 1: the rarest characters are spelled in bytes
  bool byte_fallback = true;           // unseen characters become UTF-8 bytes, never <unk>
  long max_sentences = 2'000'000;      // SentencePiece samples this many lines at most
  int threads = 0;                     // 0: all cores
};

enum class PieceType { Normal, Unknown, Control, UserDefined, Unused, Byte };

class Tokenizer {
 public:
  // Loads tokenizer.model; throws Error naming the file when it is missing or not a SentencePiece model.
  static Tokenizer load(const std::string& model_path);
  // Trains on documents (each may span lines) and writes <prefix>.model and <prefix>.vocab atomically.
  static void train(const std::vector<std::string>& documents, const std::string& model_prefix,
                    const TokenizerTrainOptions& options);

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  std::vector<int> encode(std::string_view text) const;
  // Encodes many documents on `threads` cores (0: all), order preserved.
  std::vector<std::vector<int>> encode_batch(const std::vector<std::string>& texts, int threads = 0) const;
  std::string decode(const std::vector<int>& ids) const;

  int vocab_size() const;
  std::string piece(int id) const;
  float score(int id) const;
  PieceType type(int id) const;
  int id_of(std::string_view piece) const;  // unk_id() when absent
  bool is_bpe() const;                       // trained as BPE; otherwise unigram

  int pad_id() const { return pad_; }
  int unk_id() const { return unk_; }
  int bos_id() const { return bos_; }
  int eos_id() const { return eos_; }
  int im_start_id() const { return im_start_; }
  int im_end_id() const { return im_end_; }

  // Identity of the model file (64-bit FNV-1a, hex): stored in checkpoints so that a stage is never
  // started on weights trained with another tokenizer.
  const std::string& hash() const { return hash_; }
  const std::string& path() const { return path_; }

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int pad_ = 0, unk_ = 1, bos_ = 2, eos_ = 3, im_start_ = -1, im_end_ = -1;
  std::string hash_, path_;
};

}  // namespace chattrain
