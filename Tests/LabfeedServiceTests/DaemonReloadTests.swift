// Reloading the configuration (what SIGHUP does): a valid file is applied without a restart,
// an invalid one is reported with its located problems and the running one kept.

import Foundation
import LabfeedCore
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Synchronization
import Testing

struct DaemonReloadTests {
    @Test func aValidConfigurationAddsRemovesAndChangesSources() async throws {
        // With the 30 s gathering of later bursts: a reload's burst does not wait for it.
        let options = DaemonOptions(schedule: SourceSchedule(jitter: 0), gather: .seconds(30))
        let h = DaemonHarness(sources: [("keep", 1), ("gone", 1), ("moved", 1)], options: options) { id, _ in .body("\(id) event") }
        h.start()
        #expect(await h.waitForBursts(1))
        #expect(try h.programme().events.count == 3)

        var next = Stub.config([("keep", 1), ("moved", 1), ("new", 1)], output: "\(h.directory.path)/Output")
        next.sources[1].url = .web(URL(string: "https://elsewhere.example/agenda")!)
        h.configBox.withLock { $0 = .success(next) }
        let outcome = await h.daemon.reload()
        guard case .applied(let diff) = outcome else { Issue.record("rejected: \(outcome)"); return }
        #expect(diff.added == ["new"] && diff.removed == ["gone"] && diff.changed == ["moved"] && diff.relocated == ["moved"])

        // Without waiting for an interval: the new source and the relocated one are fetched,
        // the removed one leaves the programme.
        #expect(await h.waitForBursts(2))
        #expect(h.fetcher.count("new") == 1 && h.fetcher.count("moved") == 2 && h.fetcher.count("keep") == 1)
        let titles = try h.programme().events.map(\.event.title).sorted()
        #expect(titles == ["keep event", "moved event", "new event"])
        #expect(await h.store.sourceState("gone") == nil)
        #expect(h.logs.contains("reloaded"))
        try await h.stop()
    }

    @Test func anInvalidConfigurationIsReportedAndTheRunningOneKept() async throws {
        let h = DaemonHarness(sources: [("a", 1)]) { id, _ in .body("\(id) event") }
        h.start()
        #expect(await h.waitForBursts(1))
        let dir = h.directory.path
        let path = "\(dir)/feeds.yml"
        try "sources:\n  - id: a\n    url: https://a.example/\n    intervall: 2h\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error: ConfigError
        do {
            _ = try ConfigLoader.load(path: path)
            Issue.record("the broken file loaded")
            return
        } catch let e {
            error = e
        }
        h.configBox.withLock { $0 = .failure(error) }
        let outcome = await h.daemon.reload()
        guard case .rejected(let text) = outcome else { Issue.record("applied: \(outcome)"); return }
        #expect(text.contains("\(path):4:5"))
        #expect(h.logs.contains("keeping the running configuration"))
        #expect(h.logs.contains("\(path):4:5: sources[0].intervall"))
        #expect(await h.daemon.config.sources.map(\.id) == ["a"])
        // Still scheduling with the old configuration.
        h.clock.advance(by: 3600)
        #expect(await h.waitForBursts(2))
        #expect(h.fetcher.count("a") == 2)
        try await h.stop()
    }

    @Test func movingLinesInTheFileChangesNothing() throws {
        var a = SourceConfig(id: "x", url: .web(URL(string: "https://x.example/")!))
        a.position = ConfigPosition(file: "f", line: 3, column: 5)
        var b = a
        b.position = ConfigPosition(file: "f", line: 9, column: 5)
        let diff = ConfigDiff(old: LabfeedConfig(sources: [a]), new: LabfeedConfig(sources: [b]))
        #expect(diff.isEmpty && diff.summary == "no change")
    }
}
