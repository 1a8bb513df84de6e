// What deduplication compares, computed once per event: folded title, tokens, trigrams, keys.

import Foundation
import LabfeedCore

/// ``TextFolding/fold(_:)`` remembered: places, towns, organisers and words repeat. Not
/// shared between threads: each thread making ``MatchWords`` has its own.
///
/// The cache compares keys as Swift strings, that is up to canonical equivalence; folding
/// agrees (`é` and `e` + U+0301 both fold to `e`), so whichever spelling is seen first, the
/// key is the same.
final class FoldCache {
    private var folds: [String: String] = [:]

    func fold(_ text: String) -> String {
        if let f = folds[text] { return f }
        let f = TextFolding.fold(text)
        if folds.count < 200_000 { folds[text] = f }
        return f
    }
}

/// Gives each distinct word a small integer so token sets compare as sorted integer arrays.
/// Stop words have negative numbers, so one look-up both numbers a word and tells a stop word.
/// The numbers only need to be equal for equal words; they are given in item order (one
/// thread), so a build numbers words the same way whatever the number of cores.
final class TokenInterner {
    private var ids: [String: Int32]
    private var next: Int32 = 0
    /// The folding cache of the single-threaded path (``MatchFeatures/init(event:source:interner:)``).
    let folds = FoldCache()

    init() {
        ids = Self.stopWordIDs
    }

    /// The stop words' numbers (negative), which every interner and every ``LocalNumbering`` starts from.
    static let stopWordIDs: [String: Int32] =
        Dictionary(uniqueKeysWithValues: TextFolding.stopWords.enumerated().map { ($1, Int32(-1 - $0)) })

    func fold(_ text: String) -> String { folds.fold(text) }

    /// The word's number: negative for a stop word.
    func id(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = next
        next += 1
        ids[word] = id
        return id
    }
}

/// The words of a run of items numbered on one thread, as ``TokenInterner`` would but from 0
/// for this run alone: each distinct word once in `words`, in order of first sight, and the
/// number of every word looked up, in order, in `numbers` (stop words with the interner's
/// negative numbers). Numbering the runs' `words` with the interner one run after the other, in
/// item order, then gives every word the number the interner gives it looking the items up one
/// by one: the first sight of a word across the runs is its first sight in the earliest run
/// that has it.
struct LocalNumbering {
    private var ids = TokenInterner.stopWordIDs
    private(set) var words: [String] = []
    private(set) var numbers: [Int32] = []

    mutating func number(_ word: String) -> Int32 {
        let id: Int32
        if let known = ids[word] {
            id = known
        } else {
            id = Int32(words.count)
            ids[word] = id
            words.append(word)
        }
        numbers.append(id)
        return id
    }
}

/// Everything of ``MatchFeatures`` but the interned word numbers: the folding, splitting and
/// keys, which need no shared state, so they are made on every core (``Deduplicator``); the
/// words are then numbered on one thread, in item order.
struct MatchWords: Sendable {
    let source: String
    let folded: String
    /// The title's words, in order (stop words included: the interner tells them).
    let titleWords: [String]
    /// ``MatchFeatures/nameWords(_:folds:)`` of the title.
    let nameWords: [String]
    let trigrams: [UInt32]
    let language: String?
    let firstDay: Int
    let lastDay: Int
    let startSecond: Int?
    let urlKey: String?
    let urlHost: String?
    let alternateKeys: [String]
    let placeKey: String?
    let placeWords: [String]
    let localityKey: String?
    let localityWords: [String]
    let placeTown: String?
    let townWords: [String]
    let organizerKey: String?
    let organizerWords: [String]
    let online: Bool

    /// The day an event is compared on: its start's (carry-over by likeness compares events of
    /// one day, ``PreviousProgramme/Entry/firstDay``).
    static func day(of event: borrowing Event) -> Int { event.start.date.dayNumber }

    /// Calls `body` with every word ``MatchFeatures/init(words:number:)`` numbers, in its order.
    func forEachNumberedWord(_ body: (String) -> Void) {
        for list in [titleWords, nameWords, placeWords, organizerWords, localityWords, townWords] {
            for word in list { body(word) }
        }
    }

