// Main-content detection on HTML shapes: the article body is chosen over navigation, sidebars
// and footers; dates outside it are explained with the area they are in.

import LabfeedCore
import LabfeedParse
import Testing

struct MainContentTests {
    func read(_ html: String) throws -> ProseResult {
        try ProseExtractor.extract(html: Array(html.utf8), context: ProseFixture.context(publication: CivilDate(year: 2023, month: 10, day: 1)))
    }

    @Test func mainElementIsChosenAndBoilerplateExplained() throws {
        let result = try read("""
        <html lang="fr"><body>
        <nav><a href="/">Accueil</a> <a href="/agenda">Atelier du 3 octobre 2023</a></nav>
        <main><h1>Atelier design</h1><p>Le Lab organise un atelier de design de service le 12 octobre 2023 à 14h à Poitiers.</p></main>
        <aside class="sidebar"><p>Conférence le 20 octobre 2023 à Niort.</p></aside>
        <footer><p>Séminaire annuel le 30 novembre 2023.</p></footer>
        </body></html>
        """)
        #expect(result.mainContent.path == "body > main")
        #expect(result.events.map(\.start.iso) == ["2023-10-12T14:00:00+02:00"])
        #expect(result.explanations.compactMap(\.reason) == [.navigation, .sidebar, .headerFooter])
    }

    @Test func densestBlockIsChosenWithoutMarkers() throws {
        let result = try read("""
        <html><body>
        <div id="top"><a href="/a">Accueil</a> · <a href="/b">Le Lab</a> · <a href="/c">Atelier le 5 octobre 2023</a></div>
        <div id="zone"><div id="texte">
        <p>Le laboratoire régional d'innovation publique accompagne les services dans la transformation de leurs politiques.</p>
        <p>Le 19 octobre 2023, il organise une rencontre avec les agents des lycées à Bordeaux, de 10h à 16h.</p>
        </div></div>
        </body></html>
        """)
        #expect(result.mainContent.path.hasSuffix("div#texte"))
        #expect(result.events.map(\.start.iso) == ["2023-10-19T10:00:00+02:00"])
        #expect(result.explanations.first?.reason == .outsideMainContent)
    }

    @Test func relatedAndCommentHeadingsInsideTheArticleCloseTheBody() throws {
        let result = try read("""
        <html><body><article>
        <h1>Forum des labs</h1>
        <p>Le forum des labs aura lieu le 14 novembre 2023 à Lyon.</p>
        <h2>À lire aussi</h2>
        <ul><li><a href="/x">Atelier du 2 octobre 2023 à Lyon</a></li></ul>
        <h2>3 commentaires</h2>
        <p>Je viendrai au séminaire du 20 novembre 2023 !</p>
        </article></body></html>
        """)
        #expect(result.events.map(\.start.iso) == ["2023-11-14"])
        #expect(result.explanations.compactMap(\.reason) == [.relatedArticles, .comment])
    }

    @Test func blockLangWinsOverThePageLanguage() throws {
        let result = try read("""
        <html lang="fr"><body><main>
        <p lang="en">Join us on 8 November 2023 for a workshop in Nantes.</p>
        <p>Le 8 novembre 2023, atelier à Nantes.</p>
        </main></body></html>
        """)
        #expect(result.events.map(\.language) == ["en", "fr"])
    }

    @Test func metaPublicationDateIsTheReferenceForYearsLeftOut() throws {
        let result = try ProseExtractor.extract(html: Array("""
        <html><head><meta property="article:published_time" content="2021-10-28T09:00:00+02:00"></head>
        <body><article><p>Le 8 novembre, atelier ouvert à Limoges.</p></article></body></html>
        """.utf8), context: ProseFixture.context())
        #expect(result.publicationDate == CivilDate(year: 2021, month: 10, day: 28))
        #expect(result.events.map(\.start.iso) == ["2021-11-08"])
    }

    @Test func brokenHTMLIsReadAsFarAsPossible() throws {
        let result = try read("<div><p>Le 9 novembre 2023, <b>atelier</b> à Pau<p>Le 10 novembre 2023, rencontre à Tarbes</div></span>")
        #expect(result.events.map(\.start.iso) == ["2023-11-09", "2023-11-10"])
        #expect(throws: (any Error).self) { try read("   ") }
    }
}
