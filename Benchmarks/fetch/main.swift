// Fetch benchmark (not a test): 1,000 documents from a loopback server, fast and with 50 ms of
// latency per response, through labfeed's Fetcher and through `curl --parallel --parallel-max 16`.
// Prints wall time, connections opened and peak memory (ru_maxrss) for each.
//
//     Benchmarks/fetch/run.sh                 # both cases, one run each
//     Benchmarks/fetch/run.sh fast 9          # the fast case only, 9 runs of each, medians
//
// Fast runs alternate labfeed and curl so that machine noise falls on both alike.

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

func secondsValue(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func seconds(_ d: Duration) -> String {
    String(format: "%.3f s", secondsValue(d))
}

/// CPU time (user + system) used so far by this process, or by its finished children.
func cpuTime(_ who: __rusage_who) -> Duration {
    var usage = rusage()
    getrusage(__rusage_who_t(who.rawValue), &usage)
    let micro = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec
    return .microseconds(micro)
}

func ms(_ d: Duration) -> String {
    String(format: "%.0f ms", secondsValue(d) * 1000)
}

func median(_ values: [Duration]) -> Duration {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
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

let defaults = FetchOptions()
let plainCurl = ProcessInfo.processInfo.environment["FETCH_BENCH_CURL_PLAIN"] == "1"

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
    process.arguments = (measured ? ["-f", "%M", "-o", memory.path, "/usr/bin/curl"] : []) + ["--silent", "--parallel", "--parallel-max", "16", "--noproxy", "*"]
        // The request labfeed sends, byte for byte (the server's work grows with the header size);
        // curl's own shorter request with FETCH_BENCH_CURL_PLAIN=1.
        + (plainCurl ? [] : ["--user-agent", defaults.userAgent, "--header", "Accept: \(defaults.accept)", "--compressed"])
        + ["--config", config.path]
    let start = ContinuousClock.now
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let elapsed = ContinuousClock.now - start
    let peak = (try? String(contentsOf: memory, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    return (elapsed, peak.map { "\($0) KiB" } ?? "unknown (no /usr/bin/time)")
}

func server(latency: Duration) throws -> LoopbackServer {
    try LoopbackServer { _ in
        ServerResponse(status: 200, headers: [("Content-Type", "application/xml")], body: .bytes(body), delay: latency)
    }
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "profile" {
    // labfeed alone on the fast server, N times: for `perf record`.
    let runs = max(1, min(100, arguments.dropFirst().first.flatMap { Int($0) } ?? 20))
    let s = try server(latency: .zero)
    for _ in 1...runs { _ = try await runFetcher(server: s, perHost: 16) }
    s.stop()
    exit(0)
}
if arguments.first == "fast" {
    let runs = max(1, min(50, arguments.dropFirst().first.flatMap { Int($0) } ?? 9))
    var labfeed: [Duration] = []
    var curl: [Duration] = []
    for run in 1...runs {
        let s1 = try server(latency: .zero)
        let cpu0 = cpuTime(RUSAGE_SELF)
        let l = try await runFetcher(server: s1, perHost: 16)
        let cpu1 = cpuTime(RUSAGE_SELF)
        let labfeedConnections = s1.connections
        s1.stop()
        let s2 = try server(latency: .zero)
        let child0 = cpuTime(RUSAGE_CHILDREN)
        let cpu2 = cpuTime(RUSAGE_SELF)
        let (c, _) = try runCurl(server: s2)
        let cpu3 = cpuTime(RUSAGE_SELF)
        let child1 = cpuTime(RUSAGE_CHILDREN)
        let curlConnections = s2.connections
        s2.stop()
        labfeed.append(l)
        curl.append(c)
        print("run \(run): labfeed \(seconds(l)), \(labfeedConnections) connections, CPU \(ms(cpu1 - cpu0)) with the server; "
              + "curl \(seconds(c)), \(curlConnections) connections, CPU \(ms(child1 - child0)) (server \(ms(cpu3 - cpu2)))")
    }
    let ratio = secondsValue(median(labfeed)) / secondsValue(median(curl))
    print("fast, \(runs) runs: median labfeed \(seconds(median(labfeed))), median curl \(seconds(median(curl))), ratio \(String(format: "%.2f", ratio))")
    exit(0)
}

for latency in [Duration.zero, .milliseconds(50)] {
    let server = try server(latency: latency)
    let label = latency == .zero ? "fast" : "50 ms latency"
    let fetcher16 = try await runFetcher(server: server, perHost: 16)
    print("\(label): labfeed Fetcher, 16 at once (per_host 16): \(seconds(fetcher16)), max in flight at server \(server.maxConcurrent), \(server.connections) connections")
    if latency != .zero {
        let fetcher2 = try await runFetcher(server: server, perHost: 2)
        print("\(label): labfeed Fetcher, default per_host 2: \(seconds(fetcher2))")
    }
    let (curl, curlPeak) = try runCurl(server: server)
    print("\(label): curl --parallel --parallel-max 16: \(seconds(curl)), peak memory \(curlPeak)")
    server.stop()
}
print("peak memory of this process (Fetcher and loopback server together): \(peakKiB(RUSAGE_SELF)) KiB")
