// The HTTP server on 127.0.0.1: every route, ETag and 304, gzip, filtered events, health turning
// 503 when stale or failing, metrics parsed back, static files.

import CompressNIO
import Foundation
import LabfeedCore
import LabfeedHash
import LabfeedProgramme
import LabfeedServer
import LabfeedService
import LabfeedTestSupport
import Logging
import NIOCore
import ServiceLifecycle
import Testing

/// A programme server on an ephemeral loopback port, over a temporary output directory.
final class ServerHarness: Sendable {
    let directory = TemporaryDirectory(prefix: "labfeed-serve")
    let metrics = LabfeedMetrics()
    let states: Locked<[String: SourceState]>
    let config: LabfeedConfig
    let now: Date
    let port: Int
    private let task: Task<Void, any Error>

    init(states: [String: SourceState] = [:], now: Date = UTCTimestamp.date("2022-11-04T12:00:00Z")!, write: Bool = true) async throws {
        var draft = LabfeedConfig()
        draft.settings.output = "\(directory.path)/Output"
        draft.sources = ["lab-na", "lab-b", "lab-c"].map { SourceConfig(id: $0, url: .web(URL(string: "https://\($0).example/")!)) }
        let config = draft
        self.config = config
        self.now = now
        let box = Locked(states)
        self.states = box
        if write { _ = try OutputDirectory.write(ServerHarness.programme(), to: config.settings.output) }
        let site = ProgrammeSite(
            outputDirectory: { config.settings.output },
            health: { written in HealthRule.evaluate(config: config, states: box.withLock { $0 }, programmeWritten: written, now: now) })
        let bound = AsyncStream<Int>.makeStream()
        let server = LabfeedHTTPServer.programme(site: site, metrics: metrics, address: ListenAddress(port: 0),
                                                 logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) { address in
            bound.continuation.yield(address.port)
        }
        task = Task { try await server.run() }
        var iterator = bound.stream.makeAsyncIterator()
        port = await iterator.next() ?? 0
    }

    deinit { task.cancel() }

    func get(_ path: String, _ headers: [(String, String)] = []) async throws -> ClientResponse {
        try await LoopbackClient.fetch(port: port, path, headers: headers)
    }

    static func programme() -> Programme {
        let seen = UTCTimestamp.date("2022-10-20T10:00:00Z")!
        func item(_ id: String, _ title: String, day: String, region: String?, organizer: String) -> ProgrammeEvent {
            let event = Event(title: title, start: .day(CivilDate(iso: day)!), url: "https://lab.example/\(id)",
                              organizer: Organizer(name: organizer), foundBy: .jsonLD)
            return ProgrammeEvent(id: id, event: event, sources: [], region: region, firstSeen: seen, lastSeen: seen, updated: seen,
                                  past: false, contentHash: SHA256.hex(id))
        }
        return Programme(updatedAt: seen, sources: [], events: [
            item("ev-0000000000000001", "Table ronde sur l’innovation", day: "2022-11-08", region: "Nouvelle-Aquitaine", organizer: "LaBase"),
            item("ev-0000000000000002", "Atelier design des politiques publiques", day: "2022-11-15", region: "Bretagne", organizer: "Lab Breizh"),
            item("ev-0000000000000003", "Journée nationale des Labs", day: "2022-11-24", region: "Nouvelle-Aquitaine", organizer: "LaBase"),
        ])
    }
}

