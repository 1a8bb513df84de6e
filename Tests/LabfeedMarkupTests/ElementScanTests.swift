// elements(matching:): one walk for several element tests must select exactly the nodes, in the
// same order, that each test's XPath selects (names, attributes without namespace, class
// substrings, nesting, comments and doctype, broken markup, XML with namespaces); on HTML, the
// walk by masks must give what trying each element against each test gives (its reference).

@testable import LabfeedMarkup
import LabfeedTestSupport
import Testing

struct ElementScanTests {
    let tests: [ElementTest] = [
        .named("base", with: "href"), .named("meta", with: "content"), .named("title"),
        .named("link", with: "href"), .named("a", with: "href"), .named("script", with: "type"),
        .any(with: "itemscope"), .any(with: "typeof"), .any(with: "id"),
        .any(where: "class", contains: ["h-", "vevent", "vcard", "adr", "geo"]),
    ]

    private func expectSameAsXPath(_ doc: MarkupDocument, _ label: String) throws {
        let scanned = doc.elements(matching: tests)
        #expect(scanned.count == tests.count)
        if doc.syntax == .html { #expect(scanned == doc.elementsTestByTest(matching: tests), "\(label): test by test") }
        for (test, nodes) in zip(tests, scanned) {
            let expected = try doc.select(test.xpath)
            #expect(nodes == expected, "\(label): \(test.xpath)")
        }
    }

    @Test func xpathTextOfEachTest() {
        #expect(ElementTest.named("meta", with: "content").xpath == "/descendant::meta[@content]")
        #expect(ElementTest.named("title").xpath == "/descendant::title")
        #expect(ElementTest.any(with: "typeof").xpath == "/descendant::*[@typeof]")
        #expect(ElementTest.any(where: "class", contains: ["h-", "geo"]).xpath
                == "/descendant::*[contains(@class, 'h-') or contains(@class, 'geo')]")
    }

    @Test func htmlPageMatchesXPath() throws {
        let html = """
            <!DOCTYPE html><!-- a comment --><html lang="fr"><head><base href="/x/"><meta charset="utf-8">
            <meta name="description" content="d"><meta property="og:title" content=""><title>T</title>
            <link rel="alternate" href="/feed.xml"><link rel="icon"><script type="application/ld+json">{}</script>
            <script src="a.js"></script></head><body><div itemscope itemtype="https://schema.org/Event" id="e1">
            <a href="/a">a</a><a name="n">no href</a><p class="h-event vevent"><span class="dt-start">x</span></p>
            <div typeof="Event" class="geography"><a HREF="/b" class="p-adr">b</a></div></div>
            <ul><li class="x&amp;h-y">&eacute;</li><li class="">empty</li><li class=" vcard ">v</li></ul>
            <svg><title>inner</title></svg><p><b><i><a href="#deep">deep</a></i></b></p><title>second</title>
            </body></html><!-- after -->
            """
        let doc = try MarkupDocument.html(Array(html.utf8))
        try expectSameAsXPath(doc, "page")
        let scanned = doc.elements(matching: tests)
        #expect(scanned[4].count == 3)  // a[@href]: /a, /b (upper-case HREF), #deep
        #expect(scanned[9].count == 5)  // h-event, geography, p-adr, x&h-y, vcard
    }

    @Test func brokenMarkupMatchesXPath() throws {
        let html = "<p class=vevent><a href=x><div id=1><table><a href=y typeof=T></td><meta content=c><p itemscope>"
        try expectSameAsXPath(try MarkupDocument.html(Array(html.utf8)), "broken")
    }

    @Test func randomTreesMatchXPath() throws {
        var generator = Xorshift64(seed: 0x0DDB_A115_EED0_0002)  // fixed, so a failure reproduces
        // With names sharing a first byte with the tests' (the scan tries an element only
        // against the named tests of its first byte).
        let names = ["div", "a", "meta", "script", "span", "title", "link", "base", "p", "abbr", "article", "main", "section",
                     "time", "li", "b", "s", "t"]
        let attributes = ["href=\"u\"", "content=\"c\"", "type=\"t\"", "itemscope", "typeof=\"T\"", "id=\"i\"",
                          "class=\"h-card\"", "class=\"x vevent\"", "class=\"plain\"", "class=\"adr\"", "lang=\"fr\""]
        for round in 0..<40 {
            var html = "<html><body>"
            var open: [String] = []
            for _ in 0..<Int.random(in: 5...120, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where !open.isEmpty:
                    html += "</\(open.removeLast())>"
                case 1:
                    html += "text <!-- c --> "
                default:
                    let name = names.randomElement(using: &generator)!
                    let attrs = (0..<Int.random(in: 0...3, using: &generator)).map { _ in attributes.randomElement(using: &generator)! }
                    html += "<\(name) \(attrs.joined(separator: " "))>"
                    open.append(name)
                }
            }
            try expectSameAsXPath(try MarkupDocument.html(Array(html.utf8)), "round \(round): \(html)")
        }
    }

    @Test func moreThanSixtyFourTestsAreTriedOneByOne() throws {
        let html = "<html><body><a href=x id=1>a</a><div typeof=T class=vevent>d</div><meta content=c></body></html>"
        let doc = try MarkupDocument.html(Array(html.utf8))
        let many = (0..<70).map { tests[$0 % tests.count] }
        let scanned = doc.elements(matching: many)
        #expect(scanned.count == 70)
        for (test, nodes) in zip(many, scanned) { #expect(nodes == (try doc.select(test.xpath))) }
        #expect(scanned[4].count == 1)
    }

    @Test func xmlDocumentsUseXPathNamespaces() throws {
        let xml = """
            <html xmlns="http://www.w3.org/1999/xhtml"><head><meta content="c"/><title>T</title></head>
            <body><a href="x">in the XHTML namespace</a><other xmlns="" typeof="T"><a href="y" class="h-entry">no namespace</a></other></body></html>
            """
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        try expectSameAsXPath(doc, "xml")
        let scanned = doc.elements(matching: tests)
        #expect(scanned[4].count == 1)  // only the a without namespace matches the name test
        #expect(scanned[7].count == 1)
    }
}
