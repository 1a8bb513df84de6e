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
        // Most links of structured data are already absolute and plain: Foundation would give
        // them back unchanged, whatever the base (RFC 3986 5.2.2: a reference with a scheme
        // ignores the base), after parsing the base and the reference (a page's JSON-LD events
        // resolved three or four URLs each).
        if isPlainAbsolute(ref) { return ref }
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

    /// Whether `ref` is an absolute `http`/`https` URL that Foundation's `URL` returns as
    /// written: lower-case scheme and `//`, then only unreserved characters, `/`, `?`, `=`,
    /// `&`, `+`, `,`, `;`, `:`, `@`, `!`, `*`, `'`, `(`, `)`, `$`, at most one `#`, no `%` (an
    /// escape could be re-encoded), no `..`/`.` segment (removed when resolving) and a host with
    /// no upper-case letter. Anything else takes Foundation's path.
    static func isPlainAbsolute(_ ref: String) -> Bool {
        ref.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let start: Int
            if bytes.starts(with: "https://".utf8) { start = 8 } else if bytes.starts(with: "http://".utf8) { start = 7 } else { return false }
            // The host starts with a lower-case letter or a digit ("http:///x", "http://@x",
            // "http://[::1]" go the slow way).
            guard bytes.count > start, (0x30...0x39).contains(bytes[start]) || (0x61...0x7A).contains(bytes[start]) else { return false }
            var fragments = 0
            var inHost = true
            var previous: UInt8 = 0x2F
            for c in bytes[start...] {
                switch c {
                case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F, 0x7E: break  // a-z 0-9 - _ ~
                case 0x41...0x5A: if inHost { return false }  // A-Z outside the host
                case 0x2E: if previous == 0x2F { return false }  // a segment starting with "."
                case 0x2F, 0x3F: inHost = false  // / ?
                case 0x23:  // #
                    inHost = false
                    fragments += 1
                    if fragments > 1 { return false }
                case 0x3A: break  // ":" (a port in the host)
                case 0x3D, 0x26, 0x2B, 0x2C, 0x3B, 0x40, 0x21, 0x2A, 0x27, 0x28, 0x29, 0x24:  // = & + , ; @ ! * ' ( ) $
                    if inHost { return false }
                default: return false
                }
                previous = c
            }
            return !(inHost && previous == 0x2E)
        } ?? false
    }

    /// Whether `url` is absolute with an `http` or `https` scheme.
    public static func isWebURL(_ url: String?) -> Bool {
        guard let url, let scheme = scheme(of: url) else { return false }
        return scheme == "http" || scheme == "https"
    }
}
