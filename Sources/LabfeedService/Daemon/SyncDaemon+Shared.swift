// The daemon's loop as one worker of several over a shared store: register the sources, run
// lease rounds, merge the programme under the store's merge lock after a round that changed
// something, and otherwise keep the local Output/ equal to the programme in the store.

import Foundation
import LabfeedCore
import LabfeedProgramme
import Logging

extension SyncDaemon {
    /// The loop of ``DaemonEnvironment/shared``; returns once a stop was requested.
    func runShared(_ work: SharedWork) async {
        logger.info("worker \(work.worker): sharing the sources by leases of \(DurationText.format(work.leaseFor))")
        await register(work)
        while !stopping {
            let changed = await leaseRound(work)
            if stopping { break }
            if changed { needsRebuild = true }
            let now = env.clock.now()
            if rebuildPending(now) || refreshDue(now) || lastRebuild == nil {
                await merge(work)
            } else {
                await follow()
            }
            if stopping { break }
            await sleep(until: await nextSharedWake(work))
        }
    }

    /// Registers the enabled sources (a known one keeps its schedule) and forgets those the
    /// configuration no longer names, with their state and events.
    func register(_ work: SharedWork) async {
        let epoch = Date(timeIntervalSince1970: 0)
        let items = config.sources.filter(\.enabled).map { source in
            WorkItem(sourceID: source.id, host: source.url.host,
                     nextDue: max(epoch, options.schedule.nextDue(source, state: states[source.id], settings: config.settings)))
        }
        do {
            try await work.queue.register(items)
            let known = Set(try await work.queue.schedule().keys).union(states.keys)
            for id in known.sorted() where config.source(id) == nil {
                try await env.store.forgetSource(id)
                logger.info("\(id): no longer configured, forgotten")
                needsRebuild = true
            }
        } catch {
            logger.error("cannot register the sources with the store: \(error)")
        }
    }

    /// Claims and fetches due sources until none is left; whether any brought content.
    func leaseRound(_ work: SharedWork) async -> Bool {
        let config = self.config
        let session = env.makeFetcher(config.settings)
        let fetcher = BurstFetcher(session.fetcher, concurrency: config.settings.concurrency, metrics: env.metrics)
        let pipeline = SyncPipeline(config: config, store: env.store, fetcher: fetcher, parse: env.parser(config.settings),
                                    schedule: options.schedule)
        let round = LeaseRound(work: work, config: config, pipeline: pipeline, schedule: options.schedule, clock: env.clock,
                               session: session, fetcher: fetcher, slots: max(1, config.settings.concurrency), logger: logger)
        let started = env.clock.now()
        let clock = ContinuousClock()
        let begin = clock.now
        let task = Task { () throws -> SyncReport in
            let results = try await round.run().sorted { $0.id < $1.id }
            return SyncReport(sources: results, skipped: [], eventsNew: 0, eventsUpdated: 0, eventsRemoved: 0, eventsTotal: 0,
                              outputs: [:], startedAt: started, duration: clock.now - begin, rebuilt: false)
        }
        burst = task
        burstFetcher = fetcher
        let result = await task.result
        burst = nil
        burstFetcher = nil
        await session.shutdown()
        if let fresh = try? await env.store.allSourceStates() { states = fresh }
        switch result {
        case .success(let report):
            guard !report.sources.isEmpty else { return false }
            burstCount += 1
            lastReport = report
            log(report)
            env.notifier.status(statusLine())
            return !report.fetched.isEmpty
        case .failure(let error):
            if !stopping { logger.error("lease round failed: \(error)") }
            // Whatever was recorded before the error is merged.
            return true
        }
    }

    /// Rebuilds the programme into the store and writes the local Output/, if no other worker
    /// is merging (then tries again after a poll: that merge may have started before this
    /// worker's changes).
    func merge(_ work: SharedWork) async {
        let now = env.clock.now()
        let pipeline = SyncPipeline(config: config, store: env.store, fetcher: NoFetching(), parse: env.parser(config.settings),
                                    schedule: options.schedule)
        let clock = ContinuousClock()
        let begin = clock.now
        do {
            guard let (programme, outputs) = try await work.queue.withMergeLock({ try await pipeline.rebuildAndWrite(now: now) }) else {
                needsRebuild = true
                retryRebuildAfter = now.addingTimeInterval(ClaimRules.seconds(work.poll))
                logger.debug("another worker is merging: merging again in \(DurationText.format(work.poll))")
                return
            }
            needsRebuild = false
            retryRebuildAfter = nil
            lastRebuild = now
            lastProgramme = SavedProgramme(events: programme.events, updatedAt: programme.updatedAt)
            let written = outputs.filter { $0.value == .written }.keys.sorted()
            let files = written.isEmpty ? "outputs unchanged" : "wrote \(written.joined(separator: ", "))"
            logger.info("merged the programme: \(programme.events.count) events, \(files)")
            env.metrics?.recordSync(duration: clock.now - begin, eventsTotal: programme.events.count,
                                    lastSuccess: states.compactMapValues { $0.lastSuccess?.timeIntervalSince1970 })
        } catch {
            needsRebuild = true
            retryRebuildAfter = now.addingTimeInterval(60)
            logger.error("merge failed (trying again in a minute): \(error)")
        }
    }

    /// Writes the local Output/ from the programme in the store when another worker merged a
    /// new one, so that every worker's server answers alike.
    func follow() async {
        do {
            let saved = try await env.store.savedProgramme()
            guard saved != lastProgramme, saved.updatedAt != nil || !saved.events.isEmpty else { return }
            let counts = try await env.store.eventsBySource().mapValues(\.count)
            let health = config.sources.filter(\.enabled).map(\.id).sorted().map { id in
                SourceHealth(id: id, name: config.source(id)?.name, state: states[id], events: counts[id] ?? 0)
            }
            let programme = Programme(updatedAt: saved.updatedAt, sources: health, events: saved.events)
            let outputs = try await OutputDirectory.writeConcurrently(programme, to: config.settings.output,
                                                                      options: RenderOptions(zone: config.settings.timeZone))
            lastProgramme = saved
            let written = outputs.filter { $0.value == .written }.keys.sorted()
            if !written.isEmpty {
                logger.info("another worker merged the programme: \(saved.events.count) events, wrote \(written.joined(separator: ", "))")
            }
        } catch {
            logger.error("cannot write the programme merged by another worker: \(error)")
        }
    }

    /// The next source due in the store, a poll later at the latest.
    func nextSharedWake(_ work: SharedWork) async -> Date {
        let now = env.clock.now()
        var wake = now.addingTimeInterval(ClaimRules.seconds(work.poll))
        if let dues = try? await work.queue.schedule().values, let next = dues.filter({ $0 > now }).min() {
            wake = min(wake, next)
        }
        if needsRebuild, let retry = retryRebuildAfter { wake = min(wake, retry) }
        if let lastRebuild { wake = min(wake, lastRebuild.addingTimeInterval(ClaimRules.seconds(options.refresh))) }
        return max(wake, now)
    }
}
