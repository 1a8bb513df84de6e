// Stable programme ids: carried over from the previous programme, else derived from the
// cluster's earliest-seen member.

import Foundation
import LabfeedCore
import LabfeedHash

/// Gives each merged cluster its programme id (docs/PROGRAMME.md, "Identity").
///
/// 1. Carry-over by item: a cluster that holds an item (source + item key) of a previous event
///    takes that event's id. When several clusters claim one id (an event split), the one with
///    most such items wins, then the one whose earliest item was seen first.
/// 2. Carry-over by likeness: a cluster still without id takes the id of an unclaimed previous
///    event of the same day that ``EventMatcher`` says is the same event (a title edited and its
///    guid changed with it).
/// 3. Otherwise a new id: `ev-` and 16 hex digits of SHA-256 of the anchor's source id and item
///    key, the anchor being the member seen first (ties: source id, then key). Independent of
///    source order; a later duplicate does not change it, since it is seen later.
enum IdentityAssigner {
    static func assign(_ clusters: [MergedCluster], previous: PreviousProgramme) throws -> [String] {
        // An item of a source → the previous id holding it (a pair, not a string made for each).
        typealias Item = PreviousProgramme.Item
        let entries = previous.entries
        var owner: [Item: String] = [:]
        var previousFirstSeen: [String: Date] = [:]
        for e in entries.indices {  // read in place: a copy of an entry retains each of its strings
            previousFirstSeen[entries[e].id] = entries[e].firstSeen
            for item in entries[e].items where owner[item] == nil {
                owner[item] = entries[e].id
            }
        }
        // Read in place: a copy of a cluster retained each of its strings.
        let anchors = clusters.withUnsafeBufferPointer { buffer in
            let shared = ParallelMap.Shared(buffer: buffer)
            return ParallelMap.map(buffer.count) { anchorKey(shared.buffer[$0]) }
        }
        var result = [String?](repeating: nil, count: clusters.count)
        var taken = Set<String>()

        // 1. By item (nothing to claim without a previous programme: a cold sync).
        struct Claim { var cluster: Int; var id: String; var votes: Int; var since: Date }
        var claims: [Claim] = []
        for i in clusters.indices where !owner.isEmpty {
            var votes: [String: Int] = [:]
            for m in clusters[i].members { if let id = owner[Item(source: m.source, key: m.key)] { votes[id, default: 0] += 1 } }
            guard !votes.isEmpty else { continue }
            let since = clusters[i].members.lazy.map(\.firstSeen).min() ?? .distantFuture
            for (id, n) in votes { claims.append(Claim(cluster: i, id: id, votes: n, since: since)) }
        }
        claims.sort { a, b in
            if a.votes != b.votes { return a.votes > b.votes }
            let fa = previousFirstSeen[a.id] ?? .distantFuture, fb = previousFirstSeen[b.id] ?? .distantFuture
            if fa != fb { return fa < fb }
            if a.since != b.since { return a.since < b.since }
            return (anchors[a.cluster], a.id) < (anchors[b.cluster], b.id)
        }
        for claim in claims where result[claim.cluster] == nil && !taken.contains(claim.id) {
            result[claim.cluster] = claim.id
            taken.insert(claim.id)
        }

        // 2. By likeness, day by day: the unclaimed previous events of the days of the clusters
        // still without id, read whole.
        let unnamedDays = Set(clusters.indices.lazy.filter { result[$0] == nil }.map { MatchWords.day(of: clusters[$0].event) })
        let candidates = entries.lazy.filter { !taken.contains($0.id) && unnamedDays.contains($0.firstDay) }.map(\.id)
        if !candidates.isEmpty {
            let unclaimed = try previous.events(Array(candidates)).values.sorted { $0.id < $1.id }
            let interner = TokenInterner()
            var byDay: [Int: [(ProgrammeEvent, MatchFeatures)]] = [:]
            for old in unclaimed {
                let f = MatchFeatures(event: old.event, source: "\u{0}previous", interner: interner)
                byDay[f.firstDay, default: []].append((old, f))
            }
            let order = clusters.indices.filter { result[$0] == nil }.sorted { anchors[$0] < anchors[$1] }
            for i in order {
                let f = MatchFeatures(event: clusters[i].event, source: "\u{0}current", interner: interner)
                for (old, g) in byDay[f.firstDay] ?? [] where !taken.contains(old.id) && EventMatcher.matches(f, g) {
                    result[i] = old.id
                    taken.insert(old.id)
                    break
                }
            }
        }

        // 3. New ids; previous ids stay reserved so a new event never takes a vanished one's id.
        taken.formUnion(entries.lazy.map(\.id))
        // Each anchor's id hashed on every core. When none is taken and no two are equal (the
        // rule, bar two clusters of one anchor), each cluster gets its own and the order below
        // does not matter; otherwise the ids are given one by one in anchor order, as always.
        let unnamed = clusters.indices.filter { result[$0] == nil }
        let fresh = ParallelMap.map(unnamed.count) { "ev-" + SHA256.hex(anchors[unnamed[$0]]).prefix(16) }
        if Set(fresh).count == fresh.count && !fresh.contains(where: taken.contains) {
            for (k, i) in unnamed.enumerated() { result[i] = fresh[k] }
            return result.map { $0! }
        }
        for i in clusters.indices.sorted(by: { anchors[$0] < anchors[$1] }) where result[i] == nil {
            var id = "ev-" + SHA256.hex(anchors[i]).prefix(16)
            var n = 2
            while taken.contains(id) {
                id = "ev-" + SHA256.hex("\(anchors[i])#\(n)").prefix(16)
                n += 1
            }
            taken.insert(id)
            result[i] = id
        }
        return result.map { $0! }
    }

    /// The identity of the member seen first: "source\nkey".
    static func anchorKey(_ cluster: borrowing MergedCluster) -> String {
        // The first of the least members, compared in place (`min` copied each member it kept).
        cluster.members.withUnsafeBufferPointer { m in
            var anchor = 0
            for i in m.indices.dropFirst() {
                let earlier = m[i].firstSeen != m[anchor].firstSeen ? m[i].firstSeen < m[anchor].firstSeen
                    : (m[i].source, m[i].key) < (m[anchor].source, m[anchor].key)
                if earlier { anchor = i }
            }
            return m[anchor].source + "\n" + m[anchor].key
        }
    }
}
