// Text out of markup: entity decoding, plain text of a subtree, sanitised HTML.
// Tolerant: unknown entities stay as written, unknown elements give their text.

import Foundation
import LabfeedMarkup

extension String {
    /// Trimmed of spaces, tabs, newlines and no-break spaces (Unicode white space).
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }

    /// Runs of white space collapsed to one space, trimmed.
    var collapsedSpaces: String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isSpace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A decimal comma read as a point ("48,85" → "48.85").
    var replacingComma: String { replacingOccurrences(of: ",", with: ".") }

    /// `&eacute;`, `&#8217;` and `&#x2019;` decoded; anything that is not a known reference
    /// stays as written. Only references closed by `;` are read (as browsers do for attributes).
    var decodingHTMLEntities: String {
        guard contains("&") else { return self }
        var out = String.UnicodeScalarView()
        let scalars = Array(unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            guard c == "&", let semi = scalars[(i + 1)...].prefix(33).firstIndex(of: ";") else {
                out.append(c)
                i += 1
                continue
            }
            let body = String(String.UnicodeScalarView(scalars[(i + 1)..<semi]))
            var decoded: Unicode.Scalar?
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Self.characterReference)
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst(1)).flatMap(Self.characterReference)
            } else {
                decoded = MarkupEntities.scalar(named: body)
            }
            if let decoded {
                out.append(decoded)
                i = semi + 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    /// A numeric reference as HTML reads it: 0x80-0x9F are windows-1252 (`&#146;` is ’).
    private static func characterReference(_ code: UInt32) -> Unicode.Scalar? {
        if code == 0 { return nil }
        if (0x80...0x9F).contains(code) {
            let cp1252: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                    0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
            return Unicode.Scalar(cp1252[Int(code - 0x80)])
        }
        return Unicode.Scalar(code)
    }

    /// Whether the text holds something that looks like an HTML tag (`<p>`, `</a>`, `<br/>`).
    var looksLikeHTML: Bool {
        var previousWasLT = false
        for u in utf8 {
            if previousWasLT && (u == UInt8(ascii: "/") || (u | 0x20 >= UInt8(ascii: "a") && u | 0x20 <= UInt8(ascii: "z"))) {
                return true
            }
            previousWasLT = u == UInt8(ascii: "<")
        }
        return false
    }
}

extension Unicode.Scalar {
    /// White space as Unicode defines it, with a fast path for ASCII.
    var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}

/// Plain text and sanitised HTML out of markup.
enum PageText {
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "aside", "main", "nav", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "dl", "dt", "dd",
        "figure", "figcaption", "address", "hr", "form", "fieldset",
    ]
    static let invisible: Set<String> = ["script", "style", "noscript", "template", "head", "title", "svg"]

    /// The text of `node` as a reader sees it: blocks on their own lines, `<br>` a line break,
    /// spaces collapsed, `<img alt>` kept when `imageAlt` is set (microformats do that).
    static func plain(_ node: MarkupNode, imageAlt: Bool = false) -> String {
        var raw = ""
        appendPlain(node, into: &raw, imageAlt: imageAlt)
        return tidy(raw)
    }

    private static func appendPlain(_ node: MarkupNode, into out: inout String, imageAlt: Bool) {
        switch node.kind {
        case .text, .cdata:
            out += node.text
        case .element, .document:
            let name = node.name
            if invisible.contains(name) { return }
            if name == "br" { out += "\n"; return }
            if name == "img" {
                if imageAlt, let alt = node.attribute("alt") { out += " \(alt) " }
                return
            }
            let block = blockElements.contains(name)
            if block { out += "\n\n" }
            for child in node.children { appendPlain(child, into: &out, imageAlt: imageAlt) }
            if block { out += "\n\n" }
            if name == "td" || name == "th" { out += " " }
        default:
            return
        }
    }

    /// Collapses spaces inside lines, trims lines, keeps at most one empty line between blocks.
    static func tidy(_ raw: String) -> String {
        var lines: [String] = []
        var blank = 0
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = String(line).collapsedSpaces
            if t.isEmpty {
                blank += 1
                continue
            }
            if !lines.isEmpty && blank >= 2 { lines.append("") }
            lines.append(t)
            blank = 0
        }
        return lines.joined(separator: "\n")
    }

    /// Text that may hold markup, as (plain text, sanitised HTML or nil when it had no markup).
    static func fromMaybeHTML(_ text: String, baseURL: URL?) -> (plain: String, html: String?) {
        guard text.looksLikeHTML,
              let doc = try? MarkupDocument.html(Array("<html><body>\(text)</body></html>".utf8), charset: "UTF-8"),
              let body = try? doc.select("/html/body").first
        else {
            return (tidy(text), nil)
        }
        let html = sanitised(children: body.children, baseURL: baseURL).trimmedSpaces
        return (plain(body), html.isEmpty ? nil : html)
    }

    // MARK: - Sanitised HTML

    static let keptElements: Set<String> = [
        "p", "br", "a", "ul", "ol", "li", "strong", "b", "em", "i", "u", "blockquote", "h2", "h3", "h4",
        "h5", "h6", "code", "pre", "sub", "sup", "dl", "dt", "dd",
    ]

    /// Only text, a few structural elements and `<a href>` to http(s)/mailto survive; scripts,
    /// styles, attributes and event handlers are dropped.
    static func sanitised(children: [MarkupNode], baseURL: URL?) -> String {
        var out = ""
        for child in children { appendSanitised(child, into: &out, baseURL: baseURL) }
        return out
    }

    private static func appendSanitised(_ node: MarkupNode, into out: inout String, baseURL: URL?) {
        switch node.kind {
        case .text, .cdata:
            out += escape(node.text)
        case .element:
            var name = node.name
            if invisible.contains(name) { return }
            if name == "h1" { name = "h2" }
            guard keptElements.contains(name) else {
                let block = blockElements.contains(name)
                if block && !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
                for child in node.children { appendSanitised(child, into: &out, baseURL: baseURL) }
                if block { out += "\n" }
                return
            }
            if name == "br" { out += "<br>"; return }
            if name == "a" {
                if let href = node.attribute("href"), let url = PageURLResolver.resolve(href, against: baseURL),
                   ["http", "https", "mailto"].contains(URL(string: url)?.scheme?.lowercased() ?? "") {
                    out += "<a href=\"\(escape(url, attribute: true))\">"
                } else {
                    out += "<a>"
                }
            } else {
                out += "<\(name)>"
            }
            for child in node.children { appendSanitised(child, into: &out, baseURL: baseURL) }
            out += "</\(name)>"
        default:
            return
        }
    }

    static func escape(_ s: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
