import Foundation
import LabfeedCore
import Testing
@testable import LabfeedProgramme

struct LifecycleTests {
    typealias S = Samples
    let t1 = Samples.instant("2022-10-01T08:00:00Z")
    let t2 = Samples.instant("2022-10-02T08:00:00Z")
    let builder = ProgrammeBuilder(zone: Samples.paris)

    let atelier = Samples.event("Atelier design", start: Samples.at("2022-11-15", 9), locality: "Pau", sourceID: "a1")
    let visite = Samples.event("Visite du tiers-lieu", start: Samples.allDay("2022-11-16"), locality: "Pau", sourceID: "a2")

    @Test(arguments: StoreKind.allCases) func aFailingSourceKeepsItsLastGoodEvents(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.recordSuccess("lab", validators: Validators(etag: "\"v1\""), bodyHash: nil, events: [atelier, visite], at: t1)
        _ = try await builder.rebuild(store: store, now: t1)
        try await store.recordFailure("lab", error: "HTTP 503 from https://lab.example/agenda", retryAfter: nil, at: t2)
        let programme = try await builder.rebuild(store: store, now: t2)
        #expect(programme.events.map(\.event.title).sorted() == ["Atelier design", "Visite du tiers-lieu"])
        #expect(programme.sources.first?.status == .failing)
        #expect(programme.sources.first?.lastError == "HTTP 503 from https://lab.example/agenda")
        let state = try await store.sourceState("lab")
        #expect(state?.validators.etag == "\"v1\"")
        #expect(state?.consecutiveFailures == 1)
    }

    @Test(arguments: StoreKind.allCases) func anEventThatVanishesFromAnAnsweringSourceLeaves(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier, visite], at: t1)
        try await store.recordSuccess("other", validators: Validators(), bodyHash: nil, events: [visite], at: t1)
        _ = try await builder.rebuild(store: store, now: t1)
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [visite], at: t2)
        var programme = try await builder.rebuild(store: store, now: t2)
        #expect(programme.events.map(\.event.title) == ["Visite du tiers-lieu"])
        #expect(programme.events[0].sources.map(\.source) == ["lab", "other"])
        // Dropped from one source, the visit stays while the other still has it.
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [], at: t2)
        programme = try await builder.rebuild(store: store, now: t2)
        #expect(programme.events.map(\.event.title) == ["Visite du tiers-lieu"])
        #expect(programme.events[0].sources.map(\.source) == ["other"])
        try await store.recordSuccess("other", validators: Validators(), bodyHash: nil, events: [], at: t2)
        programme = try await builder.rebuild(store: store, now: t2)
        #expect(programme.events.isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func aCancelledEventIsMarked(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier], at: t1)
        let before = try await builder.rebuild(store: store, now: t1)
        var cancelled = atelier
        cancelled.status = .cancelled
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [cancelled], at: t2)
        let after = try await builder.rebuild(store: store, now: t2)
        #expect(after.events.map(\.event.status) == [.cancelled])
        #expect(after.events[0].id == before.events[0].id)
        #expect(after.events[0].updated == t2)
        #expect(ICSWriter.render(after).contains("STATUS:CANCELLED"))
    }

    @Test(arguments: StoreKind.allCases) func pastEventsAreMarkedThenDroppedAfterKeepPast(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier, visite], at: t1)
        let during = try await builder.rebuild(store: store, now: S.instant("2022-11-15T20:00:00Z"))
        #expect(during.events.map(\.past) == [true, false])
        let later = try await builder.rebuild(store: store, now: S.instant("2022-12-16T12:00:00Z"))
        #expect(later.events.map(\.event.title) == ["Visite du tiers-lieu"])
        #expect(later.events[0].past)
        let forever = ProgrammeBuilder(keepPast: .forever, zone: S.paris)
        #expect(try await forever.rebuild(store: store, now: S.instant("2030-01-01T00:00:00Z")).events.count == 2)
    }

    @Test(arguments: StoreKind.allCases) func aPastEventThatASitePrunesStaysUntilKeepPast(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier, visite], at: t1)
        _ = try await builder.rebuild(store: store, now: S.instant("2022-11-15T20:00:00Z"))
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [visite], at: S.instant("2022-11-16T08:00:00Z"))
        let programme = try await builder.rebuild(store: store, now: S.instant("2022-11-16T08:00:00Z"))
        #expect(programme.events.map(\.event.title) == ["Atelier design", "Visite du tiers-lieu"])
        #expect(programme.events[0].past)
    }

    @Test(arguments: StoreKind.allCases) func aDisabledSourceLeavesTheProgramme(kind: StoreKind) async throws {
        let (store, directory) = try kind.make()
        defer { withExtendedLifetime(directory) {} }
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier], at: t1)
        var config = SourceConfig(id: "lab", url: .file("/dev/null"))
        config.region = "Nouvelle-Aquitaine"
        let withRegion = try await ProgrammeBuilder(zone: S.paris, sources: [config]).rebuild(store: store, now: t1)
        #expect(withRegion.events.first?.region == "Nouvelle-Aquitaine")
        config.enabled = false
        #expect(try await ProgrammeBuilder(zone: S.paris, sources: [config]).rebuild(store: store, now: t1).events.isEmpty)
    }
}
