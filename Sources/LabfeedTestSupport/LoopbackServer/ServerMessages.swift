// What the loopback test server receives and what a test tells it to answer.

/// One request as the server read it.
public struct ServerRequest: Sendable {
    public var method: String
    /// The request target as sent (`/feed.xml?x=1`).
    public var target: String
    /// Header fields in order, names as sent.
    public var headers: [(name: String, value: String)]
    /// 1 for the first request to this path (query excluded), 2 for the second...
    public var number: Int
    /// Which accepted connection carried it (1-based), to observe connection reuse.
    public var connection: Int
    /// When the request's headers were read.
    public var received: ContinuousClock.Instant

    /// The path without the query.
    public var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }

    /// The first value of `name`, case-insensitive.
    public func header(_ name: String) -> String? {
        let key = name.lowercased()
        return headers.first { $0.name.lowercased() == key }?.value
    }
}

/// The answer to one request, with full control over framing and timing.
public struct ServerResponse: Sendable {
    /// How the body goes out.
    public enum Body: Sendable {
        /// With `Content-Length`.
        case bytes([UInt8])
        /// `Transfer-Encoding: chunked`, one chunk per element, no `Content-Length`.
        case chunked([[UInt8]])
        /// With `Content-Length`, one byte at a time, `every` apart (a trickling server).
        case trickle([UInt8], every: Duration)
        /// Nothing at all, not even a status line, for up to this long or until the client goes
        /// away (for cancellation tests).
        case hang(Duration)
        /// `chunk` again and again until the client goes away or the server stops: with
        /// `Content-Length: declaredLength` when given (a huge declared body), else chunked (an
        /// endless chunked body).
        case endless(chunk: [UInt8], declaredLength: Int?)
        /// Declares `declaredLength`, sends `bytes`, then resets the connection (TCP RST).
        case reset(after: [UInt8], declaredLength: Int)
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// Waited before anything is sent.
    public var delay: Duration = .zero
    /// Close the connection after this response.
    public var close = false

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: Body = .bytes([]),
                delay: Duration = .zero, close: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.close = close
    }

    /// A 200 (or `status`) with a text body.
    public static func text(_ text: String, status: Int = 200, type: String = "text/plain; charset=utf-8",
                            headers: [(name: String, value: String)] = []) -> ServerResponse {
        ServerResponse(status: status, headers: [("Content-Type", type)] + headers, body: .bytes(Array(text.utf8)))
    }

    /// A redirect to `location` (absolute or relative).
    public static func redirect(_ location: String, status: Int = 302) -> ServerResponse {
        ServerResponse(status: status, headers: [("Location", location)], body: .bytes([]))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
