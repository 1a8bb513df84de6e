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
    public static func canonical(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
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
        // Text that starts and ends with a printable ASCII character has nothing to trim.
        let printable: (UInt8?) -> Bool = { $0.map { $0 > 0x20 && $0 < 0x7F } ?? false }
        let trimmed = printable(text.utf8.first) && printable(text.utf8.last) ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
        var s = Substring(trimmed)
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
