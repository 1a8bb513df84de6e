// The schedule alone: intervals, jitter bounds, backoff and recovery, server hints that only
// ever lengthen the wait.

import Foundation
import LabfeedCore
import LabfeedProgramme
import LabfeedService
import Testing

struct SourceScheduleTests {
    let last = UTCTimestamp.date("2022-11-04T08:00:00Z")!
    let hour: TimeInterval = 3600

    func source(_ id: String = "lab", hours: Int = 1) -> SourceConfig {
        var s = SourceConfig(id: id, url: .web(URL(string: "https://\(id).example/")!))
        s.interval = .seconds(Int64(hours) * 3600)
        return s
    }

    func state(failures: Int = 0, retryAfter: Date? = nil) -> SourceState {
        SourceState(sourceID: "lab", lastAttempt: last, consecutiveFailures: failures, retryAfterUntil: retryAfter)
    }

    @Test func aSourceNeverFetchedIsDueAtOnce() {
        let schedule = SourceSchedule(jitter: 0.1)
        #expect(schedule.isDue(source(), state: nil, settings: Settings(), now: last))
        #expect(schedule.isDue(source(), state: SourceState(sourceID: "lab"), settings: Settings(), now: last))
    }

    @Test func aSourceIsDueOneIntervalAfterItsLastAttempt() {
        let schedule = SourceSchedule()
        #expect(schedule.nextDue(source(hours: 2), state: state(), settings: Settings()) == last.addingTimeInterval(2 * hour))
        var settings = Settings()
        settings.interval = .seconds(900)
        var plain = source()
        plain.interval = nil
        #expect(schedule.nextDue(plain, state: state(), settings: settings) == last.addingTimeInterval(900))
        #expect(!schedule.isDue(source(), state: state(), settings: Settings(), now: last.addingTimeInterval(hour - 1)))
        #expect(schedule.isDue(source(), state: state(), settings: Settings(), now: last.addingTimeInterval(hour)))
    }

    @Test func jitterStaysWithinATenthOfTheIntervalAndSpreadsSources() {
        let schedule = SourceSchedule(jitter: 0.1, seed: 42)
        var waits: [TimeInterval] = []
        for i in 0..<300 {
            var s = state()
            s.sourceID = "lab-\(i)"
            waits.append(schedule.nextDue(source("lab-\(i)"), state: s, settings: Settings()).timeIntervalSince(last))
        }
        #expect(waits.allSatisfy { $0 >= hour && $0 < hour * 1.1 })
        #expect(Set(waits).count > 200, "sources started together must drift apart")
        #expect(waits.contains { $0 < hour * 1.02 } && waits.contains { $0 > hour * 1.08 }, "the whole range is used")
        // Deterministic for a seed, different for another, and drawn anew for each attempt.
        #expect(SourceSchedule(jitter: 0.1, seed: 42).jitterSeconds("lab-1", lastAttempt: last, interval: hour)
            == schedule.jitterSeconds("lab-1", lastAttempt: last, interval: hour))
        let other = (0..<20).map { SourceSchedule(jitter: 0.1, seed: 7).jitterSeconds("lab-\($0)", lastAttempt: last, interval: hour) }
        let same = (0..<20).map { schedule.jitterSeconds("lab-\($0)", lastAttempt: last, interval: hour) }
        #expect(other != same)
        let next = (0..<20).map { schedule.jitterSeconds("lab-\($0)", lastAttempt: last.addingTimeInterval(hour), interval: hour) }
        #expect(next != same)
    }

    @Test func failuresDoubleTheWaitUpToTheCap() {
        let schedule = SourceSchedule(maxBackoff: .seconds(86_400))
        let waits = (1...8).map { schedule.nextDue(source(), state: state(failures: $0), settings: Settings()).timeIntervalSince(last) / hour }
        #expect(waits == [1, 2, 4, 8, 16, 24, 24, 24])
        // A long interval is never shortened by the cap.
        let weekly = schedule.nextDue(source(hours: 48), state: state(failures: 3), settings: Settings()).timeIntervalSince(last) / hour
        #expect(weekly == 48)
    }

    @Test func aSuccessBringsTheIntervalBack() {
        let schedule = SourceSchedule()
        let failing = schedule.nextDue(source(), state: state(failures: 5), settings: Settings())
        let recovered = schedule.nextDue(source(), state: state(failures: 0), settings: Settings())
        #expect(failing.timeIntervalSince(last) == 16 * hour)
        #expect(recovered.timeIntervalSince(last) == hour)
    }

    @Test func retryAfterOnlyLengthensTheWait() {
        let schedule = SourceSchedule(maxBackoff: .seconds(86_400))
        let sooner = schedule.nextDue(source(hours: 2), state: state(retryAfter: last.addingTimeInterval(600)), settings: Settings())
        #expect(sooner == last.addingTimeInterval(2 * hour), "a hint shorter than the interval is ignored")
        let later = schedule.nextDue(source(), state: state(retryAfter: last.addingTimeInterval(5 * hour)), settings: Settings())
        #expect(later == last.addingTimeInterval(5 * hour))
        let absurd = schedule.nextDue(source(), state: state(retryAfter: last.addingTimeInterval(365 * 24 * hour)), settings: Settings())
        #expect(absurd == last.addingTimeInterval(24 * hour), "a hint is obeyed for at most maxBackoff")
    }

    @Test func aResponseAsksNotBeforeTheLaterOfRetryAfterAndMaxAge() {
        let now = last
        #expect(SourceSchedule.notBefore(retryAfter: nil, maxAge: .seconds(7200), now: now) == now.addingTimeInterval(7200))
        #expect(SourceSchedule.notBefore(retryAfter: now.addingTimeInterval(9000), maxAge: .seconds(7200), now: now)
            == now.addingTimeInterval(9000))
        #expect(SourceSchedule.notBefore(retryAfter: now.addingTimeInterval(-60), maxAge: nil, now: now) == nil)
        #expect(SourceSchedule.notBefore(retryAfter: nil, maxAge: nil, now: now) == nil)
    }
}
