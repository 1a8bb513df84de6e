// The tokenizer against the scalar-by-scalar definition it had before its ASCII shortcuts
// (numbers and ASCII words made in one String, a word ended by an ASCII non-letter without a
// Unicode property lookup), kept here as the reference: the same tokens (kind, norm, value,
// digits, range, flags) on hand-picked cases and on pseudo-random strings over the characters
// that matter (xorshift, fixed seed, bounded count).

import LabfeedCore
@testable import LabfeedDates
import Testing

/// The tokenizer as it was, word for word (the letter tests and `fold` are the shipped ones).
private enum ReferenceTokenizer {
    static func tokenize(_ text: String) -> [Token] {
        let scalars = text.unicodeScalars
        var tokens: [Token] = []
        var i = scalars.startIndex
        var space = true
        var newlines = 0
        while i < scalars.endIndex {
            let c = scalars[i]
            if Tokenizer.isSpace(c) {
                space = true
                if c == "\n" || c == "\u{2029}" { newlines += 1 }
                i = scalars.index(after: i)
                continue
            }
            let start = i
            if newlines >= 2 {
                tokens.append(Token(kind: .symbol, norm: "¶", value: 0, digits: 0, range: start..<start,
                                    spaceBefore: true, capitalized: false, allCaps: false))
            }
            var kind = Token.Kind.symbol
            var norm = ""
            var value = 0
            var digits = 0
            var capitalized = false
            var allCaps = false
            if Tokenizer.isDigit(c) {
                kind = .number
                while i < scalars.endIndex, Tokenizer.isDigit(scalars[i]) {
                    let d = Int(scalars[i].value - 0x30)
                    if digits < 12 { value = value * 10 + d }
                    digits += 1
                    norm.unicodeScalars.append(scalars[i])
                    i = scalars.index(after: i)
                }
            } else if Tokenizer.isLetter(c) {
                kind = .word
                capitalized = Tokenizer.isUpper(c)
                allCaps = true
                while i < scalars.endIndex, Tokenizer.isLetter(scalars[i]) || Tokenizer.isMark(scalars[i]) {
                    if Tokenizer.isLetter(scalars[i]) && !Tokenizer.isUpper(scalars[i]) { allCaps = false }
                    Tokenizer.fold(scalars[i], into: &norm)
                    i = scalars.index(after: i)
                }
            } else {
                norm = Tokenizer.symbol(c)
                i = scalars.index(after: i)
            }
            tokens.append(Token(kind: kind, norm: norm, value: value, digits: digits, range: start..<i,
                                spaceBefore: space, capitalized: capitalized, allCaps: allCaps))
            space = false
            newlines = 0
        }
        return tokens
    }
}

struct TokenizerTests {
    private func render(_ tokens: [Token], in text: String) -> [String] {
        tokens.map { t in
            "\(t.kind) \(t.norm.debugDescription) \(t.value) \(t.digits) "
                + "\(t.range.lowerBound.utf16Offset(in: text))..<\(t.range.upperBound.utf16Offset(in: text)) "
                + "\(t.spaceBefore) \(t.capitalized) \(t.allCaps) \(String(text[t.range]).debugDescription) "
                // The tokenizer gives each symbol's scalar (pageperf23); the reference's
                // tokens read it from their norm.
                + "\(t.scalar.value)"
        }
    }

    static let cases: [String] = [
        "", " ", "Le 12 décembre 2026 à 14h30", "DU 1ER AU 3 MARS", "1ᵉʳ janvier", "Mardi, 5 Nov. – 18:00",
        "e\u{301}te\u{301} 2026", "CET EST est", "Ünïcödé ŒUVRE œuvre Æ", "x\u{2029}\u{2029}y", "a\n\nb\n\n\nc",
        "123456789012345678 digits", "l’atelier d'été", "ＡＢＣ １２", "ß straße", "ǅemal ǈ", "date:2026-11-20T09:30",
        "mot1mot 2mot", "A", "a", "Z9", "\u{301}x", "😀 12 😀", "ǲ", "İstanbul", "ﬁn ﬂ",
    ]

