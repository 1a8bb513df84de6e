// Finds the same real event across sources, pages and languages; near-linear in the events.

import Foundation
import LabfeedCore

/// Groups announcements of one real event (docs/PROGRAMME.md, "Deduplication").
///
/// 1. Exact keys: the source's own id (UID, guid, @id) plus start day, and the canonical URL
///    plus start day. A key that one source gives to items with unlike titles (a feed repeating
///    one guid, a listing page used as every item's link) is ignored.
/// 2. Candidates: events are blocked by day (an event sits in every day of its range, up to 31)
///    and probed with their start day, so only events that share a day are compared. Inside a
///    large block, only events sharing an uncommon title word or a URL are compared.
/// 3. ``EventMatcher`` decides each candidate pair; clusters are the connected groups.
///
/// The result does not depend on the input order: clusters come in the order of their first
/// member, members in input order.
public enum Deduplicator {
    /// `betweenStages` is called once the match features are freed, before the clusters are
    /// made (see ``ProgrammeBuilder/betweenStages``).
    public static func cluster(_ items: consuming [SourcedEvent], betweenStages: (@Sendable () -> Void)? = nil) -> [[SourcedEvent]] {
        let indices = clusterIndices(items)
        betweenStages?()
        // Moved out on every core (each item is in one cluster): a copy retained each of an
        // event's strings, and freeing the items released them all again on one thread.
        var items = items
        let clusters = items.withUnsafeMutableBufferPointer { buffer in
            let shared = ParallelMap.Elements(buffer: buffer), placeholder = SourcedEvent.placeholder
            return ParallelMap.map(indices.count) { c in indices[c].map { Swift.exchange(&shared.buffer[$0], with: placeholder) } }
        }
        return clusters  // `items` now holds placeholders only
    }

    /// The clusters as indices into `items`. `ranges`: how many ranges of days the candidates
    /// are matched in (nil: four per core); the clusters are the same for any number.
    static func clusterIndices(_ items: [SourcedEvent], ranges: Int? = nil) -> [[Int]] {
        var (features, sourceIDs, keyHashes) = features(of: items)
        var sets = UnionFind(count: items.count)
        unionExactKeys(sourceIDs, features, keyHashes, &sets)
        unionCandidates(features, &sets, ranges: ranges)
        // Freed on every core (each feature is five or six allocations).
        ParallelMap.release(&features, placeholder: MatchFeatures.placeholder)
        ParallelMap.release(&sourceIDs, placeholder: nil)
        // Clusters in the order of their first member.
        var clusterOfRoot = [Int](repeating: -1, count: items.count)
        var clusters: [[Int]] = []
        for i in items.indices {
            let root = sets.find(i)
            if clusterOfRoot[root] < 0 {
                clusterOfRoot[root] = clusters.count
                clusters.append([i])
            } else {
                clusters[clusterOfRoot[root]].append(i)
            }
        }
        return clusters
    }

