// What the date engine needs to know besides the text: the page's language (how numeric dates
// read), the reference day for years left out, and the zone for local times.

public import Foundation
public import LabfeedCore

/// The language a page is written in, as far as dates are concerned.
///
/// Month and weekday names of both French and English are read whatever the language (pages mix
/// them); the language decides how a numeric date reads and which ambiguous words count.
public enum DateLanguage: String, Sendable, Hashable, CaseIterable {
    /// French: `08/11/2022` is 8 November.
    case fr
    /// English outside the United States: `08/11/2022` is 8 November.
    case en
    /// United States English: `08/11/2022` is August 11.
    case enUS = "en-US"

    /// Reads a BCP 47 tag (`fr`, `fr-FR`, `en`, `en-GB`, `en-US`); nil for other languages.
    public init?(bcp47 tag: String) {
        // This runs for every block of prose: an ASCII tag is read on its bytes.
        if let known = Self.asciiLanguage(tag) {
            guard let known else { return nil }
            self = known
            return
        }
        self.init(lowercasing: tag)
    }

    /// The language of an ASCII tag, read on its bytes without making a lower-cased copy:
    /// `.some(nil)` for a tag of no language here, nil (not decided) for a tag with a non-ASCII
    /// byte. In ASCII, lower-casing sets bit 0x20 of a capital, so this is what
    /// ``init(lowercasing:)`` gives (DateLanguageTagTests compares both).
    static func asciiLanguage(_ tag: String) -> DateLanguage?? {
        var b: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)  // the first six bytes, normalised
        var n = 0
        for c in tag.utf8 {
            guard c < 0x80 else { return nil }
            let normal = c == 0x5F ? 0x2D : (c >= 0x41 && c <= 0x5A ? c | 0x20 : c)  // "_" as "-", lower case
            switch n {
            case 0: b.0 = normal
            case 1: b.1 = normal
            case 2: b.2 = normal
            case 3: b.3 = normal
            case 4: b.4 = normal
            case 5: b.5 = normal
            default: break
            }
            n += 1
        }
        // "fr" or "fr-…"; "en-us" or "en-us-…"; "en" or "en-…".
        if n >= 2, b.0 == 0x66, b.1 == 0x72, n == 2 || b.2 == 0x2D { return .some(.fr) }
        guard n >= 2, b.0 == 0x65, b.1 == 0x6E, n == 2 || b.2 == 0x2D else { return .some(nil) }
        if n >= 5, b.3 == 0x75, b.4 == 0x73, n == 5 || b.5 == 0x2D { return .some(.enUS) }
        return .some(.en)
    }

    /// The language of any tag, lower-cased by the standard library (`_` read as `-`).
    init?(lowercasing tag: String) {
        // Foundation's replacingOccurrences only when there is an underscore.
        var lower = tag.lowercased()
        if lower.utf8.contains(0x5F) { lower = lower.replacingOccurrences(of: "_", with: "-") }
        if lower == "fr" || lower.hasPrefix("fr-") {
            self = .fr
        } else if lower == "en-us" || lower.hasPrefix("en-us-") {
            self = .enUS
        } else if lower == "en" || lower.hasPrefix("en-") {
            self = .en
        } else {
            return nil
        }
    }

    /// Whether numeric dates put the month first (`MM/DD/YYYY`).
    public var monthFirst: Bool { self == .enUS }

    /// Whether English conventions apply (month-first order with names, "sept" as a month).
    public var isEnglish: Bool { self != .fr }
}

/// Everything besides the text that decides how a date expression reads.
public struct DateContext: Sendable {
    /// The page's language.
    public var language: DateLanguage
    /// The day a year left out is reckoned from: the page's publication date when known
    /// (byline, `<time>`, `article:published_time`), else the day the page was fetched.
    public var reference: CivilDate
    /// Whether `reference` is a publication date (true) or only the fetch date (false).
    /// Inference works the same way; the flag is carried into each ``DateMatch`` so that a
    /// caller can trust a year inferred from a publication date more.
    public var referenceIsPublication: Bool
    /// The zone local times are read in.
    public var timeZone: TimeZone

    /// Europe/Paris, the default zone of labfeed.
    public static let paris: TimeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    public init(language: DateLanguage = .fr, reference: CivilDate, referenceIsPublication: Bool = false,
                timeZone: TimeZone = DateContext.paris) {
        self.language = language
        self.reference = reference
        self.referenceIsPublication = referenceIsPublication
        self.timeZone = timeZone
    }
}
