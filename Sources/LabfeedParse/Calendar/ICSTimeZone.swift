// Time zones of iCalendar files: an IANA name in the TZID (also inside Mozilla-style paths),
// else the file's own VTIMEZONE rules, else the Windows and Outlook names Microsoft writes.

import Foundation
import LabfeedCore

/// How local times of one TZID (or none) turn into instants.
enum ICSZone: Sendable {
    case utc
    /// No zone: read in the calendar's or the configured zone.
    case floating
    case named(TimeZone)
    case rules(VTimeZoneRules)

    /// The wall-clock time with the offset in force then; in a spring-forward gap the time moves
    /// forward by the gap; in an autumn overlap the earlier instant wins.
    func localTime(_ date: CivilDate, _ hour: Int, _ minute: Int, _ second: Int, floating: TimeZone) -> LocalDateTime {
        switch self {
        case .utc: return LocalDateTime(date: date, hour: hour, minute: minute, second: second, utcOffset: 0)
        case .floating: return LocalDateTime(date: date, hour: hour, minute: minute, second: second, in: floating)
        case .named(let zone): return LocalDateTime(date: date, hour: hour, minute: minute, second: second, in: zone)
        case .rules(let rules): return rules.localTime(date, hour, minute, second)
        }
    }
}

/// The STANDARD and DAYLIGHT observances of a VTIMEZONE, enough to find the offset at any time.
struct VTimeZoneRules: Sendable {
    struct Observance: Sendable {
        var start: CivilDate
        var hour: Int, minute: Int, second: Int
        var offsetFrom: Int
        var offsetTo: Int
        var rule: RecurrenceRule?
        var extraDays: [CivilDate]
    }

    var tzid: String
    var observances: [Observance]

    /// Reads a VTIMEZONE; nil when it has no usable observance.
    init?(_ component: ICSComponent) {
        tzid = component.first("TZID").map { ICSValues.text($0.value) } ?? ""
        observances = component.components.compactMap { c -> Observance? in
            guard c.name == "STANDARD" || c.name == "DAYLIGHT",
                  let startProperty = c.first("DTSTART"), let start = ICSValues.dateValue(startProperty),
                  let to = c.first("TZOFFSETTO").flatMap({ ICSValues.utcOffset($0.value) }) else { return nil }
            let from = c.first("TZOFFSETFROM").flatMap { ICSValues.utcOffset($0.value) } ?? to
            var h = 0, m = 0, s = 0
            if case .dateTime(_, let hh, let mm, let ss, _, _) = start { h = hh; m = mm; s = ss }
            let rule = c.first("RRULE").flatMap { RecurrenceRule($0.value) }
            let extra = c.all("RDATE").flatMap { ICSValues.dateList($0) }.map(\.civilDate)
            return Observance(start: start.civilDate, hour: h, minute: m, second: s, offsetFrom: from, offsetTo: to, rule: rule, extraDays: extra)
        }
        if observances.isEmpty { return nil }
    }

    /// Transition instants (seconds since 1970) with the offset they bring, up to `year`.
    private func transitions(through year: Int) -> [(Int, Int)] {
        var list: [(Int, Int)] = []
        let last = CivilDate(year: year, month: 12, day: 31)
        for o in observances {
            let until: (CivilDate) -> Bool = { day in
                guard let u = o.rule?.until else { return false }
                return day > u.civilDate
            }
            var days = o.rule.map { RecurrenceExpander.days($0, start: o.start, through: last, isPastUntil: until) } ?? [o.start]
            days += o.extraDays
            for d in days {
                let local = d.dayNumber * 86_400 + o.hour * 3600 + o.minute * 60 + o.second
                list.append((local - o.offsetFrom, o.offsetTo))
            }
        }
        return list.sorted { $0.0 < $1.0 }
    }

    /// The offset in force at an instant (seconds since 1970).
    func offset(at instant: Int) -> Int {
        let year = CivilDate(dayNumber: Int((Double(instant) / 86_400).rounded(.down))).year
        let list = transitions(through: year + 1)
        var result = list.first.map { first in observances.first { $0.offsetTo == first.1 }?.offsetFrom ?? first.1 } ?? 0
        for (at, offset) in list where at <= instant { result = offset }
        return result
    }

