// The placeholder for HTML pages: feed-level metadata only. The HTML structured-data extractor
// (another part of LabfeedParse) replaces `parseHTML` when it lands.

import LabfeedCore
import LabfeedMarkup

extension DocumentParser {
    /// A page's title, description, language and canonical link; no entries, no events.
    static func parseHTML(_ bytes: [UInt8], context: ParseContext) -> ParsedDocument {
        guard let doc = try? MarkupDocument.html(bytes, url: context.url, charset: context.httpCharset) else {
            return ParsedDocument(format: .html, warnings: ["the page could not be read"])
        }
        let base = context.rootBase()
        var info = FeedInfo()
        info.title = (try? doc.string("string(//title)")).flatMap { Whitespace.nonEmpty($0) }
        info.description = (try? doc.string("string(//meta[@name='description']/@content)")).flatMap { Whitespace.nonEmpty($0) }
        info.language = (try? doc.string("string(/html/@lang)")).flatMap { Whitespace.nonEmpty($0) } ?? context.sourceLanguage
        info.link = (try? doc.string("string(//link[@rel='canonical']/@href)")).flatMap { Whitespace.nonEmpty($0) }
            .map { URLResolver.resolve($0, against: base) }
        return ParsedDocument(format: .html, feed: info)
    }
}
