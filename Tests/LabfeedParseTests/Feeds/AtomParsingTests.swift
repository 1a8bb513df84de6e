import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct AtomParsingTests {
    @Test func resolvesRelativeLinksThroughXMLBaseAtEveryLevel() throws {
        let doc = try FeedFixture.parse("feeds/relative-links-atom.xml")
        #expect(doc.format == .atom)
        #expect(doc.feed.link == "http://lab.example.org/blog/")
        let entry = doc.entries[0]
        #expect(entry.link == "http://lab.example.org/blog/2022/11/atelier.html")
        #expect(entry.enclosures == [Enclosure(url: "http://lab.example.org/blog/files/programme.pdf", type: "application/pdf", length: 2048)])
        #expect(entry.summary == "<p>Voir <a href=\"http://lab.example.org/blog/2022/11/programme.html\">le programme</a>.</p>")
        let content = try #require(entry.content)
        #expect(content.contains("src=\"http://lab.example.org/media/photo.jpg\""))
        #expect(content.contains("href=\"http://lab.example.org/contact\""))
        #expect(doc.entries[1].link == "http://lab.example.org/second")
        #expect(doc.entries[0].authors.first?.uri == "http://lab.example.org/equipe")
    }

    @Test func readsTextConstructsByType() throws {
        let doc = try FeedFixture.parse("feeds/relative-links-atom.xml")
        #expect(doc.feed.title == "Le blog du lab")
        #expect(doc.feed.description == "Nouvelles du lab")
        // type="text": markup characters are literal text.
        #expect(doc.entries[0].title == "Atelier <co-design> & prototypage")
        #expect(doc.entries[1].content == "Texte brut\nsur deux lignes.")
    }

    @Test func readsDatesIdsCategoriesAndInheritedAuthorAndLanguage() throws {
        let doc = try FeedFixture.parse("feeds/relative-links-atom.xml")
        let entry = doc.entries[0]
        #expect(entry.id == "tag:lab.example.org,2022:atelier")
        #expect(entry.published == FeedFixture.utc("2022-11-02T08:00:00Z"))
        #expect(entry.updated == FeedFixture.utc("2022-11-03T10:30:00Z"))
        #expect(entry.categories == ["agenda", "design"])
        #expect(entry.authors == [Author(name: "Équipe du lab", email: "lab@example.org", uri: "http://lab.example.org/equipe")])
        #expect(entry.language == "fr")
        #expect(doc.entries[1].authors == [Author(name: "Claire")])
        #expect(doc.feed.updated == FeedFixture.utc("2022-11-04T09:00:00Z"))
        #expect(doc.feed.language == "fr")
    }

    @Test func readsAtom03() throws {
        let doc = try FeedFixture.parse("feeds/atom03.xml")
        #expect(doc.format == .atom)
        #expect(doc.feed.title == "Old Atom lab")
        #expect(doc.feed.description == "An Atom 0.3 feed")
        #expect(doc.feed.updated == FeedFixture.utc("2004-05-01T12:00:00Z"))
        let entry = try #require(doc.entries.first)
        #expect(entry.published == FeedFixture.utc("2004-04-30T13:00:00Z"))
        #expect(entry.updated == FeedFixture.utc("2004-04-30T15:00:00Z"))
        #expect(entry.content == "<p>A <b>workshop</b>.</p>")
        #expect(entry.authors == [Author(name: "Old Lab", uri: "http://old.example.org/about")])
        #expect(entry.language == "en")
    }
}
