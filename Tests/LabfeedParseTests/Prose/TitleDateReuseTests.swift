// The title chooser's reuse of the analysis's dates (branch pageperf20) against the path it
// replaces: `isMostlyDate` with the block's known dates (words outside them counted first,
// times looked for only when needed) against the date engine run again on the text; and the
// known dates themselves against the engine's dates at the analysis's final reference, with
// and without a publication date found in a byline afterwards. Texts: edge cases and
// pseudo-random ones (fixed seed, bounded counts).

import LabfeedCore
import LabfeedDates
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct TitleDateReuseTests {
    static let pieces = ["12", "3", "31", "29", "2024", "2025", "26", "novembre", "février", "mars", "Nov", "December", "du", "au",
                         "le", "à", "14h", "14h30", "9 h", "-", "–", "/", "midi", "minuit", "noon", "de", "et", "vendredi",
                         "Friday", "atelier", "Conférence", "Lab", "inscription", ",", ".", ":", "2:30", "pm", "1er", "T",
                         "10:00", "+01:00", "(", ")", "h", "jusqu'au", "from", "to", "until", "Journée", "Salle 3"]

    /// Every block of `text` read as the analysis does; for each, the chooser's two paths agree,
    /// and the known dates (when reused) are the engine's at the final reference.
    static func expectSame(_ text: String, publication: CivilDate? = nil, fetch: CivilDate = ProseFixture.fetchDate) {
        let blocks = PlainTextBlocks.blocks(text)
        var analysis = ProseAnalysis(blocks: blocks, context: ProseFixture.context(fetch: fetch, publication: publication),
                                     pageLanguage: nil, publication: publication.map { ($0, "context") },
                                     pageTitle: nil, mainContent: ProseMainContent(path: "t", reason: "t", textLength: 0,
                                                                                   linkDensity: 0, blockCount: blocks.count))
        _ = analysis.run()
        let chooser = TitleChooser(a: analysis)
        for i in analysis.blocks.indices {
            let block = analysis.blocks[i].text
            guard let known = chooser.knownDates(i) else { continue }
            if ProseAnalysis.hasDigit(block) {
                let fresh = DateEngine.find(in: block, context: DateContext(language: analysis.dateLanguage(i), reference: analysis.reference))
                #expect(fresh.map(\.range) == known.map(\.range), "\(block.debugDescription)")
            }
            let fast = chooser.isMostlyDate(block, block: i, words: analysis.words[i], dates: known)
            let slow = chooser.isMostlyDate(block, block: i, words: analysis.words[i])
            #expect(fast == slow, "\(block.debugDescription)")
        }
    }

    @Test func knownDatesGiveTheEnginesAnswer() {
        for text in ["12 novembre 2024", "Atelier le 12 novembre 2024 à 14h", "12 novembre 2024 14h-17h", "Vendredi 3 mars, 9 h – midi",
                     "du 2 au 30 novembre", "Lab 2024", "2024-11-08T09:30:00+01:00 salle 3", "à midi", "14h30 atelier",
                     "29 février", "Friday Nov 8, 2:30 pm", "12/11/26 – inscription", "Le 3, à 14h, Conférence",
                     "31 novembre", "du 30 au 2 novembre 14h"] {
            Self.expectSame(text)
            Self.expectSame(text, publication: CivilDate(year: 2023, month: 3, day: 1))
        }
    }

    /// A byline's date found after the dates were read: blocks with an inferred year are read
    /// again against it, the others are not reused.
    @Test func bylinePublicationIsTheReference() {
        let page = "Publié le 3 mars 2021\n\n29 février, atelier\n\nLe 12 novembre 2024 à 14h\n\n12/11/26 – 14h\n\nVendredi 5 mars à midi"
        Self.expectSame(page)
        var analysis = ProseAnalysis(blocks: PlainTextBlocks.blocks(page), context: ProseFixture.context(), pageLanguage: nil,
                                     publication: nil, pageTitle: nil,
                                     mainContent: ProseMainContent(path: "t", reason: "t", textLength: 0, linkDensity: 0, blockCount: 1))
        _ = analysis.run()
        let chooser = TitleChooser(a: analysis)
        #expect(analysis.publicationFoundAfterDates)
        let full = analysis.blocks.indices.first { analysis.blocks[$0].text.hasPrefix("Le 12 novembre 2024") }
        #expect(full.map { chooser.knownDates($0) == nil } == true)
    }

    @Test func randomTextsAgree() {
        var rng = Xorshift64(seed: 0x7A11_2020)
        for round in 0..<400 {
            var parts: [String] = []
            for _ in 0..<Int.random(in: 1...9, using: &rng) { parts.append(Self.pieces.randomElement(using: &rng)!) }
            let text = parts.joined(separator: Bool.random(using: &rng) ? " " : "")
            let publication = round % 3 == 0 ? CivilDate(year: 2020 + round % 7, month: 1 + round % 12, day: 1 + round % 28) : nil
            Self.expectSame(text, publication: publication)
            Self.expectSame("Publié le 3 mars 2021\n\n" + text)
        }
    }
}
