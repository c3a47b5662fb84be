#pragma once
#include <torch/torch.h>

#include <string>

namespace chattrain {
// "auto" → CUDA when LibTorch was built with it and a GPU is present, else CPU. Throws Error for
// "cuda" without one.
torch::Device resolve_device(const std::string& name);
std::string describe_device(const torch::Device& device);  // "CPU (2 threads)" or "CUDA: <name>"
}  // namespace chattrain
