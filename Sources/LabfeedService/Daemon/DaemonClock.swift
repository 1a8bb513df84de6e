// The daemon's sense of time, injectable: the wall clock in production, a manual clock in tests
// (LabfeedTestSupport's ManualClock) so that scheduler tests never sleep.

public import Foundation

/// Now, and sleeping until a date. `sleep(until:)` must throw `CancellationError` promptly when
/// its task is cancelled: the daemon wakes its loop that way (reload, shutdown).
public protocol DaemonClock: Sendable {
    func now() -> Date
    func sleep(until date: Date) async throws
}

/// The system's wall clock, sleeping with `Task.sleep` (in steps of at most a minute, so that a
/// change of the system time is noticed within a minute).
public struct SystemDaemonClock: DaemonClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until date: Date) async throws {
        while true {
            let left = date.timeIntervalSinceNow
            if left <= 0 { return }
            try await Task.sleep(for: .milliseconds(Int64(min(left, 60) * 1000) + 1))
        }
    }
}
