// CivilDate(iso:), which reads ten digits and dashes from the UTF-8 bytes and refuses any other
// length at once, against the Character splitting it replaced (init(isoBySplitting:)); and
// CivilDate.iso, written as ten bytes in place, against the padded pieces it replaced. And
// EventTime(iso:) (what the store's JSON reader asks for every start and end) against the date
// read by splitting, then the date-time.

@testable import LabfeedCore
import LabfeedTestSupport
import Testing

struct CivilDateReadingTests {
    static func same(_ text: String) -> Bool {
        CivilDate(iso: text) == CivilDate(isoBySplitting: text)
            && CivilDate(iso: text[...]) == CivilDate(isoBySplitting: text[...])
            && EventTime(iso: text) == (CivilDate(isoBySplitting: text).map(EventTime.day) ?? LocalDateTime(iso: text).map(EventTime.time))
    }

    @Test func readsDatesAndRefusesTheRestAsTheSplittingDid() {
        let texts = [
            "2022-11-08", "0000-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2022-02-30", "2022-13-01",
            "2022-00-10", "2022-11-00", "2022-11-8", "2022-1-08", "22-11-08", "2022-11-08T09:30:00+01:00",
            "2022-11-08T09:30:00Z", "2022-11-08T09:30+01:00", "2022-11-08T09:30:00.250-03:30", "2022-11-08T24:00:00Z",
            "2022-11-08 ", " 2022-11-08", "+202-11-08", "2022-+1-08", "2022-11-+8", "+999-+1-+1", "2022/11/08",
            "2022-11--8", "2022--1-08", "-2022-11-0", "２０２２-11-08", "2022-11-0８", "2022-11-0\u{301}8",
            "2022-11-08\u{301}", "2022\r\n11-08", "20221108", "20221108T093000Z", "", "----------", "2022-11-081", "abcd-ef-gh",
            "2022-11-0a", "2022-1a-08", "202a-11-08", "2022_11_08", "2022-11-08Z", "1999-11-30",
        ]
        for text in texts {
            #expect(Self.same(text), "\(text)")
        }
        #expect(CivilDate(iso: "2022-11-08") == CivilDate(year: 2022, month: 11, day: 8))
        #expect(CivilDate(iso: "+999-+1-+1") == CivilDate(year: 999, month: 1, day: 1))
        #expect(CivilDate(iso: "2022-11-08T09:30:00+01:00") == nil)
        #expect(EventTime(iso: "2022-11-08") == .day(CivilDate(year: 2022, month: 11, day: 8)))
        #expect(EventTime(iso: "2022-11-08T09:30:00+01:00")?.isAllDay == false)
    }

    @Test func agreesWithTheSplittingOnRandomTexts() {
        var random = Xorshift64(seed: 0x5EED_CD17_0000_0017)
        let pieces: [String] = ["0", "1", "2", "9", "5", "-", "+", " ", "T", ":", "a", "é", "\u{301}", "٣", "\r\n", "Z", "2024-02-29", "T10:30:00"]
        for _ in 0..<20_000 {
            var text = ""
            if random.next(3) == 0 {
                // Near a date: ten bytes of digits and dashes with one or two changed.
                var bytes = Array("2024-02-29".utf8)
                for _ in 0..<(1 + random.next(2)) { bytes[random.next(10)] = Array("0123456789-+ a".utf8)[random.next(14)] }
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                for _ in 0..<random.next(13) { text += pieces[random.next(pieces.count)] }
            }
            #expect(Self.same(text), "\(text)")
        }
        // Every day of four years, and the day after each month's last.
        for year in [1900, 2000, 2023, 2024] {
            for month in 1...12 {
                for day in 1...32 {
                    let text = String(year) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
                    #expect(Self.same(text), "\(text)")
                    #expect(Self.same(text + "T09:30:00+01:00"), "\(text)T09:30:00+01:00")
                }
            }
        }
    }

    @Test func writesTheTextThePiecesWrote() {
        var random = Xorshift64(seed: 0xDA7E_0000_0017_0002)
        var dates: [CivilDate] = []
        for year in [-1, 0, 1, 9, 10, 99, 100, 999, 1000, 1583, 1999, 2000, 2024, 9999, 10_000] {
            for month in [-1, 0, 1, 9, 10, 12, 13, 99, 100] {
                for day in [-1, 0, 1, 9, 10, 28, 31, 99, 100] { dates.append(CivilDate(year: year, month: month, day: day)) }
            }
        }
        for _ in 0..<5_000 { dates.append(CivilDate(year: random.next(10_000), month: random.next(100), day: random.next(100))) }
        for date in dates {
            #expect(date.iso == date.isoByPieces, "\(date.year) \(date.month) \(date.day)")
        }
        #expect(CivilDate(year: 2022, month: 11, day: 8).iso == "2022-11-08")
        #expect(CivilDate(year: 7, month: 1, day: 2).iso == "0007-01-02")
    }
}
