// The ProgrammeStore contract, run against every store: what one records, the others record.

import Foundation
import LabfeedCore
import LabfeedProgramme
import Testing

struct StoreContractTests {
    typealias S = StoreSamples

    @Test(arguments: StoreKind.available) func stateAndEventsAreKeptAsRecorded(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let store = test.store
            try await store.recordAttempt("lab", at: S.t1)
            try await store.recordSuccess("lab", validators: Validators(etag: "W/\"x\"", lastModified: "Tue, 01 Nov 2022 08:00:00 GMT"),
                                          bodyHash: "abc", events: [S.atelier], at: S.t1.addingTimeInterval(0.7))
            try await store.recordPermanentRedirect("lab", to: "https://new.example/agenda")
            try await store.recordFailure("other", error: "timeout after 30s", retryAfter: S.t2, at: S.t1)

            let lab = try #require(try await store.sourceState("lab"))
            #expect(lab.validators == Validators(etag: "W/\"x\"", lastModified: "Tue, 01 Nov 2022 08:00:00 GMT"))
            #expect(lab.lastAttempt == S.t1 && lab.lastSuccess == S.t1 && lab.lastChange == S.t1)
            #expect(lab.bodyHash == "abc")
            #expect(lab.permanentRedirect == "https://new.example/agenda")
            let other = try #require(try await store.allSourceStates()["other"])
            #expect(other.consecutiveFailures == 1 && other.failingSince == S.t1 && other.retryAfterUntil == S.t2)
            #expect(other.lastError == "timeout after 30s")
            #expect(try await store.sourceState("never") == nil)
            let events = try await store.eventsBySource()
            #expect(events["lab"]?.map(\.event) == [S.atelier])
            #expect(events["lab"]?.first?.key == "id:a1")
            #expect(events["other"] == nil)

            // A later fetch keeps first_seen of the known item, adds the new one, in the feed's order.
            try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [S.visite, S.atelier], at: S.t2)
            let items = try #require(try await store.eventsBySource()["lab"])
            #expect(items.map(\.event.title) == ["Visite du tiers-lieu", "Atelier design"])
            #expect(items.map(\.firstSeen) == [S.t2, S.t1])
            #expect(items.map(\.lastSeen) == [S.t2, S.t2])
            #expect(try await store.sourceState("lab")?.lastChange == S.t2)

