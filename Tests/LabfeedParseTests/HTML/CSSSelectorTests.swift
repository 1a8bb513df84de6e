// The CSS → XPath compiler: each supported form selects what a browser would, and each
// unsupported or broken form fails with the column where it went wrong.

import LabfeedCore
import LabfeedMarkup
import LabfeedParse
import Testing

struct CSSSelectorTests {
    static let page = """
        <html><body>
        <ul id="list" class="agenda main">
          <li id="a" class="event past" data-kind="talk">A</li>
          <li id="b" class="event" data-kind="workshop-long">B</li>
          <li id="c" class="event-like">C</li>
          <li id="d" class="event" lang="fr-FR">D <span class="when">x</span></li>
        </ul>
        <div class="x"><p id="p1">P1</p><h2 id="h">H</h2><p id="p2">P2</p><p id="p3" title="it's &quot;q&quot;">P3</p></div>
        </body></html>
        """

    /// The ids (or names) of what `css` selects in ``page``.
    func ids(_ css: String) throws -> [String] {
        let document = try MarkupDocument.html(Array(Self.page.utf8))
        let xpath = try CSSSelector.xpath(for: css)
        return try document.select(xpath).map { $0.attribute("id") ?? $0.name }
    }

    @Test(arguments: [
        ("li", ["a", "b", "c", "d"]),
        ("LI", ["a", "b", "c", "d"]),
        (".event", ["a", "b", "d"]),
        ("li.event.past", ["a"]),
        ("#b", ["b"]),
        ("*#c", ["c"]),
        ("[lang]", ["d"]),
        ("[data-kind=talk]", ["a"]),
        ("[data-kind='workshop-long']", ["b"]),
        ("[data-kind^=work]", ["b"]),
        ("[data-kind$=long]", ["b"]),
        ("[data-kind*=shop]", ["b"]),
        ("[lang|=fr]", ["d"]),
        ("[class~=past]", ["a"]),
        ("ul li.event span", ["span"]),
        ("ul > .when", []),
        ("#list > li:first-child", ["a"]),
        ("li:last-child", ["d"]),
        ("li:nth-child(2)", ["b"]),
        ("li:nth-child(odd)", ["a", "c"]),
        ("li:nth-child(2n)", ["b", "d"]),
        ("li:nth-child(-n+2)", ["a", "b"]),
        ("li:nth-last-child(1)", ["d"]),
        ("p:first-of-type", ["p1"]),
        ("p:nth-of-type(2)", ["p2"]),
        ("h2 + p", ["p2"]),
        ("h2 ~ p", ["p2", "p3"]),
        ("li:not(.past)", ["b", "c", "d"]),
        ("#h, #a", ["a", "h"]),
        ("[title=\"it's \\\"q\\\"\"]", ["p3"]),
    ])
    func selectsWhatABrowserWould(_ css: String, _ expected: [String]) throws {
        #expect(try ids(css) == expected, "\(css)")
    }

    @Test func fieldSelectorsAreRelativeToTheirItem() throws {
        #expect(try CSSSelector.xpath(for: "h2 > a", relative: true) == ".//h2/a")
        #expect(try CSSSelector.xpath(for: "h2 > a") == "//h2/a")
        let document = try MarkupDocument.html(Array(Self.page.utf8))
        let item = try #require(try document.select("//li[@id='d']").first)
        let span = try item.select(try CSSSelector.xpath(for: ".when", relative: true))
        #expect(span.count == 1)
        #expect(try item.select(try CSSSelector.xpath(for: "p", relative: true)).isEmpty)
    }

    @Test(arguments: [
        ("", 1, "empty selector"),
        ("div..x", 5, "expected a class name after “.”, found “.”"),
        ("li:hover", 3, "unsupported pseudo-class :hover"),
        ("a::before", 2, "pseudo-elements (`::`) select no element"),
        ("[href", 1, "“]” is missing"),
        ("[href=]", 7, "expected a value after “=”, found “]”"),
        ("a[x='y]", 5, "unterminated string"),
        ("li:nth-child(x)", 14, "invalid argument “x”: expected a number, odd, even or an+b"),
        ("li:nth-child(2", 13, "“)” is missing"),
        (":first-of-type", 1, ":first-of-type needs an element name before it"),
        ("div,", 5, "a selector is missing after “,”"),
        ("div >", 6, "a selector is missing after “>”"),
        ("div > > p", 7, "expected a selector, found “>”"),
        ("svg|rect", 4, "namespaces (`ns|type`) are not supported"),
        ("a:not(.x .y)", 10, "only one simple selector is allowed in :not()"),
        ("div!", 4, "unexpected “!”"),
    ])
    func brokenSelectorsSayWhereAndWhy(_ css: String, _ column: Int, _ message: String) {
        #expect(throws: CSSSelectorError(selector: css, column: column, message: message)) {
            _ = try CSSSelector.xpath(for: css)
        }
    }

    @Test func theCheckUsesTheRightCompiler() {
        #expect(SelectorCheck.problem(Selector(expression: "div.event > h2", syntax: .css)) == nil)
        #expect(SelectorCheck.problem(Selector(expression: "//div[@class='event']", syntax: .xpath)) == nil)
        #expect(SelectorCheck.problem(Selector(expression: "div..event", syntax: .css)) == "column 5: expected a class name after “.”, found “.”")
        #expect(SelectorCheck.problem(Selector(expression: "//div[", syntax: .xpath)) != nil)
    }
}
