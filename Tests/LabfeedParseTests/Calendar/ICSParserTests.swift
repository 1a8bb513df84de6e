import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct ICSParserTests {
    private func event(_ doc: ParsedDocument, _ id: String) throws -> Event {
        try #require(doc.events.first { $0.sourceID == id }, "no event \(id)")
    }

    @Test func keepsWallClockTimesAcrossTheOctoberDSTChangeInParis() throws {
        let doc = try FeedFixture.parse("ics/dst-paris.ics")
        #expect(doc.format == .ics)
        #expect(doc.feed.title == "Agenda du lab")
        #expect(doc.feed.description == "Les rendez-vous du lab")
        let before = try event(doc, "before-dst@lab.example.fr")
        #expect(before.start.iso == "2022-10-29T10:00:00+02:00")
        #expect(before.end?.iso == "2022-10-29T12:00:00+02:00")
        let after = try event(doc, "after-dst@lab.example.fr")
        #expect(after.start.iso == "2022-10-31T10:00:00+01:00")
        #expect(after.end?.iso == "2022-10-31T11:30:00+01:00")
        #expect(after.foundBy == .ics)
        #expect(after.timeZone == "Europe/Paris")
    }

    @Test func choosesTheEarlierInstantInTheAutumnOverlap() throws {
        let doc = try FeedFixture.parse("ics/dst-paris.ics")
        #expect(try event(doc, "overlap@lab.example.fr").start.iso == "2022-10-30T02:30:00+02:00")
    }

    @Test func expandsAWeeklyRuleAcrossDSTAtTheSameWallClockTime() throws {
        let doc = try FeedFixture.parse("ics/dst-paris.ics")
        let weekly = doc.events.filter { $0.sourceID?.hasPrefix("weekly-across-dst@lab.example.fr#") == true }
        #expect(weekly.map(\.start.iso) == ["2022-10-20T09:30:00+02:00", "2022-10-27T09:30:00+02:00",
                                            "2022-11-03T09:30:00+01:00", "2022-11-10T09:30:00+01:00"])
        #expect(weekly.map { $0.end?.iso } == ["2022-10-20T11:00:00+02:00", "2022-10-27T11:00:00+02:00",
                                               "2022-11-03T11:00:00+01:00", "2022-11-10T11:00:00+01:00"])
        #expect(weekly[2].sourceID == "weekly-across-dst@lab.example.fr#2022-11-03T08:30:00Z")
        // One entry per VEVENT, not per occurrence.
        #expect(doc.entries.count == 4)
        #expect(doc.entries.map(\.id).contains("weekly-across-dst@lab.example.fr"))
    }

    @Test func readsAllDayEventsWithAnInclusiveLastDay() throws {
        let doc = try FeedFixture.parse("ics/all-day.ics")
        let jnl = try event(doc, "jnl-2022@lab.example.fr")
        #expect(jnl.start == .day(CivilDate(year: 2022, month: 11, day: 8)))
        #expect(jnl.end == nil)
        #expect(jnl.allDay)
        #expect(jnl.location?.name == "Limoges")
        #expect(jnl.keywords == ["Labs", "Innovation publique"])
        let month = try event(doc, "mois-2022@lab.example.fr")
        #expect(month.start.iso == "2022-11-02")
        #expect(month.end?.iso == "2022-11-30")
        let single = try event(doc, "no-end@lab.example.fr")
        #expect(single.start.iso == "2022-11-15")
        #expect(single.end == nil)
    }

    @Test func expandsAWeeklyRuleWithExdateAndAnOverrideInsideTheWindow() throws {
        let doc = try FeedFixture.parse("ics/weekly-exdate.ics")
        let cafe = doc.events.filter { $0.sourceID?.hasPrefix("cafe@lab.example.fr#") == true }
        #expect(cafe.map(\.start.iso) == ["2022-10-18T09:30:00+02:00", "2022-10-25T09:30:00+02:00",
                                          "2022-11-08T09:30:00+01:00", "2022-11-15T14:00:00+01:00",
                                          "2022-11-22T09:30:00+01:00", "2022-11-29T09:30:00+01:00"])
        let moved = cafe[3]
        #expect(moved.title == "Café innovation (exceptionnellement l'après-midi)")
        #expect(moved.sourceID == "cafe@lab.example.fr#2022-11-15T08:30:00Z")
        #expect(moved.end?.iso == "2022-11-15T15:00:00+01:00")
        #expect(cafe[0].location?.name == "Lab, salle 2")
        #expect(cafe[0].title == "Café innovation")
    }

    @Test func expandsMonthlyOrdinalWeekdaysWithCount() throws {
        let doc = try FeedFixture.parse("ics/weekly-exdate.ics")
        let monthly = doc.events.filter { $0.sourceID?.hasPrefix("monthly@") == true }
        // 13 October is before the window; COUNT=3 still counts it.
        #expect(monthly.map(\.start.iso) == ["2022-11-10T18:00:00+01:00", "2022-12-08T18:00:00+01:00"])
    }

    @Test func warnsWhenARecurringEventHasNoOccurrenceInTheWindow() throws {
        let doc = try FeedFixture.parse("ics/weekly-exdate.ics")
        #expect(!doc.events.contains { $0.sourceID?.hasPrefix("old-daily@") == true })
        #expect(doc.warnings.contains { $0.contains("Fini depuis longtemps") && $0.contains("no occurrence") })
    }

    @Test func limitsOpenEndedRulesToTheWindow() {
        let ics = """
        BEGIN:VCALENDAR
        BEGIN:VEVENT
        UID:open
        DTSTART;TZID=Europe/Paris:20221018T100000
        RRULE:FREQ=WEEKLY
        SUMMARY:Sans fin
        END:VEVENT
        END:VCALENDAR
        """
        let doc = FeedFixture.parse(text: ics)
        #expect(doc.events.count == 52)
        #expect(doc.events.last?.start.iso == "2023-10-10T10:00:00+02:00")
        var short = FeedFixture.context()
        short.recurrenceWindow = 30 * 86_400
        #expect(FeedFixture.parse(text: ics, context: short).events.count == 4)
    }

    @Test func readsUTCFloatingAndNamedZonesAndEveryDescriptiveProperty() throws {
        let doc = try FeedFixture.parse("ics/forms.ics", context: FeedFixture.context(url: "https://lab.example.fr/agenda.ics"))
        let utc = try event(doc, "utc@lab.example.fr")
        #expect(utc.start.iso == "2022-11-08T09:30:00+01:00")
        #expect(utc.end?.iso == "2022-11-08T11:00:00+01:00")
        #expect(utc.description == "Première ligne\nDeuxième ligne, avec virgule; et point-virgule et suite repliée")
        #expect(utc.organizer == Organizer(name: "Lab, Région", url: nil))
        #expect(utc.keywords == ["Atelier", "Design, service", "Labs"])
        #expect(utc.status == .cancelled)
        #expect(utc.location?.latitude == 45.8336)
        #expect(utc.location?.longitude == 1.2611)
        #expect(utc.url == "https://lab.example.fr/evenements/utc")
        let entry = try #require(doc.entries.first { $0.id == "utc@lab.example.fr" })
        #expect(entry.published == FeedFixture.utc("2022-10-01T09:00:00Z"))
        #expect(entry.updated == FeedFixture.utc("2022-10-02T10:15:00Z"))
        let floating = try event(doc, "floating@lab.example.fr")
        #expect(floating.start.iso == "2022-11-08T09:30:00+01:00")
        #expect(floating.language == "en")
        #expect(try event(doc, "outlook@lab.example.fr").start.iso == "2022-11-08T09:30:00+01:00")
        #expect(try event(doc, "mozilla@lab.example.fr").start.iso == "2022-07-08T09:30:00+02:00")
        #expect(try event(doc, "unknown-tz@lab.example.fr").start.iso == "2022-11-08T09:30:00+01:00")
        #expect(doc.warnings.contains { $0.contains("Somewhere/Nowhere") })
    }

    @Test func derivesOffsetsFromTheFilesOwnVTimezoneRules() throws {
        let doc = try FeedFixture.parse("ics/custom-vtimezone.ics")
        #expect(try event(doc, "custom-summer@lab.example.fr").start.iso == "2022-10-29T10:00:00+02:00")
        #expect(try event(doc, "custom-winter@lab.example.fr").start.iso == "2022-10-31T10:00:00+01:00")
        // 02:30 does not exist on 26 March 2023: moved forward by the gap.
        #expect(try event(doc, "custom-gap@lab.example.fr").start.iso == "2023-03-26T03:30:00+02:00")
        #expect(doc.warnings.isEmpty, "\(doc.warnings)")
    }

    @Test func unfoldsLinesFoldedInsideAUTF8Sequence() throws {
        let doc = try FeedFixture.parse("ics/folded-utf8.ics")
        #expect(doc.events.first?.title == "Rencontre des laboratoires d’innovation publique — édition spéciale")
    }

    @Test func keepsTheEventsOfATruncatedCalendarWithWarnings() throws {
        let doc = try FeedFixture.parse("ics/truncated.ics")
        #expect(doc.events.map(\.title) == ["Complet", "Coupé en plein"])
        #expect(doc.warnings.contains { $0.contains("not closed") })
    }

    @Test func showsTimesInTheConfiguredZone() throws {
        var context = FeedFixture.context()
        context.timeZone = TimeZone(identifier: "America/Montreal")!
        let doc = try FeedFixture.parse("ics/dst-paris.ics", context: context)
        #expect(try event(doc, "before-dst@lab.example.fr").start.iso == "2022-10-29T04:00:00-04:00")
    }
}
