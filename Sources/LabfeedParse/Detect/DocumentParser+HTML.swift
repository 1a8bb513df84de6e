// HTML pages and plain text: structured data and per-source selectors (HTML/), then events in
// the running text (Prose/) on the days structured data does not cover.

import Foundation
import LabfeedCore
import LabfeedDates
import LabfeedMarkup

extension DocumentParser {
    /// A page's metadata, the feeds it links to, and its events; plain text (no markup at all)
    /// is read as paragraphs.
    static func parseHTML(_ bytes: [UInt8], context: ParseContext) -> ParsedDocument {
        if !looksLikeMarkup(bytes) {
            return parsePlainText(bytes, context: context)
        }
        let document: MarkupDocument
        do {
            document = try MarkupDocument.html(bytes, url: context.url, charset: context.httpCharset)
        } catch {
            return ParsedDocument(format: .html, warnings: ["the page could not be read: \(error)"])
        }
        let page = PageContext(baseURL: context.baseURL, timeZone: context.timeZone, language: context.sourceLanguage,
                               extract: context.extract, dateReader: textDateReader(context))
        var result = HTMLPage.extract(document, context: page).document
        if context.findEventsInText {
            let prose = ProseExtractor.extract(document, context: proseContext(context, pageURL: result.feed.link ?? context.baseURL ?? context.url,
                                                                               explain: false))
            result.events += uncovered(prose.events, by: result.events)
            result.warnings += prose.warnings
        }
        return result
    }

    /// Text with no markup (a `.txt` file, a `text/plain` answer): paragraphs, bylines, events
    /// in prose. Reported as `html`, the format of pages.
    static func parsePlainText(_ bytes: [UInt8], context: ParseContext) -> ParsedDocument {
        let text = Charset.isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : String(bytes.map { Character(Unicode.Scalar($0)) })
        var result = ParsedDocument(format: .html, warnings: ["plain text: read as paragraphs"])
        if context.findEventsInText {
            let prose = ProseExtractor.extract(plainText: text, context: proseContext(context, pageURL: context.baseURL ?? context.url, explain: false))
            result.events = prose.events
            result.warnings += prose.warnings
        }
        return result
    }

    /// What `labfeed fetch --explain` prints: for each prose event the text span and the rules
    /// that produced it, and for each rejected date why. nil for feeds and calendars.
    public static func explain(_ bytes: [UInt8], context: ParseContext) -> String? {
        guard (context.forcedFormat ?? detect(bytes, contentType: context.contentType)) == .html else { return nil }
        let prose = proseContext(context, pageURL: context.baseURL ?? context.url)
        if !looksLikeMarkup(bytes) {
            return ProseExtractor.extract(plainText: String(decoding: bytes, as: UTF8.self), context: prose).render()
        }
        guard let document = try? MarkupDocument.html(bytes, url: context.url, charset: context.httpCharset) else { return nil }
        return ProseExtractor.extract(document, context: prose).render()
    }

    /// Prose events on days no structured event covers: structured data describes its events
    /// better than the text around them. A listing page repeats its events' days in words
    /// without their year ("8 novembre"), so a prose date also counts as covered when a
    /// structured event falls on the same month and day.
    static func uncovered(_ prose: [Event], by structured: [Event]) -> [Event] {
        guard !structured.isEmpty else { return prose }
        let covered = structured.map { ($0.start.date, ($0.end ?? $0.start).date) }
        // Month and day as a pair of Ints: the set held a two-Int array per event (one
        // allocation each, and one more per prose event tested).
        let days = Set(structured.map { MonthDay(month: $0.start.date.month, day: $0.start.date.day) })
        return prose.filter { event in
            let day = event.start.date
            return !days.contains(MonthDay(month: day.month, day: day.day))
                && !covered.contains { first, last in first <= day && day <= last }
        }
    }

    /// A day of the year without its year, for ``uncovered(_:by:)``.
    private struct MonthDay: Hashable {
        let month: Int
        let day: Int
    }

    /// The prose context of a page; `explain` false when the explanations are dropped (parsing).
    static func proseContext(_ context: ParseContext, pageURL: String?, publication: CivilDate? = nil, explain: Bool = true) -> ProseContext {
        var prose = ProseContext(fetchDate: LocalDateTime(context.now, in: context.timeZone).date, timeZone: context.timeZone,
                                 pageLanguage: context.sourceLanguage, publicationDate: publication, pageURL: pageURL)
        prose.explain = explain
        return prose
    }

    /// The finder feed entries without event data of their own go through: the entry's title
    /// as a heading and its content (or summary) as the text, published on the entry's date.
    static func proseEntryFinder(_ context: ParseContext) -> @Sendable (String, String, Entry) -> [Event] {
        { title, summary, entry in
            let body = entry.content ?? entry.summary ?? HTMLText.escape(summary)
            let html = "<html><body><article><h1>\(HTMLText.escape(title))</h1>\(body)</article></body></html>"
            let published = (entry.published ?? entry.updated).map { LocalDateTime($0, in: context.timeZone).date }
            var prose = proseContext(context, pageURL: entry.link, publication: published, explain: false)
            prose.pageLanguage = entry.language ?? context.sourceLanguage
            guard let result = try? ProseExtractor.extract(html: Array(html.utf8), charset: "UTF-8", context: prose) else { return [] }
            return result.events.enumerated().map { index, event in
                var e = event
                if e.url == nil { e.url = entry.link }
                e.sourceID = result.events.count == 1 ? entry.id : "\(entry.id)#\(index + 1)"
                return e
            }
        }
    }

    /// Whether the bytes hold any tag (`<p`, `</`, `<!`): text without one is plain text.
    static func looksLikeMarkup(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(65_536)
        var previous: UInt8 = 0
        for byte in head {
            if previous == UInt8(ascii: "<"),
               (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!") {
                return true
            }
            previous = byte
        }
        return false
    }

    /// Reads a date written in words ("vendredi 4 novembre 2022 à 14h30") in text a selector
    /// picked, with the year inferred from the fetch date.
    static func textDateReader(_ context: ParseContext) -> TextDateReader {
        let reference = LocalDateTime(context.now, in: context.timeZone).date
        let language = context.sourceLanguage.flatMap { DateLanguage(bcp47: $0) } ?? .fr
        return { text, zone in
            let dateContext = DateContext(language: language, reference: reference, timeZone: zone)
            guard let match = DateEngine.parse(text, context: dateContext) ?? DateEngine.find(in: text, context: dateContext).first else {
                return nil
            }
            return (match.start, match.end)
        }
    }
}
