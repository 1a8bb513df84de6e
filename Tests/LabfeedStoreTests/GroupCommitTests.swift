// The SQLite store's group commit (GroupCommit): writes that arrive while the writer is busy
// share one transaction, each still atomic on its own, and every caller gets its own result.

import Foundation
import GRDB
import LabfeedCore
import LabfeedTestSupport
import Synchronization
import Testing
@testable import LabfeedProgramme

struct GroupCommitTests {
    typealias S = StoreSamples

    /// Holds the store's writer busy until `release()`, so that the writes issued meanwhile
    /// queue up and form one group.
    final class Gate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        private let entered = Atomic<Bool>(false)
        func hold(_ db: Database) { entered.store(true, ordering: .sequentiallyConsistent); semaphore.wait() }
        func release() { semaphore.signal() }
        var isHeld: Bool { entered.load(ordering: .sequentiallyConsistent) }
    }

    /// Waits (at most 10 s) until `condition` holds.
    func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            try #require(ContinuousClock.now < deadline, "timed out")
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    @Test func writesQueuedWhileTheWriterIsBusyShareOneTransactionAndEachCommits() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let gate = Gate()
        let before = store.grouped.transactions
        let count = 40
        let returned = try await withThrowingTaskGroup(of: Int?.self) { group in
            group.addTask {
                try await store.grouped.write { db in gate.hold(db) }
                return nil
            }
            try await waitUntil { gate.isHeld }
            for n in 0..<count {
                group.addTask {
                    let event = S.event("Atelier \(n)", start: S.at("2022-11-15", 9), sourceID: "a\(n)")
                    let items = try await store.recordSuccessReturningItems("lab-\(n)", validators: Validators(etag: "e\(n)"),
                                                                            bodyHash: "h\(n)", events: [event], at: S.t1)
                    return items?.count
                }
            }
            try await waitUntil { store.grouped.waiting == count }
            gate.release()
            var returned: [Int?] = []
            for try await items in group { returned.append(items) }
            return returned
        }
        #expect(returned.compactMap { $0 } == Array(repeating: 1, count: count))
        // The held write, then the 40 queued ones in one transaction.
        #expect(store.grouped.transactions - before == 2)
        let states = try await store.allSourceStates()
        let events = try await store.eventsBySource()
        for n in 0..<count {
            #expect(states["lab-\(n)"]?.validators.etag == "e\(n)")
            #expect(states["lab-\(n)"]?.lastSuccess == S.t1)
            #expect(events["lab-\(n)"]?.map(\.event.title) == ["Atelier \(n)"])
        }
    }

    @Test func aFailingWriteRollsBackAloneAndItsCallerGetsItsError() async throws {
        struct Refused: Error {}
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let gate = Gate()
        let outcomes = try await withThrowingTaskGroup(of: (String, Bool).self) { group in
            group.addTask {
                try await store.grouped.write { db in gate.hold(db) }
                return ("held", true)
            }
            try await waitUntil { gate.isHeld }
            for (n, key) in ["a", "b", "c"].enumerated() {
                group.addTask {
                    do {
                        let written = try await store.grouped.write { db in
                            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 'x')", arguments: [key])
                            if key == "b" { throw Refused() }
                            return key
                        }
                        return (written, true)
                    } catch is Refused {
                        return (key, false)
                    }
                }
                try await waitUntil { store.grouped.waiting == n + 1 }
            }
            gate.release()
            var outcomes: [String: Bool] = [:]
            for try await (key, ok) in group { outcomes[key] = ok }
            return outcomes
        }
        #expect(outcomes == ["held": true, "a": true, "b": false, "c": true])
        let keys = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT key FROM meta ORDER BY key") }
        #expect(keys == ["a", "c"])
    }

    @Test func aSyncsWritesFromManyTasksAllLand() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        let count = 300
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<count {
                group.addTask {
                    let id = "lab-\(n)"
                    try await store.recordAttempt(id, at: S.t1)
                    switch n % 3 {
                    case 0:
                        let event = S.event("Atelier \(n)", start: S.at("2022-11-15", 9), sourceID: "a\(n)")
                        try await store.recordSuccess(id, validators: Validators(), bodyHash: "h\(n)", events: [event], at: S.t1)
                    case 1: try await store.recordFailure(id, error: "refused \(n)", retryAfter: nil, at: S.t1)
                    default: try await store.recordNotModified(id, at: S.t1)
                    }
                }
            }
            try await group.waitForAll()
        }
        let states = try await store.allSourceStates()
        let events = try await store.eventsBySource()
        #expect(states.count == count)
        for n in 0..<count {
            let state = try #require(states["lab-\(n)"])
            #expect(state.lastAttempt == S.t1)
            switch n % 3 {
            case 0: #expect(state.bodyHash == "h\(n)" && events["lab-\(n)"]?.count == 1)
            case 1: #expect(state.lastError == "refused \(n)" && state.consecutiveFailures == 1)
            default: #expect(state.lastSuccess == S.t1 && state.lastError == nil)
            }
        }
    }
}
