// RSS 0.9x, 2.0 and 1.0 (RDF) documents read into a RawFeed, with the extensions real feeds
// use: Dublin Core, content:encoded, xhtml:body, Atom links inside RSS, Media RSS, xml:base.

import LabfeedCore
import LabfeedMarkup

/// Reads RSS of every version from a parsed document. Tolerant: a missing channel, items
/// outside the channel, or an RSS-like document with another root still yield what they hold.
struct RSSReader {
    let context: ParseContext

    func read(_ doc: MarkupDocument) -> RawFeed {
        var feed = RawFeed()
        guard let root = doc.root else { return feed }
        let channel = root.isCoreRSS("channel") ? root : root.childElements.first { $0.isCoreRSS("channel") }
        let siteLink = channel?.children.first { $0.isCoreRSS("link") }?.trimmedText
        let rootBase = context.rootBase(fallback: siteLink)
        var items: [MarkupNode] = []
        if let channel {
            readChannel(channel, rootBase: rootBase, into: &feed)
            feed.language = feed.language ?? root.ownLanguage
            items = channel.childElements.filter { $0.isCoreRSS("item") }
        }
        if channel == nil || root.name == "RDF" || items.isEmpty {
            items += root.childElements.filter { $0.isCoreRSS("item") }
        }
        // Items found by a document-wide search may nest: only direct children are freed early.
        var discardable = true
        if items.isEmpty, channel == nil {
            // Not RSS-shaped at the top: look for items anywhere (a feed wrapped in junk).
            items = (try? doc.select("//*[local-name()='item']")) ?? []
            discardable = false
            if !items.isEmpty { feed.warnings.append("no RSS channel found; \(items.count) <item> elements read from elsewhere in the document") }
        }
        for index in items.indices {
            feed.items.append(readItem(items[index], index: index + 1, rootBase: rootBase, feedLanguage: feed.language))
            // Everything the item holds has been copied out: free it now (big feeds).
            if discardable { items[index].discard() }
        }
        return feed
    }

    private func readChannel(_ channel: MarkupNode, rootBase: String?, into feed: inout RawFeed) {
        let base = channel.xmlBase(root: rootBase)
        var dcDate: RawDate?, pubDate: RawDate?, atomUpdated: RawDate?, dctermsModified: RawDate?
        for child in channel.childElements {
            let ns = FeedNamespace(child)
            switch (ns, child.name) {
            case (let n, "title") where n.isCoreRSS:
                if feed.title == nil { feed.title = RSSReader.richText(child, base: base) }
            case (let n, "link") where n.isCoreRSS:
                if feed.link == nil, let t = child.trimmedText { feed.link = URLResolver.resolve(t, against: base) }
            case (let n, "description") where n.isCoreRSS:
                if feed.description == nil { feed.description = RSSReader.richText(child, base: base) }
            case (let n, "language") where n.isCoreRSS:
                feed.language = feed.language ?? child.trimmedText
            case (let n, "lastBuildDate") where n.isCoreRSS:
                if let t = child.trimmedText { feed.updated = RawDate(text: t, element: "<lastBuildDate>") }
            case (let n, "pubDate") where n.isCoreRSS:
                pubDate = child.trimmedText.map { RawDate(text: $0, element: "<pubDate>") }
            case (.dc, "date"):
                dcDate = child.trimmedText.map { RawDate(text: $0, element: "<dc:date>") }
            case (.dc, "language"):
                feed.language = feed.language ?? child.trimmedText
            case (.dc, "description"), (.itunes, "summary"):
                if feed.description == nil { feed.description = RSSReader.richText(child, base: base) }
            case (.dc, "title"):
                if feed.title == nil { feed.title = RSSReader.richText(child, base: base) }
            case (.atom, "link"):
                let rel = child.attributeValue("rel") ?? "alternate"
                if rel == "alternate", feed.link == nil, let href = child.attributeValue("href") {
                    feed.link = URLResolver.resolve(href, against: child.xmlBase(root: rootBase))
                }
            case (.atom, "updated"):
                atomUpdated = child.trimmedText.map { RawDate(text: $0, element: "<atom:updated>") }
            case (.dcterms, "modified"):
                dctermsModified = child.trimmedText.map { RawDate(text: $0, element: "<dcterms:modified>") }
            default:
                break
            }
        }
        feed.updated = feed.updated ?? dcDate ?? dctermsModified ?? pubDate ?? atomUpdated
    }

