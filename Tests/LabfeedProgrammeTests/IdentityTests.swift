import Foundation
import LabfeedCore
import Testing
@testable import LabfeedProgramme

struct IdentityTests {
    typealias S = Samples
    let builder = ProgrammeBuilder(zone: Samples.paris)
    let t1 = Samples.instant("2022-10-01T08:00:00Z")
    let t2 = Samples.instant("2022-10-02T08:00:00Z")

    func build(_ store: any ProgrammeStore, at now: Date) async throws -> Programme {
        try await builder.rebuild(store: store, now: now)
    }

    @Test func aTitleEditKeepsTheID() async throws {
        let store: any ProgrammeStore = MemoryStore()
        let before = S.event("Atelier design", start: S.at("2022-11-15", 9), locality: "Pau", foundBy: .rss, sourceID: "item-42")
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [before], at: t1)
        let first = try await build(store, at: t1)
        var after = before
        after.title = "Atelier design des services publics (complet)"
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [after], at: t2)
        let second = try await build(store, at: t2)
        #expect(second.events.count == 1)
        #expect(second.events[0].id == first.events[0].id)
        #expect(second.events[0].event.title == after.title)
        #expect(second.events[0].updated == t2)
        #expect(second.events[0].firstSeen == t1)
    }

    @Test func aTitleEditThatAlsoChangesTheGuidKeepsTheID() async throws {
        let store: any ProgrammeStore = MemoryStore()
        let before = S.event("Atelier design", start: S.at("2022-11-15", 9), locality: "Pau", foundBy: .rss, sourceID: "atelier-design")
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [before], at: t1)
        let first = try await build(store, at: t1)
        var after = before
        after.title = "Atelier design de services"
        after.sourceID = "atelier-design-de-services"
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [after], at: t2)
        let second = try await build(store, at: t2)
        #expect(second.events.map(\.id) == first.events.map(\.id))
    }

    @Test func aNewDuplicateFromAnotherSourceKeepsTheID() async throws {
        let store: any ProgrammeStore = MemoryStore()
        let origin = S.event("Hackathon données ouvertes", start: S.at("2022-11-18", 9), locality: "Nantes", url: "https://ville.example/h")
        try await store.recordSuccess("ville", validators: Validators(), bodyHash: nil, events: [origin], at: t1)
        let first = try await build(store, at: t1)
        let relay = S.event("Hackathon données ouvertes", start: S.at("2022-11-18", 9), url: "https://ville.example/h", foundBy: .jsonLD)
        try await store.recordSuccess("agenda", validators: Validators(), bodyHash: nil, events: [relay], at: t2)
        let second = try await build(store, at: t2)
        #expect(second.events.count == 1)
        #expect(second.events[0].id == first.events[0].id)
        #expect(second.events[0].sources.count == 2)
    }

    @Test func idsDoNotDependOnSourceOrderOrOnTheStoreHistory() {
        let a = S.sourced("a", S.event("Atelier", start: S.allDay("2022-11-15"), locality: "Pau"), seen: t1)
        let b = S.sourced("b", S.event("Atelier", start: S.allDay("2022-11-15"), locality: "Pau"), seen: t2)
        let c = S.sourced("c", S.event("Visite", start: S.allDay("2022-11-16"), locality: "Pau"), seen: t1)
        let one = builder.build(events: ["a": [a], "b": [b], "c": [c]], states: [:], previous: SavedProgramme(), now: t2)
        let two = builder.build(events: ["c": [c], "b": [b], "a": [a]], states: [:], previous: SavedProgramme(), now: t2)
        #expect(one.events.map(\.id) == two.events.map(\.id))
        #expect(Set(one.events.map(\.id)).count == 2)
        #expect(one.events.allSatisfy { $0.id.hasPrefix("ev-") && $0.id.count == 19 })
    }
}
