#pragma once
// Quantities as the terminal, the report and the studio show them, the same in every language.
#include <cstdint>
#include <string>

namespace chattrain {
std::string format_bytes(double bytes);      // binary units: "1.5 GB"
std::string format_count(double value);      // "12.3k", "4.56M", "1.23G"
std::string format_duration(double seconds);  // "42s", "3m12s", "1h05m"; "?" when unknown
}  // namespace chattrain
