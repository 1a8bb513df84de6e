// SQLiteStore as a WorkQueue: the lease table lives in the same file, claims run in one
// IMMEDIATE transaction (so several processes on one machine share sources correctly), and the
// merge lock is an flock(2) on `PATH.merge-lock` (released by the kernel if the process dies).

public import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension SQLiteStore: WorkQueue {
    public func register(_ items: [WorkItem]) async throws {
        try await pool.write { db in
            for item in items {
                try db.execute(sql: """
                    INSERT INTO work_source (source_id, host, next_due) VALUES (?, ?, ?)
                    ON CONFLICT(source_id) DO UPDATE SET host = excluded.host
                    """, arguments: [item.sourceID, item.host, item.nextDue.timeIntervalSince1970])
            }
        }
    }

    public func claimDue(worker: String, limit: Int, now: Date, leaseFor: Duration, perHost: Int?) async throws -> [String] {
        guard limit > 0 else { return [] }
        let t = now.timeIntervalSince1970
        let until = t + ClaimRules.seconds(leaseFor)
        return try await pool.writeWithoutTransaction { db in
            var claimed: [String] = []
            try db.inTransaction(.immediate) {
                // With a cap, every due source is read (the cap applies before the limit, so a
                // full host does not hide the others); the IMMEDIATE transaction serialises claims.
                let rows = try Row.fetchAll(db, sql: """
                    SELECT w.source_id, w.host, COALESCE(h.spacing, 0) AS spacing
                    FROM work_source w LEFT JOIN host_policy h ON h.host = w.host
                    WHERE w.next_due <= ? AND (w.lease_until IS NULL OR w.lease_until <= ?)
                      AND (h.next_allowed IS NULL OR h.next_allowed <= ?)
                    ORDER BY w.next_due, w.source_id LIMIT ?
                    """, arguments: [t, t, t, perHost == nil ? limit : -1])
                var live: [String: Int] = [:]
                if perHost != nil {
                    for row in try Row.fetchAll(db, sql: """
                        SELECT host, COUNT(*) AS n FROM work_source WHERE host IS NOT NULL AND lease_until > ? GROUP BY host
                        """, arguments: [t]) {
                        live[row["host"]] = row["n"]
                    }
                }
                let all = rows.map { ClaimRules.Candidate(sourceID: $0["source_id"], host: $0["host"], spacing: $0["spacing"]) }
                let candidates = Array(ClaimRules.capPerHost(all, live: live, cap: perHost).prefix(limit))
                for c in ClaimRules.onePerSpacedHost(candidates) {
                    if let host = c.host, c.spacing > 0 {
                        try db.execute(sql: "UPDATE host_policy SET next_allowed = ? WHERE host = ?", arguments: [t + c.spacing, host])
                    }
                    try db.execute(sql: "UPDATE work_source SET lease_owner = ?, claimed_at = ?, lease_until = ? WHERE source_id = ?",
                                   arguments: [worker, t, until, c.sourceID])
                    claimed.append(c.sourceID)
                }
                return .commit
            }
            return claimed
        }
    }

    public func renew(_ sourceIDs: [String], worker: String, now: Date, leaseFor: Duration) async throws -> [String] {
        let t = now.timeIntervalSince1970
        let until = t + ClaimRules.seconds(leaseFor)
        return try await pool.write { db in
            var held: [String] = []
            for id in sourceIDs {
                try db.execute(sql: "UPDATE work_source SET lease_until = ? WHERE source_id = ? AND lease_owner = ? AND lease_until > ?",
                               arguments: [until, id, worker, t])
                if db.changesCount > 0 { held.append(id) }
            }
            return held
        }
    }

    @discardableResult
    public func release(_ sourceID: String, worker: String, nextDue: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE work_source SET lease_owner = NULL, claimed_at = NULL, lease_until = NULL, next_due = ?
                WHERE source_id = ? AND lease_owner = ?
                """, arguments: [nextDue.timeIntervalSince1970, sourceID, worker])
            return db.changesCount > 0
        }
    }

    public func leases(now: Date) async throws -> [Lease] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT source_id, lease_owner, claimed_at, lease_until FROM work_source
                WHERE lease_owner IS NOT NULL AND lease_until > ? ORDER BY source_id
                """, arguments: [now.timeIntervalSince1970]).map { row in
                Lease(sourceID: row["source_id"], owner: row["lease_owner"],
                      claimedAt: Date(timeIntervalSince1970: row["claimed_at"]), until: Date(timeIntervalSince1970: row["lease_until"]))
            }
        }
    }

    public func schedule() async throws -> [String: Date] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT source_id, next_due FROM work_source")
            return Dictionary(rows.map { ($0["source_id"], Date(timeIntervalSince1970: $0["next_due"])) }, uniquingKeysWith: { a, _ in a })
        }
    }

    public func nextAllowed(host: String) async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT next_allowed FROM host_policy WHERE host = ?", arguments: [host])
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    public func deferHost(_ host: String, until: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO host_policy (host, next_allowed) VALUES (?, ?)
                ON CONFLICT(host) DO UPDATE SET next_allowed = MAX(COALESCE(next_allowed, 0), excluded.next_allowed)
                """, arguments: [host, until.timeIntervalSince1970])
        }
    }

    public func setHostSpacing(_ host: String, _ spacing: Duration) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO host_policy (host, spacing) VALUES (?, ?)
                ON CONFLICT(host) DO UPDATE SET spacing = excluded.spacing
                """, arguments: [host, ClaimRules.seconds(spacing)])
        }
    }

    public func withMergeLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T? {
        let lockPath = path + ".merge-lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(message: "cannot open the merge lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            if errno == EWOULDBLOCK { return nil }
            throw StoreError(message: "cannot take the merge lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { flock(fd, LOCK_UN) }
        return try await body()
    }
}
