// What deduplication compares, computed once per event: folded title, tokens, trigrams, keys.

import Foundation
import LabfeedCore

/// Gives each distinct word a small integer so token sets compare as sorted integer arrays.
/// Stop words have negative numbers, so one look-up both numbers a word and tells a stop word.
final class TokenInterner {
    private var ids: [String: Int32]
    private var next: Int32 = 0
    private var folds: [String: String] = [:]

    init() {
        ids = Dictionary(uniqueKeysWithValues: TextFolding.stopWords.enumerated().map { ($1, Int32(-1 - $0)) })
    }

    /// ``TextFolding/fold(_:)`` remembered: places, towns, organisers and words repeat.
    ///
    /// The cache compares keys as Swift strings, that is up to canonical equivalence; folding
    /// agrees (`é` and `e` + U+0301 both fold to `e`), so whichever spelling is seen first, the
    /// key is the same.
    func fold(_ text: String) -> String {
        if let f = folds[text] { return f }
        let f = TextFolding.fold(text)
        if folds.count < 200_000 { folds[text] = f }
        return f
    }

    /// The word's number: negative for a stop word.
    func id(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = next
        next += 1
        ids[word] = id
        return id
    }
}

/// The comparable features of one event. Built once; compared many times (a class, so that
/// handing one to the matcher copies a reference, not fifteen fields). Immutable, so shared by
/// the threads that match candidates.
final class MatchFeatures: Sendable {
    /// The configured source ("" for a previous programme event).
    let source: String
    let folded: String
    /// The six sorted integer sets below, end to end in one exactly sized array: one allocation
    /// per event instead of six (with ~14,000 events, the arrays' headers and the allocator's
    /// rounding were a third of the features' memory). `ends[k]` is where set k ends.
    private let packed: [Int32]
    private let ends: (Int32, Int32, Int32, Int32, Int32, Int32)

    /// Interned title tokens (stop words removed), sorted, unique.
    var tokens: ArraySlice<Int32> { packed[0..<Int(ends.0)] }
    /// Interned tokens that are numbers or proper names (capitalised past the first word).
    var names: ArraySlice<Int32> { packed[Int(ends.0)..<Int(ends.1)] }
    /// Interned numbers of the title ("2021", "5" of "n°5", "2" of "session 2").
    var numbers: ArraySlice<Int32> { packed[Int(ends.1)..<Int(ends.2)] }
    let trigrams: [UInt32]
    /// Declared language, else a guess from the title's function words.
    let language: String?
    /// Day numbers of the first and last day (the range is capped at 31 days).
    let firstDay: Int
    let lastDay: Int
    /// Seconds since 1970 of a timed start; nil when all-day.
    let startSecond: Int?
    let urlKey: String?
    let urlHost: String?
    /// Match keys of the event's URL in other languages.
    let alternateKeys: [String]
    let placeKey: String?
    /// Interned words of the place name, sorted, unique ("Lab Innovation" = "Innovation Lab").
    var placeTokens: ArraySlice<Int32> { packed[Int(ends.2)..<Int(ends.3)] }
    let localityKey: String?
    /// The town a place name ends with when no locality is given ("Tiers-lieu de Reims, Reims"
    /// → `reims`, as RSS `ev:location` and iCalendar `LOCATION` write it); see ``placeTown(_:interner:)``.
    let placeTown: String?
    let organizerKey: String?
    /// Interned words of the organiser's name, sorted, unique.
    var organizerTokens: ArraySlice<Int32> { packed[Int(ends.3)..<Int(ends.4)] }
    /// Interned words of the place, town and organiser, sorted, unique: what can explain a
    /// name of another announcement's title ("… à Limoges" against a place in Limoges).
    var contextTokens: ArraySlice<Int32> { packed[Int(ends.4)..<Int(ends.5)] }
    let online: Bool

    static let maxRangeDays = 31

