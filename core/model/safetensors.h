#pragma once
// The safetensors format (https://huggingface.co/docs/safetensors): 8-byte little-endian header size,
// a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian tensor bytes.
// Small enough to write ourselves; no Debian package provides it for C++.
#include <torch/torch.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace chattrain {

using NamedTensors = std::vector<std::pair<std::string, torch::Tensor>>;

// Serialises CPU copies of the tensors, in the given order.
std::string safetensors_bytes(const NamedTensors& tensors, const std::map<std::string, std::string>& metadata = {});
// Reads a file; throws InputError naming the file on anything malformed.
NamedTensors load_safetensors(const std::string& path, std::map<std::string, std::string>* metadata = nullptr);
NamedTensors parse_safetensors(const std::string& bytes, const std::string& file_for_errors,
                               std::map<std::string, std::string>* metadata = nullptr);

}  // namespace chattrain
