// The daemon's scheduler on a manual clock: first burst, intervals, backoff and recovery,
// server hints, batched writes, no overlapping syncs, reload, graceful stop.

import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Synchronization
import Testing

struct SyncDaemonTests {
    let hour: TimeInterval = 3600

    @Test func everySourceIsFetchedAtStartThenOnItsOwnInterval() async throws {
        let h = DaemonHarness(sources: [("a", 1), ("b", 2)]) { id, _ in .body("\(id) event") }
        h.start()
        #expect(await h.waitForBursts(1))
        #expect(h.fetcher.count("a") == 1 && h.fetcher.count("b") == 1)
        #expect(h.clock.sleepingUntil.first == Stub.start.addingTimeInterval(hour), "sleeps until the next source is due")

        h.clock.advance(by: hour)
        #expect(await h.waitForBursts(2))
        #expect(h.fetcher.count("a") == 2 && h.fetcher.count("b") == 1)
        h.clock.advance(by: hour)
        #expect(await h.waitForBursts(3))
        #expect(h.fetcher.count("a") == 3 && h.fetcher.count("b") == 2)
        #expect(h.fetcher.calls("b") == [Stub.start, Stub.start.addingTimeInterval(2 * hour)])
        try await h.stop()
        #expect(try h.programme().events.count == 2)
    }

    @Test func aFailingSourceBacksOffAndRecoversOnItsOwn() async throws {
        // Fails three times, then answers.
        let h = DaemonHarness(sources: [("flaky", 1)]) { _, call in call <= 3 ? .fail(.connect) : .body("back") }
        h.start()
        var expected: [TimeInterval] = [0]
        #expect(await h.waitForBursts(1))
        // Waits of 1 h, 2 h, 4 h after failures 1, 2, 3; then the interval again.
        for (i, wait) in [1.0, 2, 4, 1].enumerated() {
            h.clock.advance(by: wait * hour - 1)
            try await Task.sleep(for: .milliseconds(20))
            #expect(h.fetcher.count("flaky") == i + 1, "not fetched before its wait is over")
            h.clock.advance(by: 1)
            #expect(await h.waitForBursts(i + 2))
            expected.append(expected.last! + wait * hour)
        }
        #expect(h.fetcher.calls("flaky").map { $0.timeIntervalSince(Stub.start) } == expected)
        let state = try #require(await h.daemon.snapshot().states["flaky"])
        #expect(state.consecutiveFailures == 0 && state.lastError == nil)
        try await h.stop()
    }

    @Test func retryAfterAndMaxAgeOnlyLengthenTheInterval() async throws {
        let start = Stub.start
        let h = DaemonHarness(sources: [("slow", 1), ("eager", 1)]) { id, call in
            switch (id, call) {
            case ("slow", 1): .body("x", retryAfter: start.addingTimeInterval(5 * 3600))
            case ("eager", 1): .body("y", maxAge: .seconds(60))
            default: .body(id)
            }
        }
        h.start()
        #expect(await h.waitForBursts(1))
        h.clock.advance(by: hour)
        #expect(await h.waitForBursts(2))
        #expect(h.fetcher.count("eager") == 2, "a max-age shorter than the interval does not bring a fetch forward or hold it back")
        #expect(h.fetcher.count("slow") == 1, "Retry-After holds the source past its interval")
        h.clock.advance(by: 4 * hour)
        #expect(await h.waitForBursts(3))
        #expect(h.fetcher.calls("slow").last == start.addingTimeInterval(5 * hour))
        try await h.stop()
    }

    @Test func aBurstOfSourcesWritesTheProgrammeOnceAndNothingWhenNothingChanged() async throws {
        // The hourly refresh (for past events) is pushed out of the way.
        let options = DaemonOptions(schedule: SourceSchedule(jitter: 0), gather: .zero, refresh: .seconds(86_400))
        let h = DaemonHarness(sources: [("a", 1), ("b", 1), ("c", 1)], options: options) { id, call in
            call == 1 ? .body("\(id) event") : .notModified
        }
        h.start()
        #expect(await h.waitForBursts(1))
        let first = try #require(await h.daemon.snapshot().lastReport)
        #expect(first.sources.count == 3, "the three sources due together share one burst")
        #expect(first.rebuilt && first.outputs["programme.json"] == .written)
        let path = "\(h.directory.path)/Output/programme.json"
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date

        h.clock.advance(by: hour)
        #expect(await h.waitForBursts(2))
        let second = try #require(await h.daemon.snapshot().lastReport)
        #expect(second.unchanged.count == 3)
        #expect(!second.rebuilt && second.outputs.isEmpty, "a burst of 304s rewrites nothing")
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(before == after)
        try await h.stop()
    }

