// Clean text and folded match keys: case, accents and punctuation removed for comparison.

import Foundation

/// Text cleaning and folding for matching. Pure functions; folding is for keys, never for display.
public enum TextFolding {
    /// Display text cleaned: control characters dropped, no-break and other spaces made plain,
    /// runs of white space collapsed, ends trimmed. Returns nil for text that cleans to nothing.
    public static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
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
        let base = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        out.reserveCapacity(base.utf8.count)
        var space = false
        for scalar in base.unicodeScalars {
            let mapped: String?
            switch scalar {
            case "œ", "Œ": mapped = "oe"
            case "æ", "Æ": mapped = "ae"
            case "ß": mapped = "ss"
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    mapped = String(scalar).lowercased()
                } else {
                    mapped = nil
                }
            }
            if let mapped {
                if space && !out.isEmpty { out.append(" ") }
                space = false
                out.append(mapped)
            } else {
                space = true
            }
        }
        return out
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
        let bytes = Array(folded.utf8.filter { $0 != 0x20 })
        guard bytes.count >= 3 else { return bytes.isEmpty ? [] : [fnv1a(bytes[...])] }
        var out: [UInt32] = []
        out.reserveCapacity(bytes.count - 2)
        for i in 0...(bytes.count - 3) { out.append(fnv1a(bytes[i..<(i + 3)])) }
        out.sort()
        return dedupSorted(out)
    }

    /// A guess of the language of short text from its function words: `fr`, `en` or nil.
    public static func guessLanguage(_ text: String) -> String? {
        let french: Set<String> = ["le", "la", "les", "des", "du", "de", "et", "dans", "pour", "avec", "sur", "au", "aux", "une", "un", "l", "d"]
        let english: Set<String> = ["the", "and", "of", "in", "with", "for", "on", "at", "a", "an", "to"]
        var fr = 0, en = 0
        for word in fold(text).split(separator: " ") {
            if french.contains(String(word)) { fr += 1 }
            if english.contains(String(word)) { en += 1 }
        }
        if fr > en { return "fr" }
        if en > fr { return "en" }
        return nil
    }

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
