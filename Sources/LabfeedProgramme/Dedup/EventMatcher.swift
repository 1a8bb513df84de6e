// The pairwise rule: are two announcements the same real event? (docs/PROGRAMME.md, "Dedup")

import Foundation

/// Decides whether two events (already known to share a day) are one real event.
///
/// Hard "no" first: two timed starts more than an hour apart, or two different towns (a
/// locality, else the town a place name ends with: RSS and iCalendar give no locality). Then a
/// "yes" for pages that link each other (same URL, hreflang/alternate links) on the same first
/// day (within one source, only with alike titles: a page may announce several events). Then "no" when
/// both titles hold numbers and share none ("Session 1", "Session 2"), and, in one language, when
/// each title names something the other event does not (lab, guest) or the titles agree only on
/// the organiser and town both events give. Then a very similar title (≥ 0.8); a similar title
/// (≥ 0.5) with a shared place, organiser or site, or an exact start time when the place names
/// are not unlike, and never against unlike organisers;
/// or, across languages, at least two shared names or numbers with a shared place, organiser
/// or site (or three with the same town). Two items of one source merge only on a link or a
/// near-identical title (≥ 0.9), since one source lists an event once. A range that merely
/// contains the other's start day needs a very similar title.
enum EventMatcher {
    static let timeTolerance = 3600

    static func titleSimilarity(_ a: MatchFeatures, _ b: MatchFeatures) -> Double {
        if a.folded == b.folded { return 1 }
        let shared = SortedSets.intersectionCount(a.tokens, b.tokens)
        let union = a.tokens.count + b.tokens.count - shared
        let jaccard = union == 0 ? 0 : Double(shared) / Double(union)
        let sharedGrams = SortedSets.intersectionCount(a.trigrams, b.trigrams)
        let gramTotal = a.trigrams.count + b.trigrams.count
        let dice = gramTotal == 0 ? 0 : 2 * Double(sharedGrams) / Double(gramTotal)
        let smaller = min(a.tokens.count, b.tokens.count)
        // One title inside the other ("[Lab X] Atelier design" relayed as "Atelier design").
        let containment = smaller >= 3 ? Double(shared) / Double(smaller) * 0.85 : 0
        return max(jaccard, dice, containment)
    }

    static func conflict(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        if let s = a.startSecond, let t = b.startSecond, abs(s - t) > timeTolerance { return true }
        guard !a.online, !b.online else { return false }
        if let x = a.localityKey, let y = b.localityKey { return x != y }
        // A town read from the end of a place name ("Tiers-lieu de Reims, Reims" in an RSS
        // feed) against a locality or another such town: apart only when the towns share no
        // word and neither place names the other's town.
        if let x = a.townKey, let y = b.townKey {
            return !sharesTownWord(a, b) && !names(b.placeKey, town: x) && !names(a.placeKey, town: y)
        }
        return false
    }

    /// Whether the two events' towns (``MatchFeatures/townKey``) have a word in common:
    /// ``sharesWord(_:_:)`` of the two towns, on their word numbers (equal words, equal numbers;
    /// both towns' words are the words of their folded text, split at spaces).
    static func sharesTownWord(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        SortedSets.intersectionCount(a.townTokens, b.townTokens) > 0
    }

    /// Whether two folded texts have a word in common (the reference of ``sharesTownWord(_:_:)``).
    static func sharesWord(_ x: String, _ y: String) -> Bool {
        let words = Set(x.split(separator: " "))
        return y.split(separator: " ").contains { words.contains($0) }
    }

    /// Whether a folded place name holds a folded town as whole words.
    static func names(_ place: String?, town: String) -> Bool {
        guard let place else { return false }
        if let found = asciiNames(place, town: town) { return found }
        return " \(place) ".contains(" \(town) ")
    }

