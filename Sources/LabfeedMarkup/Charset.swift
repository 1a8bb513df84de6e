// Which character encoding to hand libxml2, decided the way the standards order it.
// Pure byte scanning; no Foundation, no libxml2.

/// Chooses the encoding of a document before libxml2 reads it.
///
/// Order (RFC 7303 for XML, the WHATWG encoding sniffing for HTML): a byte-order mark wins; then
/// the charset of the HTTP `Content-Type`; then what the document declares (XML declaration, or
/// an HTML `<meta charset>` / `http-equiv` in the first 1024 bytes); then UTF-8 when the bytes
/// are valid UTF-8, else windows-1252.
///
/// ISO-8859-1, Latin-1 and US-ASCII labels are read as windows-1252, as browsers do: French
/// sites that say Latin-1 send the typographic apostrophe as byte 0x92, which only windows-1252
/// decodes right.
public enum Charset {
    /// The result of sniffing: the label to force, or nil to let libxml2 read a BOM.
    public struct Decision: Sendable, Hashable {
        /// The encoding name to pass to libxml2, or nil when a byte-order mark decides.
        public var encoding: String?
        /// Where the decision came from: "bom", "http", "declared", "utf-8 by content", "fallback".
        public var source: String
    }

    /// The source of a decision taken because the bytes are valid UTF-8 (``isValidUTF8(_:)``
    /// passed): a reader need not check them again.
    public static let utf8ByContent = "utf-8 by content"

    /// Decides the encoding of `bytes`.
    /// - Parameters:
    ///   - http: the `charset` parameter of the HTTP Content-Type, if any.
    ///   - html: whether the bytes are HTML (meta prescan) rather than XML (declaration).
    public static func decide(_ bytes: [UInt8], http: String?, html: Bool) -> Decision {
        if hasBOM(bytes) { return Decision(encoding: nil, source: "bom") }
        if let http, let label = normalise(http) {
            return Decision(encoding: label, source: "http")
        }
        let declared = html ? metaCharset(bytes) : xmlDeclaredEncoding(bytes)
        if let declared, let label = normalise(declared) {
            // A page that declares a UTF-16 encoding without a BOM is lying (WHATWG): use UTF-8.
            if html && label.hasPrefix("UTF-16") { return Decision(encoding: "UTF-8", source: "declared") }
            return Decision(encoding: label, source: "declared")
        }
        if isValidUTF8(bytes) { return Decision(encoding: "UTF-8", source: utf8ByContent) }
        return Decision(encoding: "windows-1252", source: "fallback")
    }

    /// A charset label in the form libxml2 knows, with the Latin-1 family mapped to windows-1252.
    /// Returns nil for an empty label.
    public static func normalise(_ label: String) -> String? {
        var name = ""
        for ch in label.unicodeScalars {
            if ch == " " || ch == "\t" || ch == "\"" || ch == "'" { continue }
            name.unicodeScalars.append(ch)
        }
        name = name.lowercased()
        if name.isEmpty { return nil }
        switch name {
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
             "us-ascii", "ascii", "iso-ir-100", "csisolatin1", "iso_8859-1:1987", "x-cp1252",
             "cp1252", "windows-1252":
            return "windows-1252"
        case "utf8", "utf-8", "unicode-1-1-utf-8":
            return "UTF-8"
        case "utf-16", "utf-16le", "utf-16be":
            return name.uppercased()
        case "iso-8859-15", "iso8859-15", "latin9", "latin-9", "l9":
            return "ISO-8859-15"
        default:
            return name.uppercased()
        }
    }

    /// The name to hand libxml2 for `decision`: its own, except that windows-1252 becomes
    /// "ISO-8859-1" when no byte lies in 0x80-0x9F.
    ///
    /// The two encodings give the same character for every other byte (U+0000-U+007F and
    /// U+00A0-U+00FF), and libxml2 decodes ISO-8859-1 with its built-in converter, where
    /// windows-1252 goes through iconv (about four times the instructions on a Latin-1 page).
    /// A page with one byte of 0x80-0x9F (the typographic apostrophe 0x92, the euro 0x80)
    /// keeps windows-1252, which decodes them as browsers do.
    static func libxml2Encoding(for decision: Decision, bytes: [UInt8], builtinLatin1: Bool = true) -> String? {
        guard builtinLatin1, decision.encoding == "windows-1252", !hasC1Byte(bytes) else { return decision.encoding }
        return latin1
    }

