// Fetcher+Failures: libcurl's result codes and HTTP error statuses turned into FetchErrors
// whose messages say what happened in words a person understands.

import CCurl
import Foundation

extension Fetcher {
    /// The failure of a hop that did not end in a complete HTTP response, if it did not.
    func failure(of result: HopResult, url: URL, spec: HopSpec) -> FetchError? {
        let host = url.host ?? url.path
        if result.cancelled { return FetchError.cancelled(url) }
        if let ip = result.blockedIP {
            let kind = AddressClass(ip: ip).rawValue
            return FetchError(.blockedAddress, url: url,
                              "a redirect led from a public address to \(ip), a \(kind) address; refused (allow_private_networks lifts this)",
                              curlCode: result.curlCode)
        }
        if result.curlCode == 0 { return nil }
        let code = result.curlCode
        let detail = result.curlMessage
        if result.tooLarge && spec.truncateAtLimit { return nil }
        if result.tooLarge || code == Int(CURLE_FILESIZE_EXCEEDED.rawValue) {
            return FetchError(.tooLarge, url: url,
                              "the body is larger than the limit of \(Fetcher.describeBytes(spec.maxBody)) (max_body); not read",
                              status: result.status == 0 ? nil : result.status, curlCode: code)
        }
        switch UInt32(truncatingIfNeeded: code) {
        case CURLE_COULDNT_RESOLVE_HOST.rawValue, CURLE_COULDNT_RESOLVE_PROXY.rawValue:
            return FetchError(.dns, url: url, "the name \(host) could not be resolved (DNS): check the URL, or the network", curlCode: code)
        case CURLE_COULDNT_CONNECT.rawValue:
            return FetchError(.connect, url: url, "could not connect to \(host) (\(detail))", curlCode: code)
        case CURLE_OPERATION_TIMEDOUT.rawValue:
            if detail.lowercased().contains("too slow") {
                return FetchError(.tooSlow, url: url,
                                  "the server sent less than \(spec.lowSpeedLimit) bytes/s for \(spec.lowSpeedSeconds) s; cut off (low-speed limit)",
                                  curlCode: code)
            }
            if result.timings.connect == .zero {
                return FetchError(.connect, url: url,
                                  "no connection to \(host) within \(Fetcher.describe(options.connectTimeout)) (connect_timeout)", curlCode: code)
            }
            return FetchError(.timeout, url: url,
                              "no complete answer within \(Fetcher.describe(options.timeout)) (timeout)", curlCode: code)
        case CURLE_SSL_CONNECT_ERROR.rawValue, CURLE_PEER_FAILED_VERIFICATION.rawValue, CURLE_SSL_CERTPROBLEM.rawValue,
             CURLE_SSL_CIPHER.rawValue, CURLE_SSL_CACERT_BADFILE.rawValue, CURLE_SSL_ISSUER_ERROR.rawValue,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH.rawValue, CURLE_SSL_INVALIDCERTSTATUS.rawValue, CURLE_SSL_CRL_BADFILE.rawValue,
             CURLE_SSL_SHUTDOWN_FAILED.rawValue, CURLE_USE_SSL_FAILED.rawValue, CURLE_SSL_ENGINE_NOTFOUND.rawValue,
             CURLE_SSL_ENGINE_SETFAILED.rawValue, CURLE_SSL_ENGINE_INITFAILED.rawValue:
            return FetchError(.tls, url: url, "the secure connection (TLS) to \(host) failed: \(detail)", curlCode: code)
        case CURLE_UNSUPPORTED_PROTOCOL.rawValue, CURLE_URL_MALFORMAT.rawValue:
            return FetchError(.unsupportedURL, url: url, "libcurl cannot fetch this URL: \(detail)", curlCode: code)
        case CURLE_FILE_COULDNT_READ_FILE.rawValue, CURLE_READ_ERROR.rawValue:
            return FetchError(.file, url: url, "cannot read the file \(url.path): \(detail)", curlCode: code)
        default:
            return FetchError(.network, url: url, "the transfer from \(host) broke off: \(detail)",
                              status: result.status == 0 ? nil : result.status, curlCode: code)
        }
    }

    /// A final HTTP error status.
    func httpStatusError(_ status: Int, url: URL, retryAfter: Date?) -> FetchError {
        var message = "the server answered \(status)"
        if let reason = Fetcher.reasons[status] { message += " \(reason)" }
        if let retryAfter { message += "; it asks labfeed to come back after \(RetryAfter.httpDate(retryAfter))" }
        return FetchError(.httpStatus, url: url, message, status: status, retryAfter: retryAfter)
    }

    static let reasons: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        406: "Not Acceptable", 408: "Request Timeout", 410: "Gone (the source was removed: take it out of feeds.yml)",
        429: "Too Many Requests", 451: "Unavailable For Legal Reasons", 500: "Internal Server Error",
        502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    /// `10 MiB`, `512 KiB`, `300 bytes`.
    static func describeBytes(_ n: Int) -> String {
        if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}
