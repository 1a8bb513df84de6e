// The seam between the programme and where its state lives (SQLite today, PostgreSQL next).

public import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import LabfeedCore

/// Where labfeed keeps its state between syncs: per source its fetch state and the events of
/// its last good fetch, and the merged programme.
///
/// Contract every implementation keeps (``SQLiteStore``, ``MemoryStore``; a PostgreSQL store for
/// several workers is planned):
/// - `recordSuccess` replaces the source's events with the new ones, keeping `firstSeen` of
///   items whose key (``ItemKey``) it already had; a failure never touches a source's events.
/// - Times are stored in whole seconds.
/// - Each call is atomic (one transaction).
public protocol ProgrammeStore: Sendable {
    /// The state of one source, nil when it was never recorded.
    func sourceState(_ sourceID: String) async throws -> SourceState?
    /// Every source's state, by source id.
    func allSourceStates() async throws -> [String: SourceState]
    /// A fetch is starting (sets `lastAttempt`).
    func recordAttempt(_ sourceID: String, at: Date) async throws
    /// A good fetch: new validators and body hash, and the source's full list of events.
    func recordSuccess(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event], at: Date) async throws
    /// A 304 (or an unchanged body): the source answered and its events stand.
    func recordNotModified(_ sourceID: String, at: Date) async throws
    /// A failed fetch. `retryAfter`: do not try again before then (from `Retry-After`).
    func recordFailure(_ sourceID: String, error: String, retryAfter: Date?, at: Date) async throws
    /// The server asked not to be fetched again before `date` (`Retry-After` or `max-age` on a
    /// good answer): kept in `retryAfterUntil` until the next success or failure replaces it.
    /// Stores that cannot keep it inherit a default that drops it (the interval then applies).
    func recordNotBefore(_ sourceID: String, until date: Date) async throws
    /// A permanent redirect (301, 308) seen; nil clears it.
    func recordPermanentRedirect(_ sourceID: String, to url: String?) async throws
    /// ``recordSuccess(_:validators:bodyHash:events:at:)``, returning the source's items exactly
    /// as ``eventsBySource()`` would now read them back (keys, whole-second times, events), so
    /// that a sync builds from the events it holds instead of reading them back; nil when the
    /// store cannot promise that (the caller then reads them from the store).
    func recordSuccessReturningItems(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event],
                                     at: Date) async throws -> [SourcedEvent]?
    /// Every source's events from its last good fetch.
    func eventsBySource() async throws -> [String: [SourcedEvent]]
    /// ``eventsBySource()`` without the sources in `excluded` (whose events the caller holds).
    func eventsBySource(excluding excluded: Set<String>) async throws -> [String: [SourcedEvent]]
    /// Forgets a source (removed from the configuration): its state and its events.
    func forgetSource(_ sourceID: String) async throws
    /// The merged programme as last saved (empty before the first save).
    func savedProgramme() async throws -> SavedProgramme
    /// ``savedProgramme()`` as a build reads it (``PreviousProgramme``): a store that can read
    /// a few events by id later keeps only what the build needs of the others.
    func previousProgramme() async throws -> PreviousProgramme
    /// Replaces the merged programme (and clears the ``ProgrammeStamp``). The SQL stores write
    /// only the rows that differ from those they hold.
    func saveProgramme(_ programme: SavedProgramme) async throws
    /// The stamp of the last programme written, nil when none was saved or it was cleared since.
    ///
    /// A store that keeps stamps clears it in the same transaction as `recordSuccess`,
    /// `forgetSource` and `saveProgramme`, so a stamp found means no source's events changed
    /// since the programme it describes was written.
    func programmeStamp() async throws -> ProgrammeStamp?
    /// Keeps the stamp of the programme just written.
    func saveProgrammeStamp(_ stamp: ProgrammeStamp) async throws
    /// Frees what the store only keeps to go faster (SQLite's page caches): a sync calls it
    /// between its phases, so that the pages read for the build do not sit under its peak.
    func releaseMemory() async
    /// Starts copying what the store's write-ahead log holds into its main file in the
    /// background (SQLite's passive checkpoint), so that the copy runs while the caller
    /// computes (a sync's build) instead of after its next commit. Returns at once; the store's
    /// next write waits for it. A no-op for the other stores.
    func checkpointInBackground() async
}

extension ProgrammeStore {
    /// Drops the hint: a store without it fetches on the interval, which is never too early.
    public func recordNotBefore(_ sourceID: String, until date: Date) async throws {}

    /// A store without stamps never has one: every sync rebuilds and renders, which is always
    /// correct.
    public func programmeStamp() async throws -> ProgrammeStamp? { nil }

    /// Drops the stamp (see ``programmeStamp()``).
    public func saveProgrammeStamp(_ stamp: ProgrammeStamp) async throws {}

    /// The programme read whole.
    public func previousProgramme() async throws -> PreviousProgramme {
        PreviousProgramme(try await savedProgramme())
    }

    /// A store without caches has nothing to free.
    public func releaseMemory() async {}

    /// A store without a write-ahead log has nothing to copy.
    public func checkpointInBackground() async {}

    /// Records, and promises nothing: the caller reads the items back.
    public func recordSuccessReturningItems(_ sourceID: String, validators: Validators, bodyHash: String?, events: [Event],
                                            at: Date) async throws -> [SourcedEvent]? {
        try await recordSuccess(sourceID, validators: validators, bodyHash: bodyHash, events: events, at: at)
        return nil
    }

