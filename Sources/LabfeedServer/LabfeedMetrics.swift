// The Prometheus metrics of labfeed (swift-prometheus): what the daemon reports through
// SyncMetrics, plus the programme and the sources read from the state for `labfeed serve`.

import Foundation
public import LabfeedService
public import Prometheus

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
public final class LabfeedMetrics: SyncMetrics {
    public let registry: PrometheusCollectorRegistry
    private let fetchDuration: DurationHistogram
    private let syncDuration: DurationHistogram
    private let events: Gauge
    private let failing: Gauge

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

    /// The exposition text (`text/plain; version=0.0.4`).
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    private static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "labfeed", metricName: metric, unitName: unit, helpText: help)
    }
}
