// Splits text into the tokens the date grammar reads: runs of digits, runs of letters (folded
// to lowercase without accents) and single symbols, each with its place in the original string.
// Total: any string tokenizes; nothing is dropped except whitespace, which only sets flags, and
// a paragraph break (two line breaks or more), which becomes a "¶" symbol no rule reads across.

/// One token of the input.
struct Token: Sendable {
    enum Kind: Sendable { case number, word, symbol }

    let kind: Kind
    /// Words: lowercase, accents removed ("Décembre" → "decembre", "1ᵉʳ" → "1", "er").
    /// Numbers: the digits. Symbols: the character, with every dash as "-" and every
    /// apostrophe as "'".
    let norm: String
    /// The number's value (0 for words and symbols; capped so that long runs cannot overflow).
    let value: Int
    /// How many digits a number has.
    let digits: Int
    /// Where the token is in the original string.
    let range: Range<String.Index>
    /// Whitespace (or the start of the text) comes right before this token.
    let spaceBefore: Bool
    /// The word's first letter is a capital (for month names that are also common words).
    let capitalized: Bool
    /// Every letter of the word is a capital (zone abbreviations: "CET", not "est").
    let allCaps: Bool
    /// A symbol's one scalar (every symbol's `norm` is one scalar: "-", "'", "¶" or the
    /// character itself), U+0000 for numbers and words: the grammar's tests of punctuation
    /// compare it instead of comparing Strings (GrammarScalarTests).
    let scalar: Unicode.Scalar

    init(kind: Kind, norm: String, value: Int, digits: Int, range: Range<String.Index>, spaceBefore: Bool,
         capitalized: Bool, allCaps: Bool) {
        self.init(kind: kind, norm: norm, scalar: kind == .symbol ? norm.unicodeScalars.first ?? "\u{0}" : "\u{0}",
                  value: value, digits: digits, range: range, spaceBefore: spaceBefore,
                  capitalized: capitalized, allCaps: allCaps)
    }

    /// The same token with its `scalar` given (the tokenizer knows it: ``Tokenizer/symbolScalar(_:)``
    /// of the symbol's character, U+0000 for numbers and words) instead of read from `norm`
    /// (`unicodeScalars.first`, a call per symbol). TokenizerTests compares both.
    init(kind: Kind, norm: String, scalar: Unicode.Scalar, value: Int, digits: Int, range: Range<String.Index>,
         spaceBefore: Bool, capitalized: Bool, allCaps: Bool) {
        self.kind = kind
        self.norm = norm
        self.value = value
        self.digits = digits
        self.range = range
        self.spaceBefore = spaceBefore
        self.capitalized = capitalized
        self.allCaps = allCaps
        self.scalar = scalar
    }
}

enum Tokenizer {
    /// The tokens of `text`, read on its UTF-8 bytes (no scalar index to validate at each step;
    /// numbers, ASCII words and ASCII symbols made straight from their bytes). TokenizerTests
    /// compares them with the scalar-by-scalar definition (`ReferenceTokenizer`).
    ///
    /// Every native String has contiguous UTF-8 (small ones included); only a string bridged
    /// from Objective-C, which Linux does not have, lacks it. Such a string is read through a
    /// contiguous copy: the ranges are then the copy's indices, which String converts when
    /// they are used on the original (indices carry their encoding since Swift 5.7).
    static func tokenize(_ text: String) -> [Token] {
        if let tokens = text.utf8.withContiguousStorageIfAvailable({ tokenize(bytes: $0, of: text) }) { return tokens }
        var native = text
        native.makeContiguousUTF8()
        return native.utf8.withContiguousStorageIfAvailable { tokenize(bytes: $0, of: native) } ?? []
    }

