// Events and times for the store suite.

import Foundation
import LabfeedCore
import LabfeedProgramme

enum StoreSamples {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let t1 = instant("2022-10-01T08:00:00Z")
    static let t2 = instant("2022-10-02T08:00:00Z")

    static func instant(_ text: String) -> Date { UTCTimestamp.date(text)! }

    static func at(_ date: String, _ hour: Int) -> EventTime {
        .time(LocalDateTime(date: CivilDate(iso: date)!, hour: hour, minute: 0, in: paris))
    }

    static func allDay(_ date: String) -> EventTime { .day(CivilDate(iso: date)!) }

    static func event(_ title: String, start: EventTime, locality: String? = nil, url: String? = nil, sourceID: String? = nil) -> Event {
        Event(title: title, start: start, location: locality.map { Location(locality: $0) }, url: url, foundBy: .jsonLD, sourceID: sourceID)
    }

    static let atelier = event("Atelier design", start: at("2022-11-15", 9), locality: "Pau", sourceID: "a1")
    static let visite = event("Visite du tiers-lieu", start: allDay("2022-11-16"), locality: "Pau", url: "https://lab.example/visite")
    static let tableRonde = event("Table ronde : l’innovation dans les pratiques de travail", start: at("2022-11-24", 14),
                                  locality: "Limoges", url: "https://lab.example/table-ronde?utm_source=x")
}
