#pragma once
// AdamW over flat tensor lists with PyTorch's multi-tensor (_foreach) kernels: a handful of kernel
// launches per step instead of a dozen per parameter. Decoupled weight decay on `decayed` only.
#include <torch/torch.h>

#include "model/safetensors.h"

namespace chattrain {

struct AdamWSettings {
  double beta1 = 0.9, beta2 = 0.95, eps = 1e-8, weight_decay = 0.1;
};

class AdamW {
 public:
  AdamW(std::vector<torch::Tensor> decayed, std::vector<torch::Tensor> not_decayed, AdamWSettings settings);
  // Over a model's weights as GPT-2 and Llama train them: matrices (and embeddings) decayed, vectors
  // (norms, the score head's bias) not.
  static AdamW for_weights(const NamedTensors& weights, AdamWSettings settings);
  // Every parameter, decayed ones first: what gradient clipping (and an all-reduce) goes over.
  std::vector<torch::Tensor> parameters() const;
  // Gives `parameter` (one of this optimizer's) `scale` times the step's learning rate, without weight
  // decay (PPO's value head, new beside a trained policy). Before the first step and before load_state.
  void scale_learning_rate(const torch::Tensor& parameter, double scale);
  void step(double learning_rate);
  void zero_grad();
  std::int64_t steps_taken() const { return steps_; }

  NamedTensors state() const;  // moments and step count, for the checkpoint
  void load_state(const NamedTensors& state, const std::string& file_for_errors);

 private:
  void update(std::vector<torch::Tensor>& params, std::vector<torch::Tensor>& m, std::vector<torch::Tensor>& v,
              double learning_rate, double weight_decay);
  std::vector<torch::Tensor> decayed_, plain_, scaled_;
  std::vector<torch::Tensor> m_decayed_, v_decayed_, m_plain_, v_plain_, m_scaled_, v_scaled_;
  double scale_ = 1.0;  // of scaled_'s learning rate
  AdamWSettings settings_;
  std::int64_t steps_ = 0;
};

}  // namespace chattrain
