// Several `labfeed run` processes over one PostgreSQL schema, fetching loopback sources: each
// source fetched once, a SIGKILLed worker's sources taken over after its lease, and the merged
// programme equal to what one process on SQLite makes. Needs LABFEED_TEST_POSTGRES_URL
// (`make test` starts a throwaway server); skipped with a message otherwise.

import Foundation
import Glibc
import LabfeedTestSupport
import Testing

@Suite(.enabled(if: MultiWorker.postgresURL != nil, MultiWorker.skipMessage))
struct MultiWorkerTests {
    @Test func threeWorkersFetchEachOf300SourcesOnceAndServeTheSingleProcessProgramme() throws {
        let server = try MultiWorker.server(slowFirst: false)
        defer { server.stop() }
        let dir = TemporaryDirectory(prefix: "labfeed-workers")
        let count = 300
        let path = try dir.write("feeds.yml", MultiWorker.config(server: server, count: count, store: MultiWorker.freshStore()))
        let workers = try (1...3).map { n in
            try BackgroundLabfeed(["run", "--config", path, "--worker-id", "w\(n)", "--lease", "20s", "--output", "\(dir.path)/Out\(n)"],
                                  environment: MultiWorker.environment)
        }
        let paths = (0..<count).map { MultiWorker.path($0) }
        let allFetched = workers[0].waitUntil(timeout: 90) { paths.allSatisfy { !server.requests(to: $0).isEmpty } }
        #expect(allFetched, "\(workers.map(\.stderr))")
        // Every worker's Output/ follows the programme merged into the database.
        let outputs = (1...3).map { "\(dir.path)/Out\($0)/programme.json" }
        let converged = workers[0].waitUntil(timeout: 60) {
            outputs.allSatisfy { (try? MultiWorker.events(atPath: $0).count) == count }
        }
        #expect(converged, "\(workers.map(\.stderr))")
        // Each worker took part, and a few polls later no source has been fetched twice.
        for (n, worker) in workers.enumerated() {
            #expect(worker.stderr.contains("worker w\(n + 1): sharing the sources by leases of 20s"), "\(worker.stderr)")
        }
        usleep(1_500_000)
        let twice = paths.filter { server.requests(to: $0).count != 1 }
        #expect(twice.isEmpty, "fetched more than once: \(twice.prefix(10))")

        // The database's programme, each worker's files and one process's `sync --all` on SQLite agree.
        let single = try dir.write("single.yml", MultiWorker.config(server: server, count: count, store: nil))
        let sync = try LabfeedBinary.run(["sync", "--all", "--quiet", "--config", single, "--output", "\(dir.path)/Single"], timeout: 120)
        #expect(sync.status == 0, "\(sync.stderr)")
        let expected = try MultiWorker.events(atPath: "\(dir.path)/Single/programme.json")
        #expect(expected.count == count)
        for output in outputs {
            #expect(try MultiWorker.events(atPath: output) == expected, "\(output) differs from the single-process programme")
        }
        let export = try LabfeedBinary.run(["export", "--config", path, "--format", "json"], environment: MultiWorker.environment)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try MultiWorker.events(Data(export.stdout.utf8)) == expected)

        // `labfeed sources` reads the shared store: nobody holds a lease, every source is scheduled an interval on.
        let listing = try LabfeedBinary.run(["sources", "--config", path, "--json"], environment: MultiWorker.environment)
        #expect(listing.status == 0, "\(listing.stderr)")
        let rows = try MultiWorker.rows(listing.stdout)
        #expect(rows.count == count)
        #expect(rows.allSatisfy { $0["lease_owner"] is NSNull && ($0["state"] as? String) == "ok" })

        for worker in workers { worker.signal(SIGTERM) }
        for worker in workers { #expect(worker.waitForExit(timeout: 60) == 0, "\(worker.stderr)") }
    }

