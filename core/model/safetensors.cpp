#include "model/safetensors.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "chattrain/error.h"
#include "util/fs.h"
#include "util/translatable.h"

namespace chattrain {
namespace {

const std::vector<std::pair<std::string, torch::Dtype>>& dtype_names() {
  static const std::vector<std::pair<std::string, torch::Dtype>> names{
      {"F32", torch::kFloat32}, {"F16", torch::kFloat16}, {"BF16", torch::kBFloat16}, {"F64", torch::kFloat64},
      {"I64", torch::kInt64},   {"I32", torch::kInt32},   {"I16", torch::kInt16},     {"I8", torch::kInt8},
      {"U8", torch::kUInt8},    {"BOOL", torch::kBool}};
  return names;
}

std::string dtype_name(torch::Dtype dtype) {
  for (const auto& [name, d] : dtype_names())
    if (d == dtype) return name;
  throw Error(Message(QT_TRANSLATE_NOOP("Core", "safetensors: unsupported dtype %1"), {std::string(c10::toString(dtype))}));
}

}  // namespace

void write_safetensors(const NamedTensors& tensors, const std::map<std::string, std::string>& metadata,
                       const std::function<void(std::string_view)>& out) {
  nlohmann::ordered_json header;
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    const std::uint64_t bytes = std::uint64_t(tensor.numel()) * tensor.element_size();
    header[name] = {{"dtype", dtype_name(tensor.scalar_type())}, {"shape", tensor.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string json = header.dump();
  json.append((8 - json.size() % 8) % 8, ' ');  // the data starts 8-byte aligned
  const std::uint64_t n = json.size();
  out(std::string_view(reinterpret_cast<const char*>(&n), 8));
  out(json);
  for (const auto& [name, tensor] : tensors) {
    const auto t = tensor.detach().to(torch::kCPU).contiguous();
    out(std::string_view(static_cast<const char*>(t.data_ptr()), size_t(t.numel()) * t.element_size()));
  }
}

std::string safetensors_bytes(const NamedTensors& tensors, const std::map<std::string, std::string>& metadata) {
  std::string bytes;
  write_safetensors(tensors, metadata, [&](std::string_view piece) { bytes += piece; });
  return bytes;
}

void save_safetensors(const std::string& path, const NamedTensors& tensors, const std::map<std::string, std::string>& metadata) {
  fs::FileWriter file(path, /*atomic=*/false);
  write_safetensors(tensors, metadata, [&](std::string_view piece) { file.write(piece); });
  file.finish();
}

namespace {

// Copies `n` bytes from `offset` of the file's bytes into `into`.
using ReadBytes = std::function<void(std::uint64_t offset, std::uint64_t n, void* into)>;

// The tensors of a safetensors file of `size` bytes, each read straight into its own storage.
NamedTensors parse(std::uint64_t size, const ReadBytes& read, const std::string& file, std::map<std::string, std::string>* metadata) {
  auto bad = [&](const Message& why) -> InputError {
    return InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "is not a valid safetensors file: %1"), {why})});
  };
  if (size < 8) throw bad(Message(QT_TRANSLATE_NOOP("Core", "shorter than its 8-byte header size (truncated?)")));
  std::uint64_t header_size;
  read(0, 8, &header_size);
  if (header_size > size - 8) throw bad(Message(QT_TRANSLATE_NOOP("Core", "header size %1 runs past the end (truncated?)"),
                                                {std::to_string(header_size)}));
  std::string header_text(header_size, '\0');
  read(8, header_size, header_text.data());
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(header_text);
  } catch (const nlohmann::json::exception& e) {
    throw bad(Message(QT_TRANSLATE_NOOP("Core", "broken header: %1"), {std::string(e.what())}));
  }
  if (!header.is_object()) throw bad(Message(QT_TRANSLATE_NOOP("Core", "its header is not a JSON object")));
  const std::uint64_t data_start = 8 + header_size, data_size = size - data_start;
  // Every tensor's place is checked before anything is allocated or read: a shape is only believed
  // when its bytes are in the file (a hostile shape would otherwise ask for any amount of memory).
  struct Entry {
    std::string name;
    torch::Dtype dtype;
    std::vector<std::int64_t> shape;
    std::uint64_t begin, end;
  };
  std::vector<Entry> entries;
  for (const auto& [name, entry] : header.items()) {
    try {
      if (name == "__metadata__") {
        if (metadata)
          for (const auto& [k, v] : entry.items()) (*metadata)[k] = v.get<std::string>();
        continue;
      }
      const std::string dtype = entry.at("dtype").get<std::string>();
      const auto found = std::find_if(dtype_names().begin(), dtype_names().end(), [&](const auto& p) { return p.first == dtype; });
      if (found == dtype_names().end()) throw bad(Message(QT_TRANSLATE_NOOP("Core", "tensor %1 has unsupported dtype %2"), {name, dtype}));
      auto shape = entry.at("shape").get<std::vector<std::int64_t>>();
      const auto offsets = entry.at("data_offsets").get<std::vector<std::uint64_t>>();
      std::uint64_t expected = c10::elementSize(found->second);
      for (const std::int64_t n : shape) {
        if (n < 0) throw bad(Message(QT_TRANSLATE_NOOP("Core", "tensor %1 has a negative size in its shape"), {name}));
        expected = n == 0 || expected <= data_size / std::uint64_t(n) ? expected * std::uint64_t(n) : data_size + 1;  // no overflow
      }
      if (offsets.size() != 2 || offsets[1] < offsets[0] || offsets[1] > data_size || offsets[1] - offsets[0] != expected)
        throw bad(Message(QT_TRANSLATE_NOOP("Core", "tensor %1 has data offsets that do not match its shape or the file size"), {name}));
      entries.push_back({name, found->second, std::move(shape), offsets[0], offsets[1]});
    } catch (const nlohmann::json::exception& e) {
      throw bad(Message(QT_TRANSLATE_NOOP("Core", "tensor %1: %2"), {name, std::string(e.what())}));
    }
  }
  // The format leaves no holes and no overlaps: the tensors cover the data exactly. A header size one
  // byte off (padding spaces keep its JSON valid) shifts every tensor by a byte and is caught here.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  for (const auto& e : entries) ranges.emplace_back(e.begin, e.end);
  std::sort(ranges.begin(), ranges.end());
  std::uint64_t covered = 0;
  for (const auto& [begin, end] : ranges) {
    if (begin != covered) throw bad(Message(QT_TRANSLATE_NOOP("Core", "its tensors leave a gap or overlap at data byte %1 (header size wrong?)"),
                                            {std::to_string(std::min(begin, covered))}));
    covered = end;
  }
  if (covered != data_size)
    throw bad(Message(QT_TRANSLATE_NOOP("Core", "its tensors end at data byte %1 but the file has %2 (header size wrong?)"),
                      {std::to_string(covered), std::to_string(data_size)}));
  NamedTensors out;
  for (const auto& e : entries) {
    auto t = torch::empty(e.shape, torch::TensorOptions().dtype(e.dtype));
    if (e.end > e.begin) read(data_start + e.begin, e.end - e.begin, t.data_ptr());
    out.emplace_back(e.name, t);
  }
  return out;
}

}  // namespace

NamedTensors parse_safetensors(const std::string& bytes, const std::string& file, std::map<std::string, std::string>* metadata) {
  return parse(bytes.size(), [&](std::uint64_t offset, std::uint64_t n, void* into) { std::memcpy(into, bytes.data() + offset, n); },
               file, metadata);
}

// Read tensor by tensor from the file: a checkpoint is never held twice (file bytes and tensors).
NamedTensors load_safetensors(const std::string& path, std::map<std::string, std::string>* metadata) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "open"), path, errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "read"), path, errno);
  const auto read = [&](std::uint64_t offset, std::uint64_t n, void* into) {
    auto* p = static_cast<char*>(into);
    while (n > 0) {
      const ssize_t got = ::pread(fd, p, n, off_t(offset));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "read"), path, errno);
      if (got == 0) fs::throw_io_error(QT_TRANSLATE_NOOP("Core", "read"), path, EIO);  // shrank while read
      p += got, offset += std::uint64_t(got), n -= std::uint64_t(got);
    }
  };
  return parse(std::uint64_t(info.st_size), read, path, metadata);
}

}  // namespace chattrain
