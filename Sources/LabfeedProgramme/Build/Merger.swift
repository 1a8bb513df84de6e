// Merges the announcements of one real event into one event, field by field from the best source.

import Foundation
public import LabfeedCore

/// What one cluster merges into, before identity and lifecycle are decided.
public struct MergedCluster: Sendable, Hashable {
    public var event: Event
    public var titles: [String: String]
    public var region: String?
    public var sources: [EventSourceRef]
    /// The members in precedence order (best first).
    public var members: [SourcedEvent]
}

extension MergedCluster {
    /// A cluster holding no storage: what the build leaves in a slot it freed
    /// (``ParallelMap/release(_:placeholder:minimumPerThread:)``).
    static let placeholder = MergedCluster(event: .placeholder, titles: [:], region: nil, sources: [], members: [])
}

/// Merges a cluster (docs/PROGRAMME.md, "Merge").
///
/// Members are ranked by how they were found (structured data 5, microformats 4, selectors 3,
/// feeds 2, prose 1), then by completeness (how many fields they give), then confidence, then
/// source id and item key (so the result never depends on input order). Each field comes from
/// the first ranked member that has it, with these exceptions: an all-day start is made precise
/// by a timed start of the same day from another member; `status` takes the first ranked
/// non-scheduled status (a cancellation anywhere propagates); `keywords` and `alternates` are
/// unions; `confidence` is the highest.
public enum Merger {
    public static func merge(_ cluster: [SourcedEvent]) -> MergedCluster {
        precondition(!cluster.isEmpty, "a cluster has at least one member")
        return cluster.count == 1 ? mergeOne(cluster) : mergeMany(cluster)
    }

    /// ``merge(_:)`` of a cluster of one member (most clusters): what the rules below give for
    /// one member, without ranking, searching the members field by field (each search copied
    /// the event) or guessing a language: its event with an empty place or organiser dropped,
    /// its keywords unique by folded text, its alternates unique by URL, sorted, without its
    /// own URL; no titles. `MergerTests` compares it with ``mergeMany(_:)``.
    static func mergeOne(_ cluster: [SourcedEvent]) -> MergedCluster {
        var merged = cluster[0].event
        if merged.location?.isEmpty == true { merged.location = nil }
        if let organizer = merged.organizer, organizer.name == nil && organizer.url == nil { merged.organizer = nil }
        if merged.keywords.count >= 2 {
            var seenWords = Set<String>()
            merged.keywords = merged.keywords.filter { seenWords.insert(TextFolding.fold($0)).inserted }
        }
        if !merged.alternates.isEmpty {
            var alternates: [String: Alternate] = [:]
            for alt in merged.alternates where alternates[alt.url] == nil { alternates[alt.url] = alt }
            if let url = merged.url { alternates[url] = nil }
            merged.alternates = alternates.values.sorted { ($0.language ?? "", $0.url) < ($1.language ?? "", $1.url) }
        }
        let member = cluster[0]
        let ref = EventSourceRef(source: member.source, url: member.event.url, foundBy: member.event.foundBy, itemID: member.event.sourceID,
                                 key: member.key, firstSeen: member.firstSeen, lastSeen: member.lastSeen)
        return MergedCluster(event: merged, titles: [:], region: merged.location?.region ?? member.region, sources: [ref], members: cluster)
    }

