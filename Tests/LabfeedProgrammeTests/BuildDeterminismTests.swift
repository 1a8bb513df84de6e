// The build on one thread and on several gives the same programme: same clusters, same ids, same
// order (ParallelMap.threadLimit), and the new ids' shortcut gives what the one-by-one path gives.

import Foundation
import LabfeedCore
import LabfeedHash
import Testing
@testable import LabfeedProgramme

struct BuildDeterminismTests {
    typealias S = Samples
    let builder = ProgrammeBuilder(zone: Samples.paris)
    let t1 = Samples.instant("2031-01-01T08:00:00Z")
    let t2 = Samples.instant("2031-01-02T08:00:00Z")

    /// 60 sources over 90 days: events announced by two or three sources (other titles, URLs
    /// with tracking, all-day against timed), shared guids and links, ranges, crowded days
    /// (beyond the all-pairs limit) and a few events already over.
    func sources() -> [String: [SourcedEvent]] {
        var bySource: [String: [SourcedEvent]] = [:]
        let kinds = ["Atelier", "Conférence", "Table ronde", "Webinaire", "Fresque"]
        let topics = ["design", "données", "achats", "agents", "climat", "usagers"]
        for n in 0..<1_500 {
            let (g, v) = (n / 3, n % 3)  // event g, announced three times
            let day = CivilDate(iso: "2031-01-01")!.adding(days: g % 90)
            let title = "\(kinds[g % 5]) \(topics[g / 5 % 6]) n°\(g)"
            let start: EventTime = v == 2 ? .day(day) : S.at(day.iso, 9 + g % 4, g % 2 * 30)
            let end: EventTime? = v == 0 && g % 13 == 0 ? .day(day.adding(days: 2)) : nil
            let url: String? = v == 2 ? nil : "https://lab\(g % 40).example/agenda/\(g)" + (v == 1 ? "?utm_source=relay" : "")
            let source = "s\((g * 7 + v * 13) % 60)"
            let event = S.event(v == 1 ? "[Agenda] " + title.uppercased() : title, start: start, end: end,
                                place: "Lab \(g % 40)", locality: "Ville\(g % 25)", url: url,
                                organizer: v == 0 ? "Lab \(g % 40)" : nil, foundBy: [.jsonLD, .rss, .ics, .prose][n % 4],
                                sourceID: v == 0 || g % 4 == 0 ? "uid-\(g)@lab.example" : "\(n)")
            bySource[source, default: []].append(S.sourced(source, event, seen: n % 2 == 0 ? t1 : t2))
        }
        for k in 0..<200 {  // crowded days
            let day = CivilDate(iso: "2031-01-01")!.adding(days: 10 + k % 3 * 20)
            let source = "c\(k % 6)"
            bySource[source, default: []].append(S.sourced(source, S.event("Rencontre \(k / 2) thème \(k / 4)", start: .day(day),
                                                                             locality: "Lieu\(k / 2)"), seen: t1))
        }
        return bySource
    }

    func build(threads: Int, _ bySource: [String: [SourcedEvent]], previous: SavedProgramme = SavedProgramme(), now: Date) -> Programme {
        ParallelMap.$threadLimit.withValue(threads) {
            builder.build(events: bySource, states: [:], previous: previous, now: now)
        }
    }

    @Test func theProgrammeIsTheSameOnOneThreadAndOnSeveral() {
        let bySource = sources()
        let now = Samples.instant("2031-02-01T12:00:00Z")
        let one = build(threads: 1, bySource, now: now)
        #expect(one.events.count > 400 && one.events.count < 1_000)  // duplicates were merged
        #expect(one.events.contains { $0.sources.count >= 3 })
        #expect(one.events.contains { $0.past })
        #expect(Set(one.events.map(\.id)).count == one.events.count)
        for threads in [2, 3, 8] {
            let many = build(threads: threads, bySource, now: now)
            let equal = many == one, sameIDs = many.events.map(\.id) == one.events.map(\.id)
            #expect(equal, "\(threads) threads")
            #expect(sameIDs, "\(threads) threads")
        }
        // A rebuild from the programme (identity carried over, shapes compared) agrees too.
        let saved = SavedProgramme(events: one.events, updatedAt: one.updatedAt)
        let later = Samples.instant("2031-02-01T13:00:00Z")
        let again = build(threads: 1, bySource, previous: saved, now: later)
        let same = again.events.map(\.id) == one.events.map(\.id)
        #expect(same)
        #expect(again.updatedAt == one.updatedAt)  // nothing changed
        for threads in [2, 5] {
            let equal = build(threads: threads, bySource, previous: saved, now: later) == again
            #expect(equal, "\(threads) threads")
        }
    }

    @Test func theBuildersOrderIsTheProgrammeOrder() {
        let programme = build(threads: 2, sources(), now: Samples.instant("2031-02-01T12:00:00Z"))
        let inOrder = programme.events == programme.events.sorted(by: ProgrammeOrder.precedes)
        #expect(inOrder)
        #expect(programme.events.count > 400)
    }

