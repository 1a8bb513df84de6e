// Fetcher: the public face of the fetching engine. `fetch(_:)` may be called from many tasks at
// once; each call checks robots.txt, follows redirects hop by hop, retries transient failures
// with backoff, and turns the last hop into a FetchResponse or a FetchError.
//
// Contract: one Fetcher per sync (its robots.txt cache, DNS cache, connection pool and host
// pauses live as long as it does); call `shutdown()` when done. Cancelling the calling task
// aborts its transfer.

public import Foundation

/// Anything that fetches like a ``Fetcher``: the seam for stub fetchers in the layers above.
public protocol Fetching: Sendable {
    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse
}

/// Fetches documents over http, https and file with one libcurl multi handle on one thread.
///
/// ```swift
/// let fetcher = Fetcher(options: options)
/// let response = try await fetcher.fetch(FetchRequest(url: url, etag: stored.etag))
/// if response.unchanged { /* nothing to parse */ }
/// await fetcher.shutdown()
/// ```
public final class Fetcher: Fetching {
    public let options: FetchOptions
    let engine: CurlEngine
    let policies: HostPolicies
    let robots = RobotsCache()
    let proxies: ProxyEnvironment

    /// Starts the engine thread.
    /// - Parameter environment: where proxy variables are read from (libcurl reads the process
    ///   environment itself; this copy only tells the address check when a proxy is in the way).
    public init(options: FetchOptions = FetchOptions(), environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.options = options
        let policies = HostPolicies()
        self.policies = policies
        self.proxies = ProxyEnvironment(environment: options.useEnvironmentProxy ? environment : [:])
        self.engine = CurlEngine(concurrency: options.concurrency, perHost: options.perHost, policies: policies)
    }

    deinit {
        engine.requestShutdown()
    }

    /// Stops the engine thread; fetches still running end with ``FetchError/Kind/cancelled``.
    public func shutdown() async {
        await engine.shutdown()
    }

    /// Fetches one document.
    ///
    /// Returns for a 2xx (possibly ``FetchResponse/unchanged``) or a 304 (``FetchResponse/notModified``);
    /// throws a ``FetchError`` for everything else, after retrying what may pass.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let started = ContinuousClock.now
        do {
            var response = try await fetchWithRetries(request, plan: Plan(request: request, options: options))
            response.timings.elapsed = ContinuousClock.now - started
            return response
        } catch {
            var e = error
            e.sourceID = request.sourceID
            throw e
        }
    }

    /// The pause `host:port` is under (Retry-After), as a wall-clock date, if any.
    public func pausedUntil(host: String, port: Int) -> Date? {
        guard let p = policies.policy("\(host.lowercased()):\(port)"), let until = p.pausedUntil,
              until > ContinuousClock.now else { return nil }
        return p.pausedUntilDate
    }

    /// The spacing `host:port`'s robots.txt asked for (`Crawl-delay`, capped at
    /// ``FetchOptions/maxHostWait``), once this fetcher has read it; nil when none. Workers
    /// sharing sources publish it so that it binds them all (docs/WORKERS.md).
    public func crawlDelay(host: String, port: Int) -> Duration? {
        guard let p = policies.policy("\(host.lowercased()):\(port)"), p.crawlDelay > .zero else { return nil }
        return p.crawlDelay
    }
}

/// How one fetch is carried out: the request's overrides resolved against the options.
struct Plan: Sendable {
    var obeyRobots: Bool
    var allowPrivateNetworks: Bool
    var originIsPublic: Bool?
    var maxBody: Int
    /// Keep the first `maxBody` bytes instead of failing (robots.txt).
    var truncateAtLimit = false
    var etag: String?
    var lastModified: String?
    var accept: String

    init(request: FetchRequest, options: FetchOptions) {
        obeyRobots = request.obeyRobots ?? options.obeyRobots
        allowPrivateNetworks = request.allowPrivateNetworks ?? options.allowPrivateNetworks
        originIsPublic = request.originIsPublic
        maxBody = options.maxBody
        etag = request.etag
        lastModified = request.lastModified
        accept = request.accept ?? options.accept
    }
}
