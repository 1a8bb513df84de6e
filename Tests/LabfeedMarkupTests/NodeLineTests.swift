// `MarkupNode.line` reads an element's line from the node when it fits libxml2's 16-bit field,
// and asks `xmlGetLineNo` otherwise: against `xmlGetLineNo` for every node of HTML and XML
// documents, short and past line 65,535 (where libxml2 stores 65,535 and finds the line
// elsewhere, or gives 65,535).

@testable import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct NodeLineTests {
    /// Every node under the document's root, depth first.
    private static func allNodes(_ doc: MarkupDocument) -> [MarkupNode] {
        var nodes: [MarkupNode] = []
        var pending = doc.root.map { [$0] } ?? []
        while let node = pending.popLast() {
            nodes.append(node)
            pending += node.children
        }
        return nodes
    }

    private static func expectLinesMatch(_ doc: MarkupDocument) {
        let nodes = allNodes(doc)
        #expect(nodes.count >= 2)
        for node in nodes {
            #expect(node.line == node.lineByLibxml2, "\(node.name) \(node.kind)")
        }
    }

    @Test func shortPagesGiveLibxml2sLines() throws {
        var random = Xorshift64(seed: 0x11E5_0F_BA6E)
        for _ in 0..<20 {
            var html = "<html><body>"
            for _ in 0..<random.next(40) {
                let tag = random.element(of: ["p", "div", "span", "a", "li", "br"])
                html += "<\(tag)>" + String(repeating: "\n", count: random.next(4)) + "text</\(tag)>"
                if random.next(2) == 0 { html += "<!-- c -->\n" }
            }
            html += "</body></html>"
            Self.expectLinesMatch(try MarkupDocument.html(Array(html.utf8)))
            Self.expectLinesMatch(try MarkupDocument.xml(Array(("<r>" + html + "</r>").utf8)))
        }
    }

    @Test func linesPastSixtyFiveThousandGiveLibxml2sLines() throws {
        // Elements before and after line 65,535, with and without children on their own line.
        var html = "<html><body><div>\n"
        for k in 0..<70_000 {
            html += k % 5_000 == 0 ? "<p>a<b>\nb</b></p><i></i>\n" : "\n"
        }
        html += "<p>last</p><span></span></div></body></html>"
        let doc = try MarkupDocument.html(Array(html.utf8))
        Self.expectLinesMatch(doc)
        #expect(Self.allNodes(doc).contains { $0.isElement && $0.lineByLibxml2 > 65_535 || $0.lineByLibxml2 == 65_535 })
        Self.expectLinesMatch(try MarkupDocument.xml(Array(("<r>" + html + "</r>").utf8)))
    }
}
