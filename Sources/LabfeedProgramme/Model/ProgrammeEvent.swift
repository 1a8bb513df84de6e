// One real event of the programme: the merged fields plus identity, origins and lifecycle.

public import Foundation
public import LabfeedCore

/// One event of the programme, merged from every source that announced it.
///
/// Encodes flat: the fields of ``Event`` (as `labfeed fetch --json` writes them) plus `id`,
/// `titles`, `sources`, `region`, `first_seen`, `last_seen`, `updated`, `past` and
/// `content_hash` (docs/PROGRAMME.md describes each).
public struct ProgrammeEvent: Sendable, Hashable, Codable, Identifiable {
    /// Stable across syncs, source order and small edits (docs/PROGRAMME.md, "Identity").
    public var id: String
    /// The merged fields, each from the best source that gives it.
    public var event: Event
    /// The title in each language, when the sources' languages differ; empty otherwise.
    public var titles: [String: String]
    /// Every source that has it, sorted by source id then item key.
    public var sources: [EventSourceRef]
    /// The place's region, else the region of the best source that has one.
    public var region: String?
    /// When labfeed first saw the event in any source.
    public var firstSeen: Date
    /// When a source last confirmed it.
    public var lastSeen: Date
    /// When its content (``contentHash``) last changed.
    public var updated: Date
    /// True once the event is over (its end, else its start, is before the build's now).
    public var past: Bool
    /// A SHA-256 of the merged content: fields, titles, region and the sources' ids and URLs.
    public var contentHash: String

    public init(id: String, event: Event, titles: [String: String] = [:], sources: [EventSourceRef], region: String? = nil,
                firstSeen: Date, lastSeen: Date, updated: Date, past: Bool = false, contentHash: String = "") {
        self.id = id
        self.event = event
        self.titles = titles
        self.sources = sources
        self.region = region
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.updated = updated
        self.past = past
        self.contentHash = contentHash
    }

    enum CodingKeys: String, CodingKey {
        case id, titles, sources, region, updated, past
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case contentHash = "content_hash"
    }

    public func encode(to encoder: any Encoder) throws {
        try event.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(titles, forKey: .titles)
        try c.encode(sources, forKey: .sources)
        try c.encode(region, forKey: .region)
        try c.encode(UTCTimestamp.string(firstSeen), forKey: .firstSeen)
        try c.encode(UTCTimestamp.string(lastSeen), forKey: .lastSeen)
        try c.encode(UTCTimestamp.string(updated), forKey: .updated)
        try c.encode(past, forKey: .past)
        try c.encode(contentHash, forKey: .contentHash)
    }

    public init(from decoder: any Decoder) throws {
        event = try Event(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        titles = try c.decodeIfPresent([String: String].self, forKey: .titles) ?? [:]
        sources = try c.decode([EventSourceRef].self, forKey: .sources)
        region = try c.decodeIfPresent(String.self, forKey: .region)
        firstSeen = try TimestampCoding.decode(c, .firstSeen)
        lastSeen = try TimestampCoding.decode(c, .lastSeen)
        updated = try TimestampCoding.decode(c, .updated)
        past = try c.decodeIfPresent(Bool.self, forKey: .past) ?? false
        contentHash = try c.decodeIfPresent(String.self, forKey: .contentHash) ?? ""
    }

    /// The day the event starts, as it reads locally.
    public var startDay: CivilDate { event.start.date }

    /// The last day the event takes (its start day when it has no end).
    public var endDay: CivilDate { max(event.end?.date ?? event.start.date, event.start.date) }
}
