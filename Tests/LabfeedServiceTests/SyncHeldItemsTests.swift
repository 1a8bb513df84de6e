// A sync builds from the items it recorded instead of reading them back: the fetched sources are
// not read from the store, the others are, the programme is the one the store gives, and a
// source another writer recorded since is read from the store.

import Foundation
import LabfeedCore
import LabfeedFetch
import LabfeedProgramme
import LabfeedService
import LabfeedTestSupport
import Testing

/// A SQLite store that logs which sources the build asked not to read, and can play another
/// worker recording a source right after this sync did.
final class ReadLoggingStore: ProgrammeStore, @unchecked Sendable {
    let inner: SQLiteStore
    private let lock = NSLock()
    private var excludedLog: [Set<String>] = []
    private var fullReads = 0
    /// Sources another writer records again (one event, "Autre") right after this sync does.
    let overtaken: Set<String>

    init(path: String, overtaken: Set<String> = []) throws {
        inner = try SQLiteStore(path: path)
        self.overtaken = overtaken
    }

    /// What each `eventsBySource(excluding:)` excluded, and how many full reads were made.
    var reads: (excluded: [Set<String>], full: Int) { lock.withLock { (excludedLog, fullReads) } }

    func sourceState(_ sourceID: String) async throws -> SourceState? { try await inner.sourceState(sourceID) }
    func allSourceStates() async throws -> [String: SourceState] { try await inner.allSourceStates() }
    func recordAttempt(_ sourceID: String, at: Date) async throws { try await inner.recordAttempt(sourceID, at: at) }
    func recordSuccess(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event], at: Date) async throws {
        try await inner.recordSuccess(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
    }
    func recordSuccessReturningItems(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event],
                                     at: Date) async throws -> [SourcedEvent]? {
        let items = try await inner.recordSuccessReturningItems(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
        if overtaken.contains(sourceID) {
            let later = at.addingTimeInterval(5)
            try await inner.recordAttempt(sourceID, at: later)
            try await inner.recordSuccess(sourceID, validators: Validators(), bodyHash: nil,
                                          events: [Event(title: "Autre", start: .day(CivilDate(iso: "2022-11-20")!), foundBy: .rss)],
                                          at: later)
        }
        return items
    }
    func recordNotModified(_ sourceID: String, at: Date) async throws { try await inner.recordNotModified(sourceID, at: at) }
    func recordFailure(_ sourceID: String, error: String, retryAfter: Date?, at: Date) async throws {
        try await inner.recordFailure(sourceID, error: error, retryAfter: retryAfter, at: at)
    }
    func recordNotBefore(_ sourceID: String, until date: Date) async throws { try await inner.recordNotBefore(sourceID, until: date) }
    func recordPermanentRedirect(_ sourceID: String, to url: String?) async throws {
        try await inner.recordPermanentRedirect(sourceID, to: url)
    }
    func eventsBySource() async throws -> [String: [SourcedEvent]] {
        lock.withLock { fullReads += 1 }
        return try await inner.eventsBySource()
    }
    func eventsBySource(excluding excluded: Set<String>) async throws -> [String: [SourcedEvent]] {
        lock.withLock { excludedLog.append(excluded) }
        return try await inner.eventsBySource(excluding: excluded)
    }
    func forgetSource(_ sourceID: String) async throws { try await inner.forgetSource(sourceID) }
    func savedProgramme() async throws -> SavedProgramme { try await inner.savedProgramme() }
    func saveProgramme(_ programme: SavedProgramme) async throws { try await inner.saveProgramme(programme) }
    func programmeStamp() async throws -> ProgrammeStamp? { try await inner.programmeStamp() }
    func saveProgrammeStamp(_ stamp: ProgrammeStamp) async throws { try await inner.saveProgrammeStamp(stamp) }
    func releaseMemory() async { await inner.releaseMemory() }
}

struct SyncHeldItemsTests {
    let now = Date(timeIntervalSince1970: 1_667_548_800)  // 2022-11-04T08:00:00Z
    let output = TemporaryDirectory()
    let state = TemporaryDirectory()

