// The shared pipeline over blocks (from HTML or plain text): languages, dates, the publication
// date, zones switched by headings ("Articles récents", "Commentaires"), then each date judged,
// the accepted ones built into events (EventAssembly) and every date explained.

import Foundation
import LabfeedCore
import LabfeedDates

struct ProseAnalysis {
    var blocks: [ProseBlock]
    let context: ProseContext
    let pageLanguage: String?
    /// From the context or the page's meta tags, before bylines are read.
    var publication: (date: CivilDate, source: String)?
    /// The publication date came from a byline after the dates were read
    /// (`findPublicationInPage`): only the dates with an inferred year were read again against
    /// it, so the others were read against another reference (TitleChooser.knownDates).
    private(set) var publicationFoundAfterDates = false
    let pageTitle: String?
    let mainContent: ProseMainContent
    /// The page's tree, for the paths of blocks that name their element (nil for plain text).
    let tree: HTMLTree?

    /// Each block's words, split on first use: blocks with no date (most paragraphs) are only
    /// read for their language, which votes on the bytes (LanguageVote.vote(text:)). The
    /// cache is shared by the copies; the texts are read from `blocks`.
    private let wordCache = BlockWords.Cache()
    var words: BlockWords { BlockWords(cache: wordCache, blocks: blocks) }
    /// Each block's language, chosen on first use (LanguageVote.Resolver): only blocks with a
    /// date and the blocks around them are read for it. A class, shared by the copies.
    private var languages = LanguageVote.Resolver(blocks: [], page: nil)
    /// Each block's sentences, split on first use: only blocks with a date need them, and
    /// splitting every block of a page was a fifth of its extraction time.
    private let sentenceCache = SentenceCache()
    /// Each block's dates (``BlockMatches``: most blocks have none).
    private(set) var matches = BlockMatches()
    private(set) var bylines: [Bool] = []
    /// The nearest heading above each block, in the same zone.
    private(set) var headingOf: [Int?] = []
    var warnings: [String] = []

    init(blocks: [ProseBlock], context: ProseContext, pageLanguage: String?, publication: (CivilDate, String)?,
         pageTitle: String?, mainContent: ProseMainContent, tree: HTMLTree? = nil) {
        self.blocks = blocks
        self.context = context
        self.pageLanguage = pageLanguage
        self.publication = publication.map { (date: $0.0, source: $0.1) }
        self.pageTitle = pageTitle
        self.mainContent = mainContent
        self.tree = tree
    }

    /// Where block `i` is, for `--explain` ("main > article.event > h3").
    func path(ofBlock i: Int) -> String {
        switch blocks[i].location {
        case .label(let label): label
        case .element(let e): tree?.path(of: e) ?? "element \(e)"
        }
    }

    /// The sentences of block `i` (its text does not change once the analysis runs).
    func sentences(of i: Int) -> [Range<String.Index>] {
        if let known = sentenceCache.known(i) { return known }
        let split = Words.sentences(blocks[i].text)
        sentenceCache.keep(split, for: i)
        return split
    }

    /// The reference day for years left out.
    var reference: CivilDate { publication?.date ?? context.fetchDate }

    /// The language chosen for block `i` (markup, vote, neighbours, page).
    func language(of i: Int) -> String {
        languages.language(i, texts: blocks)
    }

    func dateLanguage(_ i: Int) -> DateLanguage {
        DateLanguage(bcp47: blocks[i].markupLanguage ?? "") ?? DateLanguage(bcp47: language(of: i)) ?? .fr
    }

    private mutating func findDates(onlyInferred: Bool = false) {
        var found = BlockMatches(count: blocks.count)
        for i in blocks.indices {
            // The block's text read in place (a copy of the block for each was a tenth of this).
            if onlyInferred, i < matches.count, !matches[i].contains(where: \.yearInferred) {
                found.set(matches[i], times: matches.times(at: i), at: i)
                continue
            }
            guard blocks[i].store.hasDigit else { continue }
            let dc = DateContext(language: dateLanguage(i), reference: reference, referenceIsPublication: publication != nil,
                                 timeZone: context.timeZone)
            // The times of a block with a date are read from the same tokens (EventAssembly
            // asks for them to give a whole-day date its time): tokenizing the block again for
            // them was a tenth of making the events.
            let (dates, times) = DateEngine.findDatesThenTimes(in: blocks[i].text, context: dc)
            found.set(dates, times: times, at: i)
        }
        matches = found
    }