    @Test func aSourceIsNeverSyncedTwiceAtOnce() async throws {
        let h = DaemonHarness(sources: [("slow", 1)]) { _, _ in .gate("late") }
        h.start()
        #expect(await eventually { h.fetcher.count("slow") == 1 })
        // Its interval passes while the first fetch still runs, and a reload wakes the loop.
        h.clock.advance(by: 3 * hour)
        await h.daemon.reload()
        try await Task.sleep(for: .milliseconds(50))
        #expect(h.fetcher.count("slow") == 1)
        h.fetcher.openGate()
        #expect(await h.waitForBursts(1))
        #expect(h.fetcher.maxInFlight("slow") == 1)
        try await h.stop()
    }

    @Test func aStopLetsFetchesInFlightFinishWithinTheGrace() async throws {
        let h = DaemonHarness(sources: [("a", 1)]) { _, _ in .gate("finished in time") }
        h.start()
        #expect(await eventually { h.fetcher.inFlight == 1 })
        let stopped = Task { try await h.stop() }
        #expect(await eventually { h.logs.contains("waiting up to 10s") })
        h.fetcher.openGate()
        try await stopped.value
        #expect(try h.programme().events.map(\.event.title) == ["finished in time"])
        let state = try #require(await h.store.sourceState("a"))
        #expect(state.lastSuccess != nil && state.consecutiveFailures == 0)
    }

    @Test func aStopAbortsFetchesStillRunningAfterTheGraceAndFlushes() async throws {
        let h = DaemonHarness(sources: [("quick", 1), ("stuck", 1)]) { id, _ in id == "quick" ? .body("quick event") : .gate("never") }
        h.start()
        #expect(await eventually { h.fetcher.inFlight == 1 && h.fetcher.count("quick") == 1 })
        let stopped = Task { try await h.stop() }
        #expect(await eventually { h.logs.contains("waiting up to 10s") })
        h.clock.advance(by: 10)
        try await stopped.value
        #expect(h.logs.contains("grace period over"))
        // The aborted source is not counted as failing; the finished one's events were written.
        let stuck = try #require(await h.store.sourceState("stuck"))
        #expect(stuck.consecutiveFailures == 0 && stuck.lastError == nil)
        #expect(try h.programme().events.map(\.event.title) == ["quick event"])
    }

    @Test func theProgrammeIsRebuiltOnceAnHourEvenWhenNothingChanged() async throws {
        let h = DaemonHarness(sources: [("a", 2)]) { _, call in call == 1 ? .body("a event") : .notModified }
        h.start()
        #expect(await h.waitForBursts(1))
        #expect(h.clock.sleepingUntil.first == Stub.start.addingTimeInterval(hour), "wakes for the refresh before the source is due")
        h.clock.advance(by: hour)
        #expect(await h.waitForBursts(2))
        let report = try #require(await h.daemon.snapshot().lastReport)
        #expect(report.sources.isEmpty && report.rebuilt)
        #expect(h.fetcher.count("a") == 1)
        try await h.stop()
    }

    @Test func gatheringWaitsForCompanionsButNeverFetchesEarly() async throws {
        let options = DaemonOptions(schedule: SourceSchedule(jitter: 0), gather: .seconds(30))
        let h = DaemonHarness(sources: [("a", 1)], options: options) { id, _ in .body(id) }
        h.start()
        #expect(await h.waitForBursts(1), "the first burst does not wait")
        h.clock.advance(by: hour)
        let gathering = Stub.start.addingTimeInterval(hour + 30)
        #expect(await eventually { h.clock.sleepingUntil == [gathering] })
        #expect(h.fetcher.count("a") == 1, "due, but waiting 30 s for others")
        h.clock.advance(by: 30)
        #expect(await h.waitForBursts(2))
        #expect(h.fetcher.calls("a").last == Stub.start.addingTimeInterval(hour + 30))
        try await h.stop()
    }

    @Test func aStopWhileIdleReturnsAtOnce() async throws {
        let h = DaemonHarness(sources: [("a", 1)]) { _, _ in .body("x") }
        h.start()
        #expect(await h.waitForBursts(1))
        try await h.stop()
        #expect(h.logs.contains("stopped"))
        #expect(h.fetcher.count("a") == 1)
    }
}
