// Whitespace normalisation for text read from feeds and pages. Pure functions, no Foundation.
// These run on every field of every document: they work on the UTF-8 bytes (UTF8Bytes), never
// scalar by scalar through String's views, with the same results as the scalar definitions below.

/// Tidies the white space of text that came out of markup.
public enum Whitespace {
    /// Whether `c` counts as white space here: ASCII spaces and controls, no-break spaces,
    /// the Unicode space separators, line and paragraph separators.
    public static func isSpace(_ c: Unicode.Scalar) -> Bool {
        isSpaceValue(c.value)
    }

    @inline(__always)
    static func isSpaceValue(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// One line: every run of white space becomes one space, none at either end.
    /// No-break spaces count as spaces here (titles, names).
    public static func collapse(_ text: some StringProtocol) -> String {
        UTF8Bytes.with(text) { b in
            // Most names and links are already collapsed: given back without the copy.
            if isCollapsed(b) { return String(text) }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            collapse(b, 0, b.count, into: &out)
            return UTF8Bytes.string(out)
        }
    }

    /// Whether ``collapse(_:)`` gives `b` back unchanged: no white space (nor ASCII control) at
    /// either end, none but single spaces inside.
    ///
    /// Eight bytes at a time while none is a control or may start a non-ASCII space (0xC2 for
    /// U+0085 and U+00A0, 0xE0-0xE3 for U+1680, U+2000-U+205F and U+3000): one 64-bit load
    /// tells whether the word holds a space at its start after a space, or two spaces in a row.
    /// Other non-ASCII bytes (letters' leads and continuations) are neither spaces nor controls.
    /// From a flagged byte, scalar by scalar as before (a continuation byte a word ended on is
    /// stepped over alone). Byte by byte it cost about 500 instructions a call on the corpus's
    /// names, places and links, 275 now. ``isCollapsedByScalars(_:)`` is the reference.
    static func isCollapsed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        var afterSpace = true  // a space first is not collapsed
        while i < n {
            var slowEnd = n
            if i &+ 8 <= n {
                let w = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self))
                // Lanes below 0x20, equal to 0xC2, or 0xE0-0xE3 (each test's lowest flagged lane
                // is a true one, a borrow only running upward from it; so is their union's).
                let controls = (w &- lanes1 &* 0x20) & ~w
                let c2 = w ^ (lanes1 &* 0xC2)
                let e0 = (w & (lanes1 &* 0xFC)) ^ (lanes1 &* 0xE0)
                let flags = (controls | ((c2 &- lanes1) & ~c2) | ((e0 &- lanes1) & ~e0)) & lanes80
                if flags == 0 {
                    // The lanes whose byte is a space, exactly (no carry between lanes).
                    let x = w ^ (lanes1 &* 0x20)
                    let spaces = ~(((x & lanes7F) &+ lanes7F) | x) & lanes80
                    if spaces & (spaces << 8) != 0 { return false }  // two spaces in a row
                    if afterSpace && spaces & 0x80 != 0 { return false }  // a space after one (or first)
                    afterSpace = spaces >> 63 != 0
                    i &+= 8
                    continue
                }
                // Scalar by scalar up to the first flagged byte, that one's scalar read whole.
                slowEnd = i &+ (flags.trailingZeroBitCount >> 3) &+ 1
            }
            while i < slowEnd {
                let c = b[i]
                if c < 0x80 {
                    if c < 0x20 || (c == 0x20 && afterSpace) { return false }
                    afterSpace = c == 0x20
                    i += 1
                    continue
                }
                if c & 0xC0 == 0x80 {  // the rest of a scalar whose lead a word held
                    afterSpace = false
                    i += 1
                    continue
                }
                let (value, length) = UTF8Bytes.scalar(at: i, in: b)
                if isSpaceValue(value) { return false }
                afterSpace = false
                i += length
            }
        }
        return !afterSpace || b.isEmpty
    }

    private static let lanes1: UInt64 = 0x0101_0101_0101_0101
    private static let lanes7F: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let lanes80: UInt64 = 0x8080_8080_8080_8080

    /// ``isCollapsed(_:)`` one byte (or scalar) at a time: the reference of its word scan.
    static func isCollapsedByScalars(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var afterSpace = true  // a space first is not collapsed
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 || (c == 0x20 && afterSpace) { return false }
                afterSpace = c == 0x20
                i += 1
                continue
            }
            let (value, length) = UTF8Bytes.scalar(at: i, in: b)
            if isSpaceValue(value) { return false }
            afterSpace = false
            i += length
        }
        return !afterSpace || b.isEmpty
    }

    /// Appends `b[from..<to]` collapsed to `out`: every run of white space (and ASCII control)
    /// one space, none at either end of what is appended.
    static func collapse(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, into out: inout [UInt8]) {
        var i = from
        var wrote = false
        var space = false
        while i < to {
            let c = b[i]
            if c < 0x80 {
                if c <= 0x20 {
                    space = true
                } else {
                    if space && wrote { out.append(0x20) }
                    space = false
                    wrote = true
                    out.append(c)
                }
                i += 1
                continue
            }
            let (value, length) = UTF8Bytes.scalar(at: i, in: b)
            if isSpaceValue(value) {
                space = true
            } else {
                if space && wrote { out.append(0x20) }
                space = false
                wrote = true
                for k in i..<(i + length) { out.append(b[k]) }
            }
            i += length
        }
    }

    /// Several lines: each line collapsed, empty lines dropped, lines joined with `\n`.
    public static func collapseLines(_ text: some StringProtocol) -> String {
        lines(of: text, paragraphs: false)
    }

    /// Several lines in paragraphs: each line collapsed; a run of two or more empty lines (what
    /// the plain text of two blocks leaves between them) becomes one empty line, a single empty
    /// line is dropped.
    public static func collapseParagraphs(_ text: some StringProtocol) -> String {
        lines(of: text, paragraphs: true)
    }

    /// Lines end at each `\n`, `\r`, U+2028 and U+2029 that is a character of its own: the
    /// `\r\n` pair is one character, neither `\r` nor `\n`, so it does not end a line (its two
    /// controls collapse to a space), as the character-based definition this replaces had it.
    private static func lines(of text: some StringProtocol, paragraphs: Bool) -> String {
        UTF8Bytes.with(text) { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var line: [UInt8] = []
            var written = 0
            var empty = 0
            func end(_ from: Int, _ to: Int) {
                line.removeAll(keepingCapacity: true)
                collapse(b, from, to, into: &line)
                if line.isEmpty {
                    empty += 1
                    return
                }
                if paragraphs && empty >= 2 && written > 0 {
                    out.append(0x0A)
                    written += 1
                }
                if written > 0 { out.append(0x0A) }
                out.append(contentsOf: line)
                written += 1
                empty = 0
            }
            var start = 0
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                var length = 1
                var isBreak = false
                if c == 0x0A {
                    isBreak = !(i > 0 && b[i - 1] == 0x0D)
                } else if c == 0x0D {
                    isBreak = !(i + 1 < n && b[i + 1] == 0x0A)
                } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 {
                    isBreak = true
                    length = 3
                }
                if isBreak {
                    end(start, i)
                    start = i + length
                }
                i += length
            }
            end(start, n)
            return UTF8Bytes.string(out)
        }
    }

    /// The text without white space at either end; white space inside is kept as written.
    public static func trim(_ text: some StringProtocol) -> String {
        UTF8Bytes.with(text) { b in
            // Nothing to trim when both ends are ASCII and not spaces: no copy.
            if let first = b.first, let last = b.last, first < 0x80, last < 0x80,
               !isSpaceValue(UInt32(first)), !isSpaceValue(UInt32(last)) {
                return String(text)
            }
            var first = 0
            var last = b.count
            while first < last {
                let (value, length) = UTF8Bytes.scalar(at: first, in: b)
                guard isSpaceValue(value) else { break }
                first += length
            }
            while last > first {
                var lead = last - 1
                while b[lead] & 0xC0 == 0x80 { lead -= 1 }
                guard isSpaceValue(UTF8Bytes.scalar(at: lead, in: b).value) else { break }
                last = lead
            }
            return String(decoding: UnsafeBufferPointer(rebasing: b[first..<last]), as: UTF8.self)
        }
    }

    /// The text collapsed, or nil when nothing but white space is left.
    /// Whether `trim(text)` is empty (every scalar a space), without making the trimmed copy.
    static func isBlank(_ text: some StringProtocol) -> Bool {
        UTF8Bytes.with(text) { b in
            var i = 0
            while i < b.count {
                let (value, length) = UTF8Bytes.scalar(at: i, in: b)
                guard isSpaceValue(value) else { return false }
                i += length
            }
            return true
        }
    }

    public static func nonEmpty(_ text: (some StringProtocol)?) -> String? {
        guard let text else { return nil }
        let collapsed = collapse(text)
        return collapsed.isEmpty ? nil : collapsed
    }
}
