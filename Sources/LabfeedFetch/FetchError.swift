// FetchError: one typed error for every way a fetch fails, with a message a person understands.
//
// Built like swift-service-lifecycle's ServiceRunnerError: a struct around a private code, so
// kinds can be added without breaking callers that switch on `kind`.

public import Foundation

/// Why a fetch failed, where, and what to tell the user.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// The family of a failure. Compare with the static members (`error.kind == .timeout`).
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Code: String, Sendable {
            case dns, connect, tls, timeout, tooLarge, tooSlow, httpStatus, robotsDisallowed
            case blockedAddress, redirect, unsupportedURL, network, file, rateLimited, cancelled
        }

        fileprivate let code: Code

        /// The host name could not be resolved.
        public static let dns = Kind(code: .dns)
        /// No connection could be made (refused, unreachable, connect timeout).
        public static let connect = Kind(code: .connect)
        /// The TLS handshake or certificate check failed.
        public static let tls = Kind(code: .tls)
        /// The transfer took longer than the total timeout.
        public static let timeout = Kind(code: .timeout)
        /// The body is larger than the limit (declared or counted).
        public static let tooLarge = Kind(code: .tooLarge)
        /// The server sent too slowly for too long (low-speed limit).
        public static let tooSlow = Kind(code: .tooSlow)
        /// The final answer was an HTTP error status (see ``FetchError/status``).
        public static let httpStatus = Kind(code: .httpStatus)
        /// robots.txt forbids labfeed this URL (or could not be read, RFC 9309 §2.3.1.4).
        public static let robotsDisallowed = Kind(code: .robotsDisallowed)
        /// A redirect led from a public address to a private, loopback, link-local or multicast one.
        public static let blockedAddress = Kind(code: .blockedAddress)
        /// Too many redirects, a loop, a redirect without a usable target or to another scheme.
        public static let redirect = Kind(code: .redirect)
        /// The URL is not http, https or file.
        public static let unsupportedURL = Kind(code: .unsupportedURL)
        /// The connection broke during the transfer (reset, empty reply, HTTP/2 error...).
        public static let network = Kind(code: .network)
        /// A local file could not be read.
        public static let file = Kind(code: .file)
        /// The host asked labfeed to wait (Retry-After) longer than this sync may wait.
        public static let rateLimited = Kind(code: .rateLimited)
        /// The calling task was cancelled, or the fetcher shut down.
        public static let cancelled = Kind(code: .cancelled)

        public var description: String { code.rawValue }
    }

    public let kind: Kind
    /// The URL the failure is about (a redirect target, robots.txt's page...).
    public let url: URL
    /// A sentence for people: what happened and, when it helps, what to do.
    public let message: String
    /// The HTTP status, for ``Kind/httpStatus`` (and any failure that had one).
    public let status: Int?
    /// When the host asked labfeed to come back, if it did (429/503 `Retry-After`).
    public let retryAfter: Date?
    /// libcurl's code, for diagnostics (0 when the failure was not curl's).
    public let curlCode: Int
    /// Attempts made before giving up.
    public internal(set) var attempts: Int
    /// The source the request was for, if the caller named it.
    public internal(set) var sourceID: String?

    /// An error built by hand (stub fetchers in tests); the engine makes its own.
    public init(_ kind: Kind, url: URL, _ message: String, status: Int? = nil, retryAfter: Date? = nil,
                curlCode: Int = 0, attempts: Int = 1, sourceID: String? = nil) {
        self.kind = kind
        self.url = url
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
        self.curlCode = curlCode
        self.attempts = attempts
        self.sourceID = sourceID
    }

    /// `source-id: https://example.org/feed: the server answered 404 Not Found`
    public var description: String {
        var s = ""
        if let sourceID { s += "\(sourceID): " }
        s += "\(url.absoluteString): \(message)"
        if attempts > 1 { s += " (after \(attempts) attempts)" }
        return s
    }

    /// Whether trying again later in this sync may succeed.
    var isTransient: Bool {
        switch kind.code {
        case .connect, .network: true
        case .httpStatus: status.map { $0 >= 500 || $0 == 408 || $0 == 429 } ?? false
        default: false
        }
    }

    static func cancelled(_ url: URL) -> FetchError {
        FetchError(.cancelled, url: url, "the fetch was cancelled")
    }
}
