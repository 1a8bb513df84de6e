import Foundation
import LabfeedParse
import Testing

struct HTMLTextTests {
    @Test func plainTextDecodesEntitiesAndPutsBlocksOnLines() {
        let html = "<h2>Atelier&nbsp;: l&rsquo;&eacute;t&eacute;</h2><p>Le 8 novembre<br>à 9h30</p><script>var x = 1;</script><ul><li>un</li><li>deux</li></ul>"
        #expect(HTMLText.plainText(fromHTML: html) == "Atelier : l’été\nLe 8 novembre\nà 9h30\nun\ndeux")
    }

    @Test func plainTextTreatsSourceLineBreaksAsSpaces() {
        #expect(HTMLText.plainText(fromHTML: "<p>Hello\n   world</p>") == "Hello world")
        #expect(HTMLText.plainLine(fromHTML: "<b>Titre</b>\n<i>sur deux lignes</i>") == "Titre sur deux lignes")
    }

    @Test func sanitiseDropsDangerousMarkupAndKeepsTheRest() {
        let html = """
        <p style="color:red" onclick="evil()">Texte <a href="javascript:alert(1)">a</a> <a href=" JaVa\tScript:alert(2)">b</a>
        <a href="/rel" target="_blank">c</a></p><iframe src="https://x.example"></iframe><style>p{}</style>
        <img src="i.png" onerror="x()"><form><input value="v"></form><custom-tag>gardé</custom-tag>
        """
        let out = HTMLText.sanitize(html, baseURL: "https://lab.example.fr/blog/")
        #expect(!out.contains("style"))
        #expect(!out.contains("onclick"))
        #expect(!out.contains("javascript"))
        #expect(!out.lowercased().contains("script"))
        #expect(!out.contains("iframe"))
        #expect(!out.contains("target"))
        #expect(!out.contains("input"))
        #expect(out.contains("<a href=\"https://lab.example.fr/rel\">c</a>"))
        #expect(out.contains("<img src=\"https://lab.example.fr/blog/i.png\" />"))
        #expect(out.contains("gardé"))
        #expect(out.hasPrefix("<p>Texte <a>a</a> <a>b</a>"))
    }

    @Test func sanitiseEscapesTextAndWrapsNothingAroundPlainText() {
        #expect(HTMLText.sanitize("AT&T <b>5 < 6</b>", baseURL: nil) == "AT&amp;T <b>5 &lt; 6</b>")
        #expect(HTMLText.sanitize("Just text", baseURL: nil) == "Just text")
        #expect(HTMLText.sanitize("   ", baseURL: nil) == "")
    }

    @Test func looksLikeHTMLOnlyForTagsAndReferences() {
        #expect(HTMLText.looksLikeHTML("<p>x</p>"))
        #expect(HTMLText.looksLikeHTML("a &amp; b"))
        #expect(HTMLText.looksLikeHTML("a &#233; b"))
        #expect(!HTMLText.looksLikeHTML("AT&T"))
        #expect(!HTMLText.looksLikeHTML("5 < 6 & 7 > 2"))
    }

    @Test func resolvesURLsAsRFC3986Says() {
        let base = "http://a.example/b/c/d;p?q"
        #expect(URLResolver.resolve("g", against: base) == "http://a.example/b/c/g")
        #expect(URLResolver.resolve("../g", against: base) == "http://a.example/b/g")
        #expect(URLResolver.resolve("/g", against: base) == "http://a.example/g")
        #expect(URLResolver.resolve("//g.example/x", against: base) == "http://g.example/x")
        #expect(URLResolver.resolve("?y", against: base) == "http://a.example/b/c/d;p?y")
        #expect(URLResolver.resolve("https://other.example/", against: base) == "https://other.example/")
        #expect(URLResolver.resolve("  g h  ", against: base) == "http://a.example/b/c/g%20h")
        #expect(URLResolver.resolve("relative", against: nil) == "relative")
    }

    @Test func collapsesWhitespaceIncludingNoBreakSpaces() {
        #expect(Whitespace.collapse("  a\u{A0}\u{A0}b\n\tc  ") == "a b c")
        #expect(Whitespace.collapseLines(" a  b \n\n  c ") == "a b\nc")
        #expect(Whitespace.nonEmpty(" \u{A0} ") == nil)
    }
}
