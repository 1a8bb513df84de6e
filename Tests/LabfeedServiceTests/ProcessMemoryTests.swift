// The allocator setting sync and run apply at start.

import LabfeedService
import Testing

struct ProcessMemoryTests {
    @Test func glibcAcceptsTheFixedMmapThreshold() {
        #if os(Linux)
        #expect(ProcessMemory.keepLargeBuffersOutOfTheHeap())
        #endif
    }
}
