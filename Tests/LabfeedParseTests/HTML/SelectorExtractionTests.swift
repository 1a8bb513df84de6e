// Per-source selectors from feeds.yml (`extract:`), in XPath and in CSS, on a page with no
// structured data; and bad selectors reported with their place by the config check.

import Foundation
import LabfeedCore
import LabfeedMarkup
import LabfeedParse
import Testing

struct SelectorExtractionTests {
    static func fixtures() throws -> URL {
        try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/html")
    }

    static func extract(config name: String) throws -> PageExtraction {
        let dir = try fixtures()
        let yaml = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        let config = try ConfigLoader.parse(yaml, file: name, directory: dir.path, checkSelector: SelectorCheck.problem)
        let source = try #require(config.source("lab-occitanie"))
        let page = try Data(contentsOf: dir.appendingPathComponent("plain-agenda.html"))
        let document = try MarkupDocument.html(Array(page), url: "https://lab-occitanie.example.fr/agenda/")
        return HTMLPage.extract(document, context: PageContext(source: source, settings: config.settings))
    }

    @Test(arguments: ["plain-agenda.xpath.yml", "plain-agenda.css.yml"])
    func selectorsFindTheAgendaItems(_ config: String) throws {
        let page = try Self.extract(config: config)
        try #require(page.events.count == 2, "events: \(page.events.map(\.title))")
        let first = page.events[0]
        #expect(first.title == "Atelier parcours usagers")
        #expect(first.start.iso == "2022-11-09T14:00:00+01:00")
        #expect(first.end?.iso == "2022-11-09T16:30:00+01:00")
        #expect(first.location?.name == "Montpellier, Hôtel de Région")
        #expect(first.url == "https://lab-occitanie.example.fr/agenda/rdv/atelier-parcours-usagers.html")
        #expect(first.description == "Cartographier le parcours d'un usager, en 2 heures.")
        #expect(first.descriptionHTML == "<p>Cartographier le parcours d'un usager, <strong>en 2 heures</strong>.</p>")
        #expect(first.organizer?.name == "Lab'Occitanie")
        #expect(first.foundBy == .selectors)
        #expect(first.confidence < 1)

        let second = page.events[1]
        #expect(second.title == "Petit-déjeuner de l'innovation")
        #expect(second.start.iso == "2022-11-18T08:30:00+01:00")
        #expect(second.end == nil)
        #expect(second.location?.name == "Toulouse")
        #expect(second.url == "https://lab-occitanie.example.fr/agenda/rdv/petit-dej-innovation.html")

        // The third item has no readable date: skipped, and said so with its place.
        #expect(page.warnings.contains { $0.contains("selector item #3") && $0.contains("“Rencontre sans date”") && $0.contains("Bientôt") })
    }

    @Test func aTextDateReaderReadsWhatISODoesNot() throws {
        let dir = try Self.fixtures()
        let yaml = try String(contentsOf: dir.appendingPathComponent("plain-agenda.css.yml"), encoding: .utf8)
        let config = try ConfigLoader.parse(yaml, file: "x.yml", directory: dir.path)
        let source = try #require(config.source("lab-occitanie"))
        let page = try Data(contentsOf: dir.appendingPathComponent("plain-agenda.html"))
        let document = try MarkupDocument.html(Array(page), url: "https://lab-occitanie.example.fr/agenda/")
        // A stand-in for the text date engine: it knows one phrase.
        let reader: TextDateReader = { text, _ in
            text == "Bientôt" ? (.day(CivilDate(year: 2022, month: 12, day: 1)), nil) : nil
        }
        let result = HTMLPage.extract(document, context: PageContext(source: source, settings: config.settings, dateReader: reader))
        #expect(result.events.map(\.title) == ["Atelier parcours usagers", "Petit-déjeuner de l'innovation", "Rencontre sans date"])
        #expect(result.events.last?.start == .day(CivilDate(year: 2022, month: 12, day: 1)))
    }

    @Test func badSelectorsAreReportedWithTheirPlace() throws {
        let dir = try Self.fixtures()
        let yaml = try String(contentsOf: dir.appendingPathComponent("bad-selectors.yml"), encoding: .utf8)
        let error = try #require(throws: ConfigError.self) {
            try ConfigLoader.parse(yaml, file: "bad-selectors.yml", directory: dir.path, checkSelector: SelectorCheck.problem)
        }
        let text = "\(error)"
        #expect(text.contains("bad-selectors.yml:5"), "\(text)")
        #expect(text.contains("unsupported pseudo-class :hover"), "\(text)")
        #expect(text.contains("bad-selectors.yml:6"), "\(text)")
        #expect(text.contains("bad-selectors.yml:7"), "\(text)")
        #expect(text.contains("column 3: expected a class name after “.”, found “.”"), "\(text)")
    }

    @Test func anInvalidSelectorAtExtractionTimeBecomesAWarning() throws {
        var rules = ExtractRules(item: Selector(expression: "div..x", syntax: .css))
        rules.title = Selector(expression: "h2", syntax: .css)
        let document = try MarkupDocument.html(Array("<html><body><div class='x'><h2>T</h2></div></body></html>".utf8))
        let page = HTMLPage.extract(document, context: PageContext(extract: rules))
        #expect(page.events.isEmpty)
        #expect(page.warnings == ["selector item `div..x`: invalid CSS: column 5: expected a class name after “.”, found “.”"])
    }
}
