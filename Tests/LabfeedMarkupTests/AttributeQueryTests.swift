// AttributeQuery: several attributes read in one walk must give exactly what attribute(_:)
// gives name by name (entities, empty values, absent names, upper-case HTML names, XML).

import LabfeedMarkup
import Testing

struct AttributeQueryTests {
    let query = AttributeQuery(["id", "class", "href", "title", "lang", "missing"])

    /// Every element of the document, in document order.
    private func allElements(_ doc: MarkupDocument) throws -> [MarkupNode] {
        try doc.select("//*")
    }

    private func expectSameAsOneByOne(_ doc: MarkupDocument) throws {
        let names = ["id", "class", "href", "title", "lang", "missing"]
        let elements = try allElements(doc)
        #expect(elements.count > 3)
        // One buffer reused across elements, as the prose tree does: the same values.
        var reused: [String?] = ["stale", nil, "stale"]
        for element in elements {
            let batch = element.attributes(query)
            element.attributes(query, into: &reused)
            #expect(reused == batch)
            #expect(batch.count == names.count)
            for (i, name) in names.enumerated() {
                #expect(batch[i] == element.attribute(name), "\(element.name) @\(name)")
            }
        }
    }

    @Test func htmlValuesMatchSingleLookups() throws {
        let html = """
            <html lang="fr"><body><div ID="Main" class=" a  b " TITLE="x &amp; y &eacute;t&eacute;">
            <a href="/p?a=1&amp;b=2" title="">lien</a><p id="">vide</p><span class>nu</span>
            <abbr title="2026-11-25">mer.</abbr><a href=x id=one id=two>dup</a></div></body></html>
            """
        let doc = try MarkupDocument.html(Array(html.utf8))
        try expectSameAsOneByOne(doc)
        let div = try #require(try doc.select("//div").first)
        let values = div.attributes(query)
        #expect(values[0] == "Main")
        #expect(values[3] == "x & y été")
        #expect(values[5] == nil)
        let link = try #require(try doc.select("//a").first)
        #expect(link.attributes(query)[2] == "/p?a=1&b=2")
        #expect(link.attributes(query)[3] == "")
    }

    @Test func xmlValuesMatchSingleLookupsIncludingDTDDefaults() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ATTLIST e lang CDATA "fr">]>
            <r xmlns:x="urn:x"><e id="1" x:class="ns" class="plain"/><e x:href="only-ns"/><e title="t"/></r>
            """
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        try expectSameAsOneByOne(doc)
        let first = try #require(try doc.select("//e").first)
        #expect(first.attributes(query)[1] == "plain")
    }

    @Test func nonElementNodesHaveNoAttributes() throws {
        let doc = try MarkupDocument.html(Array("<p id=a>text</p>".utf8))
        let p = try #require(try doc.select("//p").first)
        let text = try #require(p.children.first)
        #expect(text.attributes(query).allSatisfy { $0 == nil })
        var reused: [String?] = Array(repeating: "stale", count: 9)
        text.attributes(query, into: &reused)
        #expect(reused.count == query.count && reused.allSatisfy { $0 == nil })
    }
}
