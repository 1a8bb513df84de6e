// One sync: fetch the chosen sources concurrently, parse, record, rebuild the programme, write
// the outputs. Used by `labfeed sync` and, on a schedule, by the daemon.

public import Foundation
public import LabfeedCore
public import LabfeedFetch
public import LabfeedProgramme

/// Runs syncs of a configuration against a store, through a fetcher and a parser.
///
/// Every dependency is a seam: tests pass a ``MemoryStore``, a stub ``Fetching`` and a stub
/// parser. Each source is independent: one that fails keeps its last good events and never
/// stops the others. The programme is rebuilt once, after every chosen source has finished.
public struct SyncPipeline: Sendable {
    /// Which sources a sync fetches.
    public enum Selection: Sendable, Hashable {
        /// Enabled sources whose next fetch is due.
        case due
        /// Every enabled source, due or not.
        case all
        /// These sources (enabled or not), due or not.
        case only([String])
    }

    /// Progress after each source, for a live progress line.
    public struct Progress: Sendable {
        public var completed: Int
        public var total: Int
        public var sourceID: String
        public var outcome: SourceOutcome
    }

    public var config: LabfeedConfig
    public var store: any ProgrammeStore
    public var fetcher: any Fetching
    public var parse: DocumentParsing
    public var schedule: SourceSchedule
    public var renderOptions: RenderOptions
    public var onProgress: (@Sendable (Progress) -> Void)?

    public init(config: LabfeedConfig, store: any ProgrammeStore, fetcher: any Fetching, parse: @escaping DocumentParsing,
                schedule: SourceSchedule = SourceSchedule(), renderOptions: RenderOptions? = nil,
                onProgress: (@Sendable (Progress) -> Void)? = nil) {
        self.config = config
        self.store = store
        self.fetcher = fetcher
        self.parse = parse
        self.schedule = schedule
        self.renderOptions = renderOptions ?? RenderOptions(zone: config.settings.timeZone)
        self.onProgress = onProgress
    }

    /// When a sync rebuilds the programme and rewrites the outputs.
    public enum Rebuild: Sendable, Hashable {
        /// After every sync (`labfeed sync`).
        case always
        /// Only when a source brought content, or sources were removed (the daemon's bursts:
        /// a burst of 304s rewrites nothing).
        case whenChanged
    }

    /// Runs one sync.
    /// - Throws: ``SyncError`` for unknown source ids; store errors; ``OutputWriteError`` when an
    ///   output file cannot be written (the previous file is then left as it was).
    public func run(_ selection: Selection, now: Date, rebuild: Rebuild = .always) async throws -> SyncReport {
        try await runLeaving(selection, now: now, rebuild: rebuild).report
    }

    /// What a sync leaves to free once its report is made: the programme built and the one it
    /// replaced, with their id tables (a cold sync of 600 sources: 7,000 events each, tens of
    /// thousands of allocations freed one by one on one thread, after the outputs are in place).
    ///
    /// A one-shot `labfeed sync` holds it until the process exits, which gives the memory back
    /// at once; everything else (the daemon, tests) lets it go, which frees it as before.
    public struct Leftovers: Sendable {
        let values: [any Sendable]

        /// Nothing to free.
        public init() {
            values = []
        }

        init(_ values: [any Sendable]) {
            self.values = values
        }
    }

