// The entry point of LabfeedParse: detect what some bytes are and turn them into entries and
// events. Never throws: what cannot be read becomes a warning beside what could.

import Foundation
public import LabfeedCore

/// Detects and parses feeds (RSS, RSS 1.0, Atom, JSON Feed), calendars (iCalendar) and pages.
///
/// The format is judged by content first (servers mislabel feeds), then by the media type,
/// unless the caller forces one (`--as`). Broken documents yield what can be recovered, with
/// warnings naming where the faults are (the equivalent of feedparser's "bozo" flag).
public enum DocumentParser {
    /// The format of `bytes`, judged by content; the media type of `contentType` decides only
    /// when the content is not recognisable; HTML when neither says.
    public static func detect(_ bytes: [UInt8], contentType: String?) -> DocumentFormat {
        if let sniffed = FormatSniffer.sniff(bytes) { return sniffed }
        let context = ParseContext(now: .distantPast, contentType: contentType)
        return FormatSniffer.format(forMediaType: context.mediaType) ?? .html
    }

    /// Parses `bytes` in `context`.
    public static func parse(_ bytes: [UInt8], context rawContext: ParseContext) -> ParsedDocument {
        var context = rawContext
        if context.findEventsInText && context.textEventFinder == nil {
            context.textEventFinder = proseEntryFinder(rawContext)
        }
        var warnings: [String] = []
        let sniffed = FormatSniffer.sniff(bytes)
        let declared = FormatSniffer.format(forMediaType: context.mediaType)
        let format: DocumentFormat
        if let forced = context.forcedFormat {
            format = forced
            if let sniffed, !compatible(sniffed, forced) {
                warnings.append("the content looks like \(sniffed.rawValue), read as \(forced.rawValue) as asked")
            }
        } else if let sniffed {
            format = sniffed
            if let declared, !compatible(sniffed, declared), let type = context.mediaType {
                warnings.append("the server says \(type) but the content is \(sniffed.rawValue); read as \(sniffed.rawValue)")
            }
        } else {
            format = declared ?? .html
            if !bytes.contains(where: { $0 > 0x20 }) {
                warnings.append("the document is empty")
                return ParsedDocument(format: format, warnings: warnings, unusable: "the document is empty")
            }
            warnings.append("the content is not recognisable as a feed, a calendar or a page; read as \(format.rawValue)"
                            + (declared != nil ? " after its Content-Type" : ""))
        }
        var result: ParsedDocument
        switch format {
        case .rss, .rdf, .atom: result = XMLFeedParser.parse(bytes, format: format, context: context)
        case .jsonfeed: result = JSONFeedParser.parse(bytes, context: context)
        case .ics: result = ICSParser.parse(bytes, context: context)
        case .html: result = parseHTML(bytes, context: context)
        }
        result.warnings = warnings + result.warnings
        return result
    }

    /// RSS 2.0 and RSS 1.0 are both "a feed in RSS" for the purpose of a mismatch warning,
    /// as are XML media types and Atom served as RSS.
    private static func compatible(_ a: DocumentFormat, _ b: DocumentFormat) -> Bool {
        let feeds: Set<DocumentFormat> = [.rss, .rdf, .atom]
        return a == b || (feeds.contains(a) && feeds.contains(b))
    }
}
