// Events announced in prose: the entry points for an HTML page and for plain text. The page's
// main content is found, cut into blocks, and each date in it judged (docs/PROSE.md). Pure
// functions of the input and the context; a MarkupDocument stays on the caller's thread.

import Foundation
import LabfeedCore
public import LabfeedMarkup

/// Finds the events a page announces in its running text ("Le 8 novembre, la DITP réunit…").
///
/// Use it when a page has no structured data for its events: every event it returns has
/// `foundBy == .prose`, a `confidence` between 0 and 1 and a `language`. Precision comes first:
/// publication dates, deadlines, opening hours, internal meetings and the dates of comments
/// and related articles are left out, each with its reason in ``ProseResult/explanations``.
public enum ProseExtractor {
    /// Events in an HTML page.
    public static func extract(_ document: MarkupDocument, context: ProseContext) -> ProseResult {
        let tree = HTMLTree(document: document)
        return extract(tree: tree, context: context)
    }

    /// Events in HTML bytes (parsed with ``MarkupDocument/html(_:url:charset:)``).
    /// - Throws: ``MarkupError`` when the bytes hold no document.
    public static func extract(html bytes: [UInt8], charset: String? = nil, context: ProseContext) throws(MarkupError) -> ProseResult {
        let document = try MarkupDocument.html(bytes, url: context.pageURL, charset: charset)
        return extract(document, context: context)
    }

    /// Events in plain text: paragraphs split on blank lines, short lone lines as headings,
    /// "DATE, par AUTHOR" / "Posted on DATE by" / "Publié le DATE" lines as bylines (the
    /// publication date, never an event), Markdown links `[text](url)` as their text.
    public static func extract(plainText: String, context: ProseContext) -> ProseResult {
        let blocks = PlainTextBlocks.blocks(plainText)
        let pageTitle = blocks.first(where: { $0.headingLevel == 1 })?.text
        let summary = ProseMainContent(path: "plain text", reason: "plain text: every paragraph is read",
                                       textLength: plainText.count, linkDensity: 0, blockCount: blocks.count)
        var analysis = ProseAnalysis(blocks: blocks, context: context, pageLanguage: context.pageLanguage,
                                     publication: context.publicationDate.map { ($0, "context") },
                                     pageTitle: pageTitle, mainContent: summary)
        return analysis.run()
    }

    static func extract(tree: HTMLTree, context: ProseContext) -> ProseResult {
        let finder = MainContentFinder(tree: tree)
        let (main, reason, candidates) = finder.choose()
        var builder = HTMLBlockBuilder(tree: tree, finder: finder, main: main)
        let blocks = builder.build()
        // Counted in place: `filter(...).count` copied every main block (retaining its strings)
        // into an array grown append by append, only to count it (28 M of the 200 pages); and
        // `for block in blocks` still copied each block (its strings retained and released):
        // read by index, only the zone is read.
        var mainBlocks = 0
        for i in blocks.indices where blocks[i].zone == .main { mainBlocks += 1 }
        let summary = ProseMainContent(path: tree.path(of: main), reason: reason, textLength: finder.plain[main] + finder.linked[main],
                                       linkDensity: (finder.linkDensity(main) * 100).rounded() / 100, blockCount: mainBlocks,
                                       candidates: candidates)
        let publication = context.publicationDate.map { ($0, "context") }
            ?? Publication.fromMeta(tree.meta, zone: context.timeZone)
        let h1 = blocks.first { $0.headingLevel == 1 && [.main, .outside, .header, .meta].contains($0.zone) }?.text
        let ogTitle = tree.meta["og:title"]
        let pageTitle = h1 ?? ogTitle ?? tree.titleText.map(siteNameRemoved)
        let language = context.pageLanguage ?? tree.htmlLang ?? tree.meta["og:locale"]
        // The blocks handed over (`consume`): the analysis changes some blocks' zones, which
        // copied the whole array while this function still held it.
        var analysis = ProseAnalysis(blocks: consume blocks, context: context, pageLanguage: language, publication: publication,
                                     pageTitle: pageTitle, mainContent: summary, tree: tree)
        var result = analysis.run()
        if mainBlocks == 0 { result.warnings.append("no main content found in \(tree.path(of: main))") }
        return result
    }

    /// "Atelier design | Le Lab" → "Atelier design".
    private static func siteNameRemoved(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let r = title.range(of: separator, options: .backwards) { return String(title[..<r.lowerBound]) }
        }
        return title
    }
}
