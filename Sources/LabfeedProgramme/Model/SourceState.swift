// What labfeed remembers about fetching one source, and the health it reports for it.

public import Foundation
import LabfeedCore

/// The validators of the last good response, sent back in conditional requests.
public struct Validators: Sendable, Hashable, Codable {
    /// `ETag`, as received (weak tags keep their `W/`).
    public var etag: String?
    /// `Last-Modified`, as received.
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// The fetch state of one source, as the store keeps it between syncs.
///
/// Times are whole seconds (the store truncates them) so that the outputs built from them are
/// the same bytes for the same state.
public struct SourceState: Sendable, Hashable, Codable {
    public var sourceID: String
    public var validators: Validators
    public var lastAttempt: Date?
    /// The last fetch that answered with content or "not modified".
    public var lastSuccess: Date?
    /// When the source's events last changed (a good fetch whose events differ from before).
    public var lastChange: Date?
    /// The error of the last attempt, nil after a success.
    public var lastError: String?
    /// When the current run of failures began, nil after a success.
    public var failingSince: Date?
    public var consecutiveFailures: Int
    /// Where a 301/308 said the source now lives; the fetcher should use it next time.
    public var permanentRedirect: String?
    /// A hash of the last body, to skip parsing an unchanged body sent without validators.
    public var bodyHash: String?
    /// Do not fetch before this (from `Retry-After`).
    public var retryAfterUntil: Date?

    public init(sourceID: String, validators: Validators = Validators(), lastAttempt: Date? = nil, lastSuccess: Date? = nil,
                lastChange: Date? = nil, lastError: String? = nil, failingSince: Date? = nil, consecutiveFailures: Int = 0,
                permanentRedirect: String? = nil, bodyHash: String? = nil, retryAfterUntil: Date? = nil) {
        self.sourceID = sourceID
        self.validators = validators
        self.lastAttempt = lastAttempt
        self.lastSuccess = lastSuccess
        self.lastChange = lastChange
        self.lastError = lastError
        self.failingSince = failingSince
        self.consecutiveFailures = consecutiveFailures
        self.permanentRedirect = permanentRedirect
        self.bodyHash = bodyHash
        self.retryAfterUntil = retryAfterUntil
    }
}

/// One entry of `sources` in programme.json: how a source is doing.
///
/// Holds nothing that moves on every sync (the last attempt, the count of consecutive
/// failures of a source that keeps failing), so that a sync that changes nothing writes the
/// same bytes: `failing_since` says how long a source has been failing.
public struct SourceHealth: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// The last attempt succeeded.
        case ok
        /// The last attempt failed; the source's last good events are kept.
        case failing
        /// Never fetched yet.
        case pending
    }

    public var id: String
    public var name: String?
    public var status: Status
    /// How many events the source holds (from its last good fetch).
    public var events: Int
    /// When its events last changed.
    public var lastChange: Date?
    public var lastError: String?
    public var failingSince: Date?
    public var consecutiveFailures: Int

    public init(id: String, name: String? = nil, status: Status, events: Int, lastChange: Date? = nil, lastError: String? = nil,
                failingSince: Date? = nil, consecutiveFailures: Int = 0) {
        self.id = id
        self.name = name
        self.status = status
        self.events = events
        self.lastChange = lastChange
        self.lastError = lastError
        self.failingSince = failingSince
        self.consecutiveFailures = consecutiveFailures
    }

    /// The health of a source from its state (nil: never fetched) and its event count.
    public init(id: String, name: String? = nil, state: SourceState?, events: Int) {
        let status: Status
        if let state {
            status = state.consecutiveFailures > 0 ? .failing : (state.lastSuccess == nil ? .pending : .ok)
        } else {
            status = .pending
        }
        self.init(id: id, name: name, status: status, events: events, lastChange: state?.lastChange,
                  lastError: state?.lastError, failingSince: state?.failingSince,
                  consecutiveFailures: state?.consecutiveFailures ?? 0)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status, events
        case lastChange = "last_change"
        case lastError = "last_error"
        case failingSince = "failing_since"
        case consecutiveFailures = "consecutive_failures"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(events, forKey: .events)
        try c.encode(lastChange.map(UTCTimestamp.string), forKey: .lastChange)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(failingSince.map(UTCTimestamp.string), forKey: .failingSince)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        status = try c.decode(Status.self, forKey: .status)
        events = try c.decode(Int.self, forKey: .events)
        lastChange = try TimestampCoding.decodeIfPresent(c, .lastChange)
        lastError = try c.decodeIfPresent(String.self, forKey: .lastError)
        failingSince = try TimestampCoding.decodeIfPresent(c, .failingSince)
        consecutiveFailures = try c.decodeIfPresent(Int.self, forKey: .consecutiveFailures) ?? 0
    }
}

/// The whole programme at one moment: what every writer renders.
public struct Programme: Sendable, Hashable {
    /// When the events last changed (not the wall clock of the build), nil for an empty state.
    public var updatedAt: Date?
    public var sources: [SourceHealth]
    /// Sorted by start, then id (``ProgrammeOrder``) by the initialiser; a caller assigning or
    /// changing them may leave them in any order (the writers read ``orderedEvents``).
    public var events: [ProgrammeEvent] {
        didSet { eventsInOrder = false }
    }
    /// True while ``events`` are those the initialiser put in order: set by it, cleared by any
    /// change of the events (even one keeping the order; the writers then check again).
    private var eventsInOrder: Bool

    public init(updatedAt: Date?, sources: [SourceHealth], events: [ProgrammeEvent]) {
        self.updatedAt = updatedAt
        self.sources = sources
        self.events = ProgrammeOrder.sorted(events)
        eventsInOrder = true
    }

