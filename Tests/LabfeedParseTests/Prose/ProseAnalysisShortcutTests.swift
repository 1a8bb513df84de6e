// The prose analysis's shortcuts of branch pageperf19 against the code they answer for, kept
// here as the references: the heading zone switch's end words read on bytes
// (`Words.endWords`) against the first and last non-number words of `Words.split`. Edge
// pieces (numbers, combining marks alone, letters folding to two bytes or past 31 bytes) and
// pseudo-random texts (fixed seed, bounded counts). Its own shortcut of branch pageperf24
// (`ProseAnalysis.asciiEndWords`, from the two ends of a heading) against `Words.endWords`,
// and the last heading's answer reused for the same bytes (`HeadingMemo`).

@testable import LabfeedParse
import LabfeedCore
import LabfeedTestSupport
import Testing

struct ProseAnalysisShortcutTests {
    static let pieces = ["a", "B", "é", "É", "ß", "Œ", "ﬁ", "\u{130}", "\u{212A}", "1", "2026", " ", "-", "'", "’", "\u{301}",
                         "\u{301}\u{300}", "日本", "😀", "n°", "1º", "\u{A0}", "\n", ",", "Articles", "récents", "commentaires",
                         String(repeating: "x", count: 40), String(repeating: "ÿ", count: 30), "Ǆ", "Ⅻ", "٣", "½"]

    /// What the zone switch read before: the split's first and last words that are not numbers.
    static func reference(_ text: String) -> (first: Words.EndWord, last: Words.EndWord)? {
        let w = Words.split(text)
        guard let f = w.firstIndex(where: { !$0.isNumber }), let l = w.lastIndex(where: { !$0.isNumber }) else { return nil }
        func end(_ word: Word) -> Words.EndWord {
            Words.EndWord(firstByte: word.norm.utf8.first ?? 0, length: min(word.norm.utf8.count, 31))
        }
        return (end(w[f]), end(w[l]))
    }

    static func expectSame(_ text: String) {
        let new = Array(text.utf8).withUnsafeBufferPointer { Words.endWords($0) }
        let old = reference(text)
        #expect(new?.first == old?.first && new?.last == old?.last, "\(text.debugDescription)")
        if let new, let old {
            // The slot the table is asked for is the slot of the String the split made.
            #expect(ProseAnalysis.headingWordSlot(new.first) == ProseAnalysis.headingWordSlot(Words.split(text).first { !$0.isNumber }!.norm))
            #expect(ProseAnalysis.headingWordSlot(new.last) == ProseAnalysis.headingWordSlot(old.last))
        }
    }

    @Test func headingEndWordsOnBytesAreTheSplitsOnes() {
        for text in ["", " ", "2026", "12 - 14", "\u{301}", "\u{301} 12", "Articles récents", "  Commentaires (3)",
                     "3 commentaires", "À lire aussi", "Œuvres 2024", "2024 Œuvres", "ß", String(repeating: "é", count: 40),
                     "x \u{301}", "\u{301}x", "Leave a reply", "n° 5", "1º", "\u{212A}elvin", "İstanbul 12"] {
            Self.expectSame(text)
        }
        for a in Self.pieces {
            for b in Self.pieces {
                Self.expectSame(a + b)
                Self.expectSame(a + " 12 " + b)
            }
        }
    }

    @Test func randomHeadingEndWordsAreTheSplitsOnes() {
        var random = Xorshift64(seed: 0x5EED_0019_0001)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(12) { text += random.element(of: Self.pieces) }
            Self.expectSame(text)
        }
    }
}

/// `ProseAnalysis.asciiEndWords` (a heading's end words read from its two ends, pageperf24)
/// against `Words.endWords` (the scan of every byte, itself checked against the split above):
/// whenever the shortcut answers, the answers are equal; pieces at both ends that stop the
/// shortcut (non-ASCII letters, combining marks, digits, punctuation) and pseudo-random texts.
struct HeadingEndWordsShortcutTests {
    static let pieces = ["a", "B", "z", "Z", "é", "É", "\u{301}", "1", "2026", " ", "-", "'", "’", ":", "(3)", "\u{A0}", "\n",
                         "Articles", "récents", "Commentaires", "comments", "Leave", "a", "reply", "LIRE", "aussi",
                         "x2", "2x", "ß", "日本", "😀", "À", String(repeating: "y", count: 40), "Ǆ", "İ", "\u{212A}", "_", "@"]

