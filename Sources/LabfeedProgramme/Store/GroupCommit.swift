// Group commit for the SQLite store: the per-source writes of concurrent callers (a sync has up
// to twice `concurrency` sources in flight, each recording its attempt and its outcome) share
// one transaction when they arrive while the writer is busy, or while it waits (a few
// milliseconds at most) for a group to fill, instead of one transaction each.
//
// Contract: every call is atomic and committed when it returns, exactly as with a transaction of
// its own. Its work runs in a savepoint of the shared transaction: an error rolls back that call
// alone and is thrown to its caller, the others commit. A call returns only once the transaction
// holding it has committed (a failed commit is thrown to every call of the group). A process
// killed before that commit loses the whole group, none of which was reported done, so an
// interrupted sync leaves each source's state as its last committed call left it.

import Dispatch
import GRDB
import Synchronization

/// Runs writes of concurrent callers several to a transaction, on the pool's writer.
///
/// The writes that come in while a transaction runs form the next one (at most ``maxBatch``
/// calls). When fewer than ``fullGroup`` are waiting as the writer turns to them, it waits up to
/// ``linger`` for more (the first of them is then committed at most that much later). Fewer
/// transactions write fewer WAL frames: the pages several sources touch (the file header,
/// `source_state`, the tail of `source_event` and the leaves of its index) are written once
/// per group, not once per call; they were two fifths of a cold sync's frames.
///
/// Urgent writes (a source's attempt, which its parse waits for) go first: the writer takes
/// them alone, in their own short transaction, ahead of the ordinary writes waiting (a source's
/// events), and does not linger while one waits. In a cold sync every fetched source waited for
/// its attempt behind the other sources' events and the writer's lingering: 6 ms of the 13 ms
/// a feed held one of the sync's places.
final class GroupCommit: Sendable {
    private struct State {
        var pending: [Job] = []
        /// How many of `pending`, at its start, are urgent.
        var urgent = 0
        var draining = false
        var transactions = 0
        /// The writer waits for `fullGroup` calls (``wake`` is signalled once when they are there).
        var lingering = false
        /// When the ordinary calls waiting stop waiting for company: set when the writer first
        /// lingers for them, cleared when they are taken (an urgent group taken in between does
        /// not start their wait again).
        var lingerEnds: DispatchTime?
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    /// Signalled (once) by the call that makes a lingering group full.
    private let wake = DispatchSemaphore(value: 0)
    private let linger: Duration

    /// The most calls one transaction holds.
    static let maxBatch = 64

    /// As many calls as the writer starts a transaction with at once; with fewer it waits up
    /// to ``linger`` for more. A cold sync has up to 32 sources in flight, each with two calls
    /// (its attempt, its outcome); the writer was free for groups of six on average.
    static let fullGroup = 16

    /// How long the writer waits for a group to fill: a few milliseconds, next to the tens of
    /// milliseconds a source spends in a sync (request, parse), and to the `fdatasync` of a
    /// checkpoint a group may wait behind anyway.
    static let defaultLinger: Duration = .milliseconds(3)

    /// - Parameter linger: how long the writer waits for a group to fill (zero: never waits).
    init(pool: DatabasePool, linger: Duration = GroupCommit.defaultLinger) {
        self.pool = pool
        self.linger = linger
    }

    /// How many calls wait for the writer (for tests).
    var waiting: Int { state.withLock { $0.pending.count } }

    /// How many transactions the groups have run so far (for tests).
    var transactions: Int { state.withLock { $0.transactions } }

    /// Runs `body` in its own savepoint of the next group's transaction; returns its result once
    /// that transaction has committed.
    /// - Parameter urgent: taken before the ordinary writes waiting, in a group of urgent writes
    ///   alone, without lingering. Two writes keep their order when both are urgent or neither
    ///   is, or when the second is made once the first returned (a source's outcome is recorded
    ///   after its attempt has committed).
    func write<T: Sendable>(urgent: Bool = false, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(body, continuation)
            let (start, full) = state.withLock { s in
                if urgent {
                    s.pending.insert(job, at: s.urgent)
                    s.urgent += 1
                } else {
                    s.pending.append(job)
                }
                var full = false
                if s.lingering && (urgent || s.pending.count >= Self.fullGroup) {
                    s.lingering = false
                    full = true
                }
                if s.draining { return (false, full) }
                s.draining = true
                return (true, full)
            }
            if full { wake.signal() }
            if start {
                pool.asyncWriteWithoutTransaction { [self] db in drain(db) }
            }
        }
    }

    /// On the writer: commits groups until none is waiting.
    private func drain(_ db: Database) {
        while true {
            waitForCompany()
            let batch: [Job] = state.withLock { s in
                guard !s.pending.isEmpty else {
                    s.draining = false
                    return []
                }
                let n = min(s.urgent > 0 ? s.urgent : s.pending.count, Self.maxBatch)
                let batch = Array(s.pending.prefix(n))
                if s.urgent == 0 { s.lingerEnds = nil }
                s.pending.removeFirst(n)
                s.urgent -= min(s.urgent, n)
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

extension GroupCommit {
    /// On the writer, before taking a group: with fewer than ``fullGroup`` calls waiting and none
    /// urgent, waits until there are that many, an urgent one comes, or ``linger`` has passed.
    fileprivate func waitForCompany() {
        guard linger > .zero else { return }
        let (seconds, attoseconds) = linger.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        let until = state.withLock { s -> DispatchTime? in
            guard !s.pending.isEmpty, s.urgent == 0, s.pending.count < Self.fullGroup else { return nil }
            let ends = s.lingerEnds ?? .now() + .nanoseconds(nanoseconds)
            s.lingerEnds = ends
            guard ends > .now() else { return nil }
            s.lingering = true
            return ends
        }
        guard let until else { return }
        if wake.wait(timeout: until) == .timedOut {
            // Either nobody filled the group (no signal will come), or the signal is on its way:
            // then take it, so that the semaphore is back at zero for the next wait.
            let signalled = state.withLock { s in
                defer { s.lingering = false }
                return !s.lingering
            }
            if signalled { wake.wait() }
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
