import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct SQLiteStoreTests {
    typealias S = Samples
    let t1 = Samples.instant("2022-10-01T08:00:00Z")
    let t2 = Samples.instant("2022-10-02T08:00:00Z")

    @Test func itOpensOneFileInWALModeAndCreatesItsDirectory() throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/deep/state/state.sqlite")
        #expect(try store.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: "\(tmp.path)/deep/state/state.sqlite"))
        // Reopening runs no migration twice.
        _ = try SQLiteStore(path: "\(tmp.path)/deep/state/state.sqlite")
    }

    @Test func releasingMemoryKeepsTheStoreUsable() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let atelier = S.event("Atelier design", start: S.at("2022-11-15", 9), locality: "Pau", sourceID: "a1")
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: "abc", events: [atelier], at: t1)
        #expect(try await store.eventsBySource()["lab"]?.map(\.event) == [atelier])
        await store.releaseMemory()  // readers closed, caches emptied: they come back on use
        #expect(try await store.eventsBySource()["lab"]?.map(\.event) == [atelier])
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: "def", events: [], at: t2)
        await store.releaseMemory()
        #expect(try await store.eventsBySource()["lab"] == nil)
        #expect(try await store.sourceState("lab")?.bodyHash == "def")
    }

    @Test func stateAndEventsSurviveReopening() async throws {
        let tmp = TemporaryDirectory()
        let path = "\(tmp.path)/state.sqlite"
        let atelier = S.event("Atelier design", start: S.at("2022-11-15", 9), locality: "Pau", sourceID: "a1")
        do {
            let store = try SQLiteStore(path: path)
            try await store.recordAttempt("lab", at: t1)
            try await store.recordSuccess("lab", validators: Validators(etag: "W/\"x\"", lastModified: "Tue, 01 Nov 2022 08:00:00 GMT"),
                                          bodyHash: "abc", events: [atelier], at: t1.addingTimeInterval(0.7))
            try await store.recordPermanentRedirect("lab", to: "https://new.example/agenda")
            try await store.recordFailure("other", error: "timeout after 30s", retryAfter: t2, at: t1)
        }
        let store = try SQLiteStore(path: path)
        let lab = try #require(try await store.sourceState("lab"))
        #expect(lab.validators == Validators(etag: "W/\"x\"", lastModified: "Tue, 01 Nov 2022 08:00:00 GMT"))
        #expect(lab.lastSuccess == t1)
        #expect(lab.lastChange == t1)
        #expect(lab.bodyHash == "abc")
        #expect(lab.permanentRedirect == "https://new.example/agenda")
        let other = try #require(try await store.allSourceStates()["other"])
        #expect(other.consecutiveFailures == 1)
        #expect(other.failingSince == t1)
        #expect(other.retryAfterUntil == t2)
        #expect(other.lastError == "timeout after 30s")
        let events = try await store.eventsBySource()
        #expect(events["lab"]?.map(\.event) == [atelier])
        #expect(events["lab"]?.first?.key == "id:a1")

        // A later fetch keeps first_seen of the known item and adds the new one.
        let visite = S.event("Visite", start: S.allDay("2022-11-16"))
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [atelier, visite], at: t2)
        let items = try #require(try await store.eventsBySource()["lab"])
        #expect(items.map(\.firstSeen) == [t1, t2])
        #expect(items.map(\.lastSeen) == [t2, t2])
        #expect(try await store.sourceState("lab")?.lastChange == t2)

        try await store.forgetSource("lab")
        #expect(try await store.eventsBySource()["lab"] == nil)
        #expect(try await store.sourceState("lab") == nil)
    }

    @Test func manySourcesComeBackWhole() async throws {
        // More sources than one decoding batch (SQLiteStore.decodeBatch), decoded on every core.
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        var recorded: [String: [Event]] = [:]
        for n in 0..<(SQLiteStore.decodeBatch * 2 + 7) {
            let id = String(format: "lab-%03d", n)
            let events = (0..<(n % 5)).map { k in
                S.event("Atelier \(n)-\(k)", start: S.at("2022-11-\(10 + k)", 9 + k), locality: k % 2 == 0 ? "Pau" : nil, sourceID: "\(id)-\(k)")
            }
            try await store.recordSuccess(id, validators: Validators(), bodyHash: nil, events: events, at: t1)
            if !events.isEmpty { recorded[id] = events }
        }
        let back = try await store.eventsBySource()
        #expect(back.mapValues { $0.map(\.event) } == recorded)
        #expect(back.allSatisfy { id, items in items.allSatisfy { $0.source == id && $0.firstSeen == t1 } })
        #expect(back["lab-004"]?.map(\.key) == (0..<4).map { "id:lab-004-\($0)" })
    }

    @Test func theSavedProgrammeRoundTrips() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        #expect(try await store.savedProgramme() == SavedProgramme())
        let programme = Samples.programme()
        try await store.saveProgramme(SavedProgramme(events: programme.events, updatedAt: programme.updatedAt))
        let back = try await store.savedProgramme()
        #expect(back.updatedAt == programme.updatedAt)
        #expect(back.events.sorted { $0.id < $1.id } == programme.events.sorted { $0.id < $1.id })
    }

    @Test func aSuccessWithUnchangedEventsKeepsLastChange() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let events = [S.event("Atelier", start: S.allDay("2022-11-15"))]
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: events, at: t1)
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: events, at: t2)
        let state = try await store.sourceState("lab")
        #expect(state?.lastChange == t1)
        #expect(state?.lastSuccess == t2)
    }
}
