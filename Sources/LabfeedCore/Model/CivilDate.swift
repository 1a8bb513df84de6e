// Calendar dates and local times as values, with the conversions the rest of labfeed needs.

public import Foundation

/// A calendar day with no time and no zone: what an all-day event starts on.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`; nil when the text is not a real date (2022-02-30 is refused).
    ///
    /// Read from the UTF-8 bytes: the text read back from the store (``EventTime/init(iso:)``
    /// asks here first for every start and end, most of them date-times) was split into
    /// Characters, about 12,000 instructions a time, a seventh of reading a 600-source state.
    /// What ``init(isoBySplitting:)`` accepts is ten ASCII bytes (each part's bytes are digits or
    /// a `+` for `Int`, so each Character is one byte): any other length is refused at once, and
    /// ten digits and dashes in place are read here; other ten-byte texts (a `+` sign) go the
    /// Character way. `CivilDateReadingTests` compares both on edge cases and random texts.
    public init?(iso text: some StringProtocol) {
        guard text.utf8.count == 10 else { return nil }
        if let (y, m, d) = CivilDate.isoDigits(text) {
            guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
            self.init(year: y, month: m, day: d)
        } else {
            self.init(isoBySplitting: text)
        }
    }

    /// The year, month and day of ten ASCII bytes `dddd-dd-dd` (digits and dashes in place), not
    /// checked as a date; nil for any other text (another length, a sign, other digits, or text
    /// whose UTF-8 is not contiguous). Read by ``init(iso:)`` and by the date engine's lone ISO
    /// date (`DateEngine.loneISODate`).
    public static func isoDigits(_ text: some StringProtocol) -> (year: Int, month: Int, day: Int)? {
        let read = text.utf8.withContiguousStorageIfAvailable { b -> (year: Int, month: Int, day: Int)? in
            guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
            @inline(__always) func digit(_ i: Int) -> Int? {
                let d = b[i] &- 0x30
                return d < 10 ? Int(d) : nil
            }
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                  let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
            return (y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1)
        }
        return read ?? nil
    }

    /// ``init(iso:)`` by splitting the Characters at `-` (the reference of the byte reading, and
    /// its way for ten-byte texts that are not ten digits and dashes in place).
    init?(isoBySplitting text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether the day exists in the proleptic Gregorian calendar.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        default:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        }
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        // Written by hand: String(format:) costs microseconds, and outputs and sorting call this
        // for every event. Ten bytes written in place (appending padded pieces to a String was
        // 2,400 instructions a date, 26 M in a cold sync: item keys, the store's rows, outputs);
        // `isoByPieces` is that code, the reference of `CivilDateReadingTests`.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        // Each pair of digits is a value below 100: the century, the year in it, month, day.
        let pairs = (UInt8(year / 100), UInt8(year % 100), UInt8(month), UInt8(day))
        return String(unsafeUninitializedCapacity: 10) { b in
            @inline(__always) func write(_ n: UInt8, at i: Int) {
                b[i] = 0x30 &+ n / 10
                b[i + 1] = 0x30 &+ n % 10
            }
            write(pairs.0, at: 0)
            write(pairs.1, at: 2)
            b[4] = 0x2D
            write(pairs.2, at: 5)
            b[7] = 0x2D
            write(pairs.3, at: 8)
            return 10
        }
    }

    /// ``iso`` by appending zero-padded pieces (the reference of the bytes written in place).
    var isoByPieces: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        var text = ""
        text.reserveCapacity(10)
        ISODigits.append(year, width: 4, to: &text)
        text.append("-")
        ISODigits.append(month, width: 2, to: &text)
        text.append("-")
        ISODigits.append(day, width: 2, to: &text)
        return text
    }

    public var description: String { iso }

    /// Days since 1970-01-01 (negative before), for arithmetic that ignores zones.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// ISO weekday: 1 Monday ... 7 Sunday.
    public var weekday: Int {
        let n = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (n < 0 ? n + 7 : n) + 1
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// A wall-clock time on a day, with the UTC offset in force there and then.
public struct LocalDateTime: Sendable, Hashable, Codable, CustomStringConvertible {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Seconds east of UTC (Paris: 3600 in winter, 7200 in summer).
    public var utcOffset: Int

    public init(date: CivilDate, hour: Int, minute: Int, second: Int = 0, utcOffset: Int) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.utcOffset = utcOffset
    }

    /// The instant, shown on the wall clock of `zone` (offset included).
    public init(_ instant: Date, in zone: TimeZone) {
        // Integer arithmetic (ZoneArithmetic) from 1583 to 9999; Calendar only beyond.
        if let seconds = ZoneArithmetic.seconds(instant) {
            // The offset at the whole second: offsets change on whole seconds.
            self.init(seconds: seconds, utcOffset: ZoneArithmetic.offset(zone, at: seconds))
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        self.init(date: CivilDate(year: c.year!, month: c.month!, day: c.day!),
                  hour: c.hour!, minute: c.minute!, second: c.second!,
                  utcOffset: zone.secondsFromGMT(for: instant))
    }

    /// A wall-clock time in `zone` with the offset that zone has then (daylight saving right).
    /// In the autumn overlap the earlier (summer) instant is chosen; a time that the spring
    /// gap skips is moved forward by the gap, as calendar programs do.
    public init(date: CivilDate, hour: Int, minute: Int, second: Int = 0, in zone: TimeZone) {
        // Arithmetic within the years ZoneArithmetic covers, for any day, hour, minute and second
        // that cannot overflow (out-of-range ones carry over, as in Calendar).
        let plausible = 1_000_000_000
        if ZoneArithmetic.years.contains(date.year), (1...12).contains(date.month), abs(date.day) < plausible,
           abs(hour) < plausible, abs(minute) < plausible, abs(second) < plausible {
            let local = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
            let instant = ZoneArithmetic.instant(local: local, in: zone)
            self.init(seconds: instant, utcOffset: ZoneArithmetic.offset(zone, at: instant))
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        if let instant = calendar.date(from: components) {
            self.init(instant, in: zone)
            // Foundation may pick the later instant in an overlap: prefer the earlier one.
            let earlier = instant.addingTimeInterval(-3600)
            let candidate = LocalDateTime(earlier, in: zone)
            if candidate.date == date && candidate.hour == hour && candidate.minute == minute {
                self = candidate
            }
        } else {
            self.init(date: date, hour: hour, minute: minute, second: second, utcOffset: zone.secondsFromGMT())
        }
    }

    /// The wall clock `utcOffset` seconds east of UTC at `seconds` after 1970-01-01T00:00Z.
    init(seconds: Int, utcOffset: Int) {
        let local = seconds + utcOffset
        // Floored division: the day and the second of the day, also before 1970.
        let day = local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400)
        let rest = local - day * 86_400
        self.init(date: CivilDate(dayNumber: day), hour: rest / 3600, minute: (rest % 3600) / 60, second: rest % 60,
                  utcOffset: utcOffset)
    }

    /// The instant this local time denotes.
    public var instant: Date {
        let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - utcOffset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// `2022-11-08T09:30:00+01:00` (`Z` is never used: the offset is always shown).
    public var iso: String {
        let sign = utcOffset < 0 ? "-" : "+"
        let off = abs(utcOffset)
        guard (0...99).contains(hour), (0...99).contains(minute), (0...99).contains(second), off / 3600 < 100 else {
            return String(format: "%@T%02d:%02d:%02d%@%02d:%02d", date.iso, hour, minute, second, sign, off / 3600, (off % 3600) / 60)
        }
        var text = date.iso
        text.reserveCapacity(25)
        text.append("T")
        ISODigits.append(hour, width: 2, to: &text)
        text.append(":")
        ISODigits.append(minute, width: 2, to: &text)
        text.append(":")
        ISODigits.append(second, width: 2, to: &text)
        text.append(sign)
        ISODigits.append(off / 3600, width: 2, to: &text)
        text.append(":")
        ISODigits.append((off % 3600) / 60, width: 2, to: &text)
        return text
    }

    public var description: String { iso }

    /// Reads `YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)`, as written by ``iso``.
    public init?(iso text: String) {
        guard let parsed = ISO8601.parse(text), let offset = parsed.utcOffset else { return nil }
        self.init(date: parsed.date, hour: parsed.hour ?? 0, minute: parsed.minute ?? 0, second: parsed.second ?? 0, utcOffset: offset)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LocalDateTime(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date-time with offset: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// When an event starts or ends, at the precision the source gave.
public enum EventTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// A whole day (all-day events; `VALUE=DATE`; "le 8 novembre").
    case day(CivilDate)
    /// A time of day with its offset.
    case time(LocalDateTime)

    public var isAllDay: Bool { if case .day = self { true } else { false } }

    /// The calendar day, as it reads locally.
    public var date: CivilDate {
        switch self {
        case .day(let d): d
        case .time(let t): t.date
        }
    }

    /// `2022-11-08` or `2022-11-08T09:30:00+01:00`.
    public var iso: String {
        switch self {
        case .day(let d): d.iso
        case .time(let t): t.iso
        }
    }

    public var description: String { iso }

    /// The instant for ordering: a day counts from its local midnight in `zone`.
    public func instant(in zone: TimeZone) -> Date {
        switch self {
        case .time(let t): return t.instant
        case .day(let d): return LocalDateTime(date: d, hour: 0, minute: 0, in: zone).instant
        }
    }

    /// Orders by day first, then all-day before timed, then by instant.
    public static func < (a: EventTime, b: EventTime) -> Bool {
        if a.date != b.date { return a.date < b.date }
        switch (a, b) {
        case (.day, .time): return true
        case (.time, .day), (.day, .day): return false
        case (.time(let x), .time(let y)): return x.instant < y.instant
        }
    }

    /// Reads the forms written by ``iso``.
    public init?(iso text: String) {
        if let d = CivilDate(iso: text) {
            self = .day(d)
        } else if let t = LocalDateTime(iso: text) {
            self = .time(t)
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = EventTime(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date or date-time: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// Zero-padded decimal digits, for the ISO 8601 writers above.
enum ISODigits {
    /// Appends `value` (0 or more, fewer than `width` + 1 digits) padded with zeros to `width`.
    static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text.append(String(repeating: "0", count: width - digits.count)) }
        text.append(digits)
    }
}
