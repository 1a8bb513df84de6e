// MarkupNode.childElements and attributeValue are the feed readers' shortcuts for `elements`
// and `attribute(_:)`: on the same nodes they must give the same answers, DTDs, namespaced
// attributes, entity references and HTML included.

import LabfeedMarkup
import Testing

struct ElementListTests {
    static let xml = """
        <?xml version="1.0"?>
        <rss xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="urn:x" version="2.0">
          <channel><!-- c --><title>T</title>text<![CDATA[cd]]>
            <item x:rel="ns-first" rel="plain" href="h&amp;i" type=""><a:link x:href="only-ns" rel="alternate"/>
              <enclosure url="https://e.example/a b.mp3" length="12" x:url="x" x:length="1"/>
              <guid isPermaLink="false">g</guid><empty/>
            </item>
            <item/>
          </channel>
        </rss>
        """

    static let withDTD = """
        <?xml version="1.0"?>
        <!DOCTYPE rss [<!ATTLIST link rel CDATA "alternate"><!ENTITY e "entity text">]>
        <rss><link href="a"/><link rel="self" href="&e;"/><guid isPermaLink="&e;x">g</guid></rss>
        """

    static let names: [StaticString] = ["rel", "href", "type", "url", "length", "isPermaLink", "version", "missing", "", "x:rel"]

    private func check(_ doc: MarkupDocument) throws -> Int {
        var compared = 0
        for node in try doc.select("//node()") {
            #expect(node.childElements.map(\.line) == node.elements.map(\.line))
            #expect(node.childElements.map(\.name) == node.elements.map(\.name))
            for name in Self.names {
                #expect(node.attributeValue(name) == node.attribute(name.description), "\(node.name) \(name)")
                compared += 1
            }
        }
        return compared
    }

    @Test func childElementsAndAttributeValuesMatchTheGeneralCalls() throws {
        let doc = try MarkupDocument.xml(Array(Self.xml.utf8))
        #expect(try check(doc) > 100)
        let item = try #require(doc.select("//item").first)
        #expect(item.attributeValue("rel") == "plain")  // the one in no namespace wins
        #expect(item.attributeValue("href") == "h&i")
        #expect(item.attributeValue("type") == "")
        let link = try #require(item.childElements.first)
        #expect(link.attributeValue("href") == "only-ns")  // else the namespaced one
        #expect(item.childElements.count == 4)
    }

    @Test func documentsWithADTDOrHTMLGiveTheSameValues() throws {
        let dtd = try MarkupDocument.xml(Array(Self.withDTD.utf8))
        #expect(try check(dtd) > 20)
        let links = try dtd.select("//link")
        #expect(links.first?.attributeValue("rel") == "alternate")  // the DTD's default
        #expect(links.last?.attributeValue("href") == links.last?.attribute("href"))
        let html = try MarkupDocument.html(Array(#"<!doctype html><p ID="a" class=b><a HREF="/x">x</a></p>"#.utf8))
        #expect(try check(html) > 10)
    }
}
