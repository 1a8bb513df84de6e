// Start and end times of VEVENTs: values resolved through their zones, durations applied in
// wall-clock days plus exact seconds, results shown in the display zone.

import Foundation
import LabfeedCore

/// How long an event lasts, as iCalendar counts it.
enum ICSSpan: Sendable {
    case none
    /// All-day: the number of days, DTEND being exclusive.
    case days(Int)
    /// Timed: nominal days (same wall-clock time) plus exact seconds.
    case timed(days: Int, seconds: Int)
}

/// Turns iCalendar date values into EventTimes.
struct ICSTimes {
    let resolver: ICSZoneResolver
    /// Where floating times are read (X-WR-TIMEZONE, else the context zone).
    let floating: TimeZone
    /// Where timed events are shown.
    let display: TimeZone

    func zone(_ value: ICSDateValue) -> ICSZone {
        guard case .dateTime(_, _, _, _, let utc, let tzid) = value else { return .floating }
        return utc ? .utc : resolver.zone(for: tzid).0
    }

    func zoneWarning(_ value: ICSDateValue) -> String? {
        guard case .dateTime(_, _, _, _, false, let tzid?) = value else { return nil }
        return resolver.zone(for: tzid).1
    }

    /// The local time in the value's own zone (offset included).
    func local(_ value: ICSDateValue, on day: CivilDate? = nil) -> LocalDateTime? {
        guard case .dateTime(let d, let h, let m, let s, _, _) = value else { return nil }
        return zone(value).localTime(day ?? d, h, m, s, floating: floating)
    }

    /// The value as an EventTime, a timed one shown in the display zone.
    func eventTime(_ value: ICSDateValue, on day: CivilDate? = nil) -> EventTime {
        guard let local = local(value, on: day) else { return .day(day ?? value.civilDate) }
        return .time(LocalDateTime(local.instant, in: display))
    }

    /// The recurrence key of a start: its UTC time, or its day when all-day.
    func key(_ value: ICSDateValue, on day: CivilDate? = nil) -> String {
        guard let local = local(value, on: day) else { return (day ?? value.civilDate).iso }
        return UTCTimestamp.string(local.instant)
    }

    /// The span of a VEVENT from DTEND or DURATION, with warnings for inconsistent values.
    func span(of c: ICSComponent, start: ICSDateValue, warnings: inout [String]) -> ICSSpan {
        if let p = c.first("DTEND") {
            guard let end = ICSValues.dateValue(p) else {
                warnings.append("unreadable DTEND \(p.value.debugDescription); end left empty")
                return .none
            }
            switch (start, end) {
            case (.date(let s), .date(let e)):
                guard e > s else {
                    if e < s { warnings.append("DTEND \(e.iso) before DTSTART \(s.iso); end left empty") }
                    return .days(1)
                }
                return .days(e.dayNumber - s.dayNumber)
            case (.dateTime, .dateTime):
                let seconds = Int(local(end)!.instant.timeIntervalSince(local(start)!.instant))
                guard seconds >= 0 else {
                    warnings.append("DTEND \(p.value) before DTSTART; end left empty")
                    return .none
                }
                return .timed(days: 0, seconds: seconds)
            default:
                warnings.append("DTSTART and DTEND mix a date and a date-time; end left empty")
                return start.isDate ? .days(1) : .none
            }
        }
        if let p = c.first("DURATION") {
            guard let d = ICSValues.duration(p.value), d.days >= 0, d.seconds >= 0 else {
                warnings.append("unreadable or negative DURATION \(p.value.debugDescription); end left empty")
                return start.isDate ? .days(1) : .none
            }
            if start.isDate { return .days(max(1, d.days + (d.seconds + 86_399) / 86_400)) }
            return .timed(days: d.days, seconds: d.seconds)
        }
        return start.isDate ? .days(1) : .none
    }

    /// The end of an occurrence that starts on `day` (the start's own day when nil).
    func end(of start: ICSDateValue, on day: CivilDate? = nil, span: ICSSpan) -> EventTime? {
        let first = day ?? start.civilDate
        switch span {
        case .none:
            return nil
        case .days(let n):
            return n > 1 ? .day(first.adding(days: n - 1)) : nil
        case .timed(let days, let seconds):
            guard let startLocal = local(start, on: first) else { return nil }
            let base = days == 0 ? startLocal : local(start, on: first.adding(days: days))!
            let instant = base.instant.addingTimeInterval(TimeInterval(seconds))
            return .time(LocalDateTime(instant, in: display))
        }
    }
}

extension ICSDateValue {
    var isDate: Bool { if case .date = self { true } else { false } }
}
