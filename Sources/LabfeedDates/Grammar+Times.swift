// Times and time ranges: "14h30", "14 h 30", "9 h 30 min", "14 heures", "14:30", "2:30 pm",
// "2pm", "2.30pm", "midi", "minuit", "noon", "midnight"; "14h-17h", "14-17h", "de 9 h à 12 h 30",
// "entre 14h et 16h", "9:30–11:00", "2-4 pm", "from 2 to 4 pm". Hours beyond 23 are refused
// (24 only as the end of a range: "de 20h à 24h").

import LabfeedCore

extension Grammar {
    /// "am", "pm", "a.m.", "p.m.".
    func meridiem(_ i: Int) -> (Meridiem, Int)? {
        guard let w = word(i) else { return nil }
        switch w {
        // A dot after "am"/"pm" ends the sentence; the last dot of "a.m." belongs to it.
        case "am": return (.am, i + 1)
        case "pm": return (.pm, i + 1)
        case "a", "p":
            guard symbol(i + 1) == ".", tight(i + 1), word(i + 2) == "m", tight(i + 2) else { return nil }
            let j = symbol(i + 3) == "." && tight(i + 3) ? i + 4 : i + 3
            return (w == "a" ? .am : .pm, j)
        default: return nil
        }
    }

    /// A zone after a time: "+0100", "-0500", "+01:00", "Z", "GMT", "UTC", "GMT+1", "UTC-05:00",
    /// and the capitalized abbreviations of Europe and North America ("CET", "CEST", "EST"...).
    /// A bare "-05:00" is not read: it looks like the end of a range.
    func zone(_ i: Int) -> (Int, Int)? {
        func signed(_ j: Int, allowMinus2: Bool) -> (Int, Int)? {
            guard let s = symbol(j), s == "+" || s == "-", let n = number(j + 1), tight(j + 1) else { return nil }
            let sign = s == "-" ? -1 : 1
            if n.digits == 4, n.value / 100 <= 14, n.value % 100 <= 59 {
                return (sign * ((n.value / 100) * 3600 + (n.value % 100) * 60), j + 2)
            }
            guard n.digits <= 2, n.value <= 14, sign == 1 || allowMinus2 else { return nil }
            if symbol(j + 2) == ":", tight(j + 2), let m = number(j + 3), tight(j + 3), m.digits == 2, m.value <= 59 {
                return (sign * (n.value * 3600 + m.value * 60), j + 4)
            }
            return allowMinus2 ? (sign * n.value * 3600, j + 2) : nil
        }
        if let w = word(i) {
            if w == "z", tight(i) { return (0, i + 1) }
            if w == "gmt" || w == "utc", t[i].allCaps {
                if tight(i + 1), let (off, k) = signed(i + 1, allowMinus2: true) { return (off, k) }
                return (0, i + 1)
            }
            if t[i].allCaps, let off = Lexicon.zoneAbbreviations[w] { return (off, i + 1) }
            return nil
        }
        return signed(i, allowMinus2: false)
    }

    /// "midi" and "minuit" are times, but not in "après-midi", "Midi-Pyrénées" or "le Midi".
    func namedClock(_ i: Int) -> (Clock, Int)? {
        guard let w = word(i) else { return nil }
        let hour: Int
        switch w {
        case "midi", "noon": hour = 12
        case "minuit", "midnight": hour = 0
        default: return nil
        }
        if symbol(i - 1) == "-", tight(i) { return nil }
        if symbol(i + 1) == "-", tight(i + 1), word(i + 2) != nil { return nil }
        var j = i + 1
        var minute = 0
        if w == "midi" || w == "minuit", word(j) == "et", word(j + 1) == "demi" || word(j + 1) == "demie" {
            minute = 30
            j += 2
        }
        return (Clock(hour: hour, minute: minute, meridiem: nil, marked: true), j)
    }

