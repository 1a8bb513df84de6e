// The WorkQueue contract (leases, host times, spacing, the merge lock), run against every store.

import Foundation
import LabfeedCore
import LabfeedProgramme
import Testing

struct WorkQueueTests {
    let t0 = StoreSamples.t1

    func items(_ n: Int, host: String? = nil, due: Date) -> [WorkItem] {
        (0..<n).map { WorkItem(sourceID: String(format: "src-%03d", $0), host: host ?? "host\($0 % 7).example", nextDue: due) }
    }

    @Test(arguments: StoreKind.available) func claimsHandOutDueSourcesOldestFirstUpToTheLimit(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await q.register([
                WorkItem(sourceID: "late", host: "a.example", nextDue: t0.addingTimeInterval(60)),
                WorkItem(sourceID: "b", host: "b.example", nextDue: t0.addingTimeInterval(-10)),
                WorkItem(sourceID: "a", host: "c.example", nextDue: t0.addingTimeInterval(-10)),
                WorkItem(sourceID: "old", host: nil, nextDue: .distantPast),
            ])
            #expect(try await q.claimDue(worker: "w1", limit: 2, now: t0, leaseFor: .seconds(30)) == ["old", "a"])
            #expect(try await q.claimDue(worker: "w2", limit: 5, now: t0, leaseFor: .seconds(30)) == ["b"])
            #expect(try await q.claimDue(worker: "w2", limit: 5, now: t0, leaseFor: .seconds(30)).isEmpty)
            #expect(try await q.claimDue(worker: "w2", limit: 0, now: t0.addingTimeInterval(3600), leaseFor: .seconds(30)).isEmpty)
            let leases = try await q.leases(now: t0)
            #expect(leases.map(\.sourceID) == ["a", "b", "old"])
            #expect(leases.map(\.owner) == ["w1", "w2", "w1"])
            #expect(leases.allSatisfy { $0.claimedAt == t0 && $0.until == t0.addingTimeInterval(30) })
        }
    }

    @Test(arguments: StoreKind.available) func anExpiredLeaseReturnsTheSourceToThePool(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await q.register(items(3, due: t0))
            #expect(try await q.claimDue(worker: "dead", limit: 10, now: t0, leaseFor: .seconds(30)).count == 3)
            #expect(try await q.claimDue(worker: "alive", limit: 10, now: t0.addingTimeInterval(29), leaseFor: .seconds(30)).isEmpty)
            // The dead worker renews nothing; at the lease's end its sources go to another.
            let later = t0.addingTimeInterval(30)
            #expect(try await q.claimDue(worker: "alive", limit: 10, now: later, leaseFor: .seconds(30)) == ["src-000", "src-001", "src-002"])
            #expect(try await q.leases(now: later).allSatisfy { $0.owner == "alive" })
            // The dead worker can neither renew nor release what it lost.
            #expect(try await q.renew(["src-000"], worker: "dead", now: later, leaseFor: .seconds(30)).isEmpty)
            #expect(try await q.release("src-000", worker: "dead", nextDue: later.addingTimeInterval(3600)) == false)
            #expect(try await q.leases(now: later).count == 3)
        }
    }

    @Test(arguments: StoreKind.available) func renewingKeepsALeaseAndReleasingSchedulesTheNextFetch(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await q.register(items(2, due: t0))
            #expect(try await q.claimDue(worker: "w1", limit: 10, now: t0, leaseFor: .seconds(30)).count == 2)
            let renewed = try await q.renew(["src-001", "src-000", "unknown"], worker: "w1", now: t0.addingTimeInterval(20), leaseFor: .seconds(30))
            #expect(renewed == ["src-001", "src-000"])
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(40), leaseFor: .seconds(30)).isEmpty)
            // Released with its next due time: not handed out before then, even with no lease.
            #expect(try await q.release("src-000", worker: "w1", nextDue: t0.addingTimeInterval(3600)))
            #expect(try await q.leases(now: t0.addingTimeInterval(40)).map(\.sourceID) == ["src-001"])
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(3599), leaseFor: .seconds(30)) == ["src-001"])
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(3600), leaseFor: .seconds(30)) == ["src-000"])
            #expect(try await q.schedule()["src-000"] == t0.addingTimeInterval(3600))
        }
    }

    @Test(arguments: StoreKind.available) func registeringKeepsTheScheduleOfKnownSourcesAndForgettingRemovesThem(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await q.register([WorkItem(sourceID: "lab", host: "old.example", nextDue: t0)])
            try await q.register([WorkItem(sourceID: "lab", host: "new.example", nextDue: .distantPast),
                                  WorkItem(sourceID: "other", host: nil, nextDue: t0)])
            #expect(try await q.schedule() == ["lab": t0, "other": t0])
            // The new host binds: deferring it holds the source back.
            try await q.deferHost("new.example", until: t0.addingTimeInterval(10))
            #expect(try await q.claimDue(worker: "w", limit: 10, now: t0, leaseFor: .seconds(30)) == ["other"])
            try await q.forgetSource("lab")
            #expect(try await q.schedule() == ["other": t0])
        }
    }

    @Test(arguments: StoreKind.available) func aDeferredHostBindsEveryWorkerAndNeverMovesEarlier(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await q.register(items(4, host: "busy.example", due: t0) + [WorkItem(sourceID: "calm", host: "calm.example", nextDue: t0)])
            #expect(try await q.nextAllowed(host: "busy.example") == nil)
            try await q.deferHost("busy.example", until: t0.addingTimeInterval(120))  // Retry-After: 120
            try await q.deferHost("busy.example", until: t0.addingTimeInterval(30))   // an earlier date is ignored
            #expect(try await q.nextAllowed(host: "busy.example") == t0.addingTimeInterval(120))
            #expect(try await q.claimDue(worker: "w1", limit: 10, now: t0, leaseFor: .seconds(30)) == ["calm"])
            #expect(try await q.release("calm", worker: "w1", nextDue: t0.addingTimeInterval(3600)))
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(119), leaseFor: .seconds(30)).isEmpty)
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(120), leaseFor: .seconds(30)).count == 4)
        }
    }

    @Test(arguments: StoreKind.available) func aSpacedHostGivesOneSourcePerSpacing(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await q.register(items(3, host: "slow.example", due: t0) + [WorkItem(sourceID: "zzz", host: "fast.example", nextDue: t0)])
            try await q.setHostSpacing("slow.example", .seconds(10))  // Crawl-delay: 10
            #expect(try await q.claimDue(worker: "w1", limit: 10, now: t0, leaseFor: .seconds(60)) == ["src-000", "zzz"])
            #expect(try await q.nextAllowed(host: "slow.example") == t0.addingTimeInterval(10))
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(9), leaseFor: .seconds(60)).isEmpty)
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(10), leaseFor: .seconds(60)) == ["src-001"])
            try await q.setHostSpacing("slow.example", .zero)
            #expect(try await q.claimDue(worker: "w3", limit: 10, now: t0.addingTimeInterval(20), leaseFor: .seconds(60)) == ["src-002"])
        }
    }

    @Test(arguments: StoreKind.available) func theMergeLockHasOneHolderAtATime(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            let inner = try await q.withMergeLock { () async throws -> Bool in
                // While held, another attempt (here or from another store object) gets nil.
                let nested: Int? = try await q.withMergeLock { 1 }
                var fromOther: Int?
                if let (other, close) = try await test.reopen() {
                    fromOther = try await other.withMergeLock { 2 }
                    await close()
                }
                return nested == nil && fromOther == nil
            }
            #expect(inner == true)
            // Released: the next caller gets it, and an error in the body releases it too.
            #expect(try await q.withMergeLock { 3 } == 3)
            struct Boom: Error {}
            await #expect(throws: Boom.self) { _ = try await q.withMergeLock { () async throws -> Int in throw Boom() } }
            #expect(try await q.withMergeLock { 4 } == 4)
        }
    }
}
