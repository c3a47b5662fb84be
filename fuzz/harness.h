#pragma once
// What every harness holds to: a reader given any bytes returns, or throws chattrain::Error (a message for
// a person, naming the file). Any other exception (a JSON library's, LibTorch's, std::bad_alloc) escapes
// to libFuzzer, which reports it as a crash, as it does a sanitizer's finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "chattrain/error.h"

namespace chattrain::fuzz {

inline std::string_view bytes_of(const std::uint8_t* data, std::size_t size) { return {reinterpret_cast<const char*>(data), size}; }

template <class Read>
int expect_only_our_errors(Read read) {
  try {
    read();
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace chattrain::fuzz
