// Group commit for the SQLite store: the per-source writes of concurrent callers (a sync has up
// to twice `concurrency` sources in flight, each recording its attempt and its outcome) share
// one transaction when they arrive while the writer is busy, instead of one transaction each.
//
// Contract: every call is atomic and committed when it returns, exactly as with a transaction of
// its own. Its work runs in a savepoint of the shared transaction: an error rolls back that call
// alone and is thrown to its caller, the others commit. A call returns only once the transaction
// holding it has committed (a failed commit is thrown to every call of the group). A process
// killed before that commit loses the whole group, none of which was reported done, so an
// interrupted sync leaves each source's state as its last committed call left it.

import GRDB
import Synchronization

/// Runs writes of concurrent callers several to a transaction, on the pool's writer.
///
/// No call waits for others to arrive: the first write starts at once, and the writes that come
/// in while it runs form the next transaction (at most ``maxBatch`` calls). Fewer transactions
/// write fewer WAL frames: the pages several sources touch (the file header, `source_state`,
/// the tail of `source_event` and its index) are written once per group, not once per call.
final class GroupCommit: Sendable {
    private struct State {
        var pending: [Job] = []
        var draining = false
        var transactions = 0
    }

    private let pool: DatabasePool
    private let state = Mutex(State())

    /// The most calls one transaction holds.
    static let maxBatch = 64

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// How many calls wait for the writer (for tests).
    var waiting: Int { state.withLock { $0.pending.count } }

    /// How many transactions the groups have run so far (for tests).
    var transactions: Int { state.withLock { $0.transactions } }

    /// Runs `body` in its own savepoint of the next group's transaction; returns its result once
    /// that transaction has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(body, continuation)
            let start = state.withLock { s in
                s.pending.append(job)
                if s.draining { return false }
                s.draining = true
                return true
            }
            if start {
                pool.asyncWriteWithoutTransaction { [self] db in drain(db) }
            }
        }
    }

    /// On the writer: commits groups until none is waiting.
    private func drain(_ db: Database) {
        while true {
            let batch: [Job] = state.withLock { s in
                guard !s.pending.isEmpty else {
                    s.draining = false
                    return []
                }
                let n = min(s.pending.count, Self.maxBatch)
                let batch = Array(s.pending.prefix(n))
                s.pending.removeFirst(n)
                s.transactions += 1
                return batch
            }
            if batch.isEmpty { return }
            if batch.count == 1 {
                // Alone: its savepoint is a transaction of its own, as `pool.write` runs it.
                batch[0].perform(db)
                batch[0].complete(nil)
                continue
            }
            var failure: (any Error)?
            do {
                try db.inTransaction {
                    for job in batch { job.perform(db) }
                    return .commit
                }
            } catch {
                failure = error
            }
            for job in batch { job.complete(failure) }
        }
    }
}

/// One call: its work (run in a savepoint, keeping its own result or error) and its caller.
/// Both closures run on the writer, one after the other, which is what makes the unchecked
/// `Sendable` sound.
private final class Job: @unchecked Sendable {
    let perform: (Database) -> Void
    /// Resumes the caller: with the commit's error when the group failed to commit, else with
    /// the call's own result or error.
    let complete: ((any Error)?) -> Void

    init<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T, _ continuation: CheckedContinuation<T, any Error>) {
        let outcome = Outcome<T>()
        perform = { db in
            do {
                var value: T?
                try db.inSavepoint {
                    value = try body(db)
                    return .commit
                }
                outcome.result = value.map { .success($0) }
            } catch {
                outcome.result = .failure(error)
            }
        }
        complete = { commitError in
            switch (outcome.result, commitError) {
            case (.failure(let error)?, _): continuation.resume(throwing: error)
            case (_, let error?): continuation.resume(throwing: error)
            case (.success(let value)?, nil): continuation.resume(returning: value)
            case (nil, nil): continuation.resume(throwing: StoreError(message: "a grouped write did not run"))
            }
        }
    }
}

/// A call's result, set by `perform` and read by `complete` on the same thread.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
