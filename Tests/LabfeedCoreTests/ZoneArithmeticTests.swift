// LocalDateTime's conversions between instants and wall-clock times, now integer arithmetic,
// checked against Foundation's Calendar (what they used before) over 1900-2100: every offset
// change of zones east and west of UTC, with half-hour and 45-minute offsets, a 30-minute
// daylight saving (Lord Howe), a skipped day (Apia 2011), leap days and pseudo-random times.

import Foundation
@testable import LabfeedCore
import Testing

struct ZoneArithmeticTests {
    static let zoneNames = [
        "Europe/Paris", "Europe/London", "America/New_York", "America/Sao_Paulo", "America/St_Johns",
        "America/Santiago", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide", "Australia/Lord_Howe",
        "Pacific/Apia", "Pacific/Chatham", "UTC",
    ]

    static var zones: [TimeZone] {
        zoneNames.compactMap { TimeZone(identifier: $0) } + [TimeZone(secondsFromGMT: -(3 * 3600 + 30 * 60))!]
    }

    /// The instants where `zone`'s offset changes between 1900 and 2100 (at most 500).
    static func transitions(of zone: TimeZone) -> [Date] {
        var result: [Date] = []
        var date = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        while result.count < 500, let next = zone.nextDaylightSavingTimeTransition(after: date), next < end {
            result.append(next)
            date = next
        }
        return result
    }

    /// The wall clock of an instant, by Foundation's Calendar (the implementation before).
    static func reference(_ instant: Date, in zone: TimeZone) -> LocalDateTime {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return LocalDateTime(date: CivilDate(year: c.year!, month: c.month!, day: c.day!), hour: c.hour!, minute: c.minute!,
                             second: c.second!, utcOffset: zone.secondsFromGMT(for: instant))
    }

