// Builds the programme from every source's last good events and the previous programme:
// normalise, deduplicate, merge, give stable ids, apply the lifecycle.

public import Foundation
public import LabfeedCore
import LabfeedHash

/// The programme as the store keeps it between syncs.
public struct SavedProgramme: Sendable, Hashable {
    public var events: [ProgrammeEvent]
    /// See ``Programme/updatedAt``.
    public var updatedAt: Date?

    public init(events: [ProgrammeEvent] = [], updatedAt: Date? = nil) {
        self.events = events
        self.updatedAt = updatedAt
    }

    /// The events' ids, which a store keys its rows by; throws for an id twice, naming the
    /// store (`location`), before anything is written.
    public func uniqueIDs(savedIn location: String) throws(StoreError) -> Set<String> {
        var ids = Set<String>(minimumCapacity: events.count)
        for event in events where !ids.insert(event.id).inserted {
            throw StoreError(message: "the programme saved in \(location) has the id \(event.id) twice")
        }
        return ids
    }
}

/// Turns sources' events into the programme (docs/PROGRAMME.md).
///
/// Pure apart from ``rebuild(store:now:)``: the same inputs give the same programme, whatever
/// the order of sources and events.
public struct ProgrammeBuilder: Sendable {
    public var keepPast: KeepPast
    public var zone: TimeZone
    /// The configured sources: their names, defaults (organiser, place, language, region) and
    /// which are enabled. nil: every source the state holds, without defaults.
    public var sources: [SourceConfig]?
    /// Called once in the build, when the clusters' members (every item's strings) have been
    /// freed and before the programme's events are made: a sync passes
    /// ``ProcessMemory/returnFreeMemory()`` so that the freed memory is given back instead of
    /// sitting, fragmented, under the outputs' peak. nil: nothing is called (tests, other
    /// stores). It was called after each stage (normalised, clustered, merged, members freed):
    /// each `malloc_trim` gave back pages the next stage faulted in again, about a tenth of a
    /// cold build's CPU, for no lower peak (Benchmarks/report/README.md, round 15).
    public var betweenStages: (@Sendable () -> Void)?

    public init(keepPast: KeepPast = .duration(.seconds(30 * 86_400)), zone: TimeZone = TimeZone(identifier: "Europe/Paris")!,
                sources: [SourceConfig]? = nil) {
        self.keepPast = keepPast
        self.zone = zone
        self.sources = sources
    }

    /// The builder for a loaded configuration.
    public init(config: LabfeedConfig) {
        self.init(keepPast: config.settings.keepPast, zone: config.settings.timeZone, sources: config.sources)
    }

    /// Loads the state, builds the programme and saves it back; returns it for the writers.
    public func rebuild(store: some ProgrammeStore, now: Date) async throws -> Programme {
        let programme = try build(events: try await store.eventsBySource(), states: try await store.allSourceStates(),
                                  previous: try await store.previousProgramme(), now: now)
        try await store.saveProgramme(SavedProgramme(events: programme.events, updatedAt: programme.updatedAt))
        return programme
    }

    /// Builds the programme. `bySource` is consumed: each source's events are dropped as they
    /// are normalised, so the store's copy and the normalised copy are not both alive whole
    /// (with `items` released after clustering, this lowers the peak memory of a cold sync).
    public func build(events bySource: consuming [String: [SourcedEvent]], states: [String: SourceState], previous: SavedProgramme, now rawNow: Date) -> Programme {
        // Held whole, the previous programme's loader cannot fail.
        try! build(events: bySource, states: states, previous: PreviousProgramme(previous), now: rawNow)
    }

