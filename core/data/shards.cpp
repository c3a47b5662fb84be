#include "chattrain/shards.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace {

using nlohmann::json;
namespace stdfs = std::filesystem;

class ShardWriter {
 public:
  ShardWriter(std::string dir, std::string split, int bytes_per_token, std::uint64_t tokens_per_shard)
      : dir_(std::move(dir)), split_(std::move(split)), width_(bytes_per_token), per_shard_(tokens_per_shard) {}

  void append(const std::vector<int>& ids) {
    for (int id : ids) {
      const auto value = std::uint32_t(id);  // little-endian hosts only (x86-64, arm64)
      buffer_.append(reinterpret_cast<const char*>(&value), size_t(width_));
      if (buffer_.size() / size_t(width_) >= per_shard_) flush();
    }
    tokens_ += ids.size();
  }
  void flush() {
    if (buffer_.empty()) return;
    char name[64];
    std::snprintf(name, sizeof name, "%s-%04zu.bin", split_.c_str(), files_.size());
    fs::write_file_synced(dir_ + "/" + name, buffer_);
    files_.emplace_back(name);
    buffer_.clear();
  }
  std::uint64_t tokens() const { return tokens_; }
  const std::vector<std::string>& files() const { return files_; }

 private:
  std::string dir_, split_;
  int width_;
  std::uint64_t per_shard_;
  std::string buffer_;
  std::uint64_t tokens_ = 0;
  std::vector<std::string> files_;
};

}  // namespace

bool is_validation_document(const std::string& text, double val_fraction) {
  return double(fs::fnv1a64(text) % 1'000'000) < val_fraction * 1'000'000;
}

ShardManifest write_shards(const std::vector<Document>& documents, const Tokenizer& tokenizer,
                           const std::string& dir, const ShardOptions& options) {
  ShardManifest manifest;
  manifest.tokenizer_hash = tokenizer.hash();
  manifest.bytes_per_token = tokenizer.vocab_size() <= 65536 ? 2 : 4;
  const std::string staging = dir + ".writing";
  stdfs::remove_all(staging);
  stdfs::create_directories(staging);

  ShardWriter train(staging, "train", manifest.bytes_per_token, options.tokens_per_shard);
  ShardWriter val(staging, "val", manifest.bytes_per_token, options.tokens_per_shard);
  const size_t chunk = 2048;
  for (size_t begin = 0; begin < documents.size(); begin += chunk) {
    const size_t end = std::min(documents.size(), begin + chunk);
    std::vector<std::string> texts;
    for (size_t i = begin; i < end; ++i) texts.push_back(documents[i].text);
    auto encoded = tokenizer.encode_batch(texts, options.threads);
    for (size_t i = 0; i < encoded.size(); ++i) {
      encoded[i].push_back(tokenizer.eos_id());  // documents are separated by </s>
      const bool is_val = is_validation_document(texts[i], options.val_fraction);
      (is_val ? val : train).append(encoded[i]);
      ++(is_val ? manifest.val_documents : manifest.train_documents);
    }
    if (options.progress) options.progress(end, documents.size());
  }
  train.flush();
  val.flush();
  manifest.train_tokens = train.tokens();
  manifest.val_tokens = val.tokens();
  manifest.train_files = train.files();
  manifest.val_files = val.files();

  const json j{{"tokenizer_hash", manifest.tokenizer_hash}, {"bytes_per_token", manifest.bytes_per_token},
               {"train", {{"tokens", manifest.train_tokens}, {"documents", manifest.train_documents}, {"files", manifest.train_files}}},
               {"val", {{"tokens", manifest.val_tokens}, {"documents", manifest.val_documents}, {"files", manifest.val_files}}}};
  fs::write_file_synced(staging + "/manifest.json", j.dump(2));
  fs::fsync_path(staging);
  // Swap in the complete set; the old one stays until the new one is in place.
  const std::string old = dir + ".old";
  stdfs::remove_all(old);
  if (stdfs::exists(dir)) stdfs::rename(dir, old);
  stdfs::rename(staging, dir);
  stdfs::remove_all(old);
  return manifest;
}