    /// ``tokenize(_:)`` on `u`, the UTF-8 bytes of `text` (valid UTF-8, as every String's are).
    /// A token's range is made of `text.utf8` indices at its first and past its last byte: the
    /// same positions the scalar view gives (both are offsets into the same UTF-8 bytes).
    private static func tokenize(bytes u: UnsafeBufferPointer<UInt8>, of text: String) -> [Token] {
        let utf8 = text.utf8
        let origin = utf8.startIndex
        @inline(__always) func index(_ k: Int) -> String.Index { utf8.index(origin, offsetBy: k) }
        var tokens: [Token] = []
        // A short text may be a token a byte ("2026-11-20T09:30": 10 tokens of 16 bytes): a
        // third of its bytes regrew the array 20,000 times on the 200 corpus pages. Up to 96
        // bytes, room for one token a byte (there are never more); past that, a third.
        tokens.reserveCapacity(max(min(u.count, 96), u.count / 3))
        var i = 0
        var space = true
        var newlines = 0
        while i < u.count {
            let (c, length) = scalar(u, i)
            if isSpace(c) {
                space = true
                if c == "\n" || c == "\u{2029}" { newlines += 1 }
                i += length
                continue
            }
            let start = i
            if newlines >= 2 {
                let at = index(start)
                tokens.append(Token(kind: .symbol, norm: "¶", scalar: "¶", value: 0, digits: 0, range: at..<at,
                                    spaceBefore: true, capitalized: false, allCaps: false))
            }
            var kind = Token.Kind.symbol
            var norm = ""
            var symbolScalar: Unicode.Scalar = "\u{0}"
            var value = 0
            var digits = 0
            var capitalized = false
            var allCaps = false
            if isDigit(c) {
                kind = .number
                while i < u.count, u[i] >= 0x30 && u[i] <= 0x39 {
                    if digits < 12 { value = value * 10 + Int(u[i] - 0x30) }
                    digits += 1
                    i += 1
                }
                norm = asciiString(u, start, i, lowercasing: false)
            } else if isLetter(c) {
                kind = .word
                capitalized = isUpper(c)
                allCaps = true
                var ascii = true, upper = false
                while i < u.count {
                    let b = u[i]
                    if b < 0x80 {
                        // An ASCII byte that is not a letter ends the word (no Unicode property lookup).
                        let lower = b | 0x20
                        guard lower >= 0x61 && lower <= 0x7A else { break }
                        if b >= 0x61 { allCaps = false } else { upper = true }
                        i += 1
                    } else {
                        let (s, n) = scalar(u, i)
                        guard isLetter(s) || isMark(s) else { break }
                        ascii = false
                        if isLetter(s) && !isUpper(s) { allCaps = false }
                        i += n
                    }
                }
                if ascii {
                    // Folding ASCII letters is lower-casing them: one String, made from the bytes.
                    norm = asciiString(u, start, i, lowercasing: upper)
                } else {
                    var k = start
                    while k < i {
                        let (s, n) = scalar(u, k)
                        fold(s, into: &norm)
                        k += n
                    }
                }
            } else {
                // An ASCII symbol is itself (but the backquote, an apostrophe): one byte's String.
                norm = c.isASCII && c != "`" ? asciiString(u, start, start + 1, lowercasing: false) : symbol(c)
                symbolScalar = Self.symbolScalar(c)
                i += length
            }
            tokens.append(Token(kind: kind, norm: norm, scalar: symbolScalar, value: value, digits: digits, range: index(start)..<index(i),
                                spaceBefore: space, capitalized: capitalized, allCaps: allCaps))
            space = false
            newlines = 0
        }
        return tokens
    }

    /// The scalar whose UTF-8 form starts at `u[i]`, and its length in bytes (`u` is valid UTF-8).
    @inline(__always)
    private static func scalar(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(u[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let v: UInt32, n: Int
        if b0 < 0xE0 {
            v = (b0 & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F)
            n = 2
        } else if b0 < 0xF0 {
            v = (b0 & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
            n = 3
        } else {
            v = (b0 & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6 | UInt32(u[i + 3] & 0x3F)
            n = 4
        }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", n)
    }

    /// The ASCII bytes `u[from..<to]` as a String, upper-case letters lowered when asked.
    private static func asciiString(_ u: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, lowercasing: Bool) -> String {
        String(unsafeUninitializedCapacity: to - from) { out in
            for k in from..<to {
                let b = u[k]
                out[k - from] = lowercasing && b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            return to - from
        }
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    // The tests past ASCII read the Unicode properties out of line (`@inline(never)`): inlined
    // into the tokenizer, the properties' resilient types made it fetch their metadata and
    // reserve stack for them on every call, ASCII text or not.

    /// Whitespace, with an ASCII fast path (Unicode properties are slow to look up).
    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c == " " || (c.value >= 0x09 && c.value <= 0x0D) }
        return isSpaceByProperties(c)
    }

    @inline(never)
    static func isSpaceByProperties(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

    @inline(__always)
    static func isUpper(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c.value >= 0x41 && c.value <= 0x5A }
        return isUpperByProperties(c)
    }

    @inline(never)
    static func isUpperByProperties(_ c: Unicode.Scalar) -> Bool { c.properties.isUppercase }

    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A }
        return isLetterByProperties(c)
    }

    @inline(never)
    static func isLetterByProperties(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic && !isMark(c) }

    /// Combining marks (a decomposed "é" is "e" followed by U+0301): part of the word, dropped.
    @inline(never)
    static func isMark(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Every dash as "-", every apostrophe as "'", other symbols as themselves.
    static func symbol(_ c: Unicode.Scalar) -> String {
        switch c.value {
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return "-"
        case 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4, 0x2032: return "'"
        default: return String(Character(c))
        }
    }

    /// The one scalar of ``symbol(_:)``'s String (and of an ASCII symbol's own, but the
    /// backquote's, which ``symbol(_:)`` makes "'").
    static func symbolScalar(_ c: Unicode.Scalar) -> Unicode.Scalar {
        switch c.value {
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: "-"
        case 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4, 0x2032: "'"
        default: c
        }
    }

    /// Appends the lowercase, accent-free form of one letter.
    static func fold(_ c: Unicode.Scalar, into out: inout String) {
        if c.isASCII {
            out.unicodeScalars.append(isUpper(c) ? Unicode.Scalar(c.value | 0x20)! : c)
            return
        }
        if isMark(c) { return }
        for l in c.properties.lowercaseMapping.unicodeScalars {
            switch l {
            case "à", "á", "â", "ã", "ä", "å", "ª": out += "a"
            case "ç": out += "c"
            case "è", "é", "ê", "ë", "ᵉ": out += "e"
            case "ì", "í", "î", "ï": out += "i"
            case "ñ", "ⁿ": out += "n"
            case "ò", "ó", "ô", "õ", "ö", "º": out += "o"
            case "ù", "ú", "û", "ü": out += "u"
            case "ý", "ÿ": out += "y"
            case "œ": out += "oe"
            case "æ": out += "ae"
            case "ʳ": out += "r"
            case "ˢ": out += "s"
            case "ᵗ": out += "t"
            case "ʰ": out += "h"
            case "ᵈ": out += "d"
            default: out.unicodeScalars.append(l)
            }
        }
    }
}
