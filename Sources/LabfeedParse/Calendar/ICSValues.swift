// iCalendar value types: TEXT escaping, DATE and DATE-TIME, DURATION, UTC-OFFSET.

import Foundation
import LabfeedCore

/// A DATE or DATE-TIME as written, before any zone is applied.
enum ICSDateValue: Sendable, Hashable {
    case date(CivilDate)
    /// `utc` for a trailing `Z`; otherwise the TZID parameter (nil: floating).
    case dateTime(CivilDate, hour: Int, minute: Int, second: Int, utc: Bool, tzid: String?)

    var civilDate: CivilDate {
        switch self {
        case .date(let d): d
        case .dateTime(let d, _, _, _, _, _): d
        }
    }
}

/// A DURATION: whole days (nominal, wall-clock) and seconds (exact).
struct ICSDuration: Sendable, Hashable {
    var days: Int
    var seconds: Int
}

/// Readers for iCalendar value syntax.
enum ICSValues {
    /// TEXT with `\\`, `\;`, `\,`, `\n`/`\N` unescaped.
    static func text(_ raw: String) -> String {
        guard raw.contains("\\") else { return raw }
        var out = ""
        var escaping = false
        for c in raw {
            if escaping {
                switch c {
                case "n", "N": out.append("\n")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A multi-valued TEXT (CATEGORIES) split on unescaped commas, each unescaped.
    static func textList(_ raw: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaping = false
        for c in raw {
            if escaping { current.append("\\"); current.append(c); escaping = false } else if c == "\\" { escaping = true } else if c == "," {
                parts.append(current); current = ""
            } else { current.append(c) }
        }
        parts.append(current)
        return parts.map { Whitespace.collapse(text($0)) }.filter { !$0.isEmpty }
    }

    /// DTSTART-like property: `VALUE=DATE` or an 8-digit value is a date; otherwise a
    /// date-time (`Z` for UTC, TZID parameter, else floating). ISO forms with dashes are
    /// accepted too. Nil when unreadable.
    static func dateValue(_ property: ICSProperty) -> ICSDateValue? {
        dateValue(property.value, isDate: property.parameter("VALUE")?.uppercased() == "DATE", tzid: property.parameter("TZID"))
    }

    static func dateValue(_ raw: String, isDate: Bool, tzid: String?) -> ICSDateValue? {
        let value = Whitespace.collapse(raw)
        guard let p = ISO8601.parse(value), !p.isPartial else { return nil }
        if p.hour == nil || isDate { return .date(p.date) }
        let utc = p.utcOffset == 0 && value.uppercased().hasSuffix("Z")
        if let offset = p.utcOffset, offset != 0 || !utc {
            // An explicit offset is not iCalendar, but some exporters write one: keep the instant.
            let instant = LocalDateTime(date: p.date, hour: p.hour!, minute: p.minute ?? 0, second: p.second ?? 0, utcOffset: offset).instant
            let u = LocalDateTime(instant, in: TimeZone(secondsFromGMT: 0)!)
            return .dateTime(u.date, hour: u.hour, minute: u.minute, second: u.second, utc: true, tzid: nil)
        }
        return .dateTime(p.date, hour: p.hour!, minute: p.minute ?? 0, second: p.second ?? 0, utc: utc, tzid: utc ? nil : tzid)
    }

    /// Every value of a possibly comma-separated date list (EXDATE, RDATE).
    static func dateList(_ property: ICSProperty) -> [ICSDateValue] {
        let isDate = property.parameter("VALUE")?.uppercased() == "DATE"
        return property.value.split(separator: ",").compactMap { dateValue(String($0), isDate: isDate, tzid: property.parameter("TZID")) }
    }

    /// `[+-]P[nW][nD][T[nH][nM][nS]]`; nil when malformed.
    static func duration(_ raw: String) -> ICSDuration? {
        var s = Substring(Whitespace.collapse(raw).uppercased())
        var sign = 1
        if s.first == "-" { sign = -1; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        guard let parts = ISODuration.parts(s) else { return nil }
        var days = 0, seconds = 0
        for (number, unit) in parts {
            guard let n = Int(number) else { return nil }
            switch unit {
            case .week: days += 7 * n
            case .day: days += n
            case .hour: seconds += 3600 * n
            case .minute: seconds += 60 * n
            case .second: seconds += n
            }
        }
        return ICSDuration(days: sign * days, seconds: sign * seconds)
    }

    /// `+0200`, `-0500`, `+013045` → seconds east of UTC.
    static func utcOffset(_ raw: String) -> Int? {
        let s = Array(Whitespace.collapse(raw).utf8)
        guard s.count == 5 || s.count == 7, s[0] == 0x2B || s[0] == 0x2D else { return nil }
        let digits = s.dropFirst().map { Int($0) - 0x30 }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let h = digits[0] * 10 + digits[1], m = digits[2] * 10 + digits[3]
        let sec = s.count == 7 ? digits[4] * 10 + digits[5] : 0
        return (s[0] == 0x2D ? -1 : 1) * (h * 3600 + m * 60 + sec)
    }
}