struct ProgrammeServerTests {
    @Test func everyProgrammeFileIsServedWithItsType() async throws {
        let s = try await ServerHarness()
        let expected: [(String, String, String)] = [
            ("/", "text/html", "index.html"), ("/index.html", "text/html", "index.html"),
            ("/programme.json", "application/json", "programme.json"), ("/programme.ics", "text/calendar", "programme.ics"),
            ("/programme.csv", "text/csv", "programme.csv"), ("/programme.atom", "application/atom+xml", "programme.atom"),
            ("/programme.schema.json", "application/schema+json", "programme.schema.json"),
        ]
        for (path, type, file) in expected {
            let response = try await s.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.header("Content-Type")?.hasPrefix(type) == true, "\(path): \(response.header("Content-Type") ?? "-")")
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: "\(s.config.settings.output)/\(file)"))
            #expect(response.body == Array(onDisk), "\(path) is the file the sync wrote")
            #expect(response.header("ETag")?.hasPrefix("\"") == true)
        }
        #expect(try await s.get("/nothing-here").status == 404)
    }

    @Test func aMatchingETagGets304AndAChangedFileANewTag() async throws {
        let s = try await ServerHarness()
        let first = try await s.get("/programme.json")
        let tag = try #require(first.header("ETag"))
        let again = try await s.get("/programme.json", [("If-None-Match", tag)])
        #expect(again.status == 304 && again.body.isEmpty)
        #expect(try await s.get("/programme.json", [("If-None-Match", "\"other\", \(tag)")]).status == 304)
        #expect(try await s.get("/programme.json", [("If-None-Match", "\"other\"")]).status == 200)

        var programme = ServerHarness.programme()
        programme.events.removeLast()
        _ = try OutputDirectory.write(programme, to: s.config.settings.output)
        let changed = try await s.get("/programme.json", [("If-None-Match", tag)])
        #expect(changed.status == 200)
        #expect(changed.header("ETag") != tag)
        #expect(try ProgrammeJSONWriter.read(Data(changed.body)).events.count == 2)
    }

    @Test func filesAreGzippedWhenTheClientAcceptsIt() async throws {
        let s = try await ServerHarness()
        let plain = try await s.get("/programme.ics")
        let zipped = try await s.get("/programme.ics", [("Accept-Encoding", "br, gzip;q=0.8")])
        #expect(zipped.header("Content-Encoding") == "gzip")
        #expect(zipped.header("Vary") == "Accept-Encoding")
        #expect(Array(zipped.body.prefix(2)) == [0x1F, 0x8B])
        var buffer = ByteBuffer(bytes: zipped.body)
        let inflated = try buffer.decompress(with: .gzip())
        #expect(Array(inflated.readableBytesView) == plain.body)
        #expect(zipped.header("ETag") != plain.header("ETag"), "each encoding has its own tag")
        #expect(try await s.get("/programme.ics", [("If-None-Match", zipped.header("ETag")!), ("Accept-Encoding", "gzip")]).status == 304)
        #expect(try await s.get("/programme.ics", [("Accept-Encoding", "gzip;q=0")]).header("Content-Encoding") == nil)
        #expect(plain.header("Content-Encoding") == nil)
    }

    @Test func apiEventsFiltersByDayRegionOrganizerAndText() async throws {
        let s = try await ServerHarness()
        func titles(_ query: String) async throws -> [String] {
            let r = try await s.get("/api/events\(query)")
            #expect(r.status == 200, "\(query): \(r.text)")
            return try ProgrammeJSONWriter.read(Data(r.body)).events.map(\.event.title)
        }
        #expect(try await titles("").count == 3)
        #expect(try await titles("?region=nouvelle-aquitaine") == ["Table ronde sur l’innovation", "Journée nationale des Labs"])
        #expect(try await titles("?from=2022-11-10&to=2022-11-20") == ["Atelier design des politiques publiques"])
        #expect(try await titles("?organizer=breizh") == ["Atelier design des politiques publiques"])
        #expect(try await titles("?q=journee%20labs") == ["Journée nationale des Labs"])
        #expect(try await titles("?q=table+ronde&region=Nouvelle-Aquitaine") == ["Table ronde sur l’innovation"])
        let bad = try await s.get("/api/events?from=novembre")
        #expect(bad.status == 400)
        #expect(bad.text.contains("`from` takes a day such as 2022-11-01"))
    }

    @Test func healthIsOkWhenFreshAnd503WhenStaleOrFailing() async throws {
        let now = UTCTimestamp.date("2022-11-04T12:00:00Z")!
        func state(_ id: String, success: TimeInterval, failures: Int = 0) -> SourceState {
            SourceState(sourceID: id, lastAttempt: now.addingTimeInterval(-60), lastSuccess: now.addingTimeInterval(-success),
                        consecutiveFailures: failures)
        }
        let fresh = ["lab-na": state("lab-na", success: 600), "lab-b": state("lab-b", success: 900), "lab-c": state("lab-c", success: 3000, failures: 1)]
        let s = try await ServerHarness(states: fresh, now: now)
        let ok = try await s.get("/healthz")
        #expect(ok.status == 200, "\(ok.text)")
        #expect(ok.text.contains("\"status\" : \"ok\""))

        // Four hours without any answer: more than 3 intervals of 1 h.
        s.states.withLock { $0 = ["lab-na": state("lab-na", success: 4 * 3600), "lab-b": state("lab-b", success: 5 * 3600)] }
        let stale = try await s.get("/healthz")
        #expect(stale.status == 503)
        let report = try JSONDecoder().decode(HealthReport.self, from: Data(stale.body))
        #expect(!report.healthy)
        #expect(report.reasons.contains { $0.hasPrefix("stale: no source has answered since 2022-11-04T08:00:00Z") })

        // Fresh, but two of three sources failing.
        s.states.withLock { $0 = ["lab-na": state("lab-na", success: 60), "lab-b": state("lab-b", success: 60, failures: 2),
                                  "lab-c": state("lab-c", success: 60, failures: 5)] }
        let failing = try JSONDecoder().decode(HealthReport.self, from: Data(try await s.get("/healthz").body))
        #expect(failing.reasons == ["2 of 3 sources are failing"])
    }

    @Test func healthIs503BeforeTheFirstProgramme() async throws {
        let s = try await ServerHarness(write: false)
        let r = try await s.get("/healthz")
        #expect(r.status == 503)
        #expect(r.text.contains("no programme has been written yet"))
        #expect(try await s.get("/programme.json").status == 404)
        #expect(try await s.get("/api/events").status == 503)
    }

    @Test func metricsAreInPrometheusTextFormat() async throws {
        let s = try await ServerHarness()
        s.metrics.recordFetch(source: "lab-na", outcome: "fetched", duration: .milliseconds(120), bytes: 2048)
        s.metrics.recordFetch(source: "lab-na", outcome: "not_modified", duration: .milliseconds(40), bytes: 300)
        s.metrics.recordFetch(source: "lab-b", outcome: "timeout", duration: .seconds(30), bytes: 0)
        s.metrics.recordSync(duration: .seconds(3), eventsTotal: 3, lastSuccess: ["lab-na": 1_667_563_200])
        let r = try await s.get("/metrics")
        #expect(r.status == 200)
        #expect(r.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let samples = try PrometheusText.parse(r.text)
        #expect(samples["labfeed_fetches_total{outcome=\"fetched\",source=\"lab-na\"}"] == 1)
        #expect(samples["labfeed_fetches_total{outcome=\"not_modified\",source=\"lab-na\"}"] == 1)
        #expect(samples["labfeed_fetches_total{outcome=\"timeout\",source=\"lab-b\"}"] == 1)
        #expect(samples["labfeed_fetch_bytes_total{source=\"lab-na\"}"] == 2348)
        #expect(samples["labfeed_fetch_duration_seconds_count"] == 3)
        #expect(samples["labfeed_fetch_duration_seconds_bucket{le=\"0.25\"}"] == 2)
        #expect(samples["labfeed_fetch_duration_seconds_bucket{le=\"+Inf\"}"] == 3)
        #expect(samples["labfeed_programme_events"] == 3)
        #expect(samples["labfeed_source_last_success_timestamp_seconds{source=\"lab-na\"}"] == 1_667_563_200)
        #expect(samples["labfeed_sync_duration_seconds_count"] == 1)
        #expect(samples["labfeed_sync_duration_seconds_sum"] == 3)
    }
}

