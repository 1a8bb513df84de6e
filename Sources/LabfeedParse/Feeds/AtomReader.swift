// Atom 1.0 (RFC 4287) and the older Atom 0.3 read into a RawFeed: text constructs of every
// type, links by relation, xml:base at any level, inherited authors and languages.

import Foundation
import LabfeedCore
import LabfeedMarkup

/// Reads an Atom feed from a parsed document. Tolerant: elements are matched in both Atom
/// namespaces (and with no namespace), unknown ones are ignored.
struct AtomReader {
    let context: ParseContext

    func read(_ doc: MarkupDocument) -> RawFeed {
        var feed = RawFeed()
        guard let root = doc.root else { return feed }
        let siteLink = root.childElements.first { $0.isAtom("link") && ($0.attributeValue("rel") ?? "alternate") == "alternate" }?.attributeValue("href")
        let rootBase = context.rootBase(fallback: siteLink.flatMap { URLResolver.isWebURL($0) ? $0 : nil })
        var feedAuthors: [Author] = []
        var modified: RawDate?
        for child in root.childElements where FeedNamespace(child).isAtomOrNone {
            switch child.name {
            case "title": feed.title = AtomReader.text(child, base: child.xmlBase(root: rootBase))
            case "subtitle", "tagline": feed.description = feed.description ?? AtomReader.text(child, base: child.xmlBase(root: rootBase))
            case "link":
                if (child.attributeValue("rel") ?? "alternate") == "alternate", feed.link == nil, let href = child.attributeValue("href") {
                    feed.link = URLResolver.resolve(href, against: child.xmlBase(root: rootBase))
                }
            case "updated": feed.updated = child.trimmedText.map { RawDate(text: $0, element: "<updated>") }
            case "modified": modified = child.trimmedText.map { RawDate(text: $0, element: "<modified>") }
            case "author": if let a = AtomReader.person(child, rootBase: rootBase) { feedAuthors.append(a) }
            default: break
            }
        }
        feed.updated = feed.updated ?? modified
        feed.language = root.ownLanguage
        let entries = root.childElements.filter { $0.isAtom("entry") }
        for (index, entry) in entries.enumerated() {
            var item = readEntry(entry, index: index + 1, rootBase: rootBase)
            // Everything the entry holds has been copied out: free it now (big feeds).
            entry.discard()
            if item.authors.isEmpty { item.authors = feedAuthors }
            item.language = item.language ?? feed.language
            feed.items.append(item)
        }
        return feed
    }

    private func readEntry(_ entry: MarkupNode, index: Int, rootBase: String?) -> RawItem {
        var raw = RawItem(place: "entry \(index) (line \(entry.line))")
        var issued: RawDate?, created: RawDate?, modified: RawDate?, dcDate: RawDate?
        var firstLink: String?
        // xml:lang on the entry's text constructs, content first: the entry's language when the
        // entry itself declares none (it then beats the feed's).
        var contentLanguage: String?, summaryLanguage: String?, titleLanguage: String?
        // The entry's base once; each child's from it (not from the root again).
        let entryBase = entry.xmlBase(root: rootBase)
        let children = entry.childElements
        var namespaces: [FeedNamespace] = []
        namespaces.reserveCapacity(children.count)
        for child in children {
            let ns = FeedNamespace(child)
            namespaces.append(ns)
            if ns.isAtomOrNone {
                switch child.name {
                case "id": raw.guid = raw.guid ?? child.trimmedText
                case "title":
                    raw.title = AtomReader.text(child, base: child.xmlBase(parentBase: entryBase))
                    titleLanguage = child.ownLanguage
                case "summary":
                    raw.summary = AtomReader.text(child, base: child.xmlBase(parentBase: entryBase))
                    summaryLanguage = child.ownLanguage
                case "content":
                    contentLanguage = child.ownLanguage
                    if let src = child.attributeValue("src").flatMap(FeedWhitespace.nonEmpty) {
                        firstLink = firstLink ?? URLResolver.resolve(src, against: child.xmlBase(parentBase: entryBase))
                    } else {
                        raw.content = AtomReader.text(child, base: child.xmlBase(parentBase: entryBase))
                    }
                case "link":
                    readLink(child, base: child.xmlBase(parentBase: entryBase), into: &raw, firstLink: &firstLink)
                case "published": raw.published = child.trimmedText.map { RawDate(text: $0, element: "<published>") }
                case "updated": raw.updated = child.trimmedText.map { RawDate(text: $0, element: "<updated>") }
                case "issued": issued = child.trimmedText.map { RawDate(text: $0, element: "<issued>") }
                case "created": created = child.trimmedText.map { RawDate(text: $0, element: "<created>") }
                case "modified": modified = child.trimmedText.map { RawDate(text: $0, element: "<modified>") }
                case "author": if let a = AtomReader.person(child, rootBase: rootBase) { raw.authors.append(a) }
                case "category":
                    FeedFields.addCategory(child.attributeValue("term") ?? child.attributeValue("label"), to: &raw.categories)
                default: break
                }
            } else if ns == .dc {
                switch child.name {
                case "subject": FeedFields.addCategory(child.trimmedText, to: &raw.categories)
                case "creator": if let n = child.trimmedText { raw.authors.append(Author(name: n)) }
                case "date": dcDate = child.trimmedText.map { RawDate(text: $0, element: "<dc:date>") }
                default: break
                }
            } else if ns == .media {
                if raw.image == nil { raw.image = MediaRSS.image(in: child, base: child.xmlBase(parentBase: entryBase)) }
            }
        }
        raw.published = raw.published ?? issued ?? created ?? dcDate
        raw.updated = raw.updated ?? modified ?? dcDate
        raw.link = raw.link ?? firstLink
        raw.language = entry.ownLanguage ?? contentLanguage ?? summaryLanguage ?? titleLanguage
        raw.event = FeedEventFields.read(children, namespaces: namespaces)
        return raw
    }

