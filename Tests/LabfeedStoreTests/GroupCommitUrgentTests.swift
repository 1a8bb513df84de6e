// Urgent writes in the group commit (a source's attempt, which its parse waits for): taken
// before the ordinary writes waiting, in a transaction of their own, without lingering.

import Foundation
import GRDB
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct GroupCommitUrgentTests {
    /// Waits (bounded) until `grouped` has `count` calls waiting.
    func waitFor(_ count: Int, in grouped: GroupCommit) async throws {
        for _ in 0..<1_000 where grouped.waiting < count {
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(grouped.waiting == count)
    }

    /// A write that notes its turn: the row `name` gets the number of rows written before it.
    static func note(_ name: String) -> @Sendable (Database) throws -> Void {
        { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, (SELECT count(*) FROM meta WHERE key LIKE 'turn-%'))",
                           arguments: ["turn-\(name)"])
        }
    }

    @Test func urgentWritesGoBeforeTheOrdinaryOnesWaitingInTheirOwnTransaction() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let grouped = GroupCommit(pool: store.pool, linger: .milliseconds(20))
        // The writer held busy, so that every call below waits for it.
        let hold = DispatchSemaphore(value: 0)
        store.pool.asyncWriteWithoutTransaction { _ in hold.wait() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            let calls: [(String, Bool)] = [("a1", false), ("a2", false), ("u1", true), ("a3", false), ("u2", true)]
            for (n, (name, urgent)) in calls.enumerated() {
                group.addTask { try await grouped.write(urgent: urgent, Self.note(name)) }
                try await waitFor(n + 1, in: grouped)  // queued one after the other, in this order
            }
            hold.signal()
            try await group.waitForAll()
        }
        let turns = try await store.pool.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key LIKE 'turn-%'").map {
                (String($0[0] as String).dropFirst(5), Int($0[1] as String) ?? -1)
            })
        }
        #expect(turns == ["u1": 0, "u2": 1, "a1": 2, "a2": 3, "a3": 4])
        // The urgent pair alone, then the three ordinary writes together.
        #expect(grouped.transactions == 2)
        #expect(grouped.waiting == 0)
    }

    @Test func anUrgentWriteDoesNotWaitForCompany() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        // A linger far longer than the test: only a write that skips it ends in time.
        let grouped = GroupCommit(pool: store.pool, linger: .seconds(60))
        let started = ContinuousClock.now
        for n in 0..<3 {
            try await grouped.write(urgent: true, Self.note("u\(n)"))
        }
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(grouped.transactions == 3)
    }

    @Test func anUrgentWriteWakesALingeringWriter() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        // A linger far longer than the test: what ends in time did not wait it out.
        let grouped = GroupCommit(pool: store.pool, linger: .seconds(60))
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Alone, an ordinary write makes the writer linger for company...
            group.addTask { try await grouped.write(Self.note("a0")) }
            try await waitFor(1, in: grouped)
            // ...and an urgent one is written at once, ahead of it.
            try await grouped.write(urgent: true, Self.note("u"))
            #expect(ContinuousClock.now - started < .seconds(30))
            #expect(grouped.waiting == 1)
            // The ordinary write still waits for company, and goes once its group is full.
            for n in 1..<GroupCommit.fullGroup {
                group.addTask { try await grouped.write(Self.note("a\(n)")) }
            }
            try await group.waitForAll()
        }
        #expect(ContinuousClock.now - started < .seconds(30))
        let first = try await store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT key FROM meta WHERE key LIKE 'turn-%' ORDER BY CAST(value AS INTEGER)")
        }
        #expect(first == "turn-u")
        #expect(grouped.transactions == 2)
    }

    @Test func aNewStateHasSixteenKiBPagesAndAnOldOneKeepsItsOwn() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/new.sqlite")
        #expect(try store.pageSizeInUse() == SQLiteStore.pageSize)
        #expect(try await store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA temp_store") } == 2)  // MEMORY

        // A state made by an earlier labfeed (SQLite's 4 KiB pages) opens, migrates and works.
        let oldPath = "\(tmp.path)/old.sqlite"
        do {
            let queue = try DatabaseQueue(path: oldPath)
            try await queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA page_size = 4096")
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "CREATE TABLE earlier (x)")
            }
        }
        let old = try SQLiteStore(path: oldPath)
        #expect(try old.pageSizeInUse() == 4096)
        try await old.recordAttempt("lab", at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try await old.sourceState("lab")?.lastAttempt == Date(timeIntervalSince1970: 1_700_000_000))
    }
}
