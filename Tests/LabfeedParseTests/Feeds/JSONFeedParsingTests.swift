import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct JSONFeedParsingTests {
    @Test func readsJSONFeed11() throws {
        let doc = try FeedFixture.parse("feeds/jsonfeed-1.1.json")
        #expect(doc.format == .jsonfeed)
        #expect(doc.feed.title == "Lab JSON")
        #expect(doc.feed.link == "https://json.example.org/")
        #expect(doc.feed.language == "fr-FR")
        let first = doc.entries[0]
        #expect(first.id == "1")
        #expect(first.link == "https://json.example.org/posts/1")
        // JSON Feed titles are plain text: nothing is decoded or stripped.
        #expect(first.title == "Hackathon &amp; <b>co</b>")
        #expect(first.summary == "Hackathon summary")
        #expect(first.content == "<p>Le <a href=\"https://json.example.org/hack\">hackathon</a></p>")
        #expect(first.published == FeedFixture.utc("2022-11-01T09:00:00Z"))
        #expect(first.updated == FeedFixture.utc("2022-11-02T10:00:00Z"))
        #expect(first.categories == ["hackathon", "labs"])
        #expect(first.image == "https://json.example.org/img/hack.png")
        #expect(first.enclosures == [Enclosure(url: "https://json.example.org/p.pdf", type: "application/pdf", length: 1000)])
        #expect(first.authors == [Author(name: "Lab team", uri: "https://json.example.org/team")])
        let second = doc.entries[1]
        #expect(second.id == "2")
        #expect(second.link == "https://other.example.org/x")
        #expect(second.summary == "Plain text only")
        #expect(second.published == nil)
        #expect(second.authors == [Author(name: "Zoé")])
        #expect(doc.warnings.contains { $0.contains("item 2") && $0.contains("yesterday") })
    }

    @Test func readsJSONFeed10SingleAuthor() throws {
        let doc = try FeedFixture.parse("feeds/jsonfeed-1.0.json")
        #expect(doc.format == .jsonfeed)
        #expect(doc.entries.count == 1)
        #expect(doc.entries[0].authors == [Author(name: "Old author", email: "old@example.org")])
    }

    @Test func reportsBrokenJSONWithoutCrashing() {
        let doc = FeedFixture.parse(text: #"{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1",}"#)
        #expect(doc.format == .jsonfeed)
        #expect(doc.entries.isEmpty)
        #expect(doc.warnings.contains { $0.contains("JSON could not be read") })
    }
}