    func localTime(_ date: CivilDate, _ hour: Int, _ minute: Int, _ second: Int) -> LocalDateTime {
        let local = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        let candidates = Set(observances.flatMap { [$0.offsetTo, $0.offsetFrom] }).sorted(by: >)
        for off in candidates where offset(at: local - off) == off {
            return LocalDateTime(date: date, hour: hour, minute: minute, second: second, utcOffset: off)
        }
        // In a gap: read with the offset before it, then show on the clock after it.
        let before = candidates.last ?? 0
        let instant = local - before
        return LocalDateTime.at(instant: instant, offset: offset(at: instant))
    }
}

extension LocalDateTime {
    /// The wall-clock time of an instant (seconds since 1970) at a fixed offset.
    static func at(instant: Int, offset: Int) -> LocalDateTime {
        let local = instant + offset
        let day = Int((Double(local) / 86_400).rounded(.down))
        let rest = local - day * 86_400
        return LocalDateTime(date: CivilDate(dayNumber: day), hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60, utcOffset: offset)
    }
}

/// Resolves TZID parameters to zones.
struct ICSZoneResolver {
    var definitions: [String: VTimeZoneRules]

    /// Zones Microsoft products write instead of IANA names (the common European and North
    /// American ones, and the French overseas ones).
    static let windowsNames: [String: String] = [
        "romance standard time": "Europe/Paris", "w. europe standard time": "Europe/Berlin",
        "central europe standard time": "Europe/Budapest", "central european standard time": "Europe/Warsaw",
        "gmt standard time": "Europe/London", "greenwich standard time": "Atlantic/Reykjavik",
        "e. europe standard time": "Europe/Chisinau", "fle standard time": "Europe/Kiev", "gtb standard time": "Europe/Bucharest",
        "utc": "UTC", "coordinated universal time": "UTC",
        "eastern standard time": "America/New_York", "central standard time": "America/Chicago",
        "mountain standard time": "America/Denver", "pacific standard time": "America/Los_Angeles",
        "sa western standard time": "America/La_Paz", "sa eastern standard time": "America/Cayenne",
        "arabian standard time": "Asia/Dubai", "mauritius standard time": "Indian/Mauritius",
        "west pacific standard time": "Pacific/Port_Moresby", "hawaiian standard time": "Pacific/Honolulu",
    ]

    /// Cities of Outlook's display names (`(UTC+01:00) Brussels, Copenhagen, Madrid, Paris`).
    static let outlookCities: [(String, String)] = [
        ("paris", "Europe/Paris"), ("brussels", "Europe/Brussels"), ("amsterdam", "Europe/Berlin"),
        ("london", "Europe/London"), ("new york", "America/New_York"), ("eastern time", "America/New_York"),
    ]

    /// The zone for a TZID, and a warning when none could be found (times then float).
    func zone(for tzid: String?) -> (ICSZone, String?) {
        guard let raw = tzid.map({ Whitespace.collapse($0.replacingOccurrences(of: "\"", with: "")) }), !raw.isEmpty else {
            return (.floating, nil)
        }
        if let tz = ICSZoneResolver.iana(raw) { return (.named(tz), nil) }
        if let rules = definitions[raw] ?? definitions[tzid ?? ""] { return (.rules(rules), nil) }
        let lower = raw.lowercased()
        if let name = ICSZoneResolver.windowsNames[lower], let tz = TimeZone(identifier: name) { return (.named(tz), nil) }
        for (city, name) in ICSZoneResolver.outlookCities where lower.contains(city) {
            if let tz = TimeZone(identifier: name) { return (.named(tz), nil) }
        }
        return (.floating, "unknown TZID \(raw.debugDescription) with no VTIMEZONE; its times are read as local times")
    }

    /// An IANA zone named by the TZID itself or by its last two path components
    /// (`/mozilla.org/20050126_1/Europe/Paris`).
    static func iana(_ name: String) -> TimeZone? {
        if name.contains("/") || name == "UTC" || name == "GMT", let tz = TimeZone(identifier: name) { return tz }
        let parts = name.split(separator: "/")
        if parts.count >= 2 {
            for n in [3, 2] where parts.count >= n {
                let candidate = parts.suffix(n).joined(separator: "/")
                if let tz = TimeZone(identifier: candidate) { return tz }
            }
        }
        return nil
    }
}
