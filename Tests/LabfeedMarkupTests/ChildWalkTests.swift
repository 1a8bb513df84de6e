// MarkupNode+ChildWalk: `forEachChild(text:element:)` must hand, child by child, exactly what
// the slow path gives (`forEachChild` with `kind`, `withLeafBytes` for text, CDATA and entity
// references, `withLocalNameBytes` for elements; other children skipped), on HTML and XML,
// entities, CDATA, comments, processing instructions and random pages.

import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct ChildWalkTests {
    /// One child as a tree copy reads it.
    private enum Seen: Equatable {
        case text([UInt8])
        case element(MarkupNode, [UInt8])
    }

    /// The reference: the child walk through the per-node questions.
    private func slow(_ node: MarkupNode) -> [Seen] {
        var seen: [Seen] = []
        node.forEachChild { child in
            if let bytes = child.withLeafBytes({ Array($0) }) {
                seen.append(.text(bytes))
            } else if child.kind == .element {
                seen.append(.element(child, child.withLocalNameBytes { Array($0) }))
            }
        }
        return seen
    }

    private func fast(_ node: MarkupNode) -> [Seen] {
        var seen: [Seen] = []
        node.forEachChild(text: { seen.append(.text(Array($0))) }, element: { seen.append(.element($0, Array($1))) })
        return seen
    }

    /// Compares both walks on every node of the document; returns how many children were seen.
    @discardableResult
    private func expectSameWalk(_ doc: MarkupDocument, _ label: String) throws -> Int {
        var pending = [try #require(doc.root)]
        var children = 0
        while let node = pending.popLast() {
            let expected = slow(node)
            #expect(fast(node) == expected, "\(label): <\(node.name)>")
            children += expected.count
            // Into elements only: an entity reference's children are its declaration's, which
            // lead into the DTD (and from one entity to another).
            pending += node.childElements
        }
        return children
    }

    @Test func htmlChildrenMatchThePerNodeReads() throws {
        let html = """
            <html><head><title>T</title></head><body><p>Le 8&nbsp;novembre : <b>atelier</b> &amp; <!-- c -->
            <?pi x?><br><SPAN>caf\u{E9}</SPAN><p></p><script>var a = "<b>";</script></body></html>
            """
        let seen = try expectSameWalk(try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"), "html")
        #expect(seen >= 10)
    }

    @Test func xmlChildrenIncludeCDATAAndEntityReferences() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY lab "Lab &#233;t&#233;"><!ENTITY tag "<b>x</b>"><!ENTITY nested "a &lab; b">]>
            <r xmlns:x="urn:x"><a>one &lab; two &tag; &nested;</a><b><![CDATA[<p>raw</p>]]><!-- c --><?pi y?></b><x:c/><d></d></r>
            """
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        try expectSameWalk(doc, "xml")
        // An entity holding a further reference gives an empty text, as `withLeafBytes` does.
        let a = try #require(doc.root?.childElements.first)
        var texts: [[UInt8]] = []
        a.forEachChild(text: { texts.append(Array($0)) }, element: { _, _ in })
        #expect(texts.contains([]))
        #expect(texts.contains(Array("Lab été".utf8)))
        #expect(texts.contains(Array("<b>x</b>".utf8)))
    }

    @Test func randomPagesMatchThePerNodeReads() throws {
        var generator = Xorshift64(seed: 0xC41D_0018_0000_0001)  // fixed, so a failure reproduces
        let pieces = ["<div>", "</div>", "<p class=x>", "</p>", "text ", "caf\u{E9} ", "&amp;", "&eacute;", "<!-- c -->",
                      "<br>", "<img src=a>", "<Span>", "</span>", "<b>", "</b>", "<?pi?>", "<x-custom>", "</x-custom>",
                      "\u{1F600}", "<table><tr><td>", "</td></tr></table>", " \n\t "]
        for round in 0..<30 {
            var html = "<html><body>"
            for _ in 0..<Int.random(in: 1...150, using: &generator) { html += pieces.randomElement(using: &generator)! }
            try expectSameWalk(try MarkupDocument.html(Array(html.utf8)), "round \(round): \(html)")
        }
    }
}
