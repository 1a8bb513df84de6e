// Dates of structured data and microformats: precision kept, offsets converted to the page's
// zone, floating times local to it with daylight saving right.

import Foundation
import LabfeedCore
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct StructuredDateTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    @Test(arguments: [
        ("2022-11-08", "2022-11-08"),
        ("2022-11-08T09:30", "2022-11-08T09:30:00+01:00"),
        ("2022-07-08T09:30:00", "2022-07-08T09:30:00+02:00"),
        ("2022-11-08T08:30:00+00:00", "2022-11-08T09:30:00+01:00"),
        ("2022-11-08T08:30:00Z", "2022-11-08T09:30:00+01:00"),
        ("2022-11-08T09:30:00-05:00", "2022-11-08T15:30:00+01:00"),
        ("2022-10-30T00:59:00Z", "2022-10-30T02:59:00+02:00"),
        ("2022-10-30T01:00:00Z", "2022-10-30T02:00:00+01:00"),
        ("2022-03-27T02:30", "2022-03-27T03:30:00+02:00"),
        ("20221108T093000", "2022-11-08T09:30:00+01:00"),
    ])
    func isoDatesKeepTheirPrecisionInTheZone(_ input: String, _ expected: String) {
        #expect(StructuredDate.eventTime(input, zone: paris)?.iso == expected)
    }

    @Test(arguments: ["2022-11", "2022", "8 novembre", "2022-02-30", "", "2022-11-08T25:00"])
    func partialOrInvalidDatesAreRefused(_ input: String) {
        #expect(StructuredDate.eventTime(input, zone: paris) == nil)
    }

    @Test func theEventsCalendarAllDayTimesBecomeDays() {
        let start = StructuredDate.eventTime("2022-11-01T23:00:00+00:00", zone: paris)!
        let end = StructuredDate.eventTime("2022-11-02T22:59:59+00:00", zone: paris)
        let (s, e) = StructuredDate.allDayRange(start: start, end: end)
        #expect(s == .day(CivilDate(year: 2022, month: 11, day: 2)))
        #expect(e == .day(CivilDate(year: 2022, month: 11, day: 2)))
    }

    @Test func aMidnightStartWithoutAnAllDayEndStaysTimed() {
        let start = StructuredDate.eventTime("2022-11-02T00:00", zone: paris)!
        let end = StructuredDate.eventTime("2022-11-02T02:00", zone: paris)
        #expect(StructuredDate.allDayRange(start: start, end: end).0 == start)
    }

    @Test(arguments: [("PT2H", 7200), ("PT1H30M", 5400), ("P1DT2H", 93600), ("PT90M", 5400), ("P1W", 604_800)])
    func durationsAreRead(_ text: String, _ seconds: Int) {
        #expect(StructuredDate.durationSeconds(text) == seconds)
    }

    @Test(arguments: ["P1Y", "PT", "2H", "P1M"])
    func durationsWithoutAFixedLengthAreRefused(_ text: String) {
        #expect(StructuredDate.durationSeconds(text) == nil)
    }

    @Test(arguments: [
        ("2022-11-08 9:30pm", "2022-11-08T21:30:00+01:00"),
        ("2022-11-08 12am", "2022-11-08T00:00:00+01:00"),
        ("2022-11-08 21h30", "2022-11-08T21:30:00+01:00"),
        ("2022-11-08T0930+0100", "2022-11-08T09:30:00+01:00"),
        ("2022-11-08 09:30 -08:00", "2022-11-08T18:30:00+01:00"),
        ("20221108", "2022-11-08"),
        ("2013-034", "2013-02-03"),
        ("2009-06-26 19:00-08", "2009-06-27T05:00:00+02:00"),
        ("2009-06-26 07:00p.m.", "2009-06-26T19:00:00+02:00"),
    ])
    func microformatDatesInTheirLooserForms(_ input: String, _ expected: String) throws {
        let parts = try #require(MFDate.parse(input))
        #expect(MFDate.eventTime(parts, zone: paris)?.iso == expected)
    }

    @Test func aTimeAloneTakesTheGivenDay() throws {
        let parts = try #require(MFDate.parse("17:30"))
        #expect(parts.date == nil)
        #expect(MFDate.eventTime(parts, zone: paris) == nil)
        #expect(MFDate.eventTime(parts, day: CivilDate(year: 2022, month: 11, day: 8), zone: paris)?.iso == "2022-11-08T17:30:00+01:00")
    }

    @Test func valueClassPartsAreJoined() {
        #expect(MFDate.combine(["2022-11-08", "9:30", "+01:00"]) == "2022-11-08 9:30+01:00")
        #expect(MFDate.combine(["9:30", "2022-11-08"]) == "2022-11-08 9:30")
        #expect(MFDate.combine(["2022-11-08T10:00:00Z", "11:00"]) == "2022-11-08T10:00:00Z")
    }

    /// Times with an offset, read without Foundation's calendar (LocalDateTime's arithmetic and
    /// cached zone offsets), must give what Foundation's calendar gives for the instant, on
    /// random days, times and offsets, across daylight saving changes and in zones where the
    /// offset differs.
    @Test func offsetTimesMatchTheCalendarPath() {
        var generator = Xorshift64(seed: 0x0DDB_A115_EED0_0005)  // fixed, so a failure reproduces
        let zones = [paris, TimeZone(identifier: "UTC")!, TimeZone(identifier: "America/New_York")!]
        let offsets = [0, 3600, 7200, -18000, -14400, 19800]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var fast = 0
        for _ in 0..<3_000 {
            let day = CivilDate(dayNumber: Int.random(in: 0...47_000, using: &generator))  // 1970-2098
            let hour = Int.random(in: 0...23, using: &generator), minute = Int.random(in: 0...59, using: &generator)
            let second = Int.random(in: 0...59, using: &generator)
            let offset = offsets.randomElement(using: &generator)!
            let zone = zones.randomElement(using: &generator)!
            let sign = offset < 0 ? "-" : "+"
            let text = "\(day.iso)T\(two(hour)):\(two(minute)):\(two(second))\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
            let written = LocalDateTime(date: day, hour: hour, minute: minute, second: second, utcOffset: offset)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: written.instant)
            let expected = EventTime.time(LocalDateTime(date: CivilDate(year: c.year!, month: c.month!, day: c.day!),
                                                        hour: c.hour!, minute: c.minute!, second: c.second!,
                                                        utcOffset: zone.secondsFromGMT(for: written.instant)))
            if zone.secondsFromGMT(for: written.instant) == offset { fast += 1 }
            #expect(StructuredDate.eventTime(text, zone: zone) == expected, "\(text) in \(zone.identifier)")
        }
        #expect(fast > 200)
    }
}
