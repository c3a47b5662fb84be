#pragma once
// The safetensors format (https://huggingface.co/docs/safetensors): 8-byte little-endian header size,
// a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian tensor bytes.
// Small enough to write ourselves; no Debian package provides it for C++.
#include <torch/torch.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chattrain {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Serialises the tensors in the given order, handing the bytes to `out` piece by piece: the header,
// then each tensor's CPU copy in turn, so at most one tensor is copied at a time.
void write_safetensors(const NamedTensors& tensors, const std::map<std::string, std::string>& metadata,
                       const std::function<void(std::string_view)>& out);
std::string safetensors_bytes(const NamedTensors& tensors, const std::map<std::string, std::string>& metadata = {});
// A file in a temporary folder (not renamed; see fs::FileWriter), written without holding it in memory.
void save_safetensors(const std::string& path, const NamedTensors& tensors, const std::map<std::string, std::string>& metadata = {});
// Reads a file; throws InputError naming the file on anything malformed.
NamedTensors load_safetensors(const std::string& path, std::map<std::string, std::string>* metadata = nullptr);
NamedTensors parse_safetensors(const std::string& bytes, const std::string& file_for_errors,
                               std::map<std::string, std::string>* metadata = nullptr);

}  // namespace chattrain
