// The shortcuts of the prose reader's speed work against the definitions they stand for: the
// language vote on a block's bytes against the vote on its split words, words split on demand
// against splitting every block, visible characters counted on bytes against scalars, the
// digit test, schema.org key names returned as they are against the prefix tests, and phrase
// specs split on bytes against the split on Characters. Hand-picked cases and pseudo-random
// strings (a fixed seed, a bounded count).

import LabfeedCore
import LabfeedDates
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct ProseShortcutTests {
    /// Pseudo-random texts over stop words of both lists, words folded to them ("Été", "OÙ",
    /// "THE"), long words, digits and separators (xorshift, fixed seed).
    static var randomTexts: [String] {
        let alphabet: [String] = [
            "le", "la", "Les", "DES", "été", "Été", "ete", "où", "OÙ", "était", "the", "The", "and", "of", "with", "during",
            "depuis", "toutes", "chaque", "atelier", "Innovation", "évènement", "Œuvre", "straße", "12", "2026", "n°", "l’", "d'",
            " ", "  ", "\n", ", ", ". ", "-", "e\u{301}te", "\u{A0}", "😀", "日本", "İl", "ǅ", "ﬁn", "K\u{212A}",
        ]
        var random = Xorshift64(seed: 0x2545_F491_4F6C_DD1D)
        var out: [String] = []
        for _ in 0..<2000 {
            let length = random.next(30)
            var s = ""
            for _ in 0..<length {
                s += random.element(of: alphabet)
                if random.next() % 3 == 0 { s += " " }
            }
            out.append(s)
        }
        return out
    }

    static let handPicked: [String] = [
        "", " ", "Le 8 novembre, la DITP réunit les labs pour une journée d'ateliers.",
        "Join us for the workshop on 8 November at the lab.", "Atelier design", "où été était", "OÙ ÉTÉ ÉTAIT",
        "the and le la", "l'atelier d'été", "Mois de l'innovation publique 2026 : programme", "Nancy", "2031-04-22",
        "we we we le", "Lesthe", "supercalifragilistic the the", "e\u{301}te\u{301} ou\u{300}",
    ]

    @Test func voteOnBytesMatchesTheVoteOnWords() {
        for text in Self.handPicked + Self.randomTexts {
            #expect(LanguageVote.vote(text: text) == LanguageVote.vote(Words.split(text)), "\(text.debugDescription)")
        }
    }

    @Test func voteOnBytesStillTellsTheLanguages() {
        #expect(LanguageVote.vote(text: "Le 8 novembre, la DITP réunit les labs pour une journée.") == "fr")
        #expect(LanguageVote.vote(text: "Join us for the workshop on 8 November at the lab and the fair.") == "en")
        #expect(LanguageVote.vote(text: "Innovation Lab Nancy") == nil)
    }

    /// The pass over every block in order that `LanguageVote.Resolver` replaced.
    private static func languagesInOrder(_ blocks: [ProseBlock], page: String?) -> [String] {
        let voted = blocks.map { LanguageVote.primary($0.markupLanguage) ?? LanguageVote.vote(Words.split($0.text)) }
        let pageLanguage = LanguageVote.primary(page) ?? "fr"
        var out: [String] = []
        for i in blocks.indices {
            if let v = voted[i] {
                out.append(v)
                continue
            }
            let next = i + 1 < blocks.count ? voted[(i + 1)...].prefix(3).compactMap({ $0 }).first : nil
            let previous = i > 0 ? out[i - 1] : nil
            out.append((blocks[i].isHeading ? next ?? previous : previous ?? next) ?? pageLanguage)
        }
        return out
    }

    @Test func languagesChosenOnDemandMatchThePassOverEveryBlock() {
        let texts = ["Le lab et la DITP pour les agents", "The lab and the team of the city", "Nancy", "2031-04-22",
                     "Atelier design", "le", "the", "Innovation publique et numérique avec le lab", "Join us at the fair"]
        let tags: [String?] = [nil, nil, nil, nil, nil, "en-GB", "fr", "de", ""]
        let pages: [String?] = [nil, "en", "fr-FR", "de"]
        var random = Xorshift64(seed: 0x1234_5678_9ABC_DEF1)
        for _ in 0..<400 {
            let count = 1 + random.next(12)
            let blocks = (0..<count).map { _ in
                var b = ProseBlock(kind: random.next(3) == 0 ? .heading(2) : .paragraph, text: texts[random.next(texts.count)], zone: .main, path: "p")
                b.markupLanguage = tags[random.next(tags.count)]
                return b
            }
            let page = pages[random.next(pages.count)]
            let expected = Self.languagesInOrder(blocks, page: page)
            // Asked in a shuffled order, some twice.
            let resolver = LanguageVote.Resolver(blocks: blocks, page: page)
            var order = Array(blocks.indices)
            for k in order.indices.reversed() { order.swapAt(k, random.next(k + 1)) }
            for i in order + order.prefix(2) {
                #expect(resolver.language(i, texts: blocks) == expected[i], "block \(i) of \(blocks.map(\.text)) page \(page ?? "nil")")
            }
        }
    }

    /// `BlockMatches` (an index per block into the blocks that have dates, pageperf24) against
    /// the array of arrays it replaces, on pseudo-random blocks with and without dates; the
    /// times kept with the dates (pageperf27) are what `findTimes` gives, nil for no date.
    @Test func blockMatchesAreTheDatesOfEachBlock() {
        let texts = ["Le 8 novembre 2026 à 14 h", "rien ici", "du 3 au 5 mars 2027", "", "2026-04-22", "Atelier le 12 mai",
                     "Le 8 mars de 9h à 12h30, puis à midi", "à 14h30 sans date"]
        let context = DateContext(reference: CivilDate(year: 2026, month: 11, day: 20))
        let read = texts.map { DateEngine.findDatesThenTimes(in: $0, context: context) }
        let dates = texts.map { DateEngine.find(in: $0, context: context) }
        for k in texts.indices {
            #expect(read[k].dates.map(\.range) == dates[k].map(\.range) && read[k].dates.map(\.text) == dates[k].map(\.text))
            let times = DateEngine.findTimes(in: texts[k], language: context.language)
            #expect(read[k].times.map { $0.map(\.range) } == (dates[k].isEmpty ? nil : times.map(\.range)), "\(texts[k])")
        }
        #expect(dates.contains { $0.isEmpty } && dates.contains { $0.count == 1 })
        #expect(read.contains { ($0.times?.count ?? 0) >= 2 })
        var random = Xorshift64(seed: 0x5EED_0024_0004)
        for _ in 0..<300 {
            let count = random.next(20)
            let picked = (0..<count).map { _ in random.next(texts.count) }
            var matches = BlockMatches(count: count)
            for (i, k) in picked.enumerated() where random.next(4) != 0 || !dates[k].isEmpty {
                matches.set(read[k].dates, times: read[k].times, at: i)
            }
            #expect(matches.count == count)
            for (i, k) in picked.enumerated() {
                #expect(matches[i].map(\.text) == dates[k].map(\.text) && matches[i].map(\.range) == dates[k].map(\.range))
                #expect(matches.count(at: i) == dates[k].count)
                #expect(matches.times(at: i).map { $0.map(\.range) } == read[k].times.map { $0.map(\.range) })
            }
            #expect(matches.dateCount == picked.map { dates[$0].count }.reduce(0, +))
        }
        #expect(BlockMatches().count == 0)
    }

    @Test func wordsSplitOnDemandAreTheWordsOfEachBlock() {
        let texts = Array(Self.handPicked.prefix(10)) + Array(Self.randomTexts.prefix(200))
        let words = BlockWords(texts: texts)
        // Asked out of order and twice: the same words as splitting each text.
        for i in texts.indices.reversed() + texts.indices {
            let lazy = words[i], eager = Words.split(texts[i])
            #expect(lazy.map(\.norm) == eager.map(\.norm))
            #expect(lazy.map(\.range) == eager.map(\.range))
            #expect(lazy.map(\.capitalised) == eager.map(\.capitalised))
            #expect(lazy.map(\.isNumber) == eager.map(\.isNumber))
        }
    }

    @Test func visibleCountOnBytesMatchesTheScalarCount() {
        for text in Self.handPicked + Self.randomTexts + ByteTextTests.edgeCases + ByteTextTests.randomCases {
            let scalars = text.unicodeScalars.filter { !($0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}") }.count
            #expect(MainContentFinder.visibleCount(text) == scalars, "\(text.debugDescription)")
        }
    }

    @Test func visibleCountEightBytesAtATimeMatchesTheScalarCount() {
        // Spaces of every kind and no-break spaces at every offset of an eight-byte word, runs
        // of ASCII long enough for the word path, non-ASCII words between them.
        let pieces = ["a", "B", "1", " ", "\t", "\n", "\r", "\r\n", "\u{A0}", "é", "€", "😀", "\u{C2}", "abcdefgh", "        ", "x y z w ",
                      "\u{1F}", "\u{7F}", "!", "~"]
        var random = Xorshift64(seed: 0xDEAD_BEEF_CAFE_F00D)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<random.next(40) {
                text += random.element(of: pieces)
            }
            let scalars = text.unicodeScalars.filter { !($0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}") }.count
            #expect(MainContentFinder.visibleCount(text) == scalars, "\(text.debugDescription)")
        }
    }

    @Test func blankTestIsTrimmingToNothing() {
        let blanks = ["", " ", "\n\t\r", "\u{A0}\u{2003}\u{3000}\u{85}", "\u{2028} \u{2029}", "\u{B}\u{C}"]
        let texts = blanks + blanks.map { $0 + "x" } + blanks.map { "\u{200B}" + $0 } + ["{}", " [] ", "\u{FEFF}"]
            + Self.handPicked + Self.randomTexts
        for text in texts {
            #expect(Whitespace.isBlank(text) == Whitespace.trim(text).isEmpty, "\(text.debugDescription)")
        }
    }

    @Test func digitTestMatchesTheByteSearch() {
        for text in Self.handPicked + Self.randomTexts + ["٣", "①", "x9", "9"] {
            #expect(ProseAnalysis.hasDigit(text) == text.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(text.debugDescription)")
        }
    }

    @Test func schemaKeysWithoutPrefixAreReturnedAsTheyAre() {
        let prefixes = ["http://schema.org/", "https://schema.org/", "http://www.schema.org/", "https://www.schema.org/",
                        "http://data-vocabulary.org/", "https://data-vocabulary.org/", "schema:"]
        func reference(_ name: String) -> String {
            var s = Substring(Whitespace.trim(name))
            for prefix in prefixes where s.hasPrefix(prefix) {
                s = s.dropFirst(prefix.count)
                break
            }
            return String(s)
        }
        let names = ["startDate", "name", " name ", "name\u{A0}", "\u{2003}location", "schema:startDate", "http://schema.org/Event",
                     " https://schema.org/Place", "a:b", "@type", "é", "x", ":", "ex:name", "nom\u{301}",
                     "schema:\r\nEvent", "schema:\u{301}Event", "https://schema.org/Événement", "https://schema.org/", "schema:",
                     "schema", "https://schema.org/OfflineEventAttendanceMode", "HTTPS://SCHEMA.ORG/Event", "schema:schema:x"]
        // Random names built from prefixes, their pieces and odd characters (ASCII names take
        // the byte path, the others the Character path).
        let pieces = prefixes + ["https://schema.org", "schema", ":", "/", "Event", " ", "\t", "\r\n", "\r", "é", "\u{301}", "\u{A0}", "x"]
        var random = Xorshift64(seed: 0x0123_4567_89AB_CDEF)
        var generated: [String] = []
        for _ in 0..<2000 {
            var name = ""
            for _ in 0..<(1 + random.next(4)) {
                name += random.element(of: pieces)
            }
            generated.append(name)
        }
        for name in names + generated {
            #expect(SchemaNode.localName(name) == reference(name), "\(name.debugDescription)")
        }
    }

    /// Phrase specs split on their bytes give the slots of the split on Characters: every spec
    /// of the cue table, odd spacing and slashes, and random strings of spaces, slashes and
    /// letters (an empty slot, "/" alone, must stay: it drops the phrase, as it did).
    @Test func phraseSpecsSplitOnBytesMatchTheCharacterSplit() {
        var specs = Cues.specs.map(\.0) + ["", " ", "/", "a", "a  b", " a/ b/", "a//b", "/ a", "a /", "a / b", "x/y z/ /w", "é/e b"]
        var random = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<2000 {
            var spec = ""
            for _ in 0..<random.next(12) { spec += random.element(of: [" ", "/", "a", "bc", "d", "  ", "é"]) }
            specs.append(spec)
        }
        for spec in specs {
            #expect(PhraseTable<Int>.slots(spec) == PhraseTable<Int>.characterSlots(spec), "\(spec.debugDescription)")
        }
        // The ASCII path is the one taken for the table's specs, and it finds their phrases.
        #expect(Cues.specs.allSatisfy { $0.0.utf8.allSatisfy { $0 < 0x80 } })
        let table = PhraseTable([("table/tables ronde/rondes", 1), ("atelier", 2)])
        #expect(table.hits(in: Words.split("Deux tables rondes et un atelier")).map(\.payload) == [1, 2])
        #expect(table.contains(phrase: ["table", "rondes"]))
        #expect(!table.contains(phrase: ["tables"]))
    }
}
