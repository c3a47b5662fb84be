#pragma once
// Quantities as the interfaces show them, the same in every language ("1.5 GB").
#include <cstdint>
#include <string>

namespace chattrain {
std::string format_bytes(double bytes);  // binary units: B, KB, MB, GB
}  // namespace chattrain
