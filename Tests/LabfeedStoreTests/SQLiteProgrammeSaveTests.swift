// The SQLite store's programme save writes only the rows that differ from those it holds, and
// the table ends as a save into an empty store leaves it.

import Foundation
import GRDB
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct SQLiteProgrammeSaveTests {
    typealias S = StoreSamples
    let saved = Self.programme()

    /// Four events as a build makes them, one source each.
    static func programme() -> SavedProgramme {
        let seen = S.instant("2022-10-20T10:00:00Z")
        let events = [S.atelier, S.visite, S.tableRonde, S.event("Mois de l'innovation publique", start: S.allDay("2022-11-02"))]
        return SavedProgramme(events: events.enumerated().map { n, event in
            ProgrammeEvent(id: "ev-00000000000000a\(n)", event: event,
                           sources: [EventSourceRef(source: "lab-\(n)", url: event.url, foundBy: event.foundBy, itemID: event.sourceID,
                                                    key: ItemKey.of(event), firstSeen: seen, lastSeen: seen)],
                           region: "Nouvelle-Aquitaine", firstSeen: seen, lastSeen: seen, updated: seen,
                           contentHash: String(repeating: "\(n)", count: 64))
        }, updatedAt: seen)
    }

    /// Logs every row of `programme_event` the store's writer inserts, updates or deletes
    /// (temporary triggers live on the connection that makes them: the pool's one writer).
    func logWrites(_ store: SQLiteStore) async throws {
        try await store.pool.write { db in
            try db.execute(sql: """
                CREATE TEMP TABLE written (what TEXT, id TEXT);
                CREATE TEMP TRIGGER log_insert AFTER INSERT ON programme_event BEGIN INSERT INTO written VALUES ('insert', new.id); END;
                CREATE TEMP TRIGGER log_update AFTER UPDATE ON programme_event BEGIN INSERT INTO written VALUES ('update', new.id); END;
                CREATE TEMP TRIGGER log_delete AFTER DELETE ON programme_event BEGIN INSERT INTO written VALUES ('delete', old.id); END;
                """)
        }
    }

    /// The rows written since the last call, as "what id", sorted.
    func written(_ store: SQLiteStore) async throws -> [String] {
        try await store.pool.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT what, id FROM written").map { "\($0[0] as String) \($0[1] as String)" }
            try db.execute(sql: "DELETE FROM written")
            return rows.sorted()
        }
    }

    /// The table as text, by id.
    func rows(_ store: SQLiteStore) throws -> [[String]] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, start_day, content_hash, CAST(updated AS TEXT), event_json FROM programme_event ORDER BY id")
                .map { row in (0..<5).map { row[$0] as String } }
        }
    }

    @Test func aSaveWritesOnlyTheRowsThatDiffer() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        try await logWrites(store)
        try await store.saveProgramme(saved)
        #expect(try await written(store) == saved.events.map { "insert \($0.id)" }.sorted())
        // The same programme again: nothing written.
        try await store.saveProgramme(saved)
        #expect(try await written(store).isEmpty)
        var next = saved
        next.events[1].event.title += " (reporté)"  // changed
        next.events[3].updated = next.events[3].updated.addingTimeInterval(3_600)  // a column and the JSON
        let gone = next.events.remove(at: 2).id
        var added = saved.events[0]
        added.id = "ev-00000000000000b1"
        next.events.append(added)
        try await store.saveProgramme(next)
        #expect(try await written(store) == ["delete \(gone)", "insert ev-00000000000000b1",
                                             "update \(saved.events[1].id)", "update \(saved.events[3].id)"])
        #expect(try await store.savedProgramme() == SavedProgramme(events: next.events.sorted { ($0.startDay, $0.id) < ($1.startDay, $1.id) },
                                                                   updatedAt: next.updatedAt))
    }

    /// `String`'s `==` takes canonically equivalent text as equal ("é" precomposed, "e" and a
    /// combining accent); the stored bytes differ, and the row is written again.
    @Test func canonicallyEquivalentTextIsWrittenAgain() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        var before = saved
        before.events[0].sources[0].key = "id:caf\u{E9}"
        try await store.saveProgramme(before)
        try await logWrites(store)
        var after = before
        after.events[0].sources[0].key = "id:cafe\u{301}"
        #expect(after == before)
        try await store.saveProgramme(after)
        #expect(try await written(store) == ["update \(saved.events[0].id)"])
        #expect(try rows(store).contains { $0[4].contains("cafe\u{301}") })
    }

    /// A sequence of saves, each against a store saved into once from empty: the tables stay
    /// byte for byte the same.
    @Test func itEndsWithTheRowsOfASaveIntoAnEmptyStore() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        var events = saved.events
        for step in 0..<12 {
            switch step % 6 {
            case 0: events[step % events.count].event.title += " \(step)"
            case 1: events[step % events.count].updated = events[step % events.count].updated.addingTimeInterval(3_600)
            case 2: events[step % events.count].past.toggle()
            case 3:
                var added = events[0]
                added.id = "ev-added-\(step)"
                added.event.start = S.at("2022-12-0\(step % 9 + 1)", 10)
                events.append(added)
            case 4: events.remove(at: step % events.count)
            default: events[step % events.count].sources[0].key = step % 2 == 0 ? "id:caf\u{E9}" : "id:cafe\u{301}"
            }
            let next = SavedProgramme(events: events, updatedAt: saved.updatedAt?.addingTimeInterval(Double(step)))
            try await store.saveProgramme(next)
            let fresh = try SQLiteStore(path: "\(tmp.path)/fresh-\(step).sqlite")
            try await fresh.saveProgramme(next)
            #expect(try rows(store) == rows(fresh), "step \(step)")
            #expect(try await store.savedProgramme() == fresh.savedProgramme(), "step \(step)")
        }
    }

    @Test func anIdTwiceIsRefusedAndTheProgrammeKept() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        try await store.saveProgramme(saved)
        let before = try rows(store)
        var twice = saved
        twice.events.append(saved.events[1])
        await #expect(throws: StoreError.self) { try await store.saveProgramme(twice) }
        #expect(try rows(store) == before)
    }
}
