#if canImport(Glibc)
    import CGlibcMalloc
#endif

/// glibc malloc settings for a long-running command (`registry run`). A registry at 10,000 nodes
/// holds ~40 MB of live heap, yet its RSS grew to 150-255 MB: after a large block is freed (a Consul
/// listing of every service is ~9 MB), glibc raises its mmap threshold, so later large buffers come
/// from the arenas and stay there when freed, and each thread's arena keeps its own free memory. A
/// fixed 128 KiB threshold and two arenas kept it at 92-123 MB (peak 254-266 → 150-158 MB) for 5-15 %
/// more CPU (docs/PERFORMANCE.md, "Registry memory").
public enum HeapPolicy {
    /// Call first thing in a long-running command, before its threads start.
    public static func applyForLongRunningService() {
        #if canImport(Glibc)
            _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
            _ = mallopt(M_ARENA_MAX, 2)
        #endif
    }

    /// Hands freed heap memory back to the operating system, after a known large transient allocation.
    public static func releaseFreedMemory() {
        #if canImport(Glibc)
            _ = malloc_trim(0)
        #endif
    }
}
