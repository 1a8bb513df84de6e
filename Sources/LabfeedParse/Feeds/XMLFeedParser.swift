// RSS, RSS 1.0 and Atom documents: repair, parse with libxml2 (recover mode), pick the reader
// by root element, adapt. Every libxml2 diagnostic becomes a warning; nothing throws.

import LabfeedCore
import LabfeedMarkup

/// Parses XML feeds into a ParsedDocument, recovering what a broken feed still holds.
enum XMLFeedParser {
    /// How many libxml2 diagnostics are listed one by one before a count.
    static let maxListedDiagnostics = 10

    static func parse(_ bytes: [UInt8], format: DocumentFormat, context: ParseContext) -> ParsedDocument {
        // The libxml2 tree is freed when `read` returns, before the adapter renders the HTML:
        // the tree and the rendered entries never need memory at the same time.
        let (raw, actual, warnings, unusable) = read(bytes, format: format, context: context)
        var document = FeedAdapter.build(consume raw, format: actual, context: context, warnings: warnings)
        document.unusable = unusable
        return document
    }

    private static func read(_ bytes: [UInt8], format: DocumentFormat, context: ParseContext)
        -> (RawFeed, DocumentFormat, [String], unusable: String?)
    {
        let prepared = XMLRepair.prepare(bytes, httpCharset: context.httpCharset)
        var warnings = prepared.notes
        let doc: MarkupDocument
        do {
            doc = try MarkupDocument.xml(prepared.bytes, url: nil, charset: prepared.charset)
        } catch {
            warnings.append("the feed could not be read: \(error)")
            return (RawFeed(), format, warnings, "the feed could not be read: \(error)")
        }
        warnings += describe(doc.diagnostics, total: doc.diagnosticCount)
        // A feed cut short (or whose parse was halted) would drop the items past the cut.
        let unusable = doc.endedEarly.map { "the feed is incomplete: \($0)" }
        guard let root = doc.root else { return (RawFeed(), format, warnings, unusable ?? "the feed has no root element") }
        let raw: RawFeed
        let actual: DocumentFormat
        switch (root.name, root.namespaceURI) {
        case ("feed", _):
            raw = AtomReader(context: context).read(doc)
            actual = .atom
        case ("RDF", _):
            raw = RSSReader(context: context).read(doc)
            actual = .rdf
        case ("rss", _), ("channel", _):
            raw = RSSReader(context: context).read(doc)
            actual = .rss
        default:
            warnings.append("the root element <\(root.name)> is not RSS or Atom; items searched anywhere")
            raw = RSSReader(context: context).read(doc)
            actual = format
        }
        if actual != format {
            warnings.append("read as \(actual.rawValue): the root element is <\(root.name)>")
        }
        return (raw, actual, warnings, unusable)
    }

    /// libxml2's diagnostics as warnings: the first few with line and column, then a count.
    static func describe(_ diagnostics: [MarkupDiagnostic], total: Int) -> [String] {
        var out = diagnostics.prefix(maxListedDiagnostics).map { "XML \($0.level.rawValue): \($0)" }
        if total > out.count { out.append("XML: \(total - out.count) more problems not listed") }
        return out
    }
}
