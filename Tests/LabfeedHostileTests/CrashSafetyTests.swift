// Crash safety: `labfeed sync` killed with SIGKILL at random points mid-run, 50 times. After every kill
// programme.json (when it exists) parses and validates against the schema, the SQLite state
// passes `PRAGMA integrity_check`, and at the end a sync completes with every source's events.

import Foundation
import GRDB
import LabfeedTestSupport
import Testing

/// 30 feed sources on one loopback server whose answers change from run to run and arrive with
/// small random delays, so kills land while fetching, recording and writing.
final class ChangingFeedServer: Sendable {
    let server: LoopbackServer
    private let generation: Shared<Int>
    static let sources = 30
    static let items = 5

    init() throws {
        let generation = Shared(0)
        self.generation = generation
        server = try LoopbackServer { request in
            guard request.path.hasPrefix("/feed/"), let n = Int(request.path.dropFirst("/feed/".count)) else {
                return .text("not found", status: 404)
            }
            let g = generation.value
            // Every third source changes every run: events come, go and change titles.
            let items = Feeds.items("s\(n)", slot: 10 + n, count: Self.items, offset: n % 3 == 0 ? g % 5 : 0)
            let delay = Duration.milliseconds((n * 37 + g * 11) % 60)
            return ServerResponse(status: 200, headers: [("Content-Type", "application/rss+xml")],
                                  body: .bytes(Array(Feeds.rss(items, title: "Source \(n)").utf8)), delay: delay)
        }
    }

    func advance() { generation.update { $0 += 1 } }

    var siteSources: [SiteSource] {
        (0..<Self.sources).map { SiteSource(id: "s\($0)", url: server.baseURL + "/feed/\($0)") }
    }
}

struct CrashSafetyTests {
    static let kills = 50

    @Test func syncKilledAtRandomPointsLeavesAValidProgrammeAndState() throws {
        let feeds = try ChangingFeedServer()
        defer { feeds.server.stop() }
        let site = SyncSite()
        try site.configure(feeds.siteSources, extraSettings: "  concurrency: 8\n  per_host: 8")
        guard let binary = LabfeedBinary.url?.path else { throw HarnessError("labfeed binary not found; build it first") }
        let arguments = ["sync", "--all", "--quiet", "--config", site.configPath, "--now", HostileLimits.now]

        // Two whole syncs first: the first fills the state, the second (a third of the sources
        // changed, as in every round below) tells how long one round's sync takes. Kills are
        // spread over that span.
        let cold = try ChildProcess.run(binary, arguments, environment: site.environment, timeout: HostileLimits.syncTimeout)
        try #require(cold.exited(0), "\(cold)")
        feeds.advance()
        let whole = try ChildProcess.run(binary, arguments, environment: site.environment, timeout: HostileLimits.syncTimeout)
        try #require(whole.exited(0), "\(whole)")
        let span = max(whole.elapsed, .milliseconds(200))
        var spanSeconds = Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18

        let seed = UInt64(ProcessInfo.processInfo.environment["LABFEED_CRASH_SEED"] ?? "") ?? 20_301_108
        var random = Xorshift64(seed: seed)
        var killedMidway = 0
        var rounds = 0
        let clock = ContinuousClock.now
        // Until 50 runs were killed before they ended (a kill after the end proves nothing), at
        // most 150 rounds. A run that ended before its kill (the machine got faster than the
        // measured sync) narrows the span the next kills are drawn from.
        while killedMidway < Self.kills && rounds < Self.kills * 3 {
            rounds += 1
            let round = rounds
            feeds.advance()
            let child = try ChildProcess(binary, arguments, environment: site.environment)
            let fraction = Double(random.next() % 10_000) / 10_000
            usleep(UInt32(spanSeconds * fraction * 1e6))
            child.send(SIGKILL)
            let exit = child.wait(timeout: HostileLimits.syncTimeout)
            if exit.signal == SIGKILL {
                killedMidway += 1
            } else {
                spanSeconds = max(spanSeconds * 0.8, 0.05)
            }
            #expect(exit.signal == SIGKILL || exit.exited(0), "round \(round) (seed \(seed)): \(exit)")

            if let programme = try site.programme() {
                #expect(try site.schemaViolations(programme) == [], "round \(round) (seed \(seed))")
            }
            #expect(try integrityCheck(site.statePath) == ["ok"], "round \(round) (seed \(seed))")
        }
        print("crash safety: one sync \(whole.elapsed), \(rounds) rounds in \(ContinuousClock.now - clock), \(killedMidway) killed mid-run")
        #expect(killedMidway == Self.kills, "only \(killedMidway) of \(rounds) runs were killed before they ended")

        feeds.advance()
        let last = try ChildProcess.run(binary, arguments, environment: site.environment, timeout: HostileLimits.syncTimeout)
        #expect(last.exited(0), "\(last)")
        let programme = try #require(try site.programme())
        #expect(try site.schemaViolations(programme) == [])
        let titles = try site.titlesBySource()
        for n in 0..<ChangingFeedServer.sources {
            #expect(titles["s\(n)"]?.count == ChangingFeedServer.items, "source s\(n)")
        }
        #expect(try integrityCheck(site.statePath) == ["ok"])
    }

    /// `PRAGMA integrity_check` of the state, opened as the next labfeed would (WAL recovered).
    private func integrityCheck(_ path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return ["ok"] }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
