// MarkupDocument.endedEarly: whether libxml2 read an XML document to its end.

import LabfeedMarkup
import Testing

struct EndedEarlyTests {
    @Test func aCompleteDocumentEndsAtItsEnd() throws {
        let doc = try MarkupDocument.xml(Array("<rss><channel><item><title>A</title></item></channel></rss>".utf8))
        #expect(doc.endedEarly == nil)
    }

    @Test func aLocalFaultThatRecoveryStepsOverIsNotAnEarlyEnd() throws {
        let doc = try MarkupDocument.xml(Array("<rss><channel><title>R&D</title><item><title>A</title></item></channel></rss>".utf8))
        #expect(!doc.diagnostics.isEmpty)
        #expect(doc.endedEarly == nil)
    }

    @Test func aDocumentCutInsideAnElementEndedEarly() throws {
        let doc = try MarkupDocument.xml(Array("<rss><channel><item><title>A</title></item><item><title>Cut".utf8))
        let reason = try #require(doc.endedEarly)
        #expect(reason.contains("ends before its elements are closed"))
        #expect(reason.contains("line 1"))
    }

    @Test func aHaltedParseEndedEarly() throws {
        var dtd = "<!DOCTYPE r [<!ENTITY a0 \"lol\">"
        for level in 1...9 { dtd += "<!ENTITY a\(level) \"\(String(repeating: "&a\(level - 1);", count: 10))\">" }
        let doc = try MarkupDocument.xml(Array((dtd + "]><r><t>&a9;</t><t>after</t></r>").utf8))
        let reason = try #require(doc.endedEarly)
        #expect(reason.contains("entity reference loop"))
    }

    @Test func htmlNeverEndsEarly() throws {
        let doc = try MarkupDocument.html(Array("<html><body><div><p>cut".utf8))
        #expect(doc.endedEarly == nil)
    }
}
