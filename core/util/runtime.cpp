#include <malloc.h>

#include "chattrain/runtime.h"

namespace chattrain {

void keep_freed_memory_for_reuse() {
  static const bool done = [] {
    mallopt(M_ARENA_MAX, 1);             // one heap for every thread: big blocks are reused wherever freed
    mallopt(M_MMAP_THRESHOLD, 1 << 30);  // blocks up to 1 GiB come from that heap, not fresh mmaps
    mallopt(M_TRIM_THRESHOLD, 1 << 30);  // keep up to 1 GiB of free heap instead of returning it
    return true;
  }();
  (void)done;
}

}  // namespace chattrain