    /// A programme of events already in ``ProgrammeOrder`` (``ProgrammeOrder/sort(_:)`` of them):
    /// the builder's, which sorts them itself, without the public initialiser's check of the
    /// order neighbour by neighbour.
    init(updatedAt: Date?, sources: [SourceHealth], orderedEvents: [ProgrammeEvent]) {
        self.updatedAt = updatedAt
        self.sources = sources
        self.events = orderedEvents
        eventsInOrder = true
    }

    /// The events in programme order: ``events`` as they are when the initialiser ordered
    /// them and nothing changed them since, else ``ProgrammeOrder/sorted(_:)`` of them.
    /// Why: the order was checked again, neighbour by neighbour, by each of four writers of
    /// every sync; it is checked once, when the programme is made.
    public var orderedEvents: [ProgrammeEvent] {
        eventsInOrder ? events : ProgrammeOrder.sorted(events)
    }

    // Equality and hashing are the three fields' (whether the order is known is not a value).
    public static func == (a: Programme, b: Programme) -> Bool {
        a.updatedAt == b.updatedAt && a.sources == b.sources && a.events == b.events
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(updatedAt)
        hasher.combine(sources)
        hasher.combine(events)
    }
}

/// The order of the programme: by start day, all-day first, then start instant, then id.
public enum ProgrammeOrder {
    public static func precedes(_ a: ProgrammeEvent, _ b: ProgrammeEvent) -> Bool {
        let x = a.event.start, y = b.event.start
        if x.date != y.date { return x.date < y.date }
        if x.isAllDay != y.isAllDay { return x.isAllDay }
        if case .time(let s) = x, case .time(let t) = y, s.instant != t.instant { return s.instant < t.instant }
        if !sameText(x, y), x.iso != y.iso { return x.iso < y.iso }
        return a.id < b.id
    }

    /// Whether two starts of one day are sure to have the same ISO text without writing it
    /// (writing both, for every tie, was most of the comparison's time): two all-day dates,
    /// or two times whose fields are all equal.
    @inline(__always)
    static func sameText(_ x: EventTime, _ y: EventTime) -> Bool {
        switch (x, y) {
        case (.day(let d), .day(let e)): d == e
        case (.time(let s), .time(let t)): s == t
        default: false
        }
    }

    /// Sorts the events in place in the order of ``precedes(_:_:)``, each event's key (start
    /// day, all-day, instant, ISO text, id) made once instead of in every comparison: the
    /// comparison formats both starts' ISO text when their instants tie, which made sorting a
    /// cold sync's programme a tenth of its build. The order is the same, being total (ids are
    /// unique; equal ids keep no particular order in either). The keys are made on every core,
    /// and the ISO text is written only to compare two timed starts of one instant whose fields
    /// differ (``sameText(_:_:)``), which hardly happens: writing it for every timed start was a
    /// third of the sort. Two all-day starts of one day have the same text.
    public static func sort(_ events: inout [ProgrammeEvent]) {
        struct Key {
            var date: CivilDate
            var instant: Date?
            /// The timed start (nil: all day).
            var time: LocalDateTime?
            var id: String

            static func precedes(_ a: Key, _ b: Key) -> Bool {
                if a.date != b.date { return a.date < b.date }
                if (a.time == nil) != (b.time == nil) { return a.time == nil }  // all day first
                if let x = a.instant, let y = b.instant, x != y { return x < y }
                if let s = a.time, let t = b.time, s != t, case let (x, y) = (s.iso, t.iso), x != y { return x < y }
                return a.id < b.id
            }
        }
        var keys: [Key] = {
            let snapshot = events
            return ParallelMap.map(snapshot.count) { i -> Key in
                let start = snapshot[i].event.start
                if case .time(let t) = start {
                    return Key(date: start.date, instant: t.instant, time: t, id: snapshot[i].id)
                }
                return Key(date: start.date, instant: nil, time: nil, id: snapshot[i].id)
            }
        }()
        // The positions sorted, the keys read in place: sorting the keys themselves copied
        // them (a retain of two strings) at every move of the merge sort.
        var order = Array(keys.indices)  // position i takes the event at order[i]
        keys.withUnsafeBufferPointer { keys in
            order.sort { Key.precedes(keys[$0], keys[$1]) }
        }
        keys = []
        // Applied in place, cycle by cycle: a second array of the events is never made.
        events.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in order.indices where order[start] >= 0 {
                if order[start] == start {
                    order[start] = -1
                    continue
                }
                let first = (base + start).move()
                var i = start
                while true {
                    let from = order[i]
                    order[i] = -1
                    if from == start {
                        (base + i).initialize(to: first)
                        break
                    }
                    (base + i).moveInitialize(from: base + from, count: 1)
                    i = from
                }
            }
        }
    }

    /// The events in programme order, without a copy when they are in it already (as a
    /// ``Programme``'s are): each writer used to sort its own copy of the whole programme.
    /// The check compares neighbours in place (a `zip` of the array copied every event twice,
    /// retaining each of its strings: 1% of a cold sync, paid by four writers).
    public static func sorted(_ events: [ProgrammeEvent]) -> [ProgrammeEvent] {
        let inOrder = events.withUnsafeBufferPointer { buffer in
            buffer.indices.dropFirst().allSatisfy { !precedes(buffer[$0], buffer[$0 - 1]) }
        }
        return inOrder ? events : events.sorted(by: precedes)
    }
}

/// Whole seconds: every time the programme stores or writes is truncated so bytes are stable.
@inline(__always)
func wholeSeconds(_ date: Date) -> Date {
    Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
}
