// The SQLite store's per-source writes as a cold sync makes them: a source's rows in order, the
// new items made before the transaction, and groups that wait a little for company.

import Foundation
import GRDB
import LabfeedCore
import LabfeedTestSupport
import Synchronization
import Testing
@testable import LabfeedProgramme

struct SQLiteWriteTests {
    typealias S = StoreSamples

    /// `count` distinct events (distinct ids, so distinct keys), numbered in their titles.
    static func events(_ count: Int) -> [Event] {
        (0..<count).map { n in S.event("Atelier \(n)", start: S.at("2022-11-15", 9 + n % 8), sourceID: "e\(n)") }
    }

    @Test(arguments: [0, 1, 15, 16, 17, 33, 48, 70])
    func aSourcesRowsAreWrittenInTheirOrderWhateverTheirNumber(count: Int) async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let events = Self.events(count)
        let recorded = try #require(try await store.recordSuccessReturningItems("lab", validators: Validators(), bodyHash: nil,
                                                                                 events: events, at: S.t1))
        #expect(recorded.map(\.event) == events)
        let stored = try await store.eventsBySource()["lab"] ?? []
        #expect(stored == recorded)
        let positions = try await store.pool.read { db in
            try Int.fetchAll(db, sql: "SELECT position FROM source_event WHERE source_id = 'lab' ORDER BY rowid")
        }
        #expect(positions == Array(0..<count))

        // A second fetch with fewer, reordered and new items replaces the rows, keeping first_seen.
        let later = Array(events.reversed().prefix(max(0, count - 2))) + Self.events(count + 3).suffix(3)
        let again = try #require(try await store.recordSuccessReturningItems("lab", validators: Validators(), bodyHash: nil,
                                                                              events: later, at: S.t2))
        #expect(try await store.eventsBySource()["lab"] ?? [] == again)
        #expect(again.map(\.event) == later)
        let firstSeen = again.map { item in events.contains(item.event) ? S.t1 : S.t2 }
        #expect(again.map(\.firstSeen) == firstSeen)
    }

    /// A 304 confirms a source's items by moving its `last_success`, which their `last_seen` is
    /// read from: their rows stay as they were (a re-sync rewrote every page of them).
    @Test func aNotModifiedConfirmsTheItemsWithoutRewritingTheirRows() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        _ = try await store.recordSuccessReturningItems("lab", validators: Validators(), bodyHash: nil, events: Self.events(3), at: S.t1)
        _ = try await store.recordSuccessReturningItems("other", validators: Validators(), bodyHash: nil, events: Self.events(2), at: S.t1)
        func rows() throws -> [[Double]] {
            try store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT rowid, last_seen FROM source_event ORDER BY rowid").map { [$0[0], $0[1]] }
            }
        }
        let before = try rows()
        try await store.recordNotModified("lab", at: S.t2)
        #expect(try rows() == before)
        #expect(try await store.sourceState("lab")?.lastSuccess == S.t2)
        let items = try await store.eventsBySource()
        #expect(items["lab"]?.map(\.lastSeen) == [S.t2, S.t2, S.t2])
        #expect(items["other"]?.map(\.lastSeen) == [S.t1, S.t1])
        // The next success writes the rows again, at its own time.
        _ = try await store.recordSuccessReturningItems("lab", validators: Validators(), bodyHash: nil, events: Self.events(1), at: S.t1)
        #expect(try await store.eventsBySource()["lab"]?.map(\.lastSeen) == [S.t1])
    }

    /// The rows' JSON is bound from its bytes (``JSONText``), not from a String: stored as the
    /// same TEXT the String gave, row after row through one prepared statement (a shorter text
    /// after a longer one, non-ASCII text, the other columns bound by GRDB beside it).
    @Test func eachRowsJSONIsStoredAsTheTextOfItsString() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        var events = Self.events(3)
        events[1].title = "Atelier « données » — café ☕ \u{301} " + String(repeating: "long ", count: 300)
        events[2].description = "\u{0}\u{1F}\"\\/"
        _ = try await store.recordSuccessReturningItems("lab", validators: Validators(), bodyHash: nil, events: events, at: S.t1)
        _ = try await store.recordSuccessReturningItems("lab-2", validators: Validators(), bodyHash: nil,
                                                        events: Array(events.reversed()), at: S.t1)
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source_id, item_key, position, typeof(event_json) AS type, event_json FROM source_event
                ORDER BY source_id, position
                """)
        }
        #expect(rows.count == 6)
        for (i, row) in rows.enumerated() {
            let event = i < 3 ? events[i] : events[5 - i]
            #expect(row["type"] as String == "text")
            #expect(row["event_json"] as String == (try SQLiteStore.json(event)))
            #expect(row["source_id"] as String == (i < 3 ? "lab" : "lab-2"))
            #expect(row["position"] as Int == i % 3)
        }
        #expect(try await store.eventsBySource()["lab"]?.map(\.event) == events)

        // The programme's rows likewise.
        let programme = SavedProgramme(events: events.enumerated().map { n, event in
            ProgrammeEvent(id: "ev-\(n)", event: event, sources: [], firstSeen: S.t1, lastSeen: S.t1, updated: S.t1, contentHash: "h\(n)")
        }, updatedAt: S.t1)
        try await store.saveProgramme(programme)
        let saved = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT typeof(event_json) AS type, event_json FROM programme_event ORDER BY id")
        }
        #expect(saved.map { $0["type"] as String } == ["text", "text", "text"])
        #expect(try saved.map { $0["event_json"] as String } == programme.events.map(SQLiteStore.json))
        #expect(try await store.savedProgramme().events == programme.events)
    }

    @Test func freshItemsReplacingNothingAreTheItemsOfTheFullReplace() {
        let events = [S.atelier, S.visite, S.atelier, S.tableRonde]
        let keys = ItemKey.unique(events)
        let at = S.t1.addingTimeInterval(0.7)
        let fresh = StoreTransitions.fresh(events, keys: keys, source: "lab", at: at)
        let full = StoreTransitions.replace([], with: events, keys: keys, source: "lab", at: at)
        let quick = StoreTransitions.replace([], with: fresh)
        #expect(quick.items == full.items && quick.changed == full.changed && quick.changed)
        #expect(quick.items.allSatisfy { $0.firstSeen == S.t1 && $0.lastSeen == S.t1 })
        let empty = StoreTransitions.replace([], with: [])
        #expect(empty.items.isEmpty && !empty.changed)
        #expect(!StoreTransitions.replace([], with: [], keys: [], source: "lab", at: at).changed)
    }

    @Test func freshItemsReplacingKnownOnesKeepFirstSeenAndSayWhetherAnythingChanged() {
        let old = StoreTransitions.replace([], with: [S.atelier, S.visite], source: "lab", at: S.t1).items
        for events in [[S.visite, S.atelier], [S.atelier, S.visite], [S.tableRonde, S.atelier], [S.atelier], []] {
            let keys = ItemKey.unique(events)
            let full = StoreTransitions.replace(old, with: events, keys: keys, source: "lab", at: S.t2)
            let quick = StoreTransitions.replace(old, with: StoreTransitions.fresh(events, keys: keys, source: "lab", at: S.t2))
            #expect(quick.items == full.items)
            #expect(quick.changed == full.changed)
        }
        let same = StoreTransitions.replace(old, with: StoreTransitions.fresh([S.visite, S.atelier], keys: ItemKey.unique([S.visite, S.atelier]),
                                                                              source: "lab", at: S.t2))
        #expect(!same.changed)
        #expect(same.items.map(\.firstSeen) == [S.t1, S.t1])
        #expect(same.items.map(\.lastSeen) == [S.t2, S.t2])
    }

    @Test func aGroupWaitsForCompanyAndStartsOnceFull() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        // A linger far longer than the test: the group can only start because it filled up.
        let grouped = GroupCommit(pool: store.pool, linger: .seconds(60))
        let count = GroupCommit.fullGroup
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<count {
                group.addTask {
                    try await grouped.write { db in
                        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 'x')", arguments: ["k\(n)"])
                    }
                }
            }
            try await group.waitForAll()
        }
        // Not a timing: only a group that started before its linger ran out ends this soon.
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(grouped.transactions == 1)
        let keys = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meta WHERE key LIKE 'k%'") }
        #expect(keys == count)
    }

    @Test func aLoneWriteCommitsAfterTheLingerAndAnotherFollows() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let grouped = GroupCommit(pool: store.pool, linger: .milliseconds(20))
        for n in 0..<3 {
            let value = try await grouped.write { db in
                try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 'x')", arguments: ["lone\(n)"])
                return n
            }
            #expect(value == n)
        }
        #expect(grouped.transactions == 3)
        #expect(grouped.waiting == 0)
        let keys = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT key FROM meta ORDER BY key") }
        #expect(keys == ["lone0", "lone1", "lone2"])
    }

    @Test func withoutLingerEveryWriteStartsAtOnce() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let grouped = GroupCommit(pool: store.pool, linger: .zero)
        for n in 0..<3 {
            try await grouped.write { db in try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 'x')", arguments: ["z\(n)"]) }
        }
        #expect(grouped.transactions == 3)
    }
}
