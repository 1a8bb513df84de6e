@testable import LabfeedParse
import LabfeedCore
import Testing

struct ICSSyntaxTests {
    @Test func unfoldsCRLFAndLFContinuations() {
        let text = "A:one\r\n two\r\nB:x\n\tY\nC:z"
        let lines = ICSReader.unfold(Array(text.utf8)).map { String(decoding: $0.0, as: UTF8.self) }
        #expect(lines == ["A:onetwo", "B:xY", "C:z"])
        #expect(ICSReader.unfold(Array(text.utf8)).map(\.1) == [1, 3, 5])
    }

    @Test func parsesParametersWithQuotedValues() throws {
        let p = try #require(ICSReader.parseLine(#"ATTENDEE;CN="Doe; John: Jr.";ROLE=REQ-PARTICIPANT;MEMBER="a@x","b@x":mailto:j@x"#, number: 1))
        #expect(p.name == "ATTENDEE")
        #expect(p.parameter("CN") == "Doe; John: Jr.")
        #expect(p.parameters["MEMBER"] == ["a@x", "b@x"])
        #expect(p.value == "mailto:j@x")
        #expect(ICSReader.parseLine("no colon here", number: 1) == nil)
    }

    @Test func unescapesText() {
        #expect(ICSValues.text(#"a\, b\; c\\d\ne\Nf"#) == "a, b; c\\d\ne\nf")
        #expect(ICSValues.textList(#"one,two\, three, four "#) == ["one", "two, three", "four"])
    }

    @Test func readsDurationsAndOffsets() {
        #expect(ICSValues.duration("PT1H30M") == ICSDuration(days: 0, seconds: 5400))
        #expect(ICSValues.duration("P1W") == ICSDuration(days: 7, seconds: 0))
        #expect(ICSValues.duration("P2DT3H") == ICSDuration(days: 2, seconds: 10_800))
        #expect(ICSValues.duration("-PT15M") == ICSDuration(days: 0, seconds: -900))
        #expect(ICSValues.duration("P") == nil)
        #expect(ICSValues.duration("PT1X") == nil)
        #expect(ICSValues.utcOffset("+0200") == 7200)
        #expect(ICSValues.utcOffset("-0430") == -16_200)
        #expect(ICSValues.utcOffset("0200") == nil)
    }

    @Test func readsTheThreeDateTimeForms() {
        #expect(ICSValues.dateValue("20221108T093000Z", isDate: false, tzid: nil)
                == .dateTime(CivilDate(year: 2022, month: 11, day: 8), hour: 9, minute: 30, second: 0, utc: true, tzid: nil))
        #expect(ICSValues.dateValue("20221108T093000", isDate: false, tzid: "Europe/Paris")
                == .dateTime(CivilDate(year: 2022, month: 11, day: 8), hour: 9, minute: 30, second: 0, utc: false, tzid: "Europe/Paris"))
        #expect(ICSValues.dateValue("20221108", isDate: true, tzid: nil) == .date(CivilDate(year: 2022, month: 11, day: 8)))
        #expect(ICSValues.dateValue("2022110", isDate: false, tzid: nil) == nil)
    }
}
