// FeedEventFields reads fields from the children the reader has listed: the first of each kind
// wins, names match in any case and punctuation, organisers lose a "mailto:" in any case only.

import LabfeedCore
import LabfeedParse
import Testing

struct FeedEventFieldReadingTests {
    private func event(_ fields: String) throws -> Event {
        let rss = """
            <rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"
                 xmlns:xcal="urn:ietf:params:xml:ns:xcal" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Lab</title><item><title>Atelier</title><guid>a1</guid>\(fields)</item></channel></rss>
            """
        return try #require(FeedFixture.parse(text: rss).events.first)
    }

    @Test func theFirstFieldOfEachKindWins() throws {
        let e = try event("""
            <ev:startdate>2026-11-08T09:30:00+01:00</ev:startdate><xcal:dtstart>2026-12-01</xcal:dtstart>
            <ev:location>Limoges</ev:location><Event_Venue>Poitiers</Event_Venue><ev:enddate>  </ev:enddate>
            <xcal:dtend>2026-11-08T12:00:00+01:00</xcal:dtend>
            """)
        #expect(e.start.iso == "2026-11-08T09:30:00+01:00")
        #expect(e.end?.iso == "2026-11-08T12:00:00+01:00")  // the blank ev:enddate does not count
        #expect(e.location?.name == "Limoges")
    }

    @Test func organisersLoseAMailtoPrefixInAnyCase() throws {
        #expect(try event("<ev:startdate>2026-11-08</ev:startdate><ev:organizer>MailTo:lab@example.fr</ev:organizer>").organizer?.name == "lab@example.fr")
        #expect(try event("<ev:startdate>2026-11-08</ev:startdate><ev:organizer>Lab Région</ev:organizer>").organizer?.name == "Lab Région")
        #expect(try event("<ev:startdate>2026-11-08</ev:startdate><ev:organizer>mailtoLab</ev:organizer>").organizer?.name == "mailtoLab")
        #expect(try event(#"<ev:startdate>2026-11-08</ev:startdate><xcal:organizer cn="Lab 64">mailto:a@b.fr</xcal:organizer>"#).organizer?.name == "Lab 64")
    }

    @Test func dublinCoreIsNeverAnEventVocabulary() throws {
        let rss = """
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><title>T</title>
            <dc:startdate>2026-11-08</dc:startdate></item></channel></rss>
            """
        #expect(FeedFixture.parse(text: rss).events.isEmpty)
    }
}
