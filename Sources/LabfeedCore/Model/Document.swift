// What one fetched document yields: feed metadata, entries and events, with warnings.

public import Foundation

/// The kind of document, detected by content.
public enum DocumentFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case rss, rdf, atom, jsonfeed, ics, html
}

/// Metadata of a feed or page (`feed` in `labfeed fetch --json`).
public struct FeedInfo: Sendable, Hashable, Codable {
    public var title: String?
    public var link: String?
    /// Subtitle, tagline or channel description.
    public var description: String?
    /// BCP 47 tag.
    public var language: String?
    /// When the feed says it was last updated.
    public var updated: Date?

    public init(title: String? = nil, link: String? = nil, description: String? = nil, language: String? = nil, updated: Date? = nil) {
        self.title = title
        self.link = link
        self.description = description
        self.language = language
        self.updated = updated
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(link, forKey: .link)
        try c.encode(description, forKey: .description)
        try c.encode(language, forKey: .language)
        try c.encode(updated.map(UTCTimestamp.string), forKey: .updated)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        link = try c.decodeIfPresent(String.self, forKey: .link)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        language = try c.decodeIfPresent(String.self, forKey: .language)
        updated = try c.decodeIfPresent(String.self, forKey: .updated).flatMap(UTCTimestamp.date)
    }

    enum CodingKeys: String, CodingKey { case title, link, description, language, updated }
}

/// One item of a feed (RSS item, Atom entry, JSON Feed item, calendar component).
public struct Entry: Sendable, Hashable, Codable {
    /// guid / atom:id / JSON Feed id, or a stable fallback (link, then a hash of title and date).
    public var id: String
    public var title: String
    public var link: String?
    public var published: Date?
    public var updated: Date?
    /// Sanitised HTML allowed.
    public var summary: String?
    /// Sanitised HTML allowed.
    public var content: String?
    public var authors: [Author]
    public var categories: [String]
    public var enclosures: [Enclosure]
    public var language: String?
    /// A thumbnail (Media RSS, JSON Feed image).
    public var image: String?
    /// The summary as plain text (entities decoded, tags removed), for matching and display.
    public var summaryText: String?

    public init(id: String, title: String, link: String? = nil, published: Date? = nil, updated: Date? = nil,
                summary: String? = nil, content: String? = nil, authors: [Author] = [], categories: [String] = [],
                enclosures: [Enclosure] = [], language: String? = nil, image: String? = nil,
                summaryText: String? = nil) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.summary = summary
        self.content = content
        self.authors = authors
        self.categories = categories
        self.enclosures = enclosures
        self.language = language
        self.image = image
        self.summaryText = summaryText
    }

    enum CodingKeys: String, CodingKey {
        case id, title, link, published, updated, summary, content, authors, categories, enclosures, language, image
        case summaryText = "summary_text"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(link, forKey: .link)
        try c.encode(published.map(UTCTimestamp.string), forKey: .published)
        try c.encode(updated.map(UTCTimestamp.string), forKey: .updated)
        try c.encode(summary, forKey: .summary)
        try c.encode(content, forKey: .content)
        try c.encode(authors, forKey: .authors)
        try c.encode(categories, forKey: .categories)
        try c.encode(enclosures, forKey: .enclosures)
        try c.encode(language, forKey: .language)
        try c.encode(image, forKey: .image)
        try c.encode(summaryText, forKey: .summaryText)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        link = try c.decodeIfPresent(String.self, forKey: .link)
        published = try c.decodeIfPresent(String.self, forKey: .published).flatMap(UTCTimestamp.date)
        updated = try c.decodeIfPresent(String.self, forKey: .updated).flatMap(UTCTimestamp.date)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        content = try c.decodeIfPresent(String.self, forKey: .content)
        authors = try c.decodeIfPresent([Author].self, forKey: .authors) ?? []
        categories = try c.decodeIfPresent([String].self, forKey: .categories) ?? []
        enclosures = try c.decodeIfPresent([Enclosure].self, forKey: .enclosures) ?? []
        language = try c.decodeIfPresent(String.self, forKey: .language)
        image = try c.decodeIfPresent(String.self, forKey: .image)
        summaryText = try c.decodeIfPresent(String.self, forKey: .summaryText)
    }
}

