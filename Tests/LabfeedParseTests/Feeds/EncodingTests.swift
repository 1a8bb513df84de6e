import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct EncodingTests {
    @Test func readsLatin1FeedsWithWindows1252SmartQuotes() throws {
        let doc = try FeedFixture.parse("feeds/latin1.xml")
        #expect(doc.feed.title == "Lab d’été")
        #expect(doc.feed.description == "« Les labs » … et l’œuvre : 10 €")
        #expect(doc.entries[0].title == "L’atelier d’été – Édition 2022")
        #expect(doc.entries[0].summaryText == "C’est « gratuit » …")
    }

    @Test func readsUTF16WithByteOrderMarks() throws {
        for name in ["feeds/utf16le-bom.xml", "feeds/utf16be-bom.xml"] {
            let doc = try FeedFixture.parse(name)
            #expect(doc.format == .rss)
            #expect(doc.feed.title == "Flux en UTF-16 éè")
            #expect(doc.entries.first?.title == "Café ’innovation’")
            #expect(doc.entries.first?.id == "cafe-1")
        }
    }

    @Test func rereadsDeclaredUTF8ThatIsWindows1252WithAWarning() throws {
        let doc = try FeedFixture.parse("feeds/declared-utf8-is-cp1252.xml")
        #expect(doc.entries.first?.title == "L’été")
        #expect(doc.warnings.contains { $0.contains("not valid UTF-8") })
    }

    @Test func readsDeclaredLatin1ThatIsUTF8AsUTF8WithAWarning() throws {
        let doc = try FeedFixture.parse("feeds/declared-latin1-is-utf8.xml")
        #expect(doc.feed.title == "Déclaré Latin-1")
        #expect(doc.entries.first?.title == "L’été")
        #expect(doc.warnings.contains { $0.contains("bytes are UTF-8") })
    }

    @Test func httpCharsetOverridesTheDeclaration() {
        // Declared UTF-8, served as windows-1252 with bytes that are windows-1252.
        let bytes: [UInt8] = Array(#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>caf"#.utf8)
            + [0xE9, 0x92] + Array("</title></channel></rss>".utf8)
        let doc = DocumentParser.parse(bytes, context: FeedFixture.context(contentType: "application/rss+xml; charset=windows-1252"))
        #expect(doc.feed.title == "café’")
    }
}
