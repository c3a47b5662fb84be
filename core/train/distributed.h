#pragma once
// The collectives a trainer needs (chattrain/distributed.h joins the group). All of them are no-ops when
// the process trains alone, so a trainer calls them unconditionally.
#include <torch/torch.h>

#include <vector>

#include "chattrain/distributed.h"

namespace chattrain {

bool training_alone();  // no process group joined, or a world of one
// Sums every rank's tensors into every rank's, in place, in buckets of about 25 MB (one collective each,
// not one per tensor). CUDA tensors are staged through the host (Gloo).
void all_reduce_sum(const std::vector<torch::Tensor>& tensors);
double all_reduce_sum(double value);
// True on every rank when it is true on any (a stop asked for on one rank stops all at the same step).
bool any_rank(bool value);
// CPU threads for each of the run's processes on this machine: the cores shared out (all of them alone).
int cores_per_process();

}  // namespace chattrain
