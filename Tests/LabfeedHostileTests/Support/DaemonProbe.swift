// DaemonProbe: what a test can read of a running `labfeed run` from outside, as an operator
// would: its memory in /proc, its log (standard error), its HTTP server (--listen) and
// `labfeed sources --json` on its state (a read that takes no lock).

import Foundation
import LabfeedTestSupport

/// Reads a running daemon started with `--listen 127.0.0.1:0`.
struct DaemonProbe {
    let daemon: BackgroundLabfeed
    let site: SyncSite

    /// Peak resident memory so far (`VmHWM` of /proc/PID/status), in bytes; nil once it is gone.
    var peakMemory: Int? { Self.procStatus(daemon.pid, "VmHWM") }

    /// Resident memory now (`VmRSS`), in bytes.
    var residentMemory: Int? { Self.procStatus(daemon.pid, "VmRSS") }

    /// A `kB` field of /proc/PID/status, in bytes.
    static func procStatus(_ pid: Int32, _ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let number = line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
            return number.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// The port of `listening on http://127.0.0.1:PORT` in the log, once it is there.
    var port: Int? {
        guard let range = daemon.stderr.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(daemon.stderr[range.upperBound...].prefix { $0.isNumber })
    }

    /// The log lines (standard error) that mention `text`.
    func logLines(containing text: String) -> [String] {
        daemon.stderr.split(separator: "\n").map(String.init).filter { $0.contains(text) }
    }

    /// How many bursts of `sources` sources the log reports as done (`synced N sources: ...`).
    func bursts(of sources: Int) -> Int {
        logLines(containing: "synced \(sources) sources:").count
    }

    /// GET `path` from the daemon's own server.
    func get(_ path: String) throws -> ClientResponse {
        guard let port else { throw HarnessError("the daemon logged no `listening on`:\n\(daemon.stderr)") }
        return try LoopbackClient.get(port: port, path, timeout: 20)
    }

    /// `labfeed sources --json` on the daemon's configuration and state, by source id.
    func sources() throws -> [String: JSONValue] {
        guard let binary = LabfeedBinary.url?.path else { throw HarnessError("labfeed binary not found; build it first") }
        let listing = try ChildProcess.run(binary, ["sources", "--json", "--config", site.configPath],
                                           environment: site.environment, timeout: HostileLimits.syncTimeout)
        guard listing.exited(0) else { throw HarnessError("labfeed sources failed: \(listing)") }
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(listing.stdout.utf8))
        guard case .array(let rows)? = json["sources"] else { throw HarnessError("no sources in \(listing.stdout)") }
        var result: [String: JSONValue] = [:]
        for row in rows { if case .string(let id)? = row["id"] { result[id] = row } }
        return result
    }
}