    /// `rel="alternate"` (or no rel) gives the link, preferring HTML; `rel="enclosure"` an
    /// enclosure; other relations are ignored.
    private func readLink(_ link: MarkupNode, base: String?, into raw: inout RawItem, firstLink: inout String?) {
        // A link written as text (`<link rel="alternate">http://…</link>`, no href) means that URL,
        // as feedparser reads it.
        let written = link.attributeValue("href") ?? (link.hasElementChildren ? nil : link.trimmedText)
        guard let href = written.flatMap(FeedWhitespace.nonEmpty) else { return }
        let url = URLResolver.resolve(href, against: base)
        let rel = FeedWhitespace.collapse(link.attributeValue("rel") ?? "alternate").lowercased()
        switch rel {
        case "alternate", "http://www.iana.org/assignments/relation/alternate":
            let type = link.attributeValue("type")?.lowercased()
            if raw.link == nil, type == nil || type!.contains("html") { raw.link = url }
            firstLink = firstLink ?? url
        case "enclosure":
            raw.enclosures.append(Enclosure(url: url, type: link.attributeValue("type").flatMap(FeedWhitespace.nonEmpty),
                                            length: FeedFields.length(link.attributeValue("length"))))
        default:
            break
        }
    }

    /// An Atom person construct (`name`, `email`, `uri`; Atom 0.3's `url`).
    static func person(_ node: MarkupNode, rootBase: String?) -> Author? {
        var author = Author()
        for child in node.childElements where FeedNamespace(child).isAtomOrNone {
            switch child.name {
            case "name": author.name = child.trimmedText
            case "email": author.email = child.trimmedText
            case "uri", "url": author.uri = child.trimmedText.map { URLResolver.resolve($0, against: child.xmlBase(root: rootBase)) }
            default: break
            }
        }
        if author.name == nil && author.email == nil && author.uri == nil {
            guard let text = node.trimmedText else { return nil }
            author.name = text
        }
        return author
    }

    /// An Atom text construct: `text` (plain), `html` (escaped HTML), `xhtml` (a `div` of
    /// markup); Atom 0.3's MIME types and `mode` (`escaped`, `xml`, `base64`). `base` is the base
    /// URL in force at `node` (its `xml:base` chain).
    static func text(_ node: MarkupNode, base: String?) -> RawText? {
        let type = FeedWhitespace.collapse(node.attributeValue("type") ?? "text").lowercased()
        let mode = node.attributeValue("mode")?.lowercased()
        let htmlType = type == "html" || type == "text/html"
        let xhtmlType = type == "xhtml" || type == "application/xhtml+xml"
        var result: RawText
        if xhtmlType || (mode == "xml" && (htmlType || node.hasElementChildren)) {
            let div = node.firstChild("div", namespace: FeedNS.xhtml) ?? node.firstChild("div")
            result = RawText(value: (div ?? node).innerMarkup, isHTML: true, base: base)
        } else if mode == "base64" {
            let compact = node.text.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: compact) else { return nil }
            result = RawText(value: String(decoding: data, as: UTF8.self), isHTML: htmlType, base: base)
        } else {
            result = RawText(value: node.textInOneCopy, isHTML: htmlType, base: base)
        }
        guard result.value.unicodeScalars.contains(where: { !Whitespace.isSpace($0) }) else { return nil }
        return result
    }
}
