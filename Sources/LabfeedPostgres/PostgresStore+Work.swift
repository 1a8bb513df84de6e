// PostgresStore as a WorkQueue: a claim is one short transaction (`FOR UPDATE OF w SKIP
// LOCKED` with a limit, so concurrent claims pass each other without waiting or overlapping);
// a spaced host's next allowed time moves on inside the same transaction, guarded by its own
// condition, so two workers never both win a Crawl-delay slot; the merge lock is a session
// advisory lock held on one pooled connection for the merge's duration.

public import Foundation
public import LabfeedProgramme
import LabfeedCore
import Logging
import PostgresNIO

extension PostgresStore: WorkQueue {
    public func register(_ items: [WorkItem]) async throws {
        guard !items.isEmpty else { return }
        let ids = items.map(\.sourceID), hosts = items.map { $0.host ?? "" }, due = items.map(\.nextDue)
        try await run { c in
            _ = try await c.query("""
                INSERT INTO work_source (source_id, host, next_due)
                SELECT id, NULLIF(host, ''), due FROM unnest(\(ids)::text[], \(hosts)::text[], \(due)::timestamptz[]) AS t(id, host, due)
                ON CONFLICT (source_id) DO UPDATE SET host = excluded.host
                """, logger: self.logger).collect()
        }
    }

    public func claimDue(worker: String, limit: Int, now: Date, leaseFor: Duration, perHost: Int?) async throws -> [String] {
        guard limit > 0 else { return [] }
        guard let perHost else {
            return try await transaction { c in
                let rows = try await c.query("""
                    SELECT w.source_id, w.host, COALESCE(h.spacing, 0)
                    FROM work_source w LEFT JOIN host_policy h ON h.host = w.host
                    WHERE w.next_due <= \(now) AND (w.lease_until IS NULL OR w.lease_until <= \(now))
                      AND (h.next_allowed IS NULL OR h.next_allowed <= \(now))
                    ORDER BY w.next_due, w.source_id
                    LIMIT \(limit)
                    FOR UPDATE OF w SKIP LOCKED
                    """, logger: self.logger).collect()
                return try await lease(try candidates(rows), worker: worker, now: now, leaseFor: leaseFor, on: c)
            }
        }
        // A claim that finds its hosts filled by a concurrent claim meanwhile looks again (a
        // few times): an empty answer tells the worker nothing is due until its next poll.
        for _ in 0..<3 {
            let (claimed, looked) = try await claimCapped(worker: worker, limit: limit, now: now, leaseFor: leaseFor, perHost: perHost)
            if !claimed.isEmpty || !looked { return claimed }
        }
        return []
    }

    /// One capped claim: picks candidates without locks, takes the advisory lock of each of
    /// their hosts (in key order, so two claims never wait on each other in a cycle), then picks
    /// again among those hosts' sources (and host-less ones): the statement's snapshot now
    /// shows every lease committed by a claim that held one of these locks, so the live counts
    /// are exact and two claims never exceed a host's cap together. `looked`: candidates were
    /// found before the locks (an empty claim then means concurrent claims took them).
    private func claimCapped(worker: String, limit: Int, now: Date, leaseFor: Duration,
                             perHost: Int) async throws -> (claimed: [String], looked: Bool) {
        try await transaction { c in
            let first = try candidates(try await c.query(Self.cappedQuery(now: now, cap: perHost, limit: limit, hosts: nil),
                                                         logger: self.logger).collect())
            guard !first.isEmpty else { return ([], false) }
            let hosts = Array(Set(first.compactMap(\.host)))
            if !hosts.isEmpty {
                let prefix = location.schema + "\u{1}"
                let keys = try await c.query("""
                    SELECT DISTINCT hashtext(\(prefix) || h) AS k FROM unnest(\(hosts)::text[]) AS h ORDER BY k
                    """, logger: self.logger).collect().map { try $0.decode(Int32.self) }
                for key in keys {
                    _ = try await c.query("SELECT pg_advisory_xact_lock(\(LockClass.host.rawValue), \(key))", logger: self.logger).collect()
                }
            }
            let rows = try await c.query(Self.cappedQuery(now: now, cap: perHost, limit: limit, hosts: hosts), logger: self.logger).collect()
            return (try await lease(try candidates(rows), worker: worker, now: now, leaseFor: leaseFor, on: c), true)
        }
    }