public struct Author: Sendable, Hashable, Codable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(email, forKey: .email)
        try c.encode(uri, forKey: .uri)
    }
}

public struct Enclosure: Sendable, Hashable, Codable {
    public var url: String
    public var type: String?
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(type, forKey: .type)
        try c.encode(length, forKey: .length)
    }
}

/// A feed or calendar that a page links to (`<link rel="alternate">`, or a link to an `.ics`).
public struct DiscoveredFeed: Sendable, Hashable, Codable {
    /// Absolute URL.
    public var url: String
    /// The MIME type the link states (`application/rss+xml`, `text/calendar`), or nil.
    public var type: String?
    public var title: String?
    /// What the link announces, from its type (or its `.ics`/`webcal:` address).
    public var format: DocumentFormat?

    public init(url: String, type: String? = nil, title: String? = nil, format: DocumentFormat? = nil) {
        self.url = url
        self.type = type
        self.title = title
        self.format = format
    }
}

/// Everything one document yields: the object `labfeed fetch --json` prints.
public struct ParsedDocument: Sendable, Hashable, Codable {
    public var format: DocumentFormat
    public var feed: FeedInfo
    public var entries: [Entry]
    public var events: [Event]
    /// Human-readable, each naming where (line, element or source).
    public var warnings: [String]
    /// Feeds and calendars a page links to (`<link rel="alternate">`, `.ics` links); empty for feeds.
    public var feeds: [DiscoveredFeed]
    /// Why this document cannot stand for its source's whole content, or nil: it is empty, it
    /// ends before its end (a cut download), the parser had to stop (an entity loop), or it is
    /// not a document of its format at all (a JSON error object where a JSON Feed was expected).
    /// What could be read is still in `entries` and `events`, but a sync records the source as
    /// failed, so that it keeps its last good events. Omitted from JSON when nil.
    public var unusable: String?

    public init(format: DocumentFormat, feed: FeedInfo = FeedInfo(), entries: [Entry] = [], events: [Event] = [],
                warnings: [String] = [], feeds: [DiscoveredFeed] = [], unusable: String? = nil) {
        self.format = format
        self.feed = feed
        self.entries = entries
        self.events = events
        self.warnings = warnings
        self.feeds = feeds
        self.unusable = unusable
    }

    enum CodingKeys: String, CodingKey { case format, feed, entries, events, warnings, feeds, unusable }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(DocumentFormat.self, forKey: .format)
        feed = try c.decodeIfPresent(FeedInfo.self, forKey: .feed) ?? FeedInfo()
        entries = try c.decodeIfPresent([Entry].self, forKey: .entries) ?? []
        events = try c.decodeIfPresent([Event].self, forKey: .events) ?? []
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        feeds = try c.decodeIfPresent([DiscoveredFeed].self, forKey: .feeds) ?? []
        unusable = try c.decodeIfPresent(String.self, forKey: .unusable)
    }
}

/// Instants in UTC as `2022-11-04T09:00:00Z`, the form entries and feeds use.
public enum UTCTimestamp {
    public static func string(_ date: Date) -> String {
        // Computed from the epoch seconds (whole seconds, rounded down as a calendar would):
        // outputs write several of these per event, and a Calendar round trip is slow.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let time = LocalDateTime(date: CivilDate(dayNumber: days), hour: rest / 3600, minute: rest % 3600 / 60,
                                 second: rest % 60, utcOffset: 0)
        return String(time.iso.dropLast(6)) + "Z"
    }

    public static func date(_ text: String) -> Date? {
        guard let p = ISO8601.parse(text), let offset = p.utcOffset else { return nil }
        return LocalDateTime(date: p.date, hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0, utcOffset: offset).instant
    }
}

/// The JSON encoder every labfeed output uses: sorted keys, so the same value gives the same bytes.
public enum LabfeedJSON {
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
