// The ISO 8601 writers (CivilDate.iso, LocalDateTime.iso, UTCTimestamp.string), written by hand
// for speed: the same text as the formatted versions, padding and signs included.

import Foundation
import LabfeedCore
import Testing

struct ISOWritingTests {
    @Test func datesAreZeroPadded() {
        #expect(CivilDate(year: 2022, month: 11, day: 8).iso == "2022-11-08")
        #expect(CivilDate(year: 987, month: 1, day: 1).iso == "0987-01-01")
    }

    @Test func timesShowTheirOffsetWithASign() {
        let date = CivilDate(year: 2022, month: 11, day: 8)
        #expect(LocalDateTime(date: date, hour: 9, minute: 30, utcOffset: 3600).iso == "2022-11-08T09:30:00+01:00")
        #expect(LocalDateTime(date: date, hour: 0, minute: 5, second: 7, utcOffset: -(9 * 3600 + 30 * 60)).iso == "2022-11-08T00:05:07-09:30")
        #expect(LocalDateTime(date: date, hour: 23, minute: 59, second: 59, utcOffset: 0).iso == "2022-11-08T23:59:59+00:00")
    }

    @Test func utcTimestampsMatchTheCalendar() {
        let utc = TimeZone(identifier: "UTC")!
        for seconds in [0.0, 1_667_896_200, 1_667_896_200.75, -1.5, -86_400, 951_782_400, 4_102_444_799] {
            let date = Date(timeIntervalSince1970: seconds)
            let expected = LocalDateTime(date, in: utc).iso.replacingOccurrences(of: "+00:00", with: "Z")
            #expect(UTCTimestamp.string(date) == expected, "\(seconds)")
        }
        #expect(UTCTimestamp.string(Date(timeIntervalSince1970: 1_667_896_200)) == "2022-11-08T08:30:00Z")
        #expect(UTCTimestamp.date(UTCTimestamp.string(Date(timeIntervalSince1970: 1_667_896_200))) == Date(timeIntervalSince1970: 1_667_896_200))
    }
}