    init(event: borrowing Event, source: String, interner: TokenInterner) {
        self.source = source
        folded = TextFolding.fold(event.title)
        let allWords = TextFolding.words(ofFolded: folded)
        var wordIDs: [Int32] = [], numberIDs: [Int32] = []
        wordIDs.reserveCapacity(allWords.count)
        for word in allWords {
            let id = interner.id(word)
            guard id >= 0 else { continue }  // a stop word
            wordIDs.append(id)
            if MatchFeatures.isNumber(word) { numberIDs.append(id) }
        }
        let tokens = TextFolding.dedupSorted(wordIDs.sorted())
        let names = TextFolding.dedupSorted(MatchFeatures.nameWords(event.title, interner: interner).map(interner.id).sorted())
        let numbers = TextFolding.dedupSorted(numberIDs.sorted())
        trigrams = TextFolding.trigrams(ofFolded: folded)
        language = event.language.map { String($0.lowercased().prefix(2)) } ?? TextFolding.guessLanguage(words: allWords)
        firstDay = event.start.date.dayNumber
        let end = event.end?.date.dayNumber ?? firstDay
        lastDay = min(max(end, firstDay), firstDay + MatchFeatures.maxRangeDays)
        if case .time(let t) = event.start {
            startSecond = Int(t.instant.timeIntervalSince1970)
        } else {
            startSecond = nil
        }
        urlKey = event.url.flatMap(CanonicalURL.matchKey)
        urlHost = urlKey.map(MatchFeatures.host(ofKey:))
        alternateKeys = event.alternates.compactMap { CanonicalURL.matchKey($0.url) }
        let loc = event.location
        let place = loc?.name.map(interner.fold).flatMap { $0.isEmpty ? nil : $0 }
        placeKey = place
        let placeIDs: [Int32] = place.map { TextFolding.words(ofFolded: $0).map(interner.id).filter { $0 >= 0 } } ?? []
        let placeTokens = TextFolding.dedupSorted(placeIDs.sorted())
        localityKey = loc?.locality.map(interner.fold).flatMap { $0.isEmpty ? nil : $0 }
        placeTown = localityKey == nil ? loc?.name.flatMap { MatchFeatures.placeTown($0, interner: interner) } : nil
        organizerKey = event.organizer?.name.map(interner.fold).flatMap { $0.isEmpty ? nil : $0 }
        func ids(_ folded: String?) -> [Int32] {
            folded.map { TextFolding.words(ofFolded: $0).map(interner.id).filter { $0 >= 0 } } ?? []
        }
        let organizerTokens = TextFolding.dedupSorted(ids(organizerKey).sorted())
        let contextTokens = TextFolding.dedupSorted((placeIDs + ids(localityKey) + ids(placeTown) + organizerTokens).sorted())
        let sets = [tokens, names, numbers, placeTokens, organizerTokens, contextTokens]
        var packed: [Int32] = []
        packed.reserveCapacity(sets.reduce(0) { $0 + $1.count })
        var ends: [Int32] = []
        for set in sets {
            packed += set
            ends.append(Int32(packed.count))
        }
        self.packed = packed
        self.ends = (ends[0], ends[1], ends[2], ends[3], ends[4], ends[5])
        online = event.attendanceMode == .online
    }

    /// The event's town: its locality, else the town its place name ends with.
    var townKey: String? { localityKey ?? placeTown }

    /// Words that name a room, a building or a street, not a town ("salle 2", "Bâtiment B").
    static let notTownWords: Set<String> = [
        "salle", "batiment", "bat", "etage", "rdc", "hall", "amphi", "amphitheatre", "rue", "avenue", "boulevard", "bd",
        "place", "quai", "allee", "chemin", "cours", "impasse", "route", "france", "cedex", "porte", "bureau", "entree",
    ]

