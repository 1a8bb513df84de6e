import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct FormatDetectionTests {
    private func detect(_ text: String, _ type: String? = nil) -> DocumentFormat {
        DocumentParser.detect(Array(text.utf8), contentType: type)
    }

    @Test func detectsEachFormatByContent() throws {
        #expect(detect(#"<?xml version="1.0"?><rss version="2.0"><channel/></rss>"#) == .rss)
        #expect(detect(#"<rss version="0.91"><channel/></rss>"#) == .rss)
        #expect(detect(#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"#) == .rdf)
        #expect(detect(#"<feed xmlns="http://www.w3.org/2005/Atom"></feed>"#) == .atom)
        #expect(detect(#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"></feed>"#) == .atom)
        #expect(detect(#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#) == .jsonfeed)
        #expect(detect("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n") == .ics)
        #expect(detect("<!DOCTYPE html><html><head></head></html>") == .html)
        #expect(detect("<html><body>x</body></html>") == .html)
    }

    @Test func detectsFixturesOfEveryVariant() throws {
        let expected: [String: DocumentFormat] = [
            "feeds/wordpress.xml": .rss, "feeds/spip.xml": .rss, "feeds/rss091.xml": .rss, "feeds/rss1-rdf.xml": .rdf,
            "feeds/relative-links-atom.xml": .atom, "feeds/atom03.xml": .atom, "feeds/jsonfeed-1.1.json": .jsonfeed,
            "feeds/jsonfeed-1.0.json": .jsonfeed, "feeds/utf16le-bom.xml": .rss, "feeds/utf16be-bom.xml": .rss,
            "feeds/latin1.xml": .rss, "feeds/html-served.html": .html, "ics/dst-paris.ics": .ics,
        ]
        for (path, format) in expected {
            #expect(DocumentParser.detect(try FeedFixture.bytes(path), contentType: "text/plain") == format, "\(path)")
        }
    }

    @Test func skipsCommentsProcessingInstructionsAndDoctypes() {
        let text = """
        <?xml version="1.0"?>
        <!-- generator: a CMS -->
        <?xml-stylesheet type="text/xsl" href="/feed.xsl"?>
        <!DOCTYPE rss [ <!ENTITY nbsp "&#160;"> ]>
        <rss version="2.0"><channel/></rss>
        """
        #expect(detect(text) == .rss)
    }

    @Test func believesContentOverTheContentTypeHeader() {
        #expect(detect("<rss version=\"2.0\"/>", "text/html") == .rss)
        #expect(detect("<!DOCTYPE html><html></html>", "application/rss+xml") == .html)
        #expect(detect("BEGIN:VCALENDAR\nEND:VCALENDAR", "text/plain") == .ics)
    }

    @Test func fallsBackToTheContentTypeThenHTML() {
        #expect(detect("<unknown/>", "application/atom+xml") == .atom)
        #expect(detect("plain words", "text/calendar; charset=utf-8") == .ics)
        #expect(detect("plain words", nil) == .html)
    }
}