    init(event: borrowing Event, source: String, folds: FoldCache) {
        self.source = source
        folded = TextFolding.fold(event.title)
        titleWords = TextFolding.words(ofFolded: folded)
        nameWords = MatchFeatures.nameWords(event.title, folds: folds)
        trigrams = TextFolding.trigrams(ofFolded: folded)
        language = event.language.map { String($0.lowercased().prefix(2)) } ?? TextFolding.guessLanguage(words: titleWords)
        firstDay = Self.day(of: event)
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
        func words(_ folded: String?) -> [String] { folded.map { TextFolding.words(ofFolded: $0) } ?? [] }
        placeKey = loc?.name.map(folds.fold).flatMap { $0.isEmpty ? nil : $0 }
        placeWords = words(placeKey)
        localityKey = loc?.locality.map(folds.fold).flatMap { $0.isEmpty ? nil : $0 }
        localityWords = words(localityKey)
        placeTown = localityKey == nil ? loc?.name.flatMap { MatchFeatures.placeTown($0, folds: folds) } : nil
        townWords = words(placeTown)
        organizerKey = event.organizer?.name.map(folds.fold).flatMap { $0.isEmpty ? nil : $0 }
        organizerWords = words(organizerKey)
        online = event.attendanceMode == .online
    }
}

/// The comparable features of one event. Built once; compared many times (a class, so that
/// handing one to the matcher copies a reference, not fifteen fields). Immutable, so shared by
/// the threads that match candidates.
final class MatchFeatures: Sendable {
    /// The configured source ("" for a previous programme event).
    let source: String
    let folded: String
    /// The seven sorted integer sets below, end to end in one exactly sized array: one allocation
    /// per event instead of seven (with ~14,000 events, the arrays' headers and the allocator's
    /// rounding were a third of the features' memory). `ends[k]` is where set k ends.
    private let packed: [Int32]
    private let ends: (Int32, Int32, Int32, Int32, Int32, Int32, Int32)

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
    /// → `reims`, as RSS `ev:location` and iCalendar `LOCATION` write it); see ``placeTown(_:folds:)``.
    let placeTown: String?
    let organizerKey: String?
    /// Interned words of the organiser's name, sorted, unique.
    var organizerTokens: ArraySlice<Int32> { packed[Int(ends.3)..<Int(ends.4)] }
    /// Interned words of the place, town and organiser, sorted, unique: what can explain a
    /// name of another announcement's title ("… à Limoges" against a place in Limoges).
    var contextTokens: ArraySlice<Int32> { packed[Int(ends.4)..<Int(ends.5)] }
    /// Every word of ``townKey``, stop words included (their numbers are negative), sorted,
    /// unique: two towns share a word when these intersect (``EventMatcher/conflict(_:_:)``
    /// split and hashed both towns' text for each pair it compared, a third of the build).
    var townTokens: ArraySlice<Int32> { packed[Int(ends.5)..<Int(ends.6)] }
    let online: Bool

    static let maxRangeDays = 31

    /// Features of no event: what the build leaves in a slot it freed
    /// (``ParallelMap/release(_:placeholder:minimumPerThread:)``).
    static let placeholder = MatchFeatures(words: MatchWords(event: Event.placeholder, source: "", folds: FoldCache())) { _ in -1 }

    convenience init(event: borrowing Event, source: String, interner: TokenInterner) {
        self.init(words: MatchWords(event: event, source: source, folds: interner.folds), interner: interner)
    }

    convenience init(words w: borrowing MatchWords, interner: TokenInterner) {
        self.init(words: w, number: interner.id)
    }

    /// The features of `words`, each word's number asked of `number` in the order the
    /// single-threaded path always used: title, names, place, organiser, locality, town
    /// (``Deduplicator`` numbers a run of items first, then replays the numbers in this order).
    init(words w: borrowing MatchWords, number: (String) -> Int32) {
        source = w.source
        folded = w.folded
        trigrams = w.trigrams
        language = w.language
        firstDay = w.firstDay
        lastDay = w.lastDay
        startSecond = w.startSecond
        urlKey = w.urlKey
        urlHost = w.urlHost
        alternateKeys = w.alternateKeys
        placeKey = w.placeKey
        localityKey = w.localityKey
        placeTown = w.placeTown
        organizerKey = w.organizerKey
        online = w.online
        (packed, ends) = Self.packedSets(w, number: number)
    }