    /// ``build(events:states:previous:now:)`` from the previous programme as a store reads it
    /// light (``PreviousProgramme``): throws when the few whole events asked of it cannot be
    /// read.
    public func build(events bySource: consuming [String: [SourcedEvent]], states: [String: SourceState], previous: PreviousProgramme,
                      now rawNow: Date) throws -> Programme {
        let now = wholeSeconds(rawNow)
        let configs = Dictionary((sources ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let active: [String] = sources.map { $0.filter(\.enabled).map(\.id) } ?? Array(bySource.keys)

        // The sources' lists taken out of the dictionary (no copy), in source order; their items
        // are then moved end to end on every core (copying them retained every string of every
        // item, and freeing the lists released them all again, on one thread).
        var lists: [[SourcedEvent]] = []
        var counts: [String: Int] = [:]
        // Each item's source configuration, by index into `sourceConfigs` (-1: none).
        var sourceConfigs: [SourceConfig] = []
        var configOfItem: [Int32] = []
        configOfItem.reserveCapacity(active.reduce(0) { $0 + (bySource[$1]?.count ?? 0) })
        for id in active.sorted() {
            let own = bySource.removeValue(forKey: id) ?? []
            counts[id] = own.isEmpty ? nil : own.count
            var index: Int32 = -1
            if let config = configs[id] {
                index = Int32(sourceConfigs.count)
                sourceConfigs.append(config)
            }
            configOfItem.append(contentsOf: repeatElement(index, count: own.count))
            lists.append(own)
        }
        bySource = [:]
        var items = ParallelMap.concatenate(&lists, placeholder: SourcedEvent.placeholder)
        lists = []
        let itemConfigs = consume configOfItem, sourceDefaults = consume sourceConfigs
        // Normalised in place on every core (each item alone: no shared state).
        ParallelMap.update(&items) { i, item in
            let index = Int(itemConfigs[i])
            if index >= 0 {
                item.event = EventNormalizer.applyDefaults(item.event, from: sourceDefaults[index])
                item.region = item.region ?? sourceDefaults[index].region
            }
            item.event = EventNormalizer.normalize(item.event)
        }
        // No trim between the stages before the members are dropped (see ``betweenStages``).
        var clusters = Deduplicator.cluster(consume items)
        // Each cluster moved into its merge: one whose members need sorting is freed there.
        let merged = ParallelMap.take(&clusters, placeholder: []) { _, cluster in Merger.merge(cluster) }
        clusters = []
        let ids = try IdentityAssigner.assign(merged, previous: previous)
        // The previous events by id, as indices (a dictionary of the entries copied each one).
        let previousIndex: [String: Int] = {
            var index: [String: Int] = [:]
            index.reserveCapacity(previous.entries.count)
            for (i, old) in previous.entries.enumerated() where index[old.id] == nil { index[old.id] = i }
            return index
        }()
        // Past identity, only the members' first and last sightings are needed: dropping the
        // members here frees every sourced event before the programme's events are made (that
        // moment was the heap peak of a cold sync, with members, clusters and events alive).
        // Both on every core: freeing the members is freeing every string of every item.
        let seen = ParallelMap.map(merged.count) { i in
            (first: merged[i].members.lazy.map(\.firstSeen).min(), last: merged[i].members.lazy.map(\.lastSeen).max())
        }
        var clustersLeft = consume merged
        ParallelMap.update(&clustersLeft) { _, cluster in cluster.members = [] }
        betweenStages?()

        var finished = consume clustersLeft
        let (keepPast, zone, previousEvents) = (keepPast, zone, previous.entries)
        var events = finished.withUnsafeMutableBufferPointer { buffer -> [ProgrammeEvent] in
            // Read in place (a copy of a cluster retained each of its strings), and each kept
            // cluster's event, titles and sources moved into its programme event, not copied:
            // the clusters are freed next.
            let clusters = ParallelMap.Elements(buffer: buffer)
            let hashes = ParallelMap.map(buffer.count) { Self.contentHash(clusters.buffer[$0]) }
            let expired = ParallelMap.map(buffer.count) { i in
                Lifecycle.isExpired(end: clusters.buffer[i].event.end ?? clusters.buffer[i].event.start, now: now, keepPast: keepPast, zone: zone)
            }
            // The programme's events, made on every core in cluster order, expired ones left out.
            let kept = buffer.indices.filter { !expired[$0] }
            return ParallelMap.map(kept.count) { k -> ProgrammeEvent in
                let index = kept[k]
                let id = ids[index]
                let before = previousIndex[id]
                let hash = hashes[index]
                let firstSeen = min(seen[index].first ?? now, before.map { previousEvents[$0].firstSeen } ?? .distantFuture)
                let end = clusters.buffer[index].event.end ?? clusters.buffer[index].event.start
                var refs = Swift.exchange(&clusters.buffer[index].sources, with: [])
                for r in refs.indices { refs[r].lastSeen = Self.day(refs[r].lastSeen) }
                return ProgrammeEvent(
                    id: id, event: Swift.exchange(&clusters.buffer[index].event, with: .placeholder),
                    titles: Swift.exchange(&clusters.buffer[index].titles, with: [:]), sources: refs,
                    region: clusters.buffer[index].region,
                    firstSeen: firstSeen, lastSeen: Self.day(seen[index].last ?? now),
                    updated: before.flatMap { previousEvents[$0].contentHash == hash ? previousEvents[$0].updated : nil } ?? now,
                    past: Lifecycle.endInstant(end: end, zone: zone) <= now,
                    contentHash: hash)
            }
        }
        // Freed on every core: what is left of the clusters (expired ones whole).
        ParallelMap.release(&finished, placeholder: MergedCluster.placeholder)
        // An event that was over when its source dropped it stays until keep_past expires:
        // sites prune past events, which is no cancellation. These are read whole.
        let entries = previous.entries
        if !entries.isEmpty {
            let keptIDs = Set(events.map(\.id))
            var pastIDs: [String] = []
            for o in entries.indices where !keptIDs.contains(entries[o].id) {  // in place, not copied
                let end = entries[o].end
                guard Lifecycle.endInstant(end: end, zone: zone) <= now else { continue }
                if Lifecycle.isExpired(end: end, now: now, keepPast: keepPast, zone: zone) { continue }
                if !entries[o].items.contains(where: { active.contains($0.source) }) && sources != nil { continue }
                pastIDs.append(entries[o].id)
            }
            let whole = try previous.events(pastIDs)
            for id in pastIDs {
                guard var event = whole[id] else { continue }
                event.past = true
                events.append(event)
            }
        }

        let updatedAt = previous.updatedAt != nil && Self.sameShape(events, entries)
            ? previous.updatedAt : (events.isEmpty && entries.isEmpty ? previous.updatedAt : now)

        let healthIDs = sources != nil ? active : Array(Set(active).union(states.keys))
        let health = healthIDs.sorted().map { SourceHealth(id: $0, name: configs[$0]?.name, state: states[$0], events: counts[$0] ?? 0) }
        ProgrammeOrder.sort(&events)  // in place, and the programme takes the order as it is
        return Programme(updatedAt: updatedAt, sources: health, orderedEvents: events)
    }

    /// Whether two lists of events hold the same (id, content hash, past) triples, as sets: the
    /// programme changed when any event came, went, changed or turned past.
    static func sameShape(_ events: [ProgrammeEvent], _ previous: [PreviousProgramme.Entry]) -> Bool {
        struct Shape: Hashable {
            var id: String
            var contentHash: String
            var past: Bool
        }
        let before = Set(previous.map { Shape(id: $0.id, contentHash: $0.contentHash, past: $0.past) })
        var now = Set<Shape>()
        now.reserveCapacity(events.count)
        for event in events {
            let shape = Shape(id: event.id, contentHash: event.contentHash, past: event.past)
            guard before.contains(shape) else { return false }
            now.insert(shape)
        }
        return now.count == before.count
    }

    /// `last_seen` is kept to the UTC day: confirming an event again the same day changes
    /// nothing, so a sync that finds nothing new rewrites no output.
    static func day(_ date: Date) -> Date {
        let t = date.timeIntervalSince1970
        return Date(timeIntervalSince1970: (t / 86_400).rounded(.down) * 86_400)
    }

    /// SHA-256 of the merged content: the event's fields, titles, region and the sources' ids
    /// and URLs (not their times, which move on every sync). What is hashed is the compact JSON
    /// `{"event", "region", "sources": [[id, url, item id]], "titles"}` as `JSONEncoder` writes
    /// it (``EventJSON/content(event:titles:region:sources:)`` writes the same bytes without the
    /// encoder): hashes stored by earlier versions stay valid, so no event reads as updated.
    static func contentHash(_ cluster: MergedCluster) -> String {
        guard EventJSON.encodable(cluster.event) else { return encodedContentHash(cluster) }
        return SHA256.hex(EventJSON.content(event: cluster.event, titles: cluster.titles, region: cluster.region,
                                            sources: cluster.sources))
    }

    /// ``contentHash(_:)`` through `JSONEncoder`: the reference the tests compare it with, and
    /// the path for an event the writer leaves to the encoder.
    static func encodedContentHash(_ cluster: MergedCluster) -> String {
        struct Content: Encodable {
            var event: Event
            var titles: [String: String]
            var region: String?
            var sources: [[String?]]
        }
        let content = Content(event: cluster.event, titles: cluster.titles, region: cluster.region,
                              sources: cluster.sources.map { [$0.source, $0.url, $0.itemID] })
        let data = (try? LabfeedJSON.encoder(pretty: false).encode(content)) ?? Data()
        return SHA256.hex([UInt8](data))
    }
}
