// The days on which a recurrence rule falls, from its first day up to a last day. Times of day
// are the caller's (wall-clock time of DTSTART in its zone), so daylight saving never shifts an
// occurrence.

import LabfeedCore

/// Expands a ``RecurrenceRule`` into calendar days.
enum RecurrenceExpander {
    /// At most this many periods (days, weeks, months or years) are walked: a daily rule that
    /// started decades ago still ends.
    static let maxPeriods = 200_000

    /// The days of the rule, ascending, starting with `start` itself (RFC 5545: DTSTART is the
    /// first occurrence and counts toward COUNT).
    /// - Parameters:
    ///   - through: no day after this one is produced.
    ///   - isPastUntil: whether a day falls after the rule's UNTIL (compared by the caller,
    ///     who knows the time and zone).
    static func days(_ rule: RecurrenceRule, start: CivilDate, through last: CivilDate,
                     isPastUntil: (CivilDate) -> Bool) -> [CivilDate] {
        var result: [CivilDate] = []
        guard start <= last, !isPastUntil(start) else { return result }
        result.append(start)
        var produced = 1
        if let count = rule.count, produced >= count { return result }
        var period = 0
        while period < maxPeriods {
            var candidates = self.candidates(rule, start: start, period: period)
            if !rule.bySetPos.isEmpty { candidates = setPositions(candidates, rule.bySetPos) }
            candidates = candidates.filter { $0 > start }
            for day in candidates {
                if day > last || isPastUntil(day) { return result }
                result.append(day)
                produced += 1
                if let count = rule.count, produced >= count { return result }
            }
            if periodStart(rule, start: start, period: period) > last { return result }
            period += 1
        }
        return result
    }

    /// The first day of a period, to know when to stop when a period yields nothing.
    private static func periodStart(_ rule: RecurrenceRule, start: CivilDate, period: Int) -> CivilDate {
        let n = period * rule.interval
        switch rule.frequency {
        case .daily: return start.adding(days: n)
        case .weekly: return start.adding(days: 7 * n - 6)
        case .monthly:
            let m = start.month - 1 + n
            return CivilDate(year: start.year + m / 12, month: m % 12 + 1, day: 1)
        case .yearly: return CivilDate(year: start.year + n, month: 1, day: 1)
        }
    }

    /// The sorted candidate days of one period, before COUNT, UNTIL and the window.
    private static func candidates(_ rule: RecurrenceRule, start: CivilDate, period: Int) -> [CivilDate] {
        let n = period * rule.interval
        switch rule.frequency {
        case .daily:
            let d = start.adding(days: n)
            return matchesFilters(d, rule, checkDay: true) ? [d] : []
        case .weekly:
            let offset = (start.weekday - rule.weekStart + 7) % 7
            let weekFirst = start.adding(days: -offset + 7 * n)
            let weekdays = rule.byDay.isEmpty ? [start.weekday] : rule.byDay.map(\.weekday)
            let days = Set(weekdays).map { weekFirst.adding(days: ($0 - rule.weekStart + 7) % 7) }.sorted()
            return days.filter { rule.byMonth.isEmpty || rule.byMonth.contains($0.month) }
        case .monthly:
            let m = start.month - 1 + n
            let year = start.year + m / 12, month = m % 12 + 1
            guard rule.byMonth.isEmpty || rule.byMonth.contains(month) else { return [] }
            return daysInMonth(rule, year: year, month: month, defaultDay: start.day)
        case .yearly:
            let year = start.year + n
            if !rule.byDay.isEmpty && rule.byMonth.isEmpty && rule.byMonthDay.isEmpty {
                return weekdaysInYear(rule.byDay, year: year)
            }
            let months = !rule.byMonth.isEmpty ? rule.byMonth.sorted()
                : (rule.byMonthDay.isEmpty && rule.byDay.isEmpty ? [start.month] : Array(1...12))
            return months.flatMap { daysInMonth(rule, year: year, month: $0, defaultDay: start.day) }
        }
    }

    /// BYMONTHDAY and BYDAY applied within one month (intersection when both are given).
    private static func daysInMonth(_ rule: RecurrenceRule, year: Int, month: Int, defaultDay: Int) -> [CivilDate] {
        let length = CivilDate.daysIn(month: month, year: year)
        var fromMonthDay: Set<Int>?
        if !rule.byMonthDay.isEmpty {
            fromMonthDay = Set(rule.byMonthDay.compactMap { d -> Int? in
                let day = d > 0 ? d : length + d + 1
                return (1...length).contains(day) ? day : nil
            })
        }
        var fromWeekday: Set<Int>?
        if !rule.byDay.isEmpty {
            var set: Set<Int> = []
            let firstWeekday = CivilDate(year: year, month: month, day: 1).weekday
            for entry in rule.byDay {
                let first = (entry.weekday - firstWeekday + 7) % 7 + 1
                let all = Array(stride(from: first, through: length, by: 7))
                if let o = entry.ordinal {
                    let index = o > 0 ? o - 1 : all.count + o
                    if all.indices.contains(index) { set.insert(all[index]) }
                } else {
                    set.formUnion(all)
                }
            }
            fromWeekday = set
        }
        var days: Set<Int>
        switch (fromMonthDay, fromWeekday) {
        case (let a?, let b?): days = a.intersection(b)
        case (let a?, nil): days = a
        case (nil, let b?): days = b
        case (nil, nil): days = defaultDay <= length ? [defaultDay] : []
        }
        return days.sorted().map { CivilDate(year: year, month: month, day: $0) }
    }

    /// Yearly BYDAY without BYMONTH: the nth weekday of the year, or every such weekday.
    private static func weekdaysInYear(_ byDay: [RecurrenceRule.WeekdayNumber], year: Int) -> [CivilDate] {
        let jan1 = CivilDate(year: year, month: 1, day: 1)
        let length = CivilDate(year: year + 1, month: 1, day: 1).dayNumber - jan1.dayNumber
        var set: Set<CivilDate> = []
        for entry in byDay {
            let first = (entry.weekday - jan1.weekday + 7) % 7
            let all = Array(stride(from: first, to: length, by: 7))
            if let o = entry.ordinal {
                let index = o > 0 ? o - 1 : all.count + o
                if all.indices.contains(index) { set.insert(jan1.adding(days: all[index])) }
            } else {
                set.formUnion(all.map { jan1.adding(days: $0) })
            }
        }
        return set.sorted()
    }

    private static func matchesFilters(_ d: CivilDate, _ rule: RecurrenceRule, checkDay: Bool) -> Bool {
        if !rule.byMonth.isEmpty && !rule.byMonth.contains(d.month) { return false }
        if !rule.byMonthDay.isEmpty {
            let length = CivilDate.daysIn(month: d.month, year: d.year)
            if !rule.byMonthDay.contains(where: { ($0 > 0 ? $0 : length + $0 + 1) == d.day }) { return false }
        }
        if checkDay && !rule.byDay.isEmpty && !rule.byDay.contains(where: { $0.weekday == d.weekday }) { return false }
        return true
    }

    /// BYSETPOS: the 1-based (or negative, from the end) positions within a period's set.
    private static func setPositions(_ days: [CivilDate], _ positions: [Int]) -> [CivilDate] {
        Set(positions.compactMap { p -> CivilDate? in
            let index = p > 0 ? p - 1 : days.count + p
            return days.indices.contains(index) ? days[index] : nil
        }).sorted()
    }
}
