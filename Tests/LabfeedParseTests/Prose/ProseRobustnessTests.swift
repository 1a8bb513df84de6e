// The extractor on texts made of random cuts and joins of announcement fragments: it must not
// crash, must keep its invariants (events inside the text's dates, confidence in 0…1, one
// explanation per date), and must give the same result twice.

import LabfeedCore
import LabfeedParse
import LabfeedTestSupport
import Testing

struct ProseRobustnessTests {
    static let fragments = [
        "Le 8 novembre", " à 14h", ", atelier « Design »", " à Limoges", " au Lab", " (annulé)", ". ", "\n\n", "• ",
        "du 2 au 30 novembre 2022", " jusqu'au 15", " avant le 3 décembre", "Publié le 4 novembre 2022, par lpe",
        "On November 24th,", " we will host a workshop", " in Rennes", " 87000", " Limoges", "« ", " »", "**", "[lien](#)",
        "les 7, 8 et 9 décembre", " reporté au 13 décembre", " en ligne", " Mois de l'innovation publique 2021", "—", "|",
        "le conseil a voté le 12 octobre", "de 9h à 12h", "à l'Hôtel du Département", "2022", "é", "’", "<p>", "</b>",
    ]

    @Test func randomJoinsOfFragmentsNeverBreakTheInvariants() throws {
        var g = Xorshift64(seed: 0x9E37_79B9_7F4A_7C15)  // fixed, so failures reproduce
        let context = ProseFixture.context(publication: CivilDate(year: 2022, month: 11, day: 1))
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<(1 + g.next(14)) { text += Self.fragments[g.next(Self.fragments.count)] }
            if g.next(4) == 0, !text.isEmpty { text = String(text.dropFirst(g.next(text.count))) }
            let a = ProseExtractor.extract(plainText: text, context: context)
            let b = ProseExtractor.extract(plainText: text, context: context)
            #expect(a.events == b.events, "\(text)")
            #expect(a.events.allSatisfy { $0.confidence > 0 && $0.confidence <= 1 && !$0.title.isEmpty && $0.title.count <= 121 })
            #expect(a.events.allSatisfy { e in e.end.map { e.start <= $0 } ?? true }, "\(text)")
            #expect(a.explanations.filter { $0.outcome != .rejected }.allSatisfy { $0.eventIndex.map { $0 < a.events.count } ?? false })
            let html = "<html><body><main><p>\(text)</p><ul><li>\(text)</li></ul></main></body></html>"
            let c = try ProseExtractor.extract(html: Array(html.utf8), context: context)
            #expect(c.events.allSatisfy { $0.foundBy == .prose })
        }
    }
}
