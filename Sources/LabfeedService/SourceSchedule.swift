// When a source is due: its interval, random jitter, backoff after failures, and the server's
// Retry-After or Cache-Control max-age, which may only push a fetch later.

public import Foundation
public import LabfeedCore
public import LabfeedProgramme

/// Decides when each source should next be fetched.
///
/// A source never fetched is due now. Otherwise it is due one wait after its last attempt:
/// - the wait is the source's interval; after consecutive failures it doubles each time
///   (interval × 2^(failures-1)), capped at ``maxBackoff`` but never below the interval; a
///   success brings it back to the interval;
/// - ``jitter`` adds up to that fraction of the interval (0.1: up to 6 minutes for 1 h), drawn
///   anew for each attempt, so that sources started together drift apart;
/// - a "not before" date from the server (`Retry-After`, `Cache-Control: max-age`, kept in
///   ``SourceState/retryAfterUntil``) can only make the wait longer, and is itself capped at
///   ``maxBackoff`` after the attempt (a server asking for a year is asked again tomorrow).
///
/// The jitter is a pure function of ``seed``, the source id and its last attempt, so the
/// schedule needs no memory of its own and a test can check it exactly.
public struct SourceSchedule: Sendable {
    /// The longest wait after repeated failures, and the longest a server's hint is obeyed (24 h).
    public var maxBackoff: Duration
    /// The largest random delay added to a wait, as a fraction of the interval (0 ... 1).
    public var jitter: Double
    /// Seeds the jitter: the same seed, source and attempt always give the same delay.
    public var seed: UInt64

    public init(maxBackoff: Duration = .seconds(86_400), jitter: Double = 0, seed: UInt64 = 0) {
        self.maxBackoff = maxBackoff
        self.jitter = min(max(jitter, 0), 1)
        self.seed = seed
    }

    /// When `source` is next due, given its stored state.
    public func nextDue(_ source: SourceConfig, state: SourceState?, settings: Settings) -> Date {
        guard let state, let last = state.lastAttempt else { return .distantPast }
        let interval = Self.seconds(source.interval(default: settings))
        var wait = interval
        if state.consecutiveFailures > 0 {
            let factor = pow(2.0, Double(min(state.consecutiveFailures - 1, 30)))
            wait = max(interval, min(interval * factor, Self.seconds(maxBackoff)))
        }
        wait += jitterSeconds(source.id, lastAttempt: last, interval: interval)
        var due = last.addingTimeInterval(wait)
        if let until = state.retryAfterUntil {
            let cap = last.addingTimeInterval(max(wait, Self.seconds(maxBackoff)))
            due = max(due, min(until, cap))
        }
        return due
    }

    /// Whether `source` is due at `now`.
    public func isDue(_ source: SourceConfig, state: SourceState?, settings: Settings, now: Date) -> Bool {
        nextDue(source, state: state, settings: settings) <= now
    }

    /// The random delay added after `lastAttempt`: in `0 ..< jitter × interval` seconds.
    public func jitterSeconds(_ sourceID: String, lastAttempt: Date, interval: TimeInterval) -> TimeInterval {
        guard jitter > 0 else { return 0 }
        var h = seed ^ 0xcbf2_9ce4_8422_2325
        for byte in sourceID.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h ^= UInt64(bitPattern: Int64(lastAttempt.timeIntervalSince1970.rounded(.down)))
        let unit = Double(Self.splitMix(h) >> 11) / Double(1 << 53)
        return (unit * jitter * interval).rounded(.down)
    }

    /// The date a response asks not to be fetched again before, if it asks: the later of its
    /// `Retry-After` and now + `max-age`.
    public static func notBefore(retryAfter: Date?, maxAge: Duration?, now: Date) -> Date? {
        let byAge = maxAge.map { now.addingTimeInterval(seconds($0)) }
        let later = [retryAfter, byAge].compactMap { $0 }.max()
        return later.flatMap { $0 > now ? $0 : nil }
    }

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }

    private static func splitMix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