    /// Whether `text` holds an ASCII digit: the date engine only runs on blocks that do.
    static func hasDigit(_ text: String) -> Bool {
        UTF8Bytes.with(text) { hasDigit($0) }
    }

    /// ``hasDigit(_:)`` on bytes, eight at a time: it runs on every block of the page (most of
    /// them paragraphs without a digit), and the byte loop was a tenth of the prose reader.
    /// A byte is a digit when it XOR 0x30 is below 10; "has a byte below n" is the exact
    /// word test `(x - 0x01..01 * n) & ~x & 0x80..80 != 0` (n <= 128).
    static func hasDigit(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var i = 0
        // Four words per step while there are 32 bytes (the blocks without a digit, most of a
        // page's text, are read whole): the word test is exact for the word, so ORing four
        // words' answers is exact for the 32 bytes.
        while i + 32 <= b.count {
            var any: UInt64 = 0
            for k in stride(from: 0, to: 32, by: 8) {
                let x = raw.loadUnaligned(fromByteOffset: i + k, as: UInt64.self) ^ 0x3030_3030_3030_3030
                any |= (x &- 0x0A0A_0A0A_0A0A_0A0A) & ~x
            }
            if any & 0x8080_8080_8080_8080 != 0 { return true }
            i += 32
        }
        while i + 8 <= b.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x3030_3030_3030_3030
            if (x &- 0x0A0A_0A0A_0A0A_0A0A) & ~x & 0x8080_8080_8080_8080 != 0 { return true }
            i += 8
        }
        while i < b.count {
            if b[i] &- 0x30 < 10 { return true }
            i += 1
        }
        return false
    }

    mutating func run() -> ProseResult {
        wordCache.reset(count: blocks.count)
        languages = LanguageVote.Resolver(blocks: blocks, page: pageLanguage)
        sentenceCache.reset(count: blocks.count)
        // The head blocks, found once for both searches (the blocks do not change between them).
        var head: [Int]?
        publicationFromMarkedTime(head: &head)
        findDates()
        // A byline holds a date: blocks without one are not split into words for the test.
        bylines = blocks.indices.map { !matches[$0].isEmpty && Publication.isByline(blocks[$0], words: words[$0], matches: matches[$0]) }
        findPublicationInPage(head: &head)
        switchZonesByHeadings()
        linkHeadings()
        let assembly = EventAssembly(analysis: self)
        let (events, explanations) = assembly.run()
        return ProseResult(events: events, publicationDate: publication?.date, publicationSource: publication?.source,
                           mainContent: mainContent, explanations: explanations, warnings: warnings)
    }

    /// Blocks that may hold the article's byline: above the first long paragraph, not in a list.
    private var headBlocks: [Int] {
        // Asked of the bytes first: a text of fewer than 200 bytes has fewer than 200 characters,
        // one whose first 200 bytes are ASCII (no CR) has 200; the Characters counted only else.
        let firstLong = blocks.indices.first { blocks[$0].zone == .main && blocks[$0].store.hasAtLeast(characters: 200) }
            ?? blocks.count
        return blocks.indices.filter { i in
            i < firstLong && [.main, .meta, .outside, .header].contains(blocks[i].zone) && blocks[i].kind != .listItem
        }
    }

    /// ``headBlocks``, made once into `cache`.
    private func headBlocks(_ cache: inout [Int]?) -> [Int] {
        if let known = cache { return known }
        let found = headBlocks
        cache = found
        return found
    }

    /// A `<time datetime>` or `<abbr title>` in a block the page marks as metadata
    /// (`.published`, `.entry-date`, `.byline`), before dates are read.
    private mutating func publicationFromMarkedTime(head: inout [Int]?) {
        guard publication == nil else { return }
        for i in headBlocks(&head) where blocks[i].metaMarked {
            if let machine = blocks[i].machineDate, let day = Publication.isoDay(machine, zone: context.timeZone) {
                publication = (day, "byline <time>/<abbr> \(machine)")
                return
            }
        }
    }

    /// The first byline's date (with its year written) becomes the publication date when none
    /// was known; dates with an inferred year are then read again against it.
    private mutating func findPublicationInPage(head: inout [Int]?) {
        if publication == nil {
            for i in headBlocks(&head) {
                guard bylines[i], let m = matches[i].first, !m.yearInferred else { continue }
                publication = (m.start.date, "byline “\(blocks[i].text.shortened(to: 80))”")
                break
            }
            if publication != nil {
                publicationFoundAfterDates = true
                findDates(onlyInferred: true)
            }
        }
        // A byline is metadata, never a heading.
        for i in blocks.indices where bylines[i] && blocks[i].isHeading { blocks[i].kind = .paragraph }
    }

    private static let relatedHeadings = [
        "articles recents", "derniers articles", "a lire aussi", "a lire egalement", "lire aussi", "voir aussi",
        "sur le meme sujet", "dans la meme rubrique", "articles similaires", "articles lies", "related", "recent posts",
        "recent articles", "you may also like", "see also", "archives", "autres actualites", "actualites recentes",
        "dernieres actualites", "more news", "latest news", "derniers billets", "billets recents", "autres articles",
        "more posts", "read more", "a decouvrir aussi", "vous aimerez aussi", "ces articles peuvent vous interesser",
        "dans la meme categorie", "articles connexes", "publications recentes", "latest posts", "recent news",
    ]
    private static let commentHeadings = [
        "commentaires", "commentaire", "comments", "comment", "reponses", "reponse", "leave a reply", "laisser un commentaire",
        "laissez un commentaire", "un message un commentaire", "reagir", "leave a comment", "responses", "replies",
        "vos commentaires", "forum", "discussion", "ajouter un commentaire", "add new comment", "add a comment",
    ]

    /// Each heading with the prefix ("name ") and suffix (" name") the tests look for.
    private static let relatedPrefixes = relatedHeadings.map { (name: $0, prefix: $0 + " ") }
    private static let commentAffixes = commentHeadings.map { (name: $0, prefix: $0 + " ", suffix: " " + $0) }

    /// The entries of `headings` by their first word (or last, `last`). A folded heading
    /// equal to an entry, or starting with it and a space, starts with the entry's first word
    /// (the entries are ASCII, which no other characters are canonically equivalent to); one
    /// ending with a space and the entry ends with its last word. Only those entries are tested.
    private static func byWord(_ headings: [String], last: Bool = false) -> [String: [Int]] {
        var table: [String: [Int]] = [:]
        for (k, h) in headings.enumerated() {
            let words = h.split(separator: " ")
            table[String((last ? words.last : words.first) ?? ""), default: []].append(k)
        }
        return table
    }
    private static let relatedByFirst = byWord(relatedHeadings)
    private static let commentByFirst = byWord(commentHeadings)
    private static let commentByLast = byWord(commentHeadings, last: true)

    /// A word's slot in ``headingWordSlots``: its first byte and its length (capped).
    static func headingWordSlot(_ word: String) -> Int {
        Int(word.utf8.first ?? 0) &* 32 &+ min(word.utf8.count, 31)
    }

    /// ``headingWordSlot(_:)`` of a word read by ``Words/endWords(_:)``.
    static func headingWordSlot(_ word: Words.EndWord) -> Int {
        Int(word.firstByte) &* 32 &+ word.length
    }

    /// Whether heading `i` may switch the zone: its first or last word that is not a number
    /// has its slot set in ``headingWordSlots``. Read on the block's bytes; false means the
    /// tables' lookups in ``switchZonesByHeadings()`` would find nothing (or that there is no
    /// such word), so the heading need not be split into words for them.
    func headingMaySwitch(_ i: Int) -> Bool {
        var memo = HeadingMemo()
        return headingMaySwitch(i, memo: &memo)
    }

    /// ``headingMaySwitch(_:)``, the answer for the same bytes as the heading asked before
    /// reused (a list of cards repeats its label heading: "Actualité" 95 times a page).
    func headingMaySwitch(_ i: Int, memo: inout HeadingMemo) -> Bool {
        blocks[i].store.withBytes { b in
            if let known = memo.answer(for: b) { return known }
            let answer = ProseAnalysis.headingMaySwitch(bytes: b)
            memo.keep(answer, for: b)
            return answer
        }
    }

    /// ``headingMaySwitch(_:)`` of a heading's bytes.
    static func headingMaySwitch(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let ends = asciiEndWords(b) ?? Words.endWords(b) else { return false }
        return headingWordSlots[headingWordSlot(ends.first)] || headingWordSlots[headingWordSlot(ends.last)]
    }

    /// The last heading's bytes asked to ``headingMaySwitch(_:memo:)`` and its answer (one
    /// buffer, reused).
    struct HeadingMemo {
        private var bytes: [UInt8] = []
        private var known: Bool?

        func answer(for b: UnsafeBufferPointer<UInt8>) -> Bool? {
            guard let known, b.count == bytes.count else { return nil }
            return bytes.withUnsafeBufferPointer { mine in
                b.count == 0 || memcmp(mine.baseAddress!, b.baseAddress!, b.count) == 0
            } ? known : nil
        }

        mutating func keep(_ answer: Bool, for b: UnsafeBufferPointer<UInt8>) {
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: b)
            known = answer
        }
    }

    /// ``Words/endWords(_:)`` read from the two ends of a heading, where the scan read every
    /// byte of every heading of the main content (20 M of the 200 pages): from each end, runs of
    /// ASCII letters and digits between ASCII bytes that are neither (or the text's end) are
    /// its words; runs of digits only are numbers and passed over; the first run holding a
    /// letter is the word, whose folded form is its bytes in lower case. Nil (the scan
    /// answers) as soon as a byte past ASCII is met before both words are read, since a word
    /// may then hold, or be, other scalars.
    static func asciiEndWords(_ b: UnsafeBufferPointer<UInt8>) -> (first: Words.EndWord, last: Words.EndWord)?? {
        let n = b.count
        // A text that starts or ends past ASCII: the scan at once (no word read twice).
        guard n > 0, b[0] < 0x80, b[n - 1] < 0x80 else { return n == 0 ? .some(nil) : nil }
        var first: Words.EndWord?
        var i = 0
        while i < n {
            let c = b[i]
            if c >= 0x80 { return nil }
            guard isASCIILetterOrDigit(c) else { i += 1; continue }
            var j = i + 1, letter = isASCIILetter(c)
            while j < n, isASCIILetterOrDigit(b[j]) { letter = letter || isASCIILetter(b[j]); j += 1 }
            if j < n, b[j] >= 0x80 { return nil }
            if letter {
                first = Words.EndWord(firstByte: lowered(c), length: min(j - i, 31))
                break
            }
            i = j
        }
        // No word but numbers, all of ASCII: the scan finds none either.
        guard let first else { return .some(nil) }
        var k = n
        while k > i {
            let c = b[k - 1]
            if c >= 0x80 { return nil }
            guard isASCIILetterOrDigit(c) else { k -= 1; continue }
            var j = k - 1, letter = isASCIILetter(c)
            while j > 0, isASCIILetterOrDigit(b[j - 1]) { letter = letter || isASCIILetter(b[j - 1]); j -= 1 }
            if j > 0, b[j - 1] >= 0x80 { return nil }
            if letter { return .some((first, Words.EndWord(firstByte: lowered(b[j]), length: min(k - j, 31)))) }
            k = j
        }
        return nil
    }

    @inline(__always)
    private static func isASCIILetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }

    @inline(__always)
    private static func isASCIILetterOrDigit(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 }

    @inline(__always)
    private static func lowered(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// Whether any first or last word of the three tables above has this slot: false means the
    /// word is in none of them (a word of a table always has its slot set).
    static let headingWordSlots: [Bool] = {
        var slots = [Bool](repeating: false, count: 256 * 32)
        for word in Array(relatedByFirst.keys) + Array(commentByFirst.keys) + Array(commentByLast.keys) {
            slots[headingWordSlot(word)] = true
        }
        return slots
    }()

    /// Blocks under a "Articles récents" or "Commentaires" heading inside the main content
    /// belong to that area, until a heading of the same or a higher level.
    private mutating func switchZonesByHeadings() {
        var active: (zone: ProseZone, level: Int)?
        var memo = HeadingMemo()
        for i in blocks.indices where blocks[i].zone == .main {
            if let level = blocks[i].headingLevel {
                if let a = active, level <= a.level { active = nil }
                if level >= 2 || mainContent.path == "plain text", headingMaySwitch(i, memo: &memo) {
                    // Folded only for the headings that can switch: the words joined for every
                    // heading, and each list entry concatenated per test, were 4% of a page.
                    let w = words[i]
                    guard let f = w.firstIndex(where: { !$0.isNumber }), let l = w.lastIndex(where: { !$0.isNumber }) else {
                        if let a = active { blocks[i].zone = a.zone }
                        continue
                    }
                    let firstWord = w[f].norm, lastWord = w[l].norm
                    // Most headings start and end with words no entry starts or ends with: the
                    // slot filter tells them apart without hashing the words three times.
                    let maybeFirst = ProseAnalysis.headingWordSlots[ProseAnalysis.headingWordSlot(firstWord)]
                    let maybeLast = ProseAnalysis.headingWordSlots[ProseAnalysis.headingWordSlot(lastWord)]
                    let related = maybeFirst ? ProseAnalysis.relatedByFirst[firstWord] ?? [] : []
                    let comment = (maybeFirst ? ProseAnalysis.commentByFirst[firstWord] ?? [] : [])
                        + (maybeLast ? ProseAnalysis.commentByLast[lastWord] ?? [] : [])
                    if !related.isEmpty || !comment.isEmpty {
                        let folded = w.filter { !$0.isNumber }.map(\.norm).joined(separator: " ")
                        if related.contains(where: { k in
                            let h = ProseAnalysis.relatedPrefixes[k]
                            return folded == h.name || folded.hasPrefix(h.prefix)
                        }) {
                            active = (.related, level)
                        } else if comment.contains(where: { k in
                            let h = ProseAnalysis.commentAffixes[k]
                            return folded == h.name || folded.hasPrefix(h.prefix) || folded.hasSuffix(h.suffix)
                        }) {
                            active = (.comment, level)
                        }
                    }
                }
                if let a = active { blocks[i].zone = a.zone }
            } else if let a = active {
                blocks[i].zone = a.zone
            }
        }
    }

    private mutating func linkHeadings() {
        headingOf = Array(repeating: nil, count: blocks.count)
        var last: Int?
        for i in blocks.indices {
            headingOf[i] = last.flatMap { blocks[$0].zone == blocks[i].zone ? $0 : nil }
            if blocks[i].isHeading, !bylines[i] { last = i }
        }
    }

    /// The blocks of the same list item or card as block `i` (itself included), in order: a
    /// range (an array of the indices was made three times per event).
    func groupMembers(_ i: Int) -> ClosedRange<Int> {
        guard let g = blocks[i].group else { return i...i }
        var lo = i, hi = i
        while lo > 0, blocks[lo - 1].group == g, i - lo < 8 { lo -= 1 }
        while hi + 1 < blocks.count, blocks[hi + 1].group == g, hi - i < 8 { hi += 1 }
        return lo...hi
    }

    /// The sentence and word spans of a date.
    func site(block i: Int, match m: DateMatch) -> DateSite {
        let text = blocks[i].text
        let w = words[i]
        var lower = m.range.lowerBound, upper = m.range.upperBound
        for s in sentences(of: i) where s.overlaps(m.range) || s.contains(m.range.lowerBound) {
            lower = min(lower, s.lowerBound)
            upper = max(upper, s.upperBound)
        }
        let sentence = lower..<upper
        let sw = wordRange(w, sentence)
        let dw = wordRange(w, m.range)
        var window = sw
        let others = sw.count - dw.count
        let short = blocks[i].kind == .listItem || blocks[i].kind == .tableRow || w.count <= 40
        if others <= 3 && short { window = 0..<w.count }
        _ = text
        return DateSite(block: i, match: m, sentence: sentence, sentenceWords: sw, dateWords: dw, window: window)
    }

    func wordRange(_ w: [Word], _ r: Range<String.Index>) -> Range<Int> {
        var a = w.count, b = 0
        for (k, word) in w.enumerated() where word.range.overlaps(r) {
            a = min(a, k)
            b = max(b, k + 1)
        }
        if a >= b {
            let at = w.firstIndex { $0.range.lowerBound >= r.lowerBound } ?? w.count
            return at..<at
        }
        return a..<b
    }
}

