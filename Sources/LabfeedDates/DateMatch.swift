// What the date engine returns: a date expression found in text, with the span it came from,
// its start and end as LabfeedCore values, and how it was read (for `--explain`).

public import Foundation
public import LabfeedCore

/// The shape of a date expression.
public enum DateMatchKind: String, Sendable, Hashable, Codable {
    /// One day: "vendredi 4 novembre 2022", "Nov 24", "08/11/2022".
    case date
    /// One day with a start time: "le 8 novembre à 14h30", "2022-11-08T09:30:00+01:00".
    case dateTime
    /// One day with start and end times: "le 8 novembre de 9h30 à 12h".
    case timeRangeOnDate
    /// Several whole days: "du 2 au 30 novembre 2022", "Nov 2–30".
    case dateRange
    /// A start and an end each with its time: "du 8 novembre 14h au 9 novembre 12h".
    case dateTimeRange
    /// Several days with the same hours each day: "du 8 au 10 novembre, de 9h à 17h" (start is
    /// the first day at the first hour, end the last day at the last hour).
    case dateRangeDailyTimes
}

/// A date that only bounds one side: "jusqu'au 30 novembre", "à partir du 2 novembre",
/// "until November 30", "from November 2" (with no end).
public enum OpenBound: String, Sendable, Hashable, Codable {
    /// The date is a start with no end given.
    case since
    /// The date is an end (the match's `start` holds it; nothing is known of the real start).
    case until
}

/// One date expression found in text.
public struct DateMatch: Sendable, Hashable {
    /// Where the expression is, as indices of the string that was searched (valid only in that
    /// string). Range introducers are inside ("du 2 au 30 novembre", "from 2 to 30 November");
    /// a lone leading "le", "on" or "à" is not.
    public var range: Range<String.Index>
    /// The text of `range`, as written.
    public var text: String
    /// The first day, or the first moment when a time was given (local time in the context's
    /// zone, daylight saving included).
    public var start: EventTime
    /// The last day or end moment; nil for a single day or a single time.
    public var end: EventTime?
    /// The shape of the expression.
    public var kind: DateMatchKind
    /// "jusqu'au", "à partir du", "until": the date bounds one side only.
    public var bound: OpenBound?
    /// The year was not written: it was chosen from the context's reference day.
    public var yearInferred: Bool
    /// The context's reference day was a publication date (see ``DateContext``).
    public var referenceIsPublication: Bool
    /// A weekday was written ("vendredi 4 novembre").
    public var hasWeekday: Bool
    /// A written weekday disagrees with the date: a strong hint of a wrong year or a typo.
    public var weekdayMismatch: Bool
    /// The name of the rule that matched, for `--explain` ("dayMonthYear", "rangeDuAu", ...).
    public var rule: String

    /// True when `start` is a whole day.
    public var allDay: Bool { start.isAllDay }

    public init(range: Range<String.Index>, text: String, start: EventTime, end: EventTime?,
                kind: DateMatchKind, bound: OpenBound? = nil, yearInferred: Bool,
                referenceIsPublication: Bool = false, hasWeekday: Bool, weekdayMismatch: Bool, rule: String) {
        self.range = range
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.bound = bound
        self.yearInferred = yearInferred
        self.referenceIsPublication = referenceIsPublication
        self.hasWeekday = hasWeekday
        self.weekdayMismatch = weekdayMismatch
        self.rule = rule
    }

    /// The span as UTF-8 byte offsets into `string` (the string that was searched).
    public func utf8Offsets(in string: String) -> Range<Int> {
        let u = string.utf8
        return u.distance(from: u.startIndex, to: range.lowerBound)..<u.distance(from: u.startIndex, to: range.upperBound)
    }
}

/// A wall-clock time with no date.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0...23.
    public var hour: Int
    /// 0...59.
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// `HH:MM`.
    public var description: String {
        (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }

    /// This time on `date` in `zone` (daylight saving right: the earlier instant in the autumn
    /// overlap, moved forward across the spring gap).
    public func on(_ date: CivilDate, in zone: TimeZone) -> LocalDateTime {
        LocalDateTime(date: date, hour: hour, minute: minute, in: zone)
    }
}

/// A time or time range found in text with no date of its own ("à 14h30", "14h-17h").
public struct TimeMatch: Sendable, Hashable {
    /// Where the expression is in the string that was searched.
    public var range: Range<String.Index>
    /// The text of `range`.
    public var text: String
    public var start: TimeOfDay
    /// The end of a range; nil for a single time.
    public var end: TimeOfDay?
    /// The end is on the next day ("22h-2h", "de 20h à 24h").
    public var endIsNextDay: Bool
    /// A zone written after the time ("+0100", "GMT", "CET"), in seconds east of UTC; nil when
    /// none was (the times are then local to the page's zone).
    public var utcOffset: Int?
    /// The name of the rule that matched.
    public var rule: String

    public init(range: Range<String.Index>, text: String, start: TimeOfDay, end: TimeOfDay?, endIsNextDay: Bool,
                utcOffset: Int? = nil, rule: String) {
        self.range = range
        self.text = text
        self.start = start
        self.end = end
        self.endIsNextDay = endIsNextDay
        self.utcOffset = utcOffset
        self.rule = rule
    }
}
