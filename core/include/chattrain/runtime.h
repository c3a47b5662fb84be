#pragma once
namespace chattrain {
// Makes glibc keep large freed blocks for reuse and gives every thread the main heap. Training frees
// and re-allocates the same big tensors every step; by default each block over 32 MiB is a fresh
// mmap that page-faults in, zeroed, every time, and a non-main thread's 64 MiB heap forces that for
// the logits whatever the threshold. Measured (demo preset, 2 cores): CLI 2.3k → 8.4k tokens/s; in
// the studio's worker thread 2.7k → 8.1k tokens/s. Call it first thing in main(): a thread that
// allocated before it keeps its own heap. Process-wide and idempotent; training calls it too.
void keep_freed_memory_for_reuse();
}  // namespace chattrain