/// The dates of each block of an analysis: an index per block into the lists of the blocks
/// that have dates (-1: none). One array of dates per block, nearly all of them empty, was
/// freed element by element when the analysis ended. A block with dates also keeps its times
/// (``DateEngine/findTimes(in:language:)`` in the block's date language), read with them.
struct BlockMatches {
    private var slots: [Int32] = []
    private var lists: [[DateMatch]] = []
    private var times: [[TimeMatch]] = []

    init() {}

    /// `count` blocks without dates.
    init(count: Int) {
        slots = Array(repeating: -1, count: count)
    }

    var count: Int { slots.count }

    /// The number of dates of all blocks.
    var dateCount: Int { lists.reduce(0) { $0 + $1.count } }

    /// The dates of block `i` (empty for none).
    subscript(i: Int) -> [DateMatch] {
        let k = slots[i]
        return k < 0 ? [] : lists[Int(k)]
    }

    /// The number of dates of block `i`, read without the list.
    func count(at i: Int) -> Int {
        let k = slots[i]
        return k < 0 ? 0 : lists[Int(k)].count
    }

    /// The times of block `i` when it has dates (all of them, dates overlapping them or not),
    /// else nil: not looked for.
    func times(at i: Int) -> [TimeMatch]? {
        let k = slots[i]
        return k < 0 ? nil : times[Int(k)]
    }

