// Which kind of document some bytes are, judged by their content (servers mislabel feeds).

import Foundation
import LabfeedCore

/// Recognises feeds, calendars and pages from their first bytes.
///
/// Rules (in order): a JSON object naming a `jsonfeed.org/version` (or with `items` and a
/// `title`) is JSON Feed; `BEGIN:VCALENDAR` is iCalendar; markup is judged by its root element
/// after the XML declaration, comments, processing instructions and the doctype: `rss` → RSS,
/// `rdf:RDF` → RSS 1.0, `feed` → Atom (1.0 or 0.3), `html` → HTML. Markup with another root is
/// searched for `<channel>`/`<item>` (RSS) or `<html`/`<body` (HTML). UTF-16 with or without a
/// byte-order mark is read as such. Nil when nothing matches.
enum FormatSniffer {
    /// How many bytes are looked at: enough for a long comment or doctype before the root.
    static let window = 16_384

    /// The first bytes tried: enough for the XML declaration and the root of almost every feed.
    static let quickWindow = 1024

    static func sniff(_ bytes: [UInt8]) -> DocumentFormat? {
        // The root element is nearly always in the first kilobyte: decoding only that saves
        // making a 16 KB String per document. Only a conclusive answer is taken from it (a known
        // root whose name ends inside the window); anything else reads the whole window.
        if bytes.count > quickWindow, let format = sniffText(text(Array(bytes.prefix(quickWindow))), conclusiveOnly: true) {
            return format
        }
        return sniffText(headText(bytes), conclusiveOnly: false)
    }

    /// The rules on decoded text. With `conclusiveOnly`, the text is a prefix of the window and
    /// only a root element (or calendar start) found whole inside it is answered; nil otherwise.
    private static func sniffText(_ head: String, conclusiveOnly: Bool) -> DocumentFormat? {
        var s = Substring(head)
        s = s.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if s.first == "{" { return conclusiveOnly ? nil : sniffJSON(s) }
        if s.prefix(15).uppercased() == "BEGIN:VCALENDAR" { return .ics }
        if conclusiveOnly {
            guard s.first == "<", let (root, end) = rootElement(s), end < s.endIndex else { return nil }
            switch root.lowercased() {
            case "rss": return .rss
            case "rdf:rdf", "rdf": return .rdf
            case "feed", "atom:feed": return .atom
            case "html", "xhtml:html": return .html
            default: return nil
            }
        }
        if s.first == "<", let (root, _) = rootElement(s) {
            switch root.lowercased() {
            case "rss": return .rss
            case "rdf:rdf", "rdf": return .rdf
            case "feed", "atom:feed": return .atom
            case "html", "xhtml:html": return .html
            default: break
            }
            let lower = s.lowercased()
            if lower.contains("<channel") && lower.contains("<item") { return .rss }
            if lower.contains("<html") || lower.contains("<body") || lower.contains("<head") || lower.contains("<div") { return .html }
            return nil
        }
        // Junk before the document (a PHP notice, a stray line): look for a known start.
        let lower = s.lowercased()
        for (marker, format) in [("<rss", DocumentFormat.rss), ("<rdf:rdf", .rdf), ("<feed", .atom), ("begin:vcalendar", .ics), ("<html", .html)]
        where lower.contains(marker) {
            return format
        }
        return nil
    }

    /// The media type's idea of the format, for when the content says nothing.
    static func format(forMediaType type: String?) -> DocumentFormat? {
        guard let type else { return nil }
        switch type {
        case "application/rss+xml", "application/rdf+xml": return type.contains("rdf") ? .rdf : .rss
        case "application/atom+xml": return .atom
        case "application/feed+json", "application/json": return .jsonfeed
        case "text/calendar", "application/ics": return .ics
        case "text/html", "application/xhtml+xml": return .html
        default: return nil
        }
    }

    /// The first bytes as text: UTF-16 when a BOM or the `<?` pattern says so, else UTF-8 with
    /// replacement characters (markup names are ASCII in every encoding that matters here).
    static func headText(_ bytes: [UInt8]) -> String {
        text(Array(bytes.prefix(window)))
    }

