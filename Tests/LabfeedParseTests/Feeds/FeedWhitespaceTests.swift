// FeedWhitespace collapses in one pass what Whitespace (LabfeedParse/Text) collapses through
// arrays: the results must be the same on every input, and ill-formed UTF-8 must be refused
// (nil) rather than misread. The node path must equal `Whitespace.nonEmpty(node.text)`.

@testable import LabfeedParse
import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct FeedWhitespaceTests {
    static let edgeCases = [
        "", " ", "a", " a ", "a  b", "\t\n a \r\n b \n", "a\r\nb", "a\r\rb", "a\n\r\nb", "\r\n", "\n\n\nx\n\n",
        "a\u{2028}b\u{2029}\u{2029}c", "\u{A0}x\u{202F}y\u{3000}z\u{85}", "\u{1}\u{1F}a\u{7F}b", "e\u{301}\ne\u{301}",
        "Café  à\tParis\n\n\n« Atelier » – 20 h", "👩‍👩‍👧 famille\r\n\r\n\r\nfin ", "x\u{200B}y\u{200A}z",
    ]

    /// Pseudo-random strings over the characters that matter (xorshift, fixed seed).
    static var randomCases: [String] {
        let alphabet: [String] = ["a", "Z", "é", "1", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{A0}", "\u{2028}", "\u{2029}",
                                  "\u{202F}", "\u{301}", "\u{85}", "\u{1}", "’", "…", "😀", "‍", "\u{3000}", "\u{1680}"]
        var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)
        var out: [String] = []
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<random.next(24) {
                s += random.element(of: alphabet)
            }
            out.append(s)
        }
        return out
    }

    @Test func stringsCollapseAsWhitespaceCollapsesThem() {
        for text in Self.edgeCases + Self.randomCases {
            #expect(FeedWhitespace.collapse(text) == Whitespace.collapse(text), "\(text.debugDescription)")
            #expect(FeedWhitespace.collapseLines(text) == Whitespace.collapseLines(text), "\(text.debugDescription)")
            #expect(FeedWhitespace.nonEmpty(text) == Whitespace.nonEmpty(text), "\(text.debugDescription)")
        }
    }

    @Test func illFormedBytesAreRefusedAndWellFormedOnesCollapsed() {
        // Random bytes, biased towards UTF-8 lead and continuation bytes and white space.
        let pool: [UInt8] = [0x20, 0x0A, 0x0D, 0x61, 0x80, 0xA8, 0xBF, 0xC2, 0xA0, 0xC3, 0xE2, 0x80, 0xED, 0xA0,
                             0xE0, 0x9F, 0xF0, 0x90, 0xF4, 0x8F, 0x90, 0xF5, 0xFF, 0xC0, 0xE1, 0x9A]
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var refused = 0
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.next(12) {
                bytes.append(random.element(of: pool))
            }
            let wellFormed = String(validating: bytes, as: UTF8.self)
            for lines in [false, true] {
                let fast = bytes.withUnsafeBufferPointer { FeedWhitespace.collapse($0, lines: lines) }
                if let wellFormed {
                    #expect(fast == (lines ? Whitespace.collapseLines(wellFormed) : Whitespace.collapse(wellFormed)), "\(bytes)")
                } else {
                    #expect(fast == nil, "\(bytes)")
                    refused += 1
                }
            }
        }
        #expect(refused > 100)
    }

    @Test func nodeTextCollapsesAsWhitespaceNonEmptyOfText() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lab "Lab  &#233;t&#233;">]>
            <rss><channel><item><title>  Atelier\r\n  design\u{A0}</title><empty/><blank>  \n </blank>
            <description>one &lab;<![CDATA[ <p>two</p> ]]>  three</description><x><y>a</y> <z>b</z></x></item></channel></rss>
            """
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        var nodes = [try #require(doc.root)]
        var seen = 0
        while let node = nodes.popLast(), seen < 100 {
            seen += 1
            #expect(FeedWhitespace.nonEmptyText(of: node) == Whitespace.nonEmpty(node.text), "\(node.name)")
            nodes += node.children
        }
        #expect(seen > 15)
    }
}
