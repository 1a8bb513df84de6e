// Relative references made absolute, with Foundation's RFC 3986 resolution.

import Foundation

/// Resolves the references a page writes (`/agenda/x`, `../x`, `//cdn/x`, `x.html`).
enum PageURLResolver {
    /// The absolute form of `reference` against `base`; nil for an empty reference, a
    /// `javascript:`/`data:` one, or text that is not a URL at all.
    static func resolve(_ reference: String, against base: URL?) -> String? {
        let trimmed = reference.trimmedSpaces
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") || base != nil else { return nil }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("javascript:") || lower.hasPrefix("data:") || lower.hasPrefix("about:") { return nil }
        guard let url = URL(string: trimmed, relativeTo: base) ?? encoded(trimmed).flatMap({ URL(string: $0, relativeTo: base) }) else {
            return nil
        }
        let absolute = url.absoluteURL
        // A relative reference with no base stays relative: report it as written, not invented.
        guard absolute.scheme != nil else { return base == nil ? trimmed : nil }
        return absolute.absoluteString
    }

    /// Spaces and non-ASCII characters percent-encoded, the rest kept.
    private static func encoded(_ s: String) -> String? {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.insert(charactersIn: "#%")
        return s.addingPercentEncoding(withAllowedCharacters: allowed)
    }

    /// The base URL of a page: `<base href>` (itself resolved), then the override, then the
    /// document's own URL.
    static func base(pageBase: String?, override: String?, documentURL: String?) -> URL? {
        let fallback = (override.flatMap { URL(string: $0.trimmedSpaces) }) ?? documentURL.flatMap { URL(string: $0) }
        if let pageBase, let resolved = resolve(pageBase, against: fallback), let url = URL(string: resolved), url.scheme != nil {
            return url
        }
        return fallback
    }
}