    /// Checks the shortcut against the scan; whether it answered.
    @discardableResult
    static func expectSame(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { b in
            let scan = Words.endWords(b)
            guard let fast = ProseAnalysis.asciiEndWords(b) else { return false }
            #expect(fast?.first == scan?.first && fast?.last == scan?.last, "\(text.debugDescription)")
            #expect((fast == nil) == (scan == nil), "\(text.debugDescription)")
            return true
        }
    }

    @Test func endWordsFromTheEndsAreTheScansOnes() {
        var answered = 0
        for text in ["", "a", "Z", "Commentaires", "Articles récents", "Leave a reply", "Comments (3)", "3 comments",
                     "Atelier 2026", "Atelier 2026 x", "Z9", "ab-cd", "Événements à venir", "À lire aussi", "lire aussi À",
                     "x\u{301}", "\u{301}x", "Ligne\nsuivante", String(repeating: "Y", count: 40) + " fin"] {
            if Self.expectSame(text) { answered += 1 }
        }
        for a in Self.pieces {
            for b in Self.pieces {
                for c in Self.pieces.prefix(12) {
                    if Self.expectSame(a + b + " " + c) { answered += 1 }
                    if Self.expectSame(c + " " + a + b) { answered += 1 }
                }
            }
        }
        #expect(answered > 2_000)
    }

    /// What the zone switch asked before the shortcut and the memo: the scan's end words' slots.
    static func mayScan(_ text: String) -> Bool {
        guard let ends = Array(text.utf8).withUnsafeBufferPointer({ Words.endWords($0) }) else { return false }
        return ProseAnalysis.headingWordSlots[ProseAnalysis.headingWordSlot(ends.first)]
            || ProseAnalysis.headingWordSlots[ProseAnalysis.headingWordSlot(ends.last)]
    }

    @Test func headingsAskedInARowAreAnsweredAsEachAlone() {
        // Repeated headings, the same bytes but one, one byte longer or shorter, empty ones.
        let headings = ["Actualité", "Actualité", "Actualite", "Actualités", "Actualit", "Commentaires", "Commentaires", "",
                        "", "Articles récents", "Articles récent", "Articles récents", "A", "B", "A", "Leave a reply",
                        "Leave a replz", "Leave a reply", "Actualité", "3 commentaires", "3 commentaires"]
        var random = Xorshift64(seed: 0x5EED_0024_0002)
        var sequence = headings
        for _ in 0..<2_000 { sequence.append(random.next(3) == 0 ? sequence[sequence.count - 1] : random.element(of: headings + Self.pieces)) }
        let blocks = sequence.map { ProseBlock(kind: .heading(2), text: $0, zone: .main, path: "h2") }
        let analysis = ProseAnalysis(blocks: blocks, context: ProseContext(fetchDate: CivilDate(year: 2026, month: 11, day: 20)),
                                     pageLanguage: nil, publication: nil, pageTitle: nil,
                                     mainContent: ProseMainContent(path: "body", reason: "test", textLength: 0, linkDensity: 0, blockCount: 0))
        var memo = ProseAnalysis.HeadingMemo()
        for (i, text) in sequence.enumerated() {
            let expected = Self.mayScan(text)
            #expect(analysis.headingMaySwitch(i, memo: &memo) == expected, "\(text.debugDescription)")
            #expect(analysis.headingMaySwitch(i) == expected, "\(text.debugDescription)")
        }
        #expect(sequence.contains { Self.mayScan($0) } && sequence.contains { !Self.mayScan($0) })
    }

    @Test func randomEndWordsFromTheEndsAreTheScansOnes() {
        var random = Xorshift64(seed: 0x5EED_0024_0001)
        var answered = 0
        for _ in 0..<6_000 {
            var text = ""
            for _ in 0..<random.next(10) { text += random.element(of: Self.pieces) + (random.next(3) == 0 ? " " : "") }
            if Self.expectSame(text) { answered += 1 }
        }
        #expect(answered > 300)
    }
}

