// Machine-written dates of feeds: RFC 822/1123 as found in the wild, ISO 8601 / RFC 3339,
// W3C-DTF partial dates. Strict: text that is not clearly a date gives nil, never a guess.

public import Foundation
public import LabfeedCore

/// Reads the dates feeds carry (`pubDate`, `dc:date`, `updated`, `ev:startdate`, ...).
///
/// Accepted, besides ISO 8601 (see ``LabfeedCore/ISO8601``): RFC 822/1123/2822 with or without
/// day name, seconds or zone; zones as `GMT`, `UT`, `UTC`, `Z`, North American and European
/// abbreviations (`EST`, `CEST`, ...), `+0200`, `+02:00`, `+02`, `GMT+2`; two- and three-digit
/// years (RFC 2822: 00-49 → 2000s, 50-999 → +1900); English and French day and month names,
/// abbreviated with or without a dot (`mar., 08 nov. 2022`); asctime order (`Tue Nov  8
/// 09:30:00 2022`). An unknown word, an impossible day or hour makes the whole date nil.
public enum FeedDate {
    /// The fields of a date, with nil offset when the text gave no zone (floating).
    public static func components(_ text: String) -> ISO8601.Parsed? {
        let trimmed = FeedWhitespace.collapse(text)
        guard !trimmed.isEmpty, trimmed.utf8.count < 80 else { return nil }
        if let iso = isoLike(trimmed) { return iso }
        var reader = RFC822Reader(trimmed)
        return reader.parse()
    }

    /// The instant a feed date denotes. A date without a zone is read as UTC, as feedparser
    /// and Miniflux do; a date without a time as midnight UTC.
    public static func parse(_ text: String) -> Date? {
        guard let c = components(text) else { return nil }
        return instant(c, floatingIn: TimeZone(identifier: "UTC")!)
    }

    /// The instant of parsed fields, reading a floating time in `zone`.
    public static func instant(_ c: ISO8601.Parsed, floatingIn zone: TimeZone) -> Date {
        if let offset = c.utcOffset {
            return LocalDateTime(date: c.date, hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0, utcOffset: offset).instant
        }
        return LocalDateTime(date: c.date, hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0, in: zone).instant
    }

    /// ISO 8601 with the slack real feeds need: a space before the offset, `GMT`/`UTC` after
    /// the time, a lower-case `t`, a trailing `Z` on a date-only value.
    private static func isoLike(_ text: String) -> ISO8601.Parsed? {
        let head = text.utf8.prefix(4)
        guard head.count == 4, head.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if let p = ISO8601.parse(text) { return p }
        var t = text
        for suffix in [" GMT", " UTC", " UT", "GMT", "UTC"] where t.hasSuffix(suffix) {
            t = String(t.dropLast(suffix.count)) + "Z"
            break
        }
        // "2022-11-08 09:30:00 +01:00" → "2022-11-08 09:30:00+01:00"
        if let space = t.lastIndex(of: " "), t.index(after: space) < t.endIndex,
           "+-Z".contains(t[t.index(after: space)]) {
            t.remove(at: space)
        }
        if let p = ISO8601.parse(t) { return p }
        // "2022-11-08Z": a date with a zone but no time.
        if t.hasSuffix("Z"), let p = ISO8601.parse(String(t.dropLast())), p.hour == nil { return p }
        return nil
    }
}

/// The tolerant-but-not-guessing RFC 822 reader behind ``FeedDate``.
struct RFC822Reader {
    private let chars: [Character]
    private var i = 0

    init(_ text: String) {
        chars = Array(text.lowercased())
    }

    private enum Token: Equatable {
        case word(String)
        case number(String)
        case time(Int, Int, Int?)
        case offset(Int)
    }

