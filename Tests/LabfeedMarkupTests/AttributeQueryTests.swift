// AttributeQuery: several attributes read in one walk must give exactly what attribute(_:)
// gives name by name (entities, empty values, absent names, upper-case HTML names, XML), and
// the walk by first-byte table must give what the walk testing each name gives (its reference).

@testable import LabfeedMarkup
import LabfeedTestSupport
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

    /// A node without queryable attributes (`hasQueryableAttributes` false: the prose tree then
    /// skips the query) gives nil for every name, on HTML pages (elements with and without
    /// attributes, text, comments) and on XML with DTD defaults (always asked there).
    @Test func nodesWithoutQueryableAttributesGiveNoValue() throws {
        let html = """
            <!DOCTYPE html><html><head><title>t</title></head><body><div><p>a<b class="x">b</b><!-- c --></p>
            <a href="/y" id="z">y</a><span>s</span><br><img src="i.png"></div></body></html>
            """
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ATTLIST e lang CDATA "fr">]>
            <r><e/><e id="1">t</e><f/></r>
            """
        let documents = [try MarkupDocument.html(Array(html.utf8)), try MarkupDocument.xml(Array(xml.utf8))]
        var skipped = 0
        for doc in documents {
            var nodes: [MarkupNode] = []
            var pending = doc.root.map { [$0] } ?? []
            while let node = pending.popLast() {
                nodes.append(node)
                pending += node.children
            }
            #expect(nodes.count > 3)
            for node in nodes {
                let values = node.attributes(query)
                if !node.hasQueryableAttributes {
                    skipped += 1
                    #expect(values.allSatisfy { $0 == nil }, "\(node.name)")
                } else if doc.syntax == .html {
                    #expect(node.isElement && !node.attributes.isEmpty, "\(node.name)")
                }
            }
            // Every element of the XML document is asked (its DTD may give a default).
            if doc.syntax == .xml {
                let asked = nodes.filter { $0.isElement }.allSatisfy { $0.hasQueryableAttributes }
                #expect(asked)
            }
        }
        #expect(skipped > 6)
    }

    /// A value handed over as bytes (`bytesOf:`, the prose tree's class) is the value the String
    /// query gives, decoded from them; every other slot is the same and that slot nil; the bytes
    /// are handed over exactly when the value is not nil. HTML (entities, empty values, bare
    /// names, duplicates, invalid UTF-8, a 70-name query) and XML (DTD defaults, namespaces).
    @Test func aValueHandedOverAsBytesIsTheStringsValue() throws {
        var random = Xorshift64(seed: 0xA77B_0000_0000_0029)
        let names = ["id", "class", "href", "title", "lang", "c", "x"]
        let big = AttributeQuery((0..<70).map { "a\($0)" } + ["id", "class"])
        var documents: [MarkupDocument] = [try MarkupDocument.xml(Array("""
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ATTLIST e class CDATA "d e" lang CDATA "fr"><!ENTITY amp2 "&#38;">]>
            <r xmlns:x="urn:x"><e id="1" x:class="ns" class="plain &amp2; b"/><e x:class="only-ns"/><e title="t"/><f/></r>
            """.utf8))]
        for _ in 0..<60 {
            var body: [UInt8] = Array("<html><body>".utf8)
            for _ in 0..<(1 + random.next(8)) {
                var attributes = ""
                for _ in 0..<random.next(6) {
                    let name = random.next(6) == 0 ? "a\(random.next(72))" : random.element(of: names)
                    attributes += random.next(6) == 0 ? " \(name)" : " \(name)=\"v\(random.next(100)) &amp; \u{E9}t\u{E9}\""
                }
                body += Array("<div\(attributes)>x</div><p class=\"".utf8) + [0x61, 0xE9, 0x20, 0x62] + Array("\">y</p>".utf8)
            }
            documents.append(try MarkupDocument.html(body + Array("</body></html>".utf8)))
        }
        var handed = 0
        for doc in documents {
            for element in try doc.select("//*") {
                for q in [query, big] {
                    let all = element.attributes(q)
                    for slot in [1, 0, q.count - 1] {
                        var values: [String?] = ["stale"]
                        var seen: [String] = []
                        element.attributes(q, into: &values, bytesOf: slot) { seen.append(String(decoding: $0, as: UTF8.self)) }
                        var expected = all
                        expected[slot] = nil
                        #expect(values == expected, "\(element.name) slot \(slot)")
                        #expect(seen == (all[slot].map { [$0] } ?? []), "\(element.name) slot \(slot)")
                        handed += seen.count
                    }
                }
            }
        }
        #expect(handed > 100)
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

    /// The walk through the first-byte table against the walk testing each name's first byte
    /// (`attributesByNames`, the reference) on random HTML elements, for queries whose names
    /// share first bytes, repeat a name, hold an empty name, and for one of 70 names (past the
    /// table's 64, so it takes the reference walk itself).
    @Test func firstByteTableMatchesTheWalkByNames() throws {
        var random = Xorshift64(seed: 0xA77B_0000_0000_0001)
        let attributeNames = ["id", "class", "href", "title", "lang", "role", "rel", "data-x", "datetime", "content", "name",
                              "itemprop", "property", "style", "hreflang", "i", "c", "x"]
        let queries = [
            AttributeQuery(["id", "class", "role", "lang", "href", "datetime", "title", "itemprop", "content", "property", "name"]),
            AttributeQuery(["id", "id", "class"]), AttributeQuery(["", "href", "hreflang", "h"]),
            AttributeQuery(["title", "type", "tabindex", "t"]), AttributeQuery((0..<70).map { "a\($0)" } + ["id", "class"]),
        ]
        for round in 0..<200 {
            var body = ""
            for _ in 0..<(1 + random.next(8)) {
                var attributes = ""
                for _ in 0..<random.next(7) {
                    let name = random.next(5) == 0 ? "a\(random.next(72))" : random.element(of: attributeNames)
                    attributes += random.next(6) == 0 ? " \(name)" : " \(name)=\"v\(random.next(100))&amp;é\""
                }
                body += "<div\(attributes)>x</div>"
            }
            let doc = try MarkupDocument.html(Array("<html><body>\(body)</body></html>".utf8))
            for element in try doc.select("//*") {
                for query in queries {
                    var fast: [String?] = []
                    element.attributes(query, into: &fast)
                    var reference = [String?](repeating: nil, count: query.count)
                    element.attributesByNames(query, into: &reference)
                    #expect(fast == reference, "round \(round) \(element.name)")
                }
            }
        }
    }
}
