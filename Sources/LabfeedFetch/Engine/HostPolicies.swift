// HostPolicies: what each host asked of labfeed during this sync — a pause (Retry-After) and a
// spacing between requests (robots.txt Crawl-delay). Written by the Fetcher, obeyed by the
// engine thread when it decides which queued transfer starts next. Thread-safe.

import Foundation
import Synchronization

/// Per-host pauses and crawl delays, keyed by `host:port`.
final class HostPolicies: Sendable {
    struct Policy: Sendable {
        /// No transfer to the host starts before this (monotonic clock).
        var pausedUntil: ContinuousClock.Instant?
        /// The same moment on the wall clock, for reports across syncs.
        var pausedUntilDate: Date?
        /// At least this long between the starts of two transfers to the host.
        var crawlDelay: Duration = .zero
    }

    private let policies = Mutex<[String: Policy]>([:])

    func policy(_ host: String) -> Policy? {
        policies.withLock { $0[host] }
    }

    /// Pauses the host until `until` (a later pause wins over an earlier one).
    func pause(_ host: String, until: ContinuousClock.Instant, date: Date) {
        policies.withLock { all in
            var p = all[host] ?? Policy()
            if p.pausedUntil.map({ $0 < until }) ?? true {
                p.pausedUntil = until
                p.pausedUntilDate = date
            }
            all[host] = p
        }
    }

    func setCrawlDelay(_ host: String, _ delay: Duration) {
        policies.withLock { all in
            var p = all[host] ?? Policy()
            p.crawlDelay = delay
            all[host] = p
        }
    }

    /// When a transfer to `host` may start, given the start of the previous one.
    func readyTime(_ host: String, lastStart: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        guard let p = policy(host) else { return nil }
        var ready = p.pausedUntil
        if let lastStart, p.crawlDelay > .zero {
            let next = lastStart + p.crawlDelay
            ready = max(ready ?? next, next)
        }
        return ready
    }
}
