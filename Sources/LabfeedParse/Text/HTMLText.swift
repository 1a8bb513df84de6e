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
        escape(text, quotes: true)
    }

    /// Plain text escaped for HTML: `&`, `<`, `>`, and `"` when `quotes` is set (attribute
    /// values); element content needs no quote escaping.
    static func escape(_ text: String, quotes: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    // MARK: - Pages

    /// The text of a parsed node as a reader sees it: blocks on their own lines (separated by an
    /// empty line when `paragraphs` is set), `<br>` a line break, white space collapsed within
    /// lines, hidden elements (`script`, `style`, ...) left out, and `<img alt>` kept when
    /// `imageAlt` is set (the microformats parsing rules do that).
    static func plainText(of node: MarkupNode, paragraphs: Bool = false, imageAlt: Bool = false) -> String {
        PlainTextWriter.text(of: node, paragraphs: paragraphs, imageAlt: imageAlt)
    }

    /// The children of a parsed node sanitised with the page allow-list (``HTMLSanitizer/Policy/page``),
    /// trimmed.
    static func sanitizedPageHTML(childrenOf node: MarkupNode, baseURL: String?) -> String {
        Whitespace.trim(HTMLSanitizer(baseURL: baseURL, policy: .page).serialise(childrenOf: node))
    }

    /// Text from a page's structured data that may hold markup (a JSON-LD or microdata value):
    /// its plain text in paragraphs and, when it looks like HTML, its sanitised HTML with the
    /// page allow-list (nil when the text has no markup or nothing is left).
    static func pageText(_ text: String, baseURL: String?) -> (plain: String, html: String?) {
        guard looksLikeHTML(text), let body = parseFragment(text) else { return (Whitespace.collapseParagraphs(text), nil) }
        let html = sanitizedPageHTML(childrenOf: body, baseURL: baseURL)
        return (plainText(of: body, paragraphs: true), html.isEmpty ? nil : html)
    }

    /// `&eacute;`, `&#8217;` and `&#x2019;` decoded in text that arrives escaped outside a
    /// document (JSON-LD strings written by CMSs); anything that is not a known reference stays
    /// as written. Only references closed by `;` are read (as browsers do in attributes), and
    /// `&#128;`-`&#159;` are read as windows-1252, as HTML does (`&#146;` is ’).
    ///
    /// Read on the string's UTF-8 bytes: runs without `&` are copied whole and a reference's
    /// digits or name are read in place. ``decodeEntitiesByScalars(_:)`` is the reference it is
    /// tested against (PageTextTests).
    static func decodeEntities(_ text: String) -> String {
        guard UTF8Bytes.contains(text, byte: 0x26) else { return text }
        return UTF8Bytes.with(text) { b in
            // A reference is never longer decoded than written ("&lt;" 4 bytes, U+10FFFF 4 bytes
            // from "&#x10FFFF;"), so the input's length bounds the output's.
            String(unsafeUninitializedCapacity: b.count) { out in decodeEntities(b, into: out) }
        }
    }

    /// Writes `b` with its references decoded to `out` (at least `b.count` bytes) and returns
    /// the number of bytes written.
    private static func decodeEntities(_ b: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let n = b.count
        var i = 0
        var o = 0
        while i < n {
            let c = b[i]
            if c != 0x26 {
                out[o] = c
                o += 1
                i += 1
                continue
            }
            // The first ';' within the next 33 characters, as the scalar reader looks for it: a
            // body with a non-ASCII byte is never a reference, so the search stops there, and an
            // ASCII body has as many characters as bytes.
            var semi = i + 1
            let limit = min(n, i + 34)
            while semi < limit, b[semi] != 0x3B, b[semi] < 0x80 { semi += 1 }
            if semi < limit, b[semi] == 0x3B,
               let scalar = reference(UnsafeBufferPointer(rebasing: b[(i + 1)..<semi])) {
                for byte in UTF8.encode(scalar)! {
                    out[o] = byte
                    o += 1
                }
                i = semi + 1
            } else {
                out[o] = 0x26
                o += 1
                i += 1
            }
        }
        return o
    }

    /// The character an ASCII reference body (between `&` and `;`) stands for, as
    /// ``decodeEntitiesByScalars(_:)`` reads it: plain decimal and hex digits are read here, any
    /// other body through the same `UInt32` parse and entity lookup as the scalar reader.
    private static func reference(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard let first = body.first else { return nil }
        if first == 0x23 {  // #
            let hex = body.count >= 2 && (body[1] | 0x20) == 0x78  // x or X
            var value: UInt32 = 0
            var digits = 0
            for byte in body[(hex ? 2 : 1)...] {
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
                default:
                    // A sign or another character: the scalar reader's own parse decides.
                    let rest = String(decoding: UnsafeBufferPointer(rebasing: body[(hex ? 2 : 1)...]), as: UTF8.self)
                    return UInt32(rest, radix: hex ? 16 : 10).flatMap(characterReference)
                }
                let (times, overflow1) = value.multipliedReportingOverflow(by: hex ? 16 : 10)
                let (sum, overflow2) = times.addingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                value = sum
                digits += 1
            }
            return digits == 0 ? nil : characterReference(value)
        }
        return HTMLEntities.scalar(named: String(decoding: body, as: UTF8.self))
    }

    /// The scalar-by-scalar reading of ``decodeEntities(_:)``, kept as the reference its byte
    /// reading is tested against.
    static func decodeEntitiesByScalars(_ text: String) -> String {
        guard UTF8Bytes.contains(text, byte: 0x26) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
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
                decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(characterReference)
            } else if body.hasPrefix("#") {
                decoded = UInt32(body.dropFirst(1)).flatMap(characterReference)
            } else {
                decoded = HTMLEntities.scalar(named: body)
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
        if (0x80...0x9F).contains(code) { return Unicode.Scalar(windows1252[Int(code - 0x80)]) }
        return Unicode.Scalar(code)
    }

    /// What windows-1252 puts at 0x80-0x9F (the five undefined bytes map to themselves).
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Whether `text` looks like HTML rather than plain text: a tag (`<p`, `</`, `<br/>`) or
    /// a character reference (`&amp;`, `&#233;`). "AT&T" and "a < b" do not.
    ///
    /// Read on the string's UTF-8 bytes in place (it copied them into an Array), eight at a
    /// time up to the first `<` or `&`; ``looksLikeHTMLByBytes(_:)`` is the reference.
    public static func looksLikeHTML(_ text: String) -> Bool {
        UTF8Bytes.with(text) { s in
            var i = 0
            while true {
                // Skip words with neither `<` nor `&` (the lowest flagged lane is a true one).
                while i &+ 8 <= s.count {
                    let w = JSONByteLanes.load(s, at: i)
                    let flags = JSONByteLanes.lanes(w, equalTo: 0x3C) | JSONByteLanes.lanes(w, equalTo: 0x26)
                    if flags != 0 {
                        i &+= flags.trailingZeroBitCount >> 3
                        break
                    }
                    i &+= 8
                }
                guard i < s.count else { return false }
                if looksLikeMarkup(s, at: i) { return true }
                i += 1
            }
        }
    }

    /// Whether the byte at `i` starts a tag (`<` then a letter, `/` or `!`) or a character
    /// reference (`&`, an optional `#`, up to 31 letters or digits, `;`).
    @inline(__always)
    private static func looksLikeMarkup(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
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
        return false
    }

    /// ``looksLikeHTML(_:)`` as it was written, on a copy of the bytes, every byte asked
    /// ``looksLikeMarkup(_:at:)``: the reference of its word scan (HTMLTextTests).
    static func looksLikeHTMLByBytes(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { s in (0..<s.count).contains { looksLikeMarkup(s, at: $0) } }
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
