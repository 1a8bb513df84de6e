// Recurring VEVENTs expanded into one Event per occurrence inside the window: RRULE days,
// RDATE additions, EXDATE removals, RECURRENCE-ID overrides replacing their occurrence.

import Foundation
import LabfeedCore

/// Expands recurring events within [now - past margin, now + window].
struct ICSRecurrence {
    let context: ParseContext
    let times: ICSTimes
    let builder: ICSEventBuilder

    func occurrences(of master: ICSComponent, uid: String, start: ICSDateValue, span: ICSSpan,
                     overrides: [ICSComponent], warnings: inout [String]) -> [Event] {
        let lower = context.now.addingTimeInterval(-context.recurrencePastMargin)
        let upper = context.now.addingTimeInterval(context.recurrenceWindow)
        let lastDay = LocalDateTime(upper, in: context.timeZone).date.adding(days: 1)
        var days: [CivilDate] = [start.civilDate]
        if let p = master.first("RRULE") {
            if let rule = RecurrenceRule(p.value) {
                if !rule.unsupported.isEmpty {
                    warnings.append("line \(p.line): RRULE parts \(rule.unsupported.joined(separator: ", ")) are not applied")
                }
                days = RecurrenceExpander.days(rule, start: start.civilDate, through: lastDay, isPastUntil: { day in
                    isPastUntil(day, rule: rule, start: start)
                })
            } else {
                warnings.append("line \(p.line): unreadable RRULE \(p.value.debugDescription); only the first occurrence kept")
            }
        }
        // RDATE: extra days at the start's time of day (date-times at their own time are rare;
        // they are placed on their day).
        for p in master.all("RDATE") {
            if p.parameter("VALUE")?.uppercased() == "PERIOD" {
                warnings.append("line \(p.line): RDATE periods are not supported, ignored")
                continue
            }
            for value in ICSValues.dateList(p) where !days.contains(value.civilDate) { days.append(value.civilDate) }
        }
        days.sort()
        var excludedKeys: Set<String> = []
        var excludedDays: Set<CivilDate> = []
        for p in master.all("EXDATE") {
            for value in ICSValues.dateList(p) {
                if value.isDate { excludedDays.insert(value.civilDate) } else { excludedKeys.insert(times.key(value)) }
            }
        }
        var replacements: [String: ICSComponent] = [:]
        for o in overrides {
            if let rid = o.first("RECURRENCE-ID").flatMap({ ICSValues.dateValue($0) }) { replacements[times.key(rid)] = o }
        }
        var events: [Event] = []
        var used: Set<String> = []
        for day in days {
            let key = times.key(start, on: day)
            if excludedDays.contains(day) || excludedKeys.contains(key) { continue }
            if let override = replacements[key] {
                used.insert(key)
                if let event = overrideEvent(override, uid: uid, key: key, warnings: &warnings), inWindow(event.start, event.end, lower, upper) {
                    events.append(event)
                }
                continue
            }
            let startTime = times.eventTime(start, on: day)
            let end = times.end(of: start, on: day, span: span)
            guard inWindow(startTime, end, lower, upper) else { continue }
            events.append(builder.event(master, start: startTime, end: end, sourceID: "\(uid)#\(key)"))
        }
        // Overrides whose original occurrence was not generated (moved into the window).
        for (key, o) in replacements where !used.contains(key) {
            if let event = overrideEvent(o, uid: uid, key: key, warnings: &warnings), inWindow(event.start, event.end, lower, upper) {
                events.append(event)
            }
        }
        if events.isEmpty {
            warnings.append("line \(master.line): recurring event \(builder.title(master).debugDescription) has no occurrence between \(UTCTimestamp.string(lower)) and \(UTCTimestamp.string(upper))")
        }
        return events.sorted { $0.start < $1.start }
    }

    /// An overriding VEVENT as the event of its occurrence.
    private func overrideEvent(_ o: ICSComponent, uid: String, key: String, warnings: inout [String]) -> Event? {
        guard let startProperty = o.first("DTSTART"), let start = ICSValues.dateValue(startProperty) else {
            warnings.append("line \(o.line): RECURRENCE-ID override without a readable DTSTART, ignored")
            return nil
        }
        var local: [String] = []
        let span = times.span(of: o, start: start, warnings: &local)
        warnings += local.map { "line \(o.line): \($0)" }
        return builder.event(o, start: times.eventTime(start), end: times.end(of: start, span: span), sourceID: "\(uid)#\(key)")
    }

    /// Whether an occurrence overlaps [lower, upper].
    private func inWindow(_ start: EventTime, _ end: EventTime?, _ lower: Date, _ upper: Date) -> Bool {
        let zone = context.timeZone
        let startInstant = start.instant(in: zone)
        var endInstant = end?.instant(in: zone) ?? startInstant
        if end?.isAllDay == true || (end == nil && start.isAllDay) { endInstant = endInstant.addingTimeInterval(86_400) }
        return startInstant <= upper && endInstant >= lower
    }

    /// UNTIL compared as the RFC says: a date with the day, a UTC date-time with the instant,
    /// a floating one with the local time.
    private func isPastUntil(_ day: CivilDate, rule: RecurrenceRule, start: ICSDateValue) -> Bool {
        guard let until = rule.until else { return false }
        switch until {
        case .date(let u):
            return day > u
        case .dateTime(let u, let h, let m, let s, let utc, _):
            guard let local = times.local(start, on: day) else {
                // An all-day event with a date-time UNTIL: compare days in UTC.
                return day > u
            }
            if utc { return local.instant > LocalDateTime(date: u, hour: h, minute: m, second: s, utcOffset: 0).instant }
            return (local.date, local.hour, local.minute, local.second) > (u, h, m, s)
        }
    }
}
