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
        if bytes.count > quickWindow {
            if let format = asciiRoot(bytes) { return format }
            if let format = conclusiveByText(bytes) { return format }
        }
        return sniffText(headText(bytes), conclusiveOnly: false)
    }

    /// The conclusive answer of the first kilobyte read on its bytes, for the common head
    /// (an optional UTF-8 BOM, white space, `<?...?>` declarations and `<!--...-->` comments,
    /// then `<rss`, `<feed`, `<rdf:RDF`, `<html` ...), with no String made: the answer
    /// `sniffText(text(first kilobyte), conclusiveOnly: true)` gives whenever this gives one.
    /// Nil (ask the String path) on anything else: a byte past ASCII outside a declaration or
    /// comment, a doctype, UTF-16, a root not known or not ended inside the kilobyte.
    ///
    /// Why the same: on ASCII each byte is one Character (CR LF excepted, white space either
    /// way), white space is the same six bytes, and a name ends at an ASCII byte followed by
    /// another ASCII byte, which no combining mark can join; declarations and comments are
    /// skipped by the same byte searches (``firstRange(of:in:)``), and repairing ill-formed
    /// UTF-8 inside them never moves an ASCII byte.
    static func asciiRoot(_ bytes: [UInt8]) -> DocumentFormat? {
        guard utf16Endianness(bytes) == nil else { return nil }
        let count = min(bytes.count, quickWindow)
        return bytes.withUnsafeBufferPointer { b -> DocumentFormat? in
            func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
            /// Just past the first `x y` (or `x x y` when `twice`) at or after `from`, or nil.
            func past(_ x: UInt8, _ y: UInt8, twice: Bool, from: Int) -> Int? {
                let length = twice ? 3 : 2
                var i = from
                while i + length <= count {
                    if b[i] == x && b[i + length - 1] == y && (!twice || b[i + 1] == x) { return i + length }
                    i += 1
                }
                return nil
            }
            var i = count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
            while true {
                while i < count && isSpace(b[i]) { i += 1 }
                guard i + 2 < count, b[i] == 0x3C else { return nil }  // <
                let next = b[i + 1]
                if next == 0x3F {  // <? ... ?>, the `?` not joined by a mark after it
                    guard b[i + 2] < 0x80, let end = past(0x3F, 0x3E, twice: false, from: i + 1) else { return nil }  // `<?>` ends itself, as the String search finds
                    i = end
                } else if next == 0x21 {  // <!-- ... -->; nothing else (doctypes go the String way)
                    guard i + 4 < count, b[i + 2] == 0x2D, b[i + 3] == 0x2D, b[i + 4] < 0x80,
                          let end = past(0x2D, 0x3E, twice: true, from: i + 2) else { return nil }  // `<!-->` too
                    i = end
                } else {
                    break
                }
                guard i < count, b[i] < 0x80 else { return nil }
            }
            // The root's name: up to white space, `>` or `/`, which must come inside the
            // kilobyte and be followed by an ASCII byte (or the kilobyte's end).
            let start = i + 1
            var end = start
            while end < count, !isSpace(b[end]), b[end] != 0x3E, b[end] != 0x2F {
                guard b[end] < 0x80 else { return nil }
                end += 1
            }
            guard end > start, end < count, end + 1 >= count || b[end + 1] < 0x80 else { return nil }
            /// Whether the name is `lower` in any ASCII case.
            func named(_ lower: StaticString) -> Bool {
                guard lower.utf8CodeUnitCount == end - start else { return false }
                let l = lower.utf8Start
                for k in 0..<(end - start) {
                    let c = b[start + k]
                    if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != l[k] { return false }
                }
                return true
            }
            if named("rss") { return .rss }
            if named("rdf:rdf") || named("rdf") { return .rdf }
            if named("feed") || named("atom:feed") { return .atom }
            if named("html") || named("xhtml:html") { return .html }
            return nil
        }
    }

    /// What the first kilobyte decoded as text answers conclusively (the path ``asciiRoot(_:)``
    /// shortcuts; for tests).
    static func conclusiveByText(_ bytes: [UInt8]) -> DocumentFormat? {
        sniffText(text(Array(bytes.prefix(quickWindow))), conclusiveOnly: true)
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
