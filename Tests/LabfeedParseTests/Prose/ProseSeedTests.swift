// The two texts labfeed was started from (shared/seeds), read as plain text: they define the
// expected behaviour (one bilingual round-table; the Mois de l'innovation publique and the
// Journée nationale des Labs, beside a byline that is not an event).

import LabfeedCore
import LabfeedParse
import Testing

struct ProseSeedTests {
    @Test func bilingualPostGivesTheRoundTableInEnglishAndInFrench() throws {
        let result = try ProseFixture.read("seed-000-bilingual-roundtable.txt")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Innovation in work practices", start: "2021-11-24", language: "en", locality: "Limoges"),
            ExpectedEvent(title: "L’innovation dans les pratiques de travail", start: "2021-11-24", language: "fr", locality: "Limoges"),
        ], "seed 000")
        #expect(result.events.first?.title.lowercased().hasPrefix("round-table") == true)
        #expect(result.events.last?.title.lowercased().hasPrefix("table ronde") == true)
        #expect(result.events.last?.superEvent?.title?.hasPrefix("Mois de l'Innovation Publique") == true)
    }

    @Test func roundTableYearComesFromItsSentenceWhateverTheFetchDate() throws {
        for fetch in [CivilDate(year: 2021, month: 12, day: 1), CivilDate(year: 2024, month: 2, day: 29), CivilDate(year: 2030, month: 1, day: 5)] {
            let result = try ProseFixture.read("seed-000-bilingual-roundtable.txt", fetch: fetch)
            #expect(result.events.map(\.start.iso) == ["2021-11-24", "2021-11-24"], "fetched \(fetch)")
            let rules = result.explanations.filter { $0.outcome == .accepted }.flatMap(\.rules)
            #expect(rules.contains { $0.hasPrefix("year:contextual(2021") })
        }
    }

    @Test func bilingualPostCountsAndYearsAreNotEvents() throws {
        let result = try ProseFixture.read("seed-000-bilingual-roundtable.txt")
        // "Inaugurated in 2020", "12,000 young people", "8,000 agents" are not dates at all.
        #expect(result.explanations.count == 2)
        #expect(result.publicationDate == nil)
    }

    @Test func spipNewsItemGivesTheMonthAndTheLabsDay() throws {
        let result = try ProseFixture.read("seed-001-spip-mois-innovation.txt")
        ProseFixture.check(result, [
            ExpectedEvent(title: "Mois de l'innovation publique", start: "2022-11-02", end: "2022-11-30"),
            ExpectedEvent(title: "Journée nationale des Labs", start: "2022-11-08"),
        ], "seed 001")
        #expect(result.events[1].superEvent?.title == "Mois de l'innovation publique")
    }

    @Test func spipBylineIsThePublicationDateAndNeverAnEvent() throws {
        let result = try ProseFixture.read("seed-001-spip-mois-innovation.txt")
        #expect(result.publicationDate == CivilDate(year: 2022, month: 11, day: 4))
        let byline = try #require(ProseFixture.explanation(result, span: "vendredi 4 novembre 2022"))
        #expect(byline.outcome == .rejected && byline.reason == .publicationDate)
    }

    @Test func labsDayNamedTwiceIsOneEvent() throws {
        let result = try ProseFixture.read("seed-001-spip-mois-innovation.txt")
        let eighth = result.explanations.filter { $0.start == "2022-11-08" }
        #expect(eighth.map(\.outcome) == [.accepted, .merged])
        #expect(Set(eighth.compactMap(\.eventIndex)) == [1])
    }

    @Test func spipYearsOfTheStoryAreNotReadAsDates() throws {
        let result = try ProseFixture.read("seed-001-spip-mois-innovation.txt")
        // "Depuis 2014", "Cinq ans après", "au printemps dernier": no date expression at all.
        #expect(result.explanations.map(\.span) == ["vendredi 4 novembre 2022", "du 2 au 30 novembre", "8 novembre", "8 novembre"])
    }
}
