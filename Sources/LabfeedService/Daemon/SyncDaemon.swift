// The daemon's scheduler: sleeps until the next source is due, fetches the due sources in one
// burst through the sync pipeline (one rebuild and write per burst, none when nothing changed),
// reloads the configuration on request, and stops gracefully.

public import Foundation
public import LabfeedCore
public import LabfeedFetch
public import LabfeedProgramme
public import Logging

/// How the daemon behaves; the defaults are those of `labfeed run`.
public struct DaemonOptions: Sendable {
    /// When to fetch: interval, jitter (10 % of the interval by default), backoff (up to 24 h).
    public var schedule: SourceSchedule
    /// After a stop request, how long fetches already started may run before they are aborted.
    public var grace: Duration
    /// Once a source is due, how long to wait for others to fall due, so that they share one
    /// rewrite of the programme. Delays fetches (never advances them); not applied to the first
    /// burst after start or after a reload.
    public var gather: Duration
    /// Rebuild the programme at least this often even when no source brings anything, so that
    /// events turn `past` and old ones leave on time.
    public var refresh: Duration

    public init(schedule: SourceSchedule = SourceSchedule(jitter: 0.1, seed: UInt64.random(in: 0 ... .max)),
                grace: Duration = .seconds(10), gather: Duration = .seconds(30), refresh: Duration = .seconds(3600)) {
        self.schedule = schedule
        self.grace = grace
        self.gather = gather
        self.refresh = refresh
    }
}

/// A fetcher for one burst, and how to release it afterwards (a `Fetcher` lives for one burst:
/// its robots.txt and connection caches should not outlive it).
public struct FetchSession: Sendable {
    public var fetcher: any Fetching
    public var shutdown: @Sendable () async -> Void
    /// The `Crawl-delay` the fetcher learnt for a URL's host (nil: none); a worker on a shared
    /// store publishes it with ``WorkQueue/setHostSpacing(_:_:)``.
    public var crawlDelay: @Sendable (URL) -> Duration?

    public init(fetcher: any Fetching, shutdown: @escaping @Sendable () async -> Void = {},
                crawlDelay: @escaping @Sendable (URL) -> Duration? = { _ in nil }) {
        self.fetcher = fetcher
        self.shutdown = shutdown
        self.crawlDelay = crawlDelay
    }
}

/// Everything the daemon works with; each is a seam for tests.
public struct DaemonEnvironment: Sendable {
    public var store: any ProgrammeStore
    public var makeFetcher: @Sendable (Settings) -> FetchSession
    public var parser: @Sendable (Settings) -> DocumentParsing
    /// Reads feeds.yml again (SIGHUP); throws ``ConfigError`` with located problems.
    public var loadConfig: @Sendable () throws -> LabfeedConfig
    public var clock: any DaemonClock
    public var notifier: SystemdNotifier
    public var metrics: (any SyncMetrics)?
    public var logger: Logger
    /// Set: this daemon is one worker of several sharing the store's sources by leases
    /// (``SharedWork``); nil: it schedules every source itself (one process, SQLite).
    public var shared: SharedWork?

    public init(store: any ProgrammeStore, makeFetcher: @escaping @Sendable (Settings) -> FetchSession,
                parser: @escaping @Sendable (Settings) -> DocumentParsing, loadConfig: @escaping @Sendable () throws -> LabfeedConfig,
                clock: any DaemonClock = SystemDaemonClock(), notifier: SystemdNotifier = SystemdNotifier(environment: [:]),
                metrics: (any SyncMetrics)? = nil, logger: Logger, shared: SharedWork? = nil) {
        self.shared = shared
        self.store = store
        self.makeFetcher = makeFetcher
        self.parser = parser
        self.loadConfig = loadConfig
        self.clock = clock
        self.notifier = notifier
        self.metrics = metrics
        self.logger = logger
    }
}

/// What a reload did.
public enum ReloadOutcome: Sendable, Hashable {
    /// The new configuration runs.
    case applied(ConfigDiff)
    /// The new configuration is invalid: the running one is kept. Holds the located problems.
    case rejected(String)
}

