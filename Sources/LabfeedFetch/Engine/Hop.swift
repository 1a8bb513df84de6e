// Hop: what the engine is asked to do for one request/response exchange (no redirect following:
// the Fetcher follows redirects itself, hop by hop), and what it hands back.

/// One request for the engine thread. Plain values only: it crosses threads.
struct HopSpec: Sendable {
    var url: String
    /// `host:port`: the unit of the per-host limit, of Retry-After pauses and of Crawl-delay.
    var hostKey: String
    /// Extra request header lines (`If-None-Match: "x"`).
    var headers: [String] = []
    var userAgent: String
    var accept: String
    /// `CURLOPT_PROTOCOLS_STR`: "http,https", or "file" for a local source.
    var protocols: String = "http,https"
    var connectTimeoutMilliseconds: Int
    var timeoutMilliseconds: Int
    var lowSpeedLimit: Int
    var lowSpeedSeconds: Int
    var maxBody: Int
    /// At the body limit: keep the first `maxBody` bytes and stop (robots.txt), instead of failing.
    var truncateAtLimit = false
    /// Connect directly even when the environment names a proxy.
    var direct = false
    /// Refuse the connection unless curl's peer address is public (a redirect from a public hop).
    var refuseNonPublic = false
    /// `CURLOPT_CAINFO`: a PEM file of certificate authorities, instead of libcurl's bundle.
    var caFile: String?
}

/// What one hop ended with. `curlCode == 0` means a complete HTTP response (of any status).
struct HopResult: Sendable {
    var curlCode: Int = 0
    /// libcurl's error buffer: its own wording of the failure.
    var curlMessage: String = ""
    /// `CURLINFO_RESPONSE_CODE` (0 when no response, and for file reads).
    var status: Int = 0
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    /// `CURLINFO_REDIRECT_URL`: the absolute Location curl would follow.
    var redirectURL: String?
    /// The address connected to (`CURLINFO_PRIMARY_IP`).
    var primaryIP: String?
    var timings = FetchTimings()
    var bytesOnWire = 0
    /// The HTTP version of the response (`CURLINFO_HTTP_VERSION`): "1.0", "1.1", "2" or "3".
    var httpVersion: String?
    /// Connections this hop opened (`CURLINFO_NUM_CONNECTS`): 0 when it reused one, or ran as
    /// another stream of an HTTP/2 connection.
    var connectionsOpened = 0
    /// The body went over the limit (aborted, or cut when truncating).
    var tooLarge = false
    /// The peer address refused by the address check, if any.
    var blockedIP: String?
    /// Ended because the calling task was cancelled or the engine shut down.
    var cancelled = false

    static let cancelledResult: HopResult = {
        var r = HopResult()
        r.cancelled = true
        return r
    }()
}