    /// Due sources, at most `cap` minus its live leases per host (row_number() over each host's
    /// due sources, oldest first), then `limit` in due order; host-less sources are not capped.
    /// Without `hosts`, a look that locks nothing; with `hosts`, only those hosts' sources (and
    /// host-less ones), locked `SKIP LOCKED` (a row a concurrent claim holds is passed; its
    /// re-checked `WHERE` skips one just leased).
    static func cappedQuery(now: Date, cap: Int, limit: Int, hosts: [String]?) -> PostgresQuery {
        let restrict = hosts != nil
        let only = hosts ?? []
        return """
            WITH live AS (
                SELECT host, count(*) AS n FROM work_source
                WHERE host IS NOT NULL AND lease_until > \(now) GROUP BY host
            ), due AS (
                SELECT w.source_id, w.host, w.next_due,
                       row_number() OVER (PARTITION BY w.host ORDER BY w.next_due, w.source_id) AS rank
                FROM work_source w LEFT JOIN host_policy h ON h.host = w.host
                WHERE w.next_due <= \(now) AND (w.lease_until IS NULL OR w.lease_until <= \(now))
                  AND (h.next_allowed IS NULL OR h.next_allowed <= \(now))
                  AND (NOT \(restrict) OR w.host IS NULL OR w.host = ANY(\(only)::text[]))
            )
            SELECT w.source_id, w.host, COALESCE(h.spacing, 0)
            FROM work_source w LEFT JOIN host_policy h ON h.host = w.host
            WHERE w.source_id IN (
                SELECT d.source_id FROM due d LEFT JOIN live l ON l.host = d.host
                WHERE d.host IS NULL OR d.rank <= \(cap) - COALESCE(l.n, 0))
              AND w.next_due <= \(now) AND (w.lease_until IS NULL OR w.lease_until <= \(now))
            ORDER BY w.next_due, w.source_id
            LIMIT \(limit)
            \(unescaped: restrict ? "FOR UPDATE OF w SKIP LOCKED" : "")
            """
    }

    private func candidates(_ rows: [PostgresRow]) throws -> [ClaimRules.Candidate] {
        try rows.map { row in
            let (id, host, spacing) = try row.decode((String, String?, Double).self)
            return ClaimRules.Candidate(sourceID: id, host: host, spacing: spacing)
        }
    }

    /// Leases the chosen candidates inside the claim's transaction; a spaced host's next allowed
    /// time moves on, guarded by its own condition, so two claims never both win its slot.
    private func lease(_ candidates: [ClaimRules.Candidate], worker: String, now: Date, leaseFor: Duration,
                       on c: PostgresConnection) async throws -> [String] {
        let until = now.addingTimeInterval(ClaimRules.seconds(leaseFor))
        // Spaced hosts are updated in name order, so two claims never wait on each other in a cycle.
        let chosen = ClaimRules.onePerSpacedHost(candidates)
        var lost: Set<String> = []
        for candidate in chosen.filter({ $0.spacing > 0 && $0.host != nil }).sorted(by: { $0.host! < $1.host! }) {
            // Blocks behind a concurrent claim of the same host, then re-reads its row:
            // the loser finds next_allowed in the future and updates nothing.
            let won = try await c.query("""
                UPDATE host_policy SET next_allowed = \(now.addingTimeInterval(candidate.spacing))
                WHERE host = \(candidate.host!) AND (next_allowed IS NULL OR next_allowed <= \(now)) RETURNING host
                """, logger: self.logger).collect()
            if won.isEmpty { lost.insert(candidate.sourceID) }
        }
        let claimed = chosen.map(\.sourceID).filter { !lost.contains($0) }
        if !claimed.isEmpty {
            _ = try await c.query("""
                UPDATE work_source SET lease_owner = \(worker), claimed_at = \(now), lease_until = \(until)
                WHERE source_id = ANY(\(claimed)::text[])
                """, logger: self.logger).collect()
        }
        return claimed
    }