    /// ``merge(_:)`` of any cluster: the rules above.
    static func mergeMany(_ cluster: [SourcedEvent]) -> MergedCluster {
        // Keep the cluster's storage when it is in order already.
        let ranked = zip(cluster, cluster.dropFirst()).allSatisfy({ !precedes($1, $0) }) ? cluster : cluster.sorted(by: precedes)
        let best = ranked[0].event
        var merged = best

        // Members found by index and read in place: `first(where:)` and `for m in ranked` copied
        // whole members (a retain of each string), a dozen times per cluster.
        let startMember = ranked.firstIndex { !$0.event.start.isAllDay && $0.event.start.date == best.start.date }
        if best.start.isAllDay, let timed = startMember, best.end == nil || best.end?.date == best.start.date {
            merged.start = ranked[timed].event.start
            merged.end = ranked[timed].event.end
            merged.timeZone = ranked[timed].event.timeZone ?? best.timeZone
        }
        if merged.end == nil {
            merged.end = ranked.lazy.compactMap(\.event.end).first { $0.isAllDay == merged.start.isAllDay && $0.date >= merged.start.date }
        }
        func first<T>(_ field: (Event) -> T?) -> T? {
            for m in ranked.indices { if let v = field(ranked[m].event) { return v } }
            return nil
        }
        if merged.description == nil, let m = ranked.firstIndex(where: { $0.event.description != nil }) {
            merged.description = ranked[m].event.description
            merged.descriptionHTML = ranked[m].event.descriptionHTML
        }
        merged.location = first { $0.location.flatMap { $0.isEmpty ? nil : $0 } }
        merged.url = first(\.url)
        merged.organizer = first { $0.organizer.flatMap { $0.name == nil && $0.url == nil ? nil : $0 } }
        merged.previousStart = first(\.previousStart)
        merged.attendanceMode = first(\.attendanceMode)
        merged.onlineURL = first(\.onlineURL)
        merged.registration = first(\.registration)
        merged.image = first(\.image)
        merged.superEvent = first(\.superEvent)
        merged.language = first(\.language)
        merged.sourceID = first(\.sourceID)
        merged.status = ranked.first { $0.event.status != .scheduled }?.event.status ?? .scheduled
        merged.confidence = ranked.map(\.event.confidence).max() ?? best.confidence

        var seenWords = Set<String>()
        merged.keywords = ranked.flatMap(\.event.keywords).filter { seenWords.insert(TextFolding.fold($0)).inserted }
        var alternates: [String: Alternate] = [:]
        for m in ranked.indices {
            for alt in ranked[m].event.alternates where alternates[alt.url] == nil { alternates[alt.url] = alt }
        }
        // Members in another language are alternates of the merged page.
        for m in ranked.indices {
            if let url = ranked[m].event.url, url != merged.url, let lang = language(of: ranked[m].event), lang != language(of: merged),
               alternates[url] == nil {
                alternates[url] = Alternate(language: lang, url: url)
            }
        }
        if let url = merged.url { alternates[url] = nil }
        merged.alternates = alternates.values.sorted { ($0.language ?? "", $0.url) < ($1.language ?? "", $1.url) }

        var titles: [String: String] = [:]
        for m in ranked.indices {
            if let lang = language(of: ranked[m].event), titles[lang] == nil { titles[lang] = ranked[m].event.title }
        }
        if titles.count < 2 { titles = [:] }

        let region = merged.location?.region ?? ranked.lazy.compactMap(\.region).first
        let refs = cluster.map {
            EventSourceRef(source: $0.source, url: $0.event.url, foundBy: $0.event.foundBy, itemID: $0.event.sourceID,
                           key: $0.key, firstSeen: $0.firstSeen, lastSeen: $0.lastSeen)
        }.sorted { ($0.source, $0.key) < ($1.source, $1.key) }
        return MergedCluster(event: merged, titles: titles, region: region, sources: refs, members: ranked)
    }

    /// The declared language (primary subtag), else a guess from the title.
    static func language(of event: Event) -> String? {
        if let lang = event.language, let primary = lang.lowercased().split(separator: "-").first { return String(primary) }
        return TextFolding.guessLanguage(event.title)
    }

    /// How many fields an event gives (the "more complete" of the precedence).
    static func completeness(_ e: Event) -> Int {
        var n = 0
        if e.description != nil { n += 1 }
        if e.end != nil { n += 1 }
        if !e.start.isAllDay { n += 1 }
        if let l = e.location, !l.isEmpty { n += 1 + (l.locality != nil ? 1 : 0) + (l.address != nil ? 1 : 0) }
        if e.url != nil { n += 1 }
        if e.organizer?.name != nil { n += 1 }
        if e.attendanceMode != nil { n += 1 }
        if e.registration != nil { n += 1 }
        if e.image != nil { n += 1 }
        if e.language != nil { n += 1 }
        return n
    }

    /// The precedence: found-by rank, completeness, confidence, then source and key.
    static func precedes(_ a: SourcedEvent, _ b: SourcedEvent) -> Bool {
        let ra = a.event.foundBy.rank, rb = b.event.foundBy.rank
        if ra != rb { return ra > rb }
        let ca = completeness(a.event), cb = completeness(b.event)
        if ca != cb { return ca > cb }
        if a.event.confidence != b.event.confidence { return a.event.confidence > b.event.confidence }
        return (a.source, a.key) < (b.source, b.key)
    }
}
