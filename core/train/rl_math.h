#pragma once
// The arithmetic of RLHF, kept apart from the trainers so that each piece is tested against
// hand-computed numbers: generalised advantage estimation, PPO's clipped losses, the adaptive KL
// controller, and the DPO loss.
#include <torch/torch.h>

#include "chattrain/error.h"

#include <optional>
#include <string>
#include <vector>

namespace chattrain {

// GAE (Schulman et al. 2016). rewards, values: (B, T); mask (B, T) is 1 on the answer's tokens and 0
// after its end. A_t = δ_t + γλ·A_{t+1}, δ_t = r_t + γ·V_{t+1} − V_t, with V and A zero past the end.
// Returns (advantages, returns = advantages + values), both (B, T), zero where mask is 0.
std::pair<torch::Tensor, torch::Tensor> generalized_advantages(const torch::Tensor& rewards, const torch::Tensor& values,
                                                               const torch::Tensor& mask, double gamma, double lambda);

// Masked mean and whitening over the answer tokens: advantages are normalised per batch (mean 0,
// std 1) because their scale follows the reward model's, which PPO's clip range does not know.
torch::Tensor masked_mean(const torch::Tensor& x, const torch::Tensor& mask);
torch::Tensor masked_whiten(const torch::Tensor& x, const torch::Tensor& mask);

// The per-prompt baseline of RLOO (Ahmadian et al. 2024): scores come in groups of `group` answers to
// one prompt, and each becomes its score minus the mean of the other answers' scores. A lone answer (a
// group of 1, or a short last group) keeps its score, as there is nothing to compare it with.
std::vector<double> leave_one_out_scores(const std::vector<double>& scores, int group);

// GRPO's advantages (Shao et al. 2024): scores come in groups of `group` answers to one prompt, and each
// becomes (score − the group's mean) / (the group's standard deviation + 1e-4), as TRL computes them (the
// sample standard deviation). A group whose answers all scored alike gives zeros: nothing to learn there.
// A lone answer gets 0.
std::vector<double> group_normalised_scores(const std::vector<double>& scores, int group);
// The share of groups whose answers all scored the same: GRPO learns nothing from them.
double flat_group_share(const std::vector<double>& scores, int group);

// The KL estimator GRPO puts in its loss (Schulman's k3): per token exp(r) − r − 1 with r = ref_logp − logp,
// unbiased for KL(π‖π_ref) under samples of π and never negative.
torch::Tensor k3_kl(const torch::Tensor& logp, const torch::Tensor& ref_logp);

// PPO's clipped surrogate: with ratio = exp(logp − old_logp), the mean over the mask of
// max(−A·ratio, −A·clip(ratio, 1 − ε, 1 + ε)). Also the share of tokens where the clip was active and
// the approximate KL between the old and the new policy (mean of (ratio − 1) − log ratio, always ≥ 0).
struct PolicyLoss {
  torch::Tensor loss;
  double clip_fraction = 0, approx_kl = 0;
};
PolicyLoss clipped_policy_loss(const torch::Tensor& logp, const torch::Tensor& old_logp, const torch::Tensor& advantages,
                               const torch::Tensor& mask, double clip);

// The value head's loss, clipped like the policy's so that one batch cannot move it far:
// ½·mean over the mask of max((V − R)², (clip(V, V_old ± ε) − R)²).
torch::Tensor clipped_value_loss(const torch::Tensor& values, const torch::Tensor& old_values, const torch::Tensor& returns,
                                 const torch::Tensor& mask, double clip);

// The adaptive KL controller of Ziegler et al. (2019): the KL penalty's coefficient β grows when the
// measured KL is above the target and shrinks when below, by at most 20% of n/horizon per update.
class AdaptiveKLController {
 public:
  AdaptiveKLController(double initial, double target, double horizon) : value_(initial), target_(target), horizon_(horizon) {}
  void update(double kl, double samples) {
    const double error = std::clamp(kl / target_ - 1.0, -0.2, 0.2);
    value_ *= 1.0 + error * samples / horizon_;
  }
  double value() const { return value_; }

 private:
  double value_, target_, horizon_;
};

// DPO (Rafailov et al. 2023) from summed answer log-probabilities (B) of the policy and the frozen
// reference. Implicit rewards β·(log π − log π_ref); loss −log σ(r_chosen − r_rejected), per pair (B).
struct DpoTerms {
  torch::Tensor losses, chosen_rewards, rejected_rewards;
};
DpoTerms dpo_terms(const torch::Tensor& policy_chosen, const torch::Tensor& policy_rejected, const torch::Tensor& reference_chosen,
                   const torch::Tensor& reference_rejected, double beta);

// Summed log-probability of the tokens marked in `mask` (N, T): position t scores tokens[t] as
// predicted from the positions before it. tokens (N, T) int64 → (N) float32.
torch::Tensor sequence_log_probs(const torch::Tensor& logits, const torch::Tensor& tokens, const torch::Tensor& mask);

// PPO's guards: what would make the run worthless, said plainly with what to change; empty when all
// is well. Checked after every rollout batch.
struct RolloutHealth {
  bool finite = true;            // every loss and gradient of the batch's updates
  double reward = 0, kl = 0;     // mean raw reward; mean KL to the reference per answer (nats)
  double answer_length = 0;      // mean tokens per answer
  std::vector<std::string> answers;
};
std::optional<Message> rollout_guard(const RolloutHealth& health, double max_kl);  // what went wrong, and what to change

}  // namespace chattrain