/// `PhraseTable.hits` with its (first byte, length) slot filter against the Dictionary lookup of
/// every word (`hitsByHashing`), on the cue table's own phrases, their words cut, lengthened and
/// mixed with other words, and pseudo-random word sequences.
struct PhraseTableSlotTests {
    static func expectSame(_ text: String) {
        let words = Words.split(text)
        let new = Cues.table.hits(in: words), old = Cues.table.hitsByHashing(in: words)
        #expect(new.count == old.count, "\(text.debugDescription)")
        for (a, b) in zip(new, old) {
            #expect(a.start == b.start && a.end == b.end && a.payload == b.payload && a.label == b.label, "\(text.debugDescription)")
        }
        if words.count > 2 {
            let r = 1..<(words.count - 1)
            #expect(Cues.table.hits(in: words, range: r).map(\.start) == Cues.table.hitsByHashing(in: words, range: r).map(\.start))
        }
    }

    /// Every alternative of every phrase of the cue table, as text.
    static let phrases: [String] = Cues.specs.flatMap { spec, _ in
        PhraseTable<Cue>.slots(spec).reduce([""]) { acc, slot in acc.flatMap { p in slot.map { p.isEmpty ? $0 : p + " " + $0 } } }
    }

    @Test func everyPhraseOfTheTableIsFoundAsBefore() {
        #expect(Self.phrases.count > 300)
        for p in Self.phrases {
            Self.expectSame(p)
            Self.expectSame("Le " + p + " du 12 mars")
            Self.expectSame(p + "s " + p.dropLast())
            Self.expectSame("x" + p + " " + p.uppercased())
        }
        // A phrase of plain words is found on its own, its words joined as the hit's label.
        for p in Self.phrases where p.allSatisfy({ $0 == " " || $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            let hits = Cues.table.hits(in: Words.split(p))
            #expect(hits.first.map { $0.start == 0 && $0.label == p } ?? false, "\(p)")
        }
    }

    @Test func randomWordSequencesAreFoundAsBefore() {
        var random = Xorshift64(seed: 0x5EED_0019_0002)
        let words = Array(Set(Self.phrases.flatMap { $0.split(separator: " ").map(String.init) })).sorted()
            + ["le", "la", "de", "2026", "é", "Événement", "journée", "ß", "日本", "aa", "zz", "ateliers-débats"]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(14) { text += random.element(of: words) + (random.next(5) == 0 ? ", " : " ") }
            Self.expectSame(text)
        }
    }
}

/// `Words.sentences` read on bytes (`sentencesByScalars`) against the Character reading it
/// replaces (`sentencesByCharacters`), and the premise that lets it: each scalar it accepts is a
/// Character of its own next to any other, and equals none of the Characters the reading compares
/// unless it is that scalar.
struct SentenceScalarTests {
    /// The scalars `isLoneCharacterScalar` accepts, and a few on either side of each range.
    static let accepted: [Unicode.Scalar] = (0..<0x2100).compactMap { v in
        guard Words.isLoneCharacterScalar(UInt32(v)), let u = Unicode.Scalar(UInt32(v)) else { return nil }
        return u
    }

