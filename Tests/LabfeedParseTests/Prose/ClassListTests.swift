// The page-wide list of class names (branch pageperf14) against the array per element it
// replaces: `HTMLTree.appendClassNames` against `HTMLTree.classNames` (the reference, itself
// tested against the Characters' split) on hand-picked and pseudo-random values, and each
// element's `classes(of:)` in a parsed page against the reference of its class attribute.

import LabfeedMarkup
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct ClassListTests {
    static let pieces = ["", " ", "  ", "\t", "\n", "\r", "\r\n", "a", "entry-content", "post", "é", "caf\u{E9}", "e\u{301}",
                         "\u{A0}", "\u{3000}", "日本", "x_y", "agenda-item", "published", "very-long-class-name-for-a-widget"]

    static var values: [String] {
        var random = Xorshift64(seed: 0x5EED_C1A5_0014_0001)
        var values = pieces
        for _ in 0..<3_000 {
            var value = ""
            for _ in 0..<random.next(8) { value += random.element(of: pieces) }
            values.append(value)
        }
        return values
    }

    @Test func appendedNamesAreTheReferenceSplit() {
        var list = ["before"]
        for value in Self.values {
            let start = list.count
            HTMLTree.appendClassNames(value, to: &list)
            let reference = HTMLTree.classNames(value)
            #expect(Array(list[start...]) == reference, "\(value.debugDescription)")
            #expect(reference == value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init), "\(value.debugDescription)")
        }
        #expect(list.first == "before")
    }

    /// The split from an attribute's bytes (what the tree copy reads) is the reference split of
    /// the String they decode to, on the values above and on random bytes (invalid UTF-8, carriage
    /// returns and separators included).
    @Test func namesFromBytesAreTheSplitOfTheirString() {
        var random = Xorshift64(seed: 0x5EED_C1A5_0029_0001)
        var inputs = Self.values.map { Array($0.utf8) }
        let bytes: [UInt8] = [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x61, 0x62, 0x2D, 0x41, 0xC3, 0xA9, 0x80, 0xFF, 0xE2, 0x80, 0xA8]
        for _ in 0..<3_000 { inputs.append((0..<random.next(20)).map { _ in random.element(of: bytes) }) }
        for input in inputs {
            var fromBytes = ["before"]
            input.withUnsafeBufferPointer { HTMLTree.appendClassNames($0, to: &fromBytes) }
            #expect(fromBytes == ["before"] + HTMLTree.classNames(String(decoding: input, as: UTF8.self)), "\(input)")
        }
    }

    @Test func eachElementHasItsAttributesClasses() throws {
        var random = Xorshift64(seed: 0x5EED_C1A5_0014_0002)
        // Values libxml2 keeps as written (no markup characters), nested and side by side,
        // with elements without a class between them.
        let simple = ["a", "entry-content", "post  card", " lieu\tville ", "caf\u{E9} x", "", "agenda-item published", "日本 x"]
        for _ in 0..<40 {
            var html = "<html><body>"
            var expected: [[String]] = []
            for _ in 0..<(1 + random.next(30)) {
                if random.next(3) == 0 {
                    html += "<div>t</div>"
                    expected.append([])
                } else {
                    let value = random.element(of: simple)
                    html += "<div class=\"\(value)\"><span>t</span></div>"
                    expected.append(HTMLTree.classNames(value))
                }
            }
            html += "</body></html>"
            let document = try MarkupDocument.html(Array(html.utf8), charset: "UTF-8")
            let tree = HTMLTree(document: document)
            let divs = tree.elements.indices.filter { tree.elements[$0].tag == .div }
            #expect(divs.map { Array(tree.classes(of: $0)) } == expected)
            // The keys are the names as the rules lower-cased them, name by name.
            for i in tree.elements.indices {
                #expect(Array(tree.classKeys(of: i)) == tree.classes(of: i).map { $0.asciiLowercasedIfNeeded() })
            }
            // Elements without a class attribute have none, and the ranges tile the list.
            var next = 0
            for i in tree.elements.indices {
                #expect(Int(tree.elements[i].classStart) == next)
                next = Int(tree.elements[i].classEnd)
            }
            #expect(next == tree.classList.count)
        }
    }

    @Test func separatorTestOnBytesIsTheViewsTest() {
        for value in Self.values + ["a-b", "a_b", "-", "_", "é-", "x\u{2010}y", "x\u{FE58}y"] {
            #expect(HTMLBlockBuilder.hasSeparator(value) == value.utf8.contains { $0 == 0x2D || $0 == 0x5F }, "\(value.debugDescription)")
        }
    }

    @Test func upperCaseClassesAreKeyedLowerCase() throws {
        let html = "<html><body><div class=\"Entry-Content SIDEBAR caf\u{C9} ok\">t</div></body></html>"
        let tree = HTMLTree(document: try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"))
        let div = try #require(tree.elements.indices.first { tree.elements[$0].tag == .div })
        #expect(Array(tree.classes(of: div)) == ["Entry-Content", "SIDEBAR", "caf\u{C9}", "ok"])
        #expect(Array(tree.classKeys(of: div)) == ["entry-content", "sidebar", "caf\u{E9}", "ok"])
    }

    @Test func labelsNameTheFirstClass() throws {
        let html = "<html><body><div id=\"page\"><main class=\"  site-main  big\"><p class=\"x\">t</p></main></div></body></html>"
        let tree = HTMLTree(document: try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"))
        let p = try #require(tree.elements.indices.first { tree.elements[$0].tag == .p })
        #expect(tree.path(of: p) == "body > div#page > main.site-main > p.x")
    }
}
