// The allocator setting sync and run apply at start, and the trim a sync does between phases,
// under glibc's malloc: the test process does not link jemalloc (the labfeed executable does:
// labfeedTests/AllocatorTests).

import Foundation
import LabfeedService
import LabfeedTestSupport
import Testing

struct ProcessMemoryTests {
    @Test func theSanitizerCheckKnowsTheBuild() {
        // `make test-asan` sets LABFEED_ASAN_RUN; a plain `swift test` builds without sanitizers,
        // and the glibc checks below must then run.
        #expect(Sanitizers.address == (ProcessInfo.processInfo.environment["LABFEED_ASAN_RUN"] != nil))
    }

    @Test func theTestProcessIsToldApartFromJemalloc() {
        // The library targets are linked without jemalloc: the glibc paths below must be taken.
        #expect(!ProcessMemory.usesJemalloc)
    }

    @Test(.disabled(if: Sanitizers.address, "AddressSanitizer replaces glibc's allocator and its mallopt"))
    func glibcAcceptsTheFixedMmapThreshold() {
        #if os(Linux)
        #expect(ProcessMemory.keepLargeBuffersOutOfTheHeap())
        #endif
    }

    @Test(.disabled(if: Sanitizers.address, "AddressSanitizer replaces glibc's allocator and its malloc_trim"))
    func freedSmallBlocksAreReturnedToTheSystem() {
        #if os(Linux)
        // 20 MB in 2 KB blocks (under any mmap threshold, so from the heap), then freed: the
        // trim finds free pages to give back.
        var blocks: [[UInt8]] = []
        for i in 0..<10_000 { blocks.append([UInt8](repeating: UInt8(truncatingIfNeeded: i), count: 2_000)) }
        #expect(blocks.count == 10_000)
        blocks = []
        #expect(ProcessMemory.returnFreeMemory())
        #endif
    }
}
