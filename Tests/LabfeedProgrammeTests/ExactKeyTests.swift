// Deduplication's exact keys (grouped by sorting their hashes, not in a dictionary of strings)
// and the builder's calls between its stages.

import Foundation
import LabfeedCore
import Synchronization
import Testing
@testable import LabfeedProgramme

/// Counts calls from a `@Sendable` closure.
private final class Calls: Sendable {
    let count = Mutex(0)
}

struct ExactKeyTests {
    typealias S = Samples

    // Titles that share no word: only an exact key can join them.
    private func pair(_ a: (source: String, id: String?, url: String?), _ b: (source: String, id: String?, url: String?)) -> Int {
        let x = S.event("Atelier cartographie des usagers", start: S.at("2022-11-15", 9), url: a.url, sourceID: a.id)
        let y = S.event("Rencontre numérique territoriale", start: S.at("2022-11-15", 9), url: b.url, sourceID: b.id)
        return Deduplicator.cluster([S.sourced(a.source, x), S.sourced(b.source, y)]).count
    }

    @Test func aGlobalIDJoinsItemsOfTwoSources() {
        #expect(pair(("a", "20221115-x@lab.example", nil), ("b", "20221115-x@lab.example", nil)) == 1)
        #expect(pair(("a", "20221115-x@lab.example", nil), ("b", "20221115-y@lab.example", nil)) == 2)
    }

    @Test func aShortIDJoinsOnlyInsideItsSource() {
        #expect(pair(("a", "42", nil), ("b", "42", nil)) == 2)
        // Inside one source a repeated short id with unlike titles is ignored as incoherent.
        #expect(pair(("a", "42", nil), ("a", "42", nil)) == 2)
    }

    @Test func aURLIDMeetsTheSameURLGivenAsALink() {
        #expect(pair(("a", "https://lab.example/agenda/x?utm_source=feed", nil), ("b", nil, "https://lab.example/agenda/x")) == 1)
        #expect(pair(("a", nil, "https://lab.example/agenda/x"), ("b", nil, "https://lab.example/agenda/x")) == 1)
        #expect(pair(("a", nil, "https://lab.example/agenda/x"), ("b", nil, "https://lab.example/agenda/y")) == 2)
    }

    @Test func manyItemsSharingKeysFormTheirGroups() {
        // 300 items: 100 keys held by three sources each, titles all unlike.
        var items: [SourcedEvent] = []
        for k in 0..<100 {
            for source in ["a", "b", "c"] {
                let title = "Evenement \(source) \(k) " + String(repeating: "x", count: k % 7 + 1)
                items.append(S.sourced(source, S.event(title, start: S.at("2022-11-15", 9), sourceID: "key-\(k)@lab.example")))
            }
        }
        let clusters = Deduplicator.cluster(items)
        #expect(clusters.count == 100)
        #expect(clusters.allSatisfy { Set($0.map(\.event.sourceID)).count == 1 && $0.count == 3 })
    }

    @Test func theBuilderCallsBetweenItsStagesAndBuildsTheSameProgramme() {
        let events = ["s1": [S.sourced("s1", S.event("Atelier design", start: S.at("2022-11-15", 9), place: "Lab", locality: "Limoges"))],
                      "s2": [S.sourced("s2", S.event("Atelier design", start: S.at("2022-11-15", 9), place: "Lab", locality: "Limoges"))]]
        let now = S.instant("2022-11-01T08:00:00Z")
        let calls = Calls()
        var builder = ProgrammeBuilder(zone: S.paris)
        let plain = builder.build(events: events, states: [:], previous: SavedProgramme(), now: now)
        builder.betweenStages = { calls.count.withLock { $0 += 1 } }
        let staged = builder.build(events: events, states: [:], previous: SavedProgramme(), now: now)
        // Once: after dropping the members (a trim after each stage cost more than it saved).
        #expect(calls.count.withLock { $0 } == 1)
        #expect(staged == plain)
        #expect(staged.events.count == 1)
    }
}