    func config(_ ids: [String]) -> LabfeedConfig {
        var settings = Settings()
        settings.output = output.path
        settings.keepPast = .forever
        return LabfeedConfig(settings: settings, sources: ids.map { SourceConfig(id: $0, url: .web(URL(string: "https://\($0).example/feed")!)) })
    }

    @Test func theFetchedSourcesAreNotReadBackAndTheProgrammeIsTheStoresOne() async throws {
        let store = try ReadLoggingStore(path: "\(state.path)/state.sqlite")
        let fetcher = StubFetcher([
            "https://a.example/feed": .body("Atelier A|2022-11-08\nAtelier B|2022-11-09", etag: "\"a1\""),
            "https://b.example/feed": .body("Journée C|2022-11-10", etag: "\"b1\""),
            "https://c.example/feed": .body("Forum D|2022-11-11\nAtelier A|2022-11-08"),
            "https://d.example/feed": .body("nothing here"),
        ])
        let pipeline = SyncPipeline(config: config(["a", "b", "c", "d"]), store: store, fetcher: fetcher, parse: stubParse)
        let first = try await pipeline.run(.all, now: now)
        #expect(first.fetched.count == 4)
        // Cold: every source was fetched, none read back (d has no events).
        #expect(store.reads.excluded == [["a", "b", "c", "d"]] && store.reads.full == 0)

        // a answers 304, b fails, c changes, d sends the same body: only c is held.
        fetcher.set("https://a.example/feed", .notModified)
        fetcher.set("https://b.example/feed", .failure(.connect, "connection refused"))
        fetcher.set("https://c.example/feed", .body("Forum D|2022-11-11\nForum E|2022-11-12"))
        let second = try await pipeline.run(.all, now: now.addingTimeInterval(3600))
        #expect(second.fetched.map(\.id) == ["c"] && second.eventsTotal == 5)
        #expect(store.reads.excluded.last == ["c"])

        // The programme saved is the one a build reading every source from the store makes.
        let saved = try await store.savedProgramme()
        #expect(saved.events.map(\.event.title).sorted() == ["Atelier A", "Atelier B", "Forum D", "Forum E", "Journée C"])
        let (rebuilt, _) = try await pipeline.rebuildAndWrite(now: now.addingTimeInterval(3600))
        #expect(store.reads.full == 1)
        #expect(rebuilt.events == saved.events)
    }

    @Test func aSourceAnotherWriterRecordedSinceIsReadFromTheStore() async throws {
        let store = try ReadLoggingStore(path: "\(state.path)/state.sqlite", overtaken: ["b"])
        let fetcher = StubFetcher([
            "https://a.example/feed": .body("Atelier A|2022-11-08"),
            "https://b.example/feed": .body("Journée C|2022-11-10"),
        ])
        let pipeline = SyncPipeline(config: config(["a", "b"]), store: store, fetcher: fetcher, parse: stubParse)
        _ = try await pipeline.run(.all, now: now)
        #expect(store.reads.excluded == [["a"]])
        // b's events are those the other writer recorded after this sync, not this sync's.
        let titles = try await store.savedProgramme().events.map(\.event.title).sorted()
        #expect(titles == ["Atelier A", "Autre"])
    }

    @Test func theLastAttemptTellsWhetherRecordedItemsStillHold() {
        let at = now.addingTimeInterval(0.4)
        var state = SourceState(sourceID: "a")
        #expect(!StoreTransitions.stillHolds(nil, recordedAt: at))
        state = StoreTransitions.attempt(state, at: at)
        #expect(!StoreTransitions.stillHolds(state, recordedAt: at))  // attempted, not recorded
        state = StoreTransitions.success(state, validators: Validators(), bodyHash: nil, changed: true, at: at)
        #expect(StoreTransitions.stillHolds(state, recordedAt: at))
        #expect(StoreTransitions.stillHolds(StoreTransitions.notBefore(state, until: at.addingTimeInterval(600)), recordedAt: at))
        #expect(!StoreTransitions.stillHolds(StoreTransitions.attempt(state, at: at.addingTimeInterval(2)), recordedAt: at))
        #expect(!StoreTransitions.stillHolds(state, recordedAt: at.addingTimeInterval(-60)))
    }
}
