#include <cmath>

#include "chattrain/train.h"

namespace chattrain {

double learning_rate_at(const TrainingConfig& c, std::int64_t step) {
  if (c.warmup_steps > 0 && step < c.warmup_steps) return c.learning_rate * double(step + 1) / double(c.warmup_steps);
  const double min_lr = c.learning_rate * c.min_lr_ratio;
  const std::int64_t decay_steps = std::max<std::int64_t>(1, c.max_steps - c.warmup_steps);
  const double progress = std::min(1.0, double(step - c.warmup_steps) / double(decay_steps));
  return min_lr + 0.5 * (1.0 + std::cos(M_PI * progress)) * (c.learning_rate - min_lr);
}

}  // namespace chattrain
