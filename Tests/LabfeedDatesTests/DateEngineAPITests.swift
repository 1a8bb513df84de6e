// DateEngine.parse (one whole expression), DateLanguage tags, and robustness: any text gives
// matches whose spans cut it, never a crash.

import Foundation
import LabfeedCore
import LabfeedDates
import Testing

struct DateEngineAPITests {
    let context = DateContext(language: .fr, reference: CivilDate(year: 2022, month: 10, day: 15))

    @Test func parseReadsOneWholeExpression() {
        #expect(DateEngine.parse("vendredi 4 novembre 2022 à 14h", context: context)?.start.iso == "2022-11-04T14:00:00+01:00")
        #expect(DateEngine.parse("  le 8 novembre.", context: context)?.start.iso == "2022-11-08")
        #expect(DateEngine.parse("Date : du 2 au 30 novembre 2022", context: context)?.end?.iso == "2022-11-30")
        #expect(DateEngine.parse("2022-11-08T09:30:00+01:00", context: context)?.kind == .dateTime)
    }

    @Test func parseRefusesMoreThanOneExpressionOrExtraWords() {
        #expect(DateEngine.parse("8 novembre et autre chose", context: context) == nil)
        #expect(DateEngine.parse("8 novembre, 9 novembre", context: context) == nil)
        #expect(DateEngine.parse("", context: context) == nil)
        #expect(DateEngine.parse("2022", context: context) == nil)
        #expect(DateEngine.parse("salle 12, 8 novembre", context: context) == nil)
        #expect(DateEngine.parse("8 novembre le", context: context) == nil)
    }

    @Test func languageTagsMapToNumericOrders() {
        #expect(DateLanguage(bcp47: "fr-FR") == .fr)
        #expect(DateLanguage(bcp47: "FR") == .fr)
        #expect(DateLanguage(bcp47: "en-GB") == .en)
        #expect(DateLanguage(bcp47: "en") == .en)
        #expect(DateLanguage(bcp47: "en_US") == .enUS)
        #expect(DateLanguage(bcp47: "de-DE") == nil)
        #expect(DateLanguage.enUS.monthFirst && !DateLanguage.en.monthFirst && !DateLanguage.fr.monthFirst)
    }

    @Test func timeOfDayPlacesItselfInAZone() {
        let t = TimeOfDay(hour: 9, minute: 5)
        #expect(t.description == "09:05")
        #expect(t.on(CivilDate(year: 2022, month: 7, day: 1), in: DateContext.paris).iso == "2022-07-01T09:05:00+02:00")
    }

    /// Every prefix and suffix of a text full of dates, times and traps: spans stay inside
    /// the text, in order, and equal their `text`.
    @Test func everyCutOfATextIsReadSafely() {
        let text = """
        Publié le 3 oct. 2022 à 09:12 — du 2 au 30 novembre, le 8/11 à 14h-17h ; 12,50 € ; tél. 01 23 45 67 89 ; \
        Nov 2–30, 2:30 pm ; 1ᵉʳ déc. ; l'après-midi ; 2022-11-08T09:30:00+01:00 ; les 7, 8 et 9 décembre ; à midi.
        """
        var cuts: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            cuts.append(text[index...])
            cuts.append(text[..<index])
            index = text.index(after: index)
        }
        #expect(cuts.count < 1000)
        for cut in cuts {
            let s = String(cut)
            let found = DateEngine.find(in: s, context: context)
            var last = s.startIndex
            for m in found {
                #expect(m.range.lowerBound >= last)
                #expect(String(s[m.range]) == m.text)
                last = m.range.upperBound
            }
            _ = DateEngine.findTimes(in: s)
        }
    }

    /// Pseudo-random strings over a date-prone alphabet (fixed seed, bounded count).
    @Test func randomTextNeverCrashes() {
        let alphabet = Array("0123456789 /-.:,h–'aàduejmnovdécfrsptHPMAZ+\n")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<40 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                s.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            for m in DateEngine.find(in: s, context: context) {
                #expect(String(s[m.range]) == m.text)
                if let end = m.end { #expect(m.start <= end || m.start.date <= end.date) }
            }
            _ = DateEngine.findTimes(in: s)
        }
    }
}
