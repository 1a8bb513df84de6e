// Turns what a rule read into real dates: years inferred from the reference day when left out,
// ranges completed from their other end, times placed in the zone.

public import LabfeedCore

/// Chooses the year of a date written without one.
public enum YearInference {
    /// The date among the reference's year, the year before and the year after that lies
    /// nearest the reference day (a December post's "12 janvier" is next January; a January
    /// post's "15 décembre" the December just gone); on a tie, the later one. When a weekday
    /// is given, the nearest date falling on it is preferred; `weekdayMismatch` is true when
    /// none of the three does. Nil when the day exists in none of the three years (29 February
    /// far from a leap year).
    public static func infer(month: Int, day: Int, weekday: Int?, reference: CivilDate)
        -> (date: CivilDate, weekdayMismatch: Bool)? {
        let ref = reference.dayNumber
        let candidates = [reference.year - 1, reference.year, reference.year + 1]
            .filter { CivilDate.isValid(year: $0, month: month, day: day) }
            .map { CivilDate(year: $0, month: month, day: day) }
            .sorted { a, b in
                let da = abs(a.dayNumber - ref), db = abs(b.dayNumber - ref)
                return da != db ? da < db : a > b
            }
        guard let nearest = candidates.first else { return nil }
        guard let weekday else { return (nearest, false) }
        if let matching = candidates.first(where: { $0.weekday == weekday }) { return (matching, false) }
        return (nearest, true)
    }
}

/// Real dates from a reading, or nil when the reading names no real date.
struct Resolver {
    let context: DateContext

    struct Resolved {
        var start: EventTime
        var end: EventTime?
        var kind: DateMatchKind
        var yearInferred: Bool
        var weekdayMismatch: Bool
    }

    /// A date written with its year, or the year inferred.
    private func date(_ p: DatePart) -> (date: CivilDate, inferred: Bool, mismatch: Bool)? {
        guard let month = p.month else { return nil }
        if let year = p.year {
            guard CivilDate.isValid(year: year, month: month, day: p.day) else { return nil }
            let d = CivilDate(year: year, month: month, day: p.day)
            return (d, false, p.weekday.map { $0 != d.weekday } ?? false)
        }
        guard let (d, mismatch) = YearInference.infer(month: month, day: p.day, weekday: p.weekday,
                                                      reference: context.reference) else { return nil }
        return (d, true, mismatch)
    }

    private func mismatch(_ p: DatePart, _ d: CivilDate) -> Bool { p.weekday.map { $0 != d.weekday } ?? false }

    /// Both ends of a range: a missing month or year is taken from the other end.
    private func range(_ a0: DatePart, _ b0: DatePart) -> (CivilDate, CivilDate, inferred: Bool, mismatch: Bool)? {
        var a = a0, b = b0
        let borrowed = a.month == nil || b.month == nil
        if a.month == nil { a.month = b.month }
        if b.month == nil { b.month = a.month }
        guard let am = a.month, let bm = b.month else { return nil }
        if borrowed && a.day >= b.day { return nil }
        var start: CivilDate, end: CivilDate
        var inferred = false
        func make(_ y: Int, _ m: Int, _ d: Int) -> CivilDate? {
            CivilDate.isValid(year: y, month: m, day: d) ? CivilDate(year: y, month: m, day: d) : nil
        }
        switch (a.year, b.year) {
        case let (ay?, by?):
            guard let s = make(ay, am, a.day), let e = make(by, bm, b.day) else { return nil }
            (start, end) = (s, e)
        case let (nil, by?):
            guard let e = make(by, bm, b.day) else { return nil }
            guard let s = make(by, am, a.day).flatMap({ $0 <= e ? $0 : nil }) ?? make(by - 1, am, a.day) else { return nil }
            (start, end) = (s, e)
        case let (ay?, nil):
            guard let s = make(ay, am, a.day) else { return nil }
            guard let e = make(ay, bm, b.day).flatMap({ $0 >= s ? $0 : nil }) ?? make(ay + 1, bm, b.day) else { return nil }
            (start, end) = (s, e)
        case (nil, nil):
            inferred = true
            if a.weekday == nil, b.weekday != nil {
                // Infer from the end, whose weekday can pick the year.
                guard let (e, _) = YearInference.infer(month: bm, day: b.day, weekday: b.weekday, reference: context.reference),
                      let s = make(e.year, am, a.day).flatMap({ $0 <= e ? $0 : nil }) ?? make(e.year - 1, am, a.day) else { return nil }
                (start, end) = (s, e)
            } else {
                guard let (s, _) = YearInference.infer(month: am, day: a.day, weekday: a.weekday, reference: context.reference),
                      let e = make(s.year, bm, b.day).flatMap({ $0 >= s ? $0 : nil }) ?? make(s.year + 1, bm, b.day) else { return nil }
                (start, end) = (s, e)
            }
        }
        guard start <= end, end.dayNumber - start.dayNumber <= 400 else { return nil }
        return (start, end, inferred, mismatch(a, start) || mismatch(b, end))
    }

    /// A written time on `date`: in the context's zone, or, when the text gave an offset, that
    /// instant shown on the zone's wall clock.
    private func place(_ time: TimeOfDay, on date: CivilDate, offset: Int?, second: Int = 0) -> LocalDateTime {
        guard let offset else {
            return LocalDateTime(date: date, hour: time.hour, minute: time.minute, second: second, in: context.timeZone)
        }
        let stated = LocalDateTime(date: date, hour: time.hour, minute: time.minute, second: second, utcOffset: offset)
        return LocalDateTime(stated.instant, in: context.timeZone)
    }

    func resolve(_ r: Reading) -> Resolved? {
        let offset = r.offset ?? r.times?.offset
        if let endPart = r.end {
            guard let (s, e, inferred, mismatch) = range(r.start, endPart) else { return nil }
            var out = Resolved(start: .day(s), end: .day(e), kind: .dateRange, yearInferred: inferred, weekdayMismatch: mismatch)
            if s == e { out.end = nil; out.kind = .date }
            if r.daily, let span = r.times {
                out.start = .time(place(span.start, on: s, offset: offset))
                if let last = span.end {
                    out.end = .time(place(last, on: span.endNextDay ? e.adding(days: 1) : e, offset: offset))
                }
                out.kind = s == e ? (span.end == nil ? .dateTime : .timeRangeOnDate) : .dateRangeDailyTimes
            } else if r.times != nil || r.endTime != nil {
                if let first = r.times?.start { out.start = .time(place(first, on: s, offset: r.times?.offset ?? offset)) }
                if let last = r.endTime { out.end = .time(place(last, on: e, offset: offset)) }
                if case .time(let a) = out.start, case .time(let b)? = out.end, b.instant <= a.instant { return nil }
                out.kind = .dateTimeRange
            }
            return out
        }
        guard let (d, inferred, mismatch) = date(r.start) else { return nil }
        var out = Resolved(start: .day(d), end: nil, kind: .date, yearInferred: inferred, weekdayMismatch: mismatch)
        if let span = r.times {
            out.start = .time(place(span.start, on: d, offset: offset, second: r.second))
            out.kind = .dateTime
            if let last = span.end {
                out.end = .time(place(last, on: span.endNextDay ? d.adding(days: 1) : d, offset: offset))
                out.kind = .timeRangeOnDate
            }
        }
        return out
    }
}
