// Byte-level access to the UTF-8 of Swift strings, for the text helpers that run on every field
// of every document (Whitespace, the prose blocks' space collapsing). Swift strings are always
// valid UTF-8, so a scalar is decoded from its lead byte without checks; the output of a helper is
// the input's own bytes, cut and joined at scalar boundaries, so it stays valid UTF-8.

import Glibc

/// Reads the UTF-8 bytes of a string without going through `UnicodeScalarView` per scalar.
enum UTF8Bytes {
    /// Calls `body` with the bytes of `text` (no copy for native strings and their substrings).
    @inline(__always)
    static func with<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// Whether `text` holds the byte `byte`, searched by the C library's `memchr` (the generic
    /// `utf8.contains` walks the view byte by byte through its index).
    @inline(__always)
    static func contains(_ text: String, byte: UInt8) -> Bool {
        with(text) { b in
            guard let base = b.baseAddress, b.count > 0 else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        }
    }

    /// The scalar value starting at `i` and its length in bytes. `b` must be valid UTF-8 and `i`
    /// a scalar boundary.
    @inline(__always)
    static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let lead = b[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 { return ((UInt32(lead & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        return ((UInt32(lead & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6)
                | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// Whether the text of the UTF-8 bytes `b` has at least `n` Characters, when the bytes
    /// alone tell (nil otherwise): never with fewer than `n` bytes (a Character is at least
    /// one); always when its first `n` bytes are ASCII without a carriage return, since each
    /// of them then starts a Character (no ASCII byte extends or prepends to a neighbour, and
    /// CR LF is the one pair of ASCII bytes that makes one Character).
    @inline(__always)
    static func hasAtLeastCharacters(_ n: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        if n <= 0 { return true }
        if b.count < n { return false }
        for i in 0..<n where b[i] >= 0x80 || b[i] == 0x0D { return hasAtLeastLoneCharacters(n, b) }
        return true
    }

    /// ``hasAtLeastCharacters(_:_:)`` past the first non-ASCII byte: while every scalar is a
    /// Character of its own whatever its neighbours (`Words.isLoneCharacterScalar`: accented
    /// Latin letters, general punctuation), scalars are Characters, so `n` such scalars from
    /// the start are `n` Characters and a text of fewer has fewer; any other scalar (or CR) on
    /// the way leaves it to the Characters (nil). The Character walk cost about 130
    /// instructions a Character for the 200 the byline search asks of a French paragraph.
    static func hasAtLeastLoneCharacters(_ n: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        var i = 0, seen = 0
        while seen < n {
            if i >= b.count { return false }
            let c = b[i]
            if c < 0x80 {
                if c == 0x0D { return nil }
                i += 1
            } else {
                let (v, length) = scalar(at: i, in: b)
                guard Words.isLoneCharacterScalar(v) else { return nil }
                i += length
            }
            seen += 1
        }
        return true
    }

    /// A string from bytes known to be valid UTF-8 (cut from a Swift string at scalar boundaries).
    @inline(__always)
    static func string(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
