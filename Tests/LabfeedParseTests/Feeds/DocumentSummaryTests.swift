import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct DocumentSummaryTests {
    @Test func listsMetadataEntriesEventsAndWarnings() throws {
        let doc = try FeedFixture.parse("feeds/events.xml")
        let text = DocumentSummary.text(doc)
        #expect(text.hasPrefix("format: rss\ntitle: Agenda du lab\n"))
        #expect(text.contains("6 entries"))
        #expect(text.contains("5 events"))  // four from event data, one from the text of an item
        #expect(text.contains("2022-11-08T09:30:00+01:00 → 2022-11-08T17:00:00+01:00  Journée nationale des Labs @ Limoges, Hôtel de Région"))
        #expect(text.contains("1 warning\n  - item 5"))
    }

    @Test func saysWhenEntriesHaveNoDate() throws {
        let text = DocumentSummary.text(try FeedFixture.parse("feeds/duplicate-guids.xml"))
        #expect(text.contains("(no date)  Unique"))
    }
}
