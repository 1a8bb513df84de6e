// Fetcher+Redirects: one attempt — a chain of hops, each a separate transfer, so that every hop
// has its own robots.txt check, address check and permanent/temporary record.

import Foundation

/// What every hop and attempt of one fetch added up to.
struct FetchTally {
    /// Headers and (compressed) bodies received.
    var bytes = 0
    /// Connections opened.
    var connections = 0

    mutating func add(_ hop: HopResult) {
        bytes += hop.bytesOnWire
        connections += hop.connectionsOpened
    }
}

/// The last hop of a chain that ended in a 2xx or 304.
struct ChainEnd {
    var hop: HopResult
    var url: URL
    var redirects: [FetchRedirect]
}

extension Fetcher {
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Follows redirects from `request.url` until a final answer; throws for anything but 2xx/304.
    func followRedirects(_ request: FetchRequest, plan: Plan, tally: inout FetchTally, retryAfter: inout Date?) async throws(FetchError) -> ChainEnd {
        var url = request.url
        var redirects: [FetchRedirect] = []
        var visited: Set<String> = [url.absoluteString]
        var publicSeen = plan.originIsPublic ?? false
        var spent: Duration = .zero
        var hop = 0
        while true {
            let hostKey = Fetcher.hostKey(url)
            try Fetcher.refuseInvalidName(url)
            if plan.obeyRobots { try await checkRobots(url, plan: plan) }
            try checkHostPause(hostKey, url: url)
            let left = options.timeout - spent
            guard left > .zero else {
                throw FetchError(.timeout, url: url, "no complete answer within \(Fetcher.describe(options.timeout)) (timeout), redirects included")
            }
            let proxied = proxies.usesProxy(scheme: url.scheme?.lowercased() ?? "", host: url.host ?? "")
            var spec = makeSpec(url: url, plan: plan, hostKey: hostKey)
            spec.timeoutMilliseconds = Fetcher.milliseconds(left)
            spec.refuseNonPublic = hop > 0 && publicSeen && !plan.allowPrivateNetworks && !proxied
            let result = await engine.run(spec)
            tally.add(result)
            spent += result.timings.total
            if !proxied, !(hop == 0 && plan.originIsPublic != nil), let ip = result.primaryIP,
               AddressClass(ip: ip) == .public {
                publicSeen = true
            }
            if let failure = failure(of: result, url: url, spec: spec) { throw failure }

            let status = result.status
            if Fetcher.redirectStatuses.contains(status) {
                guard let location = result.redirectURL, let target = URL(string: location) else {
                    throw FetchError(.redirect, url: url, "the server answered \(status) without a usable Location", status: status)
                }
                let scheme = target.scheme?.lowercased() ?? ""
                guard scheme == "http" || scheme == "https", target.host != nil else {
                    throw FetchError(.redirect, url: url, "redirects to \(location); labfeed follows redirects to http and https only", status: status)
                }
                redirects.append(FetchRedirect(status: status, from: url, to: target))
                if visited.contains(target.absoluteString) {
                    let path = ([request.url] + redirects.map(\.to)).map(\.absoluteString).joined(separator: " → ")
                    throw FetchError(.redirect, url: request.url, "redirect loop: \(path)", status: status)
                }
                if redirects.count > options.maxRedirects {
                    throw FetchError(.redirect, url: request.url,
                                     "more than \(options.maxRedirects) redirects (last: \(url.absoluteString) → \(location))", status: status)
                }
                visited.insert(target.absoluteString)
                url = target
                hop += 1
                continue
            }
            if status == 429 || status == 503, let value = result.headers["Retry-After"],
               let date = applyRetryAfter(value, hostKey: hostKey) {
                retryAfter = date
            }
            if (200..<300).contains(status) || status == 304 {
                return ChainEnd(hop: result, url: url, redirects: redirects)
            }
            throw httpStatusError(status, url: url, retryAfter: (status == 429 || status == 503) ? retryAfter : nil)
        }
    }

