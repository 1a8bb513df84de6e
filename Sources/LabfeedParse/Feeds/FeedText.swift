// Questions the feed readers ask of every title and description, answered on the String's
// UTF-8 storage in place: the same algorithms as LabfeedParse/Text's, without the copy of the
// text into an array they make first.

/// Byte-level twins of text checks the feed readers run on every rich-text field.
enum FeedText {
    /// ``HTMLText/looksLikeHTML(_:)`` read on the String's own UTF-8 buffer (no array copy): a
    /// `<` before a letter, `/` or `!`, or an entity-like `&name;` / `&#123;`. Same answer on
    /// every String (a non-contiguous one is handed to HTMLText).
    static func looksLikeHTML(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(looksLikeHTML) ?? HTMLText.looksLikeHTML(text)
    }

    /// The check on UTF-8 bytes.
    static func looksLikeHTML(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = s.count
        guard let base = s.baseAddress else { return false }
        var i = 0
        while i < count {
            // Eight bytes at a time while none is `<` or `&` (the "has a zero byte" test on
            // the word xor each of them), byte by byte from a word that may hold one.
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !hasByte(word, 0x3C) && !hasByte(word, 0x26) {
                    i += 8
                    continue
                }
            }
            let c = s[i]
            if c == 0x3C, i + 1 < count {  // <
                let n = s[i + 1]
                if isLetter(n) || n == 0x2F || n == 0x21 { return true }
            } else if c == 0x26 {  // &
                var j = i + 1
                if j < count, s[j] == 0x23 { j += 1 }
                let start = j
                while j < count, j - start < 32, isLetter(s[j]) || (s[j] >= 0x30 && s[j] <= 0x39) { j += 1 }
                if j > start, j < count, s[j] == 0x3B { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether some byte of `word` is `byte` (may say yes wrongly only next to a real one,
    /// which the byte-by-byte check then settles; never says no wrongly).
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
