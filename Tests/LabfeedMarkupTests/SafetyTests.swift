import LabfeedMarkup
import Testing

/// Documents that try to make the parser read files or expand without bound.
struct SafetyTests {
    @Test func externalEntityIsNeverRead() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <rss><title>avant &x; après</title></rss>
            """
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        let text = try doc.select("//title").first?.text ?? ""
        #expect(!text.contains("root:"))
        #expect(text.hasPrefix("avant"))
        #expect(try doc.string("string(//title)").contains("root:") == false)
        #expect(doc.root.map { $0.outerMarkup.contains("root:") } == false)
    }

    @Test func externalEntityInHTMLIsNeverRead() throws {
        let html = "<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><p>a &x; b</p>"
        let doc = try MarkupDocument.html(Array(html.utf8))
        #expect(try doc.select("//p").first?.text.contains("root:") == false)
    }

    @Test func billionLaughsIsNotExpanded() throws {
        var dtd = "<!ENTITY lol \"lol\">"
        var previous = "lol"
        for level in 1...9 {
            let name = "lol\(level)"
            dtd += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
            previous = name
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(dtd)]><lolz><a>&\(previous);</a><b>fin</b></lolz>"
        // Either refused, or parsed with the reference left unexpanded: never a gigabyte of text.
        if let doc = try? MarkupDocument.xml(Array(xml.utf8)) {
            let text = doc.root?.text ?? ""
            #expect(text.utf8.count < 10_000)
            #expect(try doc.string("string(/)").utf8.count < 10_000)
        }
    }

    @Test func quadraticBlowupWithOneLargeEntityStaysSmallInText() throws {
        let big = String(repeating: "x", count: 10_000)
        let refs = String(repeating: "&a;", count: 1_000)
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"\(big)\">]><r>\(refs)</r>"
        if let doc = try? MarkupDocument.xml(Array(xml.utf8)) {
            // Substituting every reference would give 10 MB of text.
            #expect((doc.root?.text.utf8.count ?? 0) <= 10_000_000)
            #expect(doc.diagnosticCount >= 0)
        }
    }
}
