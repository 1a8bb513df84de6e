// A page's own metadata: base URL, title, canonical link, description, language, og:image,
// other-language versions and the feeds it links to. OpenGraph and <meta> are fallbacks.

import Foundation
import Glibc
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
            // Most links name no calendar: told on the attribute's bytes, without its String.
            guard a.withAttributeBytes("href", { $0.map(PageMeta.mayHoldACalendarLink) ?? false }) else { continue }
            guard let href = a.attribute("href").map({ Whitespace.trim($0) }), let resolved = calendarLink(href),
                  let url = URLResolver.link(resolved, against: base), !feeds.contains(where: { $0.url == url }) else { continue }
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

    /// The link to resolve when `href` names a calendar (a path ending `.ics`, a `webcal:`
    /// link, `ical=1` in the query), else nil: ``calendarLinkByLowercasing(_:)``'s answer.
    ///
    /// Most links name none, and are left on a test of their own bytes without case: the
    /// lower-cased copy the reference makes cost a whole `lowercased()` for every link with a
    /// non-ASCII byte (an accented path: about 36,000 instructions each).
    static func calendarLink(_ href: String) -> String? {
        guard mayNameACalendar(href) else { return nil }
        return calendarLinkByLowercasing(href)
    }

    /// Whether `href`'s bytes hold ".ics" or "ical=1", or start "webcal:", ASCII letters in
    /// either case. Whenever the reference's first test passes on the lower-cased link, this
    /// passes on the link: lower-casing maps an ASCII byte to itself or its lower case, and a
    /// non-ASCII character to non-ASCII bytes except KELVIN SIGN (to "k", in none of the
    /// needles) and U+0130 (to "i" and U+0307, whose first byte 0xCC follows the "i": never
    /// ".ics" nor "ical=1"), so the needle's bytes are the link's own, in another case.
    /// The needles are found from their punctuation, which `memchr` finds: ".ics" from each
    /// ".", "ical=1" from each "=" (the scan of every byte without case was a third of this).
    static func mayNameACalendar(_ href: String) -> Bool {
        UTF8Bytes.with(href) { holdsCalendarNeedle($0, webcalAnywhere: false) }
    }

    /// Whether the bytes of a link's `href` as the page holds them (untrimmed, before any
    /// repair of ill-formed UTF-8: ``MarkupNode/withAttributeBytes(_:_:)``) may name a
    /// calendar: ``mayNameACalendar(_:)`` with "webcal:" found anywhere. When it is false,
    /// ``mayNameACalendar(_:)`` is false for the trimmed link: trimming only removes bytes,
    /// "webcal:" at the start of the trimmed link is somewhere in the link, and the repair
    /// leaves every ASCII byte (all the needles') where it was. Most links are dropped on it,
    /// with no String made of them (PageMetaTests compares it with the String path).
    static func mayHoldACalendarLink(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        holdsCalendarNeedle(b, webcalAnywhere: true)
    }

    /// ``mayNameACalendar(_:)`` on bytes; "webcal:" at the start only, or anywhere.
    private static func holdsCalendarNeedle(_ b: UnsafeBufferPointer<UInt8>, webcalAnywhere: Bool) -> Bool {
        guard let base = b.baseAddress else { return false }
        if startsCaseless(b, webcal) { return true }
        let count = b.count
        // "webcal:" past the start: a ":" with six bytes before it.
        var colon = 6
        while webcalAnywhere, colon < count, let found = memchr(base + colon, 0x3A, count - colon) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if startsCaseless(UnsafeBufferPointer(rebasing: b[(at - 6)...]), webcal) { return true }
            colon = at + 1
        }
        // ".ics": a "." with three bytes after it.
        var from = 0
        while from + 4 <= count, let found = memchr(base + from, 0x2E, count - 3 - from) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if lower(b[at + 1]) == 0x69 && lower(b[at + 2]) == 0x63 && lower(b[at + 3]) == 0x73 { return true }
            from = at + 1
        }
        // "ical=1": an "=" with four bytes before it and one after.
        from = 4
        while from + 2 <= count, let found = memchr(base + from, 0x3D, count - 1 - from) {
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if b[at + 1] == 0x31 && lower(b[at - 4]) == 0x69 && lower(b[at - 3]) == 0x63 && lower(b[at - 2]) == 0x61
                && lower(b[at - 1]) == 0x6C { return true }
            from = at + 1
        }
        return false
    }

    /// ``mayNameACalendar(_:)`` by scanning every byte: the reference its tests compare with.
    static func mayNameACalendarByScanning(_ href: String) -> Bool {
        UTF8Bytes.with(href) { b in
            containsCaseless(b, icsSuffix) || containsCaseless(b, icalQuery) || startsCaseless(b, webcal)
        }
    }

    /// The reference (the former loop's tests): the link lower-cased, then the byte guards,
    /// then the path's suffix on Characters.
    static func calendarLinkByLowercasing(_ href: String) -> String? {
        let lower = href.asciiLowercasedIfNeeded()
        guard UTF8Bytes.with(lower, { PageMeta.contains($0, PageMeta.icsSuffix) }) || lower.hasPrefix("webcal:")
            || mentionsICal(lower) else { return nil }
        let path = lower.split(separator: "?").first.map(String.init) ?? lower
        guard path.hasSuffix(".ics") || lower.hasPrefix("webcal:") || mentionsICal(lower) else { return nil }
        return lower.hasPrefix("webcal:") ? "https:" + href.dropFirst(7) : href
    }

    private static let icsSuffix = Array(".ics".utf8)
    private static let icalQuery = Array("ical=1".utf8)
    private static let webcal = Array("webcal:".utf8)

    /// ASCII lower case of one byte; other bytes as they are.
    @inline(__always)
    private static func lower(_ c: UInt8) -> UInt8 { (c &- 0x41) < 26 ? c | 0x20 : c }

    /// Whether `bytes` hold the lower-case ASCII `needle` somewhere, ASCII letters in either case.
    private static func containsCaseless(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(bytes.count - needle.count) where lower(bytes[start]) == first {
            var k = 1
            while k < needle.count && lower(bytes[start + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }

    /// Whether `bytes` start with the lower-case ASCII `needle`, ASCII letters in either case.
    private static func startsCaseless(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for k in 0..<needle.count where lower(bytes[k]) != needle[k] { return false }
        return true
    }

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
