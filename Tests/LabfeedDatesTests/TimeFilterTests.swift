// `DateEngine.mayHoldTime(in:)`, the byte filter `findTimes` asks first: whenever it says no,
// the tokenized search finds no time (fixed edge cases: named clocks in every case, with
// accents, marks and the letters past ASCII that fold to "n"; and random texts of such pieces);
// and it says no to ordinary prose without digits, which is what it is for.

@testable import LabfeedDates
import LabfeedTestSupport
import Testing

struct TimeFilterTests {
    /// The search without the filter: the tokens read whatever the bytes.
    private static func timesUnfiltered(_ text: String) -> [TimeMatch] {
        DateEngine.findTimes(tokens: Tokenizer.tokenize(text), in: text, language: .fr)
    }

    private static func expectSafe(_ text: String) {
        if !DateEngine.mayHoldTime(in: text) {
            #expect(timesUnfiltered(text).isEmpty, "\(text.debugDescription)")
        }
        // The filtered search gives what the search gives.
        #expect(DateEngine.findTimes(in: text).map(\.range) == timesUnfiltered(text).map(\.range), "\(text.debugDescription)")
    }

    @Test func namedClocksAndDigitsPassTheFilter() {
        for text in ["à midi", "à MIDI", "à Midi.", "jusqu'à minuit", "at noon", "until midnight", "vers midi et demie",
                     "à m\u{301}idi", "à midi\u{301}", "à mídi", "at ñoon", "at Ñoon", "at ⁿoon", "at noön", "14h", "9:30",
                     "à midi-", "(midi)", "xmidi", "MIDNIGHT!"] {
            #expect(DateEngine.mayHoldTime(in: text), "\(text.debugDescription)")
            Self.expectSafe(text)
        }
    }

    @Test func proseWithoutDigitsIsTurnedAway() {
        for text in ["", "Atelier de design des politiques publiques", "Le mois de l'innovation : nous vous attendons nombreux",
                     "Inscription obligatoire auprès du laboratoire", "midis", "minuits", "noons", "amidi", "Lieu : Médiathèque",
                     "Lundi matin, rendez-vous devant la mairie", "midnighter", "moon", "nooon"] {
            Self.expectSafe(text)
        }
        #expect(!DateEngine.mayHoldTime(in: "Atelier de design des politiques publiques"))
        #expect(!DateEngine.mayHoldTime(in: "Inscription obligatoire, ordre numérique, années"))
        #expect(!DateEngine.mayHoldTime(in: "midis minuits noons midnighter"))
        // A word going on past ASCII from a clock's start is let through ("m" + "é"...): safe, not decided.
        #expect(DateEngine.mayHoldTime(in: "mémoire"))
    }

    @Test func randomTextsTheFilterTurnsAwayHoldNoTime() {
        var random = Xorshift64(seed: 0x5EED_0027_0001)
        let pieces = ["midi", "Midi", "MIDI", "minuit", "noon", "Noon", "midnight", "m", "n", "i", "d", "o", "u", "t", "g", "h",
                      "é", "í", "ó", "ñ", "Ñ", "ⁿ", "\u{301}", "\u{308}", "à", "a", "de", "et", "demi", " ", " ", "-", "'", "’",
                      ".", ",", "\u{A0}", "\n", "œ", "İ", "K", "日本", "😀", "1", "14h", ":"]
        var turnedAway = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<random.next(12) { text += random.element(of: pieces) }
            if !DateEngine.mayHoldTime(in: text) { turnedAway += 1 }
            Self.expectSafe(text)
        }
        // The filter decides something (the pieces make many texts without a time).
        #expect(turnedAway > 1_000)
    }
}
