// The previous programme read light (PreviousProgramme): the same programme as from the whole
// one, with only the events the build needs read whole.

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Synchronization
import Testing
@testable import LabfeedProgramme

struct PreviousProgrammeTests {
    typealias S = Samples
    let builder = ProgrammeBuilder(zone: Samples.paris)
    let t1 = Samples.instant("2022-11-10T08:00:00Z")
    let t2 = Samples.instant("2022-11-16T08:00:00Z")

    final class Log: Sendable {
        let ids = Mutex<[String]>([])
    }

    /// `previous` with every id it loads logged.
    func logging(_ previous: PreviousProgramme, into log: Log) -> PreviousProgramme {
        let load = previous.load
        return PreviousProgramme(entries: previous.entries, updatedAt: previous.updatedAt) { ids in
            log.ids.withLock { $0 += ids }
            return try load(ids)
        }
    }

    @Test func theLightProgrammeBuildsWhatTheWholeOneDoesAndReadsOnlyWhatItNeeds() async throws {
        let tmp = TemporaryDirectory()
        let store = try SQLiteStore(path: "\(tmp.path)/state.sqlite")
        // A past event its site will prune, one whose guid and title will change, and others
        // that stay as they are.
        let past = S.event("Atelier passé", start: S.at("2022-11-12", 9), locality: "Pau", foundBy: .rss, sourceID: "passe")
        let renamed = S.event("Atelier design", start: S.at("2022-11-25", 9), locality: "Pau", foundBy: .rss, sourceID: "atelier-design")
        let stays = (0..<5).map { S.event("Rencontre \($0)", start: S.at("2022-11-2\($0)", 14), locality: "Limoges", foundBy: .rss, sourceID: "r\($0)") }
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [past, renamed] + stays, at: t1)
        let first = try await builder.rebuild(store: store, now: t1)
        #expect(first.events.count == 7)

        var edited = renamed
        edited.title = "Atelier design de services"
        edited.sourceID = "atelier-design-de-services"
        try await store.recordSuccess("lab", validators: Validators(), bodyHash: nil, events: [edited] + stays, at: t2)
        let whole = try await store.savedProgramme()
        let log = Log()
        let light = logging(try await store.previousProgramme(), into: log)
        #expect(light.entries == whole.events.map(PreviousProgramme.Entry.init))
        let fromLight = try builder.build(events: try await store.eventsBySource(), states: try await store.allSourceStates(),
                                          previous: light, now: t2)
        let fromWhole = builder.build(events: try await store.eventsBySource(), states: try await store.allSourceStates(),
                                      previous: whole, now: t2)
        #expect(fromLight == fromWhole)
        // The past event kept, the renamed one's id carried over by likeness.
        let id = { (title: String) in first.events.first { $0.event.title == title }?.id }
        #expect(fromLight.events.first { $0.event.title == "Atelier passé" }?.past == true)
        #expect(fromLight.events.first { $0.event.title == edited.title }?.id == id("Atelier design"))
        // Read whole: the unclaimed event of the renamed one's day, and the past one kept.
        #expect(Set(log.ids.withLock { $0 }) == [id("Atelier design")!, id("Atelier passé")!])
    }

    @Test func aProgrammeHeldWholeLoadsTheIdsAskedInAnyOrder() throws {
        let saved = SavedProgramme(events: S.programme().events, updatedAt: t1)
        let previous = PreviousProgramme(saved)
        #expect(previous.entries.map(\.id) == saved.events.map(\.id))
        let asked = [saved.events[2].id, saved.events[0].id, "ev-unknown"]
        #expect(Set(try previous.load(asked).map(\.id)) == [saved.events[0].id, saved.events[2].id])
        #expect(try previous.events([]).isEmpty)
    }
}
