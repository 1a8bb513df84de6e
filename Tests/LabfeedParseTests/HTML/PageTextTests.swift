// Entities in JSON-LD strings, plain text and sanitised HTML out of descriptions.

@testable import LabfeedParse
import Testing

struct PageTextTests {
    @Test(arguments: [
        ("l&#8217;atelier", "l’atelier"),
        ("caf&eacute; &amp; d&eacute;bat", "café & débat"),
        ("&#x2013; &laquo;&nbsp;oui&nbsp;&raquo;", "– «\u{A0}oui\u{A0}»"),
        ("c&oelig;ur &Eacute;tat", "cœur État"),
        ("&#146;", "’"),
        ("AT&T &unknown; &#xZZ; & fin", "AT&T &unknown; &#xZZ; & fin"),
    ])
    func entitiesAreDecodedAndTheRestKept(_ input: String, _ expected: String) {
        #expect(HTMLText.decodeEntities(input) == expected)
    }

    @Test func markupBecomesPlainTextAndSafeHTML() {
        let (plain, html) = HTMLText.pageText(
            #"<p>Un <b>atelier</b> <a href="/x" onclick="evil()">ici</a>.</p><script>alert(1)</script><p>Deux<br>lignes</p>"#,
            baseURL: "https://lab.example.fr/agenda/")
        #expect(plain == "Un atelier ici.\n\nDeux\nlignes")
        #expect(html == #"<p>Un <b>atelier</b> <a href="https://lab.example.fr/x">ici</a>.</p><p>Deux<br>lignes</p>"#)
    }

    @Test func javascriptLinksLoseTheirTarget() {
        let (_, html) = HTMLText.pageText(#"<a href="javascript:alert(1)">x</a>"#, baseURL: nil)
        #expect(html == "<a>x</a>")
    }

    @Test func textWithoutMarkupHasNoHTMLForm() {
        let (plain, html) = HTMLText.pageText("Prix < 10 €,   entrée libre", baseURL: nil)
        #expect(plain == "Prix < 10 €, entrée libre")
        #expect(html == nil)
    }
}
