// What deduplication compares, computed once per event: folded title, tokens, trigrams, keys.

import Foundation
import LabfeedCore

/// Gives each distinct word a small integer so token sets compare as sorted integer arrays.
final class TokenInterner {
    private var ids: [String: Int32] = [:]
    private var folds: [String: String] = [:]

    /// ``TextFolding/fold(_:)`` remembered: places, towns, organisers and words repeat.
    func fold(_ text: String) -> String {
        if let f = folds[text] { return f }
        let f = TextFolding.fold(text)
        if folds.count < 200_000 { folds[text] = f }
        return f
    }

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
    /// Interned numbers of the title ("2021", "5" of "n°5", "2" of "session 2").
    var numbers: [Int32]
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
        names = TextFolding.dedupSorted(MatchFeatures.nameWords(event.title, interner: interner).map(interner.id).sorted())
        numbers = TextFolding.dedupSorted(words.filter { $0.allSatisfy(\.isNumber) }.map(interner.id).sorted())
        trigrams = TextFolding.trigrams(ofFolded: folded)
        language = event.language.map { String($0.lowercased().prefix(2)) } ?? TextFolding.guessLanguage(folded: folded)
        firstDay = event.start.date.dayNumber
        let end = event.end?.date.dayNumber ?? firstDay
        lastDay = min(max(end, firstDay), firstDay + MatchFeatures.maxRangeDays)
        if case .time(let t) = event.start {
            startSecond = Int(t.instant.timeIntervalSince1970)
        }
        urlKey = event.url.flatMap(CanonicalURL.matchKey)
        urlHost = urlKey.map { key in String(key.prefix { $0 != "/" && $0 != "?" }) }
        alternateKeys = event.alternates.compactMap { CanonicalURL.matchKey($0.url) }
        let loc = event.location
        placeKey = loc?.name.map(interner.fold).flatMap { $0.isEmpty ? nil : $0 }
        let placeWords = placeKey?.split(separator: " ").map(String.init).filter { !TextFolding.stopWords.contains($0) } ?? []
        placeTokens = TextFolding.dedupSorted(placeWords.map(interner.id).sorted())
        localityKey = loc?.locality.map(interner.fold).flatMap { $0.isEmpty ? nil : $0 }
        organizerKey = event.organizer?.name.map(interner.fold).flatMap { $0.isEmpty ? nil : $0 }
        online = event.attendanceMode == .online
    }

    /// Numbers and words written with a capital past the first word: the names a French and an
    /// English title of one event share ("Limoges", "2021", "COdeMAKER").
    static func nameWords(_ title: String, interner: TokenInterner) -> [String] {
        var out: [String] = []
        var first = true
        for raw in title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            defer { first = false }
            let word = String(raw)
            let folded = interner.fold(word)
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
