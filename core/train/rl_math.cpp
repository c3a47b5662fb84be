#include "train/rl_math.h"
#include "util/translatable.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace chattrain {

std::pair<torch::Tensor, torch::Tensor> generalized_advantages(const torch::Tensor& rewards, const torch::Tensor& values,
                                                               const torch::Tensor& mask, double gamma, double lambda) {
  const auto T = rewards.size(1);
  auto r = rewards * mask, v = values * mask;
  auto advantages = torch::zeros_like(r);
  auto next_advantage = torch::zeros({r.size(0)}, r.options());
  auto next_value = torch::zeros({r.size(0)}, r.options());
  for (std::int64_t t = T - 1; t >= 0; --t) {  // backwards: A_t needs A_{t+1}
    const auto m = mask.select(1, t);
    const auto delta = r.select(1, t) + gamma * next_value - v.select(1, t);
    const auto a = (delta + gamma * lambda * next_advantage) * m;
    advantages.select(1, t).copy_(a);
    next_advantage = a;
    next_value = v.select(1, t);
  }
  return {advantages, (advantages + v) * mask};
}

torch::Tensor masked_mean(const torch::Tensor& x, const torch::Tensor& mask) { return (x * mask).sum() / mask.sum().clamp_min(1); }

torch::Tensor masked_whiten(const torch::Tensor& x, const torch::Tensor& mask) {
  const auto mean = masked_mean(x, mask);
  const auto variance = masked_mean((x - mean).pow(2), mask);
  return (x - mean) * torch::rsqrt(variance + 1e-8) * mask;
}

std::vector<double> leave_one_out_scores(const std::vector<double>& scores, int group) {
  std::vector<double> out(scores);
  for (size_t start = 0; start < scores.size(); start += size_t(group)) {
    const size_t end = std::min(scores.size(), start + size_t(group)), n = end - start;
    if (n < 2) continue;
    const double sum = std::accumulate(scores.begin() + long(start), scores.begin() + long(end), 0.0);
    for (size_t i = start; i < end; ++i) out[i] = scores[i] - (sum - scores[i]) / double(n - 1);
  }
  return out;
}

std::vector<double> group_normalised_scores(const std::vector<double>& scores, int group) {
  std::vector<double> out(scores.size(), 0.0);
  for (size_t start = 0; start < scores.size(); start += size_t(group)) {
    const size_t end = std::min(scores.size(), start + size_t(group)), n = end - start;
    if (n < 2) continue;
    const double mean = std::accumulate(scores.begin() + long(start), scores.begin() + long(end), 0.0) / double(n);
    double squares = 0;
    for (size_t i = start; i < end; ++i) squares += (scores[i] - mean) * (scores[i] - mean);
    const double deviation = std::sqrt(squares / double(n - 1));
    for (size_t i = start; i < end; ++i) out[i] = (scores[i] - mean) / (deviation + 1e-4);
  }
  return out;
}

double flat_group_share(const std::vector<double>& scores, int group) {
  int groups = 0, flat = 0;
  for (size_t start = 0; start < scores.size(); start += size_t(group), ++groups) {
    const size_t end = std::min(scores.size(), start + size_t(group));
    flat += std::all_of(scores.begin() + long(start), scores.begin() + long(end), [&](double s) { return s == scores[start]; });
  }
  return groups > 0 ? double(flat) / groups : 0.0;
}

torch::Tensor k3_kl(const torch::Tensor& logp, const torch::Tensor& ref_logp) {
  const auto r = ref_logp - logp;
  return r.exp() - r - 1;
}

PolicyLoss clipped_policy_loss(const torch::Tensor& logp, const torch::Tensor& old_logp, const torch::Tensor& advantages,
                               const torch::Tensor& mask, double clip) {
  const auto log_ratio = logp - old_logp;
  const auto ratio = log_ratio.exp();
  const auto unclipped = -advantages * ratio;
  const auto clipped = -advantages * ratio.clamp(1.0 - clip, 1.0 + clip);
  PolicyLoss out;
  out.loss = masked_mean(torch::max(unclipped, clipped), mask);
  torch::NoGradGuard no_grad;
  out.clip_fraction = masked_mean((clipped > unclipped).to(torch::kFloat32), mask).item<double>();
  out.approx_kl = masked_mean((ratio - 1) - log_ratio, mask).item<double>();
  return out;
}

torch::Tensor clipped_value_loss(const torch::Tensor& values, const torch::Tensor& old_values, const torch::Tensor& returns,
                                 const torch::Tensor& mask, double clip) {
  const auto clipped = old_values + (values - old_values).clamp(-clip, clip);
  return 0.5 * masked_mean(torch::max((values - returns).pow(2), (clipped - returns).pow(2)), mask);
}

DpoTerms dpo_terms(const torch::Tensor& policy_chosen, const torch::Tensor& policy_rejected, const torch::Tensor& reference_chosen,
                   const torch::Tensor& reference_rejected, double beta) {
  DpoTerms out;
  out.chosen_rewards = beta * (policy_chosen - reference_chosen);
  out.rejected_rewards = beta * (policy_rejected - reference_rejected);
  out.losses = torch::softplus(out.rejected_rewards - out.chosen_rewards);  // −log σ(r_c − r_r)
  return out;
}

torch::Tensor sequence_log_probs(const torch::Tensor& logits, const torch::Tensor& tokens, const torch::Tensor& mask) {
  const auto T = tokens.size(1);
  auto log_probs = logits.narrow(1, 0, T - 1).to(torch::kFloat32).log_softmax(-1);      // (N, T−1, V)
  auto targets = tokens.narrow(1, 1, T - 1).unsqueeze(-1);                                // (N, T−1, 1)
  auto picked = log_probs.gather(-1, targets).squeeze(-1);                                // (N, T−1)
  return (picked * mask.narrow(1, 1, T - 1).to(torch::kFloat32)).sum(1);                  // (N)
}

std::optional<Message> rollout_guard(const RolloutHealth& h, double max_kl) {
  if (!h.finite || !std::isfinite(h.kl) || !std::isfinite(h.reward))
    return Message(QT_TRANSLATE_NOOP("Core", "A loss or gradient became NaN or infinite. Lower the learning rate, then resume."));
  if (h.kl > max_kl)
    return Message(QT_TRANSLATE_NOOP("Core", "The policy has moved too far from the SFT model: KL %1 nats per answer, above the bound of "
                                     "%2. It is likely exploiting the reward model. Lower the learning rate or raise the KL coefficient."),
                   {std::to_string(h.kl), std::to_string(max_kl)});
  if (h.answer_length < 1.5)
    return Message(QT_TRANSLATE_NOOP("Core", "The answers have collapsed to (almost) nothing: %1 tokens on average. The reward model may "
                                     "reward short answers; check its Diagnostics, or raise the KL coefficient."),
                   {std::to_string(h.answer_length)});
  // Fewer than a quarter of the answers differ: the policy found one answer the reward model likes.
  // Judged only on 8 or more answers, where a quarter is at least 2.
  const std::set<std::string> distinct(h.answers.begin(), h.answers.end());
  if (h.answers.size() >= 8 && double(distinct.size()) < 0.25 * double(h.answers.size()))
    return Message(QT_TRANSLATE_NOOP("Core", "The answers have collapsed to a few: %1 different ones in %2. Raise the KL coefficient or "
                                     "lower the learning rate."),
                   {std::to_string(distinct.size()), std::to_string(h.answers.size())});
  return std::nullopt;
}

}  // namespace chattrain
