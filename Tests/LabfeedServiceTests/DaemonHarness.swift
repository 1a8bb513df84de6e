// Test doubles for the daemon: a scripted fetcher that records when and how often each source
// is fetched (and how many fetches of one source overlap), a parser that turns a body's lines
// into events, and a harness that runs a SyncDaemon on a manual clock.

import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Logging
import Synchronization

/// What the scripted fetcher does for one call: answer, fail, or wait.
enum Script: Sendable {
    case body(String, retryAfter: Date? = nil, maxAge: Duration? = nil)
    case notModified
    case fail(FetchError.Kind, status: Int? = nil, retryAfter: Date? = nil)
    /// Waits until the test opens the gate (or the task is cancelled), then answers `body`.
    case gate(String)
}

/// A fetcher whose answers the test scripts per source and per call.
final class ScriptedFetcher: Fetching {
    struct Log: Sendable {
        var calls: [String: [Date]] = [:]
        var inFlight: [String: Int] = [:]
        var maxInFlight: [String: Int] = [:]
        var gateOpen = false
    }

    let clock: ManualClock
    let script: @Sendable (_ source: String, _ call: Int) -> Script
    let log = Mutex(Log())

    init(clock: ManualClock, script: @escaping @Sendable (_ source: String, _ call: Int) -> Script) {
        self.clock = clock
        self.script = script
    }

    func calls(_ source: String) -> [Date] { log.withLock { $0.calls[source] ?? [] } }
    func count(_ source: String) -> Int { calls(source).count }
    func maxInFlight(_ source: String) -> Int { log.withLock { $0.maxInFlight[source] ?? 0 } }
    var inFlight: Int { log.withLock { $0.inFlight.values.reduce(0, +) } }
    func openGate() { log.withLock { $0.gateOpen = true } }

    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let id = request.sourceID ?? ""
        let now = clock.now()
        let call = log.withLock { log -> Int in
            log.calls[id, default: []].append(now)
            log.inFlight[id, default: 0] += 1
            log.maxInFlight[id] = max(log.maxInFlight[id] ?? 0, log.inFlight[id]!)
            return log.calls[id]!.count
        }
        defer { log.withLock { $0.inFlight[id, default: 1] -= 1 } }
        switch script(id, call) {
        case .body(let text, let retryAfter, let maxAge):
            return FetchResponse(url: request.url, contentType: "text/plain", retryAfter: retryAfter, cacheMaxAge: maxAge,
                                 body: Array(text.utf8), bytesOnWire: text.utf8.count)
        case .notModified:
            return FetchResponse(status: 304, url: request.url, notModified: true, unchanged: true)
        case .fail(let kind, let status, let retryAfter):
            throw FetchError(kind, url: request.url, "scripted failure", status: status, retryAfter: retryAfter)
        case .gate(let text):
            while !log.withLock({ $0.gateOpen }) {
                if Task.isCancelled { throw FetchError(.cancelled, url: request.url, "cancelled") }
                try? await Task.sleep(for: .milliseconds(2))
            }
            return FetchResponse(url: request.url, body: Array(text.utf8))
        }
    }
}

enum Stub {
    /// Each non-empty line of the body is an all-day event on 2022-11-(line number + 1).
    static let parser: DocumentParsing = { document in
        let lines = String(decoding: document.bytes, as: UTF8.self).split(separator: "\n")
        let events = lines.enumerated().map { i, line in
            Event(title: String(line), start: .day(CivilDate(year: 2022, month: 11, day: min(28, i + 1))),
                  url: "https://\(document.source.id).example/\(i)", foundBy: .jsonLD)
        }
        return ParsedDocument(format: .html, events: events)
    }

    static let start = UTCTimestamp.date("2022-11-04T08:00:00Z")!

    /// A configuration of web sources (`id` → interval in hours).
    static func config(_ sources: [(String, Int)], output: String) -> LabfeedConfig {
        var config = LabfeedConfig()
        config.settings.output = output
        config.settings.keepPast = .forever
        config.sources = sources.map { id, hours in
            var s = SourceConfig(id: id, url: .web(URL(string: "https://\(id).example/agenda")!))
            s.interval = .seconds(Int64(hours) * 3600)
            return s
        }
        return config
    }
}

/// A value behind a lock, shareable by reference.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}

/// Collected log lines.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }
    func logger() -> Logger {
        JournalLogHandler.logger(label: "test", level: .debug, journal: true, output: { line in self.lines.withLock { $0.append(line) } })
    }
}

/// A daemon on a manual clock with a memory store, running in a task of its own.
final class DaemonHarness: Sendable {
    let clock: ManualClock
    let fetcher: ScriptedFetcher
    let store = MemoryStore()
    let daemon: SyncDaemon
    let logs = LogLines()
    let directory = TemporaryDirectory(prefix: "labfeed-daemon")
    let configBox: Locked<Result<LabfeedConfig, ConfigError>>
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(sources: [(String, Int)], options: DaemonOptions? = nil, notifier: SystemdNotifier = SystemdNotifier(environment: [:]),
         script: @escaping @Sendable (_ source: String, _ call: Int) -> Script) {
        let clock = ManualClock(Stub.start)
        self.clock = clock
        let fetcher = ScriptedFetcher(clock: clock, script: script)
        self.fetcher = fetcher
        let config = Stub.config(sources, output: "\(directory.path)/Output")
        let box = Locked<Result<LabfeedConfig, ConfigError>>(.success(config))
        configBox = box
        let environment = DaemonEnvironment(
            store: store, makeFetcher: { _ in FetchSession(fetcher: fetcher) }, parser: { _ in Stub.parser },
            loadConfig: { try box.withLock { $0 }.get() }, clock: clock, notifier: notifier, logger: logs.logger())
        daemon = SyncDaemon(config: config,
                            options: options ?? DaemonOptions(schedule: SourceSchedule(jitter: 0), grace: .seconds(10), gather: .zero),
                            environment: environment)
    }

    func start() {
        let daemon = self.daemon
        task.withLock { $0 = Task { try await daemon.run() } }
    }

    /// Waits until `bursts` bursts are done and the daemon sleeps again.
    func waitForBursts(_ bursts: Int) async -> Bool {
        await eventually { await self.daemon.snapshot().bursts >= bursts && !self.clock.sleepingUntil.isEmpty }
    }

    /// Stops the daemon and waits for run() to return.
    func stop() async throws {
        await daemon.requestStop()
        try await task.withLock { $0 }?.value
    }

    /// The programme.json the daemon wrote, parsed.
    func programme() throws -> Programme {
        try ProgrammeJSONWriter.read(Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/Output/programme.json")))
    }
}
