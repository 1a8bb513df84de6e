// The per-host cap of claims (`claimDue(…, perHost:)`, issue #10): a host never holds more than
// `perHost` live leases, whoever the workers; run against every store.

import Foundation
import LabfeedCore
import LabfeedProgramme
import Testing

struct HostCapTests {
    let t0 = StoreSamples.t1

    /// Five sources of a.example (due first), two of b.example, one file.
    func registerSample(_ q: any SharedStore) async throws {
        var items = (0..<5).map { WorkItem(sourceID: "a\($0)", host: "a.example", nextDue: t0.addingTimeInterval(Double($0) - 100)) }
        items += (0..<2).map { WorkItem(sourceID: "b\($0)", host: "b.example", nextDue: t0.addingTimeInterval(Double($0) - 50)) }
        items.append(WorkItem(sourceID: "file", host: nil, nextDue: t0))
        try await q.register(items)
    }

    func perHost(_ leases: [Lease]) -> [String: Int] {
        leases.reduce(into: [:]) { counts, lease in counts[String(lease.sourceID.prefix(1)), default: 0] += 1 }
    }

    @Test(arguments: StoreKind.available) func oneClaimTakesAtMostTheCapOfEachHost(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await registerSample(q)
            let first = try await q.claimDue(worker: "w1", limit: 10, now: t0, leaseFor: .seconds(30), perHost: 2)
            #expect(first == ["a0", "a1", "b0", "b1", "file"])
            // The same worker, asking again, gets nothing more of a full host.
            #expect(try await q.claimDue(worker: "w1", limit: 10, now: t0, leaseFor: .seconds(30), perHost: 2).isEmpty)
            #expect(perHost(try await q.leases(now: t0)) == ["a": 2, "b": 2, "f": 1])
        }
    }

    @Test(arguments: StoreKind.available) func theCapHoldsAcrossWorkersUntilALeaseIsReleased(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await registerSample(q)
            #expect(try await q.claimDue(worker: "w1", limit: 1, now: t0, leaseFor: .seconds(30), perHost: 2) == ["a0"])
            // w2 may add one of a.example only: the host already holds w1's lease.
            #expect(try await q.claimDue(worker: "w2", limit: 3, now: t0, leaseFor: .seconds(30), perHost: 2) == ["a1", "b0", "b1"])
            #expect(try await q.claimDue(worker: "w3", limit: 10, now: t0, leaseFor: .seconds(30), perHost: 2) == ["file"])
            #expect(try await q.claimDue(worker: "w3", limit: 10, now: t0, leaseFor: .seconds(30), perHost: 2).isEmpty)
            // A release frees one slot of the host, for any worker.
            #expect(try await q.release("a0", worker: "w1", nextDue: t0.addingTimeInterval(3600)))
            #expect(try await q.claimDue(worker: "w3", limit: 10, now: t0, leaseFor: .seconds(30), perHost: 2) == ["a2"])
            #expect(try await q.claimDue(worker: "w1", limit: 10, now: t0, leaseFor: .seconds(30), perHost: 2).isEmpty)
            let leases = try await q.leases(now: t0)
            #expect(perHost(leases) == ["a": 2, "b": 2, "f": 1])
            #expect(Set(leases.filter { $0.sourceID.hasPrefix("a") }.map(\.owner)) == ["w2", "w3"])
        }
    }

    @Test(arguments: StoreKind.available) func expiredLeasesFreeTheirHostsSlots(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await registerSample(q)
            #expect(try await q.claimDue(worker: "dead", limit: 2, now: t0, leaseFor: .seconds(30), perHost: 2) == ["a0", "a1"])
            #expect(try await q.claimDue(worker: "alive", limit: 2, now: t0.addingTimeInterval(29), leaseFor: .seconds(30), perHost: 2)
                    == ["b0", "b1"])
            #expect(try await q.claimDue(worker: "alive", limit: 10, now: t0.addingTimeInterval(29), leaseFor: .seconds(30), perHost: 2)
                    == ["file"])
            // The dead worker's leases run out: its sources, oldest due first, fill the two slots again.
            let later = t0.addingTimeInterval(30)
            #expect(try await q.claimDue(worker: "alive", limit: 10, now: later, leaseFor: .seconds(30), perHost: 2) == ["a0", "a1"])
            #expect(perHost(try await q.leases(now: later)) == ["a": 2, "b": 2, "f": 1])
        }
    }

    @Test(arguments: StoreKind.available) func aFullHostDoesNotHideOtherHostsFromTheLimit(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await registerSample(q)
            #expect(try await q.claimDue(worker: "w1", limit: 2, now: t0, leaseFor: .seconds(30), perHost: 2) == ["a0", "a1"])
            // a2…a4 are due before b0, but a.example is full: the limit of 1 goes to b0.
            #expect(try await q.claimDue(worker: "w2", limit: 1, now: t0, leaseFor: .seconds(30), perHost: 2) == ["b0"])
        }
    }

    @Test(arguments: StoreKind.available) func aCapOfOneAndASpacingBothHold(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await registerSample(q)
            try await q.setHostSpacing("b.example", .seconds(10))
            #expect(try await q.claimDue(worker: "w1", limit: 10, now: t0, leaseFor: .seconds(60), perHost: 1) == ["a0", "b0", "file"])
            #expect(try await q.release("b0", worker: "w1", nextDue: t0.addingTimeInterval(3600)))
            // b.example has a free slot but its spacing runs until t0 + 10.
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(9), leaseFor: .seconds(60), perHost: 1).isEmpty)
            #expect(try await q.claimDue(worker: "w2", limit: 10, now: t0.addingTimeInterval(10), leaseFor: .seconds(60), perHost: 1) == ["b1"])
        }
    }

    @Test(arguments: StoreKind.available) func withoutACapEveryDueSourceOfAHostIsHandedOut(kind: StoreKind) async throws {
        try await withStore(kind) { test in
            let q = test.store
            try await registerSample(q)
            #expect(try await q.claimDue(worker: "w1", limit: 4, now: t0, leaseFor: .seconds(30)) == ["a0", "a1", "a2", "a3"])
        }
    }
}
