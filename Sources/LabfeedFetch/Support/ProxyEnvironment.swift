// ProxyEnvironment: whether libcurl will send a URL through a proxy taken from the environment
// (http_proxy, HTTPS_PROXY, ALL_PROXY, NO_PROXY), read the way libcurl reads them.
//
// Why: behind a proxy, the address curl connects to is the proxy's, so the public-to-private
// redirect check cannot see the target; the Fetcher then leaves that check to the proxy.

/// The proxy settings libcurl will pick up from the environment.
struct ProxyEnvironment: Sendable, Hashable {
    var http: String?
    var https: String?
    var all: String?
    var noProxy: [String] = []

    init(environment: [String: String]) {
        func value(_ names: String...) -> String? {
            for name in names { if let v = environment[name], !v.isEmpty { return v } }
            return nil
        }
        // libcurl ignores upper-case HTTP_PROXY (it could be set by a CGI request header).
        http = value("http_proxy")
        https = value("https_proxy", "HTTPS_PROXY")
        all = value("all_proxy", "ALL_PROXY")
        noProxy = (value("no_proxy", "NO_PROXY") ?? "").split(separator: ",")
            .map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty }
    }

    /// Whether a request to `host` with `scheme` goes through a proxy.
    func usesProxy(scheme: String, host: String) -> Bool {
        let proxy = scheme == "https" ? (https ?? all) : scheme == "http" ? (http ?? all) : nil
        guard proxy != nil else { return false }
        let h = host.lowercased()
        for entry in noProxy {
            if entry == "*" { return false }
            let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if h == suffix || h.hasSuffix("." + suffix) { return false }
        }
        return true
    }
}
