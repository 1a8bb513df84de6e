// ZoneOffsetCache answers secondsFromGMT(for:) from spans it learnt from Foundation: around
// every transition of fourteen zones from 1900 to 2100, at fractional instants, and at
// pseudo-random instants from 1583 to 9999 asked in random order (so spans start anywhere),
// it must give Foundation's offset.

import Foundation
@testable import LabfeedCore
import LabfeedTestSupport
import Testing

struct ZoneOffsetCacheTests {
    @Test func offsetsAroundEveryTransitionAreFoundations() {
        var checked = 0
        for zone in ZoneArithmeticTests.zones {
            let cache = ZoneOffsetCache()
            var numbers = ZoneArithmeticTests.Numbers()
            for transition in ZoneArithmeticTests.transitions(of: zone) {
                let t = Int(transition.timeIntervalSince1970.rounded(.down))
                // Before and after the change, in an order that differs at each transition.
                var deltas = [-86_400, -7200, -3601, -3600, -1, 0, 1, 3599, 3600, 86_400]
                for i in deltas.indices.reversed() { deltas.swapAt(i, numbers.next(0..<(i + 1))) }
                for delta in deltas {
                    let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t + delta)))
                    #expect(cache.offset(zone, at: t + delta) == expected, "\(zone.identifier) \(t + delta)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test func offsetsAtPseudoRandomInstantsAreFoundations() {
        var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)  // xorshift: 64 bits, for spans of centuries
        func next(_ range: Range<Int>) -> Int { range.lowerBound + random.next(range.count) }
        let shared = ZoneOffsetCache()  // every zone in one cache: zones must not mix up
        for zone in ZoneArithmeticTests.zones {
            let own = ZoneOffsetCache()
            for _ in 0..<2000 {
                // 1583-01-02 to 9999-12-30, then a narrower band where feeds' dates fall.
                let seconds = next(0..<4) == 0
                    ? next(-12_212_467_200..<253_402_128_000)
                    : next(1_577_836_800..<1_893_456_000)
                let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
                #expect(own.offset(zone, at: seconds) == expected, "\(zone.identifier) \(seconds)")
                #expect(shared.offset(zone, at: seconds) == expected, "\(zone.identifier) \(seconds)")
            }
        }
    }

    @Test func fractionalInstantsShowFoundationsOffset() {
        for zone in ZoneArithmeticTests.zones {
            for transition in ZoneArithmeticTests.transitions(of: zone).prefix(200) {
                for delta in [-1.5, -0.75, -0.001, 0, 0.001, 0.5, 1.25] {
                    let instant = transition.addingTimeInterval(delta)
                    #expect(LocalDateTime(instant, in: zone).utcOffset == zone.secondsFromGMT(for: instant),
                            "\(zone.identifier) \(instant.timeIntervalSince1970)")
                }
            }
        }
    }

    @Test func theCacheStaysBounded() {
        let cache = ZoneOffsetCache()
        let paris = TimeZone(identifier: "Europe/Paris")!
        // One query per half-year from 1900: a new span each time, never more than the capacity kept.
        for year in 0..<400 {
            let seconds = -2_208_988_800 + year * 15_778_800
            #expect(cache.offset(paris, at: seconds) == paris.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
        #expect(cache.spanCount <= ZoneOffsetCache.capacity)
        #expect(cache.spanCount > 0)
    }
}