    mutating func parse() -> ISO8601.Parsed? {
        guard let tokens = tokenize() else { return nil }
        var month: Int?
        var monthWords: [(index: Int, month: Int, alsoWeekday: Bool)] = []
        var numbers: [String] = []
        var time: (Int, Int, Int?)?
        var offset: Int?
        var meridiem: String?
        for (index, token) in tokens.enumerated() {
            switch token {
            case .word(let w):
                let afterTime = time != nil
                if let m = Self.months[w] {
                    monthWords.append((index, m, Self.weekdays.contains(w)))
                } else if afterTime, let zone = Self.genericZones[w] {
                    // "16:31:00 ET": North American generic zones, after the time only ("at 9:30"
                    // and the French "et" elsewhere are words, not zones).
                    guard offset == nil else { return nil }
                    offset = zone
                } else if w == "etc", index + 1 < tokens.count, case .word(let next) = tokens[index + 1], Self.zones[next] != nil {
                    continue  // "Etc/GMT": the IANA spelling of GMT
                } else if Self.weekdays.contains(w) || Self.fillers.contains(w) {
                    continue
                } else if w == "am" || w == "pm" {
                    meridiem = w
                } else if let zone = Self.zones[w] {
                    guard offset == nil else { return nil }
                    offset = zone
                } else if w.count == 1, w != "j" {
                    guard offset == nil else { return nil }
                    offset = 0  // RFC 2822 4.3: military zones count as -0000
                } else {
                    return nil
                }
            case .number(let n):
                numbers.append(n)
            case .time(let h, let m, let s):
                guard time == nil else { return nil }
                time = (h, m, s)
            case .offset(let o):
                // A zone name followed by an offset ("GMT+0100") means the offset.
                offset = o
            }
        }
        // "mar" is March in English and mardi in French: a weekday when another month is named.
        if monthWords.count > 1 { monthWords.removeAll { $0.alsoWeekday } }
        if monthWords.isEmpty, numbers.count == 3, numbers[0].count == 4, numbers[1].count <= 2, numbers[2].count <= 2,
           let m = Int(numbers[1]), (1...12).contains(m) {
            // Year first, in numbers ("Fri, 2006/09/15 08:19:53 EDT", "2022-11-08 09:30 CET"):
            // unambiguous, unlike "08/11/2022".
            month = m
            numbers.remove(at: 1)
        } else {
            guard monthWords.count == 1 else { return nil }
            month = monthWords[0].month
        }
        guard let month, numbers.count == 2 else { return nil }
        var day: Int?
        var year: Int?
        for n in numbers {
            guard let v = Int(n) else { return nil }
            if n.count >= 3 && year == nil {
                year = n.count == 3 ? v + 1900 : v
            } else if day == nil && v >= 1 && v <= 31 && n.count <= 2 {
                day = v
            } else if year == nil && n.count == 2 {
                year = v < 50 ? 2000 + v : 1900 + v
            } else {
                return nil
            }
        }
        guard let day, let year, CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard let (parsedHour, minute, second) = time else {
            guard meridiem == nil else { return nil }
            return ISO8601.Parsed(date: date, hour: nil, minute: nil, second: nil, utcOffset: offset, isPartial: false)
        }
        var hour = parsedHour
        if let meridiem {
            guard hour >= 1 && hour <= 12 else { return nil }
            if meridiem == "pm" && hour < 12 { hour += 12 }
            if meridiem == "am" && hour == 12 { hour = 0 }
        }
        guard hour <= 24, minute <= 59, (second ?? 0) <= 60 else { return nil }
        var result = ISO8601.Parsed(date: date, hour: hour, minute: minute, second: min(second ?? 0, 59), utcOffset: offset, isPartial: false)
        if hour == 24 {
            guard minute == 0 && (second ?? 0) == 0 else { return nil }
            result.date = date.adding(days: 1)
            result.hour = 0
        }
        return result
    }

    private func isLetter(_ c: Character) -> Bool { c.isLetter }
    private func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    private mutating func digits() -> String {
        var s = ""
        while i < chars.count, isDigit(chars[i]) { s.append(chars[i]); i += 1 }
        return s
    }

