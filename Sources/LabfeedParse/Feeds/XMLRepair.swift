// Byte-level repairs applied to feed XML before libxml2 reads it, so that the faults real feeds
// commit (bare `&`, HTML entities, control characters, junk before the root, UTF-16, a wrong
// Latin-1 label on UTF-8) cost a warning instead of the text around them.

import Glibc
import LabfeedMarkup

/// Feed bytes made readable, with what was changed.
struct PreparedXML {
    var bytes: [UInt8]
    /// The encoding to force (as an HTTP charset would), or nil to let the standards' order decide.
    var charset: String?
    /// One line per kind of repair, for the document's warnings.
    var notes: [String]
}

/// Repairs XML bytes the way lenient feed readers do, never touching CDATA or comments.
enum XMLRepair {
    static func prepare(_ input: [UInt8], httpCharset: String?) -> PreparedXML {
        var bytes = input
        var charset = httpCharset
        var notes: [String] = []
        if let endian = FormatSniffer.utf16Endianness(bytes) {
            bytes = transcodeUTF16(bytes, endian)
            charset = "UTF-8"
        } else if let http = httpCharset, Charset.normalise(http)?.hasPrefix("UTF-16") == true {
            notes.append("the server says charset=\(http) but the content is not UTF-16; charset ignored")
            charset = nil
        }
        // A Latin-1 label on bytes that are valid UTF-8 with accents is a mislabel: the bytes
        // could not be Latin-1 text and be valid UTF-8 by accident.
        if charset != "UTF-8" {
            let label = charset ?? Charset.decide(bytes, http: nil, html: false).encoding
            if label == "windows-1252" || label == "ISO-8859-15",
               bytes.contains(where: { $0 >= 0x80 }), Charset.isValidUTF8(bytes) {
                notes.append("the document is labelled \(label ?? "Latin-1") but its bytes are UTF-8; read as UTF-8")
                charset = "UTF-8"
            }
        }
        var fixer = ByteFixer(bytes)
        fixer.run()
        notes += fixer.notes
        return PreparedXML(bytes: fixer.output ?? bytes, charset: charset, notes: notes)
    }

    private static func transcodeUTF16(_ b: [UInt8], _ endian: FormatSniffer.Endianness) -> [UInt8] {
        var start = 0
        if b.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) { start = 2 }
        var units: [UInt16] = []
        units.reserveCapacity((b.count - start) / 2)
        var i = start
        while i + 1 < b.count {
            units.append(endian == .little ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1]))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}

/// One pass over ASCII-compatible bytes; copies only once a repair is needed.
struct ByteFixer {
    let input: [UInt8]
    var output: [UInt8]?
    var notes: [String] = []
    private var bareAmpersands = 0
    private var htmlEntities: [String] = []
    private var htmlEntityCount = 0
    private var unknownEntities: [String] = []
    private var controls = 0
    private let hasInternalEntities: Bool

    init(_ input: [UInt8]) {
        self.input = input
        hasInternalEntities = ByteFixer.find(Array("<!ENTITY".utf8), in: input, from: 0, limit: 65_536) != nil
    }

    private mutating func copyUpTo(_ i: Int) {
        if output == nil {
            var o: [UInt8] = []
            o.reserveCapacity(input.count + 1024)
            o.append(contentsOf: input[0..<i])
            output = o
        }
    }

    private mutating func emit(_ bytes: ArraySlice<UInt8>) { output?.append(contentsOf: bytes) }
    private mutating func emit(_ byte: UInt8) { output?.append(byte) }