    /// A wall-clock time read in a zone, by Foundation's Calendar (the implementation before).
    static func reference(date: CivilDate, hour: Int, minute: Int, second: Int, in zone: TimeZone) -> LocalDateTime? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        guard let instant = calendar.date(from: components) else { return nil }
        var result = reference(instant, in: zone)
        let candidate = reference(instant.addingTimeInterval(-3600), in: zone)
        if candidate.date == date && candidate.hour == hour && candidate.minute == minute { result = candidate }
        return result
    }

    /// Deterministic pseudo-random numbers (a 64-bit LCG), so failures reproduce.
    struct Numbers {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next(_ range: Range<Int>) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
    }

    @Test func instantsShowTheCalendarsWallClockAroundEveryTransition() {
        var checked = 0
        for zone in Self.zones {
            for transition in Self.transitions(of: zone) {
                for delta in [-7200, -3601, -3600, -1800, -1, 0, 1, 1799, 3599, 3600, 7200] {
                    let instant = transition.addingTimeInterval(TimeInterval(delta))
                    let expected = Self.reference(instant, in: zone)
                    #expect(LocalDateTime(instant, in: zone) == expected, "\(zone.identifier) \(instant)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test func instantsShowTheCalendarsWallClockFrom1900To2100() {
        var numbers = Numbers()
        for zone in Self.zones {
            for _ in 0..<1500 {
                let seconds = Double(numbers.next(-2_208_988_800..<4_102_444_800)) + [0, 0.25, 0.999][numbers.next(0..<3)]
                let instant = Date(timeIntervalSince1970: seconds)
                #expect(LocalDateTime(instant, in: zone) == Self.reference(instant, in: zone), "\(zone.identifier) \(seconds)")
            }
            // Before 1970, fractions floor towards the past as in Calendar.
            let early = Date(timeIntervalSince1970: -0.5)
            #expect(LocalDateTime(early, in: zone) == Self.reference(early, in: zone))
        }
    }

    @Test func wallClockTimesReadLikeTheCalendarAroundEveryTransition() {
        var checked = 0
        for zone in Self.zones {
            for transition in Self.transitions(of: zone) {
                // The wall clock just before the change, then every quarter hour for four hours.
                let before = Self.reference(transition.addingTimeInterval(-7200), in: zone)
                for step in 0..<17 {
                    let minutes = before.minute + step * 15
                    let date = before.date
                    let hour = before.hour + minutes / 60
                    let minute = minutes % 60
                    let expected = Self.reference(date: date, hour: hour, minute: minute, second: 0, in: zone)
                    let actual = LocalDateTime(date: date, hour: hour, minute: minute, in: zone)
                    #expect(actual == expected, "\(zone.identifier) \(date) \(hour):\(minute)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test func wallClockTimesReadLikeTheCalendarOnOrdinaryAndLeapDays() {
        var numbers = Numbers()
        for zone in Self.zones {
            for _ in 0..<1000 {
                let year = numbers.next(1900..<2101)
                let month = numbers.next(1..<13)
                let date = CivilDate(year: year, month: month, day: numbers.next(1..<(CivilDate.daysIn(month: month, year: year) + 1)))
                let (hour, minute, second) = (numbers.next(0..<24), numbers.next(0..<60), numbers.next(0..<60))
                let actual = LocalDateTime(date: date, hour: hour, minute: minute, second: second, in: zone)
                #expect(actual == Self.reference(date: date, hour: hour, minute: minute, second: second, in: zone),
                        "\(zone.identifier) \(date) \(hour):\(minute):\(second)")
            }
            for leap in [CivilDate(year: 2000, month: 2, day: 29), CivilDate(year: 2024, month: 2, day: 29), CivilDate(year: 2096, month: 2, day: 29)] {
                #expect(LocalDateTime(date: leap, hour: 12, minute: 0, in: zone) == Self.reference(date: leap, hour: 12, minute: 0, second: 0, in: zone))
            }
        }
    }

    @Test func parisTransitionsOf2026AreExact() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        // Spring: 02:30 does not exist on 29 March; it is read as 03:30 summer time.
        let skipped = LocalDateTime(date: CivilDate(year: 2026, month: 3, day: 29), hour: 2, minute: 30, in: paris)
        #expect(skipped.iso == "2026-03-29T03:30:00+02:00")
        // Autumn: 02:30 happens twice on 25 October; the first (summer) one is kept.
        let twice = LocalDateTime(date: CivilDate(year: 2026, month: 10, day: 25), hour: 2, minute: 30, in: paris)
        #expect(twice.iso == "2026-10-25T02:30:00+02:00")
        let after = LocalDateTime(date: CivilDate(year: 2026, month: 10, day: 25), hour: 3, minute: 0, in: paris)
        #expect(after.iso == "2026-10-25T03:00:00+01:00")
        // The instant of the autumn change, seen from both sides.
        let change = Date(timeIntervalSince1970: 1_792_890_000)  // 2026-10-25T01:00:00Z
        #expect(LocalDateTime(change.addingTimeInterval(-1), in: paris).iso == "2026-10-25T02:59:59+02:00")
        #expect(LocalDateTime(change, in: paris).iso == "2026-10-25T02:00:00+01:00")
    }

    @Test func valuesOutsideTheArithmeticsYearsStillConvert() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let old = Date(timeIntervalSince1970: -14_000_000_000)  // 1526, Julian in Foundation
        #expect(LocalDateTime(old, in: paris) == Self.reference(old, in: paris))
        let hour = LocalDateTime(date: CivilDate(year: 1200, month: 5, day: 1), hour: 10, minute: 0, in: paris)
        #expect(hour == Self.reference(date: CivilDate(year: 1200, month: 5, day: 1), hour: 10, minute: 0, second: 0, in: paris))
        // Components past their range carry over, as Calendar's do.
        let carried = LocalDateTime(date: CivilDate(year: 2026, month: 12, day: 31), hour: 25, minute: 61, in: paris)
        #expect(carried.iso == "2027-01-01T02:01:00+01:00")
    }
}
