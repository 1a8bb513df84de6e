// One scan of a text node's bytes when the prose tree is copied, instead of three later: whether
// they are valid UTF-8 (libxml2's buffer is copied as it is only then), how many visible
// characters they hold (the main-content finder's count) and how their white space collapses
// (``TextShape``: the block builder then knows a block's collapsed core without scanning it).
// Each answer equals its slow path: `Charset.isValidUTF8`, `MainContentFinder.visibleCount`
// and ``TextShape/of(_:)`` (which reads the bytes as `String.collapsedCore` does); TextScanTests
// compares them.

import LabfeedMarkup

/// How a piece of text's white space collapses, as `String.collapsedCore` reads it (white space:
/// U+0020, U+0009-U+000D, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000; every other scalar is a character kept). A block is the join of its pieces;
/// ``CollapseTracker`` finds the join's collapsed core from the pieces' shapes alone.
struct TextShape: Sendable, Equatable {
    /// Bytes of white space before the first kept character (0 for a blank piece).
    var leadLength: UInt16 = 0
    /// Bytes of white space after the last kept character (0 for a blank piece).
    var trailLength: UInt16 = 0
    /// ``dirty``, ``blank``, the lead's and the trail's "other white space" and their spaces.
    private var bits: UInt8 = 0

    /// The shape of a piece the tracker cannot join without the full scan: a control character
    /// (U+0000-U+0008, U+000E-U+001F, which the collapsing refuses), white space between two kept
    /// characters other than one U+0020, or white space at an end longer than 65,535 bytes.
    static let dirty = TextShape(bits: 1)

    var isDirty: Bool { bits & 1 != 0 }
    /// No kept character: the whole piece is white space (its spaces and other white space are
    /// the lead's).
    var isBlank: Bool { bits & 2 != 0 }
    /// The lead holds white space other than U+0020.
    var leadOther: Bool { bits & 4 != 0 }
    var trailOther: Bool { bits & 8 != 0 }
    /// U+0020s in the lead: 0, 1, or 2 for two or more.
    var leadSpaces: Int { Int((bits >> 4) & 3) }
    var trailSpaces: Int { Int(bits >> 6) }

    private init(leadLength: UInt16 = 0, trailLength: UInt16 = 0, bits: UInt8) {
        self.leadLength = leadLength
        self.trailLength = trailLength
        self.bits = bits
    }

    /// A blank piece: `spaces` U+0020s, and other white space or not.
    static func blank(spaces: Int, other: Bool) -> TextShape {
        TextShape(bits: 2 | (other ? 4 : 0) | UInt8(min(spaces, 2)) << 4)
    }

    /// A piece with kept characters: its lead and trail (length in bytes, U+0020s, other white
    /// space) and whether the white space between its kept characters is all single U+0020s.
    static func shape(count: Int, first: Int, end: Int, leadSpaces: Int, leadOther: Bool, trailSpaces: Int,
                      trailOther: Bool, clean: Bool) -> TextShape {
        guard clean, first <= Int(UInt16.max), count - end <= Int(UInt16.max) else { return .dirty }
        let bits = (leadOther ? 4 : 0) | (trailOther ? 8 : 0) | UInt8(min(leadSpaces, 2)) << 4 | UInt8(min(trailSpaces, 2)) << 6
        return TextShape(leadLength: UInt16(first), trailLength: UInt16(count - end), bits: bits)
    }

    /// The slow path, the reference: the bytes read one character at a time with
    /// `String.collapsedCore`'s classification. `b` must be valid UTF-8.
    static func of(_ b: UnsafeBufferPointer<UInt8>) -> TextShape {
        var first = -1, end = 0, spaces = 0, other = false, clean = true
        var leadSpaces = 0, leadOther = false
        var i = 0
        while i < b.count {
            var length = 1
            switch TextScan.kind(at: i, in: b, length: &length) {
            case .space: spaces += 1
            case .otherSpace: other = true
            case .control: return .dirty
            case .kept:
                if first < 0 {
                    first = i
                    leadSpaces = spaces
                    leadOther = other
                } else if spaces > 1 || other {
                    clean = false
                }
                spaces = 0
                other = false
                end = i + length
            }
            i += length
        }
        if first < 0 { return .blank(spaces: spaces, other: other) }
        return .shape(count: b.count, first: first, end: end, leadSpaces: leadSpaces, leadOther: leadOther,
                      trailSpaces: spaces, trailOther: other, clean: clean)
    }

