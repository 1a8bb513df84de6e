// A byte filter for the time search: whether a text may hold a time at all, read without
// tokenizing it. `findTimes` asks it first; the prose assembly asks it of a block's bytes
// before choosing the block's language or making its String.

extension DateEngine {
    /// Whether `text` may hold a time: false only when ``findTimes(in:language:)`` surely finds
    /// none (TimeFilterTests compares them on random texts).
    public static func mayHoldTime(in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { mayHoldTime(utf8: $0) } ?? true
    }

    /// ``mayHoldTime(in:)`` of the text whose UTF-8 bytes are `u` (valid UTF-8).
    ///
    /// Every time starts with a clock (`Grammar.clock`): a number, which the tokenizer makes
    /// of ASCII digits only, or a named clock ("midi", "minuit", "noon", "midnight"), which is
    /// a whole word token. A word's folded form starts with its first letter's fold and only
    /// grows after it (`Tokenizer.fold`), and past ASCII only "ñ", "Ñ" and "ⁿ" fold to a form
    /// starting with "m" or "n" (no other letter lower-cases to an ASCII "m" or "n"). So a text
    /// with no ASCII digit holds a named clock only where one of those three letters is, or
    /// where an ASCII "m" or "n" (either case) starts a run of ASCII letters that is a named
    /// clock, or is the start of one and is followed by a byte past ASCII (a mark or letter
    /// the word may go on with). The filter looks from every such "m" or "n", word start or
    /// not (looking from inside a word only lets more through).
    public static func mayHoldTime(utf8 u: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = u.count
        var i = 0
        while i < n {
            let b = u[i]
            if b &- 0x30 < 10 { return true }
            if b >= 0x80 {
                // "ñ" and "Ñ" (C3 B1, C3 91), "ⁿ" (E2 81 BF).
                if b == 0xC3, i + 1 < n, u[i + 1] == 0xB1 || u[i + 1] == 0x91 { return true }
                if b == 0xE2, i + 2 < n, u[i + 1] == 0x81, u[i + 2] == 0xBF { return true }
                i += 1
                continue
            }
            let lower = b | 0x20
            guard lower == 0x6D || lower == 0x6E else {
                i += 1
                continue
            }
            // The run of ASCII letters from here, lower-cased and packed (no named clock is
            // longer than eight letters: a longer run is none of them).
            var key: UInt64 = 0
            var j = i
            while j < n, j - i <= 8 {
                let c = u[j] | 0x20
                guard u[j] < 0x80, c &- 0x61 < 26 else { break }
                if j - i < 8 { key |= UInt64(c) << (8 * UInt64(j - i)) }
                j += 1
            }
            let length = j - i
            if length <= 8 {
                let goesOn = j < n && u[j] >= 0x80
                for clock in namedClockKeys {
                    if goesOn {
                        if length <= clock.length, clock.key & prefixMask(length) == key { return true }
                    } else if length == clock.length, clock.key == key {
                        return true
                    }
                }
            }
            i = j
        }
        return false
    }

    /// ``WordList/namedClocks`` packed as ``mayHoldTime(utf8:)`` packs a run (byte k at bits
    /// 8k), with their lengths.
    private static let namedClockKeys: [(key: UInt64, length: Int)] = WordList.namedClocks.map { word in
        var key: UInt64 = 0
        for (k, byte) in word.utf8.enumerated() { key |= UInt64(byte) << (8 * UInt64(k)) }
        return (key, word.utf8.count)
    }

    @inline(__always)
    private static func prefixMask(_ length: Int) -> UInt64 {
        length >= 8 ? ~0 : (1 << (8 * UInt64(length))) &- 1
    }
}
