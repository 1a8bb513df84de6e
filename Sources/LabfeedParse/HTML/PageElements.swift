// The elements a page's readers start from, gathered in one walk of the tree: each list holds
// exactly what the reader's former XPath query selected (`/descendant::script[@type]`...), in
// document order. Nine queries were nine walks of the page through libxml2's XPath engine, as
// much CPU as the parse itself (the microformats class test alone called five XPath functions
// per element).

import LabfeedMarkup

/// The candidates of every page reader, from ``MarkupDocument/elements(matching:)``.
struct PageElements {
    var base: [MarkupNode] = []
    var metas: [MarkupNode] = []
    var titles: [MarkupNode] = []
    var links: [MarkupNode] = []
    var anchors: [MarkupNode] = []
    var scripts: [MarkupNode] = []
    var itemScopes: [MarkupNode] = []
    var typed: [MarkupNode] = []
    /// Whether some element's classes could make it a microformats root (most pages have none,
    /// and the microformats walk is skipped).
    var mayHaveMicroformats = false

    /// The substrings of a class attribute that can make an element a microformats root.
    static let microformatsClassHints = ["h-", "vevent", "vcard", "adr", "geo"]

    private static let tests: [ElementTest] = [
        .named("base", with: "href"), .named("meta", with: "content"), .named("title"),
        .named("link", with: "href"), .named("a", with: "href"), .named("script", with: "type"),
        .any(with: "itemscope"), .any(with: "typeof"),
        .any(where: "class", contains: microformatsClassHints),
    ]

    init(_ document: MarkupDocument) {
        let found = document.elements(matching: Self.tests)
        base = found[0]
        metas = found[1]
        titles = found[2]
        links = found[3]
        anchors = found[4]
        scripts = found[5]
        itemScopes = found[6]
        typed = found[7]
        mayHaveMicroformats = !found[8].isEmpty
    }
}
