// When a source is due: its interval, backoff after failures, and the server's Retry-After.

public import Foundation
public import LabfeedCore
public import LabfeedProgramme

/// Decides when each source should next be fetched.
///
/// A source never fetched is due now. Otherwise it is due one interval after its last attempt;
/// after consecutive failures the wait doubles each time (interval × 2^(failures-1)), capped at
/// ``maxBackoff`` but never below the interval; a `Retry-After` date from the server can only
/// push the next fetch later.
public struct SourceSchedule: Sendable {
    /// The longest wait after repeated failures (24 h by default).
    public var maxBackoff: Duration

    public init(maxBackoff: Duration = .seconds(86_400)) {
        self.maxBackoff = maxBackoff
    }

    /// When `source` is next due, given its stored state.
    public func nextDue(_ source: SourceConfig, state: SourceState?, settings: Settings) -> Date {
        guard let state, let last = state.lastAttempt else { return .distantPast }
        let interval = seconds(source.interval(default: settings))
        var wait = interval
        if state.consecutiveFailures > 0 {
            let factor = pow(2.0, Double(min(state.consecutiveFailures - 1, 30)))
            wait = max(interval, min(interval * factor, seconds(maxBackoff)))
        }
        var due = last.addingTimeInterval(wait)
        if let until = state.retryAfterUntil, until > due { due = until }
        return due
    }

    /// Whether `source` is due at `now`.
    public func isDue(_ source: SourceConfig, state: SourceState?, settings: Settings, now: Date) -> Bool {
        nextDue(source, state: state, settings: settings) <= now
    }

    private func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}
