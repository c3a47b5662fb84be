#include "model/safetensors.h"

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

std::string safetensors_bytes(const NamedTensors& tensors, const std::map<std::string, std::string>& metadata) {
  nlohmann::ordered_json header;
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::vector<torch::Tensor> contiguous;
  std::uint64_t offset = 0;
  for (const auto& [name, tensor] : tensors) {
    auto t = tensor.detach().to(torch::kCPU).contiguous();
    const std::uint64_t bytes = std::uint64_t(t.numel()) * t.element_size();
    header[name] = {{"dtype", dtype_name(t.scalar_type())}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
    contiguous.push_back(std::move(t));
  }
  std::string json = header.dump();
  json.append((8 - json.size() % 8) % 8, ' ');  // the data starts 8-byte aligned
  std::string out(8, '\0');
  const std::uint64_t n = json.size();
  std::memcpy(out.data(), &n, 8);
  out += json;
  out.reserve(out.size() + offset);
  for (const auto& t : contiguous) out.append(static_cast<const char*>(t.data_ptr()), size_t(t.numel()) * t.element_size());
  return out;
}

NamedTensors parse_safetensors(const std::string& bytes, const std::string& file,
                               std::map<std::string, std::string>* metadata) {
  auto bad = [&](const Message& why) -> InputError {
    return InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "is not a valid safetensors file: %1"), {why})});
  };
  if (bytes.size() < 8) throw bad(Message(QT_TRANSLATE_NOOP("Core", "shorter than its 8-byte header size (truncated?)")));
  std::uint64_t header_size;
  std::memcpy(&header_size, bytes.data(), 8);
  if (header_size > bytes.size() - 8) throw bad(Message(QT_TRANSLATE_NOOP("Core", "header size %1 runs past the end (truncated?)"),
                                                        {std::to_string(header_size)}));
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(bytes.substr(8, header_size));
  } catch (const nlohmann::json::exception& e) {
    throw bad(Message(QT_TRANSLATE_NOOP("Core", "broken header: %1"), {std::string(e.what())}));
  }
  const std::uint64_t data_start = 8 + header_size, data_size = bytes.size() - data_start;
  NamedTensors out;
  for (const auto& [name, entry] : header.items()) {
    if (name == "__metadata__") {
      if (metadata)
        for (const auto& [k, v] : entry.items()) (*metadata)[k] = v.get<std::string>();
      continue;
    }
    try {
      const std::string dtype = entry.at("dtype").get<std::string>();
      const auto found = std::find_if(dtype_names().begin(), dtype_names().end(), [&](const auto& p) { return p.first == dtype; });
      if (found == dtype_names().end()) throw bad(Message(QT_TRANSLATE_NOOP("Core", "tensor %1 has unsupported dtype %2"), {name, dtype}));
      const auto shape = entry.at("shape").get<std::vector<std::int64_t>>();
      const auto offsets = entry.at("data_offsets").get<std::vector<std::uint64_t>>();
      auto t = torch::empty(shape, torch::TensorOptions().dtype(found->second));
      const std::uint64_t expected = std::uint64_t(t.numel()) * t.element_size();
      if (offsets.size() != 2 || offsets[1] < offsets[0] || offsets[1] > data_size || offsets[1] - offsets[0] != expected)
        throw bad(Message(QT_TRANSLATE_NOOP("Core", "tensor %1 has data offsets that do not match its shape or the file size"), {name}));
      if (expected) std::memcpy(t.data_ptr(), bytes.data() + data_start + offsets[0], expected);
      out.emplace_back(name, t);
    } catch (const nlohmann::json::exception& e) {
      throw bad(Message(QT_TRANSLATE_NOOP("Core", "tensor %1: %2"), {name, std::string(e.what())}));
    }
  }
  return out;
}

NamedTensors load_safetensors(const std::string& path, std::map<std::string, std::string>* metadata) {
  return parse_safetensors(fs::read_file(path), path, metadata);
}

}  // namespace chattrain