    /// All the bytes as text, by the same rules as ``headText(_:)``.
    static func headTextAll(_ bytes: [UInt8]) -> String {
        text(bytes)
    }

    private static func text(_ head: [UInt8]) -> String {
        if let endian = utf16Endianness(head) {
            var units: [UInt16] = []
            units.reserveCapacity(head.count / 2)
            var i = 0
            while i + 1 < head.count {
                units.append(endian == .little ? UInt16(head[i]) | UInt16(head[i + 1]) << 8 : UInt16(head[i]) << 8 | UInt16(head[i + 1]))
                i += 2
            }
            if units.first == 0xFEFF { units.removeFirst() }
            return String(decoding: units, as: UTF16.self)
        }
        return String(decoding: head, as: UTF8.self)
    }

    enum Endianness { case little, big }

    /// UTF-16 by byte-order mark, or by the shape of `<?` / `<r` in the first four bytes.
    static func utf16Endianness(_ b: [UInt8]) -> Endianness? {
        guard b.count >= 4 else { return nil }
        if b[0] == 0xFF && b[1] == 0xFE { return .little }
        if b[0] == 0xFE && b[1] == 0xFF { return .big }
        if b[0] == 0x3C && b[1] == 0x00 && b[2] != 0x00 && b[3] == 0x00 { return .little }
        if b[0] == 0x00 && b[1] == 0x3C && b[2] == 0x00 && b[3] != 0x00 { return .big }
        return nil
    }

    private static func sniffJSON(_ s: Substring) -> DocumentFormat? {
        if s.contains("jsonfeed.org/version") { return .jsonfeed }
        if s.contains("\"items\"") && (s.contains("\"title\"") || s.contains("\"home_page_url\"")) { return .jsonfeed }
        return nil
    }

    /// Where the ASCII `marker` first occurs in `s`, found in its UTF-8 bytes: Foundation's
    /// `range(of:)` bridges to UTF-16 and indexes the whole 16 KB head for every call (a
    /// fifteenth of the time spent on a feed).
    static func firstRange(of marker: String, in s: Substring) -> Range<Substring.Index>? {
        let m = Array(marker.utf8)
        let u = s.utf8
        guard let first = m.first else { return nil }
        var i = u.startIndex
        while let hit = u[i...].firstIndex(of: first) {
            var j = hit
            var k = 0
            while k < m.count, j != u.endIndex, u[j] == m[k] {
                k += 1
                u.formIndex(after: &j)
            }
            if k == m.count { return hit..<j }
            i = u.index(after: hit)
        }
        return nil
    }

    /// The qualified name of the first element, past declarations, comments and the doctype.
    /// A doctype naming `html` counts as an `html` root.
    /// With the name, where it ends in `text`.
    private static func rootElement(_ text: Substring) -> (String, Substring.Index)? {
        var s = text
        while true {
            s = s.drop { $0.isWhitespace }
            if s.hasPrefix("<?") {
                guard let end = firstRange(of: "?>", in: s) else { return nil }
                s = s[end.upperBound...]
            } else if s.hasPrefix("<!--") {
                guard let end = firstRange(of: "-->", in: s) else { return nil }
                s = s[end.upperBound...]
            } else if s.prefix(9).uppercased() == "<!DOCTYPE" {
                let name = s.dropFirst(9).drop { $0.isWhitespace }.prefix { !$0.isWhitespace && $0 != ">" && $0 != "[" }
                if name.lowercased() == "html" { return ("html", name.endIndex) }
                guard let end = s.firstIndex(of: ">") else { return nil }
                // An internal subset may hold ">" inside brackets.
                if let bracket = s.firstIndex(of: "["), bracket < end, let close = firstRange(of: "]>", in: s) {
                    s = s[close.upperBound...]
                } else {
                    s = s[s.index(after: end)...]
                }
            } else if s.hasPrefix("<") {
                let name = s.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
                return name.isEmpty ? nil : (String(name), name.endIndex)
            } else {
                return nil
            }
        }
    }
}