ShardManifest read_manifest(const std::string& dir) {
  const std::string path = dir + "/manifest.json";
  if (!stdfs::exists(path)) throw Error(Message(QT_TRANSLATE_NOOP("Core", "%1 does not exist: import the dataset again"), {path}));
  try {
    const json j = json::parse(fs::read_file(path));
    ShardManifest m;
    m.tokenizer_hash = j.at("tokenizer_hash").get<std::string>();
    m.bytes_per_token = j.at("bytes_per_token").get<int>();
    m.train_tokens = j.at("train").at("tokens").get<std::uint64_t>();
    m.train_documents = j.at("train").at("documents").get<std::uint64_t>();
    m.train_files = j.at("train").at("files").get<std::vector<std::string>>();
    m.val_tokens = j.at("val").at("tokens").get<std::uint64_t>();
    m.val_documents = j.at("val").at("documents").get<std::uint64_t>();
    m.val_files = j.at("val").at("files").get<std::vector<std::string>>();
    if (m.bytes_per_token != 2 && m.bytes_per_token != 4) throw std::invalid_argument("bytes_per_token must be 2 or 4");
    return m;
  } catch (const json::exception& e) {
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "broken JSON: %1"), {std::string(e.what())})});
  } catch (const std::exception& e) {
    throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "is not a shard manifest: %1"), {std::string(e.what())})});
  }
}

struct TokenStream::Impl {
  struct Mapped {
    const unsigned char* data = nullptr;
    size_t bytes = 0;
    std::uint64_t first_token = 0, tokens = 0;
  };
  std::vector<Mapped> files;
  int width = 2;
  std::uint64_t size = 0;
  ~Impl() {
    for (auto& f : files)
      if (f.data) munmap(const_cast<unsigned char*>(f.data), f.bytes);
  }
};

TokenStream::TokenStream(const std::string& dir, const ShardManifest& manifest, bool validation)
    : impl_(std::make_unique<Impl>()) {
  impl_->width = manifest.bytes_per_token;
  for (const auto& name : validation ? manifest.val_files : manifest.train_files) {
    const std::string path = dir + "/" + name;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "open"), path, errno);
    struct stat st {};
    ::fstat(fd, &st);
    Impl::Mapped m;
    m.bytes = size_t(st.st_size);
    if (m.bytes % size_t(impl_->width) != 0) {
      ::close(fd);
      throw InputError({path, 0, Message(QT_TRANSLATE_NOOP("Core", "is truncated (size is not a whole number of tokens): import the dataset again"))});
    }
    void* p = m.bytes ? mmap(nullptr, m.bytes, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
    ::close(fd);
    if (p == MAP_FAILED) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "map"), path, errno);
    m.data = static_cast<const unsigned char*>(p);
    m.first_token = impl_->size;
    m.tokens = m.bytes / size_t(impl_->width);
    impl_->size += m.tokens;
    impl_->files.push_back(m);
  }
}

TokenStream::TokenStream(TokenStream&&) noexcept = default;
TokenStream::~TokenStream() = default;
std::uint64_t TokenStream::size() const { return impl_->size; }

void TokenStream::read(std::uint64_t offset, std::uint64_t count, std::int64_t* out) const {
  if (offset + count > impl_->size) throw Error(Message(QT_TRANSLATE_NOOP("Core", "token read past the end of the shards")));
  auto file = std::upper_bound(impl_->files.begin(), impl_->files.end(), offset,
                               [](std::uint64_t o, const Impl::Mapped& m) { return o < m.first_token; }) - 1;
  for (std::uint64_t i = 0; i < count; ++i, ++offset) {
    while (offset >= file->first_token + file->tokens) ++file;
    const std::uint64_t local = offset - file->first_token;
    if (impl_->width == 2) {
      std::uint16_t v;
      std::memcpy(&v, file->data + local * 2, 2);
      out[i] = v;
    } else {
      std::uint32_t v;
      std::memcpy(&v, file->data + local * 4, 4);
      out[i] = v;
    }
  }
}

}  // namespace chattrain
