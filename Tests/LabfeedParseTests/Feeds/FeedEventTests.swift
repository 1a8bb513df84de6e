import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct FeedEventTests {
    @Test func readsTheRSSEventModule() throws {
        let doc = try FeedFixture.parse("feeds/events.xml")
        let jnl = try #require(doc.events.first { $0.sourceID == "ev-1" })
        #expect(jnl.title == "Journée nationale des Labs")
        #expect(jnl.start.iso == "2022-11-08T09:30:00+01:00")
        #expect(jnl.end?.iso == "2022-11-08T17:00:00+01:00")
        #expect(jnl.location?.name == "Limoges, Hôtel de Région")
        #expect(jnl.organizer?.name == "Lab Nouvelle-Aquitaine")
        #expect(jnl.url == "https://agenda.example.fr/jnl")
        #expect(jnl.description == "Rencontre des labs.")
        #expect(jnl.keywords == ["Labs"])
        #expect(jnl.foundBy == .rss)
        #expect(jnl.language == "fr")
    }

    @Test func keepsDateOnlyEventsAllDay() throws {
        let doc = try FeedFixture.parse("feeds/events.xml")
        let month = try #require(doc.events.first { $0.sourceID == "ev-2" })
        #expect(month.allDay)
        #expect(month.start == .day(CivilDate(year: 2022, month: 11, day: 2)))
        #expect(month.end == .day(CivilDate(year: 2022, month: 11, day: 30)))
    }

    @Test func readsXCalAndShowsUTCTimesInTheConfiguredZone() throws {
        let doc = try FeedFixture.parse("feeds/events.xml")
        let webinar = try #require(doc.events.first { $0.sourceID == "ev-3" })
        #expect(webinar.start.iso == "2022-11-15T14:00:00+01:00")
        #expect(webinar.end?.iso == "2022-11-15T15:30:00+01:00")
        #expect(webinar.location?.name == "En ligne")
    }

    @Test func readsTheEventsCalendarStyleElementsAsLocalTimes() throws {
        let doc = try FeedFixture.parse("feeds/events.xml")
        let workshop = try #require(doc.events.first { $0.sourceID == "ev-4" })
        #expect(workshop.start.iso == "2022-11-24T14:00:00+01:00")
        #expect(workshop.end?.iso == "2022-11-24T16:30:00+01:00")
        #expect(workshop.location?.name == "Tiers-lieu La Fabrique")
        #expect(workshop.timeZone == "Europe/Paris")
    }

    @Test func anUnreadableEventDateMakesNoEventAndAWarning() throws {
        let doc = try FeedFixture.parse("feeds/events.xml")
        #expect(!doc.events.contains { $0.sourceID == "ev-5" })
        #expect(doc.warnings.contains { $0.contains("<ev:startdate>") && $0.contains("bientôt") })
        #expect(doc.events.filter { $0.foundBy != .prose }.count == 4)
        // The item with no event data but a date in its text is read by the prose extractor.
        let prose = try #require(doc.events.first { $0.sourceID == "ev-6" })
        #expect(prose.foundBy == .prose && prose.start.iso == "2022-11-08T09:30:00+01:00")
        #expect(doc.events.count == 5)
    }

    @Test func handsItemsWithoutEventDataToTheTextEventFinder() throws {
        var context = FeedFixture.context()
        context.textEventFinder = { title, summary, entry in
            guard summary.contains("8 novembre à 9h30") else { return [] }
            let start = LocalDateTime(date: CivilDate(year: 2022, month: 11, day: 8), hour: 9, minute: 30, utcOffset: 3600)
            return [Event(title: title, start: .time(start), url: entry.link, foundBy: .prose, confidence: 0.6, sourceID: entry.id)]
        }
        let doc = try FeedFixture.parse("feeds/events.xml", context: context)
        let prose = doc.events.filter { $0.foundBy == .prose }
        #expect(prose.map(\.sourceID) == ["ev-6"])
        #expect(prose.first?.title == "Simple billet le 8 novembre à 9h30")
        #expect(doc.events.count == 5)
    }
}
