// The SQLite store's programme saved over the one a build started from: only the rows that
// differ are written (``ProgrammeDiff``), and the table ends as a full save leaves it.

import Foundation
import GRDB
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

/// ``SQLiteStore/saveProgramme(_:over:)``: only the rows that differ, and always the rows a
/// full save would have written.
struct SQLiteProgrammeDiffSaveTests {
    typealias S = StoreSamples
    let saved = Self.programme()
    var programme: SavedProgramme { saved }

    /// Four events as a build makes them, one source each.
    static func programme() -> SavedProgramme {
        let seen = S.instant("2022-10-20T10:00:00Z")
        let events = [S.atelier, S.visite, S.tableRonde, S.event("Mois de l'innovation publique", start: S.allDay("2022-11-02"))]
        return SavedProgramme(events: events.enumerated().map { n, event in
            ProgrammeEvent(id: "ev-00000000000000a\(n)", event: event,
                           sources: [EventSourceRef(source: "lab-\(n)", url: event.url, foundBy: event.foundBy, itemID: event.sourceID,
                                                    key: ItemKey.of(event), firstSeen: seen, lastSeen: seen)],
                           region: "Nouvelle-Aquitaine", firstSeen: seen, lastSeen: seen, updated: seen, contentHash: String(repeating: "\(n)", count: 64))
        }, updatedAt: seen)
    }

    /// Each row's rowid by id: `INSERT OR REPLACE` gives a rewritten row a new one.
    func rowids(_ store: SQLiteStore) throws -> [String: Int64] {
        try store.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, rowid FROM programme_event").map { ($0[0] as String, $0[1] as Int64) })
        }
    }

    /// The table as bytes, by id.
    func rows(_ store: SQLiteStore) throws -> [[String]] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, start_day, content_hash, CAST(updated AS TEXT), event_json FROM programme_event ORDER BY id")
                .map { row in (0..<5).map { row[$0] as String } }
        }
    }

    @Test func aSaveOverTheStoredProgrammeRewritesOnlyTheRowsThatDiffer() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        try await store.saveProgramme(saved)
        let previous = try await store.savedProgramme()
        let before = try rowids(store)
        var next = previous
        next.events[1].event.title += " (reporté)"
        next.events.removeAll { $0.id == programme.events[2].id }
        var added = programme.events[0]
        added.id = "ev-00000000000000b1"
        next.events.append(added)
        try await store.saveProgramme(next, over: previous)
        let after = try rowids(store)
        let (changed, gone) = (previous.events[1].id, programme.events[2].id)
        let kept = previous.events.map(\.id).filter { $0 != changed && $0 != gone }
        #expect(kept.count == 2)
        for id in kept { #expect(after[id] == before[id], "\(id)") }
        #expect(after[changed] != nil && after[changed] != before[changed])
        #expect(after[gone] == nil)
        #expect(after["ev-00000000000000b1"] != nil)
        let back = try await store.savedProgramme()
        #expect(Set(back.events) == Set(next.events))
        #expect(back.events.count == next.events.count)
    }

    /// A sequence of saves over what was read, against a store that replaces every row each
    /// time: the tables stay byte for byte the same.
    @Test func itEndsWithTheRowsAFullSaveWrites() async throws {
        let tmp = TemporaryDirectory()
        let diffed = try SQLiteStore(path: "\(tmp.path)/diffed.sqlite")
        let full = try SQLiteStore(path: "\(tmp.path)/full.sqlite")
        var events = programme.events
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
            let next = SavedProgramme(events: events, updatedAt: programme.updatedAt?.addingTimeInterval(Double(step)))
            let previous = try await diffed.savedProgramme()
            try await diffed.saveProgramme(next, over: previous)
            try await full.saveProgramme(next)
            #expect(try rows(diffed) == rows(full), "step \(step)")
            #expect(try await diffed.savedProgramme() == full.savedProgramme(), "step \(step)")
        }
    }

    @Test func aProgrammeSavedOverSinceIsReplacedWhole() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        try await store.saveProgramme(saved)
        let stale = try await store.savedProgramme()
        // Another save in between (another build): rows the stale programme does not know.
        var other = saved
        other.events[0].id = "ev-00000000000000c1"
        try await store.saveProgramme(other)
        var next = stale
        next.events.removeLast()
        try await store.saveProgramme(next, over: stale)
        #expect(try rowids(store).keys.sorted() == next.events.map(\.id).sorted())
        #expect(try await store.savedProgramme() == next)
    }

    @Test func aProgrammeNotReadFromTheStoreOrAnOldStateIsReplacedWhole() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        try await store.saveProgramme(saved)
        // Built by hand: no revision, so nothing is known of what the store holds.
        var other = saved
        other.events.removeFirst()
        try await store.saveProgramme(SavedProgramme(events: [], updatedAt: nil), over: other)
        #expect(try rowids(store).isEmpty)
        // A state saved by a labfeed that did not count its saves.
        try await store.saveProgramme(saved)
        try await store.pool.write { db in try db.execute(sql: "DELETE FROM meta WHERE key = 'programme_revision'") }
        let old = try await store.savedProgramme()
        #expect(old.revision == nil)
        try await store.saveProgramme(SavedProgramme(events: Array(saved.events.prefix(1))), over: old)
        #expect(try rowids(store).keys.sorted() == [saved.events[0].id])
        #expect(try await store.savedProgramme().revision == 1)
    }

    @Test func eachSaveCountsOneRevision() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        #expect(try await store.savedProgramme().revision == nil)
        try await store.saveProgramme(saved)
        let first = try await store.savedProgramme()
        #expect(first.revision == 1)
        try await store.saveProgramme(first, over: first)
        #expect(try await store.savedProgramme().revision == 2)
        // Equality is about the programme, not where it was read from.
        #expect(try await store.savedProgramme() == first)
    }
}
