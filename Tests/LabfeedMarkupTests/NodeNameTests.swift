// MarkupNode+Names: names and namespace URIs compared as bytes must agree with `name` and
// `namespaceURI` (prefixes, default namespaces, no namespace, prefixes of longer names).

import LabfeedMarkup
import Testing

struct NodeNameTests {
    static let feed = """
        <rss xmlns:ev="http://purl.org/rss/1.0/modules/event/" xmlns:a="http://www.w3.org/2005/Atom">
          <channel><item>
            <title>T</title><ev:startdate>2026-11-08</ev:startdate><a:link href="x"/>
            <entry xmlns="http://www.w3.org/2005/Atom"><titles/></entry><évènement/>
          </item></channel>
        </rss>
        """

    @Test func localNamesCompareLikeTheirStrings() throws {
        let doc = try MarkupDocument.xml(Array(Self.feed.utf8), url: nil)
        let elements = try doc.select("//*")
        #expect(elements.count == 9)
        for element in elements {
            #expect(element.hasLocalName("title") == (element.name == "title"), "\(element.name)")
            #expect(element.hasLocalName("startdate") == (element.name == "startdate"), "\(element.name)")
            #expect(element.hasLocalName("titl") == false)
            #expect(element.hasLocalName("") == false)
            let bytes = element.withLocalNameBytes { Array($0) }
            #expect(bytes == Array(element.name.utf8))
        }
    }

    @Test func namespaceURIsCompareLikeTheirStrings() throws {
        let doc = try MarkupDocument.xml(Array(Self.feed.utf8), url: nil)
        let atom: StaticString = "http://www.w3.org/2005/Atom"
        for element in try doc.select("//*") {
            #expect(element.hasNamespaceURI(atom) == (element.namespaceURI == "http://www.w3.org/2005/Atom"), "\(element.name)")
            #expect(element.hasNamespaceURI("http://www.w3.org/2005/Ato") == false)
            let bytes = element.withNamespaceURIBytes { $0.map { Array($0) } }
            #expect(bytes == element.namespaceURI.map { Array($0.utf8) }, "\(element.name)")
        }
        let entry = try #require(try doc.select("//*[local-name()='entry']").first)
        #expect(entry.hasNamespaceURI(atom))
        let item = try #require(try doc.select("//item").first)
        #expect(!item.hasNamespaceURI(atom))
        #expect(item.withNamespaceURIBytes { $0 == nil })
    }
}
