// ParsedDocument.unusable: documents that cannot stand for their source's whole content (a sync
// then keeps the source's last good events), and documents that can.

import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct UnusableDocumentTests {
    @Test func aWholeFeedIsUsable() throws {
        #expect(try FeedFixture.parse("feeds/events.xml").unusable == nil)
        #expect(try FeedFixture.parse("feeds/unescaped.xml").unusable == nil)
        #expect(try FeedFixture.parse("feeds/jsonfeed-1.1.json").unusable == nil)
        #expect(try FeedFixture.parse("ics/folded-utf8.ics").unusable == nil)
    }

    @Test func aTruncatedFeedIsUnusableButKeepsWhatItRead() throws {
        let doc = try FeedFixture.parse("feeds/truncated.xml")
        #expect(doc.entries.count >= 2)
        let reason = try #require(doc.unusable)
        #expect(reason.hasPrefix("the feed is incomplete: the document ends before its elements are closed"))
    }

    @Test func aTruncatedCalendarIsUnusable() throws {
        let doc = try FeedFixture.parse("ics/truncated.ics")
        #expect(doc.events.count == 2)
        #expect(doc.unusable?.hasPrefix("the calendar is incomplete: line 1: VCALENDAR is not closed") == true)
    }

    @Test func anEmptyBodyIsUnusableWhateverItsType() {
        for type in ["application/rss+xml", "text/html", "application/json", "text/calendar", nil] {
            let doc = FeedFixture.parse(text: " \n", context: FeedFixture.context(contentType: type))
            #expect(doc.unusable == "the document is empty", "\(type ?? "no type")")
        }
    }

    @Test func aFeedWhoseEntitiesLoopIsUnusable() {
        var dtd = "<!DOCTYPE rss [<!ENTITY l0 \"lol\">"
        for level in 1...9 { dtd += "<!ENTITY l\(level) \"\(String(repeating: "&l\(level - 1);", count: 10))\">" }
        let text = dtd + "]><rss><channel><item><title>&l9;</title></item></channel></rss>"
        let doc = FeedFixture.parse(text: text, context: FeedFixture.context(contentType: "application/rss+xml"))
        #expect(doc.unusable?.contains("entity reference loop") == true)
    }

    @Test func aJSONErrorObjectIsNoJSONFeed() {
        let doc = FeedFixture.parse(text: #"{"error": {"code": 500}}"#, context: FeedFixture.context(contentType: "application/json"))
        #expect(doc.format == .jsonfeed)
        #expect(doc.unusable == "the JSON is not a JSON Feed (no `version` naming jsonfeed.org, no `items`; keys: error)")
    }

    @Test func brokenJSONIsUnusable() {
        let doc = FeedFixture.parse(text: #"{"version": "https://jsonfeed.org/version/1.1", "items": ["#,
                                    context: FeedFixture.context(contentType: "application/feed+json"))
        #expect(doc.unusable?.hasPrefix("the JSON could not be read") == true)
    }

    @Test func unusableIsInTheJSONOnlyWhenSet() throws {
        let encoder = LabfeedJSON.encoder(pretty: false)
        let good = String(decoding: try encoder.encode(try FeedFixture.parse("feeds/events.xml")), as: UTF8.self)
        #expect(!good.contains("\"unusable\""))
        let cut = try FeedFixture.parse("feeds/truncated.xml")
        let json = try encoder.encode(cut)
        #expect(String(decoding: json, as: UTF8.self).contains("\"unusable\":\"the feed is incomplete"))
        #expect(try JSONDecoder().decode(ParsedDocument.self, from: json).unusable == cut.unusable)
    }
}
