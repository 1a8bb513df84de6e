// What only the PostgreSQL store does: several workers (store objects with pools of their own)
// claiming at once, migrations recorded in a table, the server's errors, schemas kept apart.
// Skipped, with a message, when no test server is given (`make test` gives one).

import Foundation
import LabfeedCore
@testable import LabfeedPostgres
import LabfeedProgramme
import PostgresNIO
import Testing

@Suite(.enabled(if: TestPostgres.isAvailable, TestPostgres.skipMessage))
struct PostgresStoreTests {
    let t0 = StoreSamples.t1

    func register(_ store: PostgresStore, count: Int) async throws {
        try await store.register((0..<count).map {
            WorkItem(sourceID: String(format: "src-%03d", $0), host: "127.0.0.\($0 % 5 + 1)", nextDue: t0)
        })
    }

    @Test func threeWorkersClaimingAtOnceTakeEachSourceExactlyOnce() async throws {
        let schema = TestPostgres.freshSchema()
        let setup = try await TestPostgres.open(schema: schema)
        try await register(setup, count: 300)
        let workers = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<3 { group.addTask { try await TestPostgres.open(schema: schema) } }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        let claims = try await withThrowingTaskGroup(of: [String].self) { group in
            for (n, worker) in workers.enumerated() {
                group.addTask {
                    var mine: [String] = []
                    for _ in 0..<200 {  // bounded: 300 sources, at least one per round while any is left
                        let batch = try await worker.claimDue(worker: "w\(n)", limit: 7, now: t0, leaseFor: .seconds(60))
                        if batch.isEmpty { break }
                        for id in batch {
                            try await worker.recordAttempt(id, at: t0)
                            try await worker.recordNotModified(id, at: t0)
                            #expect(try await worker.release(id, worker: "w\(n)", nextDue: t0.addingTimeInterval(3600)))
                        }
                        mine += batch
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        let all = claims.flatMap { $0 }
        #expect(all.count == 300)
        #expect(Set(all).count == 300)
        #expect(claims.filter { !$0.isEmpty }.count >= 2, "the work was shared: \(claims.map(\.count))")
        // Nothing is due again before the interval has passed.
        #expect(try await setup.claimDue(worker: "late", limit: 500, now: t0.addingTimeInterval(3599), leaseFor: .seconds(60)).isEmpty)
        #expect(try await setup.claimDue(worker: "late", limit: 500, now: t0.addingTimeInterval(3600), leaseFor: .seconds(60)).count == 300)
        #expect(try await setup.allSourceStates().count == 300)
        for worker in workers { await worker.close() }
        await setup.close()
    }

    /// What the claimers of a test hold at a time, per host (counted after a claim commits and
    /// before the release, so never more than the database's live leases).
    actor HeldByHost {
        var held: [String: Int] = [:]
        var most = 0
        var claimed: [String] = []

        func take(_ ids: [String], hosts: [String: String]) {
            claimed += ids
            for id in ids { held[hosts[id]!, default: 0] += 1 }
            most = max(most, held.values.max() ?? 0)
        }

        func drop(_ id: String, hosts: [String: String]) { held[hosts[id]!, default: 0] -= 1 }
    }

    @Test func concurrentCappedClaimsNeverExceedAHostsCap() async throws {
        let schema = TestPostgres.freshSchema()
        let setup = try await TestPostgres.open(schema: schema)
        let items = (0..<120).map { WorkItem(sourceID: String(format: "src-%03d", $0), host: "host\($0 % 2).example", nextDue: t0) }
        try await setup.register(items)
        let hosts = Dictionary(uniqueKeysWithValues: items.map { ($0.sourceID, $0.host!) })
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<3 { group.addTask { try await TestPostgres.open(schema: schema) } }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        let tracker = HeldByHost()
        // Twelve claimers (four tasks on each of three stores) compete for the two slots of each
        // host: a claim mostly finds the hosts full, so the claims that see a slot freed race.
        let mostSeenInDatabase = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<12 {
                let store = stores[n % stores.count]
                group.addTask {
                    var most = 0
                    for _ in 0..<3000 {  // bounded: 120 sources; a claimer that gets none sleeps 1 ms
                        if await tracker.claimed.count >= 120 { break }
                        let batch = try await store.claimDue(worker: "w\(n)", limit: 2, now: t0, leaseFor: .seconds(60), perHost: 2)
                        if batch.isEmpty {
                            try await Task.sleep(for: .milliseconds(1))
                            continue
                        }
                        await tracker.take(batch, hosts: hosts)
                        let live = try await store.leases(now: t0).reduce(into: [String: Int]()) { $0[hosts[$1.sourceID]!, default: 0] += 1 }
                        most = max(most, live.values.max() ?? 0)
                        for id in batch {
                            await tracker.drop(id, hosts: hosts)
                            #expect(try await store.release(id, worker: "w\(n)", nextDue: t0.addingTimeInterval(3600)))
                        }
                    }
                    return most
                }
            }
            return try await group.reduce(0) { max($0, $1) }
        }
        let claimed = await tracker.claimed
        #expect(claimed.count == 120 && Set(claimed).count == 120, "each source claimed once: \(claimed.count)")
        #expect(await tracker.most <= 2)
        #expect(mostSeenInDatabase <= 2 && mostSeenInDatabase >= 1)
        for store in stores { await store.close() }
        await setup.close()
    }

    @Test func aWorkerThatVanishesLeavesItsSourcesToTheOthers() async throws {
        let schema = TestPostgres.freshSchema()
        let survivor = try await TestPostgres.open(schema: schema)
        try await register(survivor, count: 30)
        let doomed = try await TestPostgres.open(schema: schema)
        let taken = try await doomed.claimDue(worker: "doomed", limit: 20, now: t0, leaseFor: .seconds(30))
        #expect(taken.count == 20)
        await doomed.close()  // gone without releasing anything
        let rest = try await survivor.claimDue(worker: "survivor", limit: 100, now: t0.addingTimeInterval(10), leaseFor: .seconds(30))
        #expect(rest.count == 10 && Set(rest).isDisjoint(with: taken))
        let leases = try await survivor.leases(now: t0.addingTimeInterval(10))
        #expect(Dictionary(grouping: leases, by: \.owner).mapValues(\.count) == ["doomed": 20, "survivor": 10])
        let inherited = try await survivor.claimDue(worker: "survivor", limit: 100, now: t0.addingTimeInterval(30), leaseFor: .seconds(30))
        #expect(inherited.sorted() == taken.sorted())
        await survivor.close()
    }

    @Test func migrationsAreRecordedInOrderAndAppliedOnceByWorkersStartingTogether() async throws {
        let schema = TestPostgres.freshSchema()
        let bare = try await TestPostgres.open(schema: schema, migrate: false)
        let before = try await bare.migrationStatus()
        #expect(before.applied.isEmpty && before.pending == ["v1", "v2-work-queue"])
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<3 { group.addTask { try await TestPostgres.open(schema: schema) } }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        let after = try await bare.migrationStatus()
        #expect(after.applied == ["v1", "v2-work-queue"] && after.pending.isEmpty)
        #expect(try await bare.migrate().isEmpty)
        let recorded = try await bare.run { c in
            try await c.query("SELECT position, name FROM labfeed_migration ORDER BY position", logger: bare.logger).collect()
                .map { try $0.decode((Int, String).self) }
        }
        #expect(recorded.map(\.0) == [1, 2] && recorded.map(\.1) == ["v1", "v2-work-queue"])

        // A schema written by a newer labfeed is refused, not silently used.
        _ = try await bare.run { c in
            try await c.query("INSERT INTO labfeed_migration (position, name) VALUES (3, 'v3-from-the-future')", logger: bare.logger).collect()
        }
        await #expect(throws: StoreError.self) { _ = try await TestPostgres.open(schema: schema) }
        for store in stores { await store.close() }
        await bare.close()
    }

    /// A worker creating a new schema while another is still creating it waits for it, instead
    /// of failing on pg_namespace's unique index (`CREATE SCHEMA IF NOT EXISTS` alone is not
    /// safe against itself). The other worker is played by a transaction that takes the
    /// migration lock and creates the schema, and commits only once the opening store waits.
    @Test func aWorkerOpeningASchemaAnotherIsCreatingWaitsForIt() async throws {
        let other = try await TestPostgres.open(schema: TestPostgres.freshSchema())
        let schema = TestPostgres.freshSchema()
        let opening = try await other.transaction { c in
            _ = try await c.query("SELECT pg_advisory_xact_lock(\(PostgresStore.LockClass.migrate.rawValue), \(PostgresStore.lockObject(schema: schema)))",
                                  logger: other.logger).collect()
            _ = try await c.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"), logger: other.logger).collect()
            let opening = Task { try await TestPostgres.open(schema: schema) }
            // Commit only once the opening store is blocked on a lock (at most 10 s).
            var waiting = false
            for _ in 0..<200 where !waiting {
                try await Task.sleep(for: .milliseconds(50))
                let rows = try await c.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
                                             logger: other.logger).collect()
                waiting = try (rows.first?.decode(Int.self) ?? 0) > 0
            }
            #expect(waiting, "the opening store never waited on the lock")
            return opening
        }
        let store = try await opening.value
        let status = try await store.migrationStatus()
        #expect(status.pending.isEmpty && status.applied == ["v1", "v2-work-queue"])
        await store.close()
        await other.close()
    }

    @Test func aWrongPasswordIsReportedWithTheServersReason() async throws {
        var location = try #require(TestPostgres.location)
        location.schema = TestPostgres.freshSchema()
        do {
            _ = try await PostgresStore.open(location, password: "not-the-password")
            Issue.record("a wrong password was accepted")
        } catch let error as StoreError {
            #expect(error.message.contains("password authentication failed"), "\(error.message)")
            #expect(error.message.contains("127.0.0.1"))
            #expect(!error.message.contains("not-the-password"))
        }
    }

    @Test func aNulCharacterInStoredTextBecomesAReplacementCharacter() async throws {
        let store = try await TestPostgres.open(schema: TestPostgres.freshSchema())
        try await store.recordFailure("lab", error: "bad\u{0}byte", retryAfter: nil, at: t0)
        #expect(try await store.sourceState("lab")?.lastError == "bad\u{FFFD}byte")
        await store.close()
    }

    /// As SQLiteProgrammeSaveTests: a row's `xmin` (the transaction that wrote it) stays when
    /// the row is not written again.
    @Test func aSaveWritesOnlyTheRowsThatDiffer() async throws {
        let store = try await TestPostgres.open(schema: TestPostgres.freshSchema())
        let saved = SQLiteProgrammeSaveTests.programme()
        func versions() async throws -> [String: String] {
            try await store.run { c in
                var out: [String: String] = [:]
                for row in try await c.query("SELECT id, xmin::text FROM programme_event", logger: store.logger).collect() {
                    let (id, version) = try row.decode((String, String).self)
                    out[id] = version
                }
                return out
            }
        }
        try await store.saveProgramme(saved)
        let previous = try await store.savedProgramme()
        let before = try await versions()
        try await store.saveProgramme(previous)
        #expect(try await versions() == before)
        var next = previous
        next.events[1].event.title += " (reporté)"
        let gone = next.events.removeLast().id
        try await store.saveProgramme(next)
        let after = try await versions()
        #expect(after[gone] == nil && after.count == 3)
        #expect(after[next.events[1].id] != before[next.events[1].id])
        for event in [next.events[0], next.events[2]] { #expect(after[event.id] == before[event.id]) }
        #expect(try await store.savedProgramme() == next)
        var twice = next
        twice.events.append(next.events[0])
        await #expect(throws: StoreError.self) { try await store.saveProgramme(twice) }
        #expect(try await store.savedProgramme() == next)
        await store.close()
    }

    @Test func twoSchemasAreTwoProgrammes() async throws {
        let a = try await TestPostgres.open(schema: TestPostgres.freshSchema())
        let b = try await TestPostgres.open(schema: TestPostgres.freshSchema())
        try await a.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [StoreSamples.atelier], at: t0)
        #expect(try await b.eventsBySource().isEmpty)
        // Their merge locks are distinct: both can merge at once.
        let both = try await a.withMergeLock { try await b.withMergeLock { true } }
        #expect(both == .some(.some(true)))
        await a.close()
        await b.close()
    }
}
