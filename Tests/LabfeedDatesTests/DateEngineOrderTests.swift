// DateEngine tries the readings found at one place longest first, the earlier of two as long
// first. It sorted them; since pass pageperf16 it picks them one after the other
// (`DateEngine.preferred`): compared here with the sort on random lists of readings.

@testable import LabfeedDates
import Testing

struct DateEngineOrderTests {
    @Test func readingsArePickedInTheOrderSortingGave() {
        var state: UInt64 = 0x0DE2_0016_5EED_0001  // xorshift, fixed seed: a failure reproduces
        for _ in 0..<5_000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let count = Int(state % 8)
            var readings: [Reading] = []
            for k in 0..<count {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                readings.append(Reading(start: DatePart(day: k + 1), next: 1 + Int(state % 4), rule: "r\(k)"))
            }
            let sorted = readings.enumerated().sorted { a, b in
                a.element.next != b.element.next ? a.element.next > b.element.next : a.offset < b.offset
            }.map(\.offset)
            var picked: [Int] = []
            var last = (next: Int.max, place: -1)
            while let pick = DateEngine.preferred(readings, after: last), picked.count <= count {
                picked.append(pick)
                last = (readings[pick].next, pick)
            }
            #expect(picked == sorted, "\(readings.map(\.next))")
        }
    }
}
