// Canonical URLs: the one spelling of an address that labfeed compares and writes.

import Foundation

/// Canonicalises http(s) URLs so that the same page compares equal however a source spelled it.
///
/// Scheme and host lower-cased; default ports (80, 443) dropped; the fragment dropped; tracking
/// parameters (`utm_*`, `fbclid`, `gclid`, `xtor`, …) removed and the remaining ones sorted by
/// name (stable); an empty path becomes `/`. Anything that is not an absolute http(s) URL is
/// returned trimmed but otherwise as given (a `mailto:` or a `urn:` is left alone).
public enum CanonicalURL {
    /// Query parameters that only say where a click came from.
    public static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "li_fat_id",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "xtor", "xts", "xtref", "ref_src", "oly_anon_id", "oly_enc_id",
        "vero_id", "wt_mc", "at_medium", "at_campaign", "at_source", "at_content", "at_term",
    ]

    /// True for a parameter that tracks rather than selects (`utm_*` and ``trackingParameters``).
    public static func isTracking(_ name: String) -> Bool {
        let n = name.lowercased()
        return n.hasPrefix("utm_") || n.hasPrefix("pk_") || trackingParameters.contains(n)
    }

    /// The canonical form of `text`, or nil when it is empty.
    ///
    /// A URL already in canonical form in the plain spelling sources nearly always use is
    /// returned as it is (``alreadyCanonical(_:)``); anything else goes through `URLComponents`
    /// (``componentsCanonical(_:)``), which was 3% of a cold sync's CPU.
    public static func canonical(_ text: String) -> String? {
        if alreadyCanonical(text) { return text }
        return componentsCanonical(text)
    }

    /// Whether `text` is an http(s) URL that ``componentsCanonical(_:)`` gives back unchanged,
    /// judged on its bytes, conservatively: `http://` or `https://` in lower case; a host of
    /// lower-case letters, digits and `-` in non-empty dot-separated labels, without a port;
    /// a path starting with `/` of letters, digits, `-._~/` and well-formed `%XX`; then
    /// optionally a query of `&`-separated non-empty items, each a non-empty name (not a
    /// tracking one) and an optional `=value`, in the same characters plus `=+`, names already
    /// in order; no fragment. Anything else (user info, ports, IPv6, other characters, white
    /// space) answers false, and `URLComponents` decides. `CanonicalURLTests` compares both on
    /// generated URLs.
    static func alreadyCanonical(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let n = bytes.count
            var i: Int
            if n > 8, bytes[0] == 0x68, bytes[1] == 0x74, bytes[2] == 0x74, bytes[3] == 0x70 {  // "http"
                if bytes[4] == 0x3A, bytes[5] == 0x2F, bytes[6] == 0x2F { i = 7 }  // "://"
                else if bytes[4] == 0x73, bytes[5] == 0x3A, bytes[6] == 0x2F, bytes[7] == 0x2F { i = 8 }  // "s://"
                else { return false }
            } else {
                return false
            }
            // Host: labels of [a-z0-9-], none empty, up to the path's "/".
            var labelLength = 0
            while i < n, bytes[i] != 0x2F {
                let b = bytes[i]
                if b == 0x2E {
                    if labelLength == 0 { return false }
                    labelLength = 0
                } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D {
                    labelLength += 1
                } else {
                    return false
                }
                i += 1
            }
            guard i < n, labelLength > 0 else { return false }
            func plain(_ b: UInt8) -> Bool {
                (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
            }
            func hex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }
            // Path.
            while i < n, bytes[i] != 0x3F {
                let b = bytes[i]
                if b == 0x25 {
                    guard i + 2 < n, hex(bytes[i + 1]), hex(bytes[i + 2]) else { return false }
                    i += 3
                    continue
                }
                guard plain(b) || b == 0x2F else { return false }
                i += 1
            }
            guard i < n else { return true }
            // Query: items in order of name, none tracking.
            i += 1
            guard i < n else { return false }
            var previous: Substring? = nil
            while i < n {
                let start = i
                var nameEnd = -1
                while i < n, bytes[i] != 0x26 {
                    let b = bytes[i]
                    if b == 0x25 {
                        guard i + 2 < n, hex(bytes[i + 1]), hex(bytes[i + 2]) else { return false }
                        i += 3
                        continue
                    }
                    if b == 0x3D {
                        if nameEnd < 0 { nameEnd = i }
                    } else if !(plain(b) || b == 0x2B) {
                        return false
                    }
                    i += 1
                }
                if nameEnd < 0 { nameEnd = i }
                guard nameEnd > start else { return false }
                let name = Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<nameEnd]), as: UTF8.self)
                if isTracking(String(name)) { return false }
                if let previous, name < previous { return false }
                previous = name
                if i < n {  // the "&"
                    i += 1
                    guard i < n else { return false }
                }
            }
            return true
        } ?? false
    }

    /// ``canonical(_:)`` through `URLComponents`, for any text.
    static func componentsCanonical(_ text: String) -> String? {
        let trimmed = trimmed(text)
        guard !trimmed.isEmpty else { return nil }
        guard var c = URLComponents(string: trimmed), let scheme = c.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = c.host, !host.isEmpty else { return trimmed }
        c.scheme = scheme
        c.host = host.lowercased().hasSuffix(".") ? String(host.lowercased().dropLast()) : host.lowercased()
        if (scheme == "http" && c.port == 80) || (scheme == "https" && c.port == 443) { c.port = nil }
        c.fragment = nil
        if c.percentEncodedPath.isEmpty { c.percentEncodedPath = "/" }
        if let items = c.percentEncodedQueryItems {
            let kept = items.filter { !isTracking($0.name) }
            let sorted = kept.enumerated().sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }.map(\.element)
            c.percentEncodedQueryItems = sorted.isEmpty ? nil : sorted
        }
        return c.string ?? trimmed
    }

    /// A looser key for matching: the canonical URL without scheme, `www.` and a trailing `/`,
    /// so `http://www.lab.fr/ev/` and `https://lab.fr/ev` meet. Computed without URLComponents
    /// (deduplication calls it for every event); URLs with user info fall back to ``canonical(_:)``.
    public static func matchKey(_ text: String) -> String? {
        plainMatchKey(text) ?? generalMatchKey(text)
    }

    /// ``matchKey(_:)`` for any text (``plainMatchKey(_:)`` handles the common URLs alone).
    static func generalMatchKey(_ text: String) -> String? {
        var s = Substring(trimmed(text))
        guard !s.isEmpty else { return nil }
        // In ASCII text every character is one byte ("\r\n" aside, which holds none of the
        // delimiters): the delimiters are found byte-wise, without breaking characters.
        let ascii = s.utf8.allSatisfy { $0 < 0x80 }
        func firstIndex(of delimiter: Character, in s: Substring) -> Substring.Index? {
            ascii ? s.utf8.firstIndex(of: delimiter.asciiValue!) : s.firstIndex(of: delimiter)
        }
        let lower = ascii ? asciiLowercased(s.prefix(8)) : s.prefix(8).lowercased()
        if lower.hasPrefix("https://") { s = s.dropFirst(8) } else if lower.hasPrefix("http://") { s = s.dropFirst(7) } else { return String(s) }
        if let hash = firstIndex(of: "#", in: s) { s = s[..<hash] }
        var query: Substring = ""
        if let q = firstIndex(of: "?", in: s) { query = s[s.index(after: q)...]; s = s[..<q] }
        let slash = firstIndex(of: "/", in: s) ?? s.endIndex
        var authority = ascii ? asciiLowercased(s[..<slash]) : s[..<slash].lowercased()
        var path = s[slash...]
        if ascii ? authority.utf8.contains(0x40) : authority.contains("@") { return slowMatchKey(text) }
        if authority.hasSuffix(":80") || authority.hasSuffix(":443") { authority = String(authority[..<authority.lastIndex(of: ":")!]) }
        if authority.hasSuffix(".") { authority.removeLast() }
        if authority.hasPrefix("www.") { authority.removeFirst(4) }
        let params = query.split(separator: "&").filter { item in
            let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return !isTracking(name)
        }
        let sorted = params.enumerated().sorted { a, b in
            let x = a.element.split(separator: "=", maxSplits: 1).first ?? "", y = b.element.split(separator: "=", maxSplits: 1).first ?? ""
            return (x, a.offset) < (y, b.offset)
        }.map(\.element)
        if sorted.isEmpty, path.hasSuffix("/") { path = path.dropLast() }
        var key = authority + path
        if !sorted.isEmpty { key += "?" + sorted.joined(separator: "&") }
        return key
    }

    /// ``matchKey(_:)`` of the URLs events nearly always carry, on their bytes: printable ASCII
    /// (nothing to trim), `http://` or `https://` in lower case, no query and no user info.
    /// The key is then the authority lower-cased, without a default port, a final `.` and
    /// `www.`, and the path without its trailing `/`, up to any fragment: what the general
    /// code makes of such a URL. nil for any other text (the general code decides).
    /// `CanonicalURLTests` compares both on generated URLs.
    static func plainMatchKey(_ text: String) -> String? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let n = bytes.count
            guard n > 8, bytes[0] == 0x68, bytes[1] == 0x74, bytes[2] == 0x74, bytes[3] == 0x70 else { return nil }  // "http"
            var i: Int
            if bytes[4] == 0x3A, bytes[5] == 0x2F, bytes[6] == 0x2F { i = 7 }  // "://"
            else if bytes[4] == 0x73, bytes[5] == 0x3A, bytes[6] == 0x2F, bytes[7] == 0x2F { i = 8 }  // "s://"
            else { return nil }
            // The authority, up to the path's "/" (or the end, or a fragment).
            let authorityStart = i
            while i < n, bytes[i] != 0x2F, bytes[i] != 0x23 {
                let b = bytes[i]
                guard b > 0x20, b < 0x7F, b != 0x40, b != 0x3F else { return nil }  // printable, no "@", no "?"
                i += 1
            }
            var authorityEnd = i
            // The path, up to a fragment.
            let pathStart = i
            while i < n, bytes[i] != 0x23 {
                let b = bytes[i]
                guard b > 0x20, b < 0x7F, b != 0x3F else { return nil }  // printable, no "?"
                i += 1
            }
            var pathEnd = i
            // After a fragment: only printable ASCII (the general code trims white space first).
            while i < n {
                guard bytes[i] > 0x20, bytes[i] < 0x7F else { return nil }
                i += 1
            }
            @inline(__always) func authorityEnds(with suffix: StaticString) -> Bool {
                let count = suffix.utf8CodeUnitCount
                guard authorityEnd - authorityStart >= count else { return false }
                return memcmp(bytes.baseAddress! + authorityEnd - count, suffix.utf8Start, count) == 0
            }
            if authorityEnds(with: ":80") { authorityEnd -= 3 } else if authorityEnds(with: ":443") { authorityEnd -= 4 }
            if authorityEnd > authorityStart, bytes[authorityEnd - 1] == 0x2E { authorityEnd -= 1 }
            var hostStart = authorityStart
            if authorityEnd - authorityStart >= 4, bytes[hostStart] | 0x20 == 0x77, bytes[hostStart + 1] | 0x20 == 0x77,
               bytes[hostStart + 2] | 0x20 == 0x77, bytes[hostStart + 3] == 0x2E { hostStart += 4 }  // "www." in any case
            if pathEnd > pathStart, bytes[pathEnd - 1] == 0x2F { pathEnd -= 1 }
            let hostCount = authorityEnd - hostStart, pathCount = pathEnd - pathStart
            return String(unsafeUninitializedCapacity: hostCount + pathCount) { out in
                for k in 0..<hostCount {
                    let b = bytes[hostStart + k]
                    out[k] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                }
                for k in 0..<pathCount { out[hostCount + k] = bytes[pathStart + k] }
                return hostCount + pathCount
            }
        } ?? nil
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation (a copy
    /// through NSString, 50,000 instructions a URL) for text that starts and ends with a
    /// printable ASCII character: it has nothing to trim.
    private static func trimmed(_ text: String) -> String {
        let printable: (UInt8?) -> Bool = { $0.map { $0 > 0x20 && $0 < 0x7F } ?? false }
        return printable(text.utf8.first) && printable(text.utf8.last) ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `lowercased()` of ASCII text, without the Unicode case tables.
    private static func asciiLowercased(_ s: Substring) -> String {
        String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private static func slowMatchKey(_ text: String) -> String? {
        guard let canon = canonical(text) else { return nil }
        var s = Substring(canon)
        if s.hasPrefix("https://") { s = s.dropFirst(8) } else if s.hasPrefix("http://") { s = s.dropFirst(7) } else { return canon }
        if s.hasPrefix("www.") { s = s.dropFirst(4) }
        if s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }

    /// The lower-cased host without `www.`, or nil.
    public static func host(_ text: String) -> String? {
        guard let h = URLComponents(string: text.trimmingCharacters(in: .whitespaces))?.host?.lowercased(), !h.isEmpty else { return nil }
        return h.hasPrefix("www.") ? String(h.dropFirst(4)) : h
    }
}