    @Test func clustersAreTheSameOnOneThreadAndOnSeveral() {
        let items = sources().sorted { $0.key < $1.key }.flatMap(\.value)
        let one = ParallelMap.$threadLimit.withValue(1) { Deduplicator.clusterIndices(items) }
        #expect(one.count < items.count - 300)
        for threads in [2, 4, 7] {
            let equal = ParallelMap.$threadLimit.withValue(threads) { Deduplicator.clusterIndices(items) } == one
            #expect(equal, "\(threads) threads")
        }
    }

    /// Two clusters with one anchor (one source gave two unlike items one key): the first in
    /// anchor order keeps the anchor's hash, the other takes `#2`, on any number of threads.
    @Test func twoClustersOfOneAnchorGetTwoIDs() {
        var a = S.sourced("lab", S.event("Atelier design", start: S.allDay("2031-03-03"), locality: "Pau"), seen: t1)
        var b = S.sourced("lab", S.event("Conférence climat", start: S.allDay("2031-03-04"), locality: "Pau"), seen: t1)
        a.key = "same"
        b.key = "same"
        let now = Samples.instant("2031-02-01T12:00:00Z")
        let expected = Set(["ev-" + SHA256.hex("lab\nsame").prefix(16), "ev-" + SHA256.hex("lab\nsame#2").prefix(16)])
        for threads in [1, 2] {
            let programme = build(threads: threads, ["lab": [a, b]], now: now)
            #expect(Set(programme.events.map(\.id)) == expected, "\(threads) threads")
        }
    }

    /// A new event whose anchor hashes to the id of a vanished event takes the next id: ids of
    /// vanished events are never reused.
    @Test func aNewEventNeverTakesAVanishedEventsID() {
        let item = S.sourced("lab", S.event("Atelier design", start: S.allDay("2031-03-03"), locality: "Pau"), seen: t1)
        let taken = "ev-" + SHA256.hex("lab\n" + item.key).prefix(16)
        let vanished = ProgrammeEvent(id: taken, event: S.event("Autre chose", start: S.allDay("2031-03-20"), locality: "Lyon"),
                                      sources: [EventSourceRef(source: "other", url: nil, foundBy: .rss, itemID: nil, key: "k",
                                                               firstSeen: t1, lastSeen: t1)],
                                      firstSeen: t1, lastSeen: t1, updated: t1, past: false, contentHash: "x")
        let now = Samples.instant("2031-02-01T12:00:00Z")
        let programme = build(threads: 2, ["lab": [item]], previous: SavedProgramme(events: [vanished], updatedAt: t1), now: now)
        #expect(programme.events.map(\.id) == ["ev-" + SHA256.hex("lab\n" + item.key + "#2").prefix(16)])
    }

    /// The words numbered run by run on several threads get the numbers one interner gives them
    /// item by item: the features are those of the single-threaded path.
    @Test func featuresMadeOnSeveralThreadsAreThoseOfOneInterner() {
        let items = sources().sorted { $0.key < $1.key }.flatMap(\.value)
        let interner = TokenInterner()
        let reference = items.map { MatchFeatures(event: $0.event, source: $0.source, interner: interner) }
        for threads in [1, 2, 3] {
            let (features, _, _) = ParallelMap.$threadLimit.withValue(threads) { Deduplicator.features(of: items) }
            #expect(features.count == reference.count)
            let differing = zip(features, reference).filter { f, g in
                !(f.tokens.elementsEqual(g.tokens) && f.names.elementsEqual(g.names) && f.numbers.elementsEqual(g.numbers)
                  && f.placeTokens.elementsEqual(g.placeTokens) && f.organizerTokens.elementsEqual(g.organizerTokens)
                  && f.contextTokens.elementsEqual(g.contextTokens) && f.trigrams == g.trigrams && f.folded == g.folded)
            }.count
            #expect(differing == 0, "\(threads) threads")
        }
    }

    @Test func runsNumberedAloneThenInOrderGetTheInternersNumbers() {
        var random = SystemRandomNumberGenerator()
        let vocabulary = (0..<300).map { "mot\($0)" } + Array(TextFolding.stopWords.prefix(20))
        for _ in 0..<50 {
            let words = (0..<Int.random(in: 0..<2_000, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }
            let one = TokenInterner()
            let expected = words.map(one.id)
            // Cut into runs of random lengths, each numbered alone, then replayed.
            var cuts = (0..<Int.random(in: 0..<6, using: &random)).map { _ in Int.random(in: 0...words.count, using: &random) }
            cuts = ([0] + cuts.sorted() + [words.count])
            let runs = zip(cuts, cuts.dropFirst()).map { a, b in
                var numbering = LocalNumbering()
                for w in words[a..<b] { _ = numbering.number(w) }
                return numbering
            }
            let interner = TokenInterner()
            var got: [Int32] = []
            for run in runs {
                let global = run.words.map(interner.id)
                got += run.numbers.map { $0 >= 0 ? global[Int($0)] : $0 }
            }
            #expect(got == expected)
        }
    }
}
