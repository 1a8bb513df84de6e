// How each source is doing, for `labfeed sources` (table or JSON) and the daemon's STATUS= line.

public import Foundation
public import LabfeedCore
public import LabfeedProgramme

/// One source's line in `labfeed sources`.
public struct SourceStatus: Sendable, Hashable, Codable {
    /// The source's condition, most telling first.
    public enum Condition: String, Sendable, Hashable, Codable {
        /// Its last fetch brought content.
        case ok
        /// Its last good fetch brought nothing new (304, the same body, or the same events).
        case notModified = "not modified"
        /// Its last attempt failed (see `failingSince` and `lastError`).
        case failing
        /// robots.txt forbids it (a failure of its own kind: fix it on the site, or `robots: false`
        /// for your own site).
        case robotsBlocked = "robots-blocked"
        /// Never fetched yet.
        case pending
        /// `enabled: false` in feeds.yml.
        case disabled
    }

    public var id: String
    public var name: String?
    public var url: String
    public var condition: Condition
    /// When the current run of failures began.
    public var failingSince: Date?
    public var consecutiveFailures: Int
    /// A 301/308 says the source now lives here: update feeds.yml.
    public var movedTo: String?
    public var lastSuccess: Date?
    /// When the daemon (or `labfeed sync`) will fetch it next; nil for disabled sources.
    public var nextDue: Date?
    /// Events from its last good fetch.
    public var events: Int
    public var lastError: String?
    /// On a shared store: the worker fetching it now (``Lease/owner``), and until when its lease
    /// holds unless renewed. Nil when no worker holds it (and always on SQLite).
    public var leaseOwner: String?
    public var leaseUntil: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, url, condition = "state", failingSince = "failing_since", consecutiveFailures = "consecutive_failures"
        case movedTo = "moved_to", lastSuccess = "last_success", nextDue = "next_due", events, lastError = "last_error"
        case leaseOwner = "lease_owner", leaseUntil = "lease_until"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(url, forKey: .url)
        try c.encode(condition, forKey: .condition)
        try c.encode(failingSince.map(UTCTimestamp.string), forKey: .failingSince)
        try c.encode(consecutiveFailures, forKey: .consecutiveFailures)
        try c.encode(movedTo, forKey: .movedTo)
        try c.encode(lastSuccess.map(UTCTimestamp.string), forKey: .lastSuccess)
        try c.encode(nextDue.map { $0 == .distantPast ? "now" : UTCTimestamp.string($0) }, forKey: .nextDue)
        try c.encode(events, forKey: .events)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(leaseOwner, forKey: .leaseOwner)
        try c.encode(leaseUntil.map(UTCTimestamp.string), forKey: .leaseUntil)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        url = try c.decode(String.self, forKey: .url)
        condition = try c.decode(Condition.self, forKey: .condition)
        failingSince = try c.decodeIfPresent(String.self, forKey: .failingSince).flatMap(UTCTimestamp.date)
        consecutiveFailures = try c.decode(Int.self, forKey: .consecutiveFailures)
        movedTo = try c.decodeIfPresent(String.self, forKey: .movedTo)
        lastSuccess = try c.decodeIfPresent(String.self, forKey: .lastSuccess).flatMap(UTCTimestamp.date)
        let due = try c.decodeIfPresent(String.self, forKey: .nextDue)
        nextDue = due == "now" ? .distantPast : due.flatMap(UTCTimestamp.date)
        events = try c.decode(Int.self, forKey: .events)
        lastError = try c.decodeIfPresent(String.self, forKey: .lastError)
        leaseOwner = try c.decodeIfPresent(String.self, forKey: .leaseOwner)
        leaseUntil = try c.decodeIfPresent(String.self, forKey: .leaseUntil).flatMap(UTCTimestamp.date)
    }

    /// The status of `source` from its stored state (nil: never fetched) and its event count.
    public init(source: SourceConfig, state: SourceState?, events: Int, settings: Settings, schedule: SourceSchedule) {
        id = source.id
        name = source.name
        url = source.url.description
        consecutiveFailures = state?.consecutiveFailures ?? 0
        failingSince = state?.failingSince
        movedTo = state?.permanentRedirect
        lastSuccess = state?.lastSuccess
        lastError = state?.lastError
        self.events = events
        nextDue = source.enabled ? schedule.nextDue(source, state: state, settings: settings) : nil
        if !source.enabled {
            condition = .disabled
        } else if let state, state.consecutiveFailures > 0 {
            condition = Self.isRobotsBlock(state.lastError ?? "") ? .robotsBlocked : .failing
        } else if let success = state?.lastSuccess {
            condition = (state?.lastChange).map { $0 < success } ?? false ? .notModified : .ok
        } else {
            condition = .pending
        }
    }

    /// Whether an error is robots.txt forbidding the source ("robots.txt disallows this path",
    /// "robots.txt answered 503; ... assume every path is disallowed"), as opposed to any other
    /// failure that happened while fetching robots.txt (a refused connection, a timeout): those
    /// are plain failures of the host.
    static func isRobotsBlock(_ error: String) -> Bool {
        error.contains("robots.txt") && error.contains("disallow")
    }
}

