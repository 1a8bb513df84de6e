// URL resolution for the feed readers: a link that is already a plain absolute http(s) URL is
// returned as written (non-ASCII path characters percent-encoded), without the round trip
// through Foundation's URL that URLResolver makes (a fifteenth of the time spent on a feed);
// anything else goes to URLResolver.

/// ``URLResolver/resolve(_:against:)`` with a fast path for links that need no work.
enum FeedURL {
    /// `reference` made absolute against `base`, exactly as ``URLResolver/resolve(_:against:)``.
    static func resolve(_ reference: String, against base: String?) -> String {
        plain(reference) ?? URLResolver.resolve(reference, against: base)
    }

    /// Whether `url` is one that URLResolver would return unchanged.
    static func isPlainAbsolute(_ url: String) -> Bool { plain(url) == url }

    /// What URLResolver makes of `url` when that needs no URL parser, else nil: `http://` or
    /// `https://` (lower case), a host of ASCII letters, digits, dots and hyphens starting with a
    /// letter or digit, an optional numeric port, then only characters RFC 3986 allows unescaped
    /// (no space, `[`, `]`, `|`, `"`, `<`, `>`, `\`, `^`, backquote or braces), `%` only before
    /// two hex digits, at most one `#`, and no `/.` (no dot segment to remove). Non-ASCII
    /// characters after the host are percent-encoded, as Foundation does (`é` → `%C3%A9`),
    /// unless one is white space (URLResolver collapses it first) or the URL holds a `%`
    /// already; a non-ASCII host (IDNA),
    /// user information or anything unusual is left to Foundation.
    static func plain(_ url: String) -> String? {
        var url = url
        var needsEncoding = false
        let ok = url.withUTF8 { u -> Bool in
            var i: Int
            if u.starts(with: "https://".utf8) { i = 8 } else if u.starts(with: "http://".utf8) { i = 7 } else { return false }
            guard i < u.count, isAlphanumeric(u[i]) else { return false }
            while i < u.count, isAlphanumeric(u[i]) || u[i] == 0x2E || u[i] == 0x2D { i += 1 }
            if i < u.count, u[i] == 0x3A {  // :port
                i += 1
                let digits = i
                while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 { i += 1 }
                guard i > digits else { return false }
            }
            guard i == u.count || u[i] == 0x2F || u[i] == 0x3F || u[i] == 0x23 else { return false }
            var fragments = 0
            while i < u.count {
                let c = u[i]
                switch c {
                case 0x25:  // %
                    guard i + 2 < u.count, isHex(u[i + 1]), isHex(u[i + 2]) else { return false }
                    i += 2
                case 0x23:  // #
                    fragments += 1
                    guard fragments == 1 else { return false }
                case 0x2F:  // /
                    if i + 1 < u.count, u[i + 1] == 0x2E { return false }
                case 0x80...:
                    needsEncoding = true
                default:
                    guard isAllowed(c) || c == 0x3F else { return false }
                }
                i += 1
            }
            return true
        }
        guard ok else { return nil }
        guard needsEncoding else { return url }
        // Foundation may re-encode a `%` of a URL it has to encode (`%0a` → `%250a`): its call.
        guard !url.utf8.contains(0x25), !url.unicodeScalars.contains(where: Whitespace.isSpace) else { return nil }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(url.utf8.count + 32)
        for byte in url.utf8 {
            if byte < 0x80 {
                out.append(byte)
            } else {
                out.append(0x25)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// Unreserved and reserved characters of RFC 3986, but `%`, `#`, `/`, `[` and `]`.
    private static func isAllowed(_ c: UInt8) -> Bool {
        if isAlphanumeric(c) { return true }
        switch c {
        case 0x2D, 0x2E, 0x5F, 0x7E,  // - . _ ~
             0x3A, 0x3F, 0x40,  // : ? @
             0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D:  // ! $ & ' ( ) * + , ; =
            return true
        default:
            return false
        }
    }
}
