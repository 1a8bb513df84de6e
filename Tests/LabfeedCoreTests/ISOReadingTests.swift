// ISO8601.parse, which reads the UTF-8 bytes in place: the forms it accepts, and surrounding
// white space trimmed exactly as the Character-based trim it replaced (CR LF is one Character).

import LabfeedCore
import Testing

struct ISOReadingTests {
    @Test func readsDatesTimesOffsetsAndPartialDates() throws {
        let full = try #require(ISO8601.parse("2022-11-08T09:30:15.250+01:00"))
        #expect(full.date == CivilDate(year: 2022, month: 11, day: 8))
        #expect(full.hour == 9 && full.minute == 30 && full.second == 15 && full.utcOffset == 3600)
        #expect(ISO8601.parse("20221108T093000Z")?.utcOffset == 0)
        #expect(ISO8601.parse("2022-11-08 09:30-0330")?.utcOffset == -(3 * 3600 + 30 * 60))
        #expect(ISO8601.parse("2022-11-08t09:30")?.utcOffset == nil)
        #expect(ISO8601.parse("2022-11")?.isPartial == true)
        #expect(ISO8601.parse("2022")?.date == CivilDate(year: 2022, month: 1, day: 1))
        #expect(ISO8601.parse("2022-11-08T24:00:00Z")?.date == CivilDate(year: 2022, month: 11, day: 9))
    }

    @Test func refusesWhatIsNotAnISODate() {
        for text in ["", "2022-", "2022-13-01", "2022-02-30", "2022-11-08T9:30", "2022-11-08T09:30+19:00",
                     "2022-11-08T24:01", "2022-11-08T09:30:00.", "2022-11-08 garbage", "２０２２-11-08"] {
            #expect(ISO8601.parse(text) == nil, "\(text)")
        }
    }

    @Test func trimsSpacesTabsAndLineBreaksButNotACRLFPair() {
        #expect(ISO8601.parse(" \t\n2022-11-08\r\n ")?.date == nil)  // "\r\n" is one Character: kept
        #expect(ISO8601.parse(" \t\n2022-11-08 \n\t\r")?.date == CivilDate(year: 2022, month: 11, day: 8))
        #expect(ISO8601.parse("\n\r2022-11-08\n\r")?.date == CivilDate(year: 2022, month: 11, day: 8))
        #expect(ISO8601.parse("\r\n2022-11-08") == nil)
        #expect(ISO8601.parse("\r\r\n2022-11-08") == nil)
        #expect(ISO8601.parse(" \u{301}2022-11-08") == nil)  // a space with a combining accent
    }
}
