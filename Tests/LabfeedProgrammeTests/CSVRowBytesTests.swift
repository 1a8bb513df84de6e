// CSVWriter's rows written as bytes (appendField) against the rows of Strings they replaced:
// the same text for the fixed and random programme events, and for fields at every edge of
// CSVWriter.field's rules (formula prefixes, edge spaces, combining marks after a comma).

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct CSVRowBytesTests {
    @Test func theCSVIsTheTextTheRowsOfStringsWrote() {
        let programme = Programme(updatedAt: nil, sources: [], events: MarkupBytesTests.events)
        #expect(CSVWriter.render(programme) == Self.reference(programme))
    }

    /// Times and timestamps at the edges of what TextBytes writes (years 999 and 10000,
    /// before 1970), written by `iso` and `UTCTimestamp` beyond.
    @Test func farDatesAreTheTextTheRowsOfStringsWrote() {
        var events = ICSBytesTests.edgeEvents()
        for (n, seconds) in [-62_135_596_800.0, -62_135_596_801, 253_402_300_799, 253_402_300_800, -1, 0.5].enumerated() {
            let instant = Date(timeIntervalSince1970: seconds)
            let start = EventTime.time(LocalDateTime(date: CivilDate(year: 10_000 + n, month: 1, day: 2), hour: 3, minute: 4, utcOffset: -3_600))
            events.append(ProgrammeEvent(id: "far-stamp-\(n)", event: Samples.event("Loin", start: start, end: .day(CivilDate(year: -5, month: 1, day: 1))),
                                         sources: [], firstSeen: instant, lastSeen: instant, updated: instant))
        }
        let programme = Programme(updatedAt: nil, sources: [], events: events)
        #expect(CSVWriter.render(programme) == Self.reference(programme))
    }

    @Test func aFieldsBytesAreTheFieldsText() {
        let fields = ["", "a", " a", "a ", " ", "=1", "+1", "-1", "@x", "\tx", "x\t", "a,b", ",\u{301}", "\"", "a\nb", "a\r\nb", "\r",
                      "é", " \u{301}", "\u{301} ", "x \u{301}", "l'été", "🎉,", "a\u{0}b", "'=x",
                      "\u{600},", "\u{600}\"", "\"\u{301}", "a\"b", "\u{301}\"", "x ,", "\u{600} ", " \u{600}", "-\u{301}", "=,", "= ", "\u{600}"]
        for text in fields {
            var row: [UInt8] = []
            CSVWriter.appendField(text, to: &row, comma: true)
            #expect(String(decoding: row, as: UTF8.self) == "," + CSVWriter.field(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func randomFieldsBytesAreTheFieldsText() {
        var random = Xorshift64(seed: 0xC5F_2026)
        let pieces = [",", "\"", " ", "\u{301}", "\u{600}", "\u{200D}", "a", "é", "\r", "\n", "\r\n", "=", "-", "'", "\t", "🎉", "\u{1F3FB}"]
        for _ in 0..<5_000 {
            let text = (0..<random.next(6)).map { _ in pieces[random.next(pieces.count)] }.joined()
            var row: [UInt8] = []
            CSVWriter.appendField(text, to: &row)
            #expect(String(decoding: row, as: UTF8.self) == CSVWriter.field(text), "\(Array(text.unicodeScalars))")
        }
    }

    /// The writer as it was: each row an array of Strings, each mapped by `field` and joined.
    static func reference(_ programme: Programme) -> String {
        var out = CSVWriter.columns.map(CSVWriter.field).joined(separator: ",") + "\r\n"
        for item in ProgrammeOrder.sorted(programme.events) {
            let e = item.event
            let values: [String] = [
                item.id, e.start.iso, e.end?.iso ?? "", e.allDay ? "true" : "false", e.title, e.status.rawValue,
                item.past ? "true" : "false", FrenchDates.place(e.location) ?? "", e.location?.locality ?? "", item.region ?? "",
                e.organizer?.name ?? "", e.attendanceMode?.rawValue ?? "", e.url ?? "", e.onlineURL ?? "",
                item.sources.map(\.source).joined(separator: " "), UTCTimestamp.string(item.firstSeen), UTCTimestamp.string(item.updated),
            ]
            out += values.map(CSVWriter.field).joined(separator: ",") + "\r\n"
        }
        return out
    }
}