    /// The items' match features, cleaned ids and exact keys' hashes, a batch of items at a time
    /// (a batch's words are all that is held besides the features), in three steps:
    /// 1. on every core, each thread a run of the batch: the words folded and split
    ///    (``MatchWords``, each thread with its own cache of folded places, towns and words), the
    ///    cleaned id and the hashes of the exact keys, and the words numbered for the run alone
    ///    (``LocalNumbering``);
    /// 2. on this thread, each run's distinct words numbered by the interner, run after run;
    /// 3. on every core, the features made with those numbers.
    /// Every word gets the number the single-threaded path gives it (``LocalNumbering``), so the
    /// features are the same on any number of cores. The interner and the caches are freed on
    /// return, before the candidates are compared.
    static func features(of items: [SourcedEvent]) -> ([MatchFeatures], [String?], [KeyHash]) {
        let interner = TokenInterner()
        let threads = max(1, ParallelMap.width)
        let caches = FoldCaches(caches: (0..<threads).map { _ in FoldCache() })
        var ids: [String?] = []
        ids.reserveCapacity(items.count)
        var hashes: [KeyHash] = []
        hashes.reserveCapacity(2 * items.count)  // at most an id key and a URL key an item: never regrown
        // Read in place: iterating the array would copy each event (a retain per field).
        let features = items.withUnsafeBufferPointer { buffer in
            let shared = SharedItems(buffer: buffer)
            // Each feature written into its slot by the thread that made it.
            return [MatchFeatures](unsafeUninitializedCapacity: buffer.count) { slots, initialized in
                let made = ParallelMap.Elements(buffer: slots)
                for start in stride(from: 0, to: buffer.count, by: featureBatch) {
                    let count = min(featureBatch, buffer.count - start)
                    let chunks = count >= threads * 32 ? threads : 1
                    @Sendable func range(_ chunk: Int) -> Range<Int> {
                        (start + count * chunk / chunks)..<(start + count * (chunk + 1) / chunks)
                    }
                    var runs = ParallelMap.map(chunks, minimumPerThread: 1) { chunk -> Run in
                        var numbering = LocalNumbering()
                        let items = range(chunk).map { i -> Run.Item in
                            let words = MatchWords(event: shared.buffer[i].event, source: shared.buffer[i].source, folds: caches.caches[chunk])
                            words.forEachNumberedWord { _ = numbering.number($0) }
                            let id = TextFolding.clean(shared.buffer[i].event.sourceID)
                            return Run.Item(words: words, id: id, byID: idKey(id, source: words.source, day: words.firstDay)?.hashValue,
                                            byURL: urlKey(words.urlKey, day: words.firstDay)?.hashValue)
                        }
                        return Run(items: items, words: numbering.words, numbers: numbering.numbers)
                    }
                    let numbers = runs.map { $0.words.map(interner.id) }
                    // Each run moved into its thread, which makes its features and frees its words.
                    let keys = ParallelMap.take(&runs, placeholder: Run(items: [], words: [], numbers: []), minimumPerThread: 1) {
                        chunk, run -> (ids: [String?], hashes: [KeyHash]) in
                        let global = numbers[chunk], first = range(chunk).lowerBound
                        var next = 0
                        var ids: [String?] = [], hashes: [KeyHash] = []
                        ids.reserveCapacity(run.items.count)
                        for k in run.items.indices {
                            (made.buffer.baseAddress! + first + k).initialize(to: MatchFeatures(words: run.items[k].words) { _ in
                                let local = run.numbers[next]
                                next += 1
                                return local >= 0 ? global[Int(local)] : local
                            })
                            let i = Int32(first + k)
                            if let h = run.items[k].byID { hashes.append(KeyHash(hash: h, item: i, byID: true)) }
                            if let h = run.items[k].byURL { hashes.append(KeyHash(hash: h, item: i, byID: false)) }
                            ids.append(run.items[k].id)
                        }
                        return (ids, hashes)
                    }
                    for chunk in keys.indices {
                        ids.append(contentsOf: keys[chunk].ids)
                        hashes.append(contentsOf: keys[chunk].hashes)
                    }
                    initialized = start + count
                }
            }
        }
        return (features, ids, hashes)
    }

    /// One thread's run of a batch: its items' words, ids and key hashes, and the run's words
    /// numbered for it alone (``LocalNumbering``).
    struct Run {
        struct Item {
            var words: MatchWords
            var id: String?
            var byID: Int?
            var byURL: Int?
        }
        var items: [Item]
        var words: [String]
        var numbers: [Int32]
    }

    /// The hash of an item's exact key (``DayKey``), by its id or by its URL, in 8 bytes: the
    /// hash's low 32 bits, the item, then 0 for its id's key or 1 for its URL's. Sorted as
    /// integers, they come by hash, then item, an item's id key before its URL key. Two keys
    /// whose hashes share their low 32 bits are told apart by ``unionExactKeys``, which makes
    /// the keys of a run of equal hashes again and compares them.
    struct KeyHash: Comparable {
        let bits: UInt64

        init(hash: Int, item: Int32, byID: Bool) {
            bits = UInt64(UInt32(truncatingIfNeeded: hash)) << 32 | UInt64(UInt32(bitPattern: item)) << 1 | (byID ? 0 : 1)
        }

        var hash: UInt32 { UInt32(truncatingIfNeeded: bits >> 32) }
        var item: Int { Int((bits & 0xFFFF_FFFF) >> 1) }
        var byID: Bool { bits & 1 == 0 }

        static func < (a: KeyHash, b: KeyHash) -> Bool { a.bits < b.bits }
    }

    /// How many items' ``MatchWords`` are made before they are numbered.
    static let featureBatch = 2_048