    /// Runs one sync like ``run(_:now:rebuild:)``, and hands back what it would have freed
    /// (``Leftovers``) instead of freeing it.
    public func runLeaving(_ selection: Selection, now: Date, rebuild: Rebuild = .always) async throws
        -> (report: SyncReport, leftovers: Leftovers) {
        let clock = ContinuousClock()
        let started = clock.now
        let states = try await store.allSourceStates()
        let chosen = try choose(selection, states: states, now: now)
        let skipped = config.sources.filter(\.enabled).map(\.id).filter { id in !chosen.contains { $0.id == id } }

        // Sources removed from the configuration leave the state with their events.
        let configured = Set(config.sources.map(\.id))
        let removed = states.keys.filter { !configured.contains($0) }
        for id in removed {
            try await store.forgetSource(id)
        }

        var results: [SourceResult] = []
        // The items each fetched source's events became in the store, kept for the build so
        // that it does not read them back (issue #9).
        var held: [String: [SourcedEvent]] = [:]
        // At most twice `concurrency` sources between their request and the end of their parse:
        // enough to keep every transfer busy, few enough that fetched bodies do not pile up
        // waiting for the parser (with all sources started at once, a cold sync of 600 held
        // every body at once). A parsed source leaves that count while its outcome is recorded
        // (its events, without the body), so that the next request goes out while the store
        // commits: in a cold sync, sources waiting for the store held a third of the places
        // and curl often had fewer transfers to run than `concurrency` allows. At most as many
        // again wait for the store.
        let fetching = max(1, config.settings.concurrency * 2)
        let recording = fetching
        try await withThrowingTaskGroup(of: Stage.self) { group in
            var pending = chosen[...]
            var parsed: [Parsed] = []  // waiting for a place among the sources being recorded
            var inFetch = 0, inRecord = 0
            func startNext() {
                while inRecord < recording, !parsed.isEmpty {
                    let next = parsed.removeFirst()
                    inRecord += 1
                    group.addTask {
                        let (result, items) = try await self.record(next, now: now)
                        return .recorded(result, items)
                    }
                }
                while inFetch + parsed.count < fetching, let source = pending.popFirst() {
                    inFetch += 1
                    group.addTask { try await self.fetchAndParse(source, state: states[source.id], now: now) }
                }
            }
            startNext()
            for try await stage in group {
                let (result, items): (SourceResult, [SourcedEvent]?)
                switch stage {
                case .parsed(let source):
                    inFetch -= 1
                    parsed.append(source)
                    startNext()
                    continue
                case .ended(let r, let i):
                    inFetch -= 1
                    (result, items) = (r, i)
                case .recorded(let r, let i):
                    inRecord -= 1
                    (result, items) = (r, i)
                }
                results.append(result)
                if let items { held[result.id] = items }
                onProgress?(Progress(completed: results.count, total: chosen.count, sourceID: result.id, outcome: result.outcome))
                startNext()
            }
        }
        results.sort { $0.id < $1.id }

        let brought = results.contains { if case .fetched = $0.outcome { true } else { false } }
        let stamp = try await store.programmeStamp()
        if rebuild == .whenChanged && !brought && removed.isEmpty {
            let total = if let stamp { stamp.events } else { try await store.savedProgramme().events.count }
            return (SyncReport(sources: results, skipped: skipped.sorted(), eventsNew: 0, eventsUpdated: 0, eventsRemoved: 0,
                               eventsTotal: total, outputs: [:], startedAt: now, duration: clock.now - started,
                               rebuilt: false), Leftovers())
        }
        // Nothing moved since the programme was last written: it and its files stand as they are.
        if let stamp, stamp.stillHolds(inputs: inputsFingerprint(states: try await store.allSourceStates()), now: now,
                                       directory: config.settings.output) {
            let outputs = Dictionary(uniqueKeysWithValues: OutputDirectory.fileNames().map { ($0, WriteOutcome.unchanged) })
            return (SyncReport(sources: results, skipped: skipped.sorted(), eventsNew: 0, eventsUpdated: 0, eventsRemoved: 0,
                               eventsTotal: stamp.events, outputs: outputs, startedAt: now, duration: clock.now - started),
                    Leftovers())
        }
        let (programme, before, outputs) = try await build(now: now, held: consume held)

        // Counted in place: `filter` copied every programme event (a cold sync's 7,000) three times.
        var after = Set<String>(minimumCapacity: programme.events.count)
        var new = 0, updated = 0
        for i in programme.events.indices {
            after.insert(programme.events[i].id)
            if let hash = before[programme.events[i].id] {
                if hash != programme.events[i].contentHash { updated += 1 }
            } else {
                new += 1
            }
        }
        let report = SyncReport(
            sources: results, skipped: skipped.sorted(),
            eventsNew: new, eventsUpdated: updated,
            eventsRemoved: before.keys.reduce(0) { $0 + (after.contains($1) ? 0 : 1) },
            eventsTotal: programme.events.count, outputs: outputs, startedAt: now, duration: clock.now - started)
        return (report, Leftovers([consume programme, consume before, consume after]))
    }

