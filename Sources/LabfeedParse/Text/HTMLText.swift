// HTML fragments from feeds and pages as sanitised HTML and as plain text.
// Built on LabfeedMarkup's HTML parser (libxml2, recover mode); never throws, never crashes.

import LabfeedMarkup

/// Turns HTML fragments into safe HTML and into plain text.
///
/// Used for feed summaries and contents, HTML titles, and by the page and prose extractors.
/// One fragment is parsed once for both forms by ``render(_:baseURL:)``.
public enum HTMLText {
    /// A fragment in both forms.
    public struct Rendered: Sendable, Hashable {
        /// The fragment with only allow-listed tags and attributes, links made absolute.
        public var html: String
        /// The readable text: blocks on their own lines, white space collapsed.
        public var text: String
    }

    /// The plain text of an HTML fragment: entities decoded, tags removed, block elements on
    /// separate lines, white space collapsed within lines.
    public static func plainText(fromHTML html: String) -> String {
        guard mayHoldMarkup(html) else { return Whitespace.collapseLines(html) }
        guard let body = parseFragment(html) else { return "" }
        return PlainTextWriter.text(of: body)
    }

    /// The plain text on one line (titles, names).
    public static func plainLine(fromHTML html: String) -> String {
        guard mayHoldMarkup(html) else { return Whitespace.collapse(html) }
        guard let body = parseFragment(html) else { return "" }
        return Whitespace.collapse(PlainTextWriter.text(of: body))
    }

    /// The fragment cut down to an allow-list of tags and attributes: `script`, `style`,
    /// `iframe`, `object` and the like are dropped with their content, event handlers and
    /// `style` attributes removed, `javascript:` and other unsafe URLs dropped, relative `href`
    /// and `src` resolved against `baseURL`. Unknown tags are unwrapped (their text kept).
    public static func sanitize(_ html: String, baseURL: String?) -> String {
        guard let body = parseFragment(html) else { return "" }
        return compacted(HTMLSanitizer(baseURL: baseURL).serialise(childrenOf: body))
    }

    /// Both forms from one parse.
    public static func render(_ html: String, baseURL: String?) -> Rendered {
        guard let body = parseFragment(html) else { return Rendered(html: "", text: "") }
        return Rendered(html: compacted(HTMLSanitizer(baseURL: baseURL).serialise(childrenOf: body)),
                        text: compacted(PlainTextWriter.text(of: body)))
    }

    /// Plain text escaped for inclusion in HTML (`&`, `<`, `>`, `"`).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Whether `text` looks like HTML rather than plain text: a tag (`<p`, `</`, `<br/>`) or
    /// a character reference (`&amp;`, `&#233;`). "AT&T" and "a < b" do not.
    public static func looksLikeHTML(_ text: String) -> Bool {
        let s = Array(text.utf8)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == 0x3C, i + 1 < s.count {  // <
                let n = s[i + 1]
                if isLetter(n) || n == 0x2F || n == 0x21 { return true }
            } else if c == 0x26 {  // &
                var j = i + 1
                if j < s.count, s[j] == 0x23 { j += 1 }
                let start = j
                while j < s.count, j - start < 32, isLetter(s[j]) || (s[j] >= 0x30 && s[j] <= 0x39) { j += 1 }
                if j > start, j < s.count, s[j] == 0x3B { return true }
            }
            i += 1
        }
        return false
    }

    // MARK: - Parsing

    /// A copy without the spare capacity that appending left (up to half the buffer): results
    /// of a big feed are kept, so their slack would add up.
    private static func compacted(_ s: String) -> String {
        String(decoding: Array(s.utf8), as: UTF8.self)
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    /// A cheap pre-check: text with neither `<` nor `&` needs no parse.
    private static func mayHoldMarkup(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x3C || $0 == 0x26 }
    }

    /// The `<body>` of the fragment parsed as HTML, or nil when it is empty.
    /// The fragment is wrapped in an explicit body so that libxml2 adds no `<p>` around text.
    static func parseFragment(_ html: String) -> MarkupNode? {
        guard html.utf8.contains(where: { $0 > 0x20 }) else { return nil }
        let wrapped = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + html + "</body></html>"
        guard let doc = try? MarkupDocument.html(Array(wrapped.utf8), charset: "UTF-8") else { return nil }
        return doc.root?.firstChild("body")
    }
}
