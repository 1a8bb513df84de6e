import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct MergerTests {
    typealias S = Samples

    @Test func structuredDataBeatsFeedsAndProseFillsOnlyGaps() {
        var prose = S.event("table ronde innovation", start: S.allDay("2022-11-24"), locality: "Limoges", foundBy: .prose,
                            description: "Texte tiré d’un article.")
        prose.image = "https://blog.example/photo.jpg"
        let rss = S.event("Table ronde innovation (flux)", start: S.allDay("2022-11-24"), url: "https://lab.example/rss-item", foundBy: .rss)
        let jsonld = S.event("Table ronde : innovation", start: S.at("2022-11-24", 14), end: S.at("2022-11-24", 17),
                             place: "Lab Innovation", locality: "Limoges", url: "https://lab.example/table-ronde", foundBy: .jsonLD)
        let merged = Merger.merge([S.sourced("blog", prose), S.sourced("feed", rss), S.sourced("site", jsonld)])
        #expect(merged.event.title == "Table ronde : innovation")
        #expect(merged.event.url == "https://lab.example/table-ronde")
        #expect(merged.event.start == S.at("2022-11-24", 14))
        #expect(merged.event.description == "Texte tiré d’un article.")
        #expect(merged.event.image == "https://blog.example/photo.jpg")
        #expect(merged.event.foundBy == .jsonLD)
        #expect(merged.sources.map(\.source) == ["blog", "feed", "site"])
    }

    @Test func aTimedStartFromAnotherSourceMakesAnAllDayStartPrecise() {
        let ics = S.event("Atelier", start: S.allDay("2022-11-15"), foundBy: .ics)
        let page = S.event("Atelier", start: S.at("2022-11-15", 9, 30), foundBy: .selectors)
        #expect(Merger.merge([S.sourced("a", ics), S.sourced("b", page)]).event.start == S.at("2022-11-15", 9, 30))
    }

    @Test func aCancellationAnywherePropagates() {
        let best = S.event("Hackathon", start: S.allDay("2022-11-18"), foundBy: .jsonLD)
        let relay = S.event("Hackathon", start: S.allDay("2022-11-18"), foundBy: .rss, status: .cancelled)
        #expect(Merger.merge([S.sourced("a", best), S.sourced("b", relay)]).event.status == .cancelled)
    }

    @Test func titlesByLanguageOnlyWhenLanguagesDiffer() {
        let fr = S.event("Table ronde innovation", start: S.allDay("2021-11-24"), url: "https://b.example/fr", language: "fr")
        let en = S.event("Innovation round-table", start: S.allDay("2021-11-24"), url: "https://b.example/en", language: "en-GB", foundBy: .rss)
        let merged = Merger.merge([S.sourced("b", en), S.sourced("b", fr)])
        #expect(merged.titles == ["fr": "Table ronde innovation", "en": "Innovation round-table"])
        #expect(merged.event.alternates.contains(Alternate(language: "en", url: "https://b.example/en")))
        #expect(Merger.merge([S.sourced("b", fr)]).titles.isEmpty)
    }

    /// The one-member shortcut against the general merge, on random events: empty places and
    /// organisers, keywords alike once folded, alternates repeating a URL or giving the event's
    /// own, every status, descriptions, regions, ends, languages.
    @Test func aClusterOfOneMergesAsTheGeneralMergeDoes() {
        var random = Xorshift64(seed: 0x3E46)
        func pick<T>(_ values: [T]) -> T { values[random.next(values.count)] }
        let urls: [String?] = [nil, "https://lab.example/a", "https://lab.example/b", "https://lab.example/c"]
        let keywords = ["Design", "design", "Données", "donnees", "IA", "ia ", "climat"]
        for n in 0..<3_000 {
            let location: Location? = pick([nil, Location(), Location(name: "Lab"), Location(locality: "Pau", region: "Nouvelle-Aquitaine"),
                                            Location(name: "Lab", address: "1 rue X", region: "Bretagne")])
            let organizer: Organizer? = pick([nil, Organizer(), Organizer(name: "Lab"), Organizer(url: "https://lab.example")])
            let alternates = (0..<random.next(4)).map { _ in
                Alternate(language: pick([nil, "en", "fr", "de"]), url: pick(urls) ?? "https://lab.example/d")
            }
            let event = Event(title: pick(["Atelier", "Workshop on design", "Table ronde de la data"]),
                              description: pick([nil, "Texte"]), start: pick([S.allDay("2031-01-02"), S.at("2031-01-02", 9)]),
                              end: pick([nil, S.allDay("2031-01-03"), S.at("2031-01-02", 11)]), location: location, url: pick(urls),
                              organizer: organizer, status: pick(EventStatus.allCases),
                              keywords: (0..<random.next(5)).map { _ in pick(keywords) }, language: pick([nil, "fr", "en-GB"]),
                              alternates: alternates, foundBy: pick([.jsonLD, .rss, .prose]), confidence: pick([0.5, 1]),
                              sourceID: pick([nil, "42"]))
            let item = SourcedEvent(source: "s\(n % 5)", key: pick([nil, "k"]), event: event, region: pick([nil, "Occitanie"]),
                                    firstSeen: S.instant("2031-01-01T08:00:00Z"), lastSeen: S.instant("2031-01-02T08:00:00Z"))
            #expect(Merger.mergeOne([item]) == Merger.mergeMany([item]), "\(n)")
        }
    }

    @Test func theResultDoesNotDependOnMemberOrder() {
        let a = S.sourced("a", S.event("Atelier", start: S.allDay("2022-11-15"), locality: "Pau", foundBy: .rss))
        let b = S.sourced("b", S.event("Atelier !", start: S.allDay("2022-11-15"), locality: "Pau", foundBy: .rss))
        #expect(Merger.merge([a, b]) == Merger.merge([b, a]))
    }
}