    /// One time. A bare number ("14") is returned unmarked when `bare` is set; callers accept it
    /// only as the start of a range whose end is marked.
    func clock(_ i: Int, bare: Bool = false, allow24: Bool = false) -> (Clock, Int)? {
        if let named = namedClock(i) { return named }
        guard let n = number(i), n.digits <= 2 else { return nil }
        let h = n.value
        let maxHour = allow24 ? 24 : 23
        // "14h", "14h30", "14 h 30", "9 h 30 min", "14 heures".
        if let w = word(i + 1), Lexicon.hourWords.contains(w) {
            guard h <= maxHour else { return nil }
            var j = i + 2
            var minute = 0
            if let m = number(j), m.digits == 2, m.value <= 59 {
                minute = m.value
                j += 1
                if isWord(j, Lexicon.minuteWords) { j += 1 }
            }
            if h == 24 && minute != 0 { return nil }
            if number(j - 1) != nil, !cleanAfterNumber(j) { return nil }
            return (Clock(hour: h, minute: minute, meridiem: nil, marked: true), j)
        }
        // "14:30", "2:30 pm", "2:30pm".
        if symbol(i + 1) == ":", tight(i + 1), let m = number(i + 2), tight(i + 2), m.digits == 2, m.value <= 59 {
            var j = i + 3
            if symbol(j) == ":", tight(j), let s = number(j + 1), tight(j + 1), s.digits == 2, s.value <= 59 { j += 2 }
            if let (mer, k) = meridiem(j) {
                guard (1...12).contains(h) else { return nil }
                return (Clock(hour: h, minute: m.value, meridiem: mer, marked: true), k)
            }
            guard h <= maxHour, !(h == 24 && m.value != 0), cleanAfterNumber(j) else { return nil }
            return (Clock(hour: h, minute: m.value, meridiem: nil, marked: true), j)
        }
        // "2.30pm", "2.30 p.m.": the dot form only with am/pm.
        if symbol(i + 1) == ".", tight(i + 1), let m = number(i + 2), tight(i + 2), m.digits == 2, m.value <= 59,
           let (mer, k) = meridiem(i + 3), (1...12).contains(h) {
            return (Clock(hour: h, minute: m.value, meridiem: mer, marked: true), k)
        }
        // "2pm", "2 p.m.".
        if let (mer, k) = meridiem(i + 1) {
            guard (1...12).contains(h) else { return nil }
            return (Clock(hour: h, minute: 0, meridiem: mer, marked: true), k)
        }
        if bare, h <= 23, cleanAfterNumber(i + 1) {
            return (Clock(hour: h, minute: 0, meridiem: nil, marked: false), i + 1)
        }
        return nil
    }

