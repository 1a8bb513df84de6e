// The fast path of URLResolver: a link that is already a plain absolute http(s) URL comes back
// as Foundation's URL would give it (non-ASCII path characters percent-encoded, an international
// host in its ASCII form), without the URL parser: most links of feeds and structured data are
// such links, and the round trip through Foundation was a fifteenth of the time spent on a feed.
// Checked against Foundation on hand-picked and random links (URLFastPathTests, PlainURLTests).

import Synchronization

extension URLResolver {
    /// What Foundation makes of `url` when that needs no URL parser, else nil: `http://` or
    /// `https://` (lower case), a host of letters, digits, dots and hyphens starting with a
    /// letter or digit, an optional numeric port, then only characters RFC 3986 allows unescaped
    /// (no space, `[`, `]`, `|`, `"`, `<`, `>`, `\`, `^`, backquote or braces), `%` only before
    /// two hex digits, at most one `#`, and no `/.` (no dot segment to remove). Non-ASCII
    /// characters after the host are percent-encoded, as Foundation does (`é` → `%C3%A9`),
    /// unless one is white space (URLResolver collapses it first) or the URL holds a `%`
    /// already. A non-ASCII host is written in the ASCII form Foundation gives it alone (IDNA,
    /// cached per host); user information or anything unusual is left to Foundation.
    static func plain(_ url: String) -> String? {
        var url = url
        var host = 0..<0
        var internationalHost = false
        var highBytes = 0  // bytes of non-ASCII characters after the host, each written as %XX
        var hasPercent = false
        var maybeSpace = false  // a lead byte of a non-ASCII space (U+0085, U+00A0, U+1680, U+2000-U+3000)
        let ok = url.withUTF8 { u -> Bool in
            var i: Int
            if u.starts(with: "https://".utf8) { i = 8 } else if u.starts(with: "http://".utf8) { i = 7 } else { return false }
            guard i < u.count, isAlphanumeric(u[i]) || u[i] >= 0x80 else { return false }
            let hostStart = i
            while i < u.count, isAlphanumeric(u[i]) || u[i] == 0x2E || u[i] == 0x2D || u[i] >= 0x80 {
                if u[i] >= 0x80 {
                    internationalHost = true
                    if mayLeadSpace(u[i]) { maybeSpace = true }
                }
                i += 1
            }
            host = hostStart..<i
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
                // Most bytes of a path are letters, digits and allowed punctuation: one test of
                // a bit, where the switch below would reach its default case and accept them.
                if isPlainPathByte(c) {
                    i += 1
                    continue
                }
                switch c {
                case 0x25:  // %
                    guard i + 2 < u.count, isHex(u[i + 1]), isHex(u[i + 2]) else { return false }
                    hasPercent = true
                    i += 2
                case 0x23:  // #
                    fragments += 1
                    guard fragments == 1 else { return false }
                case 0x2F:  // /
                    if i + 1 < u.count, u[i + 1] == 0x2E { return false }
                case 0x80...:
                    highBytes += 1
                    if mayLeadSpace(c) { maybeSpace = true }
                default:
                    guard isAllowed(c) || c == 0x3F else { return false }
                }
                i += 1
            }
            return true
        }
        guard ok else { return nil }
        guard highBytes > 0 || internationalHost else { return url }
        // Foundation may re-encode a `%` of a URL it has to encode (`%0a` → `%250a`): its call.
        // (A `%` is read only after the host, and every non-ASCII space starts with a byte
        // `mayLeadSpace` accepts, so the scan's flags say what searching the whole URL said.)
        guard !hasPercent else { return nil }
        if maybeSpace, url.unicodeScalars.contains(where: Whitespace.isSpace) { return nil }
        return url.withUTF8 { u -> String? in
            var asciiName = ""
            var rest = 0
            if internationalHost {
                // The host's ASCII (IDNA) form, as Foundation writes it, computed once per host.
                guard let ascii = asciiHost(String(decoding: UnsafeBufferPointer(rebasing: u[host]), as: UTF8.self)) else { return nil }
                asciiName = ascii
                rest = host.upperBound
            }
            let prefix = internationalHost ? host.lowerBound : 0
            let count = prefix + asciiName.utf8.count + (u.count - rest) + 2 * highBytes
            return String(unsafeUninitializedCapacity: count) { out in
                var o = 0
                for k in 0..<prefix { out[o] = u[k]; o += 1 }
                for b in asciiName.utf8 { out[o] = b; o += 1 }
                for k in rest..<u.count {
                    let byte = u[k]
                    if byte < 0x80 {
                        out[o] = byte
                        o += 1
                    } else {
                        out[o] = 0x25
                        out[o + 1] = hexDigit(byte >> 4)
                        out[o + 2] = hexDigit(byte & 0x0F)
                        o += 3
                    }
                }
                return o
            }
        }
    }

    /// Whether `b` can start the UTF-8 form of a non-ASCII character `Whitespace.isSpace`
    /// accepts (U+0085 and U+00A0: 0xC2; U+1680: 0xE1; U+2000-U+205F: 0xE2; U+3000: 0xE3).
    private static func mayLeadSpace(_ b: UInt8) -> Bool {
        b == 0xC2 || (b >= 0xE1 && b <= 0xE3)
    }

    /// The upper-case hexadecimal digit of `v` (0-15), as Foundation percent-encodes.
    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? 0x30 + v : 0x37 + v
    }

    /// The ASCII hosts of international ones, as URLResolver (Foundation) writes them: an empty
    /// string when Foundation gives no plain ASCII host. Shared by every parse; at most 4,096.
    private static let asciiHosts = Mutex<[String: String]>([:])

    /// The ASCII form Foundation gives `host` (`pôle.example` → `xn--ple-...`), or nil.
    static func asciiHost(_ host: String) -> String? {
        if let known = asciiHosts.withLock({ $0[host] }) { return known.isEmpty ? nil : known }
        var ascii = ""
        let resolved = foundationResolve("http://" + host + "/", against: nil)
        if resolved.hasPrefix("http://"), resolved.hasSuffix("/"), resolved.utf8.count > 8 {
            let middle = resolved.utf8.dropFirst(7).dropLast()
            if middle.allSatisfy({ isAlphanumeric($0) || $0 == 0x2E || $0 == 0x2D }) { ascii = String(decoding: middle, as: UTF8.self) }
        }
        asciiHosts.withLock { table in
            if table.count >= 4096 { table.removeAll() }
            table[host] = ascii
        }
        return ascii.isEmpty ? nil : ascii
    }

    /// Whether `c` is a byte ``isAllowed(_:)`` accepts or `?`, read from two 64-bit masks
    /// (bytes 0x00-0x3F and 0x40-0x7F); never `%`, `#`, `/` nor a non-ASCII byte
    /// (URLSchemeBytesTests compares it with the tests it stands for on every byte).
    @inline(__always)
    static func isPlainPathByte(_ c: UInt8) -> Bool {
        let low: UInt64 = 0xAFFF_7FD2_0000_0000, high: UInt64 = 0x47FF_FFFE_87FF_FFFF
        if c < 0x40 { return (low >> UInt64(c)) & 1 == 1 }
        if c < 0x80 { return (high >> UInt64(c - 0x40)) & 1 == 1 }
        return false
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// Unreserved and reserved characters of RFC 3986, but `%`, `#`, `/`, `[` and `]`.
    static func isAllowed(_ c: UInt8) -> Bool {
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
