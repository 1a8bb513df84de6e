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

    /// The attributes the copy keeps (read in one walk by an `AttributeQuery`) against each
    /// read through `attribute(_:)`: `id`, `lang`, `itemprop`, `role` lower-cased
    /// on every element, `href` on links only, `datetime` on `<time>`, `title` on `<abbr>`, and
    /// the body's `<meta>` contents by `property`, `name` and `itemprop`. Random elements that
    /// write all eleven names, or some, in any order.
    @Test func attributesAreThoseEachElementsTagReads() throws {
        var generator = Xorshift64(seed: 0x7EE0_0022_0000_0001)
        let names = ["id", "class", "role", "lang", "href", "datetime", "title", "itemprop", "content", "property", "name"]
        let tags = ["a", "time", "abbr", "meta", "span", "div", "p", "A", "section"]
        var compared = 0
        for round in 0..<40 {
            var html = "<html><body>"
            for k in 0..<Int.random(in: 1...30, using: &generator) {
                let tag = tags.randomElement(using: &generator)!
                var attributes = ""
                for name in names where Int.random(in: 0..<3, using: &generator) > 0 {
                    attributes += " \(name)=\"\(name == "role" ? "Main" : name)-\(k)\""
                }
                html += tag.lowercased() == "meta" ? "<\(tag)\(attributes)>" : "<\(tag)\(attributes)>x\(k)</\(tag)>"
            }
            html += "</body></html>"
            let document = try MarkupDocument.html(Array(html.utf8), charset: "UTF-8")
            let tree = HTMLTree(document: document)
            let body = try #require(try document.select("//body").first)
            var expectedMeta: [String: String] = [:]
            var e = tree.body + 1
            for node in body.elements {
                let tag = node.name.lowercased()
                if tag == "meta" {
                    if let content = node.attribute("content") {
                        for key in [node.attribute("property"), node.attribute("name"), node.attribute("itemprop")].compactMap({ $0 }) {
                            expectedMeta[key.lowercased()] = content
                        }
                    }
                }
                guard e < tree.elements.count, tree.elements[e].tagName == tag else {
                    Issue.record("round \(round): no element for <\(tag)> at #\(e)")
                    break
                }
                let element = tree.elements[e]
                #expect(element.id == node.attribute("id"), "round \(round) <\(tag)>")
                #expect(element.lang == node.attribute("lang"))
                #expect(element.itemprop == node.attribute("itemprop"))
                #expect(element.role == node.attribute("role")?.lowercased())
                #expect(element.href == (tag == "a" ? node.attribute("href") : nil))
                #expect(element.datetime == (tag == "time" ? node.attribute("datetime") : tag == "abbr" ? node.attribute("title") : nil))
                compared += 1
                e += 1
            }
            #expect(tree.meta == expectedMeta, "round \(round)")
        }
        #expect(compared > 200)
    }
}