    /// Text that may be HTML: child elements (unescaped XHTML) are kept as markup; escaped or
    /// CDATA text counts as HTML when it looks like HTML.
    static func richText(_ node: MarkupNode, base: String?) -> RawText? {
        if !node.hasElementChildren {
            let text = node.textInOneCopy
            guard text.unicodeScalars.contains(where: { !Whitespace.isSpace($0) }) else { return nil }
            return RawText(value: text, isHTML: HTMLText.looksLikeHTML(text), base: base)
        }
        return RawText(value: node.innerMarkup, isHTML: true, base: base)
    }

    private func readItem(_ item: MarkupNode, index: Int, rootBase: String?, feedLanguage: String?) -> RawItem {
        let base = item.xmlBase(root: rootBase)
        var raw = RawItem(place: "item \(index) (line \(item.line))")
        var dcTitle: RawText?, dcDescription: RawText?, atomLink: String?
        var dcDate: RawDate?, pubDate: RawDate?, issued: RawDate?, modified: RawDate?, atomPublished: RawDate?, atomUpdated: RawDate?
        var dcCreators: [Author] = [], coreAuthors: [Author] = [], otherAuthors: [Author] = []
        var imageFallback: String?
        var dcLanguage: String?
        let children = item.childElements
        var namespaces: [FeedNamespace] = []
        namespaces.reserveCapacity(children.count)
        for child in children {
            let ns = FeedNamespace(child)
            namespaces.append(ns)
            let core = ns.isCoreRSS
            let name = RSSItemName(child)
            switch (ns, name) {
            case (_, .title) where core:
                if raw.title == nil { raw.title = RSSReader.richText(child, base: base) }
            case (_, .link) where core:
                if raw.link == nil, let t = child.trimmedText { raw.link = URLResolver.resolve(t, against: child.xmlBase(parentBase: base)) }
            case (_, .guid) where core:
                if raw.guid == nil, let t = child.trimmedText {
                    raw.guid = t
                    raw.guidIsPermaLink = child.attributeValue("isPermaLink")?.lowercased() != "false"
                }
            case (_, .description) where core:
                if raw.summary == nil { raw.summary = RSSReader.richText(child, base: base) }
            case (_, .pubDate) where core:
                pubDate = child.trimmedText.map { RawDate(text: $0, element: "<pubDate>") }
            case (_, .author) where core:
                if let a = child.trimmedText.flatMap(FeedFields.author(fromRSS:)) { coreAuthors.append(a) }
            case (_, .category) where core:
                FeedFields.addCategory(child.trimmedText, to: &raw.categories)
            case (_, .enclosure) where core:
                if let url = child.attributeValue("url").flatMap(FeedWhitespace.nonEmpty) {
                    raw.enclosures.append(Enclosure(url: URLResolver.resolve(url, against: base),
                                                    type: child.attributeValue("type").flatMap(FeedWhitespace.nonEmpty),
                                                    length: FeedFields.length(child.attributeValue("length"))))
                }
            case (.dc, .title): dcTitle = RSSReader.richText(child, base: base)
            case (.dc, .description): dcDescription = RSSReader.richText(child, base: base)
            case (.dc, .creator), (.itunes, .author):
                // Read like an RSS author: "Name (a@b)" is a name and an address.
                if let a = child.trimmedText.flatMap(FeedFields.author(fromRSS:)) { dcCreators.append(a) }
            case (.dc, .date): dcDate = child.trimmedText.map { RawDate(text: $0, element: "<dc:date>") }
            case (.dc, .subject): FeedFields.addCategory(child.trimmedText, to: &raw.categories)
            case (.dc, .language): dcLanguage = child.trimmedText
            case (.dcterms, .issued), (.dcterms, .created):
                if issued == nil { issued = child.trimmedText.map { RawDate(text: $0, element: "<dcterms:\(child.name)>") } }
            case (.dcterms, .modified): modified = child.trimmedText.map { RawDate(text: $0, element: "<dcterms:modified>") }
            case (.content, .encoded):
                if raw.content == nil, let t = RSSReader.richText(child, base: base) { raw.content = RawText(value: t.value, isHTML: true, base: base) }
            case (.xhtml, .body):
                if raw.content == nil { raw.content = RawText(value: child.innerMarkup, isHTML: true, base: base) }
            case (.atom, .link):
                let rel = child.attributeValue("rel") ?? "alternate"
                guard let href = child.attributeValue("href").flatMap(FeedWhitespace.nonEmpty) else { break }
                let url = URLResolver.resolve(href, against: child.xmlBase(parentBase: base))
                if rel == "alternate", atomLink == nil { atomLink = url }
                if rel == "enclosure" {
                    raw.enclosures.append(Enclosure(url: url, type: child.attributeValue("type"), length: FeedFields.length(child.attributeValue("length"))))
                }
            case (.atom, .updated): atomUpdated = child.trimmedText.map { RawDate(text: $0, element: "<atom:updated>") }
            case (.atom, .published): atomPublished = child.trimmedText.map { RawDate(text: $0, element: "<atom:published>") }
            case (.atom, .author):
                if let name = child.firstChild("name", namespace: FeedNS.atom)?.trimmedText { otherAuthors.append(Author(name: name)) }
            case (.media, _), (.itunes, .image):
                let found = MediaRSS.image(in: child, base: base)
                if name == .thumbnail || name == .group { raw.image = raw.image ?? found } else { imageFallback = imageFallback ?? found }
            default:
                break
            }
        }
        raw.title = raw.title ?? dcTitle
        raw.summary = raw.summary ?? dcDescription
        raw.published = pubDate ?? dcDate ?? issued ?? atomPublished
        raw.updated = atomUpdated ?? modified ?? dcDate
        raw.authors = coreAuthors + dcCreators + otherAuthors
        raw.image = raw.image ?? imageFallback
        if raw.guid == nil, item.mayHaveAttributes, let about = item.attribute("about", namespace: FeedNS.rdf).flatMap(FeedWhitespace.nonEmpty) { raw.guid = about }
        if raw.link == nil {
            if let guid = raw.guid, raw.guidIsPermaLink, URLResolver.isWebURL(guid) { raw.link = guid } else { raw.link = atomLink }
        }
        raw.language = item.ownLanguage ?? dcLanguage ?? feedLanguage
        raw.event = FeedEventFields.read(children, namespaces: namespaces)
        return raw
    }
}

/// Thumbnails from Media RSS (`media:thumbnail`, image `media:content`, `media:group`) and
/// `itunes:image`.
enum MediaRSS {
    static func image(in node: MarkupNode, base: String?) -> String? {
        switch node.name {
        case "thumbnail":
            return node.attributeValue("url").flatMap(FeedWhitespace.nonEmpty).map { URLResolver.resolve($0, against: base) }
        case "image":
            return node.attributeValue("href").flatMap(FeedWhitespace.nonEmpty).map { URLResolver.resolve($0, against: base) }
        case "content":
            if let thumb = node.firstChild("thumbnail", namespace: FeedNS.media) { return image(in: thumb, base: base) }
            let isImage = node.attributeValue("medium") == "image" || node.attributeValue("type")?.hasPrefix("image/") == true
            guard isImage else { return nil }
            return node.attributeValue("url").flatMap(FeedWhitespace.nonEmpty).map { URLResolver.resolve($0, against: base) }
        case "group":
            for child in node.childElements where FeedNamespace(child) == .media {
                if let found = image(in: child, base: base) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