    /// Sets the dates of block `i` and, when it has some, its times (set once per block).
    mutating func set(_ dates: [DateMatch], times blockTimes: [TimeMatch]?, at i: Int) {
        guard !dates.isEmpty, let blockTimes else { return }
        slots[i] = Int32(lists.count)
        lists.append(dates)
        times.append(blockTimes)
    }
}

/// The sentences of an analysis's blocks as they are first asked for. A class, so that the
/// copies of the analysis (EventAssembly holds one) share what was split. Each block's entry
/// is an index into the splits made (an array of optional arrays, one per block, was freed
/// element by element through the generic optional's destroy).
final class SentenceCache {
    // Without the run-time exclusivity check (a call per access): the cache belongs to one
    // analysis on one thread, and each access reads or writes one element or appends.
    @exclusivity(unchecked) private var slots: [Int32] = []
    @exclusivity(unchecked) private var made: [[Range<String.Index>]] = []

    func reset(count: Int) {
        slots = Array(repeating: -1, count: count)
        made = []
    }

    func known(_ i: Int) -> [Range<String.Index>]? {
        let k = slots[i]
        return k < 0 ? nil : made[Int(k)]
    }

    func keep(_ split: [Range<String.Index>], for i: Int) {
        slots[i] = Int32(made.count)
        made.append(split)
    }
}

