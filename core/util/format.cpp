#include "chattrain/format.h"

#include <cmath>
#include <cstdio>

namespace chattrain {

std::string format_bytes(double b) {
  const char* unit = "B";
  int decimals = 0;
  for (const char* next : {"KB", "MB", "GB"}) {
    if (b < 1024.0) break;
    b /= 1024.0;
    unit = next;
    decimals = 1;
  }
  char text[48];
  std::snprintf(text, sizeof text, "%.*f %s", decimals, b, unit);
  return text;
}

std::string format_count(double v) {
  char text[32];
  if (v >= 1e9) std::snprintf(text, sizeof text, "%.2fG", v / 1e9);
  else if (v >= 1e6) std::snprintf(text, sizeof text, "%.2fM", v / 1e6);
  else if (v >= 1e3) std::snprintf(text, sizeof text, "%.1fk", v / 1e3);
  else std::snprintf(text, sizeof text, "%.0f", v);
  return text;
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long s = std::lround(seconds);
  char text[32];
  if (s < 60) std::snprintf(text, sizeof text, "%lds", s);
  else if (s < 3600) std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  return text;
}

}  // namespace chattrain