    /// The seven sets of ``packed`` and their ends, made in one scratch buffer (on the stack
    /// for an event's few dozen words) and copied once into an exactly sized array: each set
    /// was an array of its own, sorted into another and made unique into a third, some thirty
    /// allocations an event.
    ///
    /// Every word is numbered once, in the order the single-threaded path always used: title,
    /// names, place, organiser, locality, town (``Deduplicator`` numbers a run of items first,
    /// then replays the numbers in this order).
    private static func packedSets(_ w: borrowing MatchWords, number: (String) -> Int32)
        -> ([Int32], (Int32, Int32, Int32, Int32, Int32, Int32, Int32)) {
        let title = w.titleWords.count, name = w.nameWords.count, place = w.placeWords.count
        let organizer = w.organizerWords.count, locality = w.localityWords.count, town = w.townWords.count
        let numbered = title + name + place + organizer + locality + town
        // Room for the sets: tokens and numbers (title), names, place, organiser, context (place,
        // locality, town, organiser) and town (locality or town), before duplicates go.
        let room = 2 * title + name + 2 * place + 2 * organizer + locality + town + max(locality, town)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, numbered + room)) { scratch in
            let base = scratch.baseAddress!
            // The words' numbers, in numbering order.
            var k = 0
            func numberAll(_ words: [String]) {
                for word in words {
                    base[k] = number(word)
                    k += 1
                }
            }
            numberAll(w.titleWords)
            numberAll(w.nameWords)
            numberAll(w.placeWords)
            numberAll(w.organizerWords)
            numberAll(w.localityWords)
            numberAll(w.townWords)
            let titleIDs = UnsafeBufferPointer(start: base, count: title)
            let nameIDs = UnsafeBufferPointer(start: base + title, count: name)
            let placeIDs = UnsafeBufferPointer(start: base + title + name, count: place)
            let organizerIDs = UnsafeBufferPointer(start: placeIDs.baseAddress! + place, count: organizer)
            let localityIDs = UnsafeBufferPointer(start: organizerIDs.baseAddress! + organizer, count: locality)
            let townIDs = UnsafeBufferPointer(start: localityIDs.baseAddress! + locality, count: town)
            // The sets, end to end after the numbers: each appended, then sorted and made unique in place.
            let sets = base + numbered
            var count = 0, setStart = 0
            func add(_ ids: UnsafeBufferPointer<Int32>, keepStopWords: Bool = false) {
                for id in ids where keepStopWords || id >= 0 {
                    sets[count] = id
                    count += 1
                }
            }
            /// Sorts the set being made and makes it unique in place; returns its end.
            func close() -> Int32 {
                var set = UnsafeMutableBufferPointer(start: sets + setStart, count: count - setStart)
                set.sort()
                var kept = min(1, set.count)
                for i in set.indices.dropFirst() where set[i] != set[kept - 1] {
                    set[kept] = set[i]
                    kept += 1
                }
                count = setStart + kept
                setStart = count
                return Int32(count)
            }
            add(titleIDs)  // tokens: the title's words but stop words
            let tokensEnd = close()
            add(nameIDs, keepStopWords: true)  // names (none is a stop word)
            let namesEnd = close()
            for i in 0..<title where titleIDs[i] >= 0 && MatchFeatures.isNumber(w.titleWords[i]) {  // numbers
                sets[count] = titleIDs[i]
                count += 1
            }
            let numbersEnd = close()
            add(placeIDs)
            let placeEnd = close()
            add(organizerIDs)
            let organizerEnd = close()
            add(placeIDs)  // context: place, locality, town and organiser
            add(localityIDs)
            add(townIDs)
            add(organizerIDs)
            let contextEnd = close()
            // The town is the locality, else the town read from the place name (``townKey``),
            // stop words kept.
            add(w.localityKey != nil ? localityIDs : townIDs, keepStopWords: true)
            let townEnd = close()
            let packed = Array(UnsafeBufferPointer(start: sets, count: count))
            return (packed, (tokensEnd, namesEnd, numbersEnd, placeEnd, organizerEnd, contextEnd, townEnd))
        }
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
    static func placeTown(_ name: String, folds: FoldCache) -> String? {
        guard let comma = name.lastIndex(of: ",") else { return nil }
        var words = TextFolding.words(ofFolded: folds.fold(String(name[name.index(after: comma)...])))
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
        let ascii = key.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var end = -1
            for i in bytes.indices {
                let b = bytes[i]
                if b >= 0x80 { return nil }
                if end < 0 && (b == 0x2F || b == 0x3F) { end = i }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<(end < 0 ? bytes.count : end)]), as: UTF8.self)
        }
        if let host = ascii ?? nil { return host }
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
    static func nameWords(_ title: String, folds: FoldCache) -> [String] {
        var utf8 = title  // native already: `withUTF8` reads it in place
        return utf8.withUTF8 { bytes in
            // Below U+0300 every scalar is a character of its own (no combining marks, no
            // joiners), and it is one or two bytes: lead bytes from 0xCC up start U+0300 and
            // beyond. The same words as ``characterNameWords(_:folds:)``, read from the bytes,
            // without grapheme breaking.
            guard bytes.allSatisfy({ $0 < 0xCC }) else { return characterNameWords(title, folds: folds) }
            return simpleNameWords(bytes, folds: folds)
        }
    }

    /// ``nameWords(_:folds:)`` of UTF-8 whose scalars are all below U+0300.
    private static func simpleNameWords(_ bytes: UnsafeBufferPointer<UInt8>, folds: FoldCache) -> [String] {
        var out: [String] = []
        var first = true
        var start = -1  // the word's first byte; -1: between words
        var hasNumber = false, capital = false, ascii = true
        func endWord(_ end: Int) {
            // Only a word that can be a name is folded and checked against the stop words (each
            // word of each title was folded through the cache, a hashed look-up).
            if hasNumber || (!first && capital) {
                let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                // An ASCII word of letters and digits folds to itself lower-cased.
                let folded = ascii ? String(unsafeUninitializedCapacity: word.count) { lowered in
                    for k in word.indices { lowered[k] = word[k] &+ (word[k] >= 0x41 && word[k] <= 0x5A ? 0x20 : 0) }
                    return word.count
                } : folds.fold(String(decoding: word, as: UTF8.self))
                if !folded.isEmpty, !TextFolding.stopWords.contains(folded) { out.append(folded) }
            }
            first = false
            start = -1
            hasNumber = false
            ascii = true
        }
        let table = simpleScalarFlags
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            // Valid UTF-8 below U+0300: an ASCII byte, or a lead byte C2-CB and one continuation byte.
            let value = b < 0x80 ? Int(b) : Int(b & 0x1F) << 6 | Int(bytes[i + 1] & 0x3F)
            let flags = table[value]
            if flags & (letterFlag | numberFlag) != 0 {
                if start < 0 {
                    start = i
                    capital = flags & uppercaseFlag != 0
                }
                if flags & numberFlag != 0 { hasNumber = true }
                if b >= 0x80 { ascii = false }
            } else if start >= 0 {
                endWord(i)
            }
            i += b < 0x80 ? 1 : 2
        }
        if start >= 0 { endWord(bytes.count) }
        return out
    }

    private static let simpleScalarLimit: UInt32 = 0x300
    private static let letterFlag: UInt8 = 1, numberFlag: UInt8 = 2, uppercaseFlag: UInt8 = 4
    /// `Character.isLetter`, `isNumber` and `isUppercase` of each scalar below U+0300.
    private static let simpleScalarFlags: [UInt8] = (0..<simpleScalarLimit).map { v in
        let c = Character(Unicode.Scalar(v)!)
        return (c.isLetter ? letterFlag : 0) | (c.isNumber ? numberFlag : 0) | (c.isUppercase ? uppercaseFlag : 0)
    }

    /// ``nameWords(_:folds:)`` for any text, character by character.
    static func characterNameWords(_ title: String, folds: FoldCache) -> [String] {
        var out: [String] = []
        var first = true
        for raw in title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            defer { first = false }
            let word = String(raw)
            let folded = folds.fold(word)
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
