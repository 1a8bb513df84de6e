// Dates of structured data (ISO 8601) into EventTime, at the precision given, in the page's zone.

import Foundation
import LabfeedCore

enum StructuredDate {
    /// `2022-11-08` → an all-day `.day`; `2022-11-08T09:30` (no offset) → that wall-clock time in
    /// `zone`; a time with `Z` or an offset → the same instant on `zone`'s clock. A partial date
    /// (`2022-11`) or anything that is not ISO 8601 is nil.
    static func eventTime(_ text: String, zone: TimeZone) -> EventTime? {
        guard let p = ISO8601.parse(text), !p.isPartial else { return nil }
        guard let hour = p.hour else { return .day(p.date) }
        let minute = p.minute ?? 0, second = p.second ?? 0
        guard let offset = p.utcOffset else {
            return .time(LocalDateTime(date: p.date, hour: hour, minute: minute, second: second, in: zone))
        }
        let written = LocalDateTime(date: p.date, hour: hour, minute: minute, second: second, utcOffset: offset)
        // The instant on the zone's clock: integer arithmetic and the zone's offsets cached per
        // span (LocalDateTime, ZoneOffsetCache in LabfeedCore), no Foundation calendar nor ICU
        // call per time. (It gives the written wall clock back when the offset is the zone's own.)
        let instant = written.instant
        return .time(LocalDateTime(instant, in: zone))
    }

    /// An all-day range written as times (`00:00` to `23:59`, as The Events Calendar writes
    /// all-day events) read back as days; the end day is inclusive, as schema.org's endDate.
    static func allDayRange(start: EventTime, end: EventTime?) -> (EventTime, EventTime?) {
        guard case .time(let s) = start, s.hour == 0, s.minute == 0, s.second == 0,
              let end, case .time(let e) = end, e.hour == 23, e.minute == 59, e.date >= s.date else {
            return (start, end)
        }
        return (.day(s.date), .day(e.date))
    }

    /// `PT2H`, `P1DT3H30M`, `PT90M`: the seconds of an ISO 8601 duration (no years or months),
    /// or nil.
    static func durationSeconds(_ text: String) -> Int? {
        guard let parts = ISODuration.parts(Substring(Whitespace.trim(text).uppercased())) else { return nil }
        var total = 0
        for (number, unit) in parts {
            guard let value = Double(number) else { return nil }
            switch unit {
            case .week: total += Int(value * 604_800)
            case .day: total += Int(value * 86_400)
            case .hour: total += Int(value * 3600)
            case .minute: total += Int(value * 60)
            case .second: total += Int(value)
            }
        }
        return total
    }

    /// `start` plus a duration, on `zone`'s clock; nil for an all-day start.
    static func end(start: EventTime, plus seconds: Int, zone: TimeZone) -> EventTime? {
        guard case .time(let t) = start, seconds > 0 else { return nil }
        return .time(LocalDateTime(t.instant.addingTimeInterval(TimeInterval(seconds)), in: zone))
    }
}