    /// libxml2's name for its built-in ISO-8859-1 converter.
    static let latin1 = "ISO-8859-1"

    /// Whether any byte is in 0x80-0x9F (the C1 range, where windows-1252 and ISO-8859-1
    /// differ): a byte masked with 0xE0 equals 0x80, found by the exact "has a zero byte" test
    /// on the word masked and XORed with 0x80 in every byte. Four words per step while 32
    /// bytes remain, their tests ORed with no branch between them (exact for the 32 bytes; the
    /// compiler makes it two-word vector code): the accented letters of a Latin-1 page (0xE9,
    /// a byte past 0x7F every few words) sent a word in three or four to a second test, 1.3
    /// instructions a byte. Then eight bytes at a time, then one.
    static func hasC1Byte(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            let count = buffer.count
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i + 32 <= count {
                var any: UInt64 = 0
                for k in stride(from: 0, to: 32, by: 8) {
                    let x = (raw.loadUnaligned(fromByteOffset: i + k, as: UInt64.self) & 0xE0E0_E0E0_E0E0_E0E0) ^ 0x8080_8080_8080_8080
                    any |= (x &- 0x0101_0101_0101_0101) & ~x
                }
                if any & 0x8080_8080_8080_8080 != 0 { return true }
                i += 32
            }
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 {
                    let x = (word & 0xE0E0_E0E0_E0E0_E0E0) ^ 0x8080_8080_8080_8080
                    if (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 { return true }
                }
                i += 8
            }
            while i < count {
                if base[i] & 0xE0 == 0x80 { return true }
                i += 1
            }
            return false
        }
    }

    static func hasBOM(_ b: [UInt8]) -> Bool {
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return true }
        if b.count >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)) { return true }
        return false
    }

    /// The `encoding` pseudo-attribute of `<?xml ... ?>` at the very start, if any.
    static func xmlDeclaredEncoding(_ b: [UInt8]) -> String? {
        var i = 0
        while i < b.count && i < 64 && isSpace(b[i]) { i += 1 }
        guard startsWith(b, at: i, "<?xml") else { return nil }
        let end = min(b.count, i + 512)
        var j = i + 5
        while j < end {
            if b[j] == UInt8(ascii: "?") && j + 1 < end && b[j + 1] == UInt8(ascii: ">") { return nil }
            if startsWith(b, at: j, "encoding") {
                var k = j + 8
                while k < end && isSpace(b[k]) { k += 1 }
                guard k < end && b[k] == UInt8(ascii: "=") else { return nil }
                k += 1
                while k < end && isSpace(b[k]) { k += 1 }
                guard k < end, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") else { return nil }
                let quote = b[k]
                var value: [UInt8] = []
                k += 1
                while k < end && b[k] != quote && value.count < 40 { value.append(b[k]); k += 1 }
                return String(decoding: value, as: UTF8.self)
            }
            j += 1
        }
        return nil
    }

    /// A simplified WHATWG prescan: `<meta charset=X>` or `<meta http-equiv=... content="...charset=X">`
    /// in the first 1024 bytes, comments skipped.
    static func metaCharset(_ b: [UInt8]) -> String? {
        let end = min(b.count, 1024)
        var i = 0
        while i < end {
            if startsWith(b, at: i, "<!--") {
                var j = i + 4
                while j + 2 < end && !(b[j] == 0x2D && b[j + 1] == 0x2D && b[j + 2] == 0x3E) { j += 1 }
                i = j + 3
                continue
            }
            if b[i] == UInt8(ascii: "<") && startsWithCaseless(b, at: i + 1, "meta") {
                var j = i + 5
                var tag: [UInt8] = []
                while j < b.count && j < i + 512 && b[j] != UInt8(ascii: ">") { tag.append(lower(b[j])); j += 1 }
                if let found = charsetIn(tag) { return found }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// Finds `charset=` inside a lower-cased meta tag's bytes and returns its value.
    private static func charsetIn(_ tag: [UInt8]) -> String? {
        let key = Array("charset".utf8)
        var i = 0
        while i + key.count < tag.count {
            if Array(tag[i..<(i + key.count)]) == key {
                var k = i + key.count
                while k < tag.count && isSpace(tag[k]) { k += 1 }
                if k < tag.count && tag[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < tag.count && (isSpace(tag[k]) || tag[k] == 0x22 || tag[k] == 0x27) { k += 1 }
                    var value: [UInt8] = []
                    while k < tag.count, !isSpace(tag[k]), tag[k] != 0x22, tag[k] != 0x27, tag[k] != 0x3B,
                          tag[k] != 0x2F, value.count < 40 {
                        value.append(tag[k]); k += 1
                    }
                    if !value.isEmpty { return String(decoding: value, as: UTF8.self) }
                }
            }
            i += 1
        }
        return nil
    }

    /// Whether `bytes` decode as UTF-8 without a single replacement (RFC 3629: no overlong
    /// form, no surrogate, nothing past U+10FFFF, no cut sequence), as Swift's `UTF8` decoder
    /// reads them. Runs on every page, once or twice: ASCII is skipped 32 bytes at a time, then
    /// eight (a word of ASCII and whole two-byte sequences too: an accented letter every few
    /// words sent each to the sequence check and back), the first byte past 0x7F of any other
    /// word found from its mask, and a sequence is checked on its bytes (the decoder built each
    /// scalar).
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    /// ``isValidUTF8(_:)-([UInt8])`` on bytes in place (a text node's, in libxml2's buffer).
    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = buffer.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        scan: while i < count {
            // ASCII runs: four words at once, then one (unaligned loads), up to the first byte
            // past 0x7F of the first word that holds one.
            while i &+ 32 <= count {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: i &+ 16, as: UInt64.self)
                let d = raw.loadUnaligned(fromByteOffset: i &+ 24, as: UInt64.self)
                if (a | b | c | d) & high != 0 { break }
                i &+= 32
            }
            while i &+ 8 <= count {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let upper = w & high
                if upper != 0 {
                    // A word of ASCII and whole two-byte sequences (lead C2-DF, then 80-BF: every
                    // one well-formed; the accented letters of French and other Latin text) is
                    // valid as it is: tested on the low seven bits of each byte, whose sums
                    // never carry into the next byte. lead: 0x42-0x5F; continuation: below 0x40.
                    let low = w & ~high
                    let lead = upper & (low &+ 0x3E3E_3E3E_3E3E_3E3E) & ~(low &+ 0x2020_2020_2020_2020)
                    let continuation = upper & ~(low &+ 0x4040_4040_4040_4040)
                    // Each continuation right after a lead and each lead before one, none cut
                    // by the word's end (a lead in the last byte goes to the sequence check).
                    guard lead | continuation == upper, continuation == lead &<< 8, lead &>> 56 == 0 else {
                        i &+= upper.trailingZeroBitCount &>> 3
                        break
                    }
                    // Back to the four-word loop: the next accented letter is a sentence away.
                    i &+= 8
                    continue scan
                }
                i &+= 8
            }
            guard i < count else { return true }
            if base[i] < 0x80 { i &+= 1; continue }
            let length = utf8SequenceLength(at: i, in: buffer)
            guard length > 0 else { return false }
            i &+= length
        }
        return true
    }

    /// The reference for ``isValidUTF8(_:)-(UnsafeBufferPointer<UInt8>)``: one byte at a time,
    /// each sequence checked by ``utf8SequenceLength(at:in:)``.
    static func isValidUTF8ByBytes(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < buffer.count {
            if buffer[i] < 0x80 { i += 1; continue }
            let length = utf8SequenceLength(at: i, in: buffer)
            guard length > 0 else { return false }
            i += length
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence whose lead byte (past 0x7F) is at `i` in `b`,
    /// or 0 when it is ill-formed (RFC 3629: no overlong form, no surrogate, nothing past
    /// U+10FFFF, no cut sequence). ``isValidUTF8(_:)-([UInt8])`` and the scans that check UTF-8
    /// as they go (the prose tree's text scan) share it; inlined into them.
    @inlinable @inline(__always)
    public static func utf8SequenceLength(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> Int {
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // range of the second byte
        switch b[i] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= b.count else { return 0 }
        let second = b[i + 1]
        guard second >= low && second <= high else { return 0 }
        var k = 2
        while k < length {
            guard b[i + k] & 0xC0 == 0x80 else { return 0 }
            k += 1
        }
        return length
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
    private static func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c + 32 : c }
    private static func startsWith(_ b: [UInt8], at i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        guard i >= 0, i + u.count <= b.count else { return false }
        for k in 0..<u.count where b[i + k] != u[k] { return false }
        return true
    }
    private static func startsWithCaseless(_ b: [UInt8], at i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        guard i >= 0, i + u.count <= b.count else { return false }
        for k in 0..<u.count where lower(b[i + k]) != u[k] { return false }
        return true
    }
}