    /// The items, read by the threads making match words (read only while they run).
    private struct SharedItems: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<SourcedEvent>
    }

    /// One folding cache per chunk of ``ParallelMap``: chunk k (one thread at a time) uses cache k.
    private struct FoldCaches: @unchecked Sendable {
        let caches: [FoldCache]
    }

    /// An exact key on a start day (the day as a number: cheaper to hash than its ISO text),
    /// made of strings the features already hold: a URL match key, an id meant to be unique
    /// everywhere, or a source's own id with its source.
    private struct DayKey: Hashable {
        enum Kind: UInt8 { case url, globalID, sourceID }
        var text: String
        /// The source, for a source's own id; "" otherwise.
        var scope: String
        var day: Int
        var kind: Kind
    }

    /// The exact key of an item's id on its start day: an id meant to be unique everywhere, else
    /// the id inside its source.
    private static func idKey(_ id: String?, source: String, day: Int) -> DayKey? {
        guard let id else { return nil }
        if let (kind, text) = globalID(id) { return DayKey(text: text, scope: "", day: day, kind: kind) }
        return DayKey(text: id, scope: source, day: day, kind: .sourceID)
    }

    /// The exact key of an item's URL (its match key) on its start day.
    private static func urlKey(_ key: String?, day: Int) -> DayKey? {
        key.map { DayKey(text: $0, scope: "", day: day, kind: .url) }
    }

    /// Unions the items that share an exact key on their start day, key by key.
    ///
    /// The keys are not kept in a dictionary: items are sorted by their key's hash (8 bytes a
    /// key, hashed with the features on every core), and only runs of equal hashes have their
    /// keys made again and compared. A dictionary of the keys, with a string made for each, was
    /// 4 MB at the peak of a cold sync of 1,000 sources. The clusters do not depend on the order
    /// the runs come in (the hashes' order changes with the process's hash seed): a key's items
    /// are unioned pair by pair on the matcher's word alone, whatever was unioned before.
    private static func unionExactKeys(_ sourceIDs: [String?], _ features: [MatchFeatures], _ hashes: consuming [KeyHash],
                                       _ sets: inout UnionFind) {
        func key(_ i: Int, byID: Bool) -> DayKey? {
            let f = features[i]
            return byID ? idKey(sourceIDs[i], source: f.source, day: f.firstDay) : urlKey(f.urlKey, day: f.firstDay)
        }
        var entries = hashes
        entries.sort()
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].hash == entries[start].hash { end += 1 }
            if end - start >= 2 {
                // One hash, normally one key: a collision splits the run by key.
                var rest = entries[start..<end].map { (key: key($0.item, byID: $0.byID)!, item: $0.item) }
                while let first = rest.first?.key {
                    let group = rest.filter { $0.key == first }.map(\.item)
                    rest.removeAll { $0.key == first }
                    if group.count >= 2 { unionGroup(group, features, &sets) }
                }
            }
            start = end
        }
    }

    /// The items of one exact key (an item whose id and URL are one key is in it twice).
    private static func unionGroup(_ group: [Int], _ features: [MatchFeatures], _ sets: inout UnionFind) {
        guard group.count <= 64 else { return }
        // Ignore a key one source gives to unlike items.
        for x in 0..<group.count {
            for y in (x + 1)..<group.count where features[group[x]].source == features[group[y]].source {
                if EventMatcher.titleSimilarity(features[group[x]], features[group[y]]) < 0.5 { return }
            }
        }
        for x in 0..<group.count {
            for y in (x + 1)..<group.count where !EventMatcher.conflict(features[group[x]], features[group[y]]) {
                sets.union(group[x], group[y])
            }
        }
    }

    /// The key of an id meant to be unique everywhere (URLs, `uid@host`, UUID-like) as a kind
    /// and a text, nil for short ids such as `42` that are only unique inside their source. A URL
    /// id is keyed by its match key, which an item's own URL shares.
    private static func globalID(_ id: String) -> (DayKey.Kind, String)? {
        if id.hasPrefix("http://") || id.hasPrefix("https://"), let key = CanonicalURL.matchKey(id) { return (.url, key) }
        let at = id.utf8.allSatisfy { $0 < 0x80 } ? id.utf8.contains(0x40) : id.contains("@")
        if at || id.count >= 20 || id.hasPrefix("urn:") || id.hasPrefix("tag:") { return (.globalID, id) }
        return nil
    }

    /// Unions the candidate pairs that ``EventMatcher`` matches. The days are shared out in
    /// ranges matched on every core (``ParallelMap``), each range giving its matching pairs,
    /// which are then unioned here in day order. The clusters are the connected groups of the
    /// matching pairs, so they do not depend on how the days are shared out; a range skips a
    /// pair its own earlier matches already joined, never one joined elsewhere.
    ///
    /// The days' events are found by sorting (day, item) pairs packed in integers, not with
    /// dictionaries of arrays: each day's events come out in item order, as the dictionaries'
    /// appends gave them, without an array per day.
    private static func unionCandidates(_ features: [MatchFeatures], _ sets: inout UnionFind, ranges wanted: Int?) {
        var starting: [Int64] = []  // firstDay << 32 | item
        var covering: [Int64] = []  // day << 32 | item, for every day of an event's range
        starting.reserveCapacity(features.count)
        covering.reserveCapacity(features.count)
        features.withUnsafeBufferPointer { features in
            for i in features.indices {
                let first = features[i].firstDay, last = features[i].lastDay
                starting.append(Int64(first) << 32 | Int64(i))
                for day in first...last { covering.append(Int64(day) << 32 | Int64(i)) }
            }
        }
        starting.sort()
        covering.sort()
        // Each start day: its probes (events starting on it) and its block (events covering it).
        var days: [Day] = []
        var probes: [Int32] = [], block: [Int32] = []
        probes.reserveCapacity(starting.count)
        var c = 0, p = 0
        while p < starting.count {
            let day = starting[p] >> 32
            let probeStart = probes.count
            while p < starting.count && starting[p] >> 32 == day {
                probes.append(Int32(truncatingIfNeeded: starting[p]))
                p += 1
            }
            while c < covering.count && covering[c] >> 32 < day { c += 1 }
            let blockStart = block.count
            while c < covering.count && covering[c] >> 32 == day {
                block.append(Int32(truncatingIfNeeded: covering[c]))
                c += 1
            }
            days.append(Day(probes: probeStart..<probes.count, block: blockStart..<block.count))
        }
        starting = []
        covering = []
        let blocks = DayBlocks(days: days, probes: probes, block: block), dayCount = days.count
        // More ranges than cores, handed out as threads free up: the crowded days (a festival
        // month) would otherwise load one thread.
        let ranges = max(1, min(dayCount, wanted ?? (dayCount < 64 || ParallelMap.width == 1 ? 1 : 4 * ParallelMap.width)))
        let pieces = ParallelMap.map(ranges, minimumPerThread: 1, threads: ranges) { r in
            matchingPairs(blocks, (dayCount * r / ranges)..<(dayCount * (r + 1) / ranges), features)
        }
        for pairs in pieces {
            for (i, j) in pairs { sets.union(Int(i), Int(j)) }
        }
    }

    /// A start day: its probes and its block, as ranges of ``DayBlocks/probes`` and ``DayBlocks/block``.
    struct Day {
        var probes: Range<Int>
        var block: Range<Int>
    }

    /// Every start day's probes and block, end to end.
    struct DayBlocks {
        var days: [Day]
        var probes: [Int32]
        var block: [Int32]
    }

    /// The matching pairs among these days' candidates, in the order they are found.
    private static func matchingPairs(_ blocks: DayBlocks, _ range: Range<Int>, _ features: [MatchFeatures]) -> [(Int32, Int32)] {
        var pairs: [(Int32, Int32)] = []
        // Union-find of this range's matches, by item (-1: a root).
        var joined = [Int32](repeating: -1, count: features.count)
        func root(_ x: Int) -> Int {
            var x = x
            while joined[x] >= 0 { x = Int(joined[x]) }
            return x
        }
        func consider(_ i: Int, _ j: Int) {
            let ri = root(i), rj = root(j)
            guard ri != rj else { return }
            if EventMatcher.matches(features[i], features[j]) {
                joined[max(ri, rj)] = Int32(min(ri, rj))
                pairs.append((Int32(i), Int32(j)))
            }
        }
        var hits = [Int32](repeating: 0, count: features.count)
        var touched: [Int] = [], candidates: [Int] = []
        for day in blocks.days[range] {
            let probes = blocks.probes[day.probes], block = blocks.block[day.block]
            if probes.count * block.count <= 4096 {
                for i in probes {
                    for j in block where i != j {
                        consider(Int(i), Int(j))
                    }
                }
                continue
            }
            // A crowded day: compare only events that share two title words (one for titles of
            // one or two words) or a URL; words in more than half the block do not count.
            var postings: [Int32: [Int]] = [:]
            var byURL: [String: [Int]] = [:]
            for j32 in block {
                let j = Int(j32)
                for t in features[j].tokens { postings[t, default: []].append(j) }
                if let u = features[j].urlKey { byURL[u, default: []].append(j) }
            }
            let common = max(16, block.count / 2)
            for i32 in probes {
                let i = Int(i32)
                // Shared words counted per event in `hits` (all zero between probes).
                touched.removeAll(keepingCapacity: true)
                for t in features[i].tokens {
                    guard let list = postings[t], list.count <= common else { continue }
                    for j in list {
                        if hits[j] == 0 { touched.append(j) }
                        hits[j] += 1
                    }
                }
                candidates.removeAll(keepingCapacity: true)
                for j in touched {
                    let n = hits[j]
                    hits[j] = 0
                    if n >= 2 || (n == 1 && min(features[i].tokens.count, features[j].tokens.count) <= 2) { candidates.append(j) }
                }
                for key in features[i].alternateKeys {
                    candidates += byURL[key] ?? []
                }
                if let key = features[i].urlKey { candidates += byURL[key] ?? [] }
                candidates.sort()
                for j in candidates where i != j { consider(i, j) }
            }
        }
        return pairs
    }
}

/// Disjoint sets with path halving and union by size.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return }
        if size[ra] < size[rb] || (size[ra] == size[rb] && rb < ra) { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
    }
}
