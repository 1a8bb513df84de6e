// MarkupNode+TextBytes: `withTextBytes` must hand over exactly the bytes `text` decodes, for
// every node of XML and HTML documents (single text children read in place, mixed content,
// entities, CDATA, empty elements, ill-formed bytes).

import LabfeedMarkup
import Testing

struct MarkupNodeTextBytesTests {
    /// Every node of the document below `node`, in document order.
    private func allNodes(_ node: MarkupNode) -> [MarkupNode] {
        [node] + node.children.flatMap(allNodes)
    }

    private func expectBytesMatchText(_ doc: MarkupDocument, nodes expected: Int) throws {
        let nodes = allNodes(try #require(doc.root))
        for node in nodes {
            let bytes = node.withTextBytes { Array($0) }
            #expect(String(decoding: bytes, as: UTF8.self) == node.text, "\(node.kind) \(node.name)")
        }
        #expect(nodes.count >= expected)
    }

    @Test func xmlFieldsMixedContentEntitiesAndCDATAGiveTextsBytes() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY lab "Lab &#233;t&#233;"><!ENTITY tag "<b>x</b>">]>
            <r><title>  Atelier\tcaf\u{E9} \u{1F600} </title><empty/><blank></blank>
            <a>one &lab; two</a><b><![CDATA[<p>raw</p>]]></b><c>&tag;</c>
            <d>head <i>in<u>ner</u></i> tail<!-- no --><?pi x?></d><e><![CDATA[x]]> and text</e></r>
            """
        try expectBytesMatchText(try MarkupDocument.xml(Array(xml.utf8)), nodes: 20)
    }

    @Test func htmlNodesGiveTextsBytes() throws {
        let html = """
            <html><body><p>Le 8 novembre&nbsp;: atelier &eacute;t&eacute; &amp; <b>design</b></p>
            <!-- a comment --><p>caf\u{E9}</p><script>var a = "<b>";</script><br><p></p></body></html>
            """
        try expectBytesMatchText(try MarkupDocument.html(Array(html.utf8), charset: "UTF-8"), nodes: 12)
    }

    @Test func illFormedBytesAreHandedOverForTextToRepair() throws {
        var bytes = Array("<html><body><p>caf".utf8)
        bytes += [0xE9, 0x20, 0xFF, 0xE2, 0x80]
        bytes += Array(" fin</p></body></html>".utf8)
        try expectBytesMatchText(try MarkupDocument.html(bytes, charset: "UTF-8"), nodes: 4)
    }
}

/// MarkupNode+Shape against what it stands for: `hasElementChildren` is `!elements.isEmpty`,
/// and where `mayHaveAttributes` is false no attribute lookup finds anything (DTD defaults
/// included).
struct MarkupNodeShapeTests {
    private func allNodes(_ node: MarkupNode) -> [MarkupNode] {
        [node] + node.children.flatMap(allNodes)
    }

    @Test func hasElementChildrenIsElementsNotEmpty() throws {
        let xml = "<r><a/><b>t</b><c>t<d/>u</c><e><!-- x --></e><f><![CDATA[y]]></f></r>"
        let nodes = allNodes(try #require(try MarkupDocument.xml(Array(xml.utf8)).root))
        for node in nodes { #expect(node.hasElementChildren == !node.elements.isEmpty, "\(node.name)") }
        #expect(nodes.count >= 10)
    }

    @Test func noAttributeIsFoundWhereNoneMayBe() throws {
        let plain = "<r xml:base=\"http://a.example/\"><a/><b xml:lang=\"fr\" id=\"1\"/></r>"
        let nodes = allNodes(try #require(try MarkupDocument.xml(Array(plain.utf8)).root))
        #expect(nodes.map(\.mayHaveAttributes) == [true, false, true])
        for node in nodes where !node.mayHaveAttributes {
            #expect(node.attribute("base", namespace: "http://www.w3.org/XML/1998/namespace") == nil)
            #expect(node.attribute("id") == nil)
        }
        // A DTD default: the element has no attribute written, yet libxml2's lookup finds one.
        let withDTD = """
            <?xml version="1.0"?><!DOCTYPE r [<!ATTLIST a kind CDATA "event">]><r><a/></r>
            """
        let a = try #require(try MarkupDocument.xml(Array(withDTD.utf8)).root?.elements.first)
        #expect(a.mayHaveAttributes)
    }
}
