// How a daemon shares its sources with other workers over one store (PostgreSQL, or SQLite for
// several processes on one machine), and the lease round: claim due sources, fetch them while a
// task renews their leases, publish the hosts' Retry-After and Crawl-delay, release each source
// with its next due time. docs/WORKERS.md describes the protocol.

import Foundation
public import LabfeedProgramme
import LabfeedCore
import Logging
import Synchronization

/// One worker's part in a store shared by several `labfeed run` processes.
public struct SharedWork: Sendable {
    /// The store's queue of sources (the same object as the daemon's store).
    public var queue: any WorkQueue
    /// This worker's name in leases, `labfeed sources` and `/metrics` (`hostname:pid` by default).
    public var worker: String
    /// How long a claim holds unless renewed. Renewed every third of it while the fetch runs, so
    /// it must exceed the longest pause of a worker (not the whole fetch); a killed worker's
    /// sources go back to the pool after it.
    public var leaseFor: Duration
    /// How often an idle worker looks for due sources, leases that ran out and a programme merged
    /// by another worker (a third of the lease, at most 10 s).
    public var poll: Duration

    public init(queue: any WorkQueue, worker: String = SharedWork.defaultWorkerName(), leaseFor: Duration = .seconds(120),
                poll: Duration? = nil) {
        self.queue = queue
        self.worker = worker
        self.leaseFor = leaseFor
        self.poll = poll ?? min(leaseFor / 3, .seconds(10))
    }

    /// `hostname:pid`: unique among the workers of one database while the process lives.
    public static func defaultWorkerName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        return "\(host):\(getpid())"
    }
}

/// One round of a worker: claims due sources as fetch slots free up, until none is due, and
/// returns what each fetch did. Runs outside the daemon's actor (so a stop can cancel it).
struct LeaseRound: Sendable {
    var work: SharedWork
    var config: LabfeedConfig
    var pipeline: SyncPipeline
    var schedule: SourceSchedule
    var clock: any DaemonClock
    var session: FetchSession
    var fetcher: BurstFetcher
    var slots: Int
    var logger: Logger

    /// A set shared by the round's tasks.
    final class Names: Sendable {
        let names = Mutex<Set<String>>([])
        func withLock<T>(_ body: (inout Set<String>) -> T) -> T { names.withLock { body(&$0) } }
    }

    func run() async throws -> [SourceResult] {
        let held = Names()
        let renewer = Task { await renew(held) }
        defer { renewer.cancel() }
        let spaced = Names()
        var results: [SourceResult] = []
        try await withThrowingTaskGroup(of: SourceResult?.self) { group in
            var running = 0
            var exhausted = false
            while true {
                if !exhausted && !fetcher.isStopped && running < slots {
                    let ids = try await work.queue.claimDue(worker: work.worker, limit: slots - running, now: clock.now(),
                                                            leaseFor: work.leaseFor, perHost: config.settings.perHost)
                    if ids.isEmpty {
                        exhausted = true
                    } else {
                        held.withLock { $0.formUnion(ids) }
                        for id in ids { group.addTask { try await self.fetch(id, spaced: spaced) } }
                        running += ids.count
                        continue
                    }
                }
                guard let finished = try await group.next() else { break }
                running -= 1
                // A slot is free: look again (a source may have fallen due, or a lease run out).
                exhausted = false
                if let finished {
                    results.append(finished)
                    held.withLock { _ = $0.remove(finished.id) }
                }
            }
        }
        return results
    }

    /// Extends the leases of the sources being fetched every third of the lease.
    private func renew(_ held: Names) async {
        let every = ClaimRules.seconds(work.leaseFor) / 3
        while !Task.isCancelled {
            do { try await clock.sleep(until: clock.now().addingTimeInterval(every)) } catch { return }
            let ids = held.withLock { Array($0) }
            guard !ids.isEmpty else { continue }
            do {
                let kept = Set(try await work.queue.renew(ids, worker: work.worker, now: clock.now(), leaseFor: work.leaseFor))
                let lost = ids.filter { !kept.contains($0) }
                if !lost.isEmpty {
                    logger.warning("lost the lease on \(lost.sorted().joined(separator: ", ")): another worker may fetch them too")
                }
            } catch {
                logger.error("cannot renew \(ids.count) lease\(ids.count == 1 ? "" : "s"): \(error)")
            }
        }
    }

    /// Fetches one claimed source through the pipeline and releases it with its next due time.
    private func fetch(_ id: String, spaced: Names) async throws -> SourceResult? {
        guard let source = config.source(id), source.enabled else {
            // Disabled here, or known only to another worker's configuration: back in an interval.
            let interval = config.source(id)?.interval(default: config.settings) ?? config.settings.interval
            try await work.queue.release(id, worker: work.worker, nextDue: clock.now().addingTimeInterval(ClaimRules.seconds(interval)))
            return nil
        }
        let store = pipeline.store
        // Read now, not from the round's start: another worker may have fetched it since.
        let before = try await store.sourceState(id)
        let now = clock.now()
        let result = try await pipeline.sync(source, state: before, now: now)
        let after = try await store.sourceState(id)
        if let host = source.url.host {
            if result.outcome.isFailure, let until = after?.retryAfterUntil, until > now {
                try await work.queue.deferHost(host, until: until)
            }
            if case .web(let url) = source.url, let delay = session.crawlDelay(url),
               spaced.withLock({ $0.insert(host).inserted }) {
                try await work.queue.setHostSpacing(host, delay)
            }
        }
        // A fetch aborted by a stop recorded nothing: the source is due again at once, for
        // another worker to take.
        let aborted = result.outcome.isFailure && (after?.consecutiveFailures ?? 0) == (before?.consecutiveFailures ?? 0)
        let nextDue = aborted ? now : schedule.nextDue(source, state: after, settings: config.settings)
        if try await !work.queue.release(id, worker: work.worker, nextDue: nextDue) {
            logger.warning("\(id): the lease ran out during the fetch; another worker may have fetched it too")
        }
        return result
    }
}
