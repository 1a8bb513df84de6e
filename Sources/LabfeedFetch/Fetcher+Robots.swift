// Fetcher+Robots: robots.txt (RFC 9309) — loaded once per origin per Fetcher, checked before
// every hop of every request that obeys it; its Crawl-delay becomes a per-host spacing.

import Foundation

extension Fetcher {
    /// The largest robots.txt read; RFC 9309 asks crawlers to parse at least 500 KiB.
    static let robotsMaxBody = 512 * 1024

    /// Throws when robots.txt forbids `url` to labfeed (or the host could not be reached).
    func checkRobots(_ url: URL, plan: Plan) async throws(FetchError) {
        let origin = Fetcher.origin(url)
        let verdict = await robots.verdict(for: origin) { await self.loadRobots(origin: origin, url: url, plan: plan) }
        guard let verdict else { throw FetchError.cancelled(url) }
        switch verdict {
        case .allowAll:
            return
        case .rules(let rules):
            if !rules.allows(Fetcher.pathAndQuery(url)) {
                throw FetchError(.robotsDisallowed, url: url,
                                 "\(origin)/robots.txt disallows this path to \(options.productToken); turn robots off for this source only if it is your own site")
            }
        case .disallowAll(let reason):
            throw FetchError(.robotsDisallowed, url: url, reason)
        case .unreachable(let error):
            throw error
        }
    }

    /// Fetches and reads `origin/robots.txt`; nil when cancelled.
    func loadRobots(origin: String, url: URL, plan: Plan) async -> RobotsVerdict? {
        guard let robotsURL = URL(string: origin + "/robots.txt") else { return .allowAll }
        var robotsPlan = plan
        robotsPlan.obeyRobots = false
        robotsPlan.maxBody = Fetcher.robotsMaxBody
        robotsPlan.truncateAtLimit = true
        robotsPlan.etag = nil
        robotsPlan.lastModified = nil
        robotsPlan.accept = "text/plain, */*;q=0.5"
        do {
            let response = try await fetchWithRetries(FetchRequest(url: robotsURL), plan: robotsPlan)
            let rules = RobotsTxt(parsing: response.body, productToken: options.productToken)
            if let delay = rules.crawlDelay, delay > 0 {
                let capped = min(Duration.seconds(delay), options.maxHostWait)
                policies.setCrawlDelay(Fetcher.hostKey(url), capped)
            }
            return .rules(rules)
        } catch {
            switch error.kind {
            case .cancelled:
                return nil
            case .httpStatus:
                let status = error.status ?? 0
                if status == 429 || status >= 500 {
                    return .disallowAll("\(origin)/robots.txt answered \(status); until it can be read, RFC 9309 says to assume every path is disallowed")
                }
                return .allowAll  // 4xx: no robots.txt, everything allowed.
            case .redirect, .blockedAddress, .tooLarge:
                return .allowAll  // No robots.txt to be had: unavailable, as a 4xx.
            default:
                return .unreachable(error)
            }
        }
    }

    /// `https://example.org:443`: robots.txt applies per scheme, host and port.
    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? "http"
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        var host = url.host?.lowercased() ?? ""
        if host.contains(":") { host = "[\(host)]" }
        return "\(scheme)://\(host):\(port)"
    }

    /// The path and query as sent (`/a%20b?x=1`), `/` when empty.
    static func pathAndQuery(_ url: URL) -> String {
        guard let c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.path }
        var s = c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath
        if let q = c.percentEncodedQuery { s += "?" + q }
        return s
    }
}
