// Clean text and folded match keys: case, accents and punctuation removed for comparison.

import Foundation

/// Text cleaning and folding for matching. Pure functions; folding is for keys, never for display.
public enum TextFolding {
    /// Display text cleaned: control characters dropped, no-break and other spaces made plain,
    /// runs of white space collapsed, ends trimmed. Returns nil for text that cleans to nothing.
    public static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        if isClean(text) { return text }
        return cleaned(text)
    }

    /// True when ``clean(_:)`` would return the text unchanged: not empty, single ASCII spaces
    /// between words only, and none of the scalars it drops or turns into spaces (controls,
    /// C1, U+FEFF, U+FFFD, U+200B and the Unicode White_Space set: U+0085, U+00A0, U+1680,
    /// U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000). Most titles and descriptions are:
    /// this check spares them the scalar-by-scalar rebuild and its property lookups.
    ///
    /// Read as UTF-8 bytes (valid, as a String's are): ASCII bytes are judged alone, and only a
    /// two- or three-byte scalar is decoded (every scalar it rejects is below U+10000); the
    /// scalars' iterator was a fifth of the normalisation, descriptions being long.
    static func isClean(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var afterSpace = true  // a leading space is not clean
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x20 {
                    if afterSpace { return false }
                    afterSpace = true
                    i += 1
                    continue
                }
                afterSpace = false
                if b < 0x80 {
                    if b < 0x20 || b == 0x7F { return false }
                    i += 1
                    continue
                }
                if b >= 0xF0 {  // four bytes: U+10000 and beyond
                    i += 4
                    continue
                }
                let v: UInt32
                if b < 0xE0 {
                    v = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else {
                    v = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                }
                if v <= 0xA0 || v == 0x1680 || (v >= 0x2000 && v <= 0x200B) || v == 0x2028 || v == 0x2029 || v == 0x202F
                    || v == 0x205F || v == 0x3000 || v == 0xFEFF || v == 0xFFFD { return false }
            }
            return !afterSpace  // empty, or a trailing space
        }
    }

    /// ``clean(_:)`` scalar by scalar.
    static func cleaned(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if scalar.properties.isWhitespace || v == 0x200B {
                pendingSpace = !out.isEmpty
                continue
            }
            if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0xFEFF || v == 0xFFFD { continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return out.isEmpty ? nil : String(out)
    }

    /// Lower-case ASCII-ish key: accents stripped, ligatures split (œ → oe), apostrophes and
    /// punctuation turned into spaces, runs of spaces collapsed. "L’Innovation — Publique !"
    /// folds to "l innovation publique".
    public static func fold(_ text: String) -> String {
        var folder = Folder(capacity: text.utf8.count)
        folder.append(text)
        return String(decoding: folder.bytes, as: UTF8.self)
    }

    /// Folds texts one after the other into one buffer: after `append(a)`, `append(b)`...,
    /// ``bytes`` are the UTF-8 of `fold([a, b, ...].joined(separator: " "))`, without the
    /// joined String or the folded one (the HTML writer folds each event's texts into its
    /// `data-text` this way).
    ///
    /// The text is read as UTF-8 bytes (valid, as a String's are): ASCII bytes fold by
    /// themselves; a two-byte scalar below U+0250 (French accents, Latin-1) is looked up in
    /// one table; any other scalar goes the general way (combining marks dropped, Foundation's
    /// folding). The result is what folding scalar by scalar gave (`TextFoldingTests` keeps
    /// that code as the reference).
    struct Folder {
        private(set) var bytes: [UInt8] = []
        /// A space is due before the next folded character (punctuation or a separator seen).
        private var space = false

        init(capacity: Int = 256) {
            bytes.reserveCapacity(capacity)
        }

        mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            space = false
        }

        /// Folds `text` after what is folded already, as if a space separated them.
        mutating func append(_ text: String) {
            space = true  // the separator; no space is written before the first character
            var text = text
            text.withUTF8 { append($0) }
        }

        private mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
            let table = TextFolding.latinBytes, starts = TextFolding.latinStarts
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                if b < 0x80 {
                    if b >= 0x61 && b <= 0x7A || b >= 0x30 && b <= 0x39 {
                        // A run of lower-case letters and digits folds to itself: copied whole.
                        var end = i + 1
                        while end < utf8.count, case let c = utf8[end], c >= 0x61 && c <= 0x7A || c >= 0x30 && c <= 0x39 { end += 1 }
                        if space && !bytes.isEmpty { bytes.append(0x20) }
                        space = false
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
                        i = end
                        continue
                    }
                    i += 1
                    if b >= 0x41 && b <= 0x5A {
                        emit(b + 0x20)
                    } else {
                        space = true
                    }
                    continue
                }
                // A two-byte scalar below U+0250 (lead bytes C2-C8): the table.
                if b < 0xC9, i + 1 < utf8.count {
                    let v = Int(b & 0x1F) << 6 | Int(utf8[i + 1] & 0x3F)
                    i += 2
                    let start = Int(starts[v - 0x80]), end = Int(starts[v - 0x80 + 1])
                    if start == end {
                        space = true
                    } else {
                        if space && !bytes.isEmpty { bytes.append(0x20) }
                        space = false
                        for k in start..<end { bytes.append(table[k]) }
                    }
                    continue
                }
                // Any other scalar: decoded, then folded as before.
                let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                var v = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length where i + k < utf8.count { v = v << 6 | UInt32(utf8[i + k] & 0x3F) }
                i += length
                guard let scalar = Unicode.Scalar(v) else { continue }  // not reached for valid UTF-8
                // A combining mark (the accent of "e" + U+0301, text in NFD as some Mac and PDF
                // tools write it) is dropped like the accent of a precomposed "é": canonically
                // equivalent spellings fold to the same key.
                if v >= 0x300 && scalar.properties.canonicalCombiningClass != .notReordered { continue }
                let mapped = v < 0x250 ? Array(table[Int(starts[Int(v) - 0x80])..<Int(starts[Int(v) - 0x80 + 1])])
                    : Array(TextFolding.foldScalar(scalar).utf8)
                if mapped.isEmpty {
                    space = true
                } else {
                    if space && !bytes.isEmpty { bytes.append(0x20) }
                    space = false
                    bytes += mapped
                }
            }
        }

        @inline(__always)
        private mutating func emit(_ b: UInt8) {
            if space && !bytes.isEmpty { bytes.append(0x20) }
            space = false
            bytes.append(b)
        }
    }

    /// The folding of U+0080…U+024F (Latin-1 and Latin Extended), computed once: French text
    /// folds without calling Foundation per string. The folded bytes of scalar `v` are
    /// `latinBytes[latinStarts[v - 0x80]..<latinStarts[v - 0x80 + 1]]` (one flat array: an
    /// array per scalar was a retain and release per accent).
    private static let latinFolds: [[UInt8]] = (0x80..<0x250).map { Array(foldScalar(Unicode.Scalar($0)!).utf8) }
    static let latinBytes: [UInt8] = latinFolds.flatMap { $0 }
    static let latinStarts: [UInt16] = latinFolds.reduce(into: [0]) { $0.append($0.last! + UInt16($1.count)) }

    /// One scalar folded: ligatures split, accents and case removed, "" for punctuation and spaces.
    static func foldScalar(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "œ", "Œ": return "oe"
        case "æ", "Æ": return "ae"
        case "ß": return "ss"
        default: break
        }
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return "" }
        let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }

    /// Words that say little about which event it is, in French and English.
    public static let stopWords: Set<String> = [
        "le", "la", "les", "l", "de", "des", "du", "d", "un", "une", "et", "en", "au", "aux", "a", "pour", "par", "sur",
        "dans", "avec", "ou", "ce", "cette", "ces", "son", "sa", "ses", "qui", "que", "quoi", "est", "se", "s", "y", "n", "ne", "pas", "plus",
        "the", "an", "of", "and", "in", "on", "at", "for", "to", "with", "by", "from", "is", "or", "its", "this", "that", "as",
    ]

    /// The folded words of `text` without stop words, in order.
    public static func tokens(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init).filter { !stopWords.contains($0) }
    }

    /// Character trigrams of the folded text with spaces removed, hashed to 32 bits, sorted, unique.
    public static func trigrams(ofFolded folded: String) -> [UInt32] {
        var text = folded
        return text.withUTF8 { bytes in
            // One pass over the bytes, spaces skipped, the last two kept (the text without its
            // spaces was an array of its own), then sorted and made unique in place.
            var out: [UInt32] = []
            out.reserveCapacity(max(0, bytes.count - 2))
            var b0: UInt32 = 0, b1: UInt32 = 0, seen = 0
            for b in bytes where b != 0x20 {
                let b2 = UInt32(b)
                if seen >= 2 {
                    // fnv1a of the three bytes, unrolled.
                    var h: UInt32 = 2_166_136_261
                    h = (h ^ b0) &* 16_777_619
                    h = (h ^ b1) &* 16_777_619
                    h = (h ^ b2) &* 16_777_619
                    out.append(h)
                }
                b0 = b1
                b1 = b2
                seen += 1
            }
            guard seen >= 3 else {
                // One or two bytes: their own hash (`b1`, or `b0` then `b1`).
                if seen == 0 { return [] }
                let last = [UInt8(truncatingIfNeeded: b0), UInt8(truncatingIfNeeded: b1)]
                return [fnv1a(last[(2 - seen)...])]
            }
            out.sort()
            var kept = 1
            for k in 1..<out.count where out[k] != out[kept - 1] {
                out[kept] = out[k]
                kept += 1
            }
            out.removeLast(out.count - kept)
            return out
        }
    }

    /// A guess of the language of short text from its function words: `fr`, `en` or nil.
    public static func guessLanguage(_ text: String) -> String? { guessLanguage(folded: fold(text)) }

    /// ``guessLanguage(_:)`` on text already folded.
    public static func guessLanguage(folded: String) -> String? {
        guessLanguage(words: words(ofFolded: folded))
    }

    /// ``guessLanguage(_:)`` on the words of folded text (stop words included).
    static func guessLanguage(words: [String]) -> String? {
        var fr = 0, en = 0
        for w in words where w.utf8.count <= functionWordLength {
            if frenchWords.contains(w) { fr += 1 }
            if englishWords.contains(w) { en += 1 }
        }
        if fr > en { return "fr" }
        if en > fr { return "en" }
        return nil
    }

    /// The words of folded text, in order: `folded.split(separator: " ")`, split byte-wise
    /// when the text is ASCII (as French and English text folds to).
    static func words(ofFolded folded: String) -> [String] {
        let split = folded.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var out: [String] = []
            out.reserveCapacity(bytes.count / 4 + 1)
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 {
                if i > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            return out
        }
        return (split ?? nil) ?? folded.split(separator: " ").map(String.init)
    }

    private static let frenchWords: Set<String> = ["le", "la", "les", "des", "du", "de", "et", "dans", "pour", "avec", "sur", "au", "aux", "une", "un", "l", "d"]
    private static let englishWords: Set<String> = ["the", "and", "of", "in", "with", "for", "on", "at", "a", "an", "to"]
    /// The longest function word: longer words need no look-up.
    private static let functionWordLength = frenchWords.union(englishWords).map(\.utf8.count).max() ?? 0

    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    static func dedupSorted<T: Equatable>(_ sorted: [T]) -> [T] {
        var out: [T] = []
        out.reserveCapacity(sorted.count)
        for x in sorted where out.last != x { out.append(x) }
        return out
    }
}
