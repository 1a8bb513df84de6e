// Fetcher+Retries: attempts, exponential backoff with jitter, and Retry-After host pauses.

import Foundation

extension Fetcher {
    /// Runs attempts until one succeeds, a failure is final, or the attempts run out.
    func fetchWithRetries(_ request: FetchRequest, plan: Plan) async throws(FetchError) -> FetchResponse {
        let scheme = request.url.scheme?.lowercased() ?? ""
        if scheme == "file" {
            return try await fetchFile(request, plan: plan)
        }
        guard scheme == "http" || scheme == "https", request.url.host != nil else {
            throw FetchError(.unsupportedURL, url: request.url,
                             "labfeed fetches http, https and file URLs only; this URL is \(scheme.isEmpty ? "not absolute" : "\(scheme):")")
        }
        var tally = FetchTally()
        var retryAfter: Date?
        var attempt = 0
        while true {
            attempt += 1
            do {
                let end = try await followRedirects(request, plan: plan, tally: &tally, retryAfter: &retryAfter)
                return makeResponse(request, plan: plan, end: end, tally: tally, retryAfter: retryAfter, attempts: attempt)
            } catch {
                var e = error
                e.attempts = attempt
                guard e.isTransient, attempt < max(1, options.attempts) else { throw e }
                if let date = e.retryAfter {
                    // The host is paused (and the engine holds its transfers) unless it asked
                    // for longer than this sync waits.
                    if date.timeIntervalSinceNow > options.maxHostWait.seconds { throw e }
                } else {
                    do {
                        try await Task.sleep(for: backoff(attempt: attempt))
                    } catch {
                        throw FetchError.cancelled(request.url)
                    }
                }
                if Task.isCancelled { throw FetchError.cancelled(request.url) }
            }
        }
    }

    /// About `backoffBase × 2^(attempt-1)`, capped by `backoffMax`: half fixed, half random
    /// ("equal jitter"), so that retries from many sources do not arrive together.
    func backoff(attempt: Int) -> Duration {
        let base = options.backoffBase.seconds * pow(2, Double(max(0, attempt - 1)))
        let capped = min(base, options.backoffMax.seconds)
        return .seconds(capped / 2 + Double.random(in: 0...(capped / 2)))
    }

    /// Reads `Retry-After` (seconds or an HTTP date, via libcurl's curl_getdate) and pauses the
    /// host for that long; returns the wall-clock date to report.
    func applyRetryAfter(_ value: String, hostKey: String) -> Date? {
        guard let delay = RetryAfter.delay(value) else { return nil }
        let date = Date().addingTimeInterval(delay.seconds)
        policies.pause(hostKey, until: ContinuousClock.now + delay, date: date)
        engine.wake()
        return date
    }

    /// Fails at once when the host asked for a pause longer than this sync waits.
    func checkHostPause(_ hostKey: String, url: URL) throws(FetchError) {
        guard let p = policies.policy(hostKey), let until = p.pausedUntil else { return }
        let left = until - ContinuousClock.now
        if left > options.maxHostWait {
            let when = p.pausedUntilDate.map { " until \(RetryAfter.httpDate($0))" } ?? ""
            throw FetchError(.rateLimited, url: url,
                             "the host asked labfeed to wait\(when) (Retry-After), longer than this sync waits; not fetched",
                             retryAfter: p.pausedUntilDate)
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }

    /// The duration in whole milliseconds, rounded down.
    var wholeMilliseconds: Int {
        let (s, atto) = components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000  // 10^15
        return Int(s) * 1000 + Int(atto / attosecondsPerMillisecond)
    }
}