    /// A time or a time range, with its introducer: "de 9h à 12h", "from 2 to 4 pm",
    /// "entre 14h et 16h", "14h-17h", "à partir de 14h" / "dès 14h" (start only), "14h30".
    func timeSpan(_ i: Int) -> TimeSpan? {
        var j = i
        var separators: [String] = ["a", "to", "until", "till"]
        var introduced = false
        var rule = "time"
        if let w = word(j) {
            switch w {
            case "de", "from":
                j += 1
                introduced = true
            case "entre":
                j += 1
                separators = ["et"]
                introduced = true
            case "between":
                j += 1
                separators = ["and"]
                introduced = true
            default: break
            }
        }
        guard let (start, k) = clock(j, bare: true) else { return nil }
        // Separator, then the end.
        var e = k
        var hasSeparator = false
        if isDash(e) && separators.contains("a") {
            e += 1
            hasSeparator = true
        } else if isWord(e, separators) {
            e += 1
            hasSeparator = true
        } else if let after = jusqu(e, WordList.a) {
            e = after
            hasSeparator = true
        }
        if hasSeparator, let (end, next) = clock(e, allow24: true), end.marked {
            var s = start
            var f = end
            // "2-4 pm", "11-1 pm", "from 9 to 11 am", "2pm-4:30": the unmarked half of the day is
            // the other end's when that keeps the start first, else the other half.
            func minutes(_ c: Clock) -> Int { c.hour24 * 60 + c.minute }
            if s.meridiem == nil, let m = f.meridiem, (1...12).contains(s.hour) {
                var same = s
                same.meridiem = m
                s.meridiem = minutes(same) < minutes(f) ? m : (m == .pm ? .am : .pm)
            } else if f.meridiem == nil, let m = s.meridiem, (1...12).contains(f.hour) {
                var same = f
                same.meridiem = m
                f.meridiem = minutes(same) > minutes(s) ? m : (m == .pm ? .am : .pm)
            }
            let startTime = TimeOfDay(hour: s.hour24, minute: s.minute)
            var endHour = f.hour24
            var nextDay = false
            if endHour == 24 {
                endHour = 0
                nextDay = true
            }
            let endTime = TimeOfDay(hour: endHour, minute: f.minute)
            if !nextDay && endTime <= startTime {
                // "22h-2h" runs past midnight; "14h-12h" is no range.
                guard startTime.hour >= 17, endTime.hour <= 6 else { return nil }
                nextDay = true
            }
            rule = introduced ? "timeRangeIntroduced" : "timeRange"
            var span = TimeSpan(start: startTime, end: endTime, endNextDay: nextDay, next: next, rule: rule)
            if let (offset, k) = zone(next) {
                span.offset = offset
                span.next = k
            }
            return span
        }
        guard start.marked else { return nil }
        // "entre 14h" with no end is no time; "de 14h" / "from 2pm" is a start.
        if introduced && !separators.contains("a") { return nil }
        var span = TimeSpan(start: TimeOfDay(hour: start.hour24, minute: start.minute), end: nil, endNextDay: false,
                            next: k, rule: rule)
        if let (offset, z) = zone(k) {
            span.offset = offset
            span.next = z
        }
        return span
    }

    /// The end of "14h-12h" (two times joined as a range in an impossible order), so that a
    /// caller can skip it whole instead of reading "12h" alone.
    func impossibleTimeRange(_ i: Int) -> Int? {
        guard let (_, k) = clock(i, bare: true), isDash(k) || isWord(k, WordList.timeRangeSeparators),
              let (end, next) = clock(k + 1, allow24: true), end.marked else { return nil }
        return next
    }

    /// The time after a date: an optional comma, dash, bar or opening bracket, an optional cue
    /// ("à", "at", "@", "dès", "vers", "à partir de", "starting at"), then a time or time range.
    func timeAfterDate(_ i: Int, rangeAllowed: Bool = true) -> TimeSpan? {
        var j = i
        var bracket = false
        // "le 8 décembre prochain à 18h30", "next Tuesday"-style words after the date.
        if isWord(j, WordList.nextWords) { j += 1 }
        switch symbol(j) {
        case ",", "-", "|", "·", "•", ";", "/": j += 1
        default: break
        }
        if symbol(j) == "(" {
            bracket = true
            j += 1
        }
        let beforeCue = j
        if symbol(j) == "@" {
            j += 1
        } else if word(j) == "a", word(j + 1) == "partir", word(j + 2) == "de" || word(j + 2) == "d" {
            j += 3
            if symbol(j) == "'" { j += 1 }
        } else if word(j) == "starting" || word(j) == "beginning", word(j + 1) == "at" || word(j + 1) == "from" {
            j += 2
        } else if isWord(j, Lexicon.timeCues) {
            j += 1
        }
        let cued = j > beforeCue
        guard var span = timeSpan(j) else { return nil }
        // "le 8 novembre, 2h de formation" is a duration, not a time.
        if !cued, span.end == nil, isWord(span.next, WordList.durationOf), word(span.next - 1) != nil { return nil }
        if !rangeAllowed && span.end != nil { return nil }
        if bracket {
            guard symbol(span.next) == ")" else { return nil }
            span.next += 1
        }
        return span
    }
}