    @Test func everyAcceptedScalarIsACharacterOfItsOwn() {
        #expect(!Words.isLoneCharacterScalar(0x0D) && !Words.isLoneCharacterScalar(0x300) && !Words.isLoneCharacterScalar(0x200D))
        #expect(!Words.isLoneCharacterScalar(0x2028) && !Words.isLoneCharacterScalar(0x205F) && Words.isLoneCharacterScalar(0x2026))
        let targets: [Character] = ["\n", ".", "!", "?", "…", "»", "\"", ")", "”", "’", " ", "\u{A0}", "\t"]
        for u in Self.accepted {
            let c = Character(u)
            for t in targets { #expect((c == t) == (String(u) == String(t) && u == t.unicodeScalars.first!), "\(u.value)") }
        }
        // Every pair of accepted scalars is two Characters (a sample of the 0x3A0 x 0x3A0 pairs:
        // every scalar against every 7th and against the ASCII and punctuation ones).
        let sample = Self.accepted.enumerated().filter { $0.offset % 7 == 0 || $0.element.value < 0x80 || $0.element.value >= 0x2010 }.map(\.element)
        for a in Self.accepted {
            for b in sample {
                var s = String(a)
                s.unicodeScalars.append(b)
                #expect(s.count == 2, "\(a.value) \(b.value)")
                var t = String(b)
                t.unicodeScalars.append(a)
                #expect(t.count == 2, "\(b.value) \(a.value)")
            }
        }
    }

    static func expectSame(_ text: String) {
        let old = Words.sentencesByCharacters(text)
        #expect(Words.sentences(text) == old, "\(text.debugDescription)")
        if let new = Words.sentencesByScalars(text) { #expect(new == old, "\(text.debugDescription)") }
    }

    static let pieces = ["Le", "atelier", "M", "Dr", "J", "n°", "12", "2026", ".", "..", "!", "?", "…", "»", "«", "\"", ")", "(",
                         "”", "“", "’", "'", " ", "  ", "\u{A0}", "\t", "\n", "\n\n", "É", "été", "à", "-", "–", "—", "•", "*",
                         "€", "‰", "e\u{301}", "\r\n", "\r", "😀", "\u{200D}", "日", "Ⅻ", "ß", "İ", "\u{2028}", "²", "½", "x.Y"]

    @Test func sentencesOnBytesAreTheCharactersOnes() {
        for text in ["", " ", ".", "Le 12 mars. Puis le 14.", "M. Dupont vient. Dr. Who aussi !", "Fin… Suite", "Quoi ?» Oui.",
                     "A.\nB", "A. b", "A.  B", "A.\u{A0}B", "A.\tB", "A.)\" B", "Le 1er. 2e jour", "« Titre. » Suite",
                     "J. Dupont. Atelier", "n°. 5", "Vol. 2. Fin", "été. Été", "a.\r\nB", "café.\u{301} B", "x\u{2028}. Y",
                     "Atelier — 12 h. • Lieu : Lyon. 15 €.", "Rendez-vous le 8 novembre 2026 ! Inscriptions ouvertes."] {
            Self.expectSame(text)
        }
        for a in Self.pieces {
            for b in Self.pieces {
                Self.expectSame(a + ". " + b)
                Self.expectSame(a + b + "! X")
            }
        }
    }

    @Test func randomSentencesOnBytesAreTheCharactersOnes() {
        var random = Xorshift64(seed: 0x5EED_0019_0003)
        var fast = 0
        for _ in 0..<4_000 {
            var text = ""
            // Mostly pieces of accepted scalars, now and then one the byte reading leaves.
            for _ in 0..<random.next(30) {
                let piece = random.element(of: Self.pieces)
                if piece.unicodeScalars.allSatisfy({ Words.isLoneCharacterScalar($0.value) }) || random.next(12) == 0 { text += piece }
            }
            Self.expectSame(text)
            if Words.sentencesByScalars(text) != nil { fast += 1 }
        }
        #expect(fast > 800)
    }
}

/// `trimmingTrailingPunctuation` and `trimmingLeadingPunctuation` on bytes against their
/// Character walks (`...ByCharacters`, kept as the references): every separator, ASCII white
/// space, CR LF, combining marks and "prepend" scalars next to the ASCII ends, and random texts.
struct PunctuationTrimTests {
    static let pieces = [",", ":", ";", "-", "–", "—", "|", "/", "(", ")", "•", "·", "*", " ", "  ", "\t", "\n", "\r", "\r\n",
                         "\u{B}", "\u{C}", "\u{A0}", "\u{85}", "\u{2028}", "a", "É", "é", "e\u{301}", "\u{301}", "\u{600}",
                         "\u{600}x", "x\u{301}", "12", "Atelier", "日", "😀", "\u{200D}", "\"", ".", "!", "\u{E9}-", "-\u{301}"]

    static func expectSame(_ text: String) {
        #expect(text.trimmingTrailingPunctuation() == text.trimmingTrailingPunctuationByCharacters(), "\(text.debugDescription)")
        #expect(text.trimmingLeadingPunctuation() == text.trimmingLeadingPunctuationByCharacters(), "\(text.debugDescription)")
    }

    @Test func trimsOnBytesAreTheCharactersOnes() {
        for a in Self.pieces {
            for b in Self.pieces {
                for c in Self.pieces {
                    Self.expectSame(a + b + c)
                }
            }
        }
        #expect("Atelier : ".trimmingTrailingPunctuation() == "Atelier")
        #expect(" - (Atelier".trimmingLeadingPunctuation() == "(Atelier")
        #expect("* ) Atelier (".trimmingLeadingPunctuation() == "Atelier (")
    }

    @Test func randomTrimsAreTheCharactersOnes() {
        var random = Xorshift64(seed: 0x5EED_0019_0004)
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<random.next(10) { text += random.element(of: Self.pieces) }
            Self.expectSame(text)
        }
    }
}

/// `PlaceFinder.isPreposition` (a length guard, then the list) against the list's own
/// `contains`, on every folded word of random texts and on near misses.
struct PlacePrepositionTests {
    @Test func prepositionTestIsTheListsContains() {
        var norms = PlaceFinder.prepositions + ["", "à", "À", "aux", "auxx", "inside", "insides", "within", "withi", "\u{212A}", "k",
                                                "dans", "dan", "en", "ene", "ín", "i\u{301}n", "AT", "at\u{301}"]
        var random = Xorshift64(seed: 0x5EED_0019_0005)
        let pieces = ["a", "u", "x", "d", "n", "s", "t", "i", "e", "w", "h", "à", "É", "\u{212A}", "ß", " ", "'", "1"]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<random.next(12) { text += random.element(of: pieces) }
            norms += Words.split(text).map(\.norm)
            norms.append(text)
        }
        for norm in norms {
            #expect(PlaceFinder.isPreposition(norm) == PlaceFinder.prepositions.contains(norm), "\(norm.debugDescription)")
        }
    }
}