    func makeSpec(url: URL, plan: Plan, hostKey: String) -> HopSpec {
        var headers: [String] = []
        if let etag = plan.etag.map(Fetcher.headerSafe), !etag.isEmpty { headers.append("If-None-Match: \(etag)") }
        if let date = plan.lastModified.map(Fetcher.headerSafe), !date.isEmpty { headers.append("If-Modified-Since: \(date)") }
        return HopSpec(
            url: url.absoluteString, hostKey: hostKey, headers: headers,
            userAgent: options.userAgent, accept: plan.accept,
            connectTimeoutMilliseconds: Fetcher.milliseconds(options.connectTimeout),
            timeoutMilliseconds: Fetcher.milliseconds(options.timeout),
            lowSpeedLimit: options.lowSpeedLimit,
            lowSpeedSeconds: max(1, Int(options.lowSpeedTime.seconds.rounded(.up))),
            maxBody: plan.maxBody, truncateAtLimit: plan.truncateAtLimit,
            direct: !options.useEnvironmentProxy, caFile: options.caFile)
    }

    /// Builds the response from a chain's last hop.
    func makeResponse(_ request: FetchRequest, plan: Plan, end: ChainEnd, tally: FetchTally, retryAfter: Date?, attempts: Int) -> FetchResponse {
        let hop = end.hop
        let notModified = hop.status == 304
        let body = notModified ? [] : hop.body
        let hash = notModified ? (request.previousBodyHash ?? "") : BodyHash.hex(body)
        let type = hop.headers.contentType
        var permanent: URL?
        for redirect in end.redirects {
            guard redirect.isPermanent else { break }
            permanent = redirect.to
        }
        return FetchResponse(
            status: hop.status == 0 ? 200 : hop.status,
            url: request.url, finalURL: end.url, permanentRedirect: permanent, redirects: end.redirects,
            headers: hop.headers, contentType: type?.mediaType, charset: type?.charset,
            etag: hop.headers["ETag"] ?? (notModified ? request.etag : nil),
            lastModified: hop.headers["Last-Modified"] ?? (notModified ? request.lastModified : nil),
            retryAfter: retryAfter, cacheMaxAge: hop.headers.cacheMaxAge,
            body: body, bodyHash: hash, notModified: notModified,
            unchanged: notModified || (request.previousBodyHash.map { $0 == hash } ?? false),
            timings: hop.timings, bytesOnWire: tally.bytes, attempts: attempts,
            httpVersion: hop.httpVersion, connectionsOpened: tally.connections)
    }

    // MARK: - Small helpers

    /// `host:port`, the key of per-host limits and pauses.
    /// Names under `.invalid` never resolve (RFC 6761 §6.4: resolvers should answer them
    /// negatively at once), so none is sent to a DNS server.
    static func refuseInvalidName(_ url: URL) throws(FetchError) {
        guard var host = url.host?.lowercased() else { return }
        if host.hasSuffix(".") { host.removeLast() }
        if host == "invalid" || host.hasSuffix(".invalid") {
            throw FetchError(.dns, url: url, "the name \(url.host ?? host) could not be resolved (DNS): names under .invalid never resolve (RFC 6761)")
        }
    }

    static func hostKey(_ url: URL) -> String {
        let host = url.host?.lowercased() ?? ""
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }

    static func milliseconds(_ d: Duration) -> Int {
        max(1, d.wholeMilliseconds)
    }

    /// `30 s`, `1.5 s`, `250 ms`.
    static func describe(_ d: Duration) -> String {
        let s = d.seconds
        if s < 1 { return "\(Int((s * 1000).rounded())) ms" }
        if s == s.rounded() { return "\(Int(s)) s" }
        return "\(s) s"
    }

    /// A validator as stored, without line breaks (which would inject headers).
    static func headerSafe(_ value: String) -> String {
        value.filter { $0 != "\r" && $0 != "\n" }.trimmingWhitespace()
    }
}
