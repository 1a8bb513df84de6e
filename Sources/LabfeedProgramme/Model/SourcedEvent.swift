// An event as one configured source yielded it, with when labfeed first and last saw it there.

public import Foundation
public import LabfeedCore

/// One event of one source: the input of deduplication and merging.
///
/// `key` identifies the item inside its source across fetches (see ``ItemKey``); it is what the
/// store uses to keep `firstSeen`, and what the builder uses to carry programme ids over.
public struct SourcedEvent: Sendable, Hashable, Codable {
    /// The configured source's id (feeds.yml `id`).
    public var source: String
    /// The item's identity inside that source (``ItemKey/of(_:)``, made unique per fetch).
    public var key: String
    public var event: Event
    /// The region of the source (feeds.yml `region`), used when the event's place names none.
    public var region: String?
    public var firstSeen: Date
    public var lastSeen: Date

    public init(source: String, key: String? = nil, event: Event, region: String? = nil, firstSeen: Date, lastSeen: Date) {
        self.source = source
        self.key = key ?? ItemKey.of(event)
        self.event = event
        self.region = region
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }
}

extension SourcedEvent {
    /// A value holding no storage (empty strings, no optional fields): what the build leaves in
    /// an array slot whose item it moved out (``ParallelMap/take(_:placeholder:minimumPerThread:_:)``).
    static let placeholder = SourcedEvent(source: "", key: "", event: .placeholder, firstSeen: .distantPast, lastSeen: .distantPast)
}

extension Event {
    /// An event holding no storage (see ``SourcedEvent/placeholder``).
    static let placeholder = Event(title: "", start: .day(CivilDate(year: 1970, month: 1, day: 1)), foundBy: .prose)
}

/// Where a merged event came from: one entry of `sources` in programme.json.
public struct EventSourceRef: Sendable, Hashable, Codable {
    /// The configured source's id.
    public var source: String
    /// The event's page in that source (canonical), or nil.
    public var url: String?
    public var foundBy: FoundBy
    /// The source's own identity of the item (iCalendar UID, guid, JSON-LD @id), or nil.
    public var itemID: String?
    /// labfeed's identity of the item inside the source (``ItemKey``).
    public var key: String
    public var firstSeen: Date
    public var lastSeen: Date

    public init(source: String, url: String?, foundBy: FoundBy, itemID: String?, key: String, firstSeen: Date, lastSeen: Date) {
        self.source = source
        self.url = url
        self.foundBy = foundBy
        self.itemID = itemID
        self.key = key
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
    }

    enum CodingKeys: String, CodingKey {
        case source, url, key
        case foundBy = "found_by"
        case itemID = "item_id"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(url, forKey: .url)
        try c.encode(foundBy, forKey: .foundBy)
        try c.encode(itemID, forKey: .itemID)
        try c.encode(key, forKey: .key)
        try c.encode(UTCTimestamp.string(firstSeen), forKey: .firstSeen)
        try c.encode(UTCTimestamp.string(lastSeen), forKey: .lastSeen)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        foundBy = try c.decode(FoundBy.self, forKey: .foundBy)
        itemID = try c.decodeIfPresent(String.self, forKey: .itemID)
        key = try c.decode(String.self, forKey: .key)
        firstSeen = try TimestampCoding.decode(c, .firstSeen)
        lastSeen = try TimestampCoding.decode(c, .lastSeen)
    }
}

/// Reads the `2022-11-04T09:00:00Z` timestamps the programme writes.
enum TimestampCoding {
    static func decode<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Date {
        let text = try c.decode(String.self, forKey: key)
        guard let date = UTCTimestamp.date(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a UTC timestamp: \(text)")
        }
        return date
    }

    static func decodeIfPresent<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> Date? {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = UTCTimestamp.date(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a UTC timestamp: \(text)")
        }
        return date
    }
}
