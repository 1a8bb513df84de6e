// Whether the programme is fresh: the rule behind /healthz (and `labfeed sources`' summary).

public import Foundation
public import LabfeedCore
public import LabfeedProgramme

/// The health of a labfeed installation at one moment.
public struct HealthReport: Sendable, Hashable, Codable {
    /// True for 200 at /healthz, false for 503.
    public var healthy: Bool
    /// Why it is not healthy (empty when it is).
    public var reasons: [String]
    /// Enabled sources.
    public var sources: Int
    /// Enabled sources whose last attempt failed.
    public var failing: Int
    /// The latest successful fetch of any enabled source.
    public var lastSuccess: Date?

    public init(healthy: Bool, reasons: [String], sources: Int, failing: Int, lastSuccess: Date?) {
        self.healthy = healthy
        self.reasons = reasons
        self.sources = sources
        self.failing = failing
        self.lastSuccess = lastSuccess
    }

    enum CodingKeys: String, CodingKey {
        case healthy = "status", reasons, sources, failing
        case lastSuccess = "last_success"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(healthy ? "ok" : "unhealthy", forKey: .healthy)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(sources, forKey: .sources)
        try c.encode(failing, forKey: .failing)
        try c.encode(lastSuccess.map(UTCTimestamp.string), forKey: .lastSuccess)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        healthy = try c.decode(String.self, forKey: .healthy) == "ok"
        reasons = try c.decode([String].self, forKey: .reasons)
        sources = try c.decode(Int.self, forKey: .sources)
        failing = try c.decode(Int.self, forKey: .failing)
        lastSuccess = try c.decodeIfPresent(String.self, forKey: .lastSuccess).flatMap(UTCTimestamp.date)
    }
}

/// The freshness rule.
///
/// Unhealthy (503) when any of these holds, healthy (200) otherwise:
/// - no programme has been written yet (`programme.json` missing);
/// - no enabled source has ever answered;
/// - the latest successful fetch of any source is older than ``staleAfter`` times the shortest
///   interval of the enabled sources (3 × 1 h by default): the daemon is stuck, or everything
///   fails;
/// - more than half of the enabled sources are failing.
/// A configuration without enabled sources is healthy once its (empty) programme is written.
public enum HealthRule {
    /// How many intervals without any success make the programme stale.
    public static let staleAfter = 3.0

    public static func evaluate(config: LabfeedConfig, states: [String: SourceState], programmeWritten: Bool,
                                now: Date) -> HealthReport {
        let enabled = config.sources.filter(\.enabled)
        let failing = enabled.filter { (states[$0.id]?.consecutiveFailures ?? 0) > 0 }.count
        let lastSuccess = enabled.compactMap { states[$0.id]?.lastSuccess }.max()
        var reasons: [String] = []
        if !programmeWritten { reasons.append("no programme has been written yet") }
        if !enabled.isEmpty {
            if let lastSuccess {
                let shortest = enabled.map { SourceSchedule.seconds($0.interval(default: config.settings)) }.min() ?? 3600
                let limit = shortest * staleAfter
                if now.timeIntervalSince(lastSuccess) > limit {
                    reasons.append("stale: no source has answered since \(UTCTimestamp.string(lastSuccess)) "
                        + "(more than \(Int(staleAfter)) intervals of \(DurationText.format(.seconds(Int64(shortest)))))")
                }
            } else {
                reasons.append("no source has answered yet")
            }
            if failing * 2 > enabled.count {
                reasons.append("\(failing) of \(enabled.count) sources are failing")
            }
        }
        return HealthReport(healthy: reasons.isEmpty, reasons: reasons, sources: enabled.count, failing: failing,
                            lastSuccess: lastSuccess)
    }
}
