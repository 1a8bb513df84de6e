// Builders of events and programmes for the programme tests.

import Foundation
import LabfeedCore
import LabfeedHash
@testable import LabfeedProgramme

enum Samples {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    static func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> EventTime {
        .time(LocalDateTime(date: day(date), hour: hour, minute: minute, in: paris))
    }

    static func allDay(_ date: String) -> EventTime { .day(day(date)) }

    /// A UTC instant from `2022-11-04T09:00:00Z`.
    static func instant(_ text: String) -> Date { UTCTimestamp.date(text)! }

    static func event(_ title: String, start: EventTime, end: EventTime? = nil, place: String? = nil, locality: String? = nil,
                      url: String? = nil, organizer: String? = nil, language: String? = nil, alternates: [Alternate] = [],
                      foundBy: FoundBy = .jsonLD, sourceID: String? = nil, status: EventStatus = .scheduled,
                      description: String? = nil, region: String? = nil) -> Event {
        let location: Location? = place == nil && locality == nil && region == nil ? nil : Location(name: place, locality: locality, region: region)
        return Event(title: title, description: description, start: start, end: end, location: location, url: url,
                     organizer: organizer.map { Organizer(name: $0) }, status: status, language: language,
                     alternates: alternates, foundBy: foundBy, sourceID: sourceID)
    }

    static func sourced(_ source: String, _ event: Event, seen: Date = instant("2022-10-01T08:00:00Z")) -> SourcedEvent {
        SourcedEvent(source: source, event: event, firstSeen: seen, lastSeen: seen)
    }

    /// The titles of each cluster, sorted, for readable assertions.
    static func titles(_ clusters: [[SourcedEvent]]) -> [[String]] {
        clusters.map { $0.map(\.event.title).sorted() }.sorted { $0.first ?? "" < $1.first ?? "" }
    }

    /// A small programme with one event of each kind the writers must handle.
    static func programme() -> Programme {
        let seen = instant("2022-10-20T10:00:00Z")
        func item(_ id: String, _ event: Event, past: Bool = false, region: String? = "Nouvelle-Aquitaine") -> ProgrammeEvent {
            ProgrammeEvent(id: id, event: event, sources: [EventSourceRef(source: "lab-na", url: event.url, foundBy: event.foundBy,
                                                                          itemID: event.sourceID, key: ItemKey.of(event), firstSeen: seen, lastSeen: seen)],
                           region: region, firstSeen: seen, lastSeen: seen, updated: seen, past: past,
                           contentHash: SHA256.hex(id))
        }
        var round = event("Table ronde : l’innovation dans les pratiques de travail", start: at("2022-11-24", 14), end: at("2022-11-24", 17),
                          place: "Lab Innovation, Maison de Région", locality: "Limoges", url: "https://lab.example/table-ronde",
                          organizer: "Région Nouvelle-Aquitaine", language: "fr", description: "Une table ronde; avec des invités, et un goûter.\nDeuxième ligne.")
        round.keywords = ["innovation", "travail"]
        let month = event("Mois de l'innovation publique 2022", start: allDay("2022-11-02"), end: allDay("2022-11-30"), url: "https://mois.example/")
        var online = event("Webinaire <script>alert(\"x\")</script>, suite", start: at("2022-11-08", 9, 30), url: "javascript:alert(1)",
                           organizer: "=HYPERLINK(\"http://evil\")", status: .cancelled)
        online.attendanceMode = .online
        let long = event(String(repeating: "Atelier très long é ", count: 8), start: allDay("2022-11-08"), locality: "Bordeaux")
        return Programme(updatedAt: seen, sources: [SourceHealth(id: "lab-na", name: "Lab NA", status: .ok, events: 4, lastChange: seen)],
                         events: [item("ev-00000000000000a1", round), item("ev-00000000000000a2", month),
                                  item("ev-00000000000000a3", online), item("ev-00000000000000a4", long, past: true, region: nil)])
    }
}
