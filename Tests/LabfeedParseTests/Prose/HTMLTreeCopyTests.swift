// HTMLTree's copy of a page: every element's children (text, line breaks, elements, in order)
// must be what the node-by-node reading of libxml2's tree gives (`children`, `leafText`,
// `name`): the copy walks each element's children in one call and gathers their lists on one
// stack whose spare slots it overwrites. Hand-written and random pages, deep nesting included.

import LabfeedMarkup
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct HTMLTreeCopyTests {
    private enum Expected {
        case text(String)
        case lineBreak
        case element(String, MarkupNode)
    }

    /// The children the copy must list for `node`, read through the slow per-node API.
    private func expectedChildren(_ node: MarkupNode) -> [Expected] {
        var expected: [Expected] = []
        for child in node.children {
            if let text = child.leafText {
                if !text.isEmpty { expected.append(.text(text)) }
                continue
            }
            guard child.kind == .element else { continue }
            let name = child.name.lowercased()
            if name == "br" {
                expected.append(.lineBreak)
            } else if name != "title" && name != "head" && !HTMLTree.skipped.contains(name) {
                expected.append(.element(name, child))
            }
        }
        return expected
    }

    /// Compares element `index` of the copy with `node`, then their element children in turn;
    /// returns how many elements were compared.
    @discardableResult
    private func expectSame(_ tree: HTMLTree, _ index: Int, _ node: MarkupNode, _ label: String) -> Int {
        let expected = expectedChildren(node)
        let actual = Array(tree.children(of: index))
        #expect(actual.count == expected.count, "\(label): children of <\(tree.elements[index].tagName)> #\(index)")
        guard actual.count == expected.count else { return 1 }
        var compared = 1
        for (have, want) in zip(actual, expected) {
            switch (have, want) {
            case (.text(let span), .text(let text)):
                #expect(tree.text(span) == text, "\(label)")
            case (.lineBreak, .lineBreak):
                break
            case (.element(let e), .element(let name, let child)):
                #expect(tree.elements[e].tagName == name, "\(label)")
                #expect(tree.elements[e].parent == index, "\(label)")
                compared += expectSame(tree, e, child, label)
            default:
                Issue.record("\(label): \(have) where \(want) was expected under #\(index)")
            }
        }
        return compared
    }

    private func check(_ html: String, _ label: String) throws -> Int {
        let document = try MarkupDocument.html(Array(html.utf8), charset: "UTF-8")
        let tree = HTMLTree(document: document)
        let root = try #require(document.root)
        return expectSame(tree, 0, root, label)
    }

    @Test func childrenAreTheNodesChildren() throws {
        let html = """
            <html><head><title>T</title><meta name="d" content="c"></head><body><div class="a b">avant<p>Le 8&nbsp;novembre
            <b>atelier</b><br>suite<!-- c --><script>x</script></p><ul><li>un<li>deux</ul><X-Custom>z</X-Custom>
            <table><tr><td>1<td>2</table><img src=a>fin</div></body></html>
            """
        #expect(try check(html, "hand") >= 12)
    }

    @Test func deepAndWideTreesKeepEachElementsChildren() throws {
        // Nesting returns to a shallower level many times: the stack's spare slots are reused.
        var html = "<html><body>"
        for i in 0..<40 { html += "<div>\(i)<span>a</span>" + String(repeating: "<i>x<b>y</b>", count: i % 5) }
        html += String(repeating: "</div>tail", count: 40) + "</body></html>"
        #expect(try check(html, "deep") >= 100)
    }

    @Test func randomPagesMatchTheNodeByNodeReading() throws {
        var generator = Xorshift64(seed: 0x7EE0_0018_0000_0001)  // fixed, so a failure reproduces
        let pieces = ["<div>", "</div>", "<p class=x>", "</p>", "text ", "caf\u{E9} ", "&amp;", "<!-- c -->", "<br>",
                      "<img src=a>", "<Span>", "</span>", "<b>", "</b>", "<x-custom>", "</x-custom>", "<script>s</script>",
                      "<ul><li>", "</li>", "<title>t</title>", "<table><tr><td>", "</td></tr></table>", " \n\t "]
        for round in 0..<40 {
            var html = "<html><body>"
            for _ in 0..<Int.random(in: 1...160, using: &generator) { html += pieces.randomElement(using: &generator)! }
            _ = try check(html, "round \(round): \(html)")
        }
    }
}
