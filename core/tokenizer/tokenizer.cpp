#include "chattrain/tokenizer.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include "chattrain/error.h"
#include "tokenizer/spm_bridge.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace {

// The bridge's functions, resolved once from the dlopen'ed library.
struct Bridge {
  decltype(&ctspm_load) load;
  decltype(&ctspm_close) close;
  decltype(&ctspm_vocab_size) vocab_size;
  decltype(&ctspm_piece_to_id) piece_to_id;
  decltype(&ctspm_id_to_piece) id_to_piece;
  decltype(&ctspm_score) score;
  decltype(&ctspm_piece_type) piece_type;
  decltype(&ctspm_model_type) model_type;
  decltype(&ctspm_encode) encode;
  decltype(&ctspm_decode) decode;
  decltype(&ctspm_train) train;
  decltype(&ctspm_free_string) free_string;
};

constexpr const char* kBridgeFile = "libchattrain_spm_bridge.so";

std::vector<std::string> bridge_candidates() {
  std::vector<std::string> out;
  if (const char* env = std::getenv("CHATTRAIN_SPM_BRIDGE")) out.emplace_back(env);
  const std::filesystem::path exe = fs::executable_dir();
  // Build tree and installed tree: <prefix>/bin/chattrain next to <prefix>/<libdir>/chattrain/.
  out.push_back((exe / ".." / CHATTRAIN_BRIDGE_RELDIR / kBridgeFile).lexically_normal().string());
  out.push_back((exe / kBridgeFile).string());
  return out;
}

const Bridge& bridge() {
  static Bridge instance;
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    void* handle = nullptr;
    std::string tried;
    for (const auto& path : bridge_candidates()) {
      if (!std::filesystem::exists(path)) {
        tried += "\n  " + path + " (missing)";
        continue;
      }
#ifdef CHATTRAIN_SANITIZE
      // AddressSanitizer refuses RTLD_DEEPBIND. A link namespace of its own keeps the bridge's protobuf
      // apart as well; the bridge is built without sanitizers and no memory crosses it (ctspm_free_string).
      handle = dlmopen(LM_ID_NEWLM, path.c_str(), RTLD_NOW | RTLD_LOCAL);
#else
      // DEEPBIND: the bridge resolves protobuf symbols inside its own dependencies first.
      handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
#endif
      if (handle) break;
      tried += "\n  " + path + " (" + dlerror() + ")";
    }
    if (!handle) {
      failure = "the SentencePiece bridge " + std::string(kBridgeFile) +
                " could not be loaded; reinstall ChatTrain or set CHATTRAIN_SPM_BRIDGE. Tried:" + tried;
      return;
    }
    auto resolve = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(handle, name));
      if (!fn) failure = std::string("the SentencePiece bridge lacks ") + name;
    };
    resolve(instance.load, "ctspm_load");
    resolve(instance.close, "ctspm_close");
    resolve(instance.vocab_size, "ctspm_vocab_size");
    resolve(instance.piece_to_id, "ctspm_piece_to_id");
    resolve(instance.id_to_piece, "ctspm_id_to_piece");
    resolve(instance.score, "ctspm_score");
    resolve(instance.piece_type, "ctspm_piece_type");
    resolve(instance.model_type, "ctspm_model_type");
    resolve(instance.encode, "ctspm_encode");
    resolve(instance.decode, "ctspm_decode");
    resolve(instance.train, "ctspm_train");
    resolve(instance.free_string, "ctspm_free_string");
  });
  if (!failure.empty()) throw Error(failure);
  return instance;
}

std::string take_string(char* s) {
  std::string out = s ? s : "unknown error";
  if (s) bridge().free_string(s);
  return out;
}

// Pieces every tokenizer has in addition to what it learns. "\n" is one piece because SentencePiece
// trains on single lines and would otherwise never learn a newline, which poems and chats need.
const std::vector<std::string>& user_defined_pieces() {
  static const std::vector<std::string> pieces{special_tokens::im_start, special_tokens::im_end, "\n"};
  return pieces;
}

}  // namespace

