// Pages that are odd rather than wrong: nothing crashes, nothing is invented.

import Foundation
import LabfeedCore
import LabfeedMarkup
import LabfeedParse
import Testing

struct OddPagesTests {
    func extract(_ html: String) throws -> PageExtraction {
        HTMLPage.extract(try MarkupDocument.html(Array(html.utf8), url: "https://lab.example.fr/"))
    }

    @Test(arguments: ["null", "\"text\"", "[]", "42", "{}", "[[[[[[[[[[{}]]]]]]]]]]", "{\"@graph\": null}", "{\"@type\": []}",
                      "{\"@type\": \"Event\"}", "{\"@type\": \"Event\", \"name\": 3, \"startDate\": 2022}",
                      "{\"@type\": \"Event\", \"name\": {\"@value\": \"A\"}, \"startDate\": [\"2022-11-08\", \"x\"]}"])
    func strangeJSONLDYieldsNothingInvented(_ json: String) throws {
        let page = try extract("<html><head><script type='application/ld+json'>\(json)</script></head></html>")
        for event in page.events {
            #expect(event.start == .day(CivilDate(year: 2022, month: 11, day: 8)))
            #expect(event.title == "A")
        }
    }

    @Test func deeplyNestedJSONDoesNotCrash() throws {
        let depth = 3000
        let json = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let page = try extract("<html><head><script type='application/ld+json'>\(json)</script></head></html>")
        #expect(page.events.isEmpty)
    }

    @Test func itemrefCyclesEnd() throws {
        let page = try extract("""
            <html><body><div id="a" itemscope itemtype="https://schema.org/Event" itemref="b">
            <span itemprop="name">Boucle</span></div>
            <div id="b" itemref="a"><meta itemprop="startDate" content="2022-11-08"></div></body></html>
            """)
        #expect(page.events.map(\.title) == ["Boucle"])
    }

    @Test func anEventThatIsItsOwnSubEventIsReadOnce() throws {
        let page = try extract("""
            <html><head><script type='application/ld+json'>{"@graph": [{"@id": "#e", "@type": "Event", "name": "E",
            "startDate": "2022-11-08", "subEvent": {"@id": "#e"}, "superEvent": {"@id": "#e"}}]}</script></head></html>
            """)
        #expect(page.events.count == 1)
    }

    @Test func aPageWithoutStructuredDataHasNoEventsAndNoWarnings() throws {
        let page = try extract("<html><body><h1>Agenda</h1><p>Le 8 novembre 2022 à 9h30, atelier.</p></body></html>")
        #expect(page.events.isEmpty)
        #expect(page.warnings.isEmpty)
    }
}
