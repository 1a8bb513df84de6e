// What a programme save must write when the store still holds the programme the build started
// from: the rows that differ, not all of them.

/// The rows that turn a stored programme into the next one, matched by id: the events that are
/// new or whose row would differ (``writes``, indices into the next programme's events) and the
/// ids that are gone (``removes``).
///
/// A re-sync in which one source changed rebuilds the whole programme, in which every other
/// event comes out as it was (its `last_seen` is a day, its `updated` kept while its content
/// hash stands): saving only those rows spares rewriting every event's JSON (14 MB for 7,000
/// events) and copying it through the write-ahead log again.
public struct ProgrammeDiff: Sendable, Hashable {
    /// Indices into the next programme's events, in their order: new ids and changed rows.
    public var writes: [Int]
    /// Ids of the stored programme that the next one no longer has, in stored order.
    public var removes: [String]

    public init(writes: [Int], removes: [String]) {
        self.writes = writes
        self.removes = removes
    }

    /// The diff from `previous` (the stored rows, as read) to `next`; nil when the rows cannot
    /// be matched by id (an id twice on one side): the save then replaces them all, as it
    /// would have (and refuses a repeated id as it would have).
    public init?(from previous: [ProgrammeEvent], to next: [ProgrammeEvent]) {
        var stored: [String: Int] = [:]
        stored.reserveCapacity(previous.count)
        for i in previous.indices where stored.updateValue(i, forKey: previous[i].id) != nil { return nil }
        var kept = Set<String>()
        kept.reserveCapacity(next.count)
        var writes: [Int] = []
        for i in next.indices {
            guard kept.insert(next[i].id).inserted else { return nil }
            if let j = stored[next[i].id], Self.sameRow(previous[j], next[i]) { continue }
            writes.append(i)
        }
        self.writes = writes
        self.removes = previous.lazy.map(\.id).filter { !kept.contains($0) }
    }

    /// Whether `a`'s stored row is byte for byte the row `b` would be written as.
    ///
    /// The row is the event's JSON and columns made from it, all functions of the event's
    /// fields, so equal fields make equal rows, but for one thing: `String`'s `==` is Unicode
    /// canonical equivalence ("é" precomposed equals "e" + U+0301), and the JSON keeps the
    /// bytes. The content hash is a SHA-256 of the bytes of the event's fields, titles, region
    /// and sources' ids, URLs and item ids, so it tells such strings apart; the strings it does
    /// not cover (the id, the sources' item keys) are compared byte for byte here.
    static func sameRow(_ a: ProgrammeEvent, _ b: ProgrammeEvent) -> Bool {
        guard a == b, a.id.utf8.elementsEqual(b.id.utf8) else { return false }
        return zip(a.sources, b.sources).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) }
    }
}
