// What one sync did, source by source, and what changed in the programme.

public import Foundation
public import LabfeedProgramme

/// The outcome of one source in a sync.
public enum SourceOutcome: Sendable, Hashable {
    /// Fetched and parsed: how many events it now has.
    case fetched(events: Int, warnings: Int)
    /// 304, or the same body as last time: its events stand.
    case unchanged
    /// The fetch failed; the source keeps its last good events.
    case failed(reason: String)

    public var isFailure: Bool { if case .failed = self { true } else { false } }
}

/// One source's line in the sync summary.
public struct SourceResult: Sendable, Hashable {
    public var id: String
    public var outcome: SourceOutcome
    /// A 301/308 was followed: the URL feeds.yml should now say.
    public var movedTo: String?
}

/// Everything `labfeed sync` reports.
public struct SyncReport: Sendable {
    public var sources: [SourceResult]
    /// Sources not due, left alone.
    public var skipped: [String]
    public var eventsNew: Int
    public var eventsUpdated: Int
    public var eventsRemoved: Int
    public var eventsTotal: Int
    /// Output file name → written or unchanged.
    public var outputs: [String: WriteOutcome]
    public var startedAt: Date
    public var duration: Duration
    /// False when the programme was left as it was (``SyncPipeline/Rebuild/whenChanged`` and
    /// nothing new): `outputs` is then empty and the event counts are the previous ones.
    public var rebuilt: Bool = true

    public var fetched: [SourceResult] { sources.filter { if case .fetched = $0.outcome { true } else { false } } }
    public var unchanged: [SourceResult] { sources.filter { $0.outcome == .unchanged } }
    public var failed: [SourceResult] { sources.filter(\.outcome.isFailure) }
    /// True when sources were tried and every one of them failed.
    public var allFailed: Bool { !sources.isEmpty && failed.count == sources.count }

    /// The summary printed at the end of a sync.
    public func summary() -> String {
        var lines: [String] = []
        lines.append("sources: \(fetched.count) fetched, \(unchanged.count) unchanged, \(failed.count) failed"
            + (skipped.isEmpty ? "" : ", \(skipped.count) not due"))
        for result in failed {
            if case .failed(let reason) = result.outcome { lines.append("  failed \(result.id): \(reason)") }
        }
        for result in sources {
            if let moved = result.movedTo { lines.append("  moved  \(result.id): now at \(moved) (update feeds.yml)") }
        }
        lines.append("events:  \(eventsNew) new, \(eventsUpdated) updated, \(eventsRemoved) removed, \(eventsTotal) in the programme")
        let written = outputs.filter { $0.value == .written }.keys.sorted()
        lines.append("outputs: " + (written.isEmpty ? "unchanged" : "wrote " + written.joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}
