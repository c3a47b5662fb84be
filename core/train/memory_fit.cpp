// Memory planning before a run starts: the estimate for a run's settings on its device, and the
// micro-batch that fits.
#include "chattrain/error.h"
#include "chattrain/train.h"
#include "model/torch_compat.h"
#include "train/device.h"

namespace chattrain {

bool fused_attention(bool gpu) {
  // model/torch_compat.h attends with scaled_dot_product_attention from LibTorch 2.0; it keeps no T×T
  // probabilities on a GPU from 2.0, on the CPU from 2.2 (its flash kernel for the CPU).
  return gpu ? CHATTRAIN_TORCH_AT_LEAST(2, 0) : CHATTRAIN_TORCH_AT_LEAST(2, 2);
}

MemoryEstimate estimate_training_memory(const TrainingConfig& config, const std::string& device, int sequences_per_example) {
  // The device decides only the dtype here; a GPU named but absent is estimated as a GPU all the same.
  const bool gpu = device != "cpu" && (device != "auto" || torch::cuda::is_available());
  TrainingMemoryOptions options;
  options.compute_bytes = compute_dtype(config.precision, gpu ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU)) ==
                                  torch::kBFloat16 ? 2 : 4;
  options.fused_attention = fused_attention(gpu);
  options.activation_checkpointing = config.activation_checkpointing;
  options.sequences_per_example = sequences_per_example;
  return estimate_training_memory(config.model, config.batch_size, config.effective_seq_len(), options);
}

BatchFit fit_batch_to_memory(const TrainingConfig& config, const std::string& device, std::int64_t budget,
                             int sequences_per_example) {
  BatchFit fit;
  TrainingConfig trial = config;
  for (int micro = config.batch_size; micro >= 1; --micro) {
    if (config.batch_size % micro != 0) continue;
    trial.batch_size = micro;
    fit.batch_size = micro;
    fit.grad_accum_steps = config.grad_accum_steps * (config.batch_size / micro);
    fit.estimate = estimate_training_memory(trial, device, sequences_per_example);
    fit.fits = fit.estimate.total() <= budget;
    if (fit.fits) break;
  }
  return fit;
}

std::int64_t memory_budget(const TrainingConfig& config) {
  if (config.memory_limit_mb > 0) return config.memory_limit_mb * (1LL << 20);
  try {
    return memory_available(resolve_device(config.device)) / 10 * 9;  // a tenth to spare
  } catch (const Error&) {
    return 0;  // a GPU that is not here: Start says so
  }
}

}  // namespace chattrain