    @Test func aKilledWorkersSourcesAreFetchedByTheOthersAfterItsLeaseAndNoEventIsLost() throws {
        let server = try MultiWorker.server(slowFirst: true)
        defer { server.stop() }
        let dir = TemporaryDirectory(prefix: "labfeed-workers")
        let count = 24
        let path = try dir.write("feeds.yml", MultiWorker.config(server: server, count: count, store: MultiWorker.freshStore(),
                                                                 concurrency: 4, timeout: "8s"))
        // The doomed worker starts alone and claims the first four sources, whose first answer is slow.
        let doomed = try BackgroundLabfeed(["run", "--config", path, "--worker-id", "doomed", "--lease", "9s", "--output", "\(dir.path)/Doomed",
                                            "--listen", "127.0.0.1:0"],
                                           environment: MultiWorker.environment)
        let claimed = (0..<4).map { MultiWorker.path($0) }
        #expect(doomed.waitUntil(timeout: 60) { claimed.allSatisfy { server.requests(to: $0).count == 1 } }, "\(doomed.stderr)")
        // Its /metrics counts the sources it holds.
        let port = try #require(MultiWorker.listeningPort(doomed.stderr), "\(doomed.stderr)")
        let metrics = try LoopbackClient.get(port: port, "/metrics")
        #expect(metrics.text.contains("labfeed_source_leases{worker=\"doomed\"} 4"), "\(metrics.text)")
        let listing = try LabfeedBinary.run(["sources", "--config", path], environment: MultiWorker.environment)
        #expect(listing.stdout.contains("LEASE"), "\(listing.stdout)\(listing.stderr)")
        #expect(listing.stdout.contains("doomed until "), "\(listing.stdout)")
        doomed.signal(SIGKILL)
        #expect(doomed.waitForExit(timeout: 30) != 0)

        let survivors = try (1...2).map { n in
            try BackgroundLabfeed(["run", "--config", path, "--worker-id", "w\(n)", "--lease", "9s", "--output", "\(dir.path)/Out\(n)"],
                                  environment: MultiWorker.environment)
        }
        let done = survivors[0].waitUntil(timeout: 90) {
            (1...2).allSatisfy { (try? MultiWorker.events(atPath: "\(dir.path)/Out\($0)/programme.json").count) == count }
        }
        #expect(done, "\(survivors.map(\.stderr))")
        // The killed worker's four sources were asked again once its leases ran out; the others once.
        for (n, path) in (0..<count).map({ ($0, MultiWorker.path($0)) }) {
            #expect(server.requests(to: path).count == (n < 4 ? 2 : 1), "\(path): \(server.requests(to: path).count) requests")
        }
        let single = try dir.write("single.yml", MultiWorker.config(server: server, count: count, store: nil))
        let sync = try LabfeedBinary.run(["sync", "--all", "--quiet", "--config", single, "--output", "\(dir.path)/Single"], timeout: 120)
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try MultiWorker.events(atPath: "\(dir.path)/Out1/programme.json")
                == MultiWorker.events(atPath: "\(dir.path)/Single/programme.json"))

        for worker in survivors { worker.signal(SIGTERM) }
        for worker in survivors { #expect(worker.waitForExit(timeout: 60) == 0, "\(worker.stderr)") }
    }

    @Test func threeWorkersTogetherKeepToPerHost() throws {
        // Every answer takes 300 ms, each worker may run 4 fetches: without the shared cap the
        // three workers would ask the one loopback host up to 12 times at once.
        let server = try MultiWorker.server(slowFirst: false, delay: .milliseconds(300))
        defer { server.stop() }
        let dir = TemporaryDirectory(prefix: "labfeed-workers")
        let count = 36
        let path = try dir.write("feeds.yml", MultiWorker.config(server: server, count: count, store: MultiWorker.freshStore(),
                                                                 concurrency: 4, perHost: 3))
        let workers = try (1...3).map { n in
            try BackgroundLabfeed(["run", "--config", path, "--worker-id", "w\(n)", "--lease", "20s", "--output", "\(dir.path)/Out\(n)"],
                                  environment: MultiWorker.environment)
        }
        let paths = (0..<count).map { MultiWorker.path($0) }
        let allFetched = workers[0].waitUntil(timeout: 90) { paths.allSatisfy { !server.requests(to: $0).isEmpty } }
        #expect(allFetched, "\(workers.map(\.stderr))")
        #expect(server.maxConcurrent <= 3, "\(server.maxConcurrent) requests at once to one host with per_host: 3")
        #expect(paths.allSatisfy { server.requests(to: $0).count == 1 })
        for worker in workers { worker.signal(SIGTERM) }
        for worker in workers { #expect(worker.waitForExit(timeout: 60) == 0, "\(worker.stderr)") }
    }

    @Test func aLeaseShorterThanAFetchIsRefused() throws {
        let dir = TemporaryDirectory(prefix: "labfeed-workers")
        let path = try dir.write("feeds.yml", "settings:\n  store: \(MultiWorker.freshStore())\n  timeout: 30s\n  retries: 3\nsources:\n  - id: a\n    url: a.ics\n")
        let result = try LabfeedBinary.run(["run", "--config", path, "--lease", "1m"], environment: MultiWorker.environment, timeout: 60)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--lease 1m must be longer than settings.timeout × settings.retries (1m30s)"), "\(result.stderr)")
    }
}

/// The loopback sources, configurations and programme readers of the multi-worker tests.
enum MultiWorker {
    static let skipMessage: Comment = "LABFEED_TEST_POSTGRES_URL is not set: the multi-worker tests need PostgreSQL (`make test` starts a server)"

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["LABFEED_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What a worker needs to reach the test server (its password variable).
    static var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("LABFEED_TEST_POSTGRES") }
    }