/// The table of `labfeed sources` and the one-line summary of the daemon.
public enum SourceStatusTable {
    /// Every configured source, in configuration order.
    /// On a shared store, `leases` fill in who fetches what and `queued` (the store's schedule,
    /// jitter included) replaces the computed next due time of enabled sources.
    public static func rows(config: LabfeedConfig, states: [String: SourceState], eventCounts: [String: Int],
                            schedule: SourceSchedule, leases: [Lease] = [], queued: [String: Date] = [:]) -> [SourceStatus] {
        let byID = Dictionary(leases.map { ($0.sourceID, $0) }, uniquingKeysWith: { a, _ in a })
        return config.sources.map {
            var row = SourceStatus(source: $0, state: states[$0.id], events: eventCounts[$0.id] ?? 0, settings: config.settings,
                                   schedule: schedule)
            if $0.enabled, let due = queued[$0.id] { row.nextDue = due }
            row.leaseOwner = byID[$0.id]?.owner
            row.leaseUntil = byID[$0.id]?.until
            return row
        }
    }

    /// An aligned text table, times relative to `now` (`3 h ago`, `in 12 min`).
    public static func text(_ rows: [SourceStatus], now: Date) -> String {
        // The LEASE column appears only when a worker of a shared store holds a source.
        let leased = rows.contains { $0.leaseOwner != nil }
        var header = ["SOURCE", "STATE", "LAST SUCCESS", "NEXT DUE", "EVENTS", "LAST ERROR"]
        if leased { header.insert("LEASE", at: 4) }
        var table = [header]
        for row in rows {
            var state = row.condition.rawValue
            if row.condition == .failing || row.condition == .robotsBlocked, let since = row.failingSince {
                state += " since \(UTCTimestamp.string(since))"
            }
            if let moved = row.movedTo { state += ", moved permanently → \(moved)" }
            let due: String = row.nextDue.map { $0 <= now ? "now" : "in " + relative($0.timeIntervalSince(now)) } ?? "-"
            var line = [row.id, state, row.lastSuccess.map { relative(now.timeIntervalSince($0)) + " ago" } ?? "never",
                        due, String(row.events), row.lastError.map { String($0.prefix(120)) } ?? ""]
            if leased {
                let lease = row.leaseOwner.map { owner in "\(owner) until " + (row.leaseUntil.map(UTCTimestamp.string) ?? "?") } ?? "-"
                line.insert(lease, at: 4)
            }
            table.append(line)
        }
        let widths = (0..<header.count).map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { line in
            line.enumerated().map { i, cell in i == line.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// The STATUS= line: "42 sources, 3 failing, next fetch in 4 min".
    public static func summary(config: LabfeedConfig, states: [String: SourceState], schedule: SourceSchedule, now: Date,
                               fetching: Int = 0) -> String {
        let enabled = config.sources.filter(\.enabled)
        let failing = enabled.filter { (states[$0.id]?.consecutiveFailures ?? 0) > 0 }.count
        var text = "\(enabled.count) source\(enabled.count == 1 ? "" : "s"), \(failing) failing"
        if fetching > 0 {
            text += ", fetching \(fetching)"
        } else if let next = enabled.map({ schedule.nextDue($0, state: states[$0.id], settings: config.settings) }).min() {
            text += next <= now ? ", next fetch now" : ", next fetch in \(relative(next.timeIntervalSince(now)))"
        }
        return text
    }

    /// `45 s`, `4 min`, `3 h`, `2 d`.
    public static func relative(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded()))
        if s < 60 { return "\(s) s" }
        let minutes = (s + 30) / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = (s + 1800) / 3600
        if hours < 48 { return "\(hours) h" }
        return "\((s + 43_200) / 86_400) d"
    }
}
