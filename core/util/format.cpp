#include "chattrain/format.h"

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

}  // namespace chattrain
