// HTML pages: structured data and per-source selectors (HTML/), with dates in selected text
// read by the date engine.

import Foundation
import LabfeedCore
import LabfeedDates
import LabfeedMarkup

extension DocumentParser {
    /// A page's metadata, the feeds it links to, and its events.
    static func parseHTML(_ bytes: [UInt8], context: ParseContext) -> ParsedDocument {
        let document: MarkupDocument
        do {
            document = try MarkupDocument.html(bytes, url: context.url, charset: context.httpCharset)
        } catch {
            return ParsedDocument(format: .html, warnings: ["the page could not be read: \(error)"])
        }
        let page = PageContext(baseURL: context.baseURL, timeZone: context.timeZone, language: context.sourceLanguage,
                               extract: context.extract, dateReader: textDateReader(context))
        return HTMLPage.extract(document, context: page).document
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
