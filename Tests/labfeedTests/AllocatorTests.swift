// The labfeed executable allocates through jemalloc, with the options CAllocator gives it.

import LabfeedTestSupport
import Testing

struct AllocatorTests {
    @Test func theExecutableAllocatesThroughJemallocWithItsOptions() throws {
        // Asked through MALLOC_CONF, jemalloc prints its statistics and options at exit: proof
        // that it is the allocator and that the executable's `malloc_conf` was read (the
        // environment adds stats_print and keeps the executable's other options).
        let result = try LabfeedBinary.run(["--version"], environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("jemalloc statistics"))
        #expect(result.stderr.contains("opt.narenas: 2"))
        #expect(result.stderr.contains("opt.dirty_decay_ms: 1000"))
        #expect(result.stderr.contains("opt.muzzy_decay_ms: 0"))
    }

    @Test func theEnvironmentOverridesAnOption() throws {
        // Operators tune jemalloc without rebuilding: MALLOC_CONF wins over the built-in options.
        let result = try LabfeedBinary.run(["--version"], environment: ["MALLOC_CONF": "stats_print:true,narenas:3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("opt.narenas: 3"))
        #expect(result.stderr.contains("opt.dirty_decay_ms: 1000"))
    }
}
