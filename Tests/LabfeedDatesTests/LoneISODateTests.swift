// A text that is one ISO date and nothing else ("2031-01-05", the `<time>` line of an agenda
// card) is read by `DateEngine.loneISODate` from its bytes (pass pageperf33); the grammar's
// tokens and rules are the reference (`findDatesThenTimesByGrammar`): compared here on every
// year, edge days, impossible dates, near misses and random texts, in every language and with
// both kinds of reference day.

import Foundation
@testable import LabfeedDates
import LabfeedCore
import LabfeedTestSupport
import Testing

struct LoneISODateTests {
    private static let contexts: [DateContext] = DateLanguage.allCases.flatMap { language in
        [
            DateContext(language: language, reference: CivilDate(year: 2030, month: 6, day: 1)),
            DateContext(language: language, reference: CivilDate(year: 1999, month: 12, day: 31), referenceIsPublication: true,
                        timeZone: TimeZone(identifier: "America/New_York") ?? DateContext.paris),
        ]
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// The shortcut's answer (or the grammar's when it declines) equals the grammar's.
    private static func check(_ text: String, _ context: DateContext) {
        let fast = DateEngine.findDatesThenTimes(in: text, context: context)
        let slow = DateEngine.findDatesThenTimesByGrammar(in: text, context: context)
        #expect(fast.dates == slow.dates, "\(text)")
        #expect(fast.times == slow.times, "\(text)")
        if let lone = DateEngine.loneISODate(text, context: context) {
            // Taken only where the grammar finds exactly this one date and no time.
            #expect(slow.dates == [lone], "\(text)")
            #expect(slow.times == [], "\(text)")
        }
    }

    @Test func everyYearGivesWhatTheGrammarGives() {
        let context = Self.contexts[0]
        for year in 0..<10_000 {
            Self.check("\(Self.pad(year, 4))-06-18", context)
        }
        // The years a two-digit time or a four-digit clock could be read in, in every context.
        for context in Self.contexts {
            for year in stride(from: 0, to: 10_000, by: 37) {
                Self.check("\(Self.pad(year, 4))-01-05", context)
            }
        }
    }

    @Test func everyDayOfTwoYearsAndImpossibleDays() {
        for context in Self.contexts {
            for year in [2024, 2031] {
                for month in 0...13 {
                    for day in 0...32 {
                        Self.check("\(year)-\(Self.pad(month, 2))-\(Self.pad(day, 2))", context)
                    }
                }
            }
            // The corpus's card dates take the shortcut.
            #expect(DateEngine.loneISODate("2031-06-18", context: context)?.rule == "iso")
            #expect(DateEngine.loneISODate("2024-02-29", context: context) != nil)
            // A date that does not exist is left to the grammar.
            #expect(DateEngine.loneISODate("2031-02-30", context: context) == nil)
            #expect(DateEngine.loneISODate("2031-13-01", context: context) == nil)
            #expect(DateEngine.loneISODate("2031-06-00", context: context) == nil)
        }
    }

    @Test func nearMissesAreLeftToTheGrammar() {
        let misses = [
            "", "2031", "2031-06", "2031-06-1", "2031-6-18", "231-06-18", "20311-06-18", "2031-06-188", " 2031-06-18",
            "2031-06-18 ", "2031-06-18.", "2031/06/18", "2031–06–18", "2031-06-18T10:30", "2031-06-18 10:30", "le 2031-06-18",
            "2031-06-18 au 2031-06-20", "2031-06-18-20", "2031--6-18", "２０３１-06-18", "2031-06-1a", "a031-06-18",
            "2031-06-18\n", "18-06-2031", "2031-06-18Z",
        ]
        for context in Self.contexts {
            for text in misses {
                if text.utf8.count != 10 || text.contains(where: { !$0.isASCII }) {
                    #expect(DateEngine.loneISODate(text, context: context) == nil, "\(text)")
                }
                Self.check(text, context)
            }
        }
    }

    @Test func randomTextsOfDigitsAndHyphens() {
        var random = Xorshift64(seed: 0x1505_DA7E_0033_0001)
        let alphabet: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "-", "-", "-", "/", ":", "T", " ", "h"]
        for _ in 0..<4_000 {
            let context = random.element(of: Self.contexts)
            var text: String
            if random.next(2) == 0 {
                // Ten characters shaped like a date, each position sometimes changed.
                text = "\(1_900 + random.next(300))-\(Self.pad(random.next(14), 2))-\(Self.pad(random.next(33), 2))"
                if random.next(3) == 0 {
                    var chars = Array(text)
                    chars[random.next(chars.count)] = random.element(of: alphabet)
                    text = String(chars)
                }
            } else {
                text = String((0..<random.next(14)).map { _ in random.element(of: alphabet) })
            }
            Self.check(text, context)
        }
    }
}
