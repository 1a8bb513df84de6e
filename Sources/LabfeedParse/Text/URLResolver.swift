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
        // Most links of feeds and structured data are already absolute and plain: Foundation
        // would give them back unchanged (or only percent-encoded), whatever the base (RFC 3986
        // 5.2.2: a reference with a scheme ignores the base), after parsing the base and the
        // reference. `plain` refuses any white space, so it is tried before collapsing it.
        if let plain = plain(reference) { return plain }
        let ref = Whitespace.collapse(reference)
        if ref.isEmpty { return base ?? "" }
        if let plain = plain(ref) { return plain }
        return foundationResolve(ref, against: base)
    }

    /// `ref` resolved by Foundation's URL, relative to `base` when that is usable: what
    /// ``resolve(_:against:)`` gives for links that are not plain.
    static func foundationResolve(_ ref: String, against base: String?) -> String {
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

    /// A link a page gives (`href`, `src`, `url` values) made absolute against `base`; nil for a
    /// missing or blank reference, a `javascript:`, `data:` or `about:` URL, and a bare fragment
    /// with no base. With no usable base, a relative reference is returned as written.
    public static func link(_ reference: String?, against base: String?) -> String? {
        guard let reference else { return nil }
        let ref = Whitespace.collapse(reference)
        guard !ref.isEmpty, base != nil || !ref.hasPrefix("#") else { return nil }
        if let scheme = scheme(of: ref), scheme == "javascript" || scheme == "data" || scheme == "about" { return nil }
        return resolve(ref, against: base)
    }

    /// The base URL of a page: its `<base href>` (itself resolved) when that gives an absolute
    /// URL, else `override` (`--base-url`), else the document's own URL.
    public static func pageBase(baseElement: String?, override: String?, documentURL: String?) -> String? {
        let fallback = Whitespace.nonEmpty(override) ?? documentURL
        if let resolved = link(baseElement, against: fallback), scheme(of: resolved) != nil { return resolved }
        return fallback
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
