// A strict reader of ISO 8601 / RFC 3339 date and date-time strings.

/// Reads the ISO 8601 forms that machines write: `2022-11-08`, `2022-11-08T09:30`,
/// `2022-11-08T09:30:00.123+01:00`, `20221108T093000Z`, with `T` or a space between date and
/// time. Partial W3C-DTF dates (`2022`, `2022-11`) are read with day (and month) 1 and flagged.
/// Anything else is nil: no guessing.
public enum ISO8601 {
    /// What a string held, field by field.
    public struct Parsed: Sendable, Hashable {
        public var date: CivilDate
        /// nil when only a date was given.
        public var hour: Int?
        public var minute: Int?
        public var second: Int?
        /// Seconds east of UTC; nil for a floating (zone-less) time.
        public var utcOffset: Int?
        /// The day (or month and day) was missing and defaulted to 1.
        public var isPartial: Bool

        public init(date: CivilDate, hour: Int? = nil, minute: Int? = nil, second: Int? = nil, utcOffset: Int? = nil, isPartial: Bool = false) {
            self.date = date
            self.hour = hour
            self.minute = minute
            self.second = second
            self.utcOffset = utcOffset
            self.isPartial = isPartial
        }
    }

    public static func parse(_ input: String) -> Parsed? {
        // Read from the UTF-8 bytes in place: dates are read for every feed entry.
        var text = input
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// ``parse(_:)`` on UTF-8 bytes.
    static func parse(utf8 all: UnsafeBufferPointer<UInt8>) -> Parsed? {
        var c = Cursor(s: UnsafeBufferPointer(rebasing: all[trimmedSpaces(all)]))
        let (dash, colon, dot, comma, space): (UInt8, UInt8, UInt8, UInt8, UInt8) = (0x2D, 0x3A, 0x2E, 0x2C, 0x20)
        guard let year = c.digits(4) else { return nil }
        var month = 1, day = 1
        var partial = false
        var basic = false
        if c.atEnd { return Parsed(date: CivilDate(year: year, month: 1, day: 1), isPartial: true) }
        if c.eat(dash) {
            guard let m = c.digits(2) else { return nil }
            month = m
            if c.atEnd {
                partial = true
            } else {
                guard c.eat(dash), let d = c.digits(2) else { return nil }
                day = d
            }
        } else {
            basic = true
            guard let m = c.digits(2), let d = c.digits(2) else { return nil }
            month = m
            day = d
        }
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        if c.atEnd { return Parsed(date: date, isPartial: partial) }
        guard !partial, c.eat(0x54) || c.eat(0x74) || c.eat(space) else { return nil }  // T, t, space
        guard let hour = c.digits(2) else { return nil }
        var minute = 0, second = 0
        if basic {
            guard let m = c.digits(2) else { return nil }
            minute = m
            if let sec = c.digits(2) { second = sec }
        } else {
            guard c.eat(colon), let m = c.digits(2) else { return nil }
            minute = m
            if c.eat(colon) {
                guard let sec = c.digits(2) else { return nil }
                second = sec
            }
        }
        if c.eat(dot) || c.eat(comma) {
            var any = false
            while !c.atEnd, c.s[c.i] >= 0x30, c.s[c.i] <= 0x39 { c.i += 1; any = true }
            guard any else { return nil }
        }
        guard hour <= 24, minute <= 59, second <= 60 else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        var offset: Int?
        if c.eat(0x5A) || c.eat(0x7A) {  // Z, z
            offset = 0
        } else if !c.atEnd, c.s[c.i] == 0x2B || c.s[c.i] == dash {
            let sign = c.s[c.i] == dash ? -1 : 1
            c.i += 1
            guard let oh = c.digits(2), oh <= 18 else { return nil }
            var om = 0
            if c.eat(colon) {
                guard let m = c.digits(2) else { return nil }
                om = m
            } else if let m = c.digits(2) {
                om = m
            }
            guard om <= 59 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
        guard c.atEnd else { return nil }
        var result = Parsed(date: date, hour: hour, minute: minute, second: min(second, 59), utcOffset: offset, isPartial: false)
        if hour == 24 {
            result.date = date.adding(days: 1)
            result.hour = 0
        }
        return result
    }

    /// A position in the bytes being read (a struct, so the reads need no exclusivity checks).
    struct Cursor {
        let s: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool { i == s.count }

        /// `n` decimal digits as a number, consumed; nil (nothing consumed) otherwise.
        mutating func digits(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }

        /// Consumes `byte` if it comes next.
        mutating func eat(_ byte: UInt8) -> Bool {
            if i < s.count && s[i] == byte { i += 1; return true }
            return false
        }
    }

    /// The bytes without leading and trailing spaces, tabs, CR and LF, trimmed as the
    /// `Character`s they form: a CR LF pair is one character that is none of these, so it stays.
    static func trimmedSpaces(_ s: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var start = 0, end = s.count
        while start < end, isSpace(s[start]) {
            if s[start] == 0x0D, start + 1 < s.count, s[start + 1] == 0x0A { break }
            start += 1
        }
        while end > start, isSpace(s[end - 1]) {
            if s[end - 1] == 0x0A, end - 2 >= 0, s[end - 2] == 0x0D { break }
            end -= 1
        }
        return start..<end
    }
}