    /// ``names(_:town:)`` for ASCII texts (folded texts nearly always are), on their bytes:
    /// `String.contains` goes through Foundation's `range(of:)`, a third of the matcher's time.
    /// For ASCII, canonical equivalence (what that search honours) is byte equality. nil when
    /// either text is not ASCII, or the town is empty.
    ///
    /// The town is compared at each word start of the place only (its first byte, then after
    /// each space, found by `memchr`), and ASCII is checked eight bytes at a time: testing every
    /// byte of the place twice (ASCII, then a word start) was 34 M instructions of a cold
    /// build's 80,700 calls. `DeduplicatorTests` compares it with Foundation's search.
    static func asciiNames(_ place: String, town: String) -> Bool? {
        guard !town.isEmpty else { return nil }
        let space = UInt8(ascii: " ")
        let found = place.utf8.withContiguousStorageIfAvailable { p -> Bool? in
            town.utf8.withContiguousStorageIfAvailable { t -> Bool? in
                guard isASCII(p), isASCII(t) else { return nil }
                guard t.count <= p.count, let base = p.baseAddress, let town = t.baseAddress else { return false }
                let last = p.count - t.count  // the last start the town fits at
                var i = 0
                while i <= last {
                    // `i` is a word start (0, or just after a space).
                    if (i == last || p[i + t.count] == space) && memcmp(base + i, town, t.count) == 0 { return true }
                    guard let next = memchr(base + i, Int32(space), p.count - i) else { return false }
                    i = base.distance(to: UnsafePointer(next.assumingMemoryBound(to: UInt8.self))) + 1
                }
                return false
            } ?? nil
        }
        return found ?? nil
    }