    mutating func run() {
        let b = input
        var i = 0
        // Junk before the first "<" (a PHP notice, a blank line is harmless).
        var first = 0
        if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { first = 3 }
        while first < b.count && (b[first] == 0x20 || b[first] == 0x09 || b[first] == 0x0A || b[first] == 0x0D) { first += 1 }
        if first < b.count && b[first] != 0x3C, let lt = b[first...].firstIndex(of: 0x3C) {
            output = Array(b[lt...].prefix(0))
            output!.reserveCapacity(b.count)
            notes.append("\(lt - first) bytes of text before the document's first tag were skipped")
            i = lt
        }
        while i < b.count {
            let c = b[i]
            if c == 0x3C, i + 3 < b.count, b[i + 1] == 0x21 {
                // <![CDATA[ ... ]]> and <!-- ... --> are copied as they are.
                var close: [UInt8]?
                if b[i + 2] == 0x5B, ByteFixer.matches(b, at: i, "<![CDATA[") { close = Array("]]>".utf8) }
                if b[i + 2] == 0x2D, b[i + 3] == 0x2D { close = Array("-->".utf8) }
                if let close {
                    let end = ByteFixer.find(close, in: b, from: i + 4, limit: Int.max).map { $0 + close.count } ?? b.count
                    emitCleaning(b, i, end)
                    i = end
                    continue
                }
            }
            if c == 0x26 {
                fixAmpersand(at: &i)
                continue
            }
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D {
                copyUpTo(i)
                emit(0x20)
                controls += 1
                i += 1
                continue
            }
            emit(c)
            i += 1
            // Up to the next byte that may need a repair, in one copy (most of a feed).
            let end = ByteFixer.nextSpecial(in: b, from: i)
            if output != nil, end > i { output!.append(contentsOf: b[i..<end]) }
            i = end
        }
        if bareAmpersands > 0 { notes.append("\(bareAmpersands) unescaped '&' read as text") }
        if htmlEntityCount > 0 {
            notes.append("\(htmlEntityCount) HTML entities undefined in XML read as characters (\(htmlEntities.map { "&\($0);" }.joined(separator: ", ")))")
        }
        if !unknownEntities.isEmpty {
            notes.append("unknown entities kept as text: \(unknownEntities.map { "&\($0);" }.joined(separator: ", "))")
        }
        if controls > 0 { notes.append("\(controls) control characters not allowed in XML replaced by spaces") }
    }

