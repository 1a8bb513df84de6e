// Work sharing between workers: leases on due sources, per-host next allowed times, and the
// merge lock. SQLite and memory implement it for one process (or several on one machine);
// PostgreSQL (LabfeedPostgres) for many workers on many machines.

public import Foundation

/// A source the queue schedules: its id, its host (nil for files) and when it is first due.
public struct WorkItem: Sendable, Hashable {
    public var sourceID: String
    /// The host whose politeness binds this source (lower-cased), nil for a file.
    public var host: String?
    /// When a newly registered source is due (a known source keeps its own schedule).
    public var nextDue: Date

    public init(sourceID: String, host: String?, nextDue: Date) {
        self.sourceID = sourceID
        self.host = host
        self.nextDue = nextDue
    }
}

/// Who holds a source and until when (for `labfeed sources` and `/metrics`).
public struct Lease: Sendable, Hashable {
    public var sourceID: String
    /// The worker's name (``WorkQueue/claimDue(worker:limit:now:leaseFor:)``).
    public var owner: String
    public var claimedAt: Date
    /// The lease ends then unless renewed; after it, the source returns to the pool.
    public var until: Date

    public init(sourceID: String, owner: String, claimedAt: Date, until: Date) {
        self.sourceID = sourceID
        self.owner = owner
        self.claimedAt = claimedAt
        self.until = until
    }
}

/// A queue of sources shared by workers.
///
/// Contract every implementation keeps (the store suite checks it on each):
/// - `claimDue` hands out a source only when it is registered, due (`nextDue <= now`), not
///   leased (or its lease has run out), and its host's next allowed time has come; a host with a
///   spacing (`Crawl-delay`) gives at most one source per claim, and the claim moves the host's
///   next allowed time on by the spacing. Oldest due first, then by id. Two claims, from any
///   processes, never return the same source while its lease holds.
/// - With a `perHost` cap, a host never holds more than `perHost` live leases (`until > now`,
///   whatever the worker): a claim takes at most `perHost` minus the host's live leases of its
///   sources, and two concurrent claims together never exceed the cap. Sources without a host
///   (files) are not capped. The cap is applied before `limit`, so a full host does not hide
///   the due sources of other hosts.
/// - `release` ends the lease and sets when the source is next due, only if `worker` still holds
///   it (a lease that ran out and went to another worker is not the caller's to release).
/// - `deferHost` only moves a host's next allowed time later, never earlier.
/// - `withMergeLock` runs its body only when no other holder (process or worker) runs one;
///   it answers nil without waiting otherwise.
/// - Times are the callers' clocks: workers on several machines need synchronised clocks (NTP).
public protocol WorkQueue: Sendable {
    /// Adds the sources not known yet (due at their `nextDue`) and updates the hosts of known
    /// ones; sources not listed are left alone (``ProgrammeStore/forgetSource(_:)`` removes one).
    func register(_ items: [WorkItem]) async throws
    /// Leases up to `limit` due sources to `worker` for `leaseFor`; their ids, oldest due first.
    /// - Parameter perHost: at most this many live leases per host across all workers
    ///   (`settings.per_host`); nil: no cap (each worker then keeps its own per-host limit).
    func claimDue(worker: String, limit: Int, now: Date, leaseFor: Duration, perHost: Int?) async throws -> [String]
    /// Extends `worker`'s leases on these sources; the ids it still held (a lost lease is missing).
    func renew(_ sourceIDs: [String], worker: String, now: Date, leaseFor: Duration) async throws -> [String]
    /// Ends `worker`'s lease and schedules the source's next fetch. False: `worker` no longer
    /// held it (then nothing changes).
    @discardableResult
    func release(_ sourceID: String, worker: String, nextDue: Date) async throws -> Bool
    /// The leases that hold at `now`, by source id.
    func leases(now: Date) async throws -> [Lease]
    /// When each registered source is next due, by source id.
    func schedule() async throws -> [String: Date]
    /// When a host may next be asked (nil: now).
    func nextAllowed(host: String) async throws -> Date?
    /// No source of `host` is handed out before `until` (`Retry-After`, a 429 or 503).
    func deferHost(_ host: String, until: Date) async throws
    /// The least time between two claims of `host`'s sources (robots.txt `Crawl-delay`; zero: none).
    func setHostSpacing(_ host: String, _ spacing: Duration) async throws
    /// Runs `body` if this caller wins the merge lock (nil: someone else holds it).
    func withMergeLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T?
}

extension WorkQueue {
    /// A claim without a per-host cap (see ``claimDue(worker:limit:now:leaseFor:perHost:)``).
    public func claimDue(worker: String, limit: Int, now: Date, leaseFor: Duration) async throws -> [String] {
        try await claimDue(worker: worker, limit: limit, now: now, leaseFor: leaseFor, perHost: nil)
    }
}

/// A store that keeps the programme and shares its sources between workers.
public typealias SharedStore = ProgrammeStore & WorkQueue

/// The rule every store applies to the candidates of a claim, so they pick alike.
public enum ClaimRules {
    /// One candidate of a claim, read from the store.
    public struct Candidate: Sendable, Hashable {
        public var sourceID: String
        public var host: String?
        /// The host's spacing in seconds (0: none).
        public var spacing: Double

        public init(sourceID: String, host: String?, spacing: Double) {
            self.sourceID = sourceID
            self.host = host
            self.spacing = spacing
        }
    }

    /// Keeps at most one candidate per spaced host, in order.
    public static func onePerSpacedHost(_ candidates: [Candidate]) -> [Candidate] {
        var taken: Set<String> = []
        return candidates.filter { c in
            guard let host = c.host, c.spacing > 0 else { return true }
            return taken.insert(host).inserted
        }
    }

    /// Keeps, in order, at most `cap - live[host]` candidates of each host (candidates without a
    /// host are kept); all of them when `cap` is nil. `candidates` must be in claim order.
    public static func capPerHost(_ candidates: [Candidate], live: [String: Int], cap: Int?) -> [Candidate] {
        guard let cap else { return candidates }
        var taken: [String: Int] = [:]
        return candidates.filter { c in
            guard let host = c.host else { return true }
            let n = taken[host, default: live[host, default: 0]]
            guard n < cap else { return false }
            taken[host] = n + 1
            return true
        }
    }

    /// Seconds of a duration, as the stores keep them.
    public static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}
