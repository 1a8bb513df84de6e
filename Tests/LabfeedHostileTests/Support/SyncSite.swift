// SyncSite: a temporary directory holding a feeds.yml, the state and the outputs, and the ways
// the suite runs labfeed on it (`LabfeedDriver`). Reads programme.json back as JSON and checks
// it against the schema labfeed ships.

import Foundation
import LabfeedTestSupport
import Testing

/// Bounds every run of labfeed in this suite must keep.
enum HostileLimits {
    /// Peak resident memory of one labfeed process (its own, measured by `child-peak`): 200 MB,
    /// or 400 MB for a binary built with AddressSanitizer (`make test-asan`), whose shadow memory
    /// and quarantine count as resident. Measured at stop 22: 55-58 MiB per scenario in a debug
    /// build (77 MiB with the endless chunked body, read up to `max_body`), 115-145 MiB under ASan.
    static let peakMemory = (LabfeedBinary.url?.path.contains("asan") == true ? 400 : 200) * 1_048_576
    /// One sync, hostile sources included (the settings below make every failure quick).
    static let syncTimeout = Duration.seconds(45)
    /// The `--now` of every sync: the test feeds' events are in November 2030.
    static let now = "2030-06-01T12:00:00+02:00"
}

/// One source line of the generated feeds.yml.
struct SiteSource: Sendable {
    var id: String
    var url: String
    var kind = "rss"
}

/// A directory where labfeed runs, with its configuration, state and outputs.
final class SyncSite: Sendable {
    let directory = TemporaryDirectory(prefix: "labfeed-hostile")
    var configPath: String { directory.path + "/feeds.yml" }
    var outputPath: String { directory.path + "/Output" }
    var statePath: String { directory.path + "/state.sqlite" }
    var programmePath: String { outputPath + "/programme.json" }

    /// Writes feeds.yml: loopback sources, short timeouts, `retries` attempts.
    func configure(_ sources: [SiteSource], retries: Int = 1, extraSettings: String = "") throws {
        var text = """
            settings:
              output: \(outputPath)
              state: \(statePath)
              timezone: Europe/Paris
              allow_private_networks: true
              retries: \(retries)
              connect_timeout: 2s
              timeout: 8s
              low_speed_limit: 100
              low_speed_time: 2s
            \(extraSettings)
            sources:

            """
        for source in sources {
            text += "  - id: \(source.id)\n    url: \(source.url)\n    kind: \(source.kind)\n"
        }
        try directory.write("feeds.yml", text)
    }

    /// The environment of every run: no proxy, a resolver that gives up fast.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] { env.removeValue(forKey: key) }
        env["NO_PROXY"] = "*"
        env["RES_OPTIONS"] = "attempts:1 timeout:2"
        env["HOME"] = directory.path
        return env
    }

    // MARK: - Reading the outputs

    /// programme.json parsed, or nil when it does not exist.
    func programme() throws -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: programmePath) else { return nil }
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The violations of programme.json against Output/programme.schema.json (written beside it).
    func schemaViolations(_ programme: JSONValue) throws -> [String] {
        let schemaPath = outputPath + "/programme.schema.json"
        let schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: schemaPath)))
        return SchemaValidator(root: schema).validate(programme)
    }

    /// The titles of the events one source contributes, sorted.
    func titles(from source: String) throws -> [String] {
        try titlesBySource()[source] ?? []
    }

    /// The titles of the events of every source (an event merged from several is listed under
    /// each), sorted; read in one pass of programme.json.
    func titlesBySource() throws -> [String: [String]] {
        guard case .array(let events)? = try programme()?["events"] else { return [:] }
        var result: [String: [String]] = [:]
        for event in events {
            guard case .array(let sources)? = event["sources"], case .string(let title)? = event["title"] else { continue }
            for case .string(let id)? in sources.map({ $0["source"] }) { result[id, default: []].append(title) }
        }
        return result.mapValues { $0.sorted() }
    }

    /// A source's health entry in programme.json.
    func health(of source: String) throws -> JSONValue? {
        guard case .array(let sources)? = try programme()?["sources"] else { return nil }
        return sources.first { $0["id"] == .string(source) }
    }

    /// Modification times of every output file, to tell whether a sync rewrote any.
    func outputTimes() -> [String: Date] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outputPath)) ?? []
        var times: [String: Date] = [:]
        for name in names where !name.hasPrefix(".") {
            times[name] = (try? FileManager.default.attributesOfItem(atPath: outputPath + "/" + name))?[.modificationDate] as? Date
        }
        return times
    }
}

/// How the suite makes labfeed sync once: `sync` runs `labfeed sync --all`. The daemon
/// (`labfeed run`) is not a case here: a daemon syncs a source again only after its `interval`
/// (at least 60 s), so one daemon per scenario would take half an hour. `HostileRunTests` runs
/// every scenario in one daemon instead.
enum LabfeedDriver: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sync

    var testDescription: String { "labfeed \(rawValue)" }

    /// One sync of every source of `site`, measured.
    func syncOnce(_ site: SyncSite) throws -> ChildProcess.Exit {
        guard let binary = LabfeedBinary.url?.path else { throw HarnessError("labfeed binary not found; build it first") }
        switch self {
        case .sync:
            return try ChildProcess.run(binary, ["sync", "--all", "--config", site.configPath, "--now", HostileLimits.now],
                                        environment: site.environment, measuringPeak: true,
                                        timeout: HostileLimits.syncTimeout)
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A TCP port on 127.0.0.1 where nothing listens (bound, then closed).
func closedLoopbackPort() throws -> Int {
    let server = try LoopbackServer { _ in .text("") }
    let port = server.port
    server.stop()
    return port
}