    /// Copies a CDATA section or comment, replacing only control characters.
    private mutating func emitCleaning(_ b: [UInt8], _ from: Int, _ to: Int) {
        var k = from
        // No control character (the usual case): one copy.
        if !b[from..<to].contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            output?.append(contentsOf: b[from..<to])
            return
        }
        while k < to {
            let c = b[k]
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D {
                copyUpTo(k)
                emit(0x20)
                controls += 1
            } else {
                emit(c)
            }
            k += 1
        }
    }

    private mutating func fixAmpersand(at i: inout Int) {
        let b = input
        var j = i + 1
        if j < b.count && b[j] == 0x23 {  // &#...;
            j += 1
            let hex = j < b.count && (b[j] == 0x78 || b[j] == 0x58)
            if hex { j += 1 }
            let start = j
            while j < b.count, j - start < 8, ByteFixer.isDigit(b[j], hex: hex) { j += 1 }
            if j > start, j < b.count, b[j] == 0x3B {
                emit(b[i...j])
                i = j + 1
                return
            }
        } else {
            let start = j
            while j < b.count, j - start < 32, ByteFixer.isNameByte(b[j], first: j == start) { j += 1 }
            if j > start, j < b.count, b[j] == 0x3B {
                if hasInternalEntities || ByteFixer.isXMLEntity(b, start, j) {
                    emit(b[i...j])
                    i = j + 1
                    return
                }
                let name = String(decoding: b[start..<j], as: UTF8.self)
                if let scalar = HTMLEntities.scalar(named: name) {
                    copyUpTo(i)
                    emit(ArraySlice("&#\(scalar.value);".utf8))
                    htmlEntityCount += 1
                    if htmlEntities.count < 5 && !htmlEntities.contains(name) { htmlEntities.append(name) }
                } else {
                    copyUpTo(i)
                    emit(ArraySlice("&amp;".utf8))
                    emit(b[(i + 1)...j])
                    if unknownEntities.count < 5 && !unknownEntities.contains(name) { unknownEntities.append(name) }
                }
                i = j + 1
                return
            }
        }
        copyUpTo(i)
        emit(ArraySlice("&amp;".utf8))
        bareAmpersands += 1
        i += 1
    }

    /// The index of the first `<`, `&` or control character other than tab, CR and LF at or
    /// after `from` (`b.count` when none): the bytes before it are copied unchanged.
    static func nextSpecial(in b: [UInt8], from: Int) -> Int {
        b.withUnsafeBufferPointer { p in
            var j = max(from, 0)
            // Eight bytes at a time while none of them can be special (the classic "has a zero
            // byte" and "has a byte less than" word tests: no false negatives; a word that may
            // hold one is scanned byte by byte below, then the word loop goes on).
            if let base = p.baseAddress {
                let raw = UnsafeRawPointer(base)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                while j + 8 <= p.count {
                    let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                    let lt = w ^ (ones &* 0x3C), amp = w ^ (ones &* 0x26)
                    let flags = ((lt &- ones) & ~lt) | ((amp &- ones) & ~amp) | ((w &- ones &* 0x20) & ~w)
                    if flags & highs != 0 {
                        for k in j..<(j + 8) {
                            let c = p[k]
                            if c == 0x3C || c == 0x26 || (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) { return k }
                        }
                    }
                    j += 8
                }
            }
            while j < p.count {
                let c = p[j]
                if c == 0x3C || c == 0x26 || (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) { return j }
                j += 1
            }
            return p.count
        }
    }

    /// Whether `b[from..<to]` is one of XML's five predefined entity names (`amp`, `lt`, `gt`,
    /// `quot`, `apos`), compared as bytes: most entities of a feed are these, in escaped HTML.
    static func isXMLEntity(_ b: [UInt8], _ from: Int, _ to: Int) -> Bool {
        switch to - from {
        case 2: return (b[from] == 0x6C || b[from] == 0x67) && b[from + 1] == 0x74  // lt, gt
        case 3: return b[from] == 0x61 && b[from + 1] == 0x6D && b[from + 2] == 0x70  // amp
        case 4:
            return (b[from] == 0x71 && b[from + 1] == 0x75 && b[from + 2] == 0x6F && b[from + 3] == 0x74)  // quot
                || (b[from] == 0x61 && b[from + 1] == 0x70 && b[from + 2] == 0x6F && b[from + 3] == 0x73)  // apos
        default: return false
        }
    }

    private static func isDigit(_ c: UInt8, hex: Bool) -> Bool {
        (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)))
    }

    private static func isNameByte(_ c: UInt8, first: Bool) -> Bool {
        let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
        return first ? letter : letter || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E
    }

    static func matches(_ b: [UInt8], at i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        guard i + u.count <= b.count else { return false }
        for k in 0..<u.count where b[i + k] != u[k] { return false }
        return true
    }

    static func find(_ needle: [UInt8], in b: [UInt8], from: Int, limit: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= b.count else { return nil }
        let end = min(b.count - needle.count, limit)
        let start = max(from, 0)
        guard start <= end else { return nil }
        // memchr (vectorised) to each place where the needle's second byte could sit (`!` of
        // `<!ENTITY`, `]` of `]]>`: rare in feeds), then a byte comparison: this runs over the
        // first 64 KB of every feed and over every CDATA section.
        let key = needle.count > 1 ? 1 : 0
        return b.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return nil }
            var i = start
            while i <= end {
                guard let hit = memchr(base + i + key, Int32(needle[key]), end - i + 1) else { return nil }
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - key
                var ok = true
                for k in 0..<needle.count where p[i + k] != needle[k] { ok = false; break }
                if ok { return i }
                i += 1
            }
            return nil
        }
    }
}