struct Tokenizer::Impl {
  ctspm* model = nullptr;
  ~Impl() {
    if (model) bridge().close(model);
  }
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::load(const std::string& model_path) {
  if (!std::filesystem::exists(model_path))
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "tokenizer %1 does not exist: train one first (chattrain tokenizer train)"),
                        {model_path}));
  const std::string bytes = fs::read_file(model_path);
  char* error = nullptr;
  auto impl = std::make_unique<Impl>();
  impl->model = bridge().load(model_path.c_str(), &error);
  if (!impl->model)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "tokenizer %1 is not a SentencePiece model: %2"), {model_path, take_string(error)}));
  Tokenizer tokenizer(std::move(impl));
  tokenizer.path_ = model_path;
  tokenizer.hash_ = fs::hex64(fs::fnv1a64(bytes));
  tokenizer.pad_ = tokenizer.id_of(special_tokens::pad);
  tokenizer.unk_ = tokenizer.id_of(special_tokens::unk);
  tokenizer.bos_ = tokenizer.id_of(special_tokens::bos);
  tokenizer.eos_ = tokenizer.id_of(special_tokens::eos);
  tokenizer.im_start_ = tokenizer.id_of(special_tokens::im_start);
  tokenizer.im_end_ = tokenizer.id_of(special_tokens::im_end);
  if (tokenizer.im_start_ == tokenizer.unk_ || tokenizer.im_end_ == tokenizer.unk_ ||
      tokenizer.eos_ == tokenizer.unk_)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "tokenizer %1 lacks the chat tokens <|im_start|>/<|im_end|>: it was not made by ChatTrain; train one in the project"),
                        {model_path}));
  return tokenizer;
}

void Tokenizer::train(const std::vector<std::string>& documents, const std::string& model_prefix,
                      const TokenizerTrainOptions& options) {
  if (documents.empty()) throw Error(Message(QT_TRANSLATE_NOOP("Core", "no text to train a tokenizer on: import a dataset first")));
  if (options.model_type != "bpe" && options.model_type != "unigram")
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "tokenizer type '%1' is unknown: use bpe or unigram"), {options.model_type}));
  if (options.character_coverage < 0.98 || options.character_coverage > 1.0)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "character coverage %1 is out of range (0.98 to 1)"),
                        {std::to_string(options.character_coverage)}));
  if (options.vocab_size < 64 || options.vocab_size > 1'000'000)
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "vocabulary size %1 is out of range (64 to 1000000)"),
                        {std::to_string(options.vocab_size)}));

  // One training sentence per non-empty line.
  struct Lines {
    const std::vector<std::string>* documents;
    size_t document = 0, offset = 0;
    std::string current;
  } lines;
  lines.documents = &documents;
  auto next = [](void* user, size_t* length) -> const char* {
    auto* s = static_cast<Lines*>(user);
    while (s->document < s->documents->size()) {
      const std::string& text = (*s->documents)[s->document];
      if (s->offset >= text.size()) {
        ++s->document;
        s->offset = 0;
        continue;
      }
      size_t end = text.find('\n', s->offset);
      if (end == std::string::npos) end = text.size();
      s->current.assign(text, s->offset, end - s->offset);
      s->offset = end + 1;
      if (s->current.empty()) continue;
      *length = s->current.size();
      return s->current.c_str();
    }
    return nullptr;
  };

  std::string defined;
  for (const auto& piece : user_defined_pieces()) defined += (defined.empty() ? "" : ",") + piece;
  const unsigned threads = options.threads > 0 ? unsigned(options.threads) : std::max(1u, std::thread::hardware_concurrency());
  const std::string temporary_prefix = model_prefix + ".training";
  const std::vector<std::pair<std::string, std::string>> flags{
      {"model_prefix", temporary_prefix},
      {"model_type", options.model_type},
      {"vocab_size", std::to_string(options.vocab_size)},
      {"character_coverage", std::to_string(options.character_coverage)},
      {"byte_fallback", options.byte_fallback ? "true" : "false"},
      {"input_sentence_size", std::to_string(options.max_sentences)},
      {"shuffle_input_sentence", "true"},
      {"num_threads", std::to_string(threads)},
      {"pad_id", "0"}, {"unk_id", "1"}, {"bos_id", "2"}, {"eos_id", "3"},
      {"user_defined_symbols", defined},
      // We normalise to NFC at import; NFKC would turn Chinese full-width punctuation into ASCII.
      {"normalization_rule_name", "identity"},
      {"remove_extra_whitespaces", "false"},
      {"add_dummy_prefix", "false"},  // so that encode(a + b) == encode(a) + encode(b) at piece borders like "\n"
      {"split_digits", "true"},
      {"allow_whitespace_only_pieces", "true"},
      {"max_sentence_length", "16384"},
      {"minloglevel", "1"},
  };
  std::vector<const char*> keys, values;
  for (const auto& [k, v] : flags) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  std::filesystem::create_directories(std::filesystem::path(model_prefix).parent_path());
  char* error = nullptr;
  if (bridge().train(keys.data(), values.data(), int(keys.size()), next, &lines, &error) != 0)
  {
    const std::string message = take_string(error);
    if (message.find("smaller than required_chars") != std::string::npos)
      throw Error(Message(QT_TRANSLATE_NOOP("Core", "a vocabulary of %1 pieces cannot hold every character that a coverage of %2 keeps (%3 with the special pieces): raise the vocabulary size or lower the character coverage (e.g. 0.99)"),
                          {std::to_string(options.vocab_size), std::to_string(options.character_coverage), message.substr(message.find("vs ") + 3, message.find('.', message.find("vs ")) - message.find("vs ") - 3)}));
    throw Error(Message(QT_TRANSLATE_NOOP("Core", "tokenizer training failed: %1"), {message}));
  }
  // Replace the old tokenizer only once both new files exist.
  for (const char* ext : {".vocab", ".model"}) {
    std::error_code ec;
    std::filesystem::rename(temporary_prefix + ext, model_prefix + ext, ec);
    if (ec) throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not write %1%2: %3"), {model_prefix, ext, ec.message()}));
  }
}

