// RetryAfter: the `Retry-After` header (RFC 9110 §10.2.3), as seconds or an HTTP date.
// Dates are read by libcurl's curl_getdate (IMF-fixdate, RFC 850 and asctime forms).

import CCurl
import Foundation

enum RetryAfter {
    /// How long to wait from now; nil when the value is neither form. A date in the past is 0.
    static func delay(_ value: String, now: Date = Date()) -> Duration? {
        let v = value.trimmingWhitespace()
        if !v.isEmpty, v.allSatisfy(\.isASCII), v.allSatisfy(\.isNumber) {
            guard let seconds = Int64(v) else { return nil }
            return .seconds(seconds)
        }
        let t = curl_getdate(v, nil)
        guard t != -1 else { return nil }
        let delta = Date(timeIntervalSince1970: TimeInterval(t)).timeIntervalSince(now)
        return .seconds(max(0, delta))
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), for messages.
    static func httpDate(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
