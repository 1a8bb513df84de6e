// ProgrammeOrder.sort (keys made once, applied in place) against sorting with the comparison.

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct ProgrammeOrderTests {
    typealias S = Samples

    /// Events crowded on a few starts: equal days, all-day and timed, equal instants written
    /// in different zones (so their ISO texts differ), equal ISO texts (so the id decides).
    static func crowded(_ count: Int, seed: UInt64) -> [ProgrammeEvent] {
        var random = Xorshift64(seed: seed)  // the same events on every run
        let zones = ["Europe/Paris", "UTC", "America/Cayenne"].map { TimeZone(identifier: $0)! }
        let seen = S.instant("2022-10-20T10:00:00Z")
        return (0..<count).map { n in
            let day = CivilDate(iso: ["2022-11-14", "2022-11-15", "2022-11-16"].randomElement(using: &random)!)!
            let start: EventTime = Bool.random(using: &random) && n % 3 == 0
                ? .day(day)
                : .time(LocalDateTime(date: day, hour: [9, 10, 14].randomElement(using: &random)!, minute: 0,
                                      in: zones.randomElement(using: &random)!))
            let id = "ev-\(String(UInt32.random(in: 0...UInt32.max, using: &random), radix: 16))-\(n)"
            return ProgrammeEvent(id: id, event: S.event("Atelier \(n)", start: start), sources: [], firstSeen: seen, lastSeen: seen,
                                  updated: seen)
        }
    }

    @Test(arguments: [0, 1, 2, 7, 500, 4_000])
    func theKeyedSortGivesTheComparisonsOrder(count: Int) {
        let events = Self.crowded(count, seed: UInt64(count) + 11)
        var sorted = events
        ProgrammeOrder.sort(&sorted)
        #expect(sorted.map(\.id) == events.sorted(by: ProgrammeOrder.precedes).map(\.id))
        #expect(sorted == events.sorted(by: ProgrammeOrder.precedes))
        // Already in order: unchanged.
        var again = sorted
        ProgrammeOrder.sort(&again)
        #expect(again == sorted)
    }

    @Test func aProgrammeChangedAfterItWasMadeIsStillWrittenInOrder() {
        let events = Self.crowded(300, seed: 3)
        let made = Programme(updatedAt: nil, sources: [], events: events)
        let inOrder = events.sorted(by: ProgrammeOrder.precedes)
        #expect(made.events == inOrder && made.orderedEvents == inOrder)
        var reversed = made
        reversed.events.reverse()  // changed in place
        var assigned = made
        assigned.events = events  // replaced, out of order
        var appended = made
        appended.events.append(made.events[0])  // a change after which the order is wrong
        #expect(reversed.orderedEvents == inOrder)
        #expect(assigned.orderedEvents == inOrder)
        #expect(appended.orderedEvents == (inOrder + [inOrder[0]]).sorted(by: ProgrammeOrder.precedes))
        // Every writer renders a changed programme as the programme made from its events.
        for format in OutputFormat.allCases {
            #expect(format.render(reversed) == format.render(made), "\(format)")
            #expect(format.render(assigned) == format.render(made), "\(format)")
        }
        // Whether the order is known is not part of the value.
        var same = made
        same.events = made.events
        #expect(same == made && reversed != made)
        #expect(Set([same, made]).count == 1)
    }

    /// The comparison as it was, writing both ISO texts whenever the instants tie.
    static func reference(_ a: ProgrammeEvent, _ b: ProgrammeEvent) -> Bool {
        let x = a.event.start, y = b.event.start
        if x.date != y.date { return x.date < y.date }
        if x.isAllDay != y.isAllDay { return x.isAllDay }
        if case .time(let s) = x, case .time(let t) = y, s.instant != t.instant { return s.instant < t.instant }
        if x.iso != y.iso { return x.iso < y.iso }
        return a.id < b.id
    }

    @Test func theComparisonDecidesEveryPairAsWritingTheTextsDoes() {
        var events = Self.crowded(300, seed: 7)
        // Equal instants and offsets written with other fields: 10:00 and 09:60 on one day.
        let day = CivilDate(iso: "2022-11-15")!
        let seen = S.instant("2022-10-20T10:00:00Z")
        for (n, (hour, minute)) in [(10, 0), (9, 60), (10, 0)].enumerated() {
            let start = EventTime.time(LocalDateTime(date: day, hour: hour, minute: minute, utcOffset: 3600))
            events.append(ProgrammeEvent(id: "odd-\(n)", event: S.event("Odd", start: start), sources: [], firstSeen: seen,
                                         lastSeen: seen, updated: seen))
        }
        for a in events {
            for b in events {
                #expect(ProgrammeOrder.precedes(a, b) == Self.reference(a, b))
            }
        }
    }

    @Test func theCrowdedStartsReallyTie() {
        // The cases the order's later keys decide are present: equal instants with unequal
        // ISO texts, and equal ISO texts.
        let events = Self.crowded(500, seed: 511)
        let timed = events.compactMap { e -> (Date, String)? in
            if case .time(let t) = e.event.start { (t.instant, t.iso) } else { nil }
        }
        let byInstant = Dictionary(grouping: timed, by: \.0)
        #expect(byInstant.values.contains { Set($0.map(\.1)).count > 1 })
        #expect(Dictionary(grouping: events, by: \.event.start.iso).values.contains { $0.count > 1 })
    }
}
