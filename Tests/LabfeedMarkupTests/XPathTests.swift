import LabfeedMarkup
import Testing

struct XPathTests {
    let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:example:x">
          <title>LaBase</title>
          <entry><title>Journée nationale des Labs</title><x:place>Paris</x:place></entry>
          <entry><title>Mois de l'innovation publique</title></entry>
        </feed>
        """

    @Test func queriesWithoutNamespacesOnHTML() throws {
        let doc = try MarkupDocument.html(Array("<div class='ev'><h2>Un</h2></div><div class='ev'><h2>Deux</h2></div>".utf8))
        #expect(try doc.select("//div[@class='ev']/h2").map(\.text) == ["Un", "Deux"])
        #expect(try doc.evaluate("count(//div)").stringValue == "2")
    }

    @Test func defaultNamespaceNeedsAPrefix() throws {
        let doc = try MarkupDocument.xml(Array(atom.utf8))
        #expect(try doc.select("//entry").isEmpty)
        #expect(try doc.select("//atom:entry").count == 2)
        #expect(try doc.select("//a:entry/a:title", namespaces: ["a": "http://www.w3.org/2005/Atom"]).map(\.text)
            == ["Journée nationale des Labs", "Mois de l'innovation publique"])
    }

    @Test func customNamespacesAndRelativeQueries() throws {
        let doc = try MarkupDocument.xml(Array(atom.utf8))
        let first = try #require(try doc.select("//atom:entry").first)
        #expect(try first.select("x:place", namespaces: ["x": "urn:example:x"]).map(\.text) == ["Paris"])
        #expect(first.firstChild("place", namespace: "urn:example:x")?.namespacePrefix == "x")
        #expect(first.children("title").count == 1)
    }

    @Test func textOfNestedNodesConcatenatesInDocumentOrderAndKeepsCDATA() throws {
        let xml = "<r><p>Le <b>8 <i>novembre</i></b> à <![CDATA[<Limoges>]]><!-- pas ceci --></p></r>"
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        #expect(try doc.select("//p").first?.text == "Le 8 novembre à <Limoges>")
    }

    @Test func attributesAndBase() throws {
        let xml = "<feed xml:base='https://lab.example/blog/' xml:lang='fr'><link href='a.html' rel='alternate'/></feed>"
        let doc = try MarkupDocument.xml(Array(xml.utf8), url: "https://lab.example/feed.xml")
        let link = try #require(try doc.select("//link").first)
        #expect(link.attribute("href") == "a.html")
        #expect(link.attribute("missing") == nil)
        #expect(link.attributes.map(\.name) == ["href", "rel"])
        #expect(link.baseURL == "https://lab.example/blog/")
        #expect(link.language == "fr")
    }

    @Test func invalidExpressionsAreReportedNotCrashing() throws {
        let doc = try MarkupDocument.html(Array("<p>x</p>".utf8))
        #expect(throws: MarkupError.self) { try doc.select("//p[") }
        #expect(XPath.problem(in: "//div[@class='x']") == nil)
        #expect(XPath.problem(in: "//div[") != nil)
        #expect(XPath.problem(in: "///") != nil)
    }
}
