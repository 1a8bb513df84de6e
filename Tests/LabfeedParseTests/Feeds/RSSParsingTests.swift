import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct RSSParsingTests {
    @Test func readsAWordPressFeed() throws {
        let doc = try FeedFixture.parse("feeds/wordpress.xml")
        #expect(doc.format == .rss)
        #expect(doc.feed.title == "Lab’Innov – Laboratoire d’innovation publique")
        #expect(doc.feed.link == "https://labinnov.example.fr")
        #expect(doc.feed.description == "Le lab d’innovation publique de la région")
        #expect(doc.feed.language == "fr-FR")
        #expect(doc.feed.updated == FeedFixture.utc("2022-11-04T09:12:44Z"))
        #expect(doc.entries.count == 2)
        let first = doc.entries[0]
        #expect(first.id == "https://labinnov.example.fr/?p=1234")
        #expect(first.title == "Atelier « co-design » : les services publics de demain")
        #expect(first.link == "https://labinnov.example.fr/2022/11/atelier-co-design/")
        #expect(first.published == FeedFixture.utc("2022-11-03T14:05:21Z"))
        #expect(first.authors == [Author(name: "Marie Dupont")])
        #expect(first.categories == ["Agenda", "Mois de l'innovation publique"])
        #expect(first.image == "https://labinnov.example.fr/wp-content/uploads/2022/11/atelier-150x150.jpg")
        #expect(first.summaryText == "Le lab vous invite à un atelier le 8 novembre à 9h30 à Limoges… Lire la suite")
        let content = try #require(first.content)
        #expect(content.contains("<strong>atelier</strong>"))
        #expect(content.contains("src=\"https://labinnov.example.fr/wp-content/uploads/2022/11/atelier.jpg\""))
        #expect(content.contains("href=\"https://labinnov.example.fr/inscription/\""))
        #expect(!content.contains("<script"))
        #expect(!content.contains("alert"))
        #expect(!content.contains("onerror"))
        #expect(!content.contains("javascript:"))
        let podcast = doc.entries[1]
        #expect(podcast.enclosures == [Enclosure(url: "https://labinnov.example.fr/wp-content/uploads/2022/10/episode4.mp3", type: "audio/mpeg", length: 12_345_678)])
        // "Le lab vous invite à un atelier le 8 novembre à 9h30": an event found in the text.
        #expect(doc.events.count == 1)
        #expect(doc.events.first?.foundBy == .prose)
        #expect(doc.events.first?.start.iso == "2022-11-08T09:30:00+01:00")
        #expect(doc.events.first?.url == "https://labinnov.example.fr/2022/11/atelier-co-design/")
        #expect(doc.warnings.isEmpty, "\(doc.warnings)")
    }

    @Test func readsASPIPFeedWithEscapedHTMLAndRelativeImages() throws {
        let doc = try FeedFixture.parse("feeds/spip.xml")
        #expect(doc.format == .rss)
        #expect(doc.feed.description == "Actualités de l'innovation publique")
        let first = doc.entries[0]
        #expect(first.title == "Mois de l’innovation publique 2022 : le programme")
        #expect(first.id == "https://www.region-exemple.fr/spip.php?article412")
        #expect(first.published == FeedFixture.utc("2022-11-04T08:30:00Z"))
        #expect(first.updated == FeedFixture.utc("2022-11-04T08:30:00Z"))
        #expect(first.authors.first?.name == "lpe")
        #expect(first.categories == ["Innovation", "Agenda"])
        #expect(first.language == "fr")
        #expect(first.summaryText == "Du 2 au 30 novembre, une vingtaine d’événements en Nouvelle-Aquitaine.")
        // Relative to the channel link, since the file has no web URL of its own.
        #expect(first.summary?.contains("src=\"https://www.region-exemple.fr/IMG/arton412.jpg?1667550600\"") == true)
        #expect(first.content?.contains("href=\"https://www.region-exemple.fr/spip.php?article410\"") == true)
        #expect(first.content?.contains("Journée nationale des Labs") == true)
    }

    @Test func resolvesAgainstTheResponseURLOrTheBaseURLOverride() throws {
        let fromResponse = try FeedFixture.parse("feeds/wordpress.xml", context: FeedFixture.context(url: "https://mirror.example.net/feed/"))
        #expect(fromResponse.entries[0].content?.contains("https://mirror.example.net/wp-content/uploads/2022/11/atelier.jpg") == true)
        let overridden = try FeedFixture.parse("feeds/wordpress.xml", context: FeedFixture.context(url: "https://mirror.example.net/feed/", baseURL: "https://base.example.org/"))
        #expect(overridden.entries[0].content?.contains("https://base.example.org/wp-content/uploads/2022/11/atelier.jpg") == true)
    }

    @Test func readsRSS1RDFWithDublinCore() throws {
        let doc = try FeedFixture.parse("feeds/rss1-rdf.xml")
        #expect(doc.format == .rdf)
        #expect(doc.feed.title == "RDF lab")
        #expect(doc.feed.language == "de")
        #expect(doc.feed.updated == FeedFixture.utc("2022-11-01T11:00:00Z"))
        #expect(doc.entries.map(\.id) == ["http://rdf.example.org/a", "http://rdf.example.org/b"])
        #expect(doc.entries[0].published == FeedFixture.utc("2022-10-30T09:00:00Z"))
        #expect(doc.entries[0].authors == [Author(name: "Anna")])
        #expect(doc.entries[0].categories == ["Labs"])
        #expect(doc.entries[0].content == "<p>Full <em>text</em></p>")
        #expect(doc.entries[0].summary == "First item")
        #expect(doc.entries[1].published == FeedFixture.utc("2022-10-01T00:00:00Z"))
    }

    @Test func readsRSS091WithHTMLEntitiesUndefinedInXML() throws {
        let doc = try FeedFixture.parse("feeds/rss091.xml")
        #expect(doc.format == .rss)
        #expect(doc.feed.description == "RSS 0.91 with a DTD and HTML entities: café & thé")
        #expect(doc.entries[0].title == "Café débat")
        #expect(doc.entries[0].summaryText == "Un café débat")
        #expect(doc.entries[0].id == "http://old.example.com/cafe")
    }

    @Test func takesThumbnailsFromMediaRSS() throws {
        let doc = try FeedFixture.parse("feeds/media-rss.xml")
        #expect(doc.entries[0].image == "http://media.example.org/thumbs/v.jpg")
        #expect(doc.entries[1].image == "http://media.example.org/i.jpg")
    }

    @Test func parsesRSSAuthorForms() {
        let xml = """
        <rss version="2.0"><channel><title>t</title>
        <item><title>a</title><guid>1</guid><author>jdoe@example.com (John Doe)</author></item>
        <item><title>b</title><guid>2</guid><author>Jane Roe &lt;jane@example.com&gt;</author></item>
        <item><title>c</title><guid>3</guid><author>solo@example.com</author></item>
        </channel></rss>
        """
        let doc = FeedFixture.parse(text: xml)
        #expect(doc.entries.map(\.authors) == [
            [Author(name: "John Doe", email: "jdoe@example.com")],
            [Author(name: "Jane Roe", email: "jane@example.com")],
            [Author(email: "solo@example.com")],
        ])
    }

    @Test func usesAPermalinkGuidAsLinkWhenThereIsNoLink() {
        let xml = """
        <rss version="2.0"><channel><title>t</title>
        <item><title>a</title><guid>https://x.example.org/a</guid></item>
        <item><title>b</title><guid isPermaLink="false">https://x.example.org/b</guid></item>
        </channel></rss>
        """
        let doc = FeedFixture.parse(text: xml)
        #expect(doc.entries[0].link == "https://x.example.org/a")
        #expect(doc.entries[1].link == nil)
    }
}
