// Whether the test process runs under a sanitizer, for the few checks that assume glibc's own
// allocator (`make test-asan`; docs/ROBUSTNESS.md).

#if canImport(Glibc)
import Glibc
#endif

/// What the running test process was built with.
public enum Sanitizers {
    /// True when the process carries AddressSanitizer's runtime (`--sanitize=address`), which
    /// replaces glibc's allocator: `mallopt` and `malloc_trim` are then ASan's, and report failure.
    public static let address: Bool = {
        #if canImport(Glibc)
        return dlsym(nil, "__asan_init") != nil
        #else
        return false
        #endif
    }()
}