    /// Reads every source and drops the excluded ones.
    public func eventsBySource(excluding excluded: Set<String>) async throws -> [String: [SourcedEvent]] {
        try await eventsBySource().filter { !excluded.contains($0.key) }
    }
}

/// The state transitions every store applies, so they behave alike.
public enum StoreTransitions {
    /// Whether a store that keeps item keys as text can promise to read `items` back as they
    /// are: not when a key holds a NUL (SQLite's text is read up to it, PostgreSQL refuses it).
    public static func readsBackAsIs(_ items: [SourcedEvent]) -> Bool {
        // `memchr` over the key's bytes: `utf8.contains(0)` took 1,300 instructions a key, 12 M
        // for a cold sync's 8,799 items, on the store's writer.
        !items.contains { item in
            var key = item.key
            return key.withUTF8 { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else { return false }
                return memchr(start, 0, bytes.count) != nil
            }
        }
    }

    /// The source's new items: keys made unique, `firstSeen` kept for known keys; and whether
    /// anything differs from before.
    public static func replace(_ old: [SourcedEvent], with events: [Event], source: String, at rawTime: Date) -> (items: [SourcedEvent], changed: Bool) {
        replace(old, with: events, keys: ItemKey.unique(events), source: source, at: rawTime)
    }

    /// ``replace(_:with:source:at:)`` with the events' keys already made (`ItemKey.unique(events)`,
    /// which depends on the events alone: a store makes them before its transaction).
    public static func replace(_ old: [SourcedEvent], with events: [Event], keys: [String], source: String,
                               at rawTime: Date) -> (items: [SourcedEvent], changed: Bool) {
        replace(old, with: fresh(events, keys: keys, source: source, at: rawTime))
    }

    /// The items `events` become for a source that had none before: `keys` made by
    /// `ItemKey.unique(events)`, first and last seen at `at` (whole seconds). Depends on the
    /// events alone, so a store makes them before its transaction.
    public static func fresh(_ events: [Event], keys: [String], source: String, at rawTime: Date) -> [SourcedEvent] {
        precondition(keys.count == events.count, "one key per event")
        let at = wholeSeconds(rawTime)
        return zip(events, keys).map { event, key in
            SourcedEvent(source: source, key: key, event: event, firstSeen: at, lastSeen: at)
        }
    }

    /// The source's new items from its ``fresh(_:keys:source:at:)`` ones: `firstSeen` kept for
    /// known keys; and whether anything differs from before. A source without stored items
    /// (every source in a cold sync) needs no dictionaries: its items are the fresh ones,
    /// changed when there are any.
    public static func replace(_ old: [SourcedEvent], with fresh: [SourcedEvent]) -> (items: [SourcedEvent], changed: Bool) {
        if old.isEmpty { return (fresh, !fresh.isEmpty) }
        let known = Dictionary(old.map { ($0.key, $0.firstSeen) }, uniquingKeysWith: { a, _ in a })
        var items = fresh
        for i in items.indices {
            if let first = known[items[i].key] { items[i].firstSeen = first }
        }
        let before = Dictionary(old.map { ($0.key, $0.event) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(items.map { ($0.key, $0.event) }, uniquingKeysWith: { a, _ in a })
        return (items, before != after)
    }

    /// Whether the items a sync recorded for a source at `at` are still its stored ones: its
    /// state shows that success as its last attempt. Another writer of the store (a worker
    /// whose lease ran out) recording the source since moves the last attempt on.
    public static func stillHolds(_ state: SourceState?, recordedAt at: Date) -> Bool {
        let at = wholeSeconds(at)
        return state?.lastAttempt == at && state?.lastSuccess == at
    }

    public static func attempt(_ state: SourceState, at: Date) -> SourceState {
        var s = state
        s.lastAttempt = wholeSeconds(at)
        return s
    }

    public static func success(_ state: SourceState, validators: Validators, bodyHash: String?, changed: Bool, at rawTime: Date) -> SourceState {
        let at = wholeSeconds(rawTime)
        var s = state
        s.validators = validators
        s.bodyHash = bodyHash
        s.lastAttempt = max(s.lastAttempt ?? at, at)
        s.lastSuccess = at
        if changed || s.lastChange == nil { s.lastChange = at }
        s.lastError = nil
        s.failingSince = nil
        s.consecutiveFailures = 0
        s.retryAfterUntil = nil
        return s
    }

    public static func notBefore(_ state: SourceState, until date: Date) -> SourceState {
        var s = state
        s.retryAfterUntil = wholeSeconds(date)
        return s
    }

    public static func notModified(_ state: SourceState, at rawTime: Date) -> SourceState {
        let at = wholeSeconds(rawTime)
        var s = state
        s.lastAttempt = max(s.lastAttempt ?? at, at)
        s.lastSuccess = at
        s.lastError = nil
        s.failingSince = nil
        s.consecutiveFailures = 0
        s.retryAfterUntil = nil
        return s
    }

    public static func failure(_ state: SourceState, error: String, retryAfter: Date?, at rawTime: Date) -> SourceState {
        let at = wholeSeconds(rawTime)
        var s = state
        s.lastAttempt = max(s.lastAttempt ?? at, at)
        s.lastError = error
        s.failingSince = s.failingSince ?? at
        s.consecutiveFailures += 1
        s.retryAfterUntil = retryAfter.map(wholeSeconds)
        return s
    }
}
