#include "train/adamw.h"

#include "chattrain/error.h"
#include "util/translatable.h"

namespace chattrain {
namespace {
std::vector<torch::Tensor> zeros_like_all(const std::vector<torch::Tensor>& ts) {
  std::vector<torch::Tensor> out;
  for (const auto& t : ts) out.push_back(torch::zeros_like(t));
  return out;
}
std::vector<torch::Tensor> grads_of(const std::vector<torch::Tensor>& ts) {
  std::vector<torch::Tensor> out;
  for (const auto& t : ts) out.push_back(t.grad().defined() ? t.grad() : torch::zeros_like(t));
  return out;
}
}  // namespace

AdamW::AdamW(std::vector<torch::Tensor> decayed, std::vector<torch::Tensor> not_decayed, AdamWSettings settings)
    : decayed_(std::move(decayed)), plain_(std::move(not_decayed)), settings_(settings) {
  m_decayed_ = zeros_like_all(decayed_);
  v_decayed_ = zeros_like_all(decayed_);
  m_plain_ = zeros_like_all(plain_);
  v_plain_ = zeros_like_all(plain_);
}

AdamW AdamW::for_weights(const NamedTensors& weights, AdamWSettings settings) {
  std::vector<torch::Tensor> decayed, plain;
  for (const auto& [name, p] : weights) (p.dim() >= 2 ? decayed : plain).push_back(p);
  return AdamW(std::move(decayed), std::move(plain), settings);
}

std::vector<torch::Tensor> AdamW::parameters() const {
  std::vector<torch::Tensor> all = decayed_;
  all.insert(all.end(), plain_.begin(), plain_.end());
  all.insert(all.end(), scaled_.begin(), scaled_.end());
  return all;
}

void AdamW::scale_learning_rate(const torch::Tensor& parameter, double scale) {
  scale_ = scale;
  const auto move_from = [&](std::vector<torch::Tensor>& params, std::vector<torch::Tensor>& m, std::vector<torch::Tensor>& v) {
    for (size_t i = 0; i < params.size(); ++i)
      if (params[i].is_same(parameter)) {
        scaled_.push_back(params[i]), m_scaled_.push_back(m[i]), v_scaled_.push_back(v[i]);
        params.erase(params.begin() + long(i)), m.erase(m.begin() + long(i)), v.erase(v.begin() + long(i));
        return true;
      }
    return false;
  };
  if (!move_from(decayed_, m_decayed_, v_decayed_) && !move_from(plain_, m_plain_, v_plain_))
    throw Error("scale_learning_rate: the tensor is not one of this optimizer's parameters");
}

void AdamW::update(std::vector<torch::Tensor>& params, std::vector<torch::Tensor>& m, std::vector<torch::Tensor>& v,
                   double lr, double weight_decay) {
  if (params.empty()) return;
  const auto g = grads_of(params);
  const double b1 = settings_.beta1, b2 = settings_.beta2;
  const double bias1 = 1.0 - std::pow(b1, double(steps_)), bias2 = 1.0 - std::pow(b2, double(steps_));
  if (weight_decay > 0) at::_foreach_mul_(params, 1.0 - lr * weight_decay);  // decoupled decay
  at::_foreach_mul_(m, b1);
  at::_foreach_add_(m, g, 1.0 - b1);            // m ← β1·m + (1-β1)·g
  at::_foreach_mul_(v, b2);
  at::_foreach_addcmul_(v, g, g, 1.0 - b2);     // v ← β2·v + (1-β2)·g²
  auto denom = at::_foreach_sqrt(v);
  at::_foreach_div_(denom, std::sqrt(bias2));
  at::_foreach_add_(denom, settings_.eps);      // √(v/(1-β2ᵗ)) + ε
  at::_foreach_addcdiv_(params, m, denom, -lr / bias1);
}

void AdamW::step(double learning_rate) {
  torch::NoGradGuard no_grad;
  ++steps_;
  update(decayed_, m_decayed_, v_decayed_, learning_rate, settings_.weight_decay);
  update(plain_, m_plain_, v_plain_, learning_rate, 0.0);
  update(scaled_, m_scaled_, v_scaled_, learning_rate * scale_, 0.0);
}

void AdamW::zero_grad() {
  for (auto* group : {&decayed_, &plain_, &scaled_})
    for (auto& p : *group)
      if (p.grad().defined()) p.mutable_grad() = torch::Tensor();  // set_to_none: cheaper than zeroing
}

NamedTensors AdamW::state() const {
  NamedTensors out;
  auto add = [&](const char* prefix, const std::vector<torch::Tensor>& ts) {
    for (size_t i = 0; i < ts.size(); ++i) out.emplace_back(std::string(prefix) + std::to_string(i), ts[i]);
  };
  add("m_decayed.", m_decayed_);
  add("v_decayed.", v_decayed_);
  add("m_plain.", m_plain_);
  add("v_plain.", v_plain_);
  add("m_scaled.", m_scaled_);  // none unless a learning rate was scaled
  add("v_scaled.", v_scaled_);
  out.emplace_back("steps", torch::tensor({steps_}, torch::kInt64));
  return out;
}

void AdamW::load_state(const NamedTensors& state, const std::string& file) {
  std::map<std::string, torch::Tensor> by_name(state.begin(), state.end());
  torch::NoGradGuard no_grad;
  auto load = [&](const char* prefix, std::vector<torch::Tensor>& ts) {
    for (size_t i = 0; i < ts.size(); ++i) {
      const auto found = by_name.find(std::string(prefix) + std::to_string(i));
      if (found == by_name.end() || found->second.sizes() != ts[i].sizes())
        throw InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "optimizer state does not match the model (%1%2)"),
                                           {std::string(prefix), std::to_string(i)})});
      ts[i].copy_(found->second);
    }
  };
  load("m_decayed.", m_decayed_);
  load("v_decayed.", v_decayed_);
  load("m_plain.", m_plain_);
  load("v_plain.", v_plain_);
  load("m_scaled.", m_scaled_);
  load("v_scaled.", v_scaled_);
  const auto steps = by_name.find("steps");
  if (steps == by_name.end()) throw InputError({file, 0, Message(QT_TRANSLATE_NOOP("Core", "optimizer state lacks its step count"))});
  steps_ = steps->second.item<std::int64_t>();
}

}  // namespace chattrain