    static func of(_ bytes: [UInt8]) -> TextShape {
        bytes.withUnsafeBufferPointer { of($0) }
    }
}

/// The collapsed core of a block's text (`String.collapsedCore` of the join of its pieces) from
/// the shapes of the pieces, fed in order with where each starts in the block: nil when a
/// piece is dirty or a join holds white space other than one U+0020 between kept characters
/// (the block is then scanned as before).
struct CollapseTracker {
    private var first = -1
    private var end = 0
    private var spaces = 0
    private var other = false
    private var dirty = false

    mutating func add(_ shape: TextShape, at base: Int, count: Int) {
        if dirty { return }
        if shape.isDirty { dirty = true; return }
        if shape.isBlank {
            spaces += shape.leadSpaces
            other = other || shape.leadOther
            return
        }
        if first < 0 {
            first = base + Int(shape.leadLength)
        } else if spaces + shape.leadSpaces > 1 || other || shape.leadOther {
            dirty = true
            return
        }
        end = base + count - Int(shape.trailLength)
        spaces = shape.trailSpaces
        other = shape.trailOther
    }

    /// The core found so far (`0..<0` for no kept character), or nil when the block must be
    /// scanned.
    var core: Range<Int>? {
        if dirty { return nil }
        return first < 0 ? 0..<0 : first..<end
    }

    mutating func reset() { self = CollapseTracker() }
}

/// The one scan of a text node's bytes (``scan(_:)``).
enum TextScan {
    /// What `String.collapsedCore` makes of the character at a position.
    enum Kind { case space, otherSpace, control, kept }

