// What deduplication compares, computed once per event: folded title, tokens, trigrams, keys.

import Foundation
import LabfeedCore

/// Gives each distinct word a small integer so token sets compare as sorted integer arrays.
final class TokenInterner {
    private var ids: [String: Int32] = [:]

    func id(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(ids.count)
        ids[word] = id
        return id
    }
}

/// The comparable features of one event. Built once; compared many times.
struct MatchFeatures {
    /// The configured source ("" for a previous programme event).
    var source: String
    var folded: String
    /// Interned title tokens (stop words removed), sorted, unique.
    var tokens: [Int32]
    /// Interned tokens that are numbers or proper names (capitalised past the first word).
    var names: [Int32]
    var trigrams: [UInt32]
    /// Declared language, else a guess from the title's function words.
    var language: String?
    /// Day numbers of the first and last day (the range is capped at 31 days).
    var firstDay: Int
    var lastDay: Int
    /// Seconds since 1970 of a timed start; nil when all-day.
    var startSecond: Int?
    var urlKey: String?
    var urlHost: String?
    /// Match keys of the event's URL in other languages.
    var alternateKeys: [String]
    var placeKey: String?
    /// Interned words of the place name, sorted, unique ("Lab Innovation" = "Innovation Lab").
    var placeTokens: [Int32]
    var localityKey: String?
    var organizerKey: String?
    var online: Bool

    static let maxRangeDays = 31

    init(event: Event, source: String, interner: TokenInterner) {
        self.source = source
        folded = TextFolding.fold(event.title)
        let words = folded.split(separator: " ").map(String.init).filter { !TextFolding.stopWords.contains($0) }
        tokens = TextFolding.dedupSorted(words.map(interner.id).sorted())
        names = TextFolding.dedupSorted(MatchFeatures.nameWords(event.title).map(interner.id).sorted())
        trigrams = TextFolding.trigrams(ofFolded: folded)
        language = event.language.map { String($0.lowercased().prefix(2)) } ?? TextFolding.guessLanguage(event.title)
        firstDay = event.start.date.dayNumber
        let end = event.end?.date.dayNumber ?? firstDay
        lastDay = min(max(end, firstDay), firstDay + MatchFeatures.maxRangeDays)
        if case .time(let t) = event.start {
            startSecond = Int(t.instant.timeIntervalSince1970)
        }
        urlKey = event.url.flatMap(CanonicalURL.matchKey)
        urlHost = event.url.flatMap(CanonicalURL.host)
        alternateKeys = event.alternates.compactMap { CanonicalURL.matchKey($0.url) }
        let loc = event.location
        placeKey = loc?.name.map(TextFolding.fold).flatMap { $0.isEmpty ? nil : $0 }
        placeTokens = TextFolding.dedupSorted((loc?.name.map(TextFolding.tokens) ?? []).map(interner.id).sorted())
        localityKey = loc?.locality.map(TextFolding.fold).flatMap { $0.isEmpty ? nil : $0 }
        organizerKey = event.organizer?.name.map(TextFolding.fold).flatMap { $0.isEmpty ? nil : $0 }
        online = event.attendanceMode == .online
    }

    /// Numbers and words written with a capital past the first word: the names a French and an
    /// English title of one event share ("Limoges", "2021", "COdeMAKER").
    static func nameWords(_ title: String) -> [String] {
        var out: [String] = []
        var first = true
        for raw in title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            defer { first = false }
            let word = String(raw)
            let folded = TextFolding.fold(word)
            guard !folded.isEmpty, !TextFolding.stopWords.contains(folded) else { continue }
            if word.contains(where: \.isNumber) || (!first && word.first?.isUppercase == true) {
                out.append(folded)
            }
        }
        return out
    }
}

/// Sizes of intersections of sorted unique arrays.
enum SortedSets {
    static func intersectionCount<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }
}
