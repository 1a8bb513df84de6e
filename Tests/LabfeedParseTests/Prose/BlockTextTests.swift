// The prose tree's text as bytes (branch pageperf5): text nodes kept as spans of one buffer, and
// the block builder's Character tests on bytes (`BlockText`) against the same tests on the
// String's Characters, on hand-picked joins (CR LF, combining marks, "prepend" scalars, emoji,
// flags, no-break spaces) and pseudo-random texts (fixed seed, bounded count).

import LabfeedMarkup
@testable import LabfeedParse
import Testing

struct BlockTextTests {
    static let pieces: [String] = [
        "a", "Z", "9", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", ".", "-", "é", "e\u{301}", "\u{301}", "\u{300}a",
        "\u{A0}", "\u{2009}", "\u{3000}", "\u{85}", "日本", "٣", "\u{0600}1", "\u{0600}", "😀", "👩‍💻", "🇫🇷", "🇫", "Ⅻ", "½",
        "\u{200D}", "\u{FE0F}", "ǅ", "ß", "İ", "ﬁ", "\u{1680}", "x\u{0903}", "\u{0915}\u{094D}\u{0937}", "²", "_",
    ]

    /// Pseudo-random texts joining the pieces above (xorshift, fixed seed).
    static var randomTexts: [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var out: [String] = []
        for _ in 0..<3000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let length = Int(state % 8)
            var s = ""
            for _ in 0..<length {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                s += pieces[Int(state % UInt64(pieces.count))]
            }
            out.append(s)
        }
        return out
    }

    private func check(_ s: String) {
        let bytes = Array(s.utf8)
        bytes.withUnsafeBufferPointer { b in
            #expect(BlockText.isAllWhitespace(b) == s.allSatisfy(\.isWhitespace), "\(s.debugDescription)")
            let first = s.first.map { $0.isLetter || $0.isNumber } ?? false
            #expect(BlockText.startsWithLetterOrNumber(b) == first, "\(s.debugDescription)")
        }
        let last = s.last.map { $0.isLetter || $0.isNumber } ?? false
        #expect(BlockText.endsWithLetterOrNumber(bytes) == last, "\(s.debugDescription)")
    }

    @Test func characterTestsOnBytesMatchTheCharacters() {
        for piece in BlockTextTests.pieces { check(piece) }
        for a in BlockTextTests.pieces {
            for b in BlockTextTests.pieces { check(a + b) }
        }
        check("")
    }

    @Test func characterTestsOnBytesMatchTheCharactersOnRandomTexts() {
        for s in BlockTextTests.randomTexts { check(s) }
    }

    @Test func lastCharacterOfALongTextWithoutASCIIIsRead() {
        // Past the 4 KB window: the last Character is still the text's own.
        let chinese = String(repeating: "日本語", count: 2000)
        check(chinese)
        check(chinese + "e\u{301}")
        check(chinese + "\u{0600}")
        check(String(repeating: "a", count: 5000) + "日" + "\u{301}")
    }

    @Test func treeTextSpansHoldEachTextNode() throws {
        let html = """
            <html><body><p>Le 8&nbsp;novembre <b>caf\u{E9}</b> &amp; <i>\u{1F600}</i><br>fin</p><div> </div>
            <p>&#x65E5;&#26412;</p><script>ignored()</script></body></html>
            """
        let document = try MarkupDocument.html(Array(html.utf8), charset: "UTF-8")
        let tree = HTMLTree(document: document)
        var texts: [String] = []
        for i in tree.elements.indices {
            for child in tree.children(of: i) {
                if case .text(let span) = child { texts.append(tree.text(span)) }
            }
        }
        #expect(texts.contains("Le 8\u{A0}novembre "))
        #expect(texts.contains("caf\u{E9}"))
        #expect(texts.contains(" & "))
        #expect(texts.contains("\u{1F600}"))
        #expect(texts.contains("fin"))
        #expect(texts.contains("日本"))
        #expect(!texts.contains { $0.contains("ignored") })
        #expect(texts.allSatisfy { !$0.isEmpty })
        // The spans tile the buffer: every byte belongs to exactly one text child.
        #expect(texts.reduce(0) { $0 + $1.utf8.count } == tree.textBytes.count)
        let p = try #require(tree.elements.firstIndex { $0.tag == .p })
        #expect(tree.text(of: p) == "Le 8 novembre café & \u{1F600} fin")
        // Each element's children are its own range of the one list, the ranges not overlapping.
        let ranges = tree.elements.map { $0.childStart..<$0.childEnd }.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
        #expect(ranges.reduce(0) { $0 + $1.count } == tree.childList.count)
    }
}
