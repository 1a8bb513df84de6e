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
}
