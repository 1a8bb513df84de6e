// The previous programme as a build needs it: a few fields of every event, and whole only the
// events it keeps or compares.

public import Foundation
public import LabfeedCore

/// The programme a build starts from (``ProgrammeBuilder/build(events:states:previous:now:)``),
/// light: for every event what identity, `first_seen`, `updated` and the lifecycle need, and the
/// whole events only for the ids asked (``load``): the unclaimed ones that carry-over by
/// likeness compares, and the past ones kept after their sources dropped them. Read back whole,
/// the previous programme of 1,000 sources held 22 MB under a re-sync's peak.
public struct PreviousProgramme: Sendable {
    /// What a build reads of one previous event.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var firstSeen: Date
        public var updated: Date
        public var contentHash: String
        public var past: Bool
        /// Its end, else its start (``Lifecycle``).
        public var end: EventTime
        /// Its first day (``MatchWords/day(of:)``): carry-over by likeness compares events
        /// of the same day.
        public var firstDay: Int
        /// Each source's id and item key.
        public var items: [Item]

        public init(_ event: ProgrammeEvent) {
            id = event.id
            firstSeen = event.firstSeen
            updated = event.updated
            contentHash = event.contentHash
            past = event.past
            end = event.event.end ?? event.event.start
            firstDay = MatchWords.day(of: event.event)
            items = event.sources.map { Item(source: $0.source, key: $0.key) }
        }
    }

    /// An item of a source: its id and item key.
    public struct Item: Sendable, Hashable {
        public var source: String
        public var key: String
    }

    public var entries: [Entry]
    public var updatedAt: Date?
    /// The whole events of these ids, in any order; an id it no longer has is left out.
    public var load: @Sendable ([String]) throws -> [ProgrammeEvent]

    public init(entries: [Entry], updatedAt: Date?, load: @escaping @Sendable ([String]) throws -> [ProgrammeEvent]) {
        self.entries = entries
        self.updatedAt = updatedAt
        self.load = load
    }

    /// A programme held whole (read back by a store, or made by a test).
    public init(_ saved: SavedProgramme) {
        let events = saved.events
        entries = events.map(Entry.init)
        updatedAt = saved.updatedAt
        load = { ids in
            let wanted = Set(ids)
            return events.filter { wanted.contains($0.id) }
        }
    }

    /// The whole events of `ids` by id (the first of an id twice).
    func events(_ ids: [String]) throws -> [String: ProgrammeEvent] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try load(ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
