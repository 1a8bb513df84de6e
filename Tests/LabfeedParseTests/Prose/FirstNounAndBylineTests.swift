// Shortcuts of the event assembly (pass pageperf31) against what they replace: the first event
// noun of a heading or lead-in found without the hits after it (`PhraseTable.firstHit`,
// `EventAssembly.firstNounLabel`) against the first of all of them, and `Publication.isByline`
// reading the words before and after the date as slices and the length on the store's bytes
// against the filtered arrays and the Character count. Hand-picked cases and pseudo-random
// texts (a fixed seed, a bounded count).

import LabfeedCore
import LabfeedDates
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct FirstNounAndBylineTests {
    /// Pieces of headings and bylines: event nouns of every kind (umbrella ones with and
    /// without a name, "day" with and without a capital), other cues, dates, names, fillers.
    static let pieces: [String] = [
        "Atelier", "atelier", "ateliers", "Formation", "Séminaire", "Webinaire", "table ronde", "Table ronde", "conférence",
        "Mois de l'innovation", "mois de novembre", "Mois", "semaine", "Semaine du numérique", "festival", "Festival Futur",
        "journée", "Journée nationale des Labs", "day", "Day", "Innovation Day", "open days", "hackathon", "réunion",
        "Publié le", "publié le", "Posted on", "posted on", "par", "by", "Jean Dupont", "LaBase", "Mis à jour le",
        "4 novembre 2022", "3 mars", "November 3, 2022", "2031-01-05", "14h", "Agenda :", "[Relais]", "Retour sur",
        "avec", "à", "Dijon", "de", "la", "le", "the", "and", "des", "politiques publiques", ",", ".", ":", "–", "\n",
        "Été", "日本", "e\u{301}", "😀",
    ]

    static func randomTexts(seed: UInt64, count: Int, length: Int) -> [String] {
        var random = Xorshift64(seed: seed)
        var out: [String] = []
        for _ in 0..<count {
            var text = ""
            for _ in 0..<random.next(length) { text += random.element(of: pieces) + (random.next(4) == 0 ? "" : " ") }
            out.append(text)
        }
        return out
    }

    static let handPicked: [String] = [
        "", "Agenda", "Formation données ouvertes avec La Fabrique à Dijon", "[Relais] Séminaire évaluation des politiques",
        "Agenda : Formation données ouvertes", "Mois de novembre : atelier", "Mois de l'innovation publique 2026 : programme",
        "Innovation Day", "the day we met", "Open Day at the lab", "semaine", "Semaine", "Table ronde inclusion numérique",
    ]

    @Test func firstNounIsTheFirstOfAllNouns() {
        for text in Self.handPicked + Self.randomTexts(seed: 0x5EED_0031_0001, count: 3_000, length: 12) {
            let words = Words.split(text)
            for english in [false, true] {
                let all = EventAssembly.nounLabels(words, text: text, english: english)
                #expect(EventAssembly.firstNounLabel(words, text: text, english: english) == all.first,
                        "\(text.debugDescription) english: \(english)")
            }
        }
    }

    @Test func firstHitIsTheFirstOfAllHitsTaken() {
        let tests: [(PhraseTable<Cue>.Hit) -> Bool] = [
            { _ in true }, { _ in false }, { $0.payload == .publication }, { $0.label.count > 8 }, { $0.start % 2 == 1 },
        ]
        for text in Self.handPicked + Self.randomTexts(seed: 0x5EED_0031_0002, count: 2_000, length: 14) {
            let words = Words.split(text)
            let all = Cues.table.hits(in: words)
            for accept in tests {
                let first = Cues.table.firstHit(in: words, where: accept)
                let expected = all.first(where: accept)
                #expect(first?.start == expected?.start && first?.end == expected?.end && first?.label == expected?.label
                        && first?.payload == expected?.payload, "\(text.debugDescription)")
            }
        }
    }

    /// `Publication.isByline` as it was: the Character count and two filtered arrays.
    static func isBylineByFiltering(_ block: ProseBlock, words: [Word], matches: [DateMatch]) -> Bool {
        guard let first = matches.first, block.text.count <= 200 else { return false }
        if block.zone == .meta || block.metaMarked { return true }
        let before = words.filter { $0.range.upperBound <= first.range.lowerBound }
        let after = words.filter { $0.range.lowerBound >= first.range.upperBound }
        let lead = Array(before.suffix(5))
        let hits = Cues.table.hits(in: lead)
        if hits.contains(where: { $0.payload == .publication }) { return true }
        if let next = after.first, next.norm == "par" || next.norm == "by", after.count <= 8, before.count <= 3 {
            return true
        }
        return false
    }

    static func expectSameByline(_ text: String, zone: ProseZone = .main, metaMarked: Bool = false) {
        var block = ProseBlock(kind: .paragraph, text: text, zone: zone, path: "")
        block.metaMarked = metaMarked
        let words = Words.split(text)
        let matches = DateEngine.find(in: text, context: DateContext(reference: CivilDate(year: 2026, month: 11, day: 20)))
        #expect(Publication.isByline(block, words: words, matches: matches) == isBylineByFiltering(block, words: words, matches: matches),
                "\(text.debugDescription)")
    }

    @Test func bylinesAreTheFilteredOnes() {
        let long = String(repeating: "é", count: 195)
        for text in ["Publié le 4 novembre 2022 par Jean Dupont", "Posted on November 3, 2022 by LaBase", "4 novembre 2022, par lpe",
                     "vendredi 4 novembre 2022, par lpe", "Le 3 mars, atelier", "par 3 mars", "3 mars par", "2031-01-05",
                     long + " 3 mars", long + "3 mars", long + "e\u{301} 3 mars", "Publié le3 mars", "x3 mars par y"] {
            Self.expectSameByline(text)
            Self.expectSameByline(text, zone: .meta)
            Self.expectSameByline(text, metaMarked: true)
        }
        var random = Xorshift64(seed: 0x5EED_0031_0003)
        for text in Self.randomTexts(seed: 0x5EED_0031_0004, count: 3_000, length: 16) {
            // Some texts made long (past 200 Characters, or just below it with marks).
            let padded = random.next(6) == 0 ? String(repeating: random.element(of: ["a", "é", "e\u{301}", " "]), count: 150 + random.next(80)) + text : text
            Self.expectSameByline(padded)
        }
    }
}