    /// The last comma-separated part of a place name when it reads as a town: one to three
    /// words after an optional postcode ("87000 Limoges"), without digits, stop words or words
    /// of rooms and streets. "Maison de la Région, 27 boulevard de la Corderie, Limoges" gives
    /// `limoges`; "Lab, salle 2", "Limoges, Hôtel de Région" and "LaBase" give nil (no town is
    /// better than a wrong one: a town only ever keeps events apart).
    static func placeTown(_ name: String, interner: TokenInterner) -> String? {
        guard let comma = name.lastIndex(of: ",") else { return nil }
        var words = TextFolding.words(ofFolded: interner.fold(String(name[name.index(after: comma)...])))
        if let first = words.first, first.utf8.count == 5, first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            words.removeFirst()
        }
        guard (1...3).contains(words.count),
              words.allSatisfy({ !TextFolding.stopWords.contains($0) && !notTownWords.contains($0) && !$0.contains(where: \.isNumber) })
        else { return nil }
        return words.joined(separator: " ")
    }

    /// The host part of a URL match key: up to the first `/` or `?` (found byte-wise in ASCII).
    static func host(ofKey key: String) -> String {
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(Substring(key.utf8.prefix { $0 != 0x2F && $0 != 0x3F }))
        }
        return String(key.prefix { $0 != "/" && $0 != "?" })
    }

    /// Whether every character of a word is a number (`Character.isNumber`).
    static func isNumber(_ word: String) -> Bool {
        // An ASCII character is a number when it is a digit.
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return word.allSatisfy(\.isNumber)
    }

    /// Numbers and words written with a capital past the first word: the names a French and an
    /// English title of one event share ("Limoges", "2021", "COdeMAKER").
    static func nameWords(_ title: String, interner: TokenInterner) -> [String] {
        guard title.unicodeScalars.allSatisfy({ $0.value < simpleScalarLimit }) else { return characterNameWords(title, interner: interner) }
        // Below U+0300 every scalar is a character of its own (no combining marks, no joiners):
        // the same words as ``characterNameWords(_:interner:)``, without grapheme breaking.
        var out: [String] = []
        var first = true
        let scalars = title.unicodeScalars
        var start: String.Index?
        var hasNumber = false, capital = false
        func endWord(_ end: String.Index) {
            let folded = interner.fold(String(scalars[start!..<end]))
            if !folded.isEmpty, !TextFolding.stopWords.contains(folded), hasNumber || (!first && capital) {
                out.append(folded)
            }
            first = false
            start = nil
            hasNumber = false
        }
        let table = simpleScalarFlags
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let flags = table[Int(scalars[i].value)]
            if flags & (letterFlag | numberFlag) != 0 {
                if start == nil {
                    start = i
                    capital = flags & uppercaseFlag != 0
                }
                if flags & numberFlag != 0 { hasNumber = true }
            } else if start != nil {
                endWord(i)
            }
            scalars.formIndex(after: &i)
        }
        if start != nil { endWord(scalars.endIndex) }
        return out
    }

    private static let simpleScalarLimit: UInt32 = 0x300
    private static let letterFlag: UInt8 = 1, numberFlag: UInt8 = 2, uppercaseFlag: UInt8 = 4
    /// `Character.isLetter`, `isNumber` and `isUppercase` of each scalar below U+0300.
    private static let simpleScalarFlags: [UInt8] = (0..<simpleScalarLimit).map { v in
        let c = Character(Unicode.Scalar(v)!)
        return (c.isLetter ? letterFlag : 0) | (c.isNumber ? numberFlag : 0) | (c.isUppercase ? uppercaseFlag : 0)
    }

    /// ``nameWords(_:interner:)`` for any text, character by character.
    static func characterNameWords(_ title: String, interner: TokenInterner) -> [String] {
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

/// Membership and sizes of intersections of sorted unique arrays.
enum SortedSets {
    /// Whether a sorted array or slice holds a value (binary search).
    static func contains<C: RandomAccessCollection>(_ a: C, _ x: C.Element) -> Bool where C.Element: Comparable, C.Index == Int {
        var lo = a.startIndex, hi = a.endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo < a.endIndex && a[lo] == x
    }

    static func intersectionCount<A: RandomAccessCollection, B: RandomAccessCollection>(_ a: A, _ b: B) -> Int
    where A.Element == B.Element, A.Element: Comparable, A.Index == Int, B.Index == Int {
        var i = a.startIndex, j = b.startIndex, n = 0
        while i < a.endIndex && j < b.endIndex {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }
}
