// MarkupNode.attribute(_:) reads attributes in place when libxml2 can add no DTD default
// (pageperf12): it must give libxml2's answer (`xmlGetNoNsProp`, then `xmlGetProp`) for every
// node and name, in HTML and XML, with namespaces, repeated names, values without text, entity
// references and DTDs with and without attribute declarations.

@testable import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct AttributeInPlaceTests {
    private static let names = ["href", "HREF", "class", "id", "lang", "xml:lang", "title", "x", "content", "type", "a", "b",
                                "disabled", "data-x", "link", "xlink:href", "xmlns", "", "hr\u{0}ef", "é", "src"]

    /// Every node of `doc` (elements, texts, comments, attributes' owners), depth first.
    private func allNodes(_ node: MarkupNode, into out: inout [MarkupNode]) {
        out.append(node)
        for child in node.children { allNodes(child, into: &out) }
    }

    private func expectSameAnswers(_ doc: MarkupDocument, _ label: String, extraNames: [String] = []) {
        guard let root = doc.root else { Issue.record("no root: \(label)"); return }
        var nodes: [MarkupNode] = []
        allNodes(root, into: &nodes)
        for node in nodes {
            for name in Self.names + extraNames {
                #expect(node.attribute(name) == node.attributeByLibxml2(name), "\(label): <\(node.name)> \(name)")
            }
        }
    }

    @Test func htmlPagesAnswerAsLibxml2() throws {
        let pages = [
            "<html lang=fr><body><a href=\"/a\" HREF=\"/b\" class='c d' title>x</a><input disabled><p id=\"\">t</p></body></html>",
            "<a href=\"/a?x=1&amp;y=2\" title=\"&eacute;t&eacute; &lt;3\" data-x=\"&#233;&#x1F600;\">é</a><!-- c --><svg xlink:href=\"#i\"/>",
            "<!DOCTYPE html><html><head><title>t</title><meta content=\"c\" name=\"n\"></head><body><div class=a class=b>x</div></body></html>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\"><p xml:lang=en lang=fr>y</p>",
            "<p a=1 b=2 a=3 é=4>text<span x=\"\">s</span></p>",
        ]
        for page in pages {
            let doc = try MarkupDocument.html(Array(page.utf8))
            expectSameAnswers(doc, page)
        }
    }

    @Test func xmlDocumentsAnswerAsLibxml2() throws {
        let documents = [
            "<r xmlns:x=\"urn:x\" xmlns:y=\"urn:y\"><e x:href=\"1\" href=\"2\" y:href=\"3\"/><e y:href=\"4\" x:href=\"5\"/><e x:a=\"6\"/></r>",
            "<r><e a=\"&amp;&lt;\" b=\"x &#233; y\" xml:lang=\"fr\">t<![CDATA[c]]></e></r>",
            "<!DOCTYPE r [<!ENTITY e \"ent\">]><r><e a=\"&e;\" b=\"x&e;y\"/></r>",
            "<!DOCTYPE r [<!ELEMENT e ANY><!ATTLIST e a CDATA \"default\" href CDATA #FIXED \"/fixed\">]><r><e/><e a=\"own\"/></r>",
            "<!DOCTYPE r [<!ELEMENT e ANY>]><r><e a=\"1\"/></r>",
            "<r xmlns=\"urn:d\" xmlns:l=\"http://www.w3.org/1999/xlink\"><link l:href=\"h\" href=\"g\"/></r>",
        ]
        for text in documents {
            let doc = try MarkupDocument.xml(Array(text.utf8))
            expectSameAnswers(doc, text)
        }
        // The DTD's default and fixed values still come back (through libxml2).
        let withDefaults = try MarkupDocument.xml(Array(documents[3].utf8))
        #expect(try withDefaults.select("//e").map { $0.attribute("a") } == ["default", "own"])
        #expect(try withDefaults.select("//e").first?.attribute("href") == "/fixed")
    }

    @Test func randomHTMLPagesAnswerAsLibxml2() throws {
        var generator = Xorshift64(seed: 0xA77B_0012_0BAD_CAFE)
        let names = ["href", "class", "id", "title", "x", "a", "HREF", "data-x", "é"]
        let values = ["", "v", "/a?b=1&amp;c=2", "&eacute;", "&#0;", "x y", "&unknown;", "'", "é"]
        for round in 0..<150 {
            var page = "<html><body>"
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                var tag = "<" + ["a", "p", "div", "span", "img", "td"].randomElement(using: &generator)!
                for _ in 0..<Int.random(in: 0...4, using: &generator) {
                    let name = names.randomElement(using: &generator)!
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: tag += " \(name)"
                    case 1: tag += " \(name)='\(values.randomElement(using: &generator)!.replacingQuote())'"
                    default: tag += " \(name)=\"\(values.randomElement(using: &generator)!)\""
                    }
                }
                page += tag + ">t" + (Bool.random(using: &generator) ? "</p>" : "")
            }
            page += "</body></html>"
            let doc = try MarkupDocument.html(Array(page.utf8))
            expectSameAnswers(doc, "random page \(round): \(page)")
        }
    }

    /// `withAttributeBytes(_:_:)` (pageperf22) against `attribute(_:)`: nil when absent, else
    /// the value's UTF-8, for every node of HTML pages (entities, repeated names, namespaces)
    /// and of XML documents whose values libxml2 must give (entity nodes, DTD defaults).
    @Test func attributeBytesAreTheValuesBytes() throws {
        let html = [
            "<html lang=fr><body><a href=\"/a\" HREF=\"/b\" class='c d' title>x</a><p id=\"\">t</p><a>none</a></body></html>",
            "<a href=\"/a?x=1&amp;y=2\" title=\"&eacute;t&eacute; &lt;3\">é</a><svg xlink:href=\"#i\"/><a href=\"webcal://x/é.ics\">c</a>",
        ]
        let xml = [
            "<r xmlns:x=\"urn:x\" xmlns:y=\"urn:y\"><e x:href=\"1\" href=\"2\" y:href=\"3\"/><e y:href=\"4\" x:href=\"5\"/></r>",
            "<!DOCTYPE r [<!ENTITY e \"ent\">]><r><e href=\"&e;\" title=\"x&e;y\"/></r>",
            "<!DOCTYPE r [<!ELEMENT e ANY><!ATTLIST e a CDATA \"default\" href CDATA #FIXED \"/fixed\">]><r><e/><e a=\"own\"/></r>",
        ]
        let documents = try html.map { try MarkupDocument.html(Array($0.utf8)) } + xml.map { try MarkupDocument.xml(Array($0.utf8)) }
        var present = 0
        for doc in documents {
            guard let root = doc.root else { Issue.record("no root"); continue }
            var nodes: [MarkupNode] = []
            allNodes(root, into: &nodes)
            for node in nodes {
                let byName: [(StaticString, String)] = [("href", "href"), ("title", "title"), ("a", "a"), ("class", "class")]
                for (name, string) in byName {
                    let bytes = node.withAttributeBytes(name) { $0.map(Array.init) }
                    #expect(bytes == node.attribute(string).map { Array($0.utf8) }, "<\(node.name)> \(string)")
                    if bytes != nil { present += 1 }
                }
            }
        }
        #expect(present >= 10)
    }
}

private extension String {
    func replacingQuote() -> String { self == "'" ? "\"" : self }
}
