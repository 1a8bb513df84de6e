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
    /// `Charset.isValidUTF8` decides). Eight bytes are loaded at once: the printable ASCII
    /// bytes before the first other byte (a byte past 0x7F or below 0x20) are read together (their
    /// spaces, kept characters and doubled spaces found by exact per-byte tests), the other
    /// byte's character alone, then the next eight bytes from there.
    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> Result? {
        guard let base = b.baseAddress else { return Result(shape: .blank(spaces: 0, other: false), visible: 0) }
        let count = b.count
        var state = ScanState()
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(base)
        while i < count {
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
            // is exact: it is the one used.
            let other = (w | ~(w &+ 0x6060_6060_6060_6060)) & high
            let ascii = other == 0 ? 8 : other.trailingZeroBitCount >> 3
            if ascii > 0 {
                state.printable(w, count: ascii, at: i)
                i += ascii
                if ascii == 8 || i >= count { continue }
            }
            let c = base[i]
            var length = 1
            if c >= 0x80 {
                length = Charset.utf8SequenceLength(at: i, in: b)
                if length == 0 { return nil }
                state.visible &+= (c == 0xC2 && base[i + 1] == 0xA0) ? 0 : 1
            } else {
                state.visible &+= (c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D) ? 0 : 1
            }
            var stepped = 1
            switch kind(at: i, in: b, length: &stepped) {
            case .space: state.spaces += 1
            case .otherSpace: state.other = true
            case .control: state.clean = false
            case .kept: state.kept(at: i, end: i + length)
            }
            i += length
        }
        state.countSpaces()
        return Result(shape: state.shape(count: count), visible: state.visible)
    }

    /// The collapsing's state during ``scan(_:)``: `String.collapsedCore`'s, and the lead's.
    private struct ScanState {
        var first = -1, end = 0, spaces = 0, other = false, clean = true
        var leadSpaces = 0, leadOther = false
        var visible = 0
        /// The spaces of the runs read since the last ``countSpaces()``, one count per byte lane
        /// (a run adds at most one per lane, so 31 runs stay below 256 per lane and below 256 in
        /// all): summed every 31 runs instead of a bit count per run.
        var spaceLanes: UInt64 = 0
        var runs = 0

        @inline(__always)
        mutating func countSpaces() {
            visible &-= Int((spaceLanes &* 0x0101_0101_0101_0101) &>> 56)
            spaceLanes = 0
            runs = 0
        }

        /// A kept character from `i` to `end`.
        @inline(__always)
        mutating func kept(at i: Int, end: Int) {
            if first < 0 {
                first = i
                leadSpaces = spaces
                leadOther = other
            } else if spaces > 1 || other {
                clean = false
            }
            spaces = 0
            other = false
            self.end = end
        }

        /// The first `n` bytes of `w` (1...8, printable ASCII or U+0020), which start at `i`.
        @inline(__always)
        mutating func printable(_ w: UInt64, count n: Int, at i: Int) {
            let high: UInt64 = 0x8080_8080_8080_8080
            let valid = n == 8 ? high : high & ((1 &<< UInt64(8 &* n)) &- 1)
            let sp = TextScan.zeroBytes(w ^ 0x2020_2020_2020_2020) & valid
            visible &+= n
            spaceLanes &+= sp &>> 7
            runs &+= 1
            if runs == 31 { countSpaces() }
            let keptBytes = ~sp & valid
            guard keptBytes != 0 else {
                spaces += n
                return
            }
            let f = keptBytes.trailingZeroBitCount &>> 3
            let l = 7 &- (keptBytes.leadingZeroBitCount &>> 3)
            spaces &+= f
            kept(at: i &+ f, end: i &+ l &+ 1)
            // Two spaces in a row between the first and the last kept bytes.
            if sp != 0 {
                let inside = (UInt64.max &<< UInt64(8 &* f)) & (UInt64.max &>> UInt64(8 &* (7 &- l)))
                if sp & (sp &>> 8) & inside != 0 { clean = false }
            }
            spaces = n &- 1 &- l
        }

        func shape(count: Int) -> TextShape {
            if first < 0 { return clean ? .blank(spaces: spaces, other: other) : .dirty }
            return .shape(count: count, first: first, end: end, leadSpaces: leadSpaces, leadOther: leadOther,
                          trailSpaces: spaces, trailOther: other, clean: clean)
        }
    }

    /// The high bit of each byte of `x` that is zero, and no other bit (exact, no borrow between
    /// bytes).
    @inline(__always)
    fileprivate static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }
}
