// Two shortcuts of pass pageperf16 in Detect/, each against the code it replaced, kept here:
// the charset of an ASCII content type read on its bytes (`ParseContext.asciiCharset`) against
// the Character split and Foundation trim (`charsetByCharacters`, still the path of any other
// content type), and `DocumentParser.uncovered` with its month-and-day pairs against the set
// of two-Int arrays it held.

import Foundation
import LabfeedCore
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct DetectShortcutTests {
    private func context(_ contentType: String?) -> ParseContext {
        ParseContext(now: Date(timeIntervalSince1970: 1_800_000_000), contentType: contentType)
    }

    @Test func charsetsOfHandPickedContentTypes() {
        let cases: [(String?, String?)] = [
            (nil, nil), ("text/html", nil), ("text/html; charset=utf-8", "utf-8"), ("text/html;charset=\"ISO-8859-1\"", "ISO-8859-1"),
            ("text/html; CharSet = ' windows-1252 ' ", " windows-1252 "), ("text/html; charset=", nil), ("text/html; =utf-8", nil),
            (";charset=utf-8", nil), (";;text/html;;charset=utf-8", "utf-8"), ("text/html; char set=utf-8", nil),
            ("text/html; charset=utf 8  x", "utf 8 x"), ("text/html; charset=\"\"", nil), ("text/html; charset==x", "=x"),
            ("text/html; a=b; charset=latin1; charset=utf-8", "latin1"), ("text/html;\tcharset\t=\tutf-8\r\n", "utf-8"),
            ("text/html; charset=é", "é"), ("text/html;=charset=x", "x"), ("text/html; =charset=x", nil), ("text/html; charset==", "="), ("text/html; charset\u{301}=utf-8", nil), ("text/html;\u{301} charset=utf-8", nil),
        ]
        for (contentType, expected) in cases {
            #expect(context(contentType).httpCharset == expected, "\(contentType ?? "nil")")
            if let contentType {
                #expect(context(contentType).httpCharset == ParseContext.charsetByCharacters(of: contentType), "\(contentType)")
            }
        }
    }

    @Test func randomContentTypesGiveTheCharsetTheCharacterReadingGives() {
        var generator = Xorshift64(seed: 0xC4A2_5E70_0016_0001)  // fixed, so a failure reproduces
        let pieces = ["text/html", ";", ";", " ", "\t", "\r\n", "charset", "CHARSET", "Charset", "char", "set", "=", "=",
                      "utf-8", "\"", "'", "x", "\u{1}", "\u{7F}", "é", "\u{A0}", "\u{301}", "\u{2003}",
                      "; charset=", ";charset=", "charset=", "==", "; =charset="]
        var named = 0
        for _ in 0..<20_000 {
            var contentType = ""
            for _ in 0..<Int.random(in: 0...9, using: &generator) { contentType += pieces.randomElement(using: &generator)! }
            let expected = ParseContext.charsetByCharacters(of: contentType)
            if expected != nil { named += 1 }
            #expect(context(contentType).httpCharset == expected, "\(contentType.debugDescription)")
        }
        #expect(named > 500)
    }

    /// `uncovered` as it was: the days of the structured events as two-Int arrays.
    private func uncoveredByArrays(_ prose: [Event], by structured: [Event]) -> [Event] {
        guard !structured.isEmpty else { return prose }
        let covered = structured.map { ($0.start.date, ($0.end ?? $0.start).date) }
        let days = Set(structured.map { [$0.start.date.month, $0.start.date.day] })
        return prose.filter { event in
            let day = event.start.date
            return !days.contains([day.month, day.day]) && !covered.contains { first, last in first <= day && day <= last }
        }
    }

    @Test func uncoveredProseEventsAreTheFormerOnes() {
        var generator = Xorshift64(seed: 0xC4A2_5E70_0016_0002)
        func day() -> CivilDate {
            CivilDate(year: Int.random(in: 2025...2027, using: &generator), month: Int.random(in: 1...12, using: &generator),
                      day: Int.random(in: 1...28, using: &generator))
        }
        var kept = 0, dropped = 0
        for round in 0..<400 {
            var structured: [Event] = []
            for k in 0..<Int.random(in: 0...12, using: &generator) {
                let start = day()
                let end: EventTime? = Bool.random(using: &generator) ? .day(start.adding(days: Int.random(in: 0...20, using: &generator))) : nil
                structured.append(Event(title: "s\(round)-\(k)", start: .day(start), end: end, foundBy: .jsonLD))
            }
            let prose = (0..<30).map { Event(title: "p\(round)-\($0)", start: .day(day()), foundBy: .prose) }
            let expected = uncoveredByArrays(prose, by: structured).map(\.title)
            let got = DocumentParser.uncovered(prose, by: structured).map(\.title)
            #expect(got == expected)
            kept += expected.count
            dropped += prose.count - expected.count
        }
        #expect(kept > 1_000 && dropped > 200)
    }
}