/// The long-running scheduler of `labfeed run`.
///
/// One loop, on this actor: compute when each enabled source is due (``SourceSchedule``), sleep
/// until the earliest (woken early by a reload or a stop), wait ``DaemonOptions/gather`` for
/// companions, then run one burst — `SyncPipeline.run(.only(due))` — and go round again.
/// Bursts never overlap, so a source is never synced twice at once. A stop lets the burst's
/// started fetches finish for ``DaemonOptions/grace``, then cancels them, and writes the
/// programme once more if the burst could not.
public actor SyncDaemon {
    public private(set) var config: LabfeedConfig
    public nonisolated let options: DaemonOptions
    let env: DaemonEnvironment
    var logger: Logger { env.logger }

    var states: [String: SourceState] = [:]
    var stopping = false
    var wakeRequested = false
    var sleeper: Task<Void, Never>?
    var burst: Task<SyncReport, any Error>?
    var burstFetcher: BurstFetcher?
    var graceTimer: Task<Void, Never>?
    var inFlight: Set<String> = []
    var needsRebuild = false
    var retryRebuildAfter: Date?
    var lastRebuild: Date?
    var lastReport: SyncReport?
    var burstCount = 0
    var started = false
    /// On a shared store: the programme this worker last merged or wrote to its Output/.
    var lastProgramme: SavedProgramme?

    public init(config: LabfeedConfig, options: DaemonOptions = DaemonOptions(), environment: DaemonEnvironment) {
        self.config = config
        self.options = options
        self.env = environment
    }

    // MARK: Observing

    /// What the daemon is doing, for status lines and tests.
    public struct Snapshot: Sendable {
        public var config: LabfeedConfig
        public var states: [String: SourceState]
        /// Bursts finished so far.
        public var bursts: Int
        /// The sources of the burst under way (empty when idle).
        public var inFlight: Set<String>
        public var lastReport: SyncReport?
        public var stopping: Bool
    }

    public func snapshot() -> Snapshot {
        Snapshot(config: config, states: states, bursts: burstCount, inFlight: inFlight, lastReport: lastReport, stopping: stopping)
    }

    /// "42 sources, 3 failing, next fetch in 4 min".
    public func statusLine() -> String {
        SourceStatusTable.summary(config: config, states: states, schedule: options.schedule, now: env.clock.now(),
                                  fetching: inFlight.count)
    }

    // MARK: Running

    /// Runs until ``requestStop()``; returns once in-flight work is finished or aborted and the
    /// state is flushed. Call once.
    public func run() async throws {
        precondition(!started, "SyncDaemon.run() called twice")
        started = true
        states = try await env.store.allSourceStates()
        let enabled = config.sources.filter(\.enabled).count
        logger.info("scheduled \(enabled) source\(enabled == 1 ? "" : "s"): \(statusLine())")
        env.notifier.ready(status: statusLine())
        if let shared = env.shared {
            await runShared(shared)
            await finish()
            return
        }

        while !stopping {
            let now = env.clock.now()
            if dueSources(now).isEmpty && !rebuildPending(now) && !refreshDue(now) {
                await sleep(until: nextWake(now))
                continue
            }
            // The first burst, and the one after a reload, go at once (what is due then is due
            // already); later ones wait a little for companions.
            if !dueSources(now).isEmpty && options.gather > .zero && burstCount > 0 && !needsRebuild {
                await sleep(until: now.addingTimeInterval(SourceSchedule.seconds(options.gather)))
                if stopping { break }
            }
            await runBurst(dueSources(env.clock.now()).map(\.id))
        }
        await finish()
    }

    /// Stops starting fetches; the burst under way gets the grace period, then is cancelled.
    /// ``run()`` returns once everything is done.
    public func requestStop() {
        guard !stopping else { return }
        stopping = true
        wake()
        guard let burst else { return }
        burstFetcher?.stop()
        logger.info("stopping: waiting up to \(DurationText.format(options.grace)) for \(inFlight.count) source\(inFlight.count == 1 ? "" : "s") in flight")
        let clock = env.clock
        let deadline = clock.now().addingTimeInterval(SourceSchedule.seconds(options.grace))
        let logger = self.logger
        graceTimer = Task {
            do {
                try await clock.sleep(until: deadline)
                logger.warning("grace period over: aborting the fetches still running")
                burst.cancel()
            } catch {}
        }
    }

    /// Reads feeds.yml again and applies it, or keeps the running configuration when it is
    /// invalid (logging every located problem).
    @discardableResult
    public func reload() async -> ReloadOutcome {
        env.notifier.reloading()
        defer { env.notifier.ready(status: statusLine()) }
        var new: LabfeedConfig
        do {
            new = try env.loadConfig()
        } catch {
            let text = (error as? ConfigError)?.description ?? "\(error)"
            logger.error("\(config.file ?? "the configuration") is invalid; keeping the running configuration:\n\(text)")
            return .rejected(text)
        }
        let oldState = config.settings.statePath()
        if new.settings.statePath() != oldState {
            logger.warning("settings.state changed: restart labfeed to use \(new.settings.statePath()); keeping \(oldState) meanwhile")
            new.settings.state = oldState
        }
        let diff = ConfigDiff(old: config, new: new)
        for id in diff.relocated {
            do { try await env.store.forgetSource(id) } catch { logger.error("\(id): cannot reset its state: \(error)") }
        }
        config = new
        if !diff.isEmpty { needsRebuild = true }
        if let shared = env.shared { await register(shared) }
        if let fresh = try? await env.store.allSourceStates() { states = fresh }
        logger.info("reloaded \(new.file ?? "the configuration"): \(diff.summary)")
        wake()
        return .applied(diff)
    }

    // MARK: Internals

    func dueSources(_ now: Date) -> [SourceConfig] {
        config.sources.filter {
            $0.enabled && !inFlight.contains($0.id)
                && options.schedule.isDue($0, state: states[$0.id], settings: config.settings, now: now)
        }
    }

    /// A rebuild is owed (reload, interrupted burst); after a failed one, retried a minute later.
    func rebuildPending(_ now: Date) -> Bool {
        needsRebuild && (retryRebuildAfter.map { now >= $0 } ?? true)
    }

    func refreshDue(_ now: Date) -> Bool {
        guard let lastRebuild else { return false }
        return now.timeIntervalSince(lastRebuild) >= SourceSchedule.seconds(options.refresh)
    }

    func nextWake(_ now: Date) -> Date {
        let dues = config.sources.filter(\.enabled).map {
            options.schedule.nextDue($0, state: states[$0.id], settings: config.settings)
        }
        let refreshAt = (lastRebuild ?? now).addingTimeInterval(SourceSchedule.seconds(options.refresh))
        let retry = needsRebuild ? retryRebuildAfter.map { [$0] } ?? [] : []
        return (dues + [refreshAt] + retry).min() ?? refreshAt
    }

    func sleep(until date: Date) async {
        if wakeRequested || stopping {
            wakeRequested = false
            return
        }
        let clock = env.clock
        let task = Task { _ = try? await clock.sleep(until: date) }
        sleeper = task
        await task.value
        sleeper = nil
        wakeRequested = false
    }

    func wake() {
        if let sleeper { sleeper.cancel() } else { wakeRequested = true }
    }

    func runBurst(_ ids: [String]) async {
        let now = env.clock.now()
        let config = self.config
        let session = env.makeFetcher(config.settings)
        let fetcher = BurstFetcher(session.fetcher, concurrency: config.settings.concurrency, metrics: env.metrics)
        let pipeline = SyncPipeline(config: config, store: env.store, fetcher: fetcher, parse: env.parser(config.settings),
                                    schedule: options.schedule)
        let rebuild: SyncPipeline.Rebuild = (needsRebuild || refreshDue(now) || lastRebuild == nil) ? .always : .whenChanged
        needsRebuild = false
        inFlight = Set(ids)
        burstFetcher = fetcher
        if !ids.isEmpty { logger.debug("fetching \(ids.joined(separator: ", "))") }
        let task = Task { try await pipeline.run(.only(ids), now: now, rebuild: rebuild) }
        burst = task
        let result = await task.result
        burst = nil
        burstFetcher = nil
        inFlight = []
        await session.shutdown()
        burstCount += 1
        switch result {
        case .success(let report):
            lastReport = report
            retryRebuildAfter = nil
            if report.rebuilt { lastRebuild = now }
            log(report)
            if let fresh = try? await env.store.allSourceStates() { states = fresh }
            env.metrics?.recordSync(duration: report.duration, eventsTotal: report.eventsTotal,
                                    lastSuccess: states.compactMapValues { $0.lastSuccess?.timeIntervalSince1970 })
        case .failure(let error):
            // Cancelled at shutdown, or the state or an output could not be written: rebuild
            // next time (or in finish()).
            needsRebuild = true
            if !stopping {
                retryRebuildAfter = env.clock.now().addingTimeInterval(60)
                logger.error("sync failed (trying again in a minute): \(error)")
            }
            if let fresh = try? await env.store.allSourceStates() { states = fresh }
        }
        env.notifier.status(statusLine())
    }

    func log(_ report: SyncReport) {
        for result in report.failed {
            if case .failed(let reason) = result.outcome { logger.warning("\(reason)", metadata: ["source": "\(result.id)"]) }
        }
        for result in report.sources {
            if let moved = result.movedTo { logger.notice("\(result.id) moved permanently to \(moved): update feeds.yml") }
        }
        guard !report.sources.isEmpty || report.rebuilt else { return }
        let written = report.outputs.filter { $0.value == .written }.keys.sorted()
        let programme = report.rebuilt
            ? "\(report.eventsTotal) events, " + (written.isEmpty ? "outputs unchanged" : "wrote \(written.joined(separator: ", "))")
            : "programme unchanged"
        let plural = report.sources.count == 1 ? "" : "s"
        logger.info("synced \(report.sources.count) source\(plural): \(report.fetched.count) fetched, \(report.unchanged.count) unchanged, \(report.failed.count) failed; \(programme)")
    }

    /// After the loop: let the grace timer go, and write the programme if the last burst could
    /// not (it was aborted).
    func finish() async {
        graceTimer?.cancel()
        graceTimer = nil
        if needsRebuild {
            let pipeline = SyncPipeline(config: config, store: env.store, fetcher: NoFetching(),
                                        parse: env.parser(config.settings), schedule: options.schedule)
            do {
                let now = env.clock.now()
                if let queue = env.shared?.queue {
                    // Another worker merging now will include this worker's last results.
                    _ = try await queue.withMergeLock { try await pipeline.rebuildAndWrite(now: now).0 }
                } else {
                    _ = try await pipeline.rebuildAndWrite(now: now)
                }
                logger.info("programme written before exit")
            } catch {
                logger.error("the programme could not be written before exit: \(error)")
            }
        }
        logger.info("stopped")
    }
}

/// The fetcher of a rebuild that fetches nothing.
struct NoFetching: Fetching {
    func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        throw FetchError(.cancelled, url: request.url, "not fetched: rebuilding only")
    }
}