    /// Rebuilds the programme from the store and writes the outputs (only the files whose bytes
    /// change). The daemon calls it alone to flush after an interrupted burst.
    public func rebuildAndWrite(now: Date) async throws -> (Programme, [String: WriteOutcome]) {
        let (programme, _, outputs) = try await build(now: now)
        return (programme, outputs)
    }

    /// Rebuilds, saves and writes the programme, then stamps it (``ProgrammeStamp``); returns
    /// the previous programme's content hashes by id too, for the report.
    ///
    /// `held`: the items this sync recorded at `now`, by source (``ProgrammeStore/recordSuccessReturningItems(_:validators:bodyHash:events:at:)``).
    /// They stand for the store's copy of a source whose state still shows that success
    /// (``StoreTransitions/stillHolds(_:recordedAt:)``); every other source is read from the store.
    func build(now: Date, held: consuming [String: [SourcedEvent]] = [:]) async throws
        -> (Programme, previous: [String: String], outputs: [String: WriteOutcome]) {
        // The fetch phase's freed documents are spread over many threads' arenas: give them back
        // before the build's peak (and again before rendering) instead of stacking on them.
        await store.releaseMemory()
        ProcessMemory.returnFreeMemory()
        var builder = ProgrammeBuilder(config: config)
        builder.betweenStages = { ProcessMemory.returnFreeMemory() }
        let states = try await store.allSourceStates()
        let previous = try await store.previousProgramme()
        let kept = Set(held.keys.filter { StoreTransitions.stillHolds(states[$0], recordedAt: now) })
        var bySource = try await kept.isEmpty ? store.eventsBySource() : store.eventsBySource(excluding: kept)
        for id in kept {
            // A source without events has no row in the store, so none read back either.
            if let items = held.removeValue(forKey: id), !items.isEmpty { bySource[id] = items }
        }
        held = [:]
        await store.releaseMemory()  // the pages just read: not needed for the build
        await store.checkpointInBackground()  // the fetch phase's log copied while the build runs
        let programme = try builder.build(events: consume bySource, states: states, previous: previous, now: now)
        let directory = config.settings.output
        // Only its content hashes are needed from here on (the report): the rest is freed
        // before the save and the rendering.
        let hashes = Dictionary(previous.entries.lazy.map { ($0.id, $0.contentHash) }, uniquingKeysWith: { a, _ in a })
        _ = consume previous
        let outputs = try await saveAndWrite(programme, to: directory)
        ProcessMemory.returnFreeMemory()
        if let files = OutputFileStamp.current(OutputDirectory.fileNames(), in: directory) {
            let built = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            try await store.saveProgrammeStamp(ProgrammeStamp(
                inputs: inputsFingerprint(states: states), builtAt: built,
                validUntil: Lifecycle.nextChange(of: programme.events, now: built, keepPast: builder.keepPast, zone: builder.zone),
                events: programme.events.count, files: files))
        }
        return (programme, hashes, outputs)
    }

    /// Saves the programme in the store (only the rows that changed) and writes the outputs at
    /// the same time: the formats render into temporary files while the store saves, and are
    /// renamed into place only once the save has committed (``OutputDirectory/stageConcurrently(_:to:formats:options:writer:)``).
    /// A failed save removes the temporaries and throws: the old files stay beside the old
    /// stored programme, whose ids the next build reuses. A failed render after a good save
    /// throws too, every file left as it was (as when the writes followed the save).
    func saveAndWrite(_ programme: Programme, to directory: String) async throws -> [String: WriteOutcome] {
        async let staged = OutputDirectory.stageConcurrently(programme, to: directory, options: renderOptions)
        do {
            try await store.saveProgramme(SavedProgramme(events: programme.events, updatedAt: programme.updatedAt))
        } catch {
            (try? await staged)?.discard()
            throw error
        }
        return try await staged.commit()
    }

    /// The fingerprint of this pipeline's configuration and the sources' health.
    func inputsFingerprint(states: [String: SourceState]) -> String {
        ProgrammeInputs.fingerprint(builder: ProgrammeBuilder(config: config), states: states, directory: config.settings.output,
                                    formats: OutputFormat.allCases, options: renderOptions)
    }