    static var randomCases: [String] {
        let alphabet: [String] = ["a", "Z", "é", "É", "1", "9", " ", "\n", "\u{2029}", "\u{A0}", "-", "–", "’", "'", ".", ":",
                                  "h", "ᵉ", "ʳ", "\u{301}", "œ", "Œ", "ß", "ǅ", "😀", "ＡＢ", "١", "ﬁ", "İ", "mars", "MAI"]
        var state: UInt64 = 0xD1B5_4A32_D192_ED03
        var out: [String] = []
        for _ in 0..<3_000 {
            var s = ""
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            for _ in 0..<Int(state % 16) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                s += alphabet[Int(state % UInt64(alphabet.count))]
            }
            out.append(s)
        }
        return out
    }

    @Test func tokensAreThoseOfTheScalarDefinition() {
        for text in Self.cases + Self.randomCases {
            #expect(render(Tokenizer.tokenize(text), in: text) == render(ReferenceTokenizer.tokenize(text), in: text), "\(text.debugDescription)")
        }
    }

    @Test func bytesGiveTheTokensOfTheReference() {
        // The UTF-8 reading (pass pageperf16) against the scalar-by-scalar reference, on ASCII
        // symbols (backquote: an apostrophe), every UTF-8 length, controls, and texts cut out of
        // a longer one.
        let alphabet: [String] = ["a", "Q", "7", "0", " ", "\t", "\r\n", "\n\n", "`", "%", "€", "$", "#", "/", "(", "\u{7F}",
                                  "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "é", "ǅ", "ᵉʳ", "\u{301}", "😀", "𝟙", "ﬁ", "K", "\u{212A}",
                                  "déc", "MARS", "14h30", "2026-11-20T09:30", "\u{FEFF}", "\u{2212}", "\u{2019}"]
        var state: UInt64 = 0x9A6E_0016_70CE_0001
        for _ in 0..<3_000 {
            var s = ""
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            for _ in 0..<Int(state % 20) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                s += alphabet[Int(state % UInt64(alphabet.count))]
            }
            let expected = render(ReferenceTokenizer.tokenize(s), in: s)
            #expect(render(Tokenizer.tokenize(s), in: s) == expected, "\(s.debugDescription)")
            let cut = String(("é😀 " + s + " x").dropFirst(2))
            #expect(render(Tokenizer.tokenize(cut), in: cut) == render(ReferenceTokenizer.tokenize(cut), in: cut))
        }
    }

    @Test func datesAndTimesTogetherAsApart() {
        let texts = ["Le 12 décembre 2026 de 14h à 17h30", "Mardi 5 novembre, 18:00 – 20:00", "du 2 au 30 novembre à midi",
                     "Nov 2–30, 2:30 pm", "rien", "14h-17h le 3/11", "à midi", "2026-11-20T09:30:00+01:00"]
            + Self.randomCases.prefix(500) + Self.cases
        for language in [DateLanguage.fr, .en] {
            let context = DateContext(language: language, reference: CivilDate(year: 2026, month: 10, day: 15))
            for text in texts {
                let (dates, times) = DateEngine.findDatesAndTimes(in: text, context: context)
                #expect(dates == DateEngine.find(in: text, context: context), "\(text.debugDescription)")
                #expect(times == DateEngine.findTimes(in: text, language: language), "\(text.debugDescription)")
            }
        }
    }

    @Test func rangesAreTheScalarViewsIndices() {
        // The ranges compare equal to the scalar view's own indices (what the grammar and callers slice with).
        let text = "Le 12 décembre ǅ 2026"
        let tokens = Tokenizer.tokenize(text)
        let reference = ReferenceTokenizer.tokenize(text)
        #expect(tokens.count == reference.count)
        for (t, r) in zip(tokens, reference) {
            #expect(t.range == r.range)
            #expect(text[t.range] == text[r.range])
        }
    }
}
