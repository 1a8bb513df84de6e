// JSON Feed 1.0 and 1.1 (https://jsonfeed.org) read with Foundation's JSONSerialization,
// tolerantly: wrong types are skipped with a warning, ids may be numbers, both `author` (1.0)
// and `authors` (1.1) are read.

import Foundation
import LabfeedCore
import LabfeedMarkup

/// Parses JSON Feed documents.
enum JSONFeedParser {
    static func parse(_ bytes: [UInt8], context: ParseContext) -> ParsedDocument {
        var warnings: [String] = []
        let data = utf8Data(bytes, warnings: &warnings)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error.localizedDescription)"
            warnings.append("the JSON could not be read: \(detail)")
            return ParsedDocument(format: .jsonfeed, warnings: warnings, unusable: "the JSON could not be read: \(detail)")
        }
        guard let top = object as? [String: Any] else {
            warnings.append("the JSON is not an object; no feed read")
            return ParsedDocument(format: .jsonfeed, warnings: warnings, unusable: "the JSON is not an object, so not a JSON Feed")
        }
        // An API's error object served as JSON: neither a JSON Feed version nor items.
        if (top["version"] as? String)?.contains("jsonfeed.org/version/") != true, top["items"] as? [Any] == nil {
            let keys = top.keys.sorted().prefix(5).joined(separator: ", ")
            warnings.append("the JSON names no JSON Feed version and has no items; no feed read")
            return ParsedDocument(format: .jsonfeed, warnings: warnings,
                                  unusable: "the JSON is not a JSON Feed (no `version` naming jsonfeed.org, no `items`; keys: \(keys))")
        }
        if let version = top["version"] as? String, !version.contains("jsonfeed.org/version/") {
            warnings.append("unknown JSON Feed version \(version.debugDescription); read as 1.1")
        }
        var feed = RawFeed()
        let home = string(top["home_page_url"])
        let rootBase = context.rootBase(fallback: home ?? string(top["feed_url"]))
        feed.title = string(top["title"]).map { RawText(value: $0, isHTML: false) }
        feed.link = home.map { URLResolver.resolve($0, against: rootBase) }
        feed.description = string(top["description"]).map { RawText(value: $0, isHTML: false) }
        feed.language = string(top["language"])
        let feedAuthors = authors(top, base: rootBase)
        let items = top["items"] as? [Any] ?? []
        if top["items"] != nil && top["items"] as? [Any] == nil { warnings.append("\"items\" is not an array; no entries read") }
        for (index, element) in items.enumerated() {
            let place = "item \(index + 1)"
            guard let item = element as? [String: Any] else {
                warnings.append("\(place): not an object; skipped")
                continue
            }
            var raw = RawItem(place: place)
            if let id = item["id"] as? String { raw.guid = id } else if let n = item["id"] as? NSNumber { raw.guid = n.stringValue }
            raw.title = string(item["title"]).map { RawText(value: $0, isHTML: false) }
            raw.link = (string(item["url"]) ?? string(item["external_url"])).map { URLResolver.resolve($0, against: rootBase) }
            raw.guidIsPermaLink = false
            if let html = string(item["content_html"]) {
                raw.content = RawText(value: html, isHTML: true, base: rootBase)
            } else if let text = string(item["content_text"]) {
                raw.content = RawText(value: text, isHTML: false)
            }
            raw.summary = string(item["summary"]).map { RawText(value: $0, isHTML: false) }
            raw.published = string(item["date_published"]).map { RawDate(text: $0, element: "date_published") }
            raw.updated = string(item["date_modified"]).map { RawDate(text: $0, element: "date_modified") }
            let own = authors(item, base: rootBase)
            raw.authors = own.isEmpty ? feedAuthors : own
            for tag in item["tags"] as? [Any] ?? [] { FeedFields.addCategory(tag as? String, to: &raw.categories) }
            for attachment in item["attachments"] as? [Any] ?? [] {
                guard let a = attachment as? [String: Any], let url = string(a["url"]) else { continue }
                raw.enclosures.append(Enclosure(url: URLResolver.resolve(url, against: rootBase), type: string(a["mime_type"]),
                                                length: (a["size_in_bytes"] as? NSNumber)?.intValue))
            }
            raw.image = (string(item["image"]) ?? string(item["banner_image"])).map { URLResolver.resolve($0, against: rootBase) }
            raw.language = string(item["language"]) ?? feed.language
            feed.items.append(raw)
        }
        return FeedAdapter.build(feed, format: .jsonfeed, context: context, warnings: warnings)
    }

    private static func string(_ value: Any?) -> String? {
        guard let s = value as? String else { return nil }
        return s.unicodeScalars.contains(where: { !Whitespace.isSpace($0) }) ? s : nil
    }

    /// `authors` (1.1) or `author` (1.0).
    private static func authors(_ object: [String: Any], base: String?) -> [Author] {
        var list: [[String: Any]] = (object["authors"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        if list.isEmpty, let one = object["author"] as? [String: Any] { list = [one] }
        return list.compactMap { a in
            let name = string(a["name"]), url = string(a["url"]).map { URLResolver.resolve($0, against: base) }
            if name == nil && url == nil { return nil }
            if let url, url.lowercased().hasPrefix("mailto:") { return Author(name: name, email: String(url.dropFirst(7))) }
            return Author(name: name, uri: url)
        }
    }

    /// The bytes as UTF-8 (RFC 8259): a BOM dropped, UTF-16 transcoded, invalid UTF-8 read as
    /// windows-1252 with a warning.
    private static func utf8Data(_ bytes: [UInt8], warnings: inout [String]) -> Data {
        if FormatSniffer.utf16Endianness(bytes) != nil {
            return Data(FormatSniffer.headTextAll(bytes).utf8)
        }
        var b = bytes[...]
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        if !Charset.isValidUTF8(Array(b)) {
            warnings.append("the JSON is not valid UTF-8; read as windows-1252")
            if let s = String(bytes: b, encoding: .windowsCP1252) { return Data(s.utf8) }
        }
        return Data(b)
    }
}