    /// The sources a selection names, in configuration order.
    func choose(_ selection: Selection, states: [String: SourceState], now: Date) throws -> [SourceConfig] {
        switch selection {
        case .all:
            return config.sources.filter(\.enabled)
        case .due:
            return config.sources.filter { $0.enabled && schedule.isDue($0, state: states[$0.id], settings: config.settings, now: now) }
        case .only(let ids):
            let unknown = ids.filter { config.source($0) == nil }
            if !unknown.isEmpty { throw SyncError.unknownSources(unknown, known: config.sources.map(\.id)) }
            return config.sources.filter { ids.contains($0.id) }
        }
    }

    /// Fetches, parses and records one source. Never throws for the source's own failures:
    /// those are recorded and reported; only store errors escape.
    func sync(_ source: SourceConfig, state: SourceState?, now: Date) async throws -> SourceResult {
        try await syncKeepingItems(source, state: state, now: now).0
    }

    /// ``sync(_:state:now:)``, with the source's items as the store now holds them after a
    /// good fetch (nil otherwise, or when the store cannot say).
    func syncKeepingItems(_ source: SourceConfig, state: SourceState?, now: Date) async throws -> (SourceResult, [SourcedEvent]?) {
        switch try await fetchAndParse(source, state: state, now: now) {
        case .parsed(let parsed): try await record(parsed, now: now)
        case .ended(let result, let items), .recorded(let result, let items): (result, items)
        }
    }

    /// A source fetched and parsed whose success is still to record: what the record needs,
    /// without the body or the document's entries.
    struct Parsed: Sendable {
        var id: String
        var validators: Validators
        var bodyHash: String
        var notBefore: Date?
        var movedTo: String?
        var events: [Event]
        var warnings: Int
    }

    /// Where a source stands in a sync.
    enum Stage: Sendable {
        /// Fetched and parsed, its success still to record (``record(_:now:)``).
        case parsed(Parsed)
        /// Done before its parse's outcome: failed, or unchanged.
        case ended(SourceResult, [SourcedEvent]?)
        /// Its success recorded.
        case recorded(SourceResult, [SourcedEvent]?)
    }

    /// The first part of ``syncKeepingItems(_:state:now:)``: fetches and parses one source,
    /// recording every outcome but a good parse's (left to ``record(_:now:)``).
    ///
    /// The attempt is recorded while the request goes out (its commit, a group commit with its
    /// `fdatasync`, held every request back, the first one included) and awaited before anything
    /// else about the source is recorded or its body parsed: the state never shows an outcome
    /// without its attempt, and a crash before the attempt commits leaves the source as if it
    /// had not been tried.
    func fetchAndParse(_ source: SourceConfig, state: SourceState?, now: Date) async throws -> Stage {
        async let attempt: Void = store.recordAttempt(source.id, at: now)
        let url: URL
        switch source.url {
        case .web(let u): url = u
        case .file(let path): url = URL(fileURLWithPath: path)
        }
        var request = FetchRequest(url: url, etag: state?.validators.etag, lastModified: state?.validators.lastModified,
                                   previousBodyHash: state?.bodyHash, sourceID: source.id)
        if !source.robots { request.obeyRobots = false }

        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch {
            try await attempt
            // Aborted by a shutdown: not the source's fault, so not recorded as a failure.
            if error.kind == .cancelled {
                return .ended(SourceResult(id: source.id, outcome: .failed(reason: "\(source.id): aborted (shutting down)")), nil)
            }
            try await store.recordFailure(source.id, error: error.description, retryAfter: error.retryAfter, at: now)
            return .ended(SourceResult(id: source.id, outcome: .failed(reason: error.description)), nil)
        }
        try await attempt
        // Retry-After or max-age on a good answer: the schedule will not come back sooner.
        let notBefore = SourceSchedule.notBefore(retryAfter: response.retryAfter, maxAge: response.cacheMaxAge, now: now)

        let moved = response.permanentRedirect?.absoluteString
        if moved != state?.permanentRedirect {
            try await store.recordPermanentRedirect(source.id, to: moved)
        }
        if response.notModified || response.unchanged {
            try await store.recordNotModified(source.id, at: now)
            if let notBefore { try await store.recordNotBefore(source.id, until: notBefore) }
            return .ended(SourceResult(id: source.id, outcome: .unchanged, movedTo: moved), nil)
        }

        var document = parse(SourceDocument(source: source, bytes: response.body, url: response.finalURL,
                                            contentType: response.contentType, fetchedAt: now))
        if let problem = document.unusable ?? Self.mismatch(expected: source.kind, got: document) {
            let reason = "\(response.finalURL.absoluteString): \(problem)"
            try await store.recordFailure(source.id, error: reason, retryAfter: nil, at: now)
            return .ended(SourceResult(id: source.id, outcome: .failed(reason: reason), movedTo: moved), nil)
        }
        if source.discover, document.format == .html, let link = Self.preferredFeed(document.feeds) {
            await follow(link, of: source, into: &document, now: now)
        }
        return .parsed(Parsed(id: source.id, validators: Validators(etag: response.etag, lastModified: response.lastModified),
                              bodyHash: response.bodyHash, notBefore: notBefore, movedTo: moved, events: document.events,
                              warnings: document.warnings.count))
    }

