// Eight bytes of JSON tested at once, for FastJSON's scans of keys and strings: where the
// first byte that ends the plain run is (a quote, a backslash, a control character, and for
// strings `&`), from one 64-bit load instead of four tests per byte.
// Contract: ``JSONByteLanes/firstStop(_:ampersand:)`` gives the index (0-7) of the first byte of
// the word that is one of those, or 8 when none is; the per-byte loops it skips ahead of are
// the references (JSONLDBytesTests).

/// Tests on the eight byte lanes of a little-endian `UInt64` (the classic "has zero byte" and
/// "has byte less than n" tests: `(x - 0x01…) & ~x & 0x80…` flags a lane whose byte is zero, and
/// the lowest flagged lane is always a true one, a borrow only running upward from it).
enum JSONByteLanes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `i` (the caller checks `i + 8 <= b.count`), first byte lowest.
    @inline(__always)
    static func load(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self))
    }

    /// The lanes whose byte is `byte` (flagged by their high bit; lanes above a true one may be
    /// flagged falsely).
    @inline(__always)
    static func lanes(_ w: UInt64, equalTo byte: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// The index of the first byte of `w` that is `"`, `\`, below 0x20, or (with `ampersand`)
    /// `&`; 8 when there is none.
    @inline(__always)
    static func firstStop(_ w: UInt64, ampersand: Bool) -> Int {
        var flags = lanes(w, equalTo: 0x22) | lanes(w, equalTo: 0x5C) | ((w &- ones &* 0x20) & ~w & highs)
        if ampersand { flags |= lanes(w, equalTo: 0x26) }
        return flags.trailingZeroBitCount >> 3
    }
}