namespace {
// SentencePiece's memory and time grow steeply with the length of one piece: 10 MB without a space took
// 3 GB and over a minute (issue 21.9). Longer text is encoded in parts of at most this many bytes, cut
// after a newline or before a space where the part has one: the tokens are then the same as the whole's
// ("\n" is a piece of its own, and no piece spans a space's start). Else at a character boundary.
constexpr size_t encode_part_bytes = size_t(1) << 16;

size_t part_end(std::string_view text) {
  if (text.size() <= encode_part_bytes) return text.size();
  const std::string_view window = text.substr(0, encode_part_bytes);
  if (const size_t newline = window.rfind('\n'); newline != std::string_view::npos) return newline + 1;
  if (const size_t space = window.rfind(' '); space != std::string_view::npos && space > 0) return space;
  size_t cut = encode_part_bytes;
  while (cut > 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return cut;
}
}  // namespace

std::vector<int> Tokenizer::encode(std::string_view text) const {
  if (text.size() > encode_part_bytes) {
    std::vector<int> ids;
    while (!text.empty()) {
      const size_t end = part_end(text);
      const std::vector<int> part = encode(text.substr(0, end));
      ids.insert(ids.end(), part.begin(), part.end());
      text.remove_prefix(end);
    }
    return ids;
  }
  std::vector<int> ids(text.size() + 16);
  long n = bridge().encode(impl_->model, text.data(), text.size(), ids.data(), long(ids.size()));
  if (n > long(ids.size())) {
    ids.resize(size_t(n));
    n = bridge().encode(impl_->model, text.data(), text.size(), ids.data(), long(ids.size()));
  }
  if (n < 0) throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not encode text with tokenizer %1"), {path_}));
  ids.resize(size_t(n));
  return ids;
}

std::vector<std::vector<int>> Tokenizer::encode_batch(const std::vector<std::string>& texts, int threads) const {
  std::vector<std::vector<int>> out(texts.size());
  const size_t workers = std::min<size_t>(texts.size(), threads > 0 ? size_t(threads) : std::max(1u, std::thread::hardware_concurrency()));
  if (workers <= 1) {
    for (size_t i = 0; i < texts.size(); ++i) out[i] = encode(texts[i]);
    return out;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  for (size_t w = 0; w < workers; ++w)
    pool.emplace_back([&] {
      try {
        for (size_t i; (i = next.fetch_add(1)) < texts.size();) out[i] = encode(texts[i]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        failure = std::current_exception();
      }
    });
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  return out;
}

std::string Tokenizer::decode(const std::vector<int>& ids) const {
  size_t length = 0;
  char* text = bridge().decode(impl_->model, ids.data(), long(ids.size()), &length);
  if (!text) throw Error(Message(QT_TRANSLATE_NOOP("Core", "could not decode ids with tokenizer %1 (an id is out of range?)"), {path_}));
  std::string out(text, length);
  bridge().free_string(text);
  return out;
}

int Tokenizer::vocab_size() const { return bridge().vocab_size(impl_->model); }

std::string Tokenizer::piece(int id) const {
  size_t length = 0;
  const char* p = bridge().id_to_piece(impl_->model, id, &length);
  return std::string(p, length);
}

float Tokenizer::score(int id) const { return bridge().score(impl_->model, id); }

bool Tokenizer::is_bpe() const { return bridge().model_type(impl_->model) == 2; }

PieceType Tokenizer::type(int id) const {
  switch (bridge().piece_type(impl_->model, id)) {
    case CTSPM_UNKNOWN: return PieceType::Unknown;
    case CTSPM_CONTROL: return PieceType::Control;
    case CTSPM_UNUSED: return PieceType::Unused;
    case CTSPM_BYTE: return PieceType::Byte;
    default: break;
  }
  const std::string p = piece(id);
  const auto& defined = user_defined_pieces();
  return std::find(defined.begin(), defined.end(), p) != defined.end() ? PieceType::UserDefined : PieceType::Normal;
}

int Tokenizer::id_of(std::string_view piece) const {
  return bridge().piece_to_id(impl_->model, piece.data(), piece.size());
}

}  // namespace chattrain
