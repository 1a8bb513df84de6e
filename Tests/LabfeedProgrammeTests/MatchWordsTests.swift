// The match words' byte-wise paths against the code they replaced (kept below as references):
// a title's name words read from its UTF-8 bytes, trigrams made in one pass, on every scalar
// below U+0300 between letters and on random titles (accents, capitals, digits, stop words,
// combining marks, other scripts, punctuation); the features' seven word sets made in one
// buffer against the arrays they were made of, on random events (places with towns,
// localities, organisers, stop words).

import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

struct MatchWordsTests {
    /// `MatchFeatures.nameWords` as it was: the title's Unicode scalars one at a time (below
    /// U+0300), every word folded through the cache.
    static func referenceNameWords(_ title: String, folds: FoldCache) -> [String] {
        guard title.unicodeScalars.allSatisfy({ $0.value < 0x300 }) else { return MatchFeatures.characterNameWords(title, folds: folds) }
        var out: [String] = []
        var first = true
        let scalars = title.unicodeScalars
        var start: String.Index?
        var hasNumber = false, capital = false
        func endWord(_ end: String.Index) {
            let folded = folds.fold(String(scalars[start!..<end]))
            if !folded.isEmpty, !TextFolding.stopWords.contains(folded), hasNumber || (!first && capital) {
                out.append(folded)
            }
            first = false
            start = nil
            hasNumber = false
        }
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let c = Character(scalars[i])
            if c.isLetter || c.isNumber {
                if start == nil {
                    start = i
                    capital = c.isUppercase
                }
                if c.isNumber { hasNumber = true }
            } else if start != nil {
                endWord(i)
            }
            scalars.formIndex(after: &i)
        }
        if start != nil { endWord(scalars.endIndex) }
        return out
    }

    /// `TextFolding.trigrams(ofFolded:)` as it was: the text without spaces as an array, each
    /// trigram hashed, sorted, then made unique into a new array.
    static func referenceTrigrams(_ folded: String) -> [UInt32] {
        let bytes = Array(folded.utf8.filter { $0 != 0x20 })
        guard bytes.count >= 3 else { return bytes.isEmpty ? [] : [TextFolding.fnv1a(bytes[...])] }
        let out = (0..<(bytes.count - 2)).map { TextFolding.fnv1a(bytes[$0..<($0 + 3)]) }
        return TextFolding.dedupSorted(out.sorted())
    }

    static let palette: [String] = [
        "a", "Z", "0", "9", " ", "-", "'", "’", "é", "È", "ç", "œ", "Œ", "Ł", "ǅ", "ɏ", "Ɂ", "\u{A0}", "²", "½", "ª", "µ",
        "e\u{301}", "\u{301}", "α", "Ω", "中", "🎉", "\u{0}", "\r\n", "&", "Ĳ", "ǈ", "ß", "ÿ",
        " Limoges", " 2021", " de", " Le", " L'", " Atelier", " DATA", " n°5", " l’Innovation", " COdeMAKER", " Été", " À",
    ]

    static func randomTitles(_ count: Int, seed: UInt64) -> [String] {
        var random = Xorshift64(seed: seed)
        return (0..<count).map { _ in (0..<random.next(14)).map { _ in palette[random.next(palette.count)] }.joined() }
    }

    @Test func nameWordsAreTheScalarByScalarWords() {
        let folds = FoldCache(), reference = FoldCache()
        for v in UInt32(0)..<0x300 {
            let c = String(Unicode.Scalar(v)!)
            for title in [c, "Ab" + c + "Cd 12", "x " + c + "Y" + c, c + c + " Été " + c + "2"] {
                #expect(MatchFeatures.nameWords(title, folds: folds) == Self.referenceNameWords(title, folds: reference),
                        "U+\(String(v, radix: 16))")
            }
        }
        let fixed = ["", " ", "Atelier Design à Limoges", "Mois de l'Innovation Publique 2021", "Session 2 — COdeMAKER",
                     "Le Lab et La Base", "ÉTÉ DES LABS", "Œuvre N°5 ½", "Table ronde e\u{301}te\u{301}", "Fête 中 Lyon"]
        for title in fixed + Self.randomTitles(20_000, seed: 0x7A3E) {
            #expect(MatchFeatures.nameWords(title, folds: folds) == Self.referenceNameWords(title, folds: reference),
                    "\(Array(title.unicodeScalars))")
        }
        #expect(MatchFeatures.nameWords("Atelier Design à Limoges 2021", folds: folds) == ["design", "limoges", "2021"])
    }

    /// The seven sets of `MatchFeatures` as they were made: an array each, sorted into another,
    /// made unique into a third, every word numbered in the same order.
    static func referenceSets(_ w: MatchWords, number: (String) -> Int32) -> [[Int32]] {
        var wordIDs: [Int32] = [], numberIDs: [Int32] = []
        for word in w.titleWords {
            let id = number(word)
            guard id >= 0 else { continue }
            wordIDs.append(id)
            if MatchFeatures.isNumber(word) { numberIDs.append(id) }
        }
        let tokens = TextFolding.dedupSorted(wordIDs.sorted())
        let names = TextFolding.dedupSorted(w.nameWords.map(number).sorted())
        let numbers = TextFolding.dedupSorted(numberIDs.sorted())
        func ids(_ words: [String]) -> [Int32] { words.map(number).filter { $0 >= 0 } }
        let placeIDs = ids(w.placeWords)
        let placeTokens = TextFolding.dedupSorted(placeIDs.sorted())
        let organizerTokens = TextFolding.dedupSorted(ids(w.organizerWords).sorted())
        let localityAll = w.localityWords.map(number), townAll = w.townWords.map(number)
        let contextTokens = TextFolding.dedupSorted((placeIDs + localityAll.filter { $0 >= 0 } + townAll.filter { $0 >= 0 }
            + organizerTokens).sorted())
        let townTokens = TextFolding.dedupSorted((w.localityKey != nil ? localityAll : townAll).sorted())
        return [tokens, names, numbers, placeTokens, organizerTokens, contextTokens, townTokens]
    }

    @Test func featuresHoldTheSetsTheyWereMadeOf() {
        var random = Xorshift64(seed: 0xFEA7)
        let words = ["Lab", "la", "Base", "de", "Limoges", "87000", "salle 2", "Reims", "Atelier", "l'été", "2021", "Ouest", "et",
                     "Pôle", "Data", "rue", "Hôtel", "the", "Innovation", "n°5", "ŒUVRE", "e\u{301}te\u{301}", "中", "a", "le"]
        func text(_ n: Int) -> String { (0..<n).map { _ in words[random.next(words.count)] }.joined(separator: " ") }
        let folds = FoldCache()
        let reference = TokenInterner(), interner = TokenInterner()  // the same numbering order: the same numbers
        let day = CivilDate(iso: "2031-01-01")!
        var checked = 0
        for n in 0..<4_000 {
            let place: String? = random.next(4) == 0 ? nil : text(1 + random.next(4)) + (random.next(2) == 0 ? ", " + text(1 + random.next(3)) : "")
            let locality: String? = random.next(3) == 0 ? text(1 + random.next(2)) : nil
            let organizer: String? = random.next(3) == 0 ? text(1 + random.next(3)) : nil
            let event = Samples.event(text(random.next(9)), start: .day(day.adding(days: n % 40)), place: place, locality: locality,
                                      organizer: organizer)
            let w = MatchWords(event: event, source: "s\(n % 7)", folds: folds)
            let expected = Self.referenceSets(w, number: reference.id)
            let f = MatchFeatures(words: w, interner: interner)
            let got = [f.tokens, f.names, f.numbers, f.placeTokens, f.organizerTokens, f.contextTokens, f.townTokens].map(Array.init)
            #expect(got == expected, "\(event.title) | \(place ?? "-") | \(locality ?? "-") | \(organizer ?? "-")")
            checked += w.townWords.isEmpty ? 0 : 1
        }
        #expect(checked > 100)  // towns were read from place names
    }

    @Test func wordsAreTheTextSplitAtSpaces() {
        var texts = ["", " ", "a", " a", "a ", "  a  b  ", "l innovation publique", "e\u{301}te\u{301} a", "a \u{301}b", "中 文"]
        texts += Self.randomTitles(5_000, seed: 0x5917).map(TextFolding.fold)
        texts += Self.randomTitles(5_000, seed: 0x5918)
        for text in texts {
            #expect(TextFolding.words(ofFolded: text) == text.split(separator: " ").map(String.init), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func aKeysHostIsItsTextUpToTheFirstSlashOrQuestionMark() {
        let keys = ["", "lab.example", "lab.example/a", "lab.example?x=1/2", "lab.example/a?b", "/a", "?", "xn--lab.fr/é", "lab.é/x",
                    "a/\u{301}b", "a?/b", "lab.example:8080/x/y"]
        for key in keys {
            #expect(MatchFeatures.host(ofKey: key) == String(key.prefix { $0 != "/" && $0 != "?" }), "\(key)")
        }
    }

    @Test func trigramsAreTheTrigramsOfTheTextWithoutSpaces() {
        var texts = ["", " ", "a", "ab", " a b ", "abc", "a bc", "aaaa aaaa", "l innovation publique", "e\u{301}te\u{301}"]
        texts += Self.randomTitles(5_000, seed: 0x3A11).map(TextFolding.fold)
        texts += Self.randomTitles(5_000, seed: 0x3A12)  // unfolded too: any bytes
        for text in texts {
            #expect(TextFolding.trigrams(ofFolded: text) == Self.referenceTrigrams(text), "\(Array(text.unicodeScalars))")
        }
    }
}
