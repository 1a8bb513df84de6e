import LabfeedMarkup
import Testing

struct MarkupDocumentTests {
    @Test func htmlWithBrokenNestingParses() throws {
        let html = "<html><body><div><p>Atelier <b>co-design<i> le 8</b> novembre</i></p><p>Second</div></body></html>"
        let doc = try MarkupDocument.html(Array(html.utf8))
        let paragraphs = try doc.select("//p")
        #expect(paragraphs.count == 2)
        #expect(paragraphs[0].text.contains("Atelier co-design le 8"))
        #expect(paragraphs[1].text == "Second")
        #expect(doc.diagnosticCount > 0)
    }

    @Test func byteCountIsTheInputsSizeEvenWhenReadAgain() throws {
        let html = Array("<html><body><p>caf\u{E9}</p></body></html>".utf8)
        #expect(try MarkupDocument.html(html).byteCount == html.count)
        // Declared UTF-8 but not: read again as windows-1252, still the input's size.
        let latin1 = Array("<html><head><meta charset=utf-8></head><body><p>caf".utf8) + [0xE9] + Array("</p></body></html>".utf8)
        let document = try MarkupDocument.html(latin1)
        #expect(document.charset.encoding == "windows-1252")
        #expect(document.byteCount == latin1.count)
        #expect(try MarkupDocument.xml(Array("<r>x</r>".utf8)).byteCount == 8)
    }

    @Test func unclosedTagsAndStrayEndTagsStillGiveTheText() throws {
        let html = "<ul><li>Un<li>Deux</span><li>Trois</ul>"
        let doc = try MarkupDocument.html(Array(html.utf8))
        let items = try doc.select("//li").map(\.text)
        #expect(items == ["Un", "Deux", "Trois"])
    }

    @Test func emptyInputIsRefused() {
        #expect(throws: MarkupError.self) { try MarkupDocument.xml(Array("  \n ".utf8)) }
        #expect(throws: MarkupError.self) { try MarkupDocument.html([]) }
    }

    @Test func recoverModeKeepsWhatFollowsAnUnescapedAmpersandAndReportsWhere() throws {
        let xml = """
            <?xml version="1.0"?>
            <rss><channel>
            <item><title>Ateliers & tables rondes</title></item>
            <item><title>Second</title></item>
            </channel></rss>
            """
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        let titles = try doc.select("//item/title").map(\.text)
        #expect(titles.count == 2)
        #expect(titles.last == "Second")
        let diagnostic = try #require(doc.diagnostics.first)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.column > 0)
    }

    @Test func truncatedXMLKeepsTheCompleteItems() throws {
        let xml = "<rss><channel><item><title>Un</title></item><item><title>Deu"
        let doc = try MarkupDocument.xml(Array(xml.utf8))
        #expect(try doc.select("//item").count == 2)
        #expect(try doc.string("string(//item[1]/title)") == "Un")
        #expect(doc.diagnostics.contains { $0.level == .fatal || $0.level == .error })
    }
}