    /// The second part of ``syncKeepingItems(_:state:now:)``: records a good parse.
    func record(_ parsed: Parsed, now: Date) async throws -> (SourceResult, [SourcedEvent]?) {
        let items = try await store.recordSuccessReturningItems(parsed.id, validators: parsed.validators, bodyHash: parsed.bodyHash,
                                                                events: parsed.events, at: now)
        if let notBefore = parsed.notBefore { try await store.recordNotBefore(parsed.id, until: notBefore) }
        return (SourceResult(id: parsed.id, outcome: .fetched(events: parsed.events.count, warnings: parsed.warnings),
                             movedTo: parsed.movedTo), items)
    }

    /// The feed a page links to that `discover: true` follows: a calendar first (it carries
    /// exact times), else a feed.
    static func preferredFeed(_ feeds: [DiscoveredFeed]) -> DiscoveredFeed? {
        feeds.first { $0.format == .ics } ?? feeds.first { [.rss, .rdf, .atom, .jsonfeed].contains($0.format) }
    }

    /// Fetches a discovered feed or calendar and adds its events to the page's (the programme's
    /// dedup merges the page's and the calendar's descriptions of one event). A failure is a
    /// warning: the page's own events stand.
    func follow(_ link: DiscoveredFeed, of source: SourceConfig, into document: inout ParsedDocument, now: Date) async {
        guard let url = URL(string: link.url), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            document.warnings.append("discovered \(link.url): not an http(s) address, not followed")
            return
        }
        var request = FetchRequest(url: url, sourceID: source.id)
        if !source.robots { request.obeyRobots = false }
        do {
            let response = try await fetcher.fetch(request)
            let linked = parse(SourceDocument(source: source, bytes: response.body, url: response.finalURL,
                                              contentType: response.contentType, fetchedAt: now))
            document.events += linked.events
            document.warnings += linked.warnings.map { "\(link.url): \($0)" }
        } catch {
            document.warnings.append("discovered \(link.url) could not be fetched: \(error)")
        }
    }

    /// A document that is not what the source's `kind` promises (an HTML error page where a
    /// feed was expected): treated as a failure so the source keeps its last good events, as is
    /// a document the parser calls unusable (empty, cut short, not its format at all).
    static func mismatch(expected: SourceKind, got document: ParsedDocument) -> String? {
        let feedFormats: Set<DocumentFormat> = [.rss, .rdf, .atom, .jsonfeed]
        let ok: Bool
        switch expected {
        case .auto, .html: ok = true
        case .rss, .atom, .jsonfeed: ok = feedFormats.contains(document.format)
        case .ics: ok = document.format == .ics
        }
        return ok ? nil : "expected \(expected.rawValue), the server sent \(document.format.rawValue)"
    }
}

/// Errors of a sync as a whole (a source's own failures are reported, not thrown).
public struct SyncError: Error, Sendable, CustomStringConvertible {
    public var description: String

    static func unknownSources(_ ids: [String], known: [String]) -> SyncError {
        let hints = ids.map { id in nearestKey(to: id, in: known).map { "`\(id)` (did you mean `\($0)`?)" } ?? "`\(id)`" }
        return SyncError(description: "unknown source \(hints.joined(separator: ", ")); `labfeed check` lists the sources")
    }
}