/// The words of an analysis's blocks, split as they are first asked for (`words[i]`): a view
/// of the analysis's blocks and of its ``Cache``, which its copies share. The blocks' texts do
/// not change once the analysis runs; the view reads them from the blocks (a copy of every
/// block's text store, kept in the cache, was made and released per block).
struct BlockWords {
    /// The splits made, by block: an index into `made` per block (-1: not split yet).
    final class Cache {
        // Without the run-time exclusivity check, as ``SentenceCache``'s.
        @exclusivity(unchecked) fileprivate var slots: [Int32] = []
        @exclusivity(unchecked) fileprivate var made: [[Word]] = []

        func reset(count: Int) {
            slots = Array(repeating: -1, count: count)
            made = []
        }
    }

    private let cache: Cache
    private let blocks: [ProseBlock]

    init(cache: Cache, blocks: [ProseBlock]) {
        self.cache = cache
        self.blocks = blocks
    }

    /// The words of each text, split on first use (tests).
    init(texts: [String]) {
        blocks = texts.map { ProseBlock(kind: .paragraph, text: $0, zone: .main, path: "") }
        cache = Cache()
        cache.reset(count: texts.count)
    }

    subscript(i: Int) -> [Word] {
        let k = cache.slots[i]
        if k >= 0 { return cache.made[Int(k)] }
        // The text read through the store (`blocks[i].text` copied the whole block first).
        let split = Words.split(blocks[i].store.string)
        cache.slots[i] = Int32(cache.made.count)
        cache.made.append(split)
        return split
    }
}
