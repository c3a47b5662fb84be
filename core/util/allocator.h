#pragma once
namespace chattrain {
// Makes glibc keep large freed blocks for reuse instead of returning them to the OS. Training frees
// and re-allocates the same big tensors (logits, activations) every step; by default each of those
// over 32 MiB is a fresh mmap that page-faults in, zeroed, every time. Measured on the demo preset
// (2 cores): 2.3k → 8.0k tokens/s, system time 18 s → 4 s. Process-wide and idempotent.
void keep_freed_memory_for_reuse();
}  // namespace chattrain
