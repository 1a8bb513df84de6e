// FetchOptions: every bound and policy of the fetching engine, with labfeed's defaults.
//
// A Sendable value the caller builds once per sync (usually from feeds.yml's `settings:`) and
// hands to `Fetcher.init(options:)`. Per-source overrides travel in `FetchRequest`.

/// How a ``Fetcher`` behaves: identity, time and size bounds, retries, concurrency and safety.
///
/// Every field has a default suited to polling a few hundred public sites. The mapping from
/// feeds.yml (`settings:`) is: `user_agent`/`contact` → ``userAgent``, `connect_timeout`,
/// `timeout`, `max_body`, `concurrency`, `per_host`, `allow_private_networks`, and `retries` →
/// ``attempts`` (feeds.yml's `retries` counts attempts in all).
public struct FetchOptions: Sendable, Hashable {
    /// Sent as `User-Agent`; its product token (before the first `/`) is the name looked up in
    /// robots.txt groups. Build it with `LabfeedVersion.userAgent(product:contact:)`.
    public var userAgent: String = "labfeed"
    /// Longest wait for a connection (DNS, TCP and TLS) on one hop.
    public var connectTimeout: Duration = .seconds(10)
    /// Longest time for one attempt, redirects included (time spent queued is not counted).
    public var timeout: Duration = .seconds(30)
    /// A transfer slower than this many bytes per second for ``lowSpeedTime`` is cut off
    /// (`CURLOPT_LOW_SPEED_LIMIT`). 0 turns the check off.
    public var lowSpeedLimit: Int = 100
    /// How long a transfer may stay under ``lowSpeedLimit`` (whole seconds; at least 1).
    public var lowSpeedTime: Duration = .seconds(20)
    /// The largest body accepted, in bytes after decoding, with or without `Content-Length`.
    public var maxBody: Int = 10 * 1024 * 1024
    /// Redirects followed before giving up (http and https targets only).
    public var maxRedirects: Int = 5
    /// Attempts in all for a transient failure (connection failure, 5xx, 408, 429); 1 = no retry.
    public var attempts: Int = 3
    /// The first backoff delay; attempt n waits about `backoffBase × 2^(n-1)`, with jitter.
    public var backoffBase: Duration = .milliseconds(500)
    /// No backoff delay is longer than this.
    public var backoffMax: Duration = .seconds(30)
    /// The longest `Retry-After` or `Crawl-delay` honoured by waiting within one sync. A host that
    /// asks for more is not fetched again during this sync (the error carries its date, for the
    /// scheduler to keep to across syncs).
    public var maxHostWait: Duration = .seconds(120)
    /// Transfers at once, all hosts together.
    public var concurrency: Int = 16
    /// Transfers at once to one host (`host:port`).
    public var perHost: Int = 2
    /// Let redirects lead from a public address to a loopback, private, link-local or multicast
    /// one. Off by default; a request may override it.
    public var allowPrivateNetworks: Bool = false
    /// Obey robots.txt (RFC 9309). A request may override it (the user's own sites).
    public var obeyRobots: Bool = true
    /// Use the proxies of the usual environment variables (`http_proxy`, `https_proxy`,
    /// `ALL_PROXY`, `NO_PROXY`), as libcurl reads them. Off: always connect directly.
    public var useEnvironmentProxy: Bool = true
    /// A PEM file of certificate authorities to trust for https (`CURLOPT_CAINFO`), in place of
    /// libcurl's bundle file (Debian's libcurl still reads its CA directory, /etc/ssl/certs):
    /// for a lab's server with a private CA, and for the tests' loopback HTTP/2 server. nil:
    /// libcurl's defaults.
    public var caFile: String?
    /// The `Accept` header. Feeds, calendars and pages first; anything else last.
    public var accept: String = "application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, text/calendar, text/html;q=0.9, application/xml;q=0.8, */*;q=0.5"

    public init() {}

    /// The product token of ``userAgent``, lower-cased: what robots.txt groups are matched with.
    public var productToken: String {
        let token = userAgent.split(whereSeparator: { $0 == "/" || $0 == " " }).first.map(String.init) ?? userAgent
        return token.lowercased()
    }
}
