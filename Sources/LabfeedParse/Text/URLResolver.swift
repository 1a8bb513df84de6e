// Relative URL references resolved against a base (RFC 3986 section 5, through Foundation's URL).

import Foundation

/// Resolves the relative links of feeds and pages.
public enum URLResolver {
    /// `reference` made absolute against `base`.
    ///
    /// Surrounding white space is removed; an empty reference denotes the base itself. With no
    /// usable base, an absolute reference is returned as is and a relative one unchanged (never
    /// invented). Characters not allowed in URLs (spaces, accents) are percent-encoded.
    public static func resolve(_ reference: String, against base: String?) -> String {
        let ref = Whitespace.collapse(reference)
        if ref.isEmpty { return base ?? "" }
        if let base, let baseURL = URL(string: Whitespace.collapse(base)), baseURL.scheme != nil,
           let resolved = URL(string: ref, relativeTo: baseURL) {
            return resolved.absoluteString
        }
        return URL(string: ref)?.absoluteString ?? ref
    }

    /// Like ``resolve(_:against:)``, but nil for a missing or blank reference.
    public static func absolute(_ reference: String?, against base: String?) -> String? {
        guard let reference, !Whitespace.collapse(reference).isEmpty else { return nil }
        return resolve(reference, against: base)
    }

    /// The scheme of an absolute URL, lower-cased (`https`, `mailto`), or nil when relative.
    public static func scheme(of url: String) -> String? {
        var scheme = ""
        for c in url.unicodeScalars {
            if c == ":" { return scheme.isEmpty ? nil : scheme.lowercased() }
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (!scheme.isEmpty && ((c >= "0" && c <= "9") || c == "+" || c == "-" || c == "."))
            if !ok { return nil }
            scheme.unicodeScalars.append(c)
        }
        return nil
    }

    /// Whether `url` is absolute with an `http` or `https` scheme.
    public static func isWebURL(_ url: String?) -> Bool {
        guard let url, let scheme = scheme(of: url) else { return false }
        return scheme == "http" || scheme == "https"
    }
}
