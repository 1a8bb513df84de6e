// RobotsTxt: a robots.txt file read per RFC 9309 — groups by user agent, Allow/Disallow rules
// with `*` and `$`, decided by the longest match (Allow wins a tie) — plus the common
// `Crawl-delay` extension. Tolerant: unknown lines and malformed rules are skipped.

/// The rules one robots.txt gives one crawler.
struct RobotsTxt: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        var allow: Bool
        /// Normalised pattern bytes (see `RobotsTxt.normalise`).
        var pattern: [UInt8]
    }

    /// The rules of the groups that apply to the crawler (its own, else `*`).
    var rules: [Rule] = []
    /// `Crawl-delay` of the applicable group, in seconds.
    var crawlDelay: Double?

    /// Reads `text` and keeps what applies to `productToken` (lower-case, e.g. `labfeed`).
    init(parsing bytes: [UInt8], productToken: String) {
        let token = productToken.lowercased()
        struct Group {
            var agents: [String] = []
            var rules: [Rule] = []
            var crawlDelay: Double?
        }
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false

        let text = String(decoding: bytes, as: UTF8.self)
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            switch key {
            case "user-agent":
                if !lastWasAgent {
                    if let current { groups.append(current) }
                    current = Group()
                }
                // The product token: leading letters, `_` and `-` ("labfeed/1.0" → "labfeed").
                let agent = String(value.prefix { $0.isLetter || $0 == "_" || $0 == "-" || $0 == "*" }).lowercased()
                current?.agents.append(agent)
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard current != nil else { continue }
                // An empty Disallow allows everything: no rule.
                if value.isEmpty { continue }
                current?.rules.append(Rule(allow: key == "allow", pattern: RobotsTxt.normalise(Array(value.utf8))))
            case "crawl-delay":
                lastWasAgent = false
                if let seconds = Double(value), seconds >= 0, seconds.isFinite { current?.crawlDelay = seconds }
            default:
                // Sitemap and unknown records do not end a group.
                continue
            }
        }
        if let current { groups.append(current) }

        var chosen = groups.filter { $0.agents.contains(token) }
        if chosen.isEmpty { chosen = groups.filter { $0.agents.contains("*") } }
        rules = chosen.flatMap(\.rules)
        crawlDelay = chosen.compactMap(\.crawlDelay).first
    }

    /// Whether the crawler may fetch `pathAndQuery` (`/a/b?c`; an empty path counts as `/`).
    func allows(_ pathAndQuery: String) -> Bool {
        let path = pathAndQuery.isEmpty ? [UInt8(ascii: "/")] : RobotsTxt.normalise(Array(pathAndQuery.utf8))
        if path == Array("/robots.txt".utf8) { return true }
        var best: Rule?
        for rule in rules where RobotsTxt.matches(path, rule.pattern) {
            if let b = best {
                if rule.pattern.count > b.pattern.count || (rule.pattern.count == b.pattern.count && rule.allow && !b.allow) {
                    best = rule
                }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// Whether `pattern` (with `*` for any run of bytes and a final `$` for the end) matches the
    /// start of `path`. Keeps the set of positions reachable in `path` (Google's matcher).
    static func matches(_ path: [UInt8], _ pattern: [UInt8]) -> Bool {
        var positions = [0]
        for (i, c) in pattern.enumerated() {
            if c == UInt8(ascii: "$"), i == pattern.count - 1 {
                return positions.contains(path.count)
            }
            if c == UInt8(ascii: "*") {
                positions = Array(positions[0]...path.count)
                continue
            }
            positions = positions.compactMap { p in p < path.count && path[p] == c ? p + 1 : nil }
            if positions.isEmpty { return false }
        }
        return true
    }

    /// Normalises a path or pattern for comparison (RFC 9309 §2.2.2): percent-encoded unreserved
    /// characters are decoded, other escapes get upper-case hex, and non-ASCII bytes are encoded.
    static func normalise(_ bytes: [UInt8]) -> [UInt8] {
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        func isUnreserved(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) {
                let decoded = hi << 4 | lo
                if isUnreserved(decoded) {
                    out.append(decoded)
                } else {
                    out.append(contentsOf: [b, hex[Int(hi)], hex[Int(lo)]])
                }
                i += 3
                continue
            }
            if b >= 0x80 {
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0x0f)]])
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