    /// Whether every byte is below 0x80, read eight at a time.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i &+ 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i &+= 8
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 { return false }
            i &+= 1
        }
        return true
    }

    static func linked(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        if let x = a.urlKey, let y = b.urlKey {
            if x == y { return true }
            if a.alternateKeys.contains(y) || b.alternateKeys.contains(x) { return true }
        }
        return false
    }

    /// Same place name (same words in any order, or one inside the other; at least half the
    /// words shared), or the same town when a place name is missing, or both online.
    static func samePlace(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        if let x = a.placeKey, let y = b.placeKey {
            if x == y || x.contains(y) || y.contains(x) { return true }
            let shared = SortedSets.intersectionCount(a.placeTokens, b.placeTokens)
            let union = a.placeTokens.count + b.placeTokens.count - shared
            if union > 0 && Double(shared) / Double(union) >= 0.5 { return true }
        }
        if a.placeKey == nil || b.placeKey == nil, let x = a.localityKey, let y = b.localityKey, x == y { return true }
        return a.online && b.online
    }

    /// Whether the title of `a` holds a name (a word capitalised past the first, or a number)
    /// that `b` has neither in its title nor in its place, town or organiser.
    static func hasUnexplainedName(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        a.names.contains { !SortedSets.contains(b.tokens, $0) && !SortedSets.contains(b.contextTokens, $0) }
    }

    /// Two titles in one language that each name something the other event does not ("… avec
    /// Lab Ouest à Limoges" and "… avec Pôle Data à Limoges"): the names of labs, guests,
    /// projects tell events apart that share only their format and topic words ("Atelier",
    /// "santé publique"). Across languages titles name things differently ("Mois de
    /// l'Innovation Publique", "Public Innovation Month"): not used there.
    static func namesDiffer(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        hasUnexplainedName(a, b) && hasUnexplainedName(b, a)
    }

    /// Words both events give as their organiser, place or town, sorted.
    static func sharedContext(_ a: MatchFeatures, _ b: MatchFeatures) -> [Int32] {
        a.contextTokens.filter { SortedSets.contains(b.contextTokens, $0) }
    }

    /// Two titles in one language that agree only on who and where: once the words of the
    /// organiser, place or town both events give are set aside ("… avec Lab Seine à
    /// Limoges"), what is left (what the event is: "Table ronde commande publique",
    /// "Webinaire commande publique") shares under half its words and neither is inside the
    /// other. Only when a title held such words: otherwise the title similarity stands.
    static func whatDiffers(_ a: MatchFeatures, _ b: MatchFeatures, context: [Int32]) -> Bool {
        guard !context.isEmpty else { return false }
        let x = a.tokens.filter { !SortedSets.contains(context, $0) }
        let y = b.tokens.filter { !SortedSets.contains(context, $0) }
        guard x.count < a.tokens.count || y.count < b.tokens.count, !x.isEmpty, !y.isEmpty else { return false }
        let shared = SortedSets.intersectionCount(x, y)
        if shared == min(x.count, y.count) { return false }  // one title inside the other: a relay
        return Double(shared) / Double(x.count + y.count - shared) < 0.5
    }

    /// Both organisers given and unlike: no name inside the other, under half their words shared.
    static func organizersDiffer(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        guard let x = a.organizerKey, let y = b.organizerKey, x != y, !x.contains(y), !y.contains(x) else { return false }
        let shared = SortedSets.intersectionCount(a.organizerTokens, b.organizerTokens)
        let union = a.organizerTokens.count + b.organizerTokens.count - shared
        return union == 0 || Double(shared) / Double(union) < 0.5
    }

    static func sameTown(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        a.localityKey != nil && a.localityKey == b.localityKey
    }

    static func matches(_ a: MatchFeatures, _ b: MatchFeatures) -> Bool {
        if conflict(a, b) { return false }
        // One page may announce several events (a programme, an article naming the Mois and
        // the Journée des Labs): a shared URL means "same event" only on the same first day,
        // and within one source only for alike titles or one event told in two languages (a
        // bilingual post).
        let languagesDiffer = a.language != nil && b.language != nil && a.language != b.language
        if linked(a, b) && a.firstDay == b.firstDay
            && (a.source != b.source || languagesDiffer || titleSimilarity(a, b) >= 0.5) { return true }
        // "Session 1" and "Session 2", "n°5" and "n°305": numbers that differ tell events apart.
        if !a.numbers.isEmpty, !b.numbers.isEmpty, SortedSets.intersectionCount(a.numbers, b.numbers) == 0 { return false }
        let crossLanguage = languagesDiffer
        // Names on both sides that the other event does not explain: two events.
        if !crossLanguage && namesDiffer(a, b) { return false }
        // Titles alike only in naming the same organiser and town: two events of one lab.
        let context = sharedContext(a, b)
        if !crossLanguage && whatDiffers(a, b, context: context) { return false }
        let sim = titleSimilarity(a, b)
        if a.firstDay != b.firstDay { return sim >= 0.8 && a.source != b.source }
        let place = samePlace(a, b)
        let organizer = a.organizerKey != nil && a.organizerKey == b.organizerKey
        let otherOrganizer = organizersDiffer(a, b)
        // Two place names that are not alike: a coinciding start time means little then (a
        // dense programme has many events at 9:30 in one town).
        let otherPlace = a.placeKey != nil && b.placeKey != nil && !place
        let site = a.urlHost != nil && a.urlHost == b.urlHost
        let exactTime = a.startSecond != nil && a.startSecond == b.startSecond
        var crossNames = false
        if crossLanguage {
            let sharedNames = SortedSets.intersectionCount(a.names, b.names)
            let sharedTokens = SortedSets.intersectionCount(a.tokens, b.tokens)
            let smaller = max(1, min(a.tokens.count, b.tokens.count))
            crossNames = sharedNames >= 2 && Double(sharedTokens) / Double(smaller) >= 0.3
                && !otherOrganizer && (place || organizer || site || (sameTown(a, b) && sharedNames >= 3))
        }
        if a.source == b.source { return sim >= 0.9 || (crossNames && place) }
        if sim >= 0.8 { return true }
        // A similar title is one event with something else in common, never against unlike
        // organisers (titles that share their format and topic words).
        if sim >= 0.5 && !otherOrganizer && (place || organizer || site || (exactTime && !otherPlace)) { return true }
        return crossNames
    }
}
