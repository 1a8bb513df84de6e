// Process-wide allocator setting for the commands that hold many documents at once (sync, run).

import CLabfeedSystem

/// How labfeed keeps its resident memory close to its live data, with either allocator: jemalloc,
/// which the `labfeed` executable links (the CAllocator target, which also sets its options), or
/// the C library's malloc (the library targets alone, as in the tests).
public enum ProcessMemory {
    /// Whether jemalloc is the process's allocator (see CAllocator's `malloc_conf`).
    public static var usesJemalloc: Bool { csystem_jemalloc_in_use() == 1 }

    /// Fixes glibc's mmap threshold at 128 KiB. By default glibc raises the threshold each time
    /// a large block is freed (up to 32 MiB), after which response bodies, rendered outputs and
    /// encoder buffers come from the heap arenas and leave them fragmented: a cold sync of
    /// 1,000 sources peaked at 212 MB RSS with the default and 172 MB with the threshold fixed
    /// (Benchmarks/report/README.md). Large blocks are then mapped and returned on free. An
    /// allocator setting, not less data; `MALLOC_MMAP_THRESHOLD_=131072` in the environment
    /// does the same. Returns false when the C library refused it or is not glibc, and under
    /// jemalloc, which keeps large blocks in extents of their own anyway.
    @discardableResult
    public static func keepLargeBuffersOutOfTheHeap() -> Bool {
        csystem_fix_mmap_threshold(128 * 1024) == 1
    }

    /// Returns the allocator's free memory to the system: jemalloc purges its arenas' unused
    /// pages, glibc trims every arena (`malloc_trim`). A sync calls it between its phases: the
    /// fetch and parse phase frees its documents in the arenas of many threads, where the build
    /// cannot always reuse them, so without it the build's peak stacks on top of that freed
    /// memory. Returns false when nothing was released or the C library is not glibc. Costs a
    /// few milliseconds.
    @discardableResult
    public static func returnFreeMemory() -> Bool {
        csystem_release_free_memory() == 1
    }
}
