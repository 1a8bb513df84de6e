// Date-times as microformats write them: ISO 8601 and its looser forms (`2022-11-08 9:30pm`,
// `20221108T0930`, `+0100`), value-class parts joined, a time-only end that takes the start's day.

import Foundation
import LabfeedCore

enum MFDate {
    /// A date-time read field by field; any part may be missing.
    struct Parts: Equatable {
        var date: CivilDate?
        var hour: Int?
        var minute = 0
        var second = 0
        /// Seconds east of UTC; nil when floating.
        var offset: Int?
    }

    /// Joins value-class parts: the first date, the first time and the first zone
    /// (`["2022-11-08", "9:30", "+01:00"]` → `2022-11-08 9:30+01:00`).
    static func combine(_ parts: [String]) -> String {
        var date: String?, time: String?, zone: String?
        for raw in parts {
            let p = Whitespace.trim(raw)
            guard !p.isEmpty else { continue }
            if let full = parse(p), full.date != nil {
                if full.hour != nil { return p }  // a whole date-time in one part
                date = date ?? p
            } else if isZone(p) {
                zone = zone ?? p
            } else if time == nil, parseTime(p) != nil {
                time = p
            }
        }
        return [date, time.map { $0 + (zone ?? "") }].compactMap { $0 }.joined(separator: " ")
    }

    /// Reads `2022-11-08`, `2022-11-08T09:30:00+01:00`, `2022-11-08 9:30pm`, `20221108T093000Z`,
    /// or a time alone (`09:30`, `9pm`, `21h30`); nil when nothing is readable.
    static func parse(_ text: String) -> Parts? {
        let t = Whitespace.trim(text)
        if let p = ISO8601.parse(t) {
            if p.isPartial { return nil }
            return Parts(date: p.date, hour: p.hour, minute: p.minute ?? 0, second: p.second ?? 0, offset: p.utcOffset)
        }
        // Split into a date part and the rest at `T` or a space.
        var datePart = t, rest = ""
        if let i = t.firstIndex(where: { $0 == "T" || $0 == " " }), t.first?.isNumber == true, t.distance(from: t.startIndex, to: i) >= 8 {
            datePart = String(t[..<i])
            rest = Whitespace.trim(t[t.index(after: i)...])
        }
        if let date = CivilDate(iso: datePart) ?? basicDate(datePart) {
            if rest.isEmpty { return Parts(date: date) }
            guard var time = parseTime(rest) else { return nil }
            time.date = date
            return time
        }
        return parseTime(t)
    }

    /// `20221108`, or the ordinal `2022-312` (day 312 of 2022).
    private static func basicDate(_ s: String) -> CivilDate? {
        let parts = s.split(separator: "-")
        if parts.count == 2, parts[0].count == 4, parts[1].count == 3, let y = Int(parts[0]), let d = Int(parts[1]) {
            let first = CivilDate(year: y, month: 1, day: 1)
            let length = CivilDate(year: y + 1, month: 1, day: 1).dayNumber - first.dayNumber
            return (1...length).contains(d) ? first.adding(days: d - 1) : nil
        }
        guard s.count == 8, s.allSatisfy(\.isNumber) else { return nil }
        return CivilDate(iso: "\(s.prefix(4))-\(s.dropFirst(4).prefix(2))-\(s.suffix(2))")
    }

    static func isZone(_ s: String) -> Bool {
        if s == "Z" || s == "z" { return true }
        guard let first = s.first, first == "+" || first == "-" else { return false }
        let digits = s.dropFirst().filter { $0 != ":" }
        return (digits.count == 2 || digits.count == 4) && digits.allSatisfy(\.isNumber)
    }

    /// `09:30`, `09:30:15`, `9:30pm`, `9 p.m.`, `21h30`, `0930`, each with an optional zone.
    static func parseTime(_ text: String) -> Parts? {
        var s = text.lowercased().replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
        var offset: Int?
        if s.hasSuffix("z") {
            offset = 0
            s.removeLast()
        } else if let signIndex = s.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = String(s[signIndex...])
            guard isZone(zone) else { return nil }
            let digits = zone.dropFirst().filter { $0 != ":" }
            let h = Int(digits.prefix(2)) ?? 0, m = digits.count == 4 ? Int(digits.suffix(2)) ?? 0 : 0
            offset = (zone.first == "-" ? -1 : 1) * (h * 3600 + m * 60)
            s = String(s[..<signIndex])
        }
        var pm: Bool?
        if s.hasSuffix("am") { pm = false; s.removeLast(2) } else if s.hasSuffix("pm") { pm = true; s.removeLast(2) }
        let fields: [Substring]
        if s.contains(":") {
            fields = s.split(separator: ":", omittingEmptySubsequences: false)
        } else if s.contains("h") {
            fields = s.split(separator: "h", omittingEmptySubsequences: false).map { $0.isEmpty ? "0" : $0 }
        } else if s.count == 4, pm == nil {
            fields = [s.prefix(2), s.suffix(2)]
        } else {
            fields = [Substring(s)]
        }
        guard (1...3).contains(fields.count), fields.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) }),
              var hour = Int(fields[0]) else { return nil }
        // A bare number is a time only with am/pm ("9pm"); "2022" alone is not a time.
        if fields.count == 1 && pm == nil { return nil }
        let minute = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
        let second = fields.count > 2 ? Int(fields[2]) ?? 0 : 0
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = pm ? (hour % 12) + 12 : hour % 12
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return nil }
        return Parts(date: nil, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// An EventTime in `zone` (floating times are local to it, others converted to it); a
    /// time-only value takes `day` (the start's date, for dt-end). nil without a date.
    static func eventTime(_ parts: Parts, day: CivilDate? = nil, zone: TimeZone) -> EventTime? {
        guard let date = parts.date ?? day else { return nil }
        guard let hour = parts.hour else { return .day(date) }
        guard let offset = parts.offset else {
            return .time(LocalDateTime(date: date, hour: hour, minute: parts.minute, second: parts.second, in: zone))
        }
        let instant = LocalDateTime(date: date, hour: hour, minute: parts.minute, second: parts.second, utcOffset: offset).instant
        return .time(LocalDateTime(instant, in: zone))
    }
}
