// Fetch benchmark (not a test): 1,000 documents from a loopback server, fast and with 50 ms of
// latency per response, through labfeed's Fetcher and through `curl --parallel --parallel-max 16`.
// Prints wall time and peak memory (ru_maxrss) for each. Run: Benchmarks/fetch/run.sh

import Foundation
import Glibc
import LabfeedFetch
import LabfeedTestSupport

let documents = 1000
let body = [UInt8](String(repeating: "<item><title>Atelier</title></item>\n", count: 500).utf8)  // ~18 KiB

func peakKiB(_ who: __rusage_who) -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(who.rawValue), &usage)
    return usage.ru_maxrss
}

func seconds(_ d: Duration) -> String {
    String(format: "%.2f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
}

func runFetcher(server: LoopbackServer, perHost: Int) async throws -> Duration {
    var options = FetchOptions()
    options.concurrency = 16
    options.perHost = perHost
    options.obeyRobots = false
    options.useEnvironmentProxy = false
    let fetcher = Fetcher(options: options)
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Int.self) { group in
        for i in 0..<documents {
            group.addTask { try await fetcher.fetch(FetchRequest(url: server.url("/doc/\(i)"))).body.count }
        }
        var total = 0
        for try await n in group { total += n }
        precondition(total == documents * body.count, "short read")
    }
    let elapsed = ContinuousClock.now - start
    await fetcher.shutdown()
    return elapsed
}

/// Wall time and peak memory (KiB, from /usr/bin/time) of curl fetching every document.
func runCurl(server: LoopbackServer) throws -> (Duration, String) {
    let config = FileManager.default.temporaryDirectory.appendingPathComponent("labfeed-bench-\(getpid()).curl")
    var text = ""
    for i in 0..<documents { text += "url = \"\(server.baseURL)/doc/\(i)\"\noutput = \"/dev/null\"\n" }
    try text.write(to: config, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: config) }
    let process = Process()
    let measured = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
    let memory = FileManager.default.temporaryDirectory.appendingPathComponent("labfeed-bench-\(getpid()).mem")
    defer { try? FileManager.default.removeItem(at: memory) }
    process.executableURL = URL(fileURLWithPath: measured ? "/usr/bin/time" : "/usr/bin/curl")
    process.arguments = (measured ? ["-f", "%M", "-o", memory.path, "/usr/bin/curl"] : []) + ["--silent", "--parallel", "--parallel-max", "16", "--noproxy", "*", "--config", config.path]
    let start = ContinuousClock.now
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - start
    let peak = (try? String(contentsOf: memory, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    return (elapsed, peak.map { "\($0) KiB" } ?? "unknown (no /usr/bin/time)")
}

for latency in [Duration.zero, .milliseconds(50)] {
    let server = try LoopbackServer { _ in
        ServerResponse(status: 200, headers: [("Content-Type", "application/xml")], body: .bytes(body), delay: latency)
    }
    let label = latency == .zero ? "fast" : "50 ms latency"
    let fetcher16 = try await runFetcher(server: server, perHost: 16)
    print("\(label): labfeed Fetcher, 16 at once (per_host 16): \(seconds(fetcher16)), max in flight at server \(server.maxConcurrent)")
    if latency != .zero {
        let fetcher2 = try await runFetcher(server: server, perHost: 2)
        print("\(label): labfeed Fetcher, default per_host 2: \(seconds(fetcher2))")
    }
    let (curl, curlPeak) = try runCurl(server: server)
    print("\(label): curl --parallel --parallel-max 16: \(seconds(curl)), peak memory \(curlPeak)")
    server.stop()
}
print("peak memory of this process (Fetcher and loopback server together): \(peakKiB(RUSAGE_SELF)) KiB")
