// The eight-bytes-at-a-time scans of Whitespace.isCollapsed and HTMLText.looksLikeHTML against
// the byte-by-byte loops they replaced (kept beside them as the reference): the same answer on
// hand-picked edge cases (spaces at each lane and across words, controls, non-ASCII spaces and
// letters, `<` and `&` at each lane) and on pseudo-random texts (fixed seeds, bounded counts).

@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct WhitespaceCollapsedScanTests {
    private static func answers(_ text: String) -> (scan: Bool, reference: Bool, collapsed: Bool) {
        UTF8Bytes.with(text) { b in
            (Whitespace.isCollapsed(b), Whitespace.isCollapsedByScalars(b), Whitespace.collapse(text) == text)
        }
    }

    @Test func edgeCasesAnswerAsTheByteLoop() {
        var texts = ["", " ", "a", "a ", " a", "a  b", "a b", "abcdefgh", "abcdefg ", " bcdefgh", "abcdefgh ",
                     "abcdefgh  ijklmnop", "abcdefg  hijklmno", "abcdefgh\u{00A0}ijk", "abcdefgh\tijk", "abc\u{7F}defghijk",
                     "Médiathèque de Nancy", "Médiathèque  de Nancy", "Hôtel de Région\u{2009}de Tours", "a\r\nb", "日本語のテキストです",
                     "emoji 😀 in a long enough name", "emoji 😀  twice spaced"]
        // A space, two spaces, a control or a no-break space at every offset of a long plain text.
        let plain = Array("abcdefghijklmnopqrstuvwx")
        for k in 0...plain.count {
            for insert in [" ", "  ", "\n", "\u{00A0}", "é", "\u{3000}", "«", "\u{2026}", "é ", " é", "😀"] {
                var t = plain
                t.insert(contentsOf: Array(insert), at: k)
                texts.append(String(t))
            }
        }
        for text in texts {
            let a = Self.answers(text)
            #expect(a.scan == a.reference && a.scan == a.collapsed, "\(text.debugDescription)")
        }
    }

    @Test func randomTextsAnswerAsTheByteLoop() {
        // Non-ASCII spaces and letters sharing their lead bytes (0xC2, 0xE0-0xE3), and others.
        let pieces = ["a", "Z", "é", " ", " ", "\t", "\n", "\u{00A0}", "\u{0085}", "«", "\u{1680}", "\u{2009}", "\u{2028}", "\u{202F}",
                      "\u{3000}", "\u{0800}", "\u{2026}", "日", "😀", "word", "longer words ", "-", "\u{7F}"]
        var random = Xorshift64(seed: 0x5EED_0028_0001)
        var collapsed = 0
        for _ in 0..<6_000 {
            var text = ""
            for _ in 0..<random.next(24) { text += random.element(of: pieces) }
            // Mostly single spaces between words, so that collapsed texts are met often.
            if random.next(2) == 0 { text = Whitespace.collapse(text) }
            let a = Self.answers(text)
            #expect(a.scan == a.reference && a.scan == a.collapsed, "\(text.debugDescription)")
            if a.reference { collapsed += 1 }
        }
        #expect(collapsed > 1_000 && collapsed < 5_500)  // both answers were met often
    }
}

struct LooksLikeHTMLScanTests {
    @Test func edgeCasesAnswerAsTheByteLoop() {
        var texts = ["", "<", "&", "<p", "a<p", "&amp;", "AT&T", "a < b", "&#233;", "&#;", "&;", "x&amp", "<3", "</", "<!--"]
        // A tag or reference at every offset of a long plain text, and one cut at the end.
        let plain = "abcdefghijklmnopqrstuvwx"
        for k in 0...plain.count {
            for insert in ["<b>", "&amp;", "&", "<", "< b", "&#x;", "é"] {
                var t = plain
                t.insert(contentsOf: insert, at: t.index(t.startIndex, offsetBy: k))
                texts.append(t)
            }
        }
        for text in texts {
            #expect(HTMLText.looksLikeHTML(text) == HTMLText.looksLikeHTMLByBytes(text), "\(text.debugDescription)")
        }
    }

    @Test func randomTextsAnswerAsTheByteLoop() {
        let pieces = ["a", "Z", " ", "é", "<", ">", "&", ";", "#", "/", "!", "1", "amp", "<p", "&amp;", "&#233;",
                      "&#;", "&;", "< p", "<3", "&nbsp", "😀", "\n", "x" + String(repeating: "y", count: 40) + ";"]
        var random = Xorshift64(seed: 0x5EED_0028_0002)
        var html = 0
        for round in 0..<6_000 {
            var text = ""
            if round % 4 == 0 { text += String(repeating: "plain text ", count: random.next(7)) }
            for _ in 0..<random.next(12) { text += random.element(of: pieces) }
            let expected = HTMLText.looksLikeHTMLByBytes(text)
            #expect(HTMLText.looksLikeHTML(text) == expected, "\(text.debugDescription)")
            if expected { html += 1 }
        }
        #expect(html > 500 && html < 5_500)  // both answers were met often
    }
}