/// The main-content finder's class-key filter (`MainContentFinder.mayNameAZone`) against the
/// lookups it skips (`classifyByLookups`): whenever the filter says a key names no zone, the
/// lookups decide nothing, inside an article or not; zone words, their parts joined by "-"
/// and "_", near misses, empty parts and non-ASCII keys, and random keys.
struct ClassKeyFilterTests {
    static let pieces = ["cookie", "cookies", "nav", "menu", "sidebar", "widget", "widget-area", "comment", "comments", "related",
                         "recent", "aussi", "lire", "meta", "byline", "posted", "entry", "date", "post", "publication", "on",
                         "header", "footer", "entete", "has", "no", "wp", "block", "content", "main", "x", "navs", "cooki",
                         "é", "\u{212A}", "-", "_", "--", "", "a1", "share", "socials", "tag-links", "info-publi", "crp"]

    static func expectFilterHolds(_ key: String) {
        guard let may = MainContentFinder.mayNameAZone(key) else {
            #expect(key.utf8.contains { $0 >= 0x80 }, "\(key.debugDescription)")
            return
        }
        if !may {
            #expect(MainContentFinder.classifyByLookups(key: key, insideArticle: false) == nil, "\(key.debugDescription)")
            #expect(MainContentFinder.classifyByLookups(key: key, insideArticle: true) == nil, "\(key.debugDescription)")
        }
    }

    @Test func keysTheFilterSkipsDecideNothing() {
        var skipped = 0
        for a in Self.pieces {
            for b in Self.pieces {
                for key in [a, a + b, a + "-" + b, a + "_" + b, "-" + a + "--" + b + "_"] {
                    Self.expectFilterHolds(key)
                    if MainContentFinder.mayNameAZone(key) == false { skipped += 1 }
                }
            }
        }
        #expect(skipped > 500)
        // Keys that decide are let through.
        for key in ["cookie", "nav", "entry-date", "post-date", "date-publication", "posted-on", "site-footer", "widget_area"] {
            #expect(MainContentFinder.mayNameAZone(key) == true, "\(key)")
        }
    }

    @Test func randomKeysTheFilterSkipsDecideNothing() {
        var random = Xorshift64(seed: 0x5EED_0019_0006)
        for _ in 0..<4_000 {
            var key = ""
            for _ in 0..<random.next(6) { key += random.element(of: Self.pieces) + (random.next(3) == 0 ? "-" : "") }
            Self.expectFilterHolds(key)
        }
    }
}

