// A page's own metadata: base URL, title, canonical link, description, language, og:image,
// other-language versions and the feeds it links to. OpenGraph and <meta> are fallbacks.

import Foundation
import LabfeedCore
import LabfeedMarkup

struct PageMeta {
    var base: String?
    var feed: FeedInfo
    var image: String?
    var alternates: [Alternate]
    var feeds: [DiscoveredFeed]

    /// The metadata from the page's `base`, `meta`, `title`, `link` and `a` elements.
    static func read(_ document: MarkupDocument, elements: PageElements, context: PageContext, warnings: inout [String]) -> PageMeta {
        let pageBase = elements.base.first?.attribute("href")
        let base = URLResolver.pageBase(baseElement: pageBase, override: context.baseURL, documentURL: document.url)

        // <meta name|property=... content=...>, first value of each key, keys lower-cased.
        var metas: [String: String] = [:]
        var localeAlternates: [String] = []
        for node in elements.metas {
            guard let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop")).map({ Whitespace.trim($0.lowercased()) }),
                  let content = node.attribute("content").map({ Whitespace.trim($0) }), !content.isEmpty else { continue }
            if key == "og:locale:alternate" { localeAlternates.append(content) }
            if metas[key] == nil { metas[key] = content }
        }

        var feed = FeedInfo()
        let titleText = elements.titles.first.map { Whitespace.collapse($0.text) }
        feed.title = nonEmpty(metas["og:title"]) ?? nonEmpty(titleText)
        var canonical: String?
        var alternates: [Alternate] = []
        var feeds: [DiscoveredFeed] = []
        for link in elements.links {
            let rels = Set((link.attribute("rel") ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init))
            guard let href = link.attribute("href"), let url = URLResolver.link(href, against: base) else { continue }
            if rels.contains("canonical") && canonical == nil { canonical = url }
            guard rels.contains("alternate") else { continue }
            let type = link.attribute("type").map { Whitespace.trim($0.lowercased()) }
            if let format = feedFormat(type: type, url: url) {
                if !feeds.contains(where: { $0.url == url }) {
                    feeds.append(DiscoveredFeed(url: url, type: type, title: Whitespace.nonEmpty(link.attribute("title")), format: format))
                }
            } else if let lang = link.attribute("hreflang").map({ Whitespace.trim($0) }), !lang.isEmpty {
                if lang.lowercased() != "x-default" && !alternates.contains(where: { $0.url == url }) {
                    alternates.append(Alternate(language: lang, url: url))
                }
            }
        }
        // Links to calendars in the body (`Ajouter à mon agenda (.ics)`, `webcal://`).
        for a in elements.anchors {
            guard let href = a.attribute("href").map({ Whitespace.trim($0) }) else { continue }
            let lower = href.asciiLowercasedIfNeeded()
            // Most links are none of these: a link whose bytes hold neither ".ics" nor "ical=1"
            // nor start "webcal:" fails the test below (its path is part of its bytes), and is
            // left before the split on Characters (a quarter of the page's metadata time).
            guard UTF8Bytes.with(lower, { PageMeta.contains($0, PageMeta.icsSuffix) }) || lower.hasPrefix("webcal:")
                || mentionsICal(lower) else { continue }
            let path = lower.split(separator: "?").first.map(String.init) ?? lower
            guard path.hasSuffix(".ics") || lower.hasPrefix("webcal:") || mentionsICal(lower) else { continue }
            let resolved = lower.hasPrefix("webcal:") ? "https:" + href.dropFirst(7) : href
            guard let url = URLResolver.link(resolved, against: base), !feeds.contains(where: { $0.url == url }) else { continue }
            feeds.append(DiscoveredFeed(url: url, type: "text/calendar", title: Whitespace.nonEmpty(a.text), format: .ics))
        }
        feed.link = canonical ?? metas["og:url"].flatMap { URLResolver.link($0, against: base) } ?? base
        feed.description = Whitespace.nonEmpty(metas["description"]) ?? Whitespace.nonEmpty(metas["og:description"])
        let htmlLang = document.root?.attribute("lang") ?? document.root?.attribute("xml:lang")
        feed.language = nonEmpty(htmlLang.map(normaliseLanguage)) ?? nonEmpty(metas["og:locale"].map(normaliseLanguage))
            ?? nonEmpty(metas["content-language"].map(normaliseLanguage))
        let image = metas["og:image"].flatMap { URLResolver.link($0, against: base) }
            ?? metas["twitter:image"].flatMap { URLResolver.link($0, against: base) }
        _ = localeAlternates  // og:locale:alternate names languages without URLs: nothing to pair.
        return PageMeta(base: base, feed: feed, image: image, alternates: alternates, feeds: feeds)
    }

    private static let icsSuffix = Array(".ics".utf8)

    /// Whether `bytes` hold `needle` somewhere.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if (1..<needle.count).allSatisfy({ bytes[start + $0] == needle[$0] }) { return true }
        }
        return false
    }

    /// Whether a lower-cased link asks for iCalendar (`?ical=1`, `outlook-ical=1`). Foundation's
    /// search runs only when the bytes hold "ical=1" (it was 1% of a page, run for every link);
    /// an ASCII needle has no other canonically equivalent spelling, so the answer is the same.
    private static func mentionsICal(_ lower: String) -> Bool {
        let needle = Array("ical=1".utf8)
        let found = UTF8Bytes.with(lower) { b -> Bool in
            guard b.count >= needle.count else { return false }
            for start in 0...(b.count - needle.count) where b[start] == needle[0] {
                if (1..<needle.count).allSatisfy({ b[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
        return found && (lower.contains("ical=1") || lower.contains("outlook-ical=1"))
    }

    /// `fr_FR` → `fr-FR`; `FR` → `fr`.
    static func normaliseLanguage(_ tag: String) -> String {
        // "fr", "en": lower-case ASCII letters alone are already normal (this runs for every event).
        if !tag.isEmpty, tag.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { return tag }
        let trimmed = Whitespace.trim(tag)
        // Foundation only when there is an underscore to replace (this runs for every event).
        let dashed = UTF8Bytes.contains(trimmed, byte: 0x5F) ? trimmed.replacingOccurrences(of: "_", with: "-") : trimmed
        let parts = dashed.split(separator: "-")
        guard let first = parts.first else { return "" }
        return ([first.lowercased()] + parts.dropFirst().map { $0.count == 2 ? $0.uppercased() : String($0) }).joined(separator: "-")
    }

    /// The format a `<link rel=alternate type=...>` announces, or nil for other types.
    static func feedFormat(type: String?, url: String) -> DocumentFormat? {
        switch type?.split(separator: ";").first.map({ Whitespace.trim($0) }) {
        case "application/rss+xml": return .rss
        case "application/rdf+xml": return .rdf
        case "application/atom+xml": return .atom
        case "application/feed+json", "application/json+feed": return .jsonfeed
        case "text/calendar", "application/ics", "text/x-vcalendar": return .ics
        case "application/json":
            return url.lowercased().contains("feed") ? .jsonfeed : nil
        default: return nil
        }
    }

    /// Trimmed (inner white space kept), nil when nothing is left.
    private static func nonEmpty(_ s: String?) -> String? {
        guard let s else { return nil }
        let trimmed = Whitespace.trim(s)
        return trimmed.isEmpty ? nil : trimmed
    }
}
