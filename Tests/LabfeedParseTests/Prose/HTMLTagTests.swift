// The prose tree's tag enum and lower-casing shortcut against the String definitions they
// replace: `HTMLTag.read` on libxml2's name bytes against `name.lowercased()` (every known tag,
// capitals, XML names, non-ASCII names folding to a known tag, random names), and
// `asciiLowercasedIfNeeded` against `lowercased()`. Random names come from a fixed-seed xorshift,
// bounded in count.

@testable import LabfeedParse
import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct HTMLTagTests {
    /// The tag `read` must give for a name: the enum case named `name.lowercased()`, else other.
    static func expected(_ name: String) -> (HTMLTag, String?) {
        let lower = name.lowercased()
        if let tag = HTMLTag.allCases.first(where: { $0 != .other && $0.name == lower }) { return (tag, nil) }
        return (.other, lower)
    }

    /// The root element of an XML document holding one element named `name`, read by `read`.
    static func readXML(_ name: String) throws -> (HTMLTag, String?) {
        let document = try MarkupDocument.xml(Array("<\(name)/>".utf8))
        let root = try #require(document.root)
        #expect(root.name == name)
        return HTMLTag.read(root)
    }

    static func randomNames(count: Int) -> [String] {
        let pieces = ["a", "b", "i", "s", "d", "iv", "DIV", "Sp", "an", "h", "1", "6", "7", "-", "_", "x", "é", "K", "\u{212A}",
                      "\u{130}", "main", "nav", "figcap", "tion", "blockquote", "q", "tr", "td", "u", "L", "ink", "tbody"]
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        var names: [String] = []
        for _ in 0..<count {
            var name = ""
            for _ in 0..<(1 + random.next(4)) {
                name += random.element(of: pieces)
            }
            // An XML name starts with a letter.
            if let first = name.unicodeScalars.first, !first.properties.isAlphabetic { name = "x" + name }
            names.append(name)
        }
        return names
    }

    @Test func everyKnownTagIsReadFromItsNameInAnyCase() throws {
        for tag in HTMLTag.allCases where tag != .other {
            for name in [tag.name, tag.name.uppercased(), tag.name.prefix(1).uppercased() + tag.name.dropFirst()] {
                let read = try Self.readXML(name)
                #expect(read == (tag, nil), "\(name)")
            }
            #expect(HTMLTag.of(tag.name) == tag)
        }
    }

    @Test func unknownAndNonASCIINamesAreReadAsLowercasedDoes() throws {
        // "lin" + KELVIN SIGN lower-cases to "link"; "İ" to "i̇" (not "i").
        for name in ["lin\u{212A}", "\u{212A}", "\u{130}", "blockquot", "blockquotes", "figcaptions", "h7", "x-card",
                     "Custom-Element", "tableau", "section2", "héader", "abcdefghijklmnop"] {
            let read = try Self.readXML(name)
            #expect(read == Self.expected(name), "\(name)")
        }
    }

    @Test func randomNamesAreReadAsLowercasedDoes() throws {
        for name in Self.randomNames(count: 600) {
            let read = try Self.readXML(name)
            #expect(read == Self.expected(name), "\(name)")
        }
    }

    @Test func htmlPagesGiveTheTagOfEveryElementsLowercasedName() throws {
        let html = "<HTML><Body><DIV class=x><P>a<BR>b</P><Figcaption>c</Figcaption><custom-tag>d</custom-tag>"
            + "<TABLE><TR><TD>e</TD></TR></TABLE><svg><Circle/></svg></DIV></Body></HTML>"
        let document = try MarkupDocument.html(Array(html.utf8))
        var seen = 0
        func visit(_ node: MarkupNode) {
            guard node.isElement, seen < 100 else { return }
            seen += 1
            #expect(HTMLTag.read(node) == Self.expected(node.name), "\(node.name)")
            node.forEachChild(visit)
        }
        visit(try #require(document.root))
        #expect(seen >= 10)
    }

    @Test func traitsOfATagAreTheTraitsOfItsName() {
        for tag in HTMLTag.allCases where tag != .other {
            let traits = TagTraits.of(tag)
            #expect(traits.skipped == HTMLTree.skipped.contains(tag.name))
            #expect(traits.leaf == HTMLBlockBuilder.leafTags[tag.name])
            #expect(traits.container == HTMLBlockBuilder.containerTags.contains(tag.name))
            #expect(traits.wordFormatting == HTMLBlockBuilder.wordFormatting.contains(tag.name))
        }
        let other = TagTraits.of(HTMLTag.other)
        #expect(!other.skipped && other.leaf == nil && !other.container && !other.wordFormatting)
    }

    @Test func classNamesAreTheCharacterSplit() {
        let pieces = ["a", "entry-content", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{301}", "é", "\u{A0}", "x_y", "\u{B}", "\u{C}"]
        var random = Xorshift64(seed: 0x1357_9BDF_2468_ACE0)
        var values = ["", " ", "a", " a  b ", "a\tb\nc", "a\r\nb", " \u{301}a", "é b"]
        for _ in 0..<2000 {
            var value = ""
            for _ in 0..<random.next(8) {
                value += random.element(of: pieces)
            }
            values.append(value)
        }
        for value in values {
            let expected = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            #expect(HTMLTree.classNames(value) == expected, "\(value.debugDescription)")
        }
    }

    @Test func asciiLowercasedIfNeededIsLowercased() {
        let names = ["", "entry-content", "Entry-Content", "wp-block-group__inner-container", "ÉVÉNEMENT", "événement",
                     "\u{212A}elvin", "\u{130}stanbul", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "[]@`{", "x\u{0}y"]
            + Self.randomNames(count: 400)
        for name in names {
            #expect(name.asciiLowercasedIfNeeded() == name.lowercased(), "\(name)")
        }
    }
}
