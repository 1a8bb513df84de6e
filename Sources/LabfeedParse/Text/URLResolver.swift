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
        // A plain absolute http(s) link (most links of structured data and pages) is what
        // `resolve` gives at once: `plain` accepts no white space nor control (the collapse
        // below would give it back unchanged), nor anything blank, a bare fragment or another
        // scheme, and `resolve` tries `plain` first. The collapse and scheme tests cost about
        // 950 instructions a link. ``linkCollapsingFirst(_:against:)`` is the reference.
        if let plain = plain(reference) { return plain }
        return linkCollapsingFirst(reference, against: base)
    }

    /// ``link(_:against:)`` of a reference, white space collapsed first: its path for the links
    /// `plain` does not take, and its reference (URLLinkFastPathTests).
    static func linkCollapsingFirst(_ reference: String, against base: String?) -> String? {
        let ref = Whitespace.collapse(reference)
        guard !ref.isEmpty, base != nil || !ref.hasPrefix("#") else { return nil }
        // The scheme compared on its bytes: no lower-cased String made per link.
        if let n = schemeLength(ref), hasScheme(ref, n, "javascript") || hasScheme(ref, n, "data") || hasScheme(ref, n, "about") {
            return nil
        }
        return resolve(ref, against: base)
    }

    /// The base URL of a page: its `<base href>` (itself resolved) when that gives an absolute
    /// URL, else `override` (`--base-url`), else the document's own URL.
    public static func pageBase(baseElement: String?, override: String?, documentURL: String?) -> String? {
        let fallback = Whitespace.nonEmpty(override) ?? documentURL
        if let resolved = link(baseElement, against: fallback), schemeLength(resolved) != nil { return resolved }
        return fallback
    }

    /// The scheme of an absolute URL, lower-cased (`https`, `mailto`), or nil when relative.
    public static func scheme(of url: String) -> String? {
        guard let n = schemeLength(url) else { return nil }
        // A scheme is ASCII (``schemeLength(_:)``): lower-casing it is setting bit 0x20 of its letters.
        return String(unsafeUninitializedCapacity: n) { out in
            var k = 0
            for b in url.utf8.prefix(n) {
                out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                k += 1
            }
            return k
        }
    }

    /// How many bytes the scheme of `url` has (the part before its first `:`: an ASCII letter,
    /// then ASCII letters, digits, `+`, `-` or `.`), or nil when `url` has none (relative).
    /// Read on the UTF-8 bytes: every byte of a scheme is ASCII, so this finds the scheme
    /// `scheme(of:)` read on Unicode scalars before (SchemeBytesTests).
    static func schemeLength(_ url: String) -> Int? {
        var n = 0
        for b in url.utf8 {
            if b == 0x3A { return n == 0 ? nil : n }  // ":"
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            guard letter || (n > 0 && ((b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E)) else { return nil }
            n += 1
        }
        return nil
    }

    /// Whether the scheme of `url`, `length` bytes long (``schemeLength(_:)``), is `name`
    /// (lower-case ASCII) in any case: `scheme(of: url) == name` without making the String.
    static func hasScheme(_ url: String, _ length: Int, _ name: StaticString) -> Bool {
        guard length == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { want in
            var k = 0
            for b in url.utf8.prefix(length) {
                let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                if lower != want[k] { return false }
                k += 1
            }
            return true
        }
    }

    /// Whether `url` is absolute with an `http` or `https` scheme.
    public static func isWebURL(_ url: String?) -> Bool {
        guard let url, let n = schemeLength(url) else { return false }
        return hasScheme(url, n, "http") || hasScheme(url, n, "https")
    }
}
