// `labfeed run` as a service manager would run it: one instance per state, SIGHUP reloads,
// SIGTERM during slow fetches, sd_notify, journald-style logs.

import Foundation
import Glibc
import LabfeedTestSupport
import Testing

struct RunCommandTests {
    @Test func aSecondRunOnTheSameStateIsRefusedWithAClearMessage() throws {
        let (dir, path) = try DaemonFixtures.directory()
        let first = try BackgroundLabfeed(["run", "--config", path])
        #expect(first.waitForStderr("synced 1 source"), "\(first.stderr)")

        let second = try LabfeedBinary.run(["run", "--config", path], timeout: 60)
        #expect(second.status == 75)
        #expect(second.stderr.contains("another labfeed (pid \(first.pid), `labfeed run`) is already using the state \(dir.path)/state/state.sqlite"),
                "\(second.stderr)")
        let sync = try LabfeedBinary.run(["sync", "--config", path], timeout: 60)
        #expect(sync.status == 75)
        #expect(sync.stderr.contains("pid \(first.pid)"))

        first.signal(SIGTERM)
        #expect(first.waitForExit(timeout: 30) == 0)
        // Released on exit: a sync may run now.
        #expect(try LabfeedBinary.run(["sync", "--config", path, "--quiet"], timeout: 60).status == 0)
    }

    @Test func sighupAppliesAValidConfigurationAndKeepsTheRunningOneWhenInvalid() throws {
        let (dir, path) = try DaemonFixtures.directory(sources: ["a"])
        let run = try BackgroundLabfeed(["run", "--config", path])
        #expect(run.waitForStderr("synced 1 source"), "\(run.stderr)")

        try DaemonFixtures.config([("a", "a.ics"), ("b", "b.ics")]).write(toFile: path, atomically: true, encoding: .utf8)
        run.signal(SIGHUP)
        #expect(run.waitForStderr("reloaded \(path): 1 added (b)"), "\(run.stderr)")
        #expect(run.waitUntil(timeout: 60) {
            (try? String(contentsOfFile: "\(dir.path)/Output/programme.json", encoding: .utf8))?.contains("Atelier B") ?? false
        }, "the added source is fetched without waiting for an interval")

        try "sources:\n  - id: a\n    url: a.ics\n    intervall: 2h\n".write(toFile: path, atomically: true, encoding: .utf8)
        run.signal(SIGHUP)
        #expect(run.waitForStderr("is invalid; keeping the running configuration"), "\(run.stderr)")
        #expect(run.stderr.contains("\(path):4:5: sources[0].intervall: unknown key"))
        #expect(run.isRunning)

        run.signal(SIGTERM)
        #expect(run.waitForExit(timeout: 30) == 0)
        #expect(run.stderr.contains("stopped"))
    }

    @Test func sigtermDuringSlowFetchesExitsAfterTheGraceWithAConsistentState() throws {
        let server = try LoopbackServer { request in
            request.path == "/robots.txt" ? .text("", status: 404) : ServerResponse(body: .hang(.seconds(120)))
        }
        defer { server.stop() }
        let dir = TemporaryDirectory(prefix: "labfeed-run")
        let path = try dir.write("feeds.yml", DaemonFixtures.config(
            [("slow-a", server.baseURL + "/a.ics"), ("slow-b", server.baseURL + "/b.ics")],
            extraSettings: "  allow_private_networks: true\n  retries: 1\n  timeout: 10m\n  low_speed_limit: 0"))
        let run = try BackgroundLabfeed(["run", "--config", path, "--grace", "1s"])
        #expect(run.waitUntil(timeout: 60) { server.requests(to: "/a.ics").count == 1 && server.requests(to: "/b.ics").count == 1 },
                "\(run.stderr)")

        run.signal(SIGTERM)
        let status = run.waitForExit(timeout: 60)
        #expect(status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("waiting up to 1s for 2 sources in flight"))
        #expect(run.stderr.contains("grace period over: aborting the fetches still running"))
        #expect(server.clientsGone >= 2 || server.requests.count >= 2)

        // The state opens, says the sources are not failing (an aborted fetch is not their
        // fault), and the programme was written.
        let sources = try LabfeedBinary.run(["sources", "--config", path, "--json"])
        #expect(sources.status == 0, "\(sources.stderr)")
        let listing = try JSONSerialization.jsonObject(with: Data(sources.stdout.utf8)) as? [String: Any]
        let rows = listing?["sources"] as? [[String: Any]] ?? []
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { ($0["consecutive_failures"] as? Int) == 0 })
        let programme = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/Output/programme.json"))
        #expect((try JSONSerialization.jsonObject(with: programme) as? [String: Any])?["events"] != nil)
    }

    @Test func systemdHearsReadyStatusWatchdogAndStopping() throws {
        let (dir, path) = try DaemonFixtures.directory(sources: ["a", "b"])
        let listener = try NotifyListener(directory: dir.path)
        let run = try BackgroundLabfeed(["run", "--config", path],
                                        environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "1000000"])
        #expect(listener.waitFor { $0.hasPrefix("READY=1\nSTATUS=2 sources, 0 failing") } != nil, "\(listener.messages)")
        #expect(listener.waitFor { $0.hasPrefix("STATUS=2 sources, 0 failing, next fetch in") } != nil, "\(listener.messages)")
        #expect(listener.waitFor { $0 == "WATCHDOG=1" } != nil)
        run.signal(SIGTERM)
        #expect(run.waitForExit(timeout: 30) == 0)
        #expect(listener.waitFor { $0.hasPrefix("STOPPING=1") } != nil, "\(listener.messages)")
    }

    @Test func underJournaldLogLinesCarryPrioritiesInsteadOfTimestamps() throws {
        let (dir, path) = try DaemonFixtures.directory()
        defer { withExtendedLifetime(dir) {} }
        let run = try BackgroundLabfeed(["run", "--config", path], environment: ["JOURNAL_STREAM": "8:12345"])
        #expect(run.waitForStderr("<6>labfeed: synced 1 source"), "\(run.stderr)")
        run.signal(SIGINT)
        #expect(run.waitForExit(timeout: 30) == 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("<") || $0.hasPrefix("  ") }, "\(run.stderr)")

        let plain = try BackgroundLabfeed(["run", "--config", path])
        #expect(plain.waitForStderr("info labfeed: scheduled 1 source"), "\(plain.stderr)")
        plain.signal(SIGTERM)
        #expect(plain.waitForExit(timeout: 30) == 0)
        #expect(plain.stderr.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ info labfeed: "#, options: .regularExpression) != nil)
    }
}
