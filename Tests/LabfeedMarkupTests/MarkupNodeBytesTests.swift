// MarkupNode+Bytes: `leafText` must give what `text` gives for every text, CDATA and entity
// node (HTML and XML, entities, invalid bytes repaired), nil for the rest; `appendLeafText`
// must append exactly the UTF-8 of `leafText` (true) or nothing (false); `withLeafBytes` must
// hand the bytes `leafText` decodes (nil for the rest); `forEachChild` must visit what
// `children` lists, in order.

import LabfeedMarkup
import Testing

struct MarkupNodeBytesTests {
    /// Every node of the document below `node`, in document order.
    private func allNodes(_ node: MarkupNode) -> [MarkupNode] {
        [node] + node.children.flatMap(allNodes)
    }

    private func expectLeafTextMatchesText(_ doc: MarkupDocument, leaves expected: Int = 4) throws {
        let root = try #require(doc.root)
        var leaves = 0
        for node in allNodes(root) {
            switch node.kind {
            case .text, .cdata, .entityReference:
                leaves += 1
                #expect(node.leafText == node.text, "\(node.kind) \(node.text.debugDescription)")
            default:
                #expect(node.leafText == nil, "\(node.kind) \(node.name)")
            }
            // Appended after bytes already there, which stay as they were.
            var bytes: [UInt8] = [0x41]
            let isLeaf = node.appendLeafText(to: &bytes)
            #expect(isLeaf == (node.leafText != nil))
            #expect(bytes == [0x41] + Array((node.leafText ?? "").utf8), "\(node.kind) \(node.text.debugDescription)")
            // The raw bytes, decoded, are `leafText`; nil for the same nodes.
            let raw = node.withLeafBytes { String(decoding: $0, as: UTF8.self) }
            #expect(raw == node.leafText, "\(node.kind) \(node.text.debugDescription)")
        }
        #expect(leaves >= expected)
    }

    @Test func htmlTextNodesReadAsText() throws {
        let html = """
            <html><body><p>Le 8 novembre&nbsp;: atelier &eacute;t&eacute; &amp; <b>design</b></p>
            <!-- a comment --><p>caf\u{E9} \u{1F600}</p><script>var a = "<b>";</script><br><p></p></body></html>
            """
        try expectLeafTextMatchesText(try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"))
    }

    @Test func xmlCDATAAndEntitiesReadAsText() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY lab "Lab &#233;t&#233;"><!ENTITY tag "<b>x</b>">]>
            <r><a>one &lab; two</a><b><![CDATA[<p>raw</p>]]></b><c>&tag;</c><d>tail</d></r>
            """
        try expectLeafTextMatchesText(try MarkupDocument.xml(Array(xml.utf8)))
    }

    @Test func invalidBytesAreRepairedAsTextRepairsThem() throws {
        // Declared UTF-8 but holding a Latin-1 byte: whatever libxml2 keeps, both reads agree.
        var bytes = Array("<html><body><p>caf".utf8)
        bytes += [0xE9, 0x20, 0xFF]
        bytes += Array(" fin</p></body></html>".utf8)
        try expectLeafTextMatchesText(try MarkupDocument.html(bytes, charset: "UTF-8"), leaves: 1)
    }

    @Test func forEachChildVisitsTheChildrenInOrder() throws {
        let doc = try MarkupDocument.html(Array("<html><body><p>a<b>b</b>c<!--d--><i>e</i></p><p></p></body></html>".utf8))
        for node in allNodes(try #require(doc.root)) {
            var visited: [MarkupNode] = []
            node.forEachChild { visited.append($0) }
            #expect(visited == node.children)
        }
    }
}
