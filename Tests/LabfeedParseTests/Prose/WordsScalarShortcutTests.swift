// Shortcuts of the word and sentence readers (pass pageperf27) against what they replace:
// `Words.isUppercase` below U+0100 read from the range against the scalar's property, and
// `Words.trimmed` reading ASCII bytes against the trim by Characters, on edge cases and
// random texts.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct WordsScalarShortcutTests {
    @Test func uppercaseBelowU0100IsTheProperty() {
        for v in UInt32(0)..<0x180 {
            guard let u = Unicode.Scalar(v) else { continue }
            #expect(Words.isUppercase(u) == u.properties.isUppercase, "U+\(String(v, radix: 16))")
        }
        for u: Unicode.Scalar in ["Œ", "œ", "Ÿ", "Σ", "ß", "ẞ", "Ⅻ", "Ⓐ", "日"] {
            #expect(Words.isUppercase(u) == u.properties.isUppercase, "\(u)")
        }
    }

    /// The trim as it was: Character by Character from both ends.
    private static func trimmedByCharacters(_ text: String, _ range: Range<String.Index>) -> Range<String.Index> {
        var a = range.lowerBound, b = range.upperBound
        while a < b, text[a].isWhitespace { a = text.index(after: a) }
        while b > a, text[text.index(before: b)].isWhitespace { b = text.index(before: b) }
        return a..<b
    }

    private static func expectSameTrims(_ text: String) {
        // Every range between Character boundaries (the sentences' ranges are such).
        let bounds = Array(text.indices) + [text.endIndex]
        for i in bounds.indices {
            for j in bounds.indices where j >= i && j - i <= 12 {
                let r = bounds[i]..<bounds[j]
                #expect(Words.trimmed(text, r) == trimmedByCharacters(text, r), "\(text.debugDescription) \(i)..<\(j)")
            }
        }
    }

    @Test func trimsOfEdgeCasesAreTheCharactersOnes() {
        for text in ["", " ", "  a  ", "\r\n x \r\n", "\u{A0}Lieu\u{A0}", "\u{2003}é\u{3000}", "a\u{301} ", " \u{301}x",
                     "\u{600} 12 ", "x\u{600} ", "\t\n\u{B}\u{C}", "fin.\u{2029}", "😀 ", " 👍🏽", "e\u{301}\u{301}"] {
            Self.expectSameTrims(text)
        }
    }

    @Test func randomTrimsAreTheCharactersOnes() {
        var random = Xorshift64(seed: 0x5EED_0027_0002)
        let pieces = [" ", " ", "\n", "\r\n", "\r", "\t", "\u{A0}", "\u{2003}", "\u{85}", "a", "É", "é", "e\u{301}", "\u{301}",
                      "\u{600}", ".", "日本", "😀", "\u{200D}", "x"]
        for _ in 0..<600 {
            var text = ""
            for _ in 0..<random.next(9) { text += random.element(of: pieces) }
            Self.expectSameTrims(text)
        }
    }
}
