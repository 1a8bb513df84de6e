// The prose reader's Character counts asked of the bytes first (branch pageperf14) against the
// `String.count` they replace: `UTF8Bytes.hasAtLeastCharacters` (the bytes alone),
// `String.hasAtLeast(characters:)` and `BlockTextStore.hasAtLeast(characters:)` against
// `count >= n`, and the folded form of a number word counted in bytes against its Characters.
// Hand-picked pieces that join or split Characters (CR LF, combining marks, emoji sequences,
// flags, Hangul jamo, prepended scalars) and pseudo-random joins (fixed seeds, bounded counts).

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct CharacterCountShortcutTests {
    /// Pieces around which Characters join across ASCII and non-ASCII bytes.
    static let pieces: [String] = [
        "", "a", "ab", "abc", " ", "\r", "\n", "\r\n", "\n\r", "\t", "1", "12345", "é", "e\u{301}", "\u{301}", "\u{20E3}",
        "1\u{FE0F}\u{20E3}", "👍", "👍🏽", "👨‍👩‍👧", "\u{200D}", "🇫🇷", "🇫", "\u{1100}", "\u{1161}", "\u{11A8}", "한", "\u{600}",
        "\u{600}1", "\u{915}\u{94D}\u{937}", "\u{A0}", "日本", "Le 8 novembre", "café", "ﬁ", "\u{0}", "\u{7F}", "\u{85}",
        "Atelier design", String(repeating: "x", count: 30), String(repeating: "é", count: 30),
    ]

    static func randomText(_ random: inout Xorshift64) -> String {
        var s = ""
        for _ in 0..<random.next(12) { s += random.element(of: pieces) }
        return s
    }

    static var texts: [String] {
        var random = Xorshift64(seed: 0x5EED_C0DE_0014_0001)
        var texts = pieces
        for a in pieces { for b in ["", "\r", "\n", "\u{301}", "a", "\u{200D}", "🇷"] { texts.append(a + b); texts.append(b + a) } }
        texts += (0..<3_000).map { _ in randomText(&random) }
        texts.append(String(repeating: "a", count: 199) + "\u{301}")
        texts.append(String(repeating: "a", count: 199) + "\r\n")
        texts.append(String(repeating: "ab ", count: 70))
        // Past a non-ASCII byte the scalars that are Characters of their own are counted
        // (pageperf19): accented letters and punctuation, then a scalar that joins its neighbour.
        texts.append(String(repeating: "é", count: 199) + "\u{301}")
        texts.append(String(repeating: "é’ « » … – € ", count: 30))
        texts.append("é" + String(repeating: "a", count: 198) + "\u{301}")
        texts.append("é" + String(repeating: "a", count: 198) + "\r\n")
        texts.append("é" + String(repeating: "a", count: 199) + "\u{600}")
        texts.append("\u{600}" + String(repeating: "é", count: 200))
        return texts
    }

    static let counts = Array(0...20) + [48, 61, 121, 161, 199, 200, 201, 501]

    @Test func bytesTellOnlyWhatTheCountSays() {
        var told = 0
        for text in Self.texts {
            let count = text.count
            for n in Self.counts {
                let known = Array(text.utf8).withUnsafeBufferPointer { UTF8Bytes.hasAtLeastCharacters(n, $0) }
                if let known {
                    told += 1
                    #expect(known == (count >= n), "\(text.debugDescription) n \(n)")
                }
            }
        }
        // The shortcut answers most questions: it is not a test that passes by never answering.
        #expect(told > Self.texts.count * Self.counts.count / 2)
    }

    @Test func stringBoundedCountIsTheCount() {
        for text in Self.texts {
            let count = text.count
            for n in Self.counts {
                #expect(text.hasAtLeast(characters: n) == (count >= n), "\(text.debugDescription) n \(n)")
            }
        }
    }

    @Test func storeBoundedCountIsTheCount() {
        for text in Self.texts {
            let count = text.count
            for store in [BlockTextStore(string: text), BlockTextStore(bytes: Array(text.utf8))] {
                for n in Self.counts {
                    #expect(store.hasAtLeast(characters: n) == (count >= n), "\(text.debugDescription) n \(n)")
                }
            }
        }
    }

    @Test func shortenedIsUnchanged() {
        for text in Self.texts {
            for limit in [3, 10, 80] {
                let new = text.shortened(to: limit)
                // The former test: `count > limit`, else the text itself.
                if text.count <= limit { #expect(new == text, "\(text.debugDescription)") } else { #expect(new != text, "\(text.debugDescription)") }
            }
        }
    }

    @Test func numberWordsCountTheirBytes() {
        var random = Xorshift64(seed: 0x5EED_C0DE_0014_0002)
        let digits = ["0", "12", "75001", "2026", "٣", "１２", "1\u{301}", "²", "½", "١٢٣٤٥", "8e", "e8"]
        var numbers = 0
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<random.next(8) { text += random.element(of: digits) + random.element(of: [" ", "-", "'", ""]) }
            for word in Words.split(text) where word.isNumber {
                numbers += 1
                #expect(word.norm.utf8.count == word.norm.count, "\(text.debugDescription) \(word.norm.debugDescription)")
            }
        }
        #expect(numbers > 1_000)
    }
}
