// When an event is over, and when it leaves the programme.

public import Foundation
public import LabfeedCore

/// Past and expiry (docs/PROGRAMME.md, "Lifecycle").
///
/// An event is past once its end is before now: a timed end at its instant, an all-day end at
/// the following midnight in the programme's zone; without an end, the start stands for it (an
/// all-day start lasts the whole day). A past event leaves the programme once it has been over
/// for longer than `keep_past` (never with `forever`).
public enum Lifecycle {
    /// The instant the event is over.
    public static func endInstant(of event: Event, zone: TimeZone) -> Date {
        endInstant(end: event.end ?? event.start, zone: zone)
    }

    /// ``endInstant(of:zone:)`` from the event's end, else its start (`end ?? start`): the
    /// build reads the two times in place instead of copying each event.
    static func endInstant(end: EventTime, zone: TimeZone) -> Date {
        switch end {
        case .time(let t): return t.instant
        case .day(let d): return EventTime.day(d.adding(days: 1)).instant(in: zone)
        }
    }

    /// ``isExpired(_:now:keepPast:zone:)`` from the event's `end ?? start`.
    static func isExpired(end: EventTime, now: Date, keepPast: KeepPast, zone: TimeZone) -> Bool {
        guard case .duration(let keep) = keepPast else { return false }
        return now.timeIntervalSince(endInstant(end: end, zone: zone)) > Double(keep.components.seconds)
    }

    public static func isPast(_ event: Event, now: Date, zone: TimeZone) -> Bool {
        endInstant(of: event, zone: zone) <= now
    }

    /// True when the event has been over for longer than `keepPast`.
    public static func isExpired(_ event: Event, now: Date, keepPast: KeepPast, zone: TimeZone) -> Bool {
        isExpired(end: event.end ?? event.start, now: now, keepPast: keepPast, zone: zone)
    }

    /// The first instant after `now` at which one of `events` turns past or, with a `keepPast`
    /// duration, leaves the programme: until then a build from the same inputs gives the same
    /// programme. `Date.distantFuture` when none will.
    public static func nextChange(of events: [ProgrammeEvent], now: Date, keepPast: KeepPast, zone: TimeZone) -> Date {
        let keep: Double? = if case .duration(let d) = keepPast { Double(d.components.seconds) } else { nil }
        var next = Date.distantFuture
        for event in events {
            let end = endInstant(of: event.event, zone: zone)
            if end > now { next = min(next, end) }
            if let keep {
                let leaves = end.addingTimeInterval(keep)
                if leaves >= now { next = min(next, leaves) }
            }
        }
        return next
    }
}
