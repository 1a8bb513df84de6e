import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct DeduplicatorTests {
    typealias S = Samples

    @Test func theSameEventFromAnICSFileAndAPageIsOne() {
        let ics = S.event("Atelier : concevoir des services publics avec les usagers", start: S.at("2022-11-15", 9, 30), end: S.at("2022-11-15", 12),
                          place: "La Fabrique", locality: "Bordeaux", foundBy: .ics, sourceID: "20221115-atelier@fabrique.example")
        let page = S.event("Atelier « Concevoir des services publics avec les usagers »", start: S.allDay("2022-11-15"),
                           place: "La Fabrique, Bordeaux", locality: "Bordeaux", url: "https://fabrique.example/agenda/atelier-usagers?utm_source=fb",
                           foundBy: .microdata)
        let other = S.event("Conférence sur la donnée publique", start: S.at("2022-11-15", 14), place: "La Fabrique", locality: "Bordeaux", foundBy: .ics,
                            sourceID: "20221115-conf@fabrique.example")
        let clusters = Deduplicator.cluster([S.sourced("fabrique-ics", ics), S.sourced("fabrique-site", page), S.sourced("fabrique-ics", other)])
        #expect(clusters.count == 2)
        #expect(clusters.contains { Set($0.map(\.source)) == ["fabrique-ics", "fabrique-site"] && $0.count == 2 })
    }

    @Test func aFrenchAndAnEnglishAnnouncementOfOneEventMerge() {
        let fr = S.event("Table ronde « L’innovation dans les pratiques de travail » au Lab Innovation Nouvelle-Aquitaine, Limoges 2021",
                         start: S.allDay("2021-11-24"), place: "Lab Innovation", locality: "Limoges", url: "https://blog.example/fr/table-ronde-2021",
                         language: "fr", alternates: [Alternate(language: "en", url: "https://blog.example/en/round-table-2021")], foundBy: .prose)
        let en = S.event("Round-table “Innovation in work practices” at the Innovation Lab Nouvelle-Aquitaine, Limoges 2021",
                         start: S.allDay("2021-11-24"), place: "Innovation Lab", locality: "Limoges", url: "https://blog.example/en/round-table-2021",
                         language: "en", foundBy: .prose)
        #expect(Deduplicator.cluster([S.sourced("blog", fr), S.sourced("blog", en)]).count == 1)

        // Without the hreflang link: shared names and numbers, same day, same town, other sources.
        var frAlone = fr
        frAlone.alternates = []
        frAlone.url = "https://region.example/actualites/table-ronde"
        #expect(Deduplicator.cluster([S.sourced("region", frAlone), S.sourced("blog", en)]).count == 1)
    }

    @Test func twoDifferentEventsOnOneDayAtOnePlaceStayApart() {
        let morning = S.event("Atelier design des politiques publiques", start: S.at("2022-11-08", 10), place: "Lab Innovation",
                              locality: "Limoges", organizer: "Région Nouvelle-Aquitaine", foundBy: .jsonLD)
        let afternoon = S.event("Conférence : l’intelligence artificielle dans les services publics", start: S.at("2022-11-08", 15),
                                place: "Lab Innovation", locality: "Limoges", organizer: "Région Nouvelle-Aquitaine", foundBy: .rss)
        // Same title, same place, but two sessions hours apart are two events too.
        let session1 = S.event("Fresque du numérique", start: S.at("2022-11-09", 9), place: "Lab Innovation", locality: "Limoges")
        let session2 = S.event("Fresque du numérique", start: S.at("2022-11-09", 14), place: "Lab Innovation", locality: "Limoges")
        let clusters = Deduplicator.cluster([S.sourced("a", morning), S.sourced("b", afternoon), S.sourced("a", session1), S.sourced("b", session2)])
        #expect(clusters.count == 4)
    }

    @Test func anAggregatorRelayAndItsSourceAreOneEvent() {
        let origin = S.event("Hackathon données ouvertes", start: S.at("2022-11-18", 9), place: "Hôtel de ville", locality: "Nantes",
                             url: "https://ville.example/hackathon", foundBy: .jsonLD, sourceID: "https://ville.example/hackathon#event")
        let relay = S.event("[Mois de l'innovation] Hackathon données ouvertes", start: S.at("2022-11-18", 9),
                            url: "https://ville.example/hackathon?utm_source=agenda&utm_medium=rss", foundBy: .rss, sourceID: "agenda-4521")
        #expect(Deduplicator.cluster([S.sourced("agenda", relay), S.sourced("ville", origin)]).count == 1)
    }

    @Test func aGuidRepeatedInsideOneFeedDoesNotMergeItsItems() {
        let a = S.event("Atelier sobriété numérique", start: S.allDay("2022-11-10"), foundBy: .rss, sourceID: "https://lab.example/agenda")
        let b = S.event("Visite du tiers-lieu", start: S.allDay("2022-11-10"), foundBy: .rss, sourceID: "https://lab.example/agenda")
        #expect(Deduplicator.cluster([S.sourced("lab", a), S.sourced("lab", b)]).count == 2)
    }

    @Test func eventsOfOnePageThatShareItsURLStayApart() {
        // A SPIP article announces the Mois (2-30 November) and the Journée des Labs (8 November);
        // both events carry the article's URL.
        let page = "https://region.example/spip.php?article412"
        let month = S.event("Mois de l'innovation publique", start: S.allDay("2022-11-02"), end: S.allDay("2022-11-30"),
                            url: page, foundBy: .prose, sourceID: "a412#1")
        let labs = S.event("Journée nationale des Labs", start: S.allDay("2022-11-08"), url: page, foundBy: .prose, sourceID: "a412#2")
        let elsewhere = S.event("Journée nationale des Labs", start: S.at("2022-11-08", 9), url: "https://labase.example/jnl", foundBy: .jsonLD)
        let clusters = Deduplicator.cluster([S.sourced("region", month), S.sourced("region", labs), S.sourced("labase", elsewhere)])
        #expect(S.titles(clusters) == [["Journée nationale des Labs", "Journée nationale des Labs"], ["Mois de l'innovation publique"]])
        // Two different workshops of one programme page on one day stay apart too.
        let one = S.event("Atelier sobriété numérique", start: S.allDay("2022-11-10"), url: page, foundBy: .prose)
        let two = S.event("Visite du tiers-lieu", start: S.allDay("2022-11-10"), url: page, foundBy: .prose)
        #expect(Deduplicator.cluster([S.sourced("region", one), S.sourced("region", two)]).count == 2)
        // One event told in English then in French on one bilingual page is one event.
        let blog = "https://company.example/blog/round-table"
        let en = S.event("Round-table \"Innovation in work practices\"", start: S.allDay("2021-11-24"), url: blog, language: "en", foundBy: .prose)
        let fr = S.event("Table ronde « L’innovation dans les pratiques de travail »", start: S.allDay("2021-11-24"), url: blog, language: "fr", foundBy: .prose)
        #expect(Deduplicator.cluster([S.sourced("blog", en), S.sourced("blog", fr)]).count == 1)
    }

    @Test func aTimedStartMatchesAnAllDayDateAndARangeContainsItsDays() {
        let timed = S.event("Journée nationale des Labs", start: S.at("2022-11-08", 9), foundBy: .jsonLD)
        let allDay = S.event("Journée nationale des labs", start: S.allDay("2022-11-08"), foundBy: .prose)
        let ranged = S.event("Journée nationale des Labs", start: S.allDay("2022-11-07"), end: S.allDay("2022-11-09"), foundBy: .rss)
        let clusters = Deduplicator.cluster([S.sourced("a", timed), S.sourced("b", allDay), S.sourced("c", ranged)])
        #expect(clusters.count == 1)
        // A month-long range does not swallow the events inside it.
        let month = S.event("Mois de l'innovation publique", start: S.allDay("2022-11-02"), end: S.allDay("2022-11-30"))
        #expect(Deduplicator.cluster([S.sourced("a", timed), S.sourced("m", month)]).count == 2)
    }

    @Test func differentTownsNeverMerge() {
        let a = S.event("Fresque du climat", start: S.allDay("2022-11-12"), locality: "Lyon")
        let b = S.event("Fresque du climat", start: S.allDay("2022-11-12"), locality: "Lille")
        #expect(Deduplicator.cluster([S.sourced("a", a), S.sourced("b", b)]).count == 2)
    }

    @Test func aTownAtTheEndOfAPlaceNameKeepsEventsOfOneMinuteApart() {
        // The benchmark corpus's false merge: one minute, titles of one pattern, and RSS
        // `ev:location` places that name their town only at the end.
        let reims = S.event("Sprint santé publique avec Lab Mosaïque à Reims", start: S.at("2030-10-02", 10, 30),
                            place: "Tiers-lieu de Reims, Reims", organizer: "Lab Mosaïque", foundBy: .rss)
        let ajaccio = S.event("Fresque santé publique avec Lab Est à Ajaccio", start: S.at("2030-10-02", 10, 30),
                              place: "Tiers-lieu de Ajaccio", locality: "Ajaccio", organizer: "Lab Est", foundBy: .jsonLD)
        let ajaccioRSS = S.event("Fresque santé publique avec Lab Est à Ajaccio", start: S.at("2030-10-02", 10, 30),
                                 place: "Tiers-lieu de Ajaccio, Ajaccio", organizer: "Lab Est", foundBy: .rss)
        #expect(Deduplicator.cluster([S.sourced("rss-1", reims), S.sourced("page-1", ajaccio)]).count == 2)
        #expect(Deduplicator.cluster([S.sourced("rss-1", reims), S.sourced("rss-2", ajaccioRSS)]).count == 2)
        // The same event with and without its town in the place name is still one.
        #expect(Deduplicator.cluster([S.sourced("page-1", ajaccio), S.sourced("rss-2", ajaccioRSS)]).count == 1)
    }

    @Test func placeNamesWithoutATownStillMergeOneEvent() {
        let page = S.event("Journée nationale des Labs", start: S.at("2022-11-08", 9, 30), place: "Maison de la Région",
                           locality: "Limoges", foundBy: .jsonLD)
        let places = ["Maison de la Région, 27 boulevard de la Corderie, Limoges", "Maison de la Région, 27 boulevard de la Corderie",
                      "LaBase, Maison de la Région, 87000 Limoges", "Limoges, Hôtel de Région", "LaBase", "Lab, salle 2"]
        for place in places {
            let ics = S.event("Journée nationale des Labs", start: S.at("2022-11-08", 9, 30), place: place, foundBy: .ics)
            #expect(Deduplicator.cluster([S.sourced("site", page), S.sourced("agenda", ics)]).count == 1, "\(place)")
        }
        // A town read from a place name still conflicts with another town.
        let paris = S.event("Journée nationale des Labs", start: S.at("2022-11-08", 9, 30),
                            place: "Maison de la Région, 75013 Paris", foundBy: .ics)
        #expect(Deduplicator.cluster([S.sourced("site", page), S.sourced("agenda", paris)]).count == 2)
    }

    @Test func clustersDoNotDependOnInputOrder() {
        let items = [
            S.sourced("a", S.event("Hackathon données ouvertes", start: S.at("2022-11-18", 9), locality: "Nantes")),
            S.sourced("b", S.event("Hackathon : données ouvertes", start: S.allDay("2022-11-18"), locality: "Nantes")),
            S.sourced("c", S.event("Atelier design", start: S.at("2022-11-18", 14), locality: "Nantes")),
        ]
        #expect(S.titles(Deduplicator.cluster(items)) == S.titles(Deduplicator.cluster(items.reversed())))
    }

    @Test func clustersDoNotDependOnHowTheDaysAreSharedOut() {
        // 120 days (ranges of days are matched on several threads), a few crowded; duplicates
        // announced by several sources, some as ranges of days reaching into other ranges.
        var items: [SourcedEvent] = []
        for n in 0..<900 {
            let day = CivilDate(iso: "2031-01-01")!.adding(days: n % 120)
            let title = "Atelier \(["design", "données", "achats", "agents"][n % 4]) numéro \(n / 3)"
            let start: EventTime = n % 5 == 0 ? .day(day) : S.at(day.iso, 9 + n % 3)
            let end: EventTime? = n % 11 == 0 ? .day(day.adding(days: 3)) : nil
            items.append(S.sourced("s\(n % 7)", S.event(title, start: start, end: end, locality: "Ville\(n / 3 % 40)")))
        }
        for n in stride(from: 0, to: 120, by: 17) {  // crowded days, beyond the all-pairs limit
            for k in 0..<90 {
                items.append(S.sourced("c\(k % 5)", S.event("Rencontre \(k / 2) thème\(k / 2)",
                                                          start: .day(CivilDate(iso: "2031-01-01")!.adding(days: n)), locality: "Lieu\(k / 2)")))
            }
        }
        let one = Deduplicator.clusterIndices(items, ranges: 1)
        #expect(one.count < items.count - 300)  // duplicates were found
        #expect(one.contains { $0.count >= 2 && Set($0.map { items[$0].source }).count >= 2 })
        for ranges in [2, 7, 64, 500] {
            #expect(Deduplicator.clusterIndices(items, ranges: ranges) == one, "\(ranges) ranges")
        }
        #expect(Deduplicator.clusterIndices(items) == one)
    }

    @Test func aPlaceNamesATownOnItsBytesAsFoundationFindsIt() {
        let places = ["tiers-lieu de reims reims", "reims", "maison de la region 75013 paris", "parisien", "la rochelle",
                      "saint etienne du rouvray", "", " reims", "reims  ", "a  b", "mediatheque d orleans", "orléans centre",
                      "ecole de reimsville", "x"]
        let towns = ["reims", "paris", "rochelle", "la rochelle", "saint etienne", "etienne du", "eims", "reim", " reims",
                     "reims ", "a  b", "orleans", "orléans", "x", "ville", "", "de"]
        for place in places {
            for town in towns {
                #expect(EventMatcher.names(place, town: town) == " \(place) ".contains(" \(town) "), "\(place) / \(town)")
            }
        }
        #expect(EventMatcher.asciiNames("orléans centre", town: "orléans") == nil)
        #expect(EventMatcher.asciiNames("tiers-lieu de reims reims", town: "reims") == true)
        #expect(EventMatcher.asciiNames("ecole de reimsville", town: "reims") == false)
    }

    @Test func aPlaceNamesATownOnItsBytesAsFoundationFindsItOnRandomTexts() {
        // Few letters and many spaces: towns often fit, at word starts and inside words.
        var random = Xorshift64(seed: 0xA5C1_1AAE_5017_0001)
        let pieces = ["a", "b", "ab", " ", " ", "  ", "reims", "é", "e\u{301}", "z"]
        func text(_ n: Int) -> String { (0..<random.next(n)).map { _ in pieces[random.next(pieces.count)] }.joined() }
        for _ in 0..<20_000 {
            let place = text(14), town = text(4)
            #expect(EventMatcher.names(place, town: town) == " \(place) ".contains(" \(town) "), "\(place) / \(town)")
        }
        #expect(EventMatcher.isASCII(UnsafeBufferPointer(start: nil, count: 0)))
        for length in 0..<20 {
            for high in 0..<length {
                var bytes = [UInt8](repeating: 0x61, count: length)
                #expect(bytes.withUnsafeBufferPointer(EventMatcher.isASCII))
                bytes[high] = 0x80
                #expect(!bytes.withUnsafeBufferPointer(EventMatcher.isASCII), "\(length) \(high)")
            }
        }
    }

    @Test func aCrowdedDayIsComparedThroughSharedWords() {
        // 200 different events on one day (beyond the all-pairs limit) plus one duplicate.
        var items = (0..<200).map { i in
            S.sourced("s\(i % 7)", S.event("Rencontre numéro \(i) thème\(i)", start: S.allDay("2022-11-08"), locality: "Ville\(i)"))
        }
        items.append(S.sourced("z", S.event("Rencontre numéro 17 thème17", start: S.at("2022-11-08", 10), locality: "Ville17")))
        let clusters = Deduplicator.cluster(items)
        #expect(clusters.count == 200)
        #expect(clusters.contains { $0.count == 2 && $0.allSatisfy { $0.event.location?.locality == "Ville17" } })
    }

    // The rules below come from the benchmark corpus's false merges (Benchmarks/report/accuracy.py):
    // a dense programme, titles of one pattern "Format topic avec Lab à Town".

    @Test func titlesNamingDifferentLabsStayApart() {
        let innov = S.event("Conférence commande publique avec Lab Innov à Poitiers", start: S.at("2031-06-10", 13, 30),
                            place: "Médiathèque de Poitiers", locality: "Poitiers", organizer: "Lab Innov", foundBy: .rss)
        let ouvert = S.event("Conférence commande publique avec Lab Ouvert à Poitiers", start: S.at("2031-06-10", 14, 30),
                             place: "Médiathèque de Poitiers", locality: "Poitiers", organizer: "Lab Ouvert")
        #expect(Deduplicator.cluster([S.sourced("atom-1", innov), S.sourced("page-1", ouvert)]).count == 2)
        // A relay of one of them, with its prefix and without place or organiser, still merges.
        let relay = S.event("[Relais] Conférence commande publique avec Lab Ouvert à Poitiers", start: S.at("2031-06-10", 14, 30), foundBy: .rss)
        #expect(Deduplicator.cluster([S.sourced("rss-1", relay), S.sourced("page-1", ouvert)]).count == 1)
        // A name the other event gives as its place or town is no difference.
        let town = S.event("Fresque du Climat – Limoges", start: S.at("2022-11-12", 14), place: "Médiathèque", locality: "Limoges")
        let venue = S.event("Fresque du Climat à la Médiathèque", start: S.at("2022-11-12", 14), place: "Médiathèque", locality: "Limoges")
        #expect(Deduplicator.cluster([S.sourced("a", town), S.sourced("b", venue)]).count == 1)
    }

    @Test func unlikeOrganisersNeedAVerySimilarTitle() {
        let design = S.event("Atelier design de services", start: S.at("2022-11-15", 9, 30), organizer: "Région Bretagne")
        let usagers = S.event("Atelier design et usagers", start: S.at("2022-11-15", 9, 30), organizer: "Ti Lab")
        #expect(Deduplicator.cluster([S.sourced("a", design), S.sourced("b", usagers)]).count == 2)
        var same = usagers
        same.organizer = Organizer(name: "Région Bretagne")
        #expect(Deduplicator.cluster([S.sourced("a", design), S.sourced("b", same)]).count == 1)
    }

    @Test func aSharedStartMinuteDoesNotOutweighUnlikePlaces() {
        let design = S.event("Atelier design de services", start: S.at("2022-11-15", 9, 30), place: "Médiathèque", locality: "Rennes")
        let usagers = S.event("Atelier design et usagers", start: S.at("2022-11-15", 9, 30), place: "Campus", locality: "Rennes")
        #expect(Deduplicator.cluster([S.sourced("a", design), S.sourced("b", usagers)]).count == 2)
        // Without places to compare, the start minute still supports a similar title.
        let a = S.event("Atelier design de services", start: S.at("2022-11-15", 9, 30), locality: "Rennes")
        let b = S.event("Atelier design et usagers", start: S.at("2022-11-15", 9, 30), locality: "Rennes")
        #expect(Deduplicator.cluster([S.sourced("a", a), S.sourced("b", b)]).count == 1)
    }

    @Test func titlesAlikeOnlyInTheirOrganiserAndTownStayApart() {
        let table = S.event("Table ronde commande publique avec Lab Mosaïque à Amiens", start: S.at("2031-04-11", 10),
                            place: "Campus de Amiens, Amiens", organizer: "Lab Mosaïque", foundBy: .rss)
        let webinar = S.event("Webinaire commande publique avec Lab Mosaïque à Amiens", start: S.at("2031-04-11", 10),
                              place: "Campus de Amiens, Amiens", organizer: "Lab Mosaïque", foundBy: .rss)
        #expect(Deduplicator.cluster([S.sourced("rss-1", table), S.sourced("rss-2", webinar)]).count == 2)
        // The same event relayed under a longer title is one event.
        let relay = S.event("Agenda : Table ronde commande publique avec Lab Mosaïque à Amiens", start: S.at("2031-04-11", 10),
                            place: "Campus de Amiens", locality: "Amiens", organizer: "Lab Mosaïque")
        #expect(Deduplicator.cluster([S.sourced("rss-1", table), S.sourced("page-1", relay)]).count == 1)
    }
}