            try await store.forgetSource("lab")
            #expect(try await store.eventsBySource()["lab"] == nil)
            #expect(try await store.sourceState("lab") == nil)
            #expect(try await store.allSourceStates().keys.sorted() == ["other"])
        }
    }

    @Test(arguments: StoreKind.available) func aFailureNeverTouchesEventsAndANotModifiedConfirmsThem(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let store = test.store
            try await store.recordSuccess("lab", validators: Validators(etag: "\"v1\""), bodyHash: nil, events: [S.atelier, S.visite], at: S.t1)
            try await store.recordFailure("lab", error: "HTTP 503 from https://lab.example/agenda", retryAfter: nil, at: S.t1.addingTimeInterval(60))
            try await store.recordFailure("lab", error: "HTTP 503 again", retryAfter: nil, at: S.t1.addingTimeInterval(120))
            var state = try #require(try await store.sourceState("lab"))
            #expect(state.consecutiveFailures == 2 && state.failingSince == S.t1.addingTimeInterval(60))
            #expect(state.validators.etag == "\"v1\"" && state.lastError == "HTTP 503 again")
            #expect(try await store.eventsBySource()["lab"]?.count == 2)

            try await store.recordNotModified("lab", at: S.t2.addingTimeInterval(0.9))
            state = try #require(try await store.sourceState("lab"))
            #expect(state.consecutiveFailures == 0 && state.failingSince == nil && state.lastError == nil)
            #expect(state.lastSuccess == S.t2 && state.lastChange == S.t1)
            let items = try #require(try await store.eventsBySource()["lab"])
            #expect(items.map(\.lastSeen) == [S.t2, S.t2])
            #expect(items.map(\.firstSeen) == [S.t1, S.t1])
        }
    }

    @Test(arguments: StoreKind.available) func aSuccessWithUnchangedEventsKeepsLastChange(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            try await test.store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [S.atelier], at: S.t1)
            try await test.store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [S.atelier], at: S.t2)
            let state = try await test.store.sourceState("lab")
            #expect(state?.lastChange == S.t1)
            #expect(state?.lastSuccess == S.t2)
        }
    }

    @Test(arguments: StoreKind.available) func aFeedRepeatingOneGuidKeepsEveryItem(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            var second = S.visite
            second.sourceID = "a1"
            try await test.store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [S.atelier, second], at: S.t1)
            let keys = try #require(try await test.store.eventsBySource()["lab"]).map(\.key)
            #expect(keys.count == 2 && Set(keys).count == 2)
        }
    }

    @Test(arguments: StoreKind.available) func theSavedProgrammeRoundTrips(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            #expect(try await test.store.savedProgramme() == SavedProgramme())
            try await test.store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [S.atelier, S.visite, S.tableRonde], at: S.t1)
            let programme = try await ProgrammeBuilder(zone: S.paris).rebuild(store: test.store, now: S.t1)
            #expect(programme.events.count == 3)
            let back = try await test.store.savedProgramme()
            #expect(back.updatedAt == programme.updatedAt)
            #expect(back.events == programme.events)
            // Saving an empty programme empties it.
            try await test.store.saveProgramme(SavedProgramme(events: [], updatedAt: S.t2))
            #expect(try await test.store.savedProgramme() == SavedProgramme(events: [], updatedAt: S.t2))
        }
    }

    /// The merged result does not depend on the store: the same records give the same programme.
    @Test(arguments: StoreKind.available) func theProgrammeEqualsTheOneBuiltInMemory(kind: StoreKind) async throws {
        func feed(_ store: any ProgrammeStore) async throws -> [Programme] {
            let builder = ProgrammeBuilder(zone: S.paris)
            var duplicate = S.tableRonde
            duplicate.url = "https://lab.example/table-ronde"
            duplicate.title = "Table ronde : l'innovation dans les pratiques de travail"
            try await store.recordSuccess("region", validators: Validators(), bodyHash: nil, events: [S.atelier, S.tableRonde], at: S.t1)
            try await store.recordSuccess("agenda", validators: Validators(), bodyHash: nil, events: [duplicate, S.visite], at: S.t1)
            let first = try await builder.rebuild(store: store, now: S.t1)
            var cancelled = S.atelier
            cancelled.status = .cancelled
            try await store.recordSuccess("region", validators: Validators(), bodyHash: nil, events: [cancelled], at: S.t2)
            try await store.recordFailure("agenda", error: "HTTP 500", retryAfter: nil, at: S.t2)
            return [first, try await builder.rebuild(store: store, now: S.t2)]
        }
        let reference = try await feed(MemoryStore())
        #expect(reference[0].events.count == 3)
        let programmes = try await withStore(kind) { test in try await feed(test.store) }
        #expect(programmes == reference)
    }

    @Test(arguments: StoreKind.available.filter { $0 != .memory }) func everythingSurvivesReopening(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            try await test.store.recordSuccess("lab", validators: Validators(etag: "\"e\""), bodyHash: "h", events: [S.atelier], at: S.t1)
            try await test.store.register([WorkItem(sourceID: "lab", host: "lab.example", nextDue: S.t2)])
            let programme = try await ProgrammeBuilder(zone: S.paris).rebuild(store: test.store, now: S.t1)
            let (again, close) = try #require(try await test.reopen())
            #expect(try await again.sourceState("lab")?.validators.etag == "\"e\"")
            #expect(try await again.eventsBySource()["lab"]?.map(\.event) == [S.atelier])
            #expect(try await again.savedProgramme().events == programme.events)
            #expect(try await again.schedule() == ["lab": S.t2])
            await close()
        }
    }

    /// An event setting every field, with text JSON escapes and doubles that must come back
    /// bit for bit: what a sync holds must be what the store reads back.
    static let everyField = Event(
        title: "Café \"numérique\" \\ n°5\u{0}\t🎉", description: "Ligne 1\nLigne 2", descriptionHTML: "<p>Ligne 1</p>",
        start: S.at("2022-11-15", 9), end: S.at("2022-11-15", 12), timeZone: "Europe/Paris",
        location: Location(name: "Tiers-lieu, Limoges", address: "1 rue X", locality: "Limoges", postalCode: "87000",
                           region: "Nouvelle-Aquitaine", country: "FR", latitude: 45.833_619_1, longitude: -0.0),
        url: "https://lab.example/cafe?x=1&y=2", organizer: Organizer(name: "Lab Ouest", url: "https://lab.example"),
        status: .rescheduled, previousStart: S.allDay("2022-11-08"), attendanceMode: .mixed, onlineURL: "https://visio.example/1",
        registration: Registration(url: "https://lab.example/inscription", price: "0", currency: "EUR", free: true),
        keywords: ["design", "données"], image: "https://lab.example/a.png",
        superEvent: EventReference(title: "Mois de l'innovation publique", url: "https://moisdelinnovation.example"),
        language: "fr", alternates: [Alternate(language: "en", url: "https://lab.example/en/cafe")],
        foundBy: .jsonLD, confidence: 0.1 + 0.2, sourceID: "cafe-5")

    @Test(arguments: StoreKind.available) func theItemsARecordReturnsAreTheItemsReadBack(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let store = test.store
            // Two events with one key (made unique), every field, and a time with a fraction.
            let first = [S.atelier, Self.everyField, S.atelier, S.visite]
            let recorded = try #require(try await store.recordSuccessReturningItems(
                "lab", validators: Validators(etag: "\"1\""), bodyHash: "h", events: first, at: S.t1.addingTimeInterval(0.7)))
            var stored = try await store.eventsBySource()
            #expect(recorded == stored["lab"])
            #expect(recorded.count == 4 && Set(recorded.map(\.key)).count == 4)
            #expect(recorded.allSatisfy { $0.firstSeen == S.t1 && $0.lastSeen == S.t1 })
            let everyField = try #require(stored["lab"]?[1].event)
            #expect(everyField.confidence.bitPattern == Self.everyField.confidence.bitPattern)
            #expect(everyField.location?.longitude?.bitPattern == (-0.0).bitPattern)

            // Again later: first_seen kept for the known items, the new one seen now.
            try await store.recordSuccess("other", validators: Validators(), bodyHash: nil, events: [S.tableRonde], at: S.t1)
            let again = try #require(try await store.recordSuccessReturningItems(
                "lab", validators: Validators(), bodyHash: nil, events: [S.tableRonde, Self.everyField], at: S.t2))
            stored = try await store.eventsBySource()
            #expect(again == stored["lab"])
            #expect(again.map(\.firstSeen) == [S.t2, S.t1])

            // The other sources alone, as eventsBySource gives them.
            #expect(try await store.eventsBySource(excluding: ["lab"]) == ["other": try #require(stored["other"])])
            #expect(try await store.eventsBySource(excluding: ["lab", "other", "never"]).isEmpty)
            #expect(try await store.eventsBySource(excluding: []) == stored)

            // No events: none returned, none stored.
            let none = try await store.recordSuccessReturningItems("lab", validators: Validators(), bodyHash: nil, events: [], at: S.t2)
            #expect(none == [])
            #expect(try await store.eventsBySource()["lab"] ?? [] == [])
        }
    }

    @Test(arguments: StoreKind.available) func anIDHoldingANULReadsBackAsReturned(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let store = test.store
            let odd = S.event("Ate\u{0}lier", start: S.at("2022-11-15", 9), sourceID: "a\u{0}b")
            let recorded = try await store.recordSuccessReturningItems("lab", validators: Validators(), bodyHash: nil,
                                                                       events: [odd, S.visite], at: S.t1)
            #expect(recorded != nil)
            #expect(recorded == (try await store.eventsBySource()["lab"]))
            #expect(try await store.eventsBySource()["lab"]?.map(\.event) == [odd, S.visite])
            // A key with a NUL (ItemKey cleans ids, so none is made today) is not promised:
            // SQLite reads text up to it, PostgreSQL refuses it.
            let item = SourcedEvent(source: "lab", key: "id:a\u{0}b", event: odd, firstSeen: S.t1, lastSeen: S.t1)
            #expect(!StoreTransitions.readsBackAsIs([item]))
            #expect(StoreTransitions.readsBackAsIs(try #require(recorded)))
        }
    }
}
