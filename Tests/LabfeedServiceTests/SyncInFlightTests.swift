// How many sources a sync holds at once: at most twice `concurrency` between their request and
// the end of their parse, and as many again waiting for the store to record them. A source
// whose outcome is being recorded no longer holds back the next request.

import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Testing

/// A memory store whose successes wait at a gate until it opens; counts how many wait at once.
final class GatedStore: ProgrammeStore, @unchecked Sendable {
    let inner = MemoryStore()
    private let lock = NSLock()
    private var open = false
    private var waiting = 0
    private var mostWaiting = 0
    private var entered = 0

    /// Lets every success waiting at the gate, and every later one, through.
    func openGate() { lock.withLock { open = true } }

    /// Successes that reached the gate so far; the most waiting there at once.
    var counts: (entered: Int, mostWaiting: Int) { lock.withLock { (entered, mostWaiting) } }

    func sourceState(_ sourceID: String) async throws -> SourceState? { await inner.sourceState(sourceID) }
    func allSourceStates() async throws -> [String: SourceState] { await inner.allSourceStates() }
    func recordAttempt(_ sourceID: String, at: Date) async throws { await inner.recordAttempt(sourceID, at: at) }
    func recordSuccess(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event], at: Date) async throws {
        _ = try await recordSuccessReturningItems(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
    }
    func recordSuccessReturningItems(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event],
                                     at: Date) async throws -> [SourcedEvent]? {
        lock.withLock {
            entered += 1
            waiting += 1
            mostWaiting = max(mostWaiting, waiting)
        }
        // At most 10 s at the gate: a test that never opens it fails instead of hanging.
        var waited = 0
        while !lock.withLock({ open }) && waited < 10_000 {
            try await Task.sleep(for: .milliseconds(1))
            waited += 1
        }
        lock.withLock { waiting -= 1 }
        return try await inner.recordSuccessReturningItems(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
    }
    func recordNotModified(_ sourceID: String, at: Date) async throws { await inner.recordNotModified(sourceID, at: at) }
    func recordFailure(_ sourceID: String, error: String, retryAfter: Date?, at: Date) async throws {
        await inner.recordFailure(sourceID, error: error, retryAfter: retryAfter, at: at)
    }
    func recordNotBefore(_ sourceID: String, until date: Date) async throws { try await inner.recordNotBefore(sourceID, until: date) }
    func recordPermanentRedirect(_ sourceID: String, to url: String?) async throws {
        await inner.recordPermanentRedirect(sourceID, to: url)
    }
    func eventsBySource() async throws -> [String: [SourcedEvent]] { await inner.eventsBySource() }
    func eventsBySource(excluding excluded: Set<String>) async throws -> [String: [SourcedEvent]] {
        try await inner.eventsBySource(excluding: excluded)
    }
    func forgetSource(_ sourceID: String) async throws { await inner.forgetSource(sourceID) }
    func savedProgramme() async throws -> SavedProgramme { await inner.savedProgramme() }
    func saveProgramme(_ programme: SavedProgramme) async throws { await inner.saveProgramme(programme) }
    func programmeStamp() async throws -> ProgrammeStamp? { try await inner.programmeStamp() }
    func saveProgrammeStamp(_ stamp: ProgrammeStamp) async throws { try await inner.saveProgrammeStamp(stamp) }
}

struct SyncInFlightTests {
    let now = Date(timeIntervalSince1970: 1_667_548_800)  // 2022-11-04T08:00:00Z
    let output = TemporaryDirectory()
    static let sources = 8

    func config() -> LabfeedConfig {
        var settings = Settings()
        settings.output = output.path
        settings.keepPast = .forever
        settings.concurrency = 1  // two sources fetched and parsed at a time, two recorded
        return LabfeedConfig(settings: settings, sources: (0..<Self.sources).map {
            SourceConfig(id: "s\($0)", url: .web(URL(string: "https://s\($0).example/feed")!))
        })
    }

    func fetcher() -> StubFetcher {
        StubFetcher(Dictionary(uniqueKeysWithValues: (0..<Self.sources).map {
            ("https://s\($0).example/feed", StubFetcher.Answer.body("Atelier \($0)|2022-11-\(10 + $0)"))
        }))
    }

    @Test func requestsGoOutWhileTheStoreRecordsAndBothAreBounded() async throws {
        let store = GatedStore()
        let fetcher = fetcher()
        let pipeline = SyncPipeline(config: config(), store: store, fetcher: fetcher, parse: stubParse)
        let run = Task { try await pipeline.run(.all, now: now) }

        // Two sources wait for the store and two more are parsed behind them: four requests,
        // where holding a source's place until it was recorded stopped at two.
        var waited = 0
        while (fetcher.requests.count < 4 || store.counts.entered < 2) && waited < 5_000 {
            try await Task.sleep(for: .milliseconds(1))
            waited += 1
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(fetcher.requests.count == 4)
        #expect(store.counts.entered == 2)

        store.openGate()
        let report = try await run.value
        #expect(report.fetched.count == Self.sources)
        #expect(store.counts.mostWaiting == 2)
        #expect(fetcher.requests.count == Self.sources)

        // The same programme as a sync whose store never waits.
        let plain = MemoryStore()
        let other = TemporaryDirectory()
        var settings = config()
        settings.settings.output = other.path
        _ = try await SyncPipeline(config: settings, store: plain, fetcher: self.fetcher(), parse: stubParse).run(.all, now: now)
        let expected = await plain.savedProgramme().events.map(\.event)
        #expect(await store.inner.savedProgramme().events.map(\.event) == expected)
        #expect(expected.count == Self.sources)
    }
}
