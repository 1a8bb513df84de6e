// MemoryStore as a WorkQueue: the reference behaviour of the lease rules, in one actor.

public import Foundation

extension MemoryStore: WorkQueue {
    struct WorkRow: Sendable {
        var host: String?
        var nextDue: Date
        var owner: String?
        var claimedAt: Date?
        var until: Date?
    }

    struct HostRow: Sendable {
        var nextAllowed: Date?
        var spacing: Double = 0
    }

    public func register(_ items: [WorkItem]) {
        for item in items {
            if work[item.sourceID] != nil {
                work[item.sourceID]?.host = item.host
            } else {
                work[item.sourceID] = WorkRow(host: item.host, nextDue: item.nextDue)
            }
        }
    }

    public func claimDue(worker: String, limit: Int, now: Date, leaseFor: Duration, perHost: Int?) -> [String] {
        guard limit > 0 else { return [] }
        let due = work.filter { _, row in
            guard row.nextDue <= now, row.until.map({ $0 <= now }) ?? true else { return false }
            guard let host = row.host, let allowed = hosts[host]?.nextAllowed else { return true }
            return allowed <= now
        }
        var live: [String: Int] = [:]
        for row in work.values {
            if let host = row.host, let until = row.until, until > now { live[host, default: 0] += 1 }
        }
        let ordered = due.sorted { a, b in a.value.nextDue != b.value.nextDue ? a.value.nextDue < b.value.nextDue : a.key < b.key }
            .map { ClaimRules.Candidate(sourceID: $0.key, host: $0.value.host, spacing: $0.value.host.flatMap { hosts[$0]?.spacing } ?? 0) }
        let capped = ClaimRules.capPerHost(ordered, live: live, cap: perHost).prefix(limit)
        let until = now.addingTimeInterval(ClaimRules.seconds(leaseFor))
        return ClaimRules.onePerSpacedHost(Array(capped)).map { c in
            if let host = c.host, c.spacing > 0 { hosts[host]?.nextAllowed = now.addingTimeInterval(c.spacing) }
            work[c.sourceID]?.owner = worker
            work[c.sourceID]?.claimedAt = now
            work[c.sourceID]?.until = until
            return c.sourceID
        }
    }

    public func renew(_ sourceIDs: [String], worker: String, now: Date, leaseFor: Duration) -> [String] {
        sourceIDs.filter { id in
            guard let row = work[id], row.owner == worker, let until = row.until, until > now else { return false }
            work[id]?.until = now.addingTimeInterval(ClaimRules.seconds(leaseFor))
            return true
        }
    }

    @discardableResult
    public func release(_ sourceID: String, worker: String, nextDue: Date) -> Bool {
        guard work[sourceID]?.owner == worker else { return false }
        work[sourceID] = WorkRow(host: work[sourceID]?.host, nextDue: nextDue)
        return true
    }

    public func leases(now: Date) -> [Lease] {
        work.compactMap { id, row in
            guard let owner = row.owner, let claimed = row.claimedAt, let until = row.until, until > now else { return nil }
            return Lease(sourceID: id, owner: owner, claimedAt: claimed, until: until)
        }.sorted { $0.sourceID < $1.sourceID }
    }

    public func schedule() -> [String: Date] { work.mapValues(\.nextDue) }

    public func nextAllowed(host: String) -> Date? { hosts[host]?.nextAllowed }

    public func deferHost(_ host: String, until: Date) {
        var row = hosts[host] ?? HostRow()
        row.nextAllowed = max(row.nextAllowed ?? until, until)
        hosts[host] = row
    }

    public func setHostSpacing(_ host: String, _ spacing: Duration) {
        var row = hosts[host] ?? HostRow()
        row.spacing = ClaimRules.seconds(spacing)
        hosts[host] = row
    }

    public func withMergeLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T? {
        guard !mergeLocked else { return nil }
        mergeLocked = true
        defer { mergeLocked = false }
        return try await body()
    }
}