/// `Words.firstWord` (read from the first 64 bytes when the word ends before them) against the
/// split's first word, and the place-label filter of the event assembly against the labels.
struct FirstWordTests {
    static func expectSame(_ text: String) {
        let new = Array(text.utf8).withUnsafeBufferPointer { Words.firstWord($0) }
        let old = Words.split(text).first.map { Words.EndWord(firstByte: $0.norm.utf8.first ?? 0, length: min($0.norm.utf8.count, 31)) }
        #expect(new == old, "\(text.debugDescription)")
        // The filter lets through every text whose first word is a place label.
        if let first = Words.split(text).first, ["lieu", "lieux", "adresse", "ou", "where", "venue", "location", "place", "address"].contains(first.norm) {
            #expect(EventAssembly.mayStartWithPlaceLabel(BlockTextStore(string: text)), "\(text.debugDescription)")
        }
        if Words.split(text).isEmpty { #expect(!EventAssembly.mayStartWithPlaceLabel(BlockTextStore(string: text))) }
    }

    @Test func firstWordsOnBytesAreTheSplitsOnes() {
        let long = String(repeating: "é", count: 40), dots = String(repeating: ".", count: 70)
        for text in ["", " ", "Lieu : Lyon", "Lieu", "Où ?", "12 Lieu", "\u{301}\u{301} Adresse", dots + "Lieu", dots + "12",
                     String(repeating: " ", count: 62) + "Lieux ici", String(repeating: "-", count: 63) + "é après",
                     long, long + " x", "x" + long, String(repeating: "a", count: 63) + "é", String(repeating: "a", count: 64),
                     String(repeating: "a", count: 65) + " b", String(repeating: "\u{301}", count: 40) + "Venue", "LOCATION: Paris",
                     // The ASCII reading: a word that goes on, or a text that starts, past ASCII.
                     "Lieué", "Lieu\u{301} x", "12é", "é12", " ,Où", "Z", "9", "..Ad-resse", "ADRESSE!", "a\u{A0}b", "Ou\u{2019}"] {
            Self.expectSame(text)
        }
    }

    @Test func randomFirstWordsAreTheSplitsOnes() {
        var random = Xorshift64(seed: 0x5EED_0019_0007)
        let pieces = ["Lieu", "lieux", "Où", "ou", "Adresse", "where", " ", ":", "12", "é", "\u{301}", "日本", "😀", ".",
                      String(repeating: " ", count: 20), String(repeating: "x", count: 30), String(repeating: "é", count: 12), "ß", "Œ"]
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<random.next(10) { text += random.element(of: pieces) }
            Self.expectSame(text)
        }
    }
}

/// `WordSlots`: every word inserted may be contained; a word differing in its first byte, last
/// byte or length from every inserted one is not; the String and byte questions agree.
struct WordSlotsTests {
    @Test func insertedWordsAreFoundAndOthersTellApart() {
        var slots = WordSlots()
        let words = ["atelier", "table", "a", "é", "journee", String(repeating: "x", count: 40), "ß", "日本"]
        for w in words { slots.insert(w) }
        for w in words { #expect(slots.mayContain(w), "\(w)") }
        for w in ["", "b", "atelieR", "atelie", "ateliers", "tablo", "e", "journees", String(repeating: "x", count: 30)] {
            #expect(!slots.mayContain(w), "\(w)")
        }
        // Past 31 bytes the length is capped: a longer word of the same ends may pass (a filter).
        #expect(slots.mayContain(String(repeating: "x", count: 50)))
        var random = Xorshift64(seed: 0x5EED_0019_0008)
        let letters = ["a", "b", "é", "x", "ß", "日"]
        for _ in 0..<2_000 {
            var w = ""
            for _ in 0..<random.next(8) { w += random.element(of: letters) }
            let u = Array(w.utf8)
            let byBytes = u.first.map { slots.mayContain(first: $0, last: u[u.count - 1], length: u.count) } ?? false
            #expect(slots.mayContain(w) == byBytes, "\(w)")
            if words.contains(w) { #expect(slots.mayContain(w)) }
        }
    }
}
