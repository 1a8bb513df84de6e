// White-space collapsing for feed fields in one pass from bytes into the final String: the same
// results as `Whitespace.collapse`, `Whitespace.nonEmpty` and `Whitespace.collapseLines`
// (LabfeedParse/Text), without their intermediate arrays (a per-line array, then the output
// array, then the String). The bytes may come straight from libxml2's buffer
// (`MarkupNode.withTextBytes`), so they are checked as UTF-8 on the way: ill-formed input is
// handed back (nil) for the String-based path, which repairs it first.

import LabfeedMarkup

/// One-pass white-space collapsing for feed readers (see the file comment).
enum FeedWhitespace {
    /// `Whitespace.collapse(text)`.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { b in collapse(b, lines: false) } ?? Whitespace.collapse(text)
    }

    /// `Whitespace.collapseLines(text)`.
    static func collapseLines(_ text: String) -> String {
        var text = text
        return text.withUTF8 { b in collapse(b, lines: true) } ?? Whitespace.collapseLines(text)
    }

    /// `Whitespace.nonEmpty(text)`: collapsed to one line, nil when blank.
    static func nonEmpty(_ text: String) -> String? {
        let collapsed = collapse(text)
        return collapsed.isEmpty ? nil : collapsed
    }

    /// `Whitespace.nonEmpty(node.text)`: the node's text collapsed to one line, nil when blank.
    static func nonEmptyText(of node: MarkupNode) -> String? {
        let collapsed = node.withTextBytes { b in collapse(b, lines: false) } ?? Whitespace.collapse(node.text)
        return collapsed.isEmpty ? nil : collapsed
    }

    /// `b` collapsed: to one line (every run of white space one space, none at either end), or
    /// with `lines` each line so (lines end at `\n`, `\r`, U+2028, U+2029, but a `\r\n` pair
    /// ends no line: its two controls are white space, as in `Whitespace.collapseLines`), blank
    /// lines dropped, joined with `\n`.
    /// Nil when `b` is not well-formed UTF-8.
    static func collapse(_ b: UnsafeBufferPointer<UInt8>, lines: Bool) -> String? {
        let n = b.count
        if n == 0 { return "" }
        var valid = true
        let result = String(unsafeUninitializedCapacity: n) { out in
            var o = 0
            var i = 0
            var lineWrote = false   // the current line has text
            var wrote = false       // some line has text
            var space = false       // white space since the line's last text
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    if c > 0x20 {
                        if lineWrote {
                            if space { out[o] = 0x20; o += 1 }
                        } else if wrote {
                            out[o] = 0x0A; o += 1
                        }
                        out[o] = c; o += 1
                        i += 1
                        // The rest of an ASCII word in a tight loop (most of a field's bytes).
                        while i < n {
                            let d = b[i]
                            guard d > 0x20 && d < 0x80 else { break }
                            out[o] = d; o += 1
                            i += 1
                        }
                        lineWrote = true
                        wrote = true
                        space = false
                        continue
                    } else if lines && (c == 0x0A ? !(i > 0 && b[i - 1] == 0x0D) : c == 0x0D && !(i + 1 < n && b[i + 1] == 0x0A)) {
                        lineWrote = false
                        space = false
                    } else {
                        space = true
                    }
                    i += 1
                    continue
                }
                guard let (value, length) = scalar(at: i, in: b) else {
                    valid = false
                    return 0
                }
                if lines && (value == 0x2028 || value == 0x2029) {
                    lineWrote = false
                    space = false
                } else if Whitespace.isSpaceValue(value) {
                    space = true
                } else {
                    if lineWrote {
                        if space { out[o] = 0x20; o += 1 }
                    } else if wrote {
                        out[o] = 0x0A; o += 1
                    }
                    for k in i..<(i + length) { out[o] = b[k]; o += 1 }
                    lineWrote = true
                    wrote = true
                    space = false
                }
                i += length
            }
            return o
        }
        return valid ? result : nil
    }

    /// The scalar at `i` (not ASCII) and its length, or nil when the bytes there are not a
    /// well-formed UTF-8 sequence (Unicode's table 3-7: no overlong forms, no surrogates,
    /// nothing past U+10FFFF).
    @inline(__always)
    static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> (UInt32, Int)? {
        let n = b.count
        let lead = b[i]
        @inline(__always) func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
            guard k < n, b[k] >= low, b[k] <= high else { return nil }
            return UInt32(b[k] & 0x3F)
        }
        switch lead {
        case 0xC2...0xDF:
            guard let c1 = cont(i + 1) else { return nil }
            return ((UInt32(lead & 0x1F) << 6) | c1, 2)
        case 0xE0...0xEF:
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(i + 1, low, high), let c2 = cont(i + 2) else { return nil }
            return ((UInt32(lead & 0x0F) << 12) | (c1 << 6) | c2, 3)
        case 0xF0...0xF4:
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(i + 1, low, high), let c2 = cont(i + 2), let c3 = cont(i + 3) else { return nil }
            return ((UInt32(lead & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4)
        default:
            return nil
        }
    }
}
