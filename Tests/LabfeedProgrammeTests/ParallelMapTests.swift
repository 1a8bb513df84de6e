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

    /// Counts the live tokens of one test (tests run side by side: each has its own tally).
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var alive: Int { lock.withLock { count } }
        func add(_ n: Int) { lock.withLock { count += n } }
    }

    /// A value whose copies share one instance: made or freed twice would show in its tally.
    final class Token: @unchecked Sendable {
        let value: Int
        let tally: Tally
        init(_ value: Int, _ tally: Tally) {
            self.value = value
            self.tally = tally
            tally.add(1)
        }
        deinit { tally.add(-1) }
    }

    @Test(arguments: [1, 2, 3, 8])
    func concatenationMovesEveryListEndToEndAndEmptiesThem(threads: Int) {
        let tally = Tally()
        // Lists of uneven sizes, empty ones first, between and last; 2,000+ elements in all.
        let sizes = [0, 0, 3, 700, 0, 1, 64, 65, 0, 900, 2, 0, 311, 0]
        var lists = sizes.enumerated().map { l, n in (0..<n).map { [Token(l * 1_000 + $0, tally)] } }
        let expected = lists.flatMap { $0.map { $0[0].value } }
        let joined = ParallelMap.$threadLimit.withValue(threads) {
            ParallelMap.concatenate(&lists, placeholder: [])
        }
        #expect(joined.map { $0[0].value } == expected)
        #expect(lists.count == sizes.count && lists.allSatisfy(\.isEmpty))
        #expect(tally.alive == expected.count)  // moved, none copied or lost
        _ = consume joined
        #expect(tally.alive == 0)
    }

    @Test func concatenationOfNothingIsEmpty() {
        var none: [[String]] = []
        #expect(ParallelMap.concatenate(&none, placeholder: "").isEmpty)
        var empties: [[String]] = [[], [], []]
        #expect(ParallelMap.$threadLimit.withValue(4) { ParallelMap.concatenate(&empties, placeholder: "") }.isEmpty)
    }

    @Test(arguments: [0, 1, 17, 3_000])
    func takingMovesEachElementIntoTheMapOnce(count: Int) {
        let tally = Tally()
        var values = (0..<count).map { [Token($0, tally)] }
        let out = ParallelMap.take(&values, placeholder: [], minimumPerThread: 8) { i, held -> Int in
            held[0].value * 10 + (i == held[0].value ? 1 : 0)
        }
        #expect(out == (0..<count).map { $0 * 10 + 1 })
        #expect(values.count == count && values.allSatisfy(\.isEmpty))  // placeholders left
        #expect(tally.alive == 0)  // each element freed by the map that took it
    }

    @Test(arguments: [0, 63, 64, 5_000])
    func releaseFreesEveryElementAndEmptiesTheArray(count: Int) {
        let tally = Tally()
        var values = (0..<count).map { [Token($0, tally), Token(-$0, tally)] }
        let kept = values.first  // a shared element outlives the release
        ParallelMap.$threadLimit.withValue(3) { ParallelMap.release(&values, placeholder: []) }
        #expect(values.isEmpty)
        #expect(tally.alive == (kept == nil ? 0 : 2))
    }
}
