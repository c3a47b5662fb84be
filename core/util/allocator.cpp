#include "util/allocator.h"

#include <malloc.h>

namespace chattrain {

void keep_freed_memory_for_reuse() {
  static const bool done = [] {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);  // blocks up to 1 GiB come from the heap, and are reused
    mallopt(M_TRIM_THRESHOLD, 1 << 30);  // keep up to 1 GiB of free heap instead of trimming it
    return true;
  }();
  (void)done;
}

}  // namespace chattrain
