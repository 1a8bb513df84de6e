// The Prometheus metrics of labfeed (swift-prometheus): what the daemon reports through
// SyncMetrics, plus the programme and the sources read from the state for `labfeed serve`.

import Foundation
public import LabfeedProgramme
public import LabfeedService
public import Prometheus
import Synchronization

/// labfeed's metrics in one registry (one per server, never a global one, so tests can make
/// several).
///
/// | metric | type | labels |
/// |---|---|---|
/// | `labfeed_fetches_total` | counter | `source`, `outcome` (`fetched`, `not_modified`, `unchanged`, `cancelled`, or the error kind) |
/// | `labfeed_fetch_duration_seconds` | histogram | |
/// | `labfeed_fetch_bytes_total` | counter | `source` (bytes on the wire) |
/// | `labfeed_programme_events` | gauge | |
/// | `labfeed_source_last_success_timestamp_seconds` | gauge | `source` |
/// | `labfeed_sync_duration_seconds` | histogram | |
/// | `labfeed_sources_failing` | gauge | |
/// | `labfeed_source_leases` | gauge | `worker` (sources each worker holds on a shared store; 0 once it holds none) |
public final class LabfeedMetrics: SyncMetrics {
    public let registry: PrometheusCollectorRegistry
    private let fetchDuration: DurationHistogram
    private let syncDuration: DurationHistogram
    private let events: Gauge
    private let failing: Gauge
    private let leaseWorkers = Mutex<Set<String>>([])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        let fetchBuckets: [Duration] = [.milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                        .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60)]
        fetchDuration = registry.makeDurationHistogram(
            descriptor: Self.name("fetch_duration", unit: "seconds", help: "Duration of each fetch, retries and redirects included."),
            labels: [], buckets: fetchBuckets)
        syncDuration = registry.makeDurationHistogram(
            descriptor: Self.name("sync_duration", unit: "seconds", help: "Duration of each sync (fetch, parse, rebuild, write)."),
            labels: [], buckets: fetchBuckets + [.seconds(120), .seconds(300)])
        events = registry.makeGauge(descriptor: Self.name("programme_events", unit: "", help: "Events in the programme."), labels: [])
        failing = registry.makeGauge(descriptor: Self.name("sources_failing", unit: "", help: "Enabled sources whose last attempt failed."),
                                     labels: [])
    }

    public func recordFetch(source: String, outcome: String, duration: Duration, bytes: Int) {
        registry.makeCounter(descriptor: Self.name("fetches", unit: "total", help: "Fetches by source and outcome."),
                             labels: [("source", source), ("outcome", outcome)]).increment()
        if bytes > 0 {
            registry.makeCounter(descriptor: Self.name("fetch_bytes", unit: "total", help: "Bytes received on the wire, by source."),
                                 labels: [("source", source)]).increment(by: Int64(bytes))
        }
        if outcome != "cancelled" { fetchDuration.record(duration) }
    }

    public func recordSync(duration: Duration, eventsTotal: Int, lastSuccess: [String: Double]) {
        syncDuration.record(duration)
        setProgramme(events: eventsTotal, lastSuccess: lastSuccess)
    }

    /// Sets the gauges that describe the programme and the sources (also from the state, for
    /// `labfeed serve` beside a timer).
    public func setProgramme(events count: Int? = nil, lastSuccess: [String: Double], failing failingCount: Int? = nil) {
        if let count { events.set(Double(count)) }
        for (source, time) in lastSuccess {
            registry.makeGauge(descriptor: Self.name("source_last_success_timestamp", unit: "seconds",
                                                     help: "When each source last answered (seconds since 1970)."),
                               labels: [("source", source)]).set(time)
        }
        if let failingCount { failing.set(Double(failingCount)) }
    }

    /// Sets `labfeed_source_leases{worker=…}` from the store's leases (a shared store's
    /// workers); a worker seen before that holds nothing now reads 0.
    public func setLeases(_ leases: [Lease]) {
        let counts = Dictionary(grouping: leases, by: \.owner).mapValues(\.count)
        let workers = leaseWorkers.withLock { known in
            known.formUnion(counts.keys)
            return known
        }
        for worker in workers {
            registry.makeGauge(descriptor: Self.name("source_leases", unit: "", help: "Sources leased to each worker of a shared store."),
                               labels: [("worker", worker)]).set(Double(counts[worker] ?? 0))
        }
    }

    /// The exposition text (`text/plain; version=0.0.4`).
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    private static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "labfeed", metricName: metric, unitName: unit, helpText: help)
    }
}
