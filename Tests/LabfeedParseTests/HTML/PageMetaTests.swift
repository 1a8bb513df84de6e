// Page-level facts: the base URL in force, OpenGraph and <meta> fallbacks, language, feeds and
// other-language versions, and the source's defaults applied to events.

import Foundation
import LabfeedCore
import LabfeedMarkup
import LabfeedParse
import Testing

struct PageMetaTests {
    static let event = #"<script type="application/ld+json">{"@type":"Event","name":"E","startDate":"2022-11-08","url":"e/1"}</script>"#

    func extract(_ html: String, url: String? = "https://site.example.fr/a/page.html", context: PageContext = PageContext()) throws -> PageExtraction {
        HTMLPage.extract(try MarkupDocument.html(Array(html.utf8), url: url), context: context)
    }

    @Test func baseHrefWinsOverTheOverrideWhichWinsOverTheDocumentURL() throws {
        let withBase = try extract("<html><head><base href='/b/'></head><body>\(Self.event)</body></html>",
                                   context: PageContext(baseURL: "https://override.example.fr/o/"))
        #expect(withBase.events.first?.url == "https://override.example.fr/b/e/1")
        let withOverride = try extract("<html><body>\(Self.event)</body></html>", context: PageContext(baseURL: "https://override.example.fr/o/"))
        #expect(withOverride.events.first?.url == "https://override.example.fr/o/e/1")
        let withDocument = try extract("<html><body>\(Self.event)</body></html>")
        #expect(withDocument.events.first?.url == "https://site.example.fr/a/e/1")
        #expect(withDocument.baseURL == "https://site.example.fr/a/page.html")
    }

    @Test func withoutAnyBaseARelativeURLStaysAsWritten() throws {
        let page = try extract("<html><body>\(Self.event)</body></html>", url: nil)
        #expect(page.events.first?.url == "e/1")
    }

    @Test func openGraphIsTheFallbackForTitleImageLinkAndLocale() throws {
        let page = try extract("""
            <html><head><title>Titre HTML</title>
            <meta property="og:title" content="Titre OG"><meta property="og:url" content="/canon">
            <meta property="og:image" content="/img.jpg"><meta property="og:locale" content="fr_FR">
            <meta property="og:description" content="Desc OG"></head>
            <body>\(Self.event.replacingOccurrences(of: #","url":"e/1""#, with: ""))</body></html>
            """)
        #expect(page.feed.title == "Titre OG")
        #expect(page.feed.link == "https://site.example.fr/canon")
        #expect(page.feed.language == "fr-FR")
        #expect(page.feed.description == "Desc OG")
        #expect(page.image == "https://site.example.fr/img.jpg")
        // The page's one event takes the page's link, image and language.
        let event = try #require(page.events.first)
        #expect(event.url == "https://site.example.fr/canon")
        #expect(event.image == "https://site.example.fr/img.jpg")
        #expect(event.language == "fr-FR")
    }

    @Test func feedsAndCalendarsAreDiscovered() throws {
        let page = try extract("""
            <html><head>
            <link rel="alternate" type="application/rss+xml" href="/feed/" title="RSS">
            <link rel="alternate" type="application/atom+xml" href="/atom.xml">
            <link rel="alternate" type="application/feed+json" href="/feed.json">
            <link rel="alternate" type="text/calendar" href="/agenda.ics">
            <link rel="alternate" hreflang="en" href="/en/page.html">
            <link rel="stylesheet" href="/style.css">
            </head><body><a href="webcal://site.example.fr/cal.ics">S'abonner</a><a href="/doc.pdf">PDF</a></body></html>
            """)
        #expect(page.feeds.map(\.url) == ["https://site.example.fr/feed/", "https://site.example.fr/atom.xml",
                                          "https://site.example.fr/feed.json", "https://site.example.fr/agenda.ics",
                                          "https://site.example.fr/cal.ics"])
        #expect(page.feeds.map(\.format) == [.rss, .atom, .jsonfeed, .ics, .ics])
        #expect(page.feeds.first?.title == "RSS")
        #expect(page.alternates == [Alternate(language: "en", url: "https://site.example.fr/en/page.html")])
    }

    @Test func theSourceDefaultsFillOnlyWhatEventsLack() throws {
        let context = PageContext(language: "fr", organizer: Organizer(name: "Lab"), location: Location(locality: "Limoges"))
        let page = try extract("""
            <html><body><script type="application/ld+json">[
            {"@type":"Event","name":"A","startDate":"2022-11-08"},
            {"@type":"Event","name":"B","startDate":"2022-11-09","organizer":"Autre","location":{"@type":"Place","name":"Ici"},"inLanguage":"en"},
            {"@type":"Event","name":"C","startDate":"2022-11-10","location":{"@type":"VirtualLocation","url":"https://v.example/"}}
            ]</script></body></html>
            """, context: context)
        #expect(page.events.map { $0.organizer?.name } == ["Lab", "Autre", "Lab"])
        #expect(page.events.map { $0.location?.locality } == ["Limoges", nil, nil])
        #expect(page.events.map { $0.location?.name } == [nil, "Ici", nil])
        #expect(page.events.map(\.language) == ["fr", "en", "fr"])
        #expect(page.events.map(\.timeZone) == ["Europe/Paris", "Europe/Paris", "Europe/Paris"])
    }

    @Test func anotherZoneIsHonoured() throws {
        let page = try extract(#"<html><body><script type="application/ld+json">{"@type":"Event","name":"E","startDate":"2022-11-08T09:30","endDate":"2022-11-08T14:00:00Z"}</script></body></html>"#,
                               context: PageContext(timeZone: TimeZone(identifier: "America/Cayenne")!))
        #expect(page.events.first?.start.iso == "2022-11-08T09:30:00-03:00")
        #expect(page.events.first?.end?.iso == "2022-11-08T11:00:00-03:00")
        #expect(page.events.first?.timeZone == "America/Cayenne")
    }
}