    /// Splits into words, numbers, times and offsets; nil on a character no date contains.
    private mutating func tokenize() -> [Token]? {
        var tokens: [Token] = []
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "," || c == "\t" || c == "/" {
                i += 1
            } else if c == "(" {
                // A comment such as "(CET)" or "(Central European Standard Time)".
                while i < chars.count, chars[i] != ")" { i += 1 }
                i += 1
            } else if isLetter(c) {
                var w = ""
                while i < chars.count, isLetter(chars[i]) { w.append(chars[i]); i += 1 }
                if i < chars.count, chars[i] == "." { i += 1 }
                tokens.append(.word(w))
            } else if isDigit(c) {
                let first = digits()
                if i < chars.count, chars[i] == ":" {
                    i += 1
                    let m = digits()
                    guard first.count <= 2, m.count == 2, let h = Int(first), let mm = Int(m) else { return nil }
                    var s: Int?
                    if i < chars.count, chars[i] == ":" {
                        i += 1
                        let sec = digits()
                        guard sec.count == 2 else { return nil }
                        s = Int(sec)
                        // Fractions of a second: skipped.
                        if i < chars.count, chars[i] == "." || chars[i] == "," {
                            i += 1
                            guard !digits().isEmpty else { return nil }
                        }
                    }
                    tokens.append(.time(h, mm, s))
                } else {
                    tokens.append(.number(first))
                }
            } else if c == "+" || c == "-" {
                let sign = c == "-" ? -1 : 1
                i += 1
                // After a time (or a zone name), a signed number is an offset; elsewhere "-"
                // separates date parts ("08-Nov-2022").
                let afterTime = tokens.contains { if case .time = $0 { true } else { false } }
                guard afterTime, i < chars.count, isDigit(chars[i]) else {
                    if c == "-" { continue } else { return nil }
                }
                let h = digits()
                var minutes = 0
                var hours: Int
                if h.count == 4, let v = Int(h) {
                    hours = v / 100; minutes = v % 100
                } else if h.count <= 2, let v = Int(h) {
                    hours = v
                    if i < chars.count, chars[i] == ":" {
                        i += 1
                        let m = digits()
                        guard m.count == 2, let mv = Int(m) else { return nil }
                        minutes = mv
                    }
                } else {
                    return nil
                }
                guard hours <= 18, minutes <= 59 else { return nil }
                tokens.append(.offset(sign * (hours * 3600 + minutes * 60)))
            } else {
                return nil
            }
        }
        return tokens
    }

    static let weekdays: Set<String> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
        "fri", "friday", "sat", "saturday", "sun", "sunday",
        "lun", "lundi", "mar", "mardi", "mer", "mercredi", "jeu", "jeudi", "ven", "vendredi",
        "sam", "samedi", "dim", "dimanche",
    ]

    /// Words that may sit between the parts without meaning anything.
    static let fillers: Set<String> = ["at", "à", "le", "the", "of", "de", "du"]

    static let months: [String: Int] = [
        "jan": 1, "january": 1, "janv": 1, "janvier": 1,
        "feb": 2, "february": 2, "fév": 2, "févr": 2, "février": 2, "fev": 2, "fevr": 2, "fevrier": 2,
        "mar": 3, "march": 3, "mars": 3,
        "apr": 4, "april": 4, "avr": 4, "avril": 4,
        "may": 5, "mai": 5,
        "jun": 6, "june": 6, "juin": 6,
        "jul": 7, "july": 7, "juil": 7, "juillet": 7,
        "aug": 8, "august": 8, "août": 8, "aout": 8, "aoû": 8,
        "sep": 9, "sept": 9, "september": 9, "septembre": 9,
        "oct": 10, "october": 10, "octobre": 10,
        "nov": 11, "november": 11, "novembre": 11,
        "dec": 12, "december": 12, "déc": 12, "décembre": 12, "decembre": 12,
    ]

    /// North American generic zone names, read as standard time (as feedparser does); only after
    /// the time of day.
    static let genericZones: [String: Int] = [
        "at": -4 * 3600, "et": -5 * 3600, "ct": -6 * 3600, "mt": -7 * 3600, "pt": -8 * 3600,
    ]

    /// Zone abbreviations in seconds east of UTC. Ambiguous ones (IST) are left out.
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0,
        "bst": 3600, "west": 3600, "cet": 3600, "met": 3600, "mez": 3600,
        "cest": 7200, "mest": 7200, "mesz": 7200, "eet": 7200, "eest": 10800, "msk": 10800,
        "ast": -4 * 3600, "adt": -3 * 3600, "est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
        "mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
        "akst": -9 * 3600, "akdt": -8 * 3600, "hst": -10 * 3600,
        "jst": 9 * 3600, "aest": 10 * 3600, "aedt": 11 * 3600, "nzst": 12 * 3600, "nzdt": 13 * 3600,
    ]
}
