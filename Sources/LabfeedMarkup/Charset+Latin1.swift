// ISO-8859-1 bytes turned into UTF-8 before libxml2 reads them: what libxml2's built-in
// converter (`isolat1ToUTF8`, a byte at a time) writes into the parser's buffer, eight bytes at a
// time. Pure byte work; no libxml2.

extension Charset {
    /// `bytes` read as ISO-8859-1, in UTF-8: each byte below 0x80 as itself, each other byte
    /// `b` as the two bytes `0xC0 | b >> 6`, `0x80 | b & 0x3F` (U+0080-U+00FF), exactly what
    /// libxml2's `isolat1ToUTF8` writes. The output never starts with a byte-order mark (its
    /// bytes are ASCII, 0xC2 or 0xC3 and continuation bytes) and is always valid UTF-8.
    ///
    /// Eight bytes are read at a time and stored whole (the output keeps eight spare bytes of
    /// capacity for the last store): a word of ASCII is done, a word with a byte past 0x7F
    /// advances to that byte, which is written as its two bytes, and the next word is read
    /// from the byte after it.
    static func latin1ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { source -> [UInt8] in
            guard let s = source.baseAddress, !source.isEmpty else { return [] }
            let n = source.count
            let highBits: UInt64 = 0x8080_8080_8080_8080
            // The bytes past 0x7F counted in eight one-byte lanes (each word's high bits moved
            // to its lanes' low bits), summed every 255 words before a lane can overflow: the
            // word's `nonzeroBitCount` was a software population count (the build targets
            // x86-64 without POPCNT), three times the instructions of the conversion itself.
            var high = 0
            var i = 0
            while i + 8 <= n {
                var lanes: UInt64 = 0
                let stop = min(n - 7, i + 255 * 8)
                while i < stop {
                    lanes &+= (UnsafeRawPointer(s + i).loadUnaligned(as: UInt64.self) & highBits) >> 7
                    i &+= 8
                }
                // Lanes paired into 16-bit sums (at most 510), then the four added in the top 16 bits.
                let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
                high &+= Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
            }
            while i < n {
                if s[i] >= 0x80 { high += 1 }
                i += 1
            }
            let total = n + high
            return [UInt8](unsafeUninitializedCapacity: total + 8) { out, initialized in
                let o = out.baseAddress!
                // Invariant: j is i plus the bytes past 0x7F before i, so j <= total and an
                // eight-byte store at j stays within the capacity (total + 8).
                var i = 0
                var j = 0
                while i + 8 <= n {
                    let word = UInt64(littleEndian: UnsafeRawPointer(s + i).loadUnaligned(as: UInt64.self))
                    UnsafeMutableRawPointer(o + j).storeBytes(of: word.littleEndian, as: UInt64.self)
                    let marks = word & highBits
                    if marks == 0 {
                        i &+= 8
                        j &+= 8
                        continue
                    }
                    // The first byte past 0x7F (the lowest marked byte of the little-endian word);
                    // the bytes before it are stored already.
                    let k = marks.trailingZeroBitCount >> 3
                    i &+= k
                    j &+= k
                    let b = s[i]
                    o[j] = 0xC0 | b >> 6
                    o[j &+ 1] = 0x80 | b & 0x3F
                    i &+= 1
                    j &+= 2
                }
                while i < n {
                    let b = s[i]
                    if b < 0x80 {
                        o[j] = b
                        j += 1
                    } else {
                        o[j] = 0xC0 | b >> 6
                        o[j + 1] = 0x80 | b & 0x3F
                        j += 2
                    }
                    i += 1
                }
                initialized = j
            }
        }
    }

    /// The reference for ``latin1ToUTF8(_:)``: each byte as the Unicode scalar of the same
    /// value, encoded by Swift.
    static func latin1ToUTF8ByScalars(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for b in bytes { out += Array(String(Unicode.Scalar(b)).utf8) }
        return out
    }
}
