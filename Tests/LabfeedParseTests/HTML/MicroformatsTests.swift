// Microformats details beyond the fixture pages: CSS-framework lookalikes, property names,
// implied names, and precedence between mf2 and classic class names on one element.

import Foundation
import LabfeedCore
import LabfeedMarkup
@testable import LabfeedParse
import Testing

struct MicroformatsTests {
    func events(_ body: String) throws -> PageExtraction {
        let document = try MarkupDocument.html(Array("<html><body>\(body)</body></html>".utf8), url: "https://lab.example.fr/")
        return HTMLPage.extract(document)
    }

    @Test func utilityClassesAreNeitherRootsNorProperties() throws {
        let page = try events("""
            <div class="h-event"><div class="h-full p-4 dt-4"><div class="h-auto"><span class="p-name">Atelier</span></div>
            <time class="dt-start" datetime="2022-11-08">8</time></div></div>
            """)
        #expect(page.events.map(\.title) == ["Atelier"])
        #expect(page.events.first?.start == .day(CivilDate(year: 2022, month: 11, day: 8)))
    }

    @Test(arguments: [("name", true), ("street-address", true), ("x-status", true), ("4", false), ("2xl", false),
                      ("", false), ("-name", false), ("name-", false), ("Name", false), ("1x-name", true)])
    func propertyNamesFollowTheGrammar(_ name: String, _ valid: Bool) {
        #expect(MicroformatsParser.isPropertyName(name) == valid)
    }

    @Test func anMF2RootOnAClassicElementIsReadAsMF2Once() throws {
        let page = try events("""
            <div class="h-event vevent"><span class="p-name summary">Forum</span>
            <time class="dt-start dtstart" datetime="2022-11-17T09:00">17</time></div>
            """)
        #expect(page.events.count == 1)
        #expect(page.events.first?.foundBy == .hEvent)
    }

    @Test func anImpliedNameComesFromTheTextWhenNoPropertyNamesIt() throws {
        let page = try events(#"<a class="h-event" href="/e/1">Rencontre <time class="dt-start" datetime="2022-11-08">le 8</time></a>"#)
        #expect(page.events.first?.title == "Rencontre le 8")
        #expect(page.events.first?.url == "https://lab.example.fr/e/1")
    }

    @Test func aGivenSummaryPreventsAnImpliedName() throws {
        let page = try events(#"<div class="h-event"><p class="p-summary">Résumé</p><time class="dt-start" datetime="2022-11-08">8</time></div>"#)
        #expect(page.events.isEmpty)
        #expect(page.warnings.first?.contains("h-event at line 1: no name") == true)
    }

    @Test func eventsNestedInAFeedOrAsPropertiesAreFound() throws {
        let page = try events("""
            <div class="h-feed"><div class="h-entry"><div class="p-x-event h-event"><span class="p-name">Nested</span>
            <time class="dt-start" datetime="2022-11-09">9</time></div></div></div>
            """)
        #expect(page.events.map(\.title) == ["Nested"])
    }

    @Test func aClassicLocationGivesAPlaceWithCoordinates() throws {
        let page = try events("""
            <div class="vevent"><span class="summary">Visite</span><abbr class="dtstart" title="20221108T0930">8 nov.</abbr>
            <span class="location adr"><span class="locality">Limoges</span><span class="country-name">France</span></span>
            <span class="geo"><span class="latitude">45.83</span><span class="longitude">1,26</span></span></div>
            """)
        let event = try #require(page.events.first)
        #expect(event.start.iso == "2022-11-08T09:30:00+01:00")
        #expect(event.location?.locality == "Limoges")
        #expect(event.location?.country == "France")
        #expect(event.location?.latitude == 45.83)
        #expect(event.location?.longitude == 1.26)
    }

    @Test func anEndBeforeTheStartIsDroppedWithAWarning() throws {
        let page = try events(#"<div class="h-event"><span class="p-name">X</span><time class="dt-start" datetime="2022-11-08T18:00">a</time><time class="dt-end" datetime="09:00">b</time></div>"#)
        #expect(page.events.first?.end == nil)
        #expect(page.warnings.contains { $0.contains("ends (2022-11-08T09:00:00+01:00) before it starts") })
    }
}
