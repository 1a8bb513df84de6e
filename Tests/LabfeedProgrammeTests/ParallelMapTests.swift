// ParallelMap (the build's per-item work on every core) against the same work on one thread.

import Foundation
import Testing
@testable import LabfeedProgramme

struct ParallelMapTests {
    struct Refused: Error, Equatable { var index: Int }

    /// A class payload: a value made twice or destroyed twice would show in the count.
    final class Counted: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var alive = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.lock.withLock { Self.alive += 1 }
        }
        deinit { Self.lock.withLock { Self.alive -= 1 } }
    }

    @Test(arguments: [0, 1, 15, 16, 17, 33, 1_000, 10_007])
    func theMapGivesWhatOneThreadGivesInTheSameOrder(count: Int) {
        let words = (0..<count).map { "mot-\($0 * 7919 % 10_007)" }
        let expected = words.map { $0.uppercased() + "!" }
        #expect(ParallelMap.map(count, threads: 4) { words[$0].uppercased() + "!" } == expected)
        #expect(ParallelMap.map(count, minimumPerThread: 1, threads: 3) { words[$0].uppercased() + "!" } == expected)
    }

    @Test func everyIndexIsMappedExactlyOnce() {
        let lock = NSLock()
        nonisolated(unsafe) var calls = [Int](repeating: 0, count: 5_000)
        let out = ParallelMap.map(5_000, threads: 4) { i in
            lock.withLock { calls[i] += 1 }
            return i * 2
        }
        #expect(out == (0..<5_000).map { $0 * 2 })
        #expect(calls.allSatisfy { $0 == 1 })
    }

    @Test func anErrorIsThrownAndTheValuesMadeAreDestroyed() {
        let before = Counted.lock.withLock { Counted.alive }
        #expect(throws: Refused(index: 1_500)) {
            _ = try ParallelMap.map(4_000, threads: 4) { (i: Int) throws(Refused) -> Counted in
                if i == 1_500 || i == 3_900 { throw Refused(index: i) }
                return Counted(i)
            }
        }
        #expect(Counted.lock.withLock { Counted.alive } == before)
        let kept = ParallelMap.map(100, threads: 4) { Counted($0) }
        #expect(kept.map(\.value) == Array(0..<100))
    }

    @Test(arguments: [0, 5, 16, 100, 9_999])
    func theUpdateChangesEachElementInPlaceOnce(count: Int) {
        var values = (0..<count).map { "v\($0)" }
        ParallelMap.update(&values, threads: 4) { i, value in value += ":\(i)" }
        #expect(values == (0..<count).map { "v\($0):\($0)" })
    }
}
