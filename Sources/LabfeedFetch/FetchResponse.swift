// FetchResponse: everything a fetch learned — status, where it ended, validators, body, timings.

public import Foundation

/// The outcome of a successful fetch: a 2xx, or a 304 reported as ``notModified``.
///
/// Non-2xx final statuses are thrown as ``FetchError`` with kind ``FetchError/Kind/httpStatus``.
public struct FetchResponse: Sendable {
    /// The final status: 200-299, or 304. File reads report 200.
    public var status: Int
    /// The URL asked for.
    public var url: URL
    /// The URL that answered, after redirects.
    public var finalURL: URL
    /// Where the source now lives for good: the last URL reached through an unbroken chain of
    /// permanent redirects (301, 308) from ``url``; nil when the first redirect was temporary or
    /// there was none. `labfeed sources` tells the user to update feeds.yml with it.
    public var permanentRedirect: URL?
    /// Every redirect followed, in order.
    public var redirects: [FetchRedirect]
    /// The headers of the final response.
    public var headers: HTTPHeaders
    /// The media type, lower-cased, without parameters (`text/html`).
    public var contentType: String?
    /// The `charset` parameter of `Content-Type`, lower-cased, without quotes.
    public var charset: String?
    /// The validators to store for next time: the new ones, or on a 304 without new ones, those
    /// of the request.
    public var etag: String?
    public var lastModified: String?
    /// When the host asked labfeed to come back (`Retry-After` of a 429 or 503 met on the way),
    /// as a wall-clock date for the scheduler; nil if none.
    public var retryAfter: Date?
    /// `Cache-Control: max-age` of the final response.
    public var cacheMaxAge: Duration?
    /// The decoded body (empty on a 304).
    public var body: [UInt8]
    /// SHA-256 of ``body`` in lower-case hex (on a 304: the request's previous hash).
    public var bodyHash: String
    /// The server answered 304 Not Modified: nothing to parse.
    public var notModified: Bool
    /// Nothing new: a 304, or a 200 whose body hash equals the request's previous hash (servers
    /// that rotate ETags). The new validators are still in ``etag`` / ``lastModified``.
    public var unchanged: Bool
    /// Timings of the final transfer.
    public var timings: FetchTimings
    /// Bytes received, headers and (compressed) bodies, over every hop and attempt.
    public var bytesOnWire: Int
    /// Attempts made (1 when the first one succeeded).
    public var attempts: Int
    /// The HTTP version of the final response: "1.1", "2" (https servers that offer it, by TLS
    /// ALPN), "1.0"; nil for a file, or a response built by hand.
    public var httpVersion: String?
    /// Connections opened for this fetch, over every hop and attempt. 0 when every transfer
    /// reused a kept-alive connection or ran as one more stream of an HTTP/2 connection.
    public var connectionsOpened: Int

    /// A response built by hand (stub fetchers in tests); the engine fills every field itself.
    public init(
        status: Int = 200, url: URL, finalURL: URL? = nil, permanentRedirect: URL? = nil,
        redirects: [FetchRedirect] = [], headers: HTTPHeaders = HTTPHeaders(),
        contentType: String? = nil, charset: String? = nil, etag: String? = nil, lastModified: String? = nil,
        retryAfter: Date? = nil, cacheMaxAge: Duration? = nil, body: [UInt8] = [], bodyHash: String? = nil,
        notModified: Bool = false, unchanged: Bool = false, timings: FetchTimings = FetchTimings(),
        bytesOnWire: Int = 0, attempts: Int = 1, httpVersion: String? = nil, connectionsOpened: Int = 0
    ) {
        self.status = status
        self.url = url
        self.finalURL = finalURL ?? url
        self.permanentRedirect = permanentRedirect
        self.redirects = redirects
        self.headers = headers
        self.contentType = contentType
        self.charset = charset
        self.etag = etag
        self.lastModified = lastModified
        self.retryAfter = retryAfter
        self.cacheMaxAge = cacheMaxAge
        self.body = body
        self.bodyHash = bodyHash ?? BodyHash.hex(body)
        self.notModified = notModified
        self.unchanged = unchanged
        self.timings = timings
        self.bytesOnWire = bytesOnWire
        self.attempts = attempts
        self.httpVersion = httpVersion
        self.connectionsOpened = connectionsOpened
    }

    /// SHA-256 of `bytes` in lower-case hex: the form of ``bodyHash``.
    public static func hash(_ bytes: [UInt8]) -> String { BodyHash.hex(bytes) }
}

/// One redirect followed.
public struct FetchRedirect: Sendable, Hashable {
    public var status: Int
    public var from: URL
    public var to: URL
    public init(status: Int, from: URL, to: URL) {
        self.status = status
        self.from = from
        self.to = to
    }

    /// 301 and 308 are permanent; 302, 303 and 307 are not.
    public var isPermanent: Bool { status == 301 || status == 308 }
}

/// Timings of one transfer, each measured from its start (libcurl's `*_TIME_T` values).
public struct FetchTimings: Sendable, Hashable, CustomStringConvertible {
    /// Name resolution done.
    public var dns: Duration = .zero
    /// TCP connection made.
    public var connect: Duration = .zero
    /// TLS handshake done (zero for plain http).
    public var tls: Duration = .zero
    /// First byte of the response received.
    public var firstByte: Duration = .zero
    /// The transfer ended.
    public var total: Duration = .zero
    /// The whole fetch: queueing, robots.txt, redirects, retries and their waits.
    public var elapsed: Duration = .zero

    public init() {}

    public var description: String {
        func ms(_ d: Duration) -> String {
            let (s, a) = d.components
            let tenths = (s * 10_000 + a / 100_000_000_000_000)  // 0.1 ms units
            return "\(tenths / 10).\(tenths % 10) ms"
        }
        return "dns \(ms(dns)), connect \(ms(connect)), tls \(ms(tls)), first byte \(ms(firstByte)), total \(ms(total)), elapsed \(ms(elapsed))"
    }
}
