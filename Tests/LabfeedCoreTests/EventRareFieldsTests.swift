// Event's rarely given fields live in one shared box: they must read, write, compare, hash and
// round-trip through JSON exactly as stored properties did.

import Foundation
import LabfeedCore
import Testing

struct EventRareFieldsTests {
    private func plain() -> Event {
        Event(title: "Atelier design", start: .day(CivilDate(year: 2026, month: 11, day: 3)), url: "https://lab.example/a",
              foundBy: .jsonLD)
    }

    private func full() -> Event {
        Event(title: "Atelier design", descriptionHTML: "<p>Atelier</p>", start: .day(CivilDate(year: 2026, month: 11, day: 3)),
              url: "https://lab.example/a", previousStart: .day(CivilDate(year: 2026, month: 10, day: 1)),
              onlineURL: "https://visio.example/x", registration: Registration(url: "https://lab.example/r", free: true),
              image: "https://lab.example/i.png", superEvent: EventReference(title: "Mois de l'innovation publique"),
              foundBy: .jsonLD)
    }

    @Test func theInitialiserKeepsEveryRareField() {
        let event = full()
        #expect(event.descriptionHTML == "<p>Atelier</p>")
        #expect(event.previousStart == .day(CivilDate(year: 2026, month: 10, day: 1)))
        #expect(event.onlineURL == "https://visio.example/x")
        #expect(event.registration == Registration(url: "https://lab.example/r", free: true))
        #expect(event.image == "https://lab.example/i.png")
        #expect(event.superEvent?.title == "Mois de l'innovation publique")
        #expect(plain().image == nil && plain().registration == nil)
    }

    @Test func eachRareFieldTellsEventsApart() {
        var changes: [(inout Event) -> Void] = []
        changes.append { $0.descriptionHTML = "<p>x</p>" }
        changes.append { $0.previousStart = .day(CivilDate(year: 2026, month: 9, day: 9)) }
        changes.append { $0.onlineURL = "https://other.example" }
        changes.append { $0.registration?.price = "5" }
        changes.append { $0.image = nil }
        changes.append { $0.superEvent = nil }
        for change in changes {
            var other = full()
            change(&other)
            #expect(other != full())
        }
    }

    @Test func settingAFieldBackLeavesAnEqualEventWithTheSameHash() {
        var event = plain()
        event.image = "https://lab.example/i.png"
        #expect(event != plain())
        event.image = nil
        #expect(event == plain())
        #expect(event.hashValue == plain().hashValue)
        #expect(Set([event, plain(), full(), full()]).count == 2)
    }

    @Test func aCopyIsNotChangedThroughTheOriginal() {
        var original = full()
        let copy = original
        original.registration?.url = "https://elsewhere.example"
        original.onlineURL = nil
        #expect(copy.registration?.url == "https://lab.example/r")
        #expect(copy.onlineURL == "https://visio.example/x")
        #expect(original.registration?.url == "https://elsewhere.example")
        #expect(original.onlineURL == nil)
        #expect(original.image == copy.image)
    }

    @Test func jsonRoundTripsTheRareFields() throws {
        for event in [full(), plain()] {
            let data = try JSONEncoder().encode(event)
            #expect(try JSONDecoder().decode(Event.self, from: data) == event)
        }
        let text = String(decoding: try JSONEncoder().encode(plain()), as: UTF8.self)
        #expect(text.contains("\"image\":null") && text.contains("\"previous_start\":null"))
    }
}
