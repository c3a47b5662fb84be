// Precompiled for every core translation unit (a torch include costs ~20 s to parse on 2 cores).
#pragma once
#include <torch/torch.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