    /// The test server's URL with a schema of its own.
    static func freshStore() -> String {
        let url = postgresURL ?? ""
        let schema = "workers_\(UInt32.random(in: 0 ... .max))"
        return url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
    }

    static func path(_ n: Int) -> String { "/s/\(String(format: "%03d", n)).ics" }

    /// Serves `/s/NNN.ics`, one event each on its own day; with `slowFirst`, the first answer of
    /// each path takes 6 s (a worker killed meanwhile holds its leases).
    /// `delay`: every answer takes this long (so fetches overlap).
    static func server(slowFirst: Bool, delay: Duration = .zero) throws -> LoopbackServer {
        let seen = SeenPaths()
        return try LoopbackServer { request in
            guard request.path.hasPrefix("/s/"), let n = Int(request.path.dropFirst(3).prefix(3)) else {
                return .text("", status: 404)
            }
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(identifier: "UTC")!
            let day = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: 1_893_456_000 + Double(n) * 86_400))
            let stamp = String(format: "%04d%02d%02d", day.year!, day.month!, day.day!)
            var response = ServerResponse.text(DaemonFixtures.calendar("s\(n)", "Atelier \(n)", day: stamp), type: "text/calendar")
            response.delay = delay
            if slowFirst && seen.first(request.path) { response.delay = .seconds(6) }
            return response
        }
    }

    /// feeds.yml for `count` sources on `server`; `store` nil: SQLite beside the file; `perHost`
    /// nil: as many as `concurrency`.
    static func config(server: LoopbackServer, count: Int, store: String?, concurrency: Int = 8, perHost: Int? = nil,
                       timeout: String = "3s") -> String {
        var text = """
            settings:
              output: Output
            \(store.map { "  store: \($0)" } ?? "  state: state/state.sqlite")
              keep_past: forever
              allow_private_networks: true
              concurrency: \(concurrency)
              per_host: \(perHost ?? concurrency)
              timeout: \(timeout)
              retries: 1
            sources:

            """
        for n in 0..<count {
            text += "  - id: s\(String(format: "%03d", n))\n    url: \(server.baseURL)\(path(n))\n    kind: ics\n"
        }
        return text
    }

    /// The events of a programme.json, without the times that depend on when it was made.
    static func events(atPath path: String) throws -> [NSDictionary] {
        try events(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func events(_ data: Data) throws -> [NSDictionary] {
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let events = object?["events"] as? [Any] ?? []
        return events.map { strip($0) as? NSDictionary ?? [:] }
    }

    private static func strip(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var kept: [String: Any] = [:]
            for (key, inner) in dictionary where !["first_seen", "last_seen", "updated", "updated_at"].contains(key) {
                kept[key] = strip(inner)
            }
            return kept as NSDictionary
        }
        if let array = value as? [Any] { return array.map(strip) as NSArray }
        return value
    }

    /// The port of "listening on http://127.0.0.1:PORT" in a log.
    static func listeningPort(_ log: String) -> Int? {
        guard let range = log.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(log[range.upperBound...].prefix { $0.isNumber })
    }

    static func rows(_ json: String) throws -> [[String: Any]] {
        let listing = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return listing?["sources"] as? [[String: Any]] ?? []
    }
}

/// Which paths were asked before (the server's handler runs on its own threads).
final class SeenPaths: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []

    /// True the first time `path` is seen.
    func first(_ path: String) -> Bool { lock.withLock { paths.insert(path).inserted } }
}