    public func renew(_ sourceIDs: [String], worker: String, now: Date, leaseFor: Duration) async throws -> [String] {
        guard !sourceIDs.isEmpty else { return [] }
        let until = now.addingTimeInterval(ClaimRules.seconds(leaseFor))
        let held = try await run { c in
            try await c.query("""
                UPDATE work_source SET lease_until = \(until)
                WHERE source_id = ANY(\(sourceIDs)::text[]) AND lease_owner = \(worker) AND lease_until > \(now)
                RETURNING source_id
                """, logger: self.logger).collect().map { try $0.decode(String.self) }
        }
        let kept = Set(held)
        return sourceIDs.filter(kept.contains)
    }

    @discardableResult
    public func release(_ sourceID: String, worker: String, nextDue: Date) async throws -> Bool {
        try await run { c in
            try await c.query("""
                UPDATE work_source SET lease_owner = NULL, claimed_at = NULL, lease_until = NULL, next_due = \(nextDue)
                WHERE source_id = \(sourceID) AND lease_owner = \(worker) RETURNING source_id
                """, logger: self.logger).collect().isEmpty == false
        }
    }

    public func leases(now: Date) async throws -> [Lease] {
        try await run { c in
            try await c.query("""
                SELECT source_id, lease_owner, claimed_at, lease_until FROM work_source
                WHERE lease_owner IS NOT NULL AND lease_until > \(now) ORDER BY source_id
                """, logger: self.logger).collect().map { row in
                let (id, owner, claimed, until) = try row.decode((String, String, Date, Date).self)
                return Lease(sourceID: id, owner: owner, claimedAt: claimed, until: until)
            }
        }
    }

    public func schedule() async throws -> [String: Date] {
        try await run { c in
            let pairs = try await c.query("SELECT source_id, next_due FROM work_source", logger: self.logger).collect()
                .map { try $0.decode((String, Date).self) }
            return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        }
    }

    public func nextAllowed(host: String) async throws -> Date? {
        try await run { c in
            try await c.query("SELECT next_allowed FROM host_policy WHERE host = \(host)", logger: self.logger).collect()
                .first?.decode(Date?.self) ?? nil
        }
    }

    public func deferHost(_ host: String, until: Date) async throws {
        try await run { c in
            _ = try await c.query("""
                INSERT INTO host_policy (host, next_allowed) VALUES (\(host), \(until))
                ON CONFLICT (host) DO UPDATE SET next_allowed = GREATEST(host_policy.next_allowed, excluded.next_allowed)
                """, logger: self.logger).collect()
        }
    }

    public func setHostSpacing(_ host: String, _ spacing: Duration) async throws {
        let seconds = ClaimRules.seconds(spacing)
        try await run { c in
            _ = try await c.query("""
                INSERT INTO host_policy (host, spacing) VALUES (\(host), \(seconds))
                ON CONFLICT (host) DO UPDATE SET spacing = excluded.spacing
                """, logger: self.logger).collect()
        }
    }

    /// Holds `pg_try_advisory_lock` on one connection while `body` runs (its queries use other
    /// connections of the pool). A worker that dies loses its connection, and the server frees
    /// the lock at once.
    public func withMergeLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T? {
        let (lockClass, object) = (LockClass.merge.rawValue, lockObject)
        return try await run { c in
            let got = try await c.query("SELECT pg_try_advisory_lock(\(lockClass), \(object))", logger: self.logger).collect()
            guard try got.first?.decode(Bool.self) == true else { return nil }
            do {
                let value = try await body()
                _ = try await c.query("SELECT pg_advisory_unlock(\(lockClass), \(object))", logger: self.logger).collect()
                return value
            } catch {
                _ = try? await c.query("SELECT pg_advisory_unlock(\(lockClass), \(object))", logger: self.logger).collect()
                throw error
            }
        }
    }
}
