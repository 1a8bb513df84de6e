// RRULE (RFC 5545 section 3.3.10) parsed into a value. Day-level parts only: FREQ DAILY,
// WEEKLY, MONTHLY, YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (ordinals too), BYMONTHDAY,
// BYMONTH, BYSETPOS, WKST. Parts labfeed does not expand are named in `unsupported`.

import Foundation
import LabfeedCore

/// A recurrence rule.
struct RecurrenceRule: Sendable, Hashable {
    enum Frequency: String, Sendable { case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY" }

    /// A BYDAY entry: ISO weekday (1 Monday ... 7 Sunday) and an optional ordinal (`-1SU`).
    struct WeekdayNumber: Sendable, Hashable {
        var ordinal: Int?
        var weekday: Int
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: ICSDateValue?
    var byDay: [WeekdayNumber] = []
    var byMonthDay: [Int] = []
    var byMonth: [Int] = []
    var bySetPos: [Int] = []
    var weekStart = 1
    /// Parts present in the rule that are not applied (BYHOUR, BYWEEKNO, ...).
    var unsupported: [String] = []

    static let weekdays = ["MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7]

    /// Parses `FREQ=WEEKLY;BYDAY=TU;UNTIL=20221231T000000Z`. Nil when FREQ is missing, is
    /// finer than a day, or a part is malformed.
    init?(_ text: String) {
        var parts: [String: String] = [:]
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            parts[kv[0].uppercased().trimmingCharacters(in: .whitespaces)] = String(kv[1]).trimmingCharacters(in: .whitespaces)
        }
        guard let f = parts["FREQ"].flatMap({ Frequency(rawValue: $0.uppercased()) }) else { return nil }
        frequency = f
        if let i = parts["INTERVAL"] { guard let v = Int(i), v >= 1 else { return nil }; interval = v }
        if let c = parts["COUNT"] { guard let v = Int(c), v >= 1 else { return nil }; count = v }
        if let u = parts["UNTIL"] { guard let v = ICSValues.dateValue(u, isDate: false, tzid: nil) else { return nil }; until = v }
        if let d = parts["BYDAY"] {
            for item in d.uppercased().split(separator: ",") {
                let s = item.trimmingCharacters(in: .whitespaces)
                guard s.count >= 2, let wd = RecurrenceRule.weekdays[String(s.suffix(2))] else { return nil }
                let prefix = s.dropLast(2)
                var ordinal: Int?
                if !prefix.isEmpty {
                    guard let o = Int(prefix.hasPrefix("+") ? String(prefix.dropFirst()) : String(prefix)), o != 0, abs(o) <= 53 else { return nil }
                    ordinal = o
                }
                byDay.append(WeekdayNumber(ordinal: ordinal, weekday: wd))
            }
        }
        func ints(_ key: String, _ range: ClosedRange<Int>) -> [Int]? {
            guard let raw = parts[key] else { return [] }
            var out: [Int] = []
            for item in raw.split(separator: ",") {
                guard let v = Int(item.trimmingCharacters(in: .whitespaces)), range.contains(abs(v)), v != 0 else { return nil }
                out.append(v)
            }
            return out
        }
        guard let md = ints("BYMONTHDAY", 1...31), let m = ints("BYMONTH", 1...12), let sp = ints("BYSETPOS", 1...366) else { return nil }
        byMonthDay = md
        byMonth = m
        bySetPos = sp
        if let w = parts["WKST"] { guard let v = RecurrenceRule.weekdays[w.uppercased()] else { return nil }; weekStart = v }
        unsupported = ["BYSECOND", "BYMINUTE", "BYHOUR", "BYWEEKNO", "BYYEARDAY"].filter { parts[$0] != nil }
    }
}