struct StaticFilesTests {
    @Test func aDirectoryIsServedAsItIsAndNothingOutsideIt() async throws {
        let dir = TemporaryDirectory(prefix: "labfeed-static")
        try dir.write("site/agenda.html", "<html><body>agenda</body></html>")
        try dir.write("secret.txt", "not for the web")
        let bound = AsyncStream<Int>.makeStream()
        let server = LabfeedHTTPServer.staticFiles(root: "\(dir.path)/site", address: ListenAddress(port: 0),
                                                   logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) {
            bound.continuation.yield($0.port)
        }
        let task = Task { try await server.run() }
        defer { task.cancel() }
        var iterator = bound.stream.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let page = try await LoopbackClient.fetch(port: port, "/agenda.html")
        #expect(page.status == 200 && page.text == "<html><body>agenda</body></html>")
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        let tag = try #require(page.header("ETag"))
        #expect(try await LoopbackClient.fetch(port: port, "/agenda.html", headers: [("If-None-Match", tag)]).status == 304)
        for escape in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"] {
            let refused = try await LoopbackClient.fetch(port: port, escape)
            #expect((400..<500).contains(refused.status), "\(escape): \(refused.status)")
            #expect(!refused.text.contains("not for the web"))
        }
        #expect(try await LoopbackClient.fetch(port: port, "/missing.html").status == 404)
    }
}

struct ListenAddressTests {
    @Test func addressesAreReadWithLoopbackByDefault() throws {
        #expect(try ListenAddress.parse("8080").get() == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(try ListenAddress.parse("127.0.0.1:8787").get() == ListenAddress(host: "127.0.0.1", port: 8787))
        #expect(try ListenAddress.parse("[::1]:9000").get() == ListenAddress(host: "::1", port: 9000))
        #expect(try ListenAddress.parse("localhost:0").get().port == 0)
        for bad in ["", "host:", ":80x", "1.2.3.4:70000", "::1:80", "[::1]"] {
            guard case .failure(let error) = ListenAddress.parse(bad) else { Issue.record("accepted `\(bad)`"); continue }
            #expect(error.description.contains("HOST:PORT"))
        }
    }
}

/// Reads the Prometheus text exposition format back: `name{labels} value` per sample, labels
/// sorted by name so the keys do not depend on the writer's order.
enum PrometheusText {
    struct Malformed: Error { var line: String }

    static func parse(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw Malformed(line: line)
            }
            var key = String(line[..<space])
            if let open = key.firstIndex(of: "{"), key.hasSuffix("}") {
                let name = key[..<open]
                let labels = key[key.index(after: open)..<key.index(before: key.endIndex)]
                    .split(separator: ",").map(String.init).sorted()
                guard labels.allSatisfy({ $0.contains("=\"") && $0.hasSuffix("\"") }) else { throw Malformed(line: line) }
                key = "\(name){\(labels.joined(separator: ","))}"
            }
            guard key.range(of: "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})?$", options: .regularExpression) != nil else {
                throw Malformed(line: line)
            }
            samples[key] = value
        }
        return samples
    }
}
