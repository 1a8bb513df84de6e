// Escaping for the XML and HTML outputs.

/// Escapes text for XML and HTML (content and quoted attributes), dropping the characters XML
/// 1.0 forbids (C0 controls except tab and newline, U+FFFE, U+FFFF).
public enum MarkupEscaping {
    public static func escape(_ text: String) -> String {
        // Most text needs nothing: one pass over the UTF-8 bytes returns it as it is. Bytes that
        // may need work: & < > " ' and C0 controls, and 0xEF (U+FFFE and U+FFFF start with it).
        if !text.utf8.contains(where: mayNeedWork) { return text }
        var text = text
        return text.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 32)
            appendEscaped(utf8, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends `utf8` escaped to `out` (what ``escape(_:)`` returns, as bytes; ``MarkupBytes``
    /// escapes with it too).
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // The UTF-8 bytes are copied in runs, with the entities in between (scalar by scalar
        // appends were a fifth of the HTML and Atom writers' time: French titles have
        // apostrophes). In valid UTF-8 an 0xEF byte always starts a three-byte scalar, so
        // EF BF BE and EF BF BF are U+FFFE and U+FFFF whole; a dropped control is one byte.
        //
        // Eight bytes are tested at once (``mayNeedWork(word:)``) and skipped together when
        // none may need work: most text has nothing to escape, and the byte by byte test was
        // most of the escaping.
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var start = 0, i = 0
        while i < count {
            if i &+ 8 <= count, !mayNeedWork(word: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i &+= 8
                continue
            }
            let stop = min(i + 8, count)
            while i < stop {
                let b = base[i]
                if !mayNeedWork(b) {
                    i += 1
                    continue
                }
                let entity: StaticString
                var width = 1
                switch b {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                case 0xEF where i + 2 < count && base[i + 1] == 0xBF && (base[i + 2] == 0xBE || base[i + 2] == 0xBF):
                    entity = ""
                    width = 3
                case 0x00..<0x20 where b != 0x09 && b != 0x0A:
                    entity = ""
                default:
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
                entity.withUTF8Buffer { out.append(contentsOf: $0) }
                i += width
                start = i
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Whether any of the eight bytes of `w` may need work (``mayNeedWork(_:)``; tab and newline
    /// are counted in, the byte test then lets them through). Each test is the classic "has a
    /// zero byte" (or "a byte below 0x20") of the word, exact for whether there is one:
    /// `& '` differ by one bit, as `< >` do, so each pair is one test.
    @inline(__always)
    static func mayNeedWork(word w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let control = (w &- ones &* 0x20) & ~w & highs
        let quote = zero(w ^ (ones &* 0x22))
        let ampOrApostrophe = zero((w ^ (ones &* 0x26)) & (ones &* 0xFE))
        let angle = zero((w ^ (ones &* 0x3C)) & (ones &* 0xFD))
        let ef = zero(w ^ (ones &* 0xEF))
        return control | quote | ampOrApostrophe | angle | ef != 0
    }

    /// Whether ``escape(_:)`` may have work at byte `b`: `& < > " '`, a C0 control but tab and
    /// newline, or 0xEF. All but 0xEF are below 0x40, so one bit of a constant answers for them.
    /// (It was a table in a `static let`: its lazy initialiser's `swift_once` ran for every
    /// byte escaped, a tenth of the HTML and Atom writers.)
    @inline(__always)
    static func mayNeedWork(_ b: UInt8) -> Bool {
        // Bits 0-31 but 9 (tab) and 10 (newline); 0x22, 0x26, 0x27, 0x3C, 0x3E.
        let low: UInt64 = 0x5000_00C4_FFFF_F9FF
        return b < 0x40 ? (low >> b) & 1 != 0 : b == 0xEF
    }

    /// The URL when it is http(s) (safe in `href`), else nil: never a `javascript:` link.
    public static func safeHref(_ url: String?) -> String? {
        guard let url, isHTTP(url) else { return nil }
        return url
    }

    /// Whether `url` starts with `http://` or `https://` in any case, as
    /// `url.lowercased().hasPrefix(...)` says, without making the lower-cased copy (one per
    /// link of every event, in three writers). The prefix is ASCII: when the bytes match it
    /// case-insensitively and the next byte is ASCII (or none), the Characters match too;
    /// bytes that do not match never lower-case into it (no non-ASCII letter lower-cases to h,
    /// t, p or s). A non-ASCII byte right after the prefix (a combining mark would join the
    /// slash into another Character) goes the old way.
    static func isHTTP(_ url: String) -> Bool {
        let answer = url.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            let prefix: StaticString = "https://"
            return prefix.withUTF8Buffer { https in
                var i = 0
                while i < bytes.count && i < 8 {
                    let b = bytes[i] | (bytes[i] >= 0x41 && bytes[i] <= 0x5A ? 0x20 : 0)
                    // "http://": the fifth byte may be the ':' of "http://" instead of the 's'.
                    if i == 4 && b == 0x3A { break }
                    guard b == https[i] else { return false }
                    i += 1
                }
                if i == 4 {  // "http" then ':'
                    guard bytes.count >= 7, bytes[4] == 0x3A, bytes[5] == 0x2F, bytes[6] == 0x2F else { return false }
                    i = 7
                } else if i < 8 {
                    return false
                }
                return i == bytes.count || bytes[i] < 0x80 ? true : nil
            }
        }
        if let answer, let answer { return answer }
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