    /// The kind of the character at `i` and its length as the collapsing steps over it (1 for
    /// bytes past 0x7F but for the lead bytes of the white space scalars' sequences).
    @inline(__always)
    static func kind(at i: Int, in b: UnsafeBufferPointer<UInt8>, length: inout Int) -> Kind {
        let c = b[i]
        length = 1
        if c == 0x20 { return .space }
        if c < 0x20 { return (0x09...0x0D).contains(c) ? .otherSpace : .control }
        if c < 0x80 { return .kept }
        switch c {
        case 0xC2:
            length = 2
            return i + 1 < b.count && (b[i + 1] == 0x85 || b[i + 1] == 0xA0) ? .otherSpace : .kept
        case 0xE1, 0xE2, 0xE3:
            length = 3
            guard i + 2 < b.count else { return .kept }
            let (c1, c2) = (b[i + 1], b[i + 2])
            let space: Bool
            switch c {
            case 0xE1: space = c1 == 0x9A && c2 == 0x80
            case 0xE2: space = (c1 == 0x80 && ((0x80...0x8A).contains(c2) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
                || (c1 == 0x81 && c2 == 0x9F)
            default: space = c1 == 0x80 && c2 == 0x80
            }
            return space ? .otherSpace : .kept
        default:
            return .kept
        }
    }

    /// What one scan learns of a text node's bytes.
    struct Result: Equatable {
        var shape: TextShape
        /// `MainContentFinder.visibleCount` of the bytes.
        var visible: Int
    }

    /// The shape and visible count of `b`, or nil when `b` is not valid UTF-8 (as
    /// `Charset.isValidUTF8` decides).
    ///
    /// Eight bytes are loaded at once: the printable ASCII bytes (U+0020-U+007F) before the
    /// first other byte are read together, the other byte's character alone, then the next eight
    /// bytes from there. The scan does not follow the collapsing byte by byte: it keeps where the
    /// first kept character starts and where the first "bad" white space after it is (white
    /// space other than U+0020, or a U+0020 right after white space); the last kept character
    /// is found at the end, from the end (``lastKept(_:after:)``). The white space between the
    /// kept characters is all single U+0020s exactly when that bad byte, if any, comes after the
    /// last kept character. Past the first kept character, a word of printable ASCII, or of
    /// printable ASCII and whole two-byte characters U+00C0-U+07FF (lead bytes C3-DF: French
    /// accented letters; none is white space), costs a few masks; the lead's and the trail's
    /// white space (short, or the shape is dirty anyway) are read again at the end.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Result? {
        guard let base = b.baseAddress else { return Result(shape: .blank(spaces: 0, other: false), visible: 0) }
        let count = b.count
        // A short text of ASCII white space alone (most often the line break between two
        // elements: a quarter of the corpus's text nodes), read byte by byte to its end; any
        // other text leaves this loop at its first byte that is not such white space.
        if count <= 64 {
            var spaces = 0
            var other = false
            var visible = 0
            var k = 0
            while k < count {
                let c = base[k]
                if c == 0x20 {
                    spaces &+= 1
                } else if c &- 0x09 < 5 {
                    other = true
                    visible &+= (c == 0x0B || c == 0x0C) ? 1 : 0  // U+000B and U+000C count as visible
                } else {
                    break
                }
                k &+= 1
            }
            if k == count { return Result(shape: .blank(spaces: spaces, other: other), visible: visible) }
        }
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        // The first kept character's start.
        var first = -1
        // The first bad white space after `first` (Int.max for none).
        var firstBad = Int.max
        // 0x80 when the byte before `i` is white space.
        var carry: UInt64 = 0
        var visible = 0
        var control = false
        while i < count {
            if first >= 0 {
                // Past the first kept character: whole words of printable ASCII and two-byte
                // letters, as long as they last, with nothing but masks (the spaces and the
                // continuation bytes summed per byte lane, at most 255 words between two sums
                // so no lane overflows).
                while true {
                    let start = i
                    let limit = min(count, i &+ 255 &* 8)
                    var lanes: UInt64 = 0
                    while i &+ 8 <= limit {
                        let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                        let sp: UInt64
                        if (w | ~(w &+ 0x6060_6060_6060_6060)) & high == 0 {
                            // Printable ASCII: a byte plus 0x5F stays below 0x80 only for U+0020.
                            sp = ~(w &+ 0x5F5F_5F5F_5F5F_5F5F) & high
                            lanes &+= sp &>> 7
                        } else {
                            // The same tests on the low seven bits (no carry between lanes):
                            // lead bytes C3-DF, continuation bytes 80-BF, controls below 0x20.
                            let upper = w & high
                            let low = w & ~high
                            let lead = upper & (low &+ 0x3D3D_3D3D_3D3D_3D3D) & ~(low &+ 0x2020_2020_2020_2020)
                            let continuation = upper & ~(low &+ 0x4040_4040_4040_4040)
                            let controls = ~(low &+ 0x6060_6060_6060_6060) & ~w & high
                            // Each lead followed by one continuation in the word, and nothing
                            // else past 0x7F: whole valid two-byte characters, all kept.
                            guard controls == 0, lead | continuation == upper, continuation == lead &<< 8,
                                  lead &>> 56 == 0 else { break }
                            sp = ~(low &+ 0x5F5F_5F5F_5F5F_5F5F) & ~w & high
                            // A continuation byte counts no visible character (its lead does).
                            lanes &+= (sp | continuation) &>> 7
                        }
                        let bad = sp & ((sp &<< 8) | carry)
                        if bad != 0 && firstBad == Int.max { firstBad = i &+ (bad.trailingZeroBitCount &>> 3) }
                        carry = sp &>> 56
                        i &+= 8
                    }
                    let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes &>> 8) & 0x00FF_00FF_00FF_00FF)
                    visible &+= (i &- start) &- Int((pairs &* 0x0001_0001_0001_0001) &>> 48)
                    if i &- start < 255 &* 8 { break }
                }
                if i >= count { break }
            }
            var w: UInt64
            if i &+ 8 <= count {
                w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            } else if count >= 8 {
                // The last bytes, from a load that ends with the text, shifted down and padded
                // with zeros (which stop the run below).
                let rest = count &- i
                w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)) &>> UInt64(8 &* (8 &- rest))
            } else {
                w = 0
                for k in 0..<(count &- i) { w |= UInt64(base[i &+ k]) &<< UInt64(8 &* k) }
            }
            // Bytes past 0x7F, and bytes below 0x20 (b + 0x60 stays below 0x80 only for those).
            // A byte past 0x9F carries into the next byte's sum, so only the first flagged byte
            // is exact: the run ends there.
            let other = (w | ~(w &+ 0x6060_6060_6060_6060)) & high
            let n = other == 0 ? 8 : other.trailingZeroBitCount &>> 3
            if n > 0 {
                let valid = n == 8 ? high : high & ((1 &<< UInt64(8 &* n)) &- 1)
                // A printable byte plus 0x5F stays below 0x80 only for U+0020, and never
                // carries (0x7F + 0x5F = 0xDE): exact for the run's bytes.
                let sp = ~(w &+ 0x5F5F_5F5F_5F5F_5F5F) & valid
                let kept = valid & ~sp
                let bad = sp & ((sp &<< 8) | carry)
                visible &+= n &- Int(((sp &>> 7) &* 0x0101_0101_0101_0101) &>> 56)
                if kept != 0 && first < 0 { first = i &+ (kept.trailingZeroBitCount &>> 3) }
                if bad != 0 && firstBad == Int.max && first >= 0 {
                    // Only the bad bytes after the first kept character count.
                    let after = first >= i ? bad & (UInt64.max &<< UInt64(8 &* (first &- i))) : bad
                    if after != 0 { firstBad = i &+ (after.trailingZeroBitCount &>> 3) }
                }
                carry = (sp &>> UInt64(8 &* (n &- 1))) & 0x80
                i &+= n
                if n == 8 || i >= count { continue }
            }
            // One character that is not printable ASCII.
            let c = base[i]
            if c < 0x80 {
                if c >= 0x09 && c <= 0x0D {
                    // White space other than U+0020; U+000B and U+000C count as visible.
                    visible &+= (c == 0x0B || c == 0x0C) ? 1 : 0
                    if first >= 0 && firstBad == Int.max { firstBad = i }
                    carry = 0x80
                } else {
                    visible &+= 1
                    control = true
                    carry = 0
                }
                i &+= 1
                continue
            }
            let length = Charset.utf8SequenceLength(at: i, in: b)
            if length == 0 { return nil }
            var step = 1
            if kind(at: i, in: b, length: &step) == .otherSpace {
                visible &+= (c == 0xC2 && base[i &+ 1] == 0xA0) ? 0 : 1
                if first >= 0 && firstBad == Int.max { firstBad = i }
                carry = 0x80
            } else {
                visible &+= 1
                if first < 0 { first = i }
                carry = 0
            }
            i &+= length
        }
        if control { return Result(shape: .dirty, visible: visible) }
        if first < 0 {
            let (spaces, other) = whiteSpace(b, from: 0, to: count)
            return Result(shape: .blank(spaces: spaces, other: other), visible: visible)
        }
        let last = lastKept(b, after: first)
        let end = last &+ 1
        // No bad white space between the first and the last kept characters, and the lead and
        // trail short enough for a shape: else dirty (``TextShape/shape`` says the same).
        guard firstBad > last, first <= Int(UInt16.max), count &- end <= Int(UInt16.max) else {
            return Result(shape: .dirty, visible: visible)
        }
        let (leadSpaces, leadOther) = whiteSpace(b, from: 0, to: first)
        let (trailSpaces, trailOther) = whiteSpace(b, from: end, to: count)
        return Result(shape: .shape(count: count, first: first, end: end, leadSpaces: leadSpaces, leadOther: leadOther,
                                    trailSpaces: trailSpaces, trailOther: trailOther, clean: true),
                      visible: visible)
    }

    /// The last byte of the last kept character of `b`, read from the end over the trail's white
    /// space. `b` is valid UTF-8 with no control character, and a kept character starts at
    /// `first` (so the walk stops there at the latest).
    @inline(__always)
    private static func lastKept(_ b: UnsafeBufferPointer<UInt8>, after first: Int) -> Int {
        var p = b.count &- 1
        while p > first {
            let c = b[p]
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                p &-= 1
                continue
            }
            if c < 0x80 { return p }
            // The start of the character that ends at `p` (continuation bytes are 10xxxxxx).
            var s = p
            while b[s] & 0xC0 == 0x80 { s &-= 1 }
            var length = 1
            guard kind(at: s, in: b, length: &length) == .otherSpace else { return p }
            p = s &- 1
        }
        return p
    }

    /// The U+0020s (counted up to 2) and whether other white space is in `b[from..<to]`, which
    /// holds only white space (a lead or a trail).
    private static func whiteSpace(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> (spaces: Int, other: Bool) {
        var spaces = 0
        var other = false
        var i = from
        while i < to {
            var length = 1
            if kind(at: i, in: b, length: &length) == .space {
                spaces = min(spaces &+ 1, 2)
            } else {
                other = true
            }
            i &+= length
        }
        return (spaces, other)
    }
}
