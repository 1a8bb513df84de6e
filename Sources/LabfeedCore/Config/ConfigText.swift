// The text checks of feeds.yml's values that ran as regular expressions (a source's id, its
// language tag), the trimming of every value and the search for a space in a URL, on bytes.
// Contract: the same answers as the expressions, as `trimmingCharacters(in: .whitespacesAndNewlines)`
// and as `contains(" ")`; ConfigTextTests compares them on generated strings.

import Foundation

/// Byte-level checks of configuration text.
///
/// Why: loading a 600-source feeds.yml compiled and ran two `NSRegularExpression`s per source
/// and trimmed every value through Foundation: together about a quarter of the load, paid
/// before the first request of every sync.
enum ConfigText {
    /// `^[a-z0-9][a-z0-9_-]*$`, at most 64 characters: a source id.
    static func isSlug(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard let first = utf8.first, utf8.count <= 64, isLowerAlnum(first) else { return false }
        return utf8.allSatisfy { isLowerAlnum($0) || $0 == 0x5F || $0 == 0x2D }
    }

    /// `^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`: a BCP 47 tag as the configuration takes it.
    static func isLanguageTag(_ s: String) -> Bool {
        // One pass over the bytes, each part's length checked at its end (the parts were split
        // into an array first).
        var part = 0
        var length = 0
        func partFits() -> Bool { part == 0 ? (2...3).contains(length) : (2...8).contains(length) }
        for b in s.utf8 {
            if b == 0x2D {
                guard partFits() else { return false }
                part += 1
                length = 0
            } else if isLetter(b) || (part > 0 && isDigit(b)) {
                length += 1
            } else {
                return false
            }
        }
        return partFits()
    }

    /// `s.trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation when both ends
    /// are visible ASCII (every value of a usual file).
    static func trimmed(_ s: String) -> String {
        let utf8 = s.utf8
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `s.contains(" ")`, Foundation's search, which a web source's URL must fail: read from
    /// the bytes when they are ASCII (no combining mark can follow the space), where the
    /// search cost about 9,000 instructions a URL.
    static func containsSpace(_ s: String) -> Bool {
        var text = s
        let ascii = text.withUTF8 { bytes -> Bool? in
            var space = false
            for b in bytes {
                if b >= 0x80 { return nil }
                if b == 0x20 { space = true }
            }
            return space
        }
        return ascii ?? s.contains(" ")
    }

    private static func isLowerAlnum(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || isDigit(b) }
    private static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
}
