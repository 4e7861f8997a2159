#if os(Linux)
import CAllocatorTuning
#endif

/// Keeps glibc's allocator from handing every allocation above 128 KiB to mmap and back.
///
/// A scan allocates and frees buffers of a few hundred kilobytes per file and per chunk (read
/// buffers, a chat's messages held until its owner is known). By default glibc serves each from
/// a fresh `mmap` and unmaps it on free, so the kernel zero-fills its pages again every time:
/// on a Messenger export of 50 files that was 3.5× the page faults and 12 % more CPU.
/// glibc raises that threshold by itself after the first large block is freed, which the rule
/// loader's old 28 MB temporary used to do by accident; setting it here makes the behaviour
/// deliberate (docs/performance.md, "The lexicon automaton in 2.6 MB instead of 28"). Freed
/// memory below the trim threshold stays with the process for reuse.
enum AllocatorTuning {
    static let mmapThreshold: Int32 = 32 << 20
    static let trimThreshold: Int32 = 64 << 20

    /// Gives memory freed so far back to the system, once, after the rules are loaded. Loading
    /// builds the lexicon automaton and parses the rule files on every core, and frees about
    /// half of what it allocated; below the trim threshold glibc kept those pages (in each
    /// thread's arena), so every scan carried them as resident memory to its end
    /// (docs/performance.md, "Memory freed after loading the rules").
    static func releaseFreedMemory() {
        #if os(Linux)
        _ = malloc_trim(0)
        #endif
    }

    static func apply() {
        #if os(Linux)
        // <malloc.h>: M_TRIM_THRESHOLD is -1, M_MMAP_THRESHOLD -3 (Swift imports neither
        // negative macro reliably).
        _ = mallopt(-3, mmapThreshold)
        _ = mallopt(-1, trimThreshold)
        #endif
    }
}
