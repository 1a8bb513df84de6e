// `Words.split` folding each word into stack memory (branch pageperf14) against the splitter
// it replaces, kept here as the reference: the same scan folding into a heap array through
// `Words.appendFolded`. Words of every folded length around the scratch's 64 bytes (ASCII,
// accents, "ß" and "Œ" that fold to two bytes, scalars folded by their lower-case mapping),
// back to back and apart; pseudo-random texts (fixed seed, bounded counts). The norms are
// compared byte for byte: since branch pageperf23 a norm of up to 64 bytes is made by
// `String(unsafeUninitializedCapacity:initializingUTF8With:)`, the reference's by
// `String(decoding:)`.

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct WordSplitScratchTests {
    /// The former splitter: the folded bytes in an array.
    private struct ArraySplitter: WordScanState {
        let utf8: String.UTF8View
        var words: [Word] = []
        var norm: [UInt8] = []
        var start = -1
        var capitalised = false
        var digitsOnly = true

        mutating func open(at i: Int, capitalised: Bool) {
            start = i
            self.capitalised = capitalised
            digitsOnly = true
        }

        mutating func append(_ byte: UInt8) { norm.append(byte) }

        mutating func appendFolded(_ u: Unicode.Scalar) { Words.appendFolded(u, to: &norm) }

        mutating func close(at end: Int) {
            if start >= 0, !norm.isEmpty {
                let lower = utf8.index(utf8.startIndex, offsetBy: start)
                let upper = utf8.index(lower, offsetBy: end - start)
                words.append(Word(norm: String(decoding: norm, as: UTF8.self), range: lower..<upper,
                                  capitalised: capitalised, isNumber: digitsOnly))
            }
            start = -1
            norm.removeAll()
        }
    }

    static func reference(_ text: String) -> [Word] {
        var splitter = ArraySplitter(utf8: text.utf8)
        Array(text.utf8).withUnsafeBufferPointer { Words.scan($0, into: &splitter) }
        return splitter.words
    }

    static func expectSame(_ text: String) {
        let new = Words.split(text)
        let old = reference(text)
        #expect(new.count == old.count, "\(text.debugDescription)")
        for (a, b) in zip(new, old) {
            // The norms compared by their bytes too (String equality is canonical equivalence).
            #expect(a.norm == b.norm && Array(a.norm.utf8) == Array(b.norm.utf8) && a.range == b.range
                    && a.capitalised == b.capitalised && a.isNumber == b.isNumber,
                    "\(text.debugDescription): \(a.norm) / \(b.norm)")
        }
    }

    @Test func wordsAroundTheScratchSizeFoldAsBefore() {
        for unit in ["a", "É", "ß", "Œ", "\u{130}", "Ǆ", "1", "e\u{301}", "日"] {
            for n in [1, 15, 16, 21, 31, 32, 33, 62, 63, 64, 65, 66, 100, 130] {
                let word = String(repeating: unit, count: n)
                Self.expectSame(word)
                Self.expectSame("x " + word + " " + word + "-" + word)
                Self.expectSame(word + " y ab")
            }
        }
    }

    @Test func randomTextsSplitAsBefore() {
        var random = Xorshift64(seed: 0x5EED_5917_0014_0001)
        let pieces = ["a", "B", "é", "ß", "Œ", "ﬁ", "\u{130}", "1", "2026", " ", "-", "'", "’", "\u{301}", "日本", "😀", "n°",
                      String(repeating: "x", count: 40), String(repeating: "ÿ", count: 30), "\u{A0}", "\n"]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<random.next(25) { text += random.element(of: pieces) }
            Self.expectSame(text)
        }
    }
}
