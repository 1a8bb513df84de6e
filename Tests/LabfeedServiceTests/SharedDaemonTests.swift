// Two daemons as workers over one store shared by leases (a MemoryStore here; the PostgreSQL
// processes are in Tests/labfeedTests/MultiWorkerTests): each source fetched once, one merged
// programme, Retry-After published to the queue, a source held by another worker left alone.

import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedServer
import LabfeedTestSupport
import Testing

struct SharedDaemonTests {
    /// A daemon working on `store` as `worker`, on the wall clock with a short poll.
    final class Worker: Sendable {
        let daemon: SyncDaemon
        let logs = LogLines()
        let task: Task<Void, any Error>

        init(_ worker: String, store: MemoryStore, config: LabfeedConfig, fetcher: ScriptedFetcher) {
            let environment = DaemonEnvironment(
                store: store, makeFetcher: { _ in FetchSession(fetcher: fetcher) }, parser: { _ in Stub.parser },
                loadConfig: { config }, logger: logs.logger(),
                shared: SharedWork(queue: store, worker: worker, leaseFor: .seconds(60), poll: .milliseconds(50)))
            let daemon = SyncDaemon(config: config, options: DaemonOptions(schedule: SourceSchedule(jitter: 0), gather: .zero),
                                    environment: environment)
            self.daemon = daemon
            task = Task { try await daemon.run() }
        }

        func stop() async throws {
            await daemon.requestStop()
            try await task.value
        }
    }

    static func config(_ count: Int, output: String) -> LabfeedConfig {
        var config = Stub.config((0..<count).map { ("lab-\($0)", 1) }, output: output)
        config.settings.concurrency = 3
        return config
    }

    @Test func twoWorkersFetchEachSourceOnceAndBothWriteTheMergedProgramme() async throws {
        let dir = TemporaryDirectory(prefix: "labfeed-shared")
        let store = MemoryStore()
        let queue: any SharedStore = store
        let fetcher = ScriptedFetcher(clock: ManualClock(Stub.start)) { source, _ in .body("Atelier \(source)") }
        let count = 30
        let a = Worker("a", store: store, config: Self.config(count, output: "\(dir.path)/A"), fetcher: fetcher)
        let b = Worker("b", store: store, config: Self.config(count, output: "\(dir.path)/B"), fetcher: fetcher)
        let written = await eventually(30) {
            ["A", "B"].allSatisfy { name in
                let data = try? Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/\(name)/programme.json"))
                return (data.flatMap { try? ProgrammeJSONWriter.read($0) })?.events.count == count
            }
        }
        #expect(written, "\(a.logs.all + b.logs.all)")
        #expect((0..<count).allSatisfy { fetcher.count("lab-\($0)") == 1 })
        #expect(try await queue.savedProgramme().events.count == count)
        #expect(try await queue.leases(now: Date()).isEmpty)
        // Scheduled an interval on (1 h), not again now.
        let schedule = try await queue.schedule()
        #expect(schedule.count == count && schedule.values.allSatisfy { $0 > Date().addingTimeInterval(3000) })
        try await a.stop()
        try await b.stop()
        let programmeA = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/A/programme.json"))
        let programmeB = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/B/programme.json"))
        #expect(try ProgrammeJSONWriter.read(programmeA).events == ProgrammeJSONWriter.read(programmeB).events)
    }

    @Test func aRetryAfterBindsTheHostForEveryWorkerAndASourceLeasedElsewhereIsNotFetched() async throws {
        let dir = TemporaryDirectory(prefix: "labfeed-shared")
        let store = MemoryStore()
        let queue: any SharedStore = store
        let later = Date().addingTimeInterval(1800).rounded()
        let fetcher = ScriptedFetcher(clock: ManualClock(Stub.start)) { source, _ in
            source == "lab-0" ? .fail(.httpStatus, status: 503, retryAfter: later) : .body("Atelier \(source)")
        }
        let config = Self.config(3, output: "\(dir.path)/A")
        // Another worker holds lab-2 for a minute.
        try await queue.register(config.sources.map { WorkItem(sourceID: $0.id, host: $0.url.host, nextDue: Date(timeIntervalSince1970: 0)) })
        let now = Date()
        let held = try await queue.claimDue(worker: "elsewhere", limit: 3, now: now, leaseFor: .seconds(60))
        for id in held where id != "lab-2" { try await queue.release(id, worker: "elsewhere", nextDue: Date(timeIntervalSince1970: 0)) }

        let a = Worker("a", store: store, config: config, fetcher: fetcher)
        #expect(await eventually(30) { fetcher.count("lab-0") == 1 && fetcher.count("lab-1") == 1 })
        #expect(await eventually(30) { (try? await queue.nextAllowed(host: "lab-0.example")) == later })
        try await a.stop()
        #expect(fetcher.count("lab-2") == 0)
        #expect(try await queue.leases(now: Date()).map(\.owner) == ["elsewhere"])
    }

    @Test func leaseMetricsCountEachWorkersSourcesAndFallToZero() throws {
        let metrics = LabfeedMetrics()
        let now = Date()
        metrics.setLeases([Lease(sourceID: "x", owner: "host:1", claimedAt: now, until: now),
                           Lease(sourceID: "y", owner: "host:1", claimedAt: now, until: now),
                           Lease(sourceID: "z", owner: "host:2", claimedAt: now, until: now)])
        var text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(text.contains("labfeed_source_leases{worker=\"host:1\"} 2"), "\(text)")
        #expect(text.contains("labfeed_source_leases{worker=\"host:2\"} 1"))
        metrics.setLeases([])
        text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(text.contains("labfeed_source_leases{worker=\"host:1\"} 0"), "\(text)")
    }
}

extension Date {
    /// Whole seconds, as the stores keep times.
    func rounded() -> Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
