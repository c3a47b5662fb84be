#pragma once
// Where the arithmetic runs: choosing the device, what it holds in memory and how fast it multiplies.
#include <torch/torch.h>

#include <cstdint>
#include <string>

namespace chattrain {

// "auto" → a GPU when LibTorch was built with CUDA and a GPU is present, else the CPU; "cuda" is a GPU,
// "cuda:N" GPU N. The GPU of "auto" and "cuda" is GPU 0, or in a data-parallel run the process's own
// (LOCAL_RANK). Throws Error for a GPU that is not there.
torch::Device resolve_device(const std::string& name);
std::string describe_device(const torch::Device& device);  // "CPU (2 threads)" or "CUDA GPU 0 (<name>)"

// The dtype of the matrix products for a precision setting: "auto" is bf16 on a GPU and float32 on
// the CPU (whose bf16 products are slower than float32 ones on most CPUs). Throws Error for others.
torch::Dtype compute_dtype(const std::string& precision, const torch::Device& device);

// A batch made on the CPU, on `device`. On a GPU it goes through pinned memory and is copied without
// waiting, so the copy overlaps the work queued before it.
torch::Tensor to_device(const torch::Tensor& batch, const torch::Device& device);

// Bytes in use: the process's resident memory on the CPU, the whole GPU's (as nvidia-smi shows) on CUDA.
// 0 when unknown.
std::int64_t memory_in_use(const torch::Device& device);
// Bytes a run may still take: on the CPU the least of the memory available, what the address-space
// limit (ulimit -v) leaves and what the cgroup's limit (a container's) leaves; on a GPU its free memory.
// 0 when unknown.
std::int64_t memory_available(const torch::Device& device);

// The device's matrix-product speed in FLOP/s in `dtype` (float32 on the CPU, bf16 on a GPU), measured
// once per process with a large square product: the denominator of model FLOPs utilisation.
double matmul_peak_flops(const torch::Device& device, torch::Dtype dtype);

// Whether attention runs through a fused kernel (no T × T probabilities kept) on a GPU or the CPU.
bool fused_attention(bool gpu);

// An out-of-memory failure from LibTorch (a GPU's allocator, the CPU's) or from the C++ heap.
bool is_out_of_memory(const std::exception& e);

}  // namespace chattrain
