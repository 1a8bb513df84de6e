// A clock the test moves by hand: the daemon's sleeps end only when the test advances time.

import Foundation
import LabfeedService

/// A ``DaemonClock`` under the test's control.
final class ManualClock: DaemonClock, @unchecked Sendable {
    private struct Sleeper {
        var id: Int
        var until: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var current: Date
    private var sleepers: [Sleeper] = []
    private var nextID = 0

    init(_ start: Date) {
        current = start
    }

    func now() -> Date { lock.withLock { current } }

    func sleep(until date: Date) async throws {
        let id = lock.withLock { nextID += 1; return nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = lock.withLock {
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if date <= current { return .success(()) }
                    sleepers.append(Sleeper(id: id, until: date, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = lock.withLock { () -> Sleeper? in
                guard let i = sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return sleepers.remove(at: i)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward and wakes the sleepers whose time has come.
    func advance(by seconds: TimeInterval) {
        let woken = lock.withLock { () -> [Sleeper] in
            current = current.addingTimeInterval(seconds)
            let due = sleepers.filter { $0.until <= current }
            sleepers.removeAll { $0.until <= current }
            return due
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// The dates the current sleepers wait for.
    var sleepingUntil: [Date] { lock.withLock { sleepers.map(\.until).sorted() } }
}

/// Waits (polling, at most `seconds` of real time) until `condition` holds.
func eventually(_ seconds: Double = 20, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return await condition()
}
