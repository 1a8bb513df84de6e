import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct BrokenFeedTests {
    @Test func keepsTheItemsOfATruncatedFeedAndSaysItIsBroken() throws {
        let doc = try FeedFixture.parse("feeds/truncated.xml")
        #expect(doc.format == .rss)
        #expect(doc.feed.title == "Truncated")
        #expect(doc.entries.count >= 2)
        #expect(doc.entries[0].title == "Complete item")
        #expect(doc.entries[0].summary == "Whole")
        #expect(doc.entries[1].id == "t2")
        #expect(doc.warnings.contains { $0.hasPrefix("XML") && $0.contains("line") })
    }

    @Test func readsUnescapedAmpersandsAndHTMLEntitiesAsText() throws {
        let doc = try FeedFixture.parse("feeds/unescaped.xml")
        #expect(doc.feed.title == "R&D Lab & co")
        #expect(doc.feed.link == "http://amp.example.org/?a=1&b=2")
        #expect(doc.entries.count == 2)
        #expect(doc.entries[0].title == "AT&T et lété → demain")
        #expect(doc.entries[0].link == "http://amp.example.org/item?id=1&lang=fr")
        #expect(doc.entries[0].summaryText == "Fish & chips © 2022 &unknownentity; fin")
        #expect(doc.entries[1].title == "After the fault")
        #expect(doc.warnings.contains { $0.contains("unescaped '&'") })
        #expect(doc.warnings.contains { $0.contains("&eacute;") })
    }

    @Test func warnsAboutEachUnreadableDateAndLeavesItEmpty() throws {
        let doc = try FeedFixture.parse("feeds/broken-dates.xml")
        let byID = Dictionary(uniqueKeysWithValues: doc.entries.map { ($0.id, $0.published) })
        #expect(byID["d1"]! == FeedFixture.utc("2022-11-08T07:30:00Z"))
        #expect(byID["d2"]! == FeedFixture.utc("2022-11-08T08:30:00Z"))
        #expect(byID["d3"]! == FeedFixture.utc("2022-11-08T14:30:00Z"))
        #expect(byID["d4"]! == nil)
        #expect(byID["d5"]! == nil)
        #expect(byID["d6"]! == FeedFixture.utc("2022-11-08T08:30:00Z"))
        #expect(byID["d7"]! == FeedFixture.utc("2022-11-08T08:30:00Z"))
        #expect(doc.warnings.filter { $0.contains("unreadable date") }.count == 2)
        #expect(doc.warnings.contains { $0.contains("item 4") && $0.contains("<pubDate>") && $0.contains("32 novembre") })
    }

    @Test func detectsHTMLServedAsAFeed() throws {
        let doc = try FeedFixture.parse("feeds/html-served.html", context: FeedFixture.context(contentType: "application/rss+xml"))
        #expect(doc.format == .html)
        #expect(doc.entries.isEmpty)
        #expect(doc.feed.title == "Page d'accueil du lab")
        #expect(doc.feed.language == "fr")
        #expect(doc.warnings.contains { $0.contains("application/rss+xml") && $0.contains("html") })
    }

    @Test func forcingRSSOnHTMLWarnsAndFindsNothing() throws {
        let doc = try FeedFixture.parse("feeds/html-served.html", context: FeedFixture.context(forced: .rss))
        #expect(doc.format == .rss)
        #expect(doc.entries.isEmpty)
        #expect(doc.warnings.contains { $0.contains("looks like html") })
    }

    @Test func survivesGarbageEmptyAndBinaryInput() {
        let inputs: [[UInt8]] = [[], Array("   \n".utf8), [0, 1, 2, 255, 254, 0x3C], Array("<rss><channel><item><title>x".utf8),
                                 Array("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><title>".utf8),
                                 Array("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:garbage\n".utf8), Array("{\"items\": 3, \"title\": 1}".utf8)]
        for input in inputs {
            let doc = DocumentParser.parse(input, context: FeedFixture.context())
            #expect(!doc.warnings.isEmpty || !doc.entries.isEmpty)
        }
    }

    @Test func readsNestedItemsFoundOutsideAChannelWithoutFreeingThemTwice() {
        let text = "<?xml version=\"1.0\"?><page><div><item><title>outer</title><item><title>inner</title></item></item></div></page>"
        let doc = DocumentParser.parse(Array(text.utf8), context: FeedFixture.context(forced: .rss))
        #expect(doc.entries.map(\.title) == ["outer", "inner"])
        #expect(doc.warnings.contains { $0.contains("<page>") })
    }

    @Test func skipsJunkBeforeTheRootElement() {
        let text = "Warning: Cannot modify header information in /var/www/wp.php on line 3\n<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Junk</title><item><title>kept</title><guid>k</guid></item></channel></rss>"
        let doc = FeedFixture.parse(text: text)
        #expect(doc.format == .rss)
        #expect(doc.entries.map(\.title) == ["kept"])
        #expect(doc.warnings.contains { $0.contains("before the document") })
    }
}
