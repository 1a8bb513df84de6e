// Whole date expressions: a date with its time, a time then its date, ranges with both ends
// ("du 2 au 30 novembre", "Nov 2–30", "from 2 to 30 November", "du 30 novembre au 2 décembre"),
// open bounds ("jusqu'au 30 novembre") and listed days ("les 8 et 9 novembre").
// `candidates(at:)` gives every reading that starts at a token; the engine keeps the longest
// that resolves to real dates.

import LabfeedCore

extension Grammar {
    /// Every reading that starts at token i.
    func candidates(at i: Int) -> [Reading] {
        // Most tokens are ordinary words: only numbers and a few words can begin an expression.
        if let w = word(i), !Lexicon.starters.contains(w) { return [] }
        if symbol(i) != nil { return [] }
        var out: [Reading] = []
        if let r = dateRange(i) { out.append(r) }
        if let r = singleDate(i) {
            if r.times == nil, let span = timeAfterDate(r.next) {
                var timed = r
                timed.times = span
                timed.next = span.next
                timed.rule += "+" + span.rule
                out.append(timed)
            }
            out.append(r)
        }
        if let r = timeThenDate(i) { out.append(r) }
        if let r = bounded(i) { out.append(r) }
        if let r = listedDay(i) { out.append(r) }
        if let r = dayAfterMonthFirstList(i) { out.append(r) }
        return out
    }

    /// Words before a date that make a short numeric date ("le 08/11") believable.
    func cuedBefore(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        var p = i - 1
        if symbol(p) == "," || symbol(p) == "." { p -= 1 }
        guard let w = word(p) else { return false }
        return WordList.shortDateCues.contains(w) || Lexicon.weekdays[w] != nil
    }

    /// One date with nothing around it: ISO (with its time if any), numeric, or named.
    func singleDate(_ i: Int) -> Reading? {
        if let iso = isoDate(i) {
            var r = Reading(start: DatePart(day: iso.date.day, month: iso.date.month, year: iso.date.year),
                            next: iso.next, rule: "iso")
            if let tm = iso.time {
                r.times = TimeSpan(start: TimeOfDay(hour: tm.h, minute: tm.m), end: nil, endNextDay: false,
                                   next: iso.next, rule: "isoTime")
                r.second = tm.s
                r.offset = iso.offset
                r.rule = "isoDateTime"
            }
            return r
        }
        if let (p, k, rule) = numericDate(i, yearOptional: cuedBefore(i)) {
            return Reading(start: p, next: k, rule: rule)
        }
        if let (p, k, rule) = namedDate(i) {
            return Reading(start: p, next: k, rule: (p.weekday != nil ? "weekday+" : "") + rule)
        }
        // "mardi 08/11", "Tue 11/08/2022".
        if let (wd, k) = weekday(i), let (p, k2, rule) = numericDate(k, yearOptional: true) {
            var part = p
            part.weekday = wd
            return Reading(start: part, next: k2, rule: "weekday+" + rule)
        }
        return nil
    }

    /// The start of a range: a full date, or a day whose month comes with the end.
    /// `monthFirst` tells that a bare day may end it ("Nov 2–30").
    func rangeStart(_ i: Int, introduced: Bool) -> (part: DatePart, next: Int, monthFirst: Bool, numeric: Bool)? {
        if let iso = isoDate(i), iso.time == nil {
            return (DatePart(day: iso.date.day, month: iso.date.month, year: iso.date.year), iso.next, false, true)
        }
        if let (p, k, _) = numericDate(i, yearOptional: introduced) { return (p, k, false, true) }
        if let (p, k, rule) = namedDate(i, partial: true) {
            return (p, k, rule.hasPrefix("monthDay"), false)
        }
        return nil
    }

    /// A range of days, with an introducer or without: "du 2 au 30 novembre 2022",
    /// "2-30 nov.", "entre le 2 et le 30 novembre", "from 2 to 30 November", "Nov 2–30",
    /// "November 2 – December 3, 2022", "du 8 novembre 14h au 9 novembre 12h",
    /// "du 8 au 10 novembre de 9h à 17h" (hours for each day).
    func dateRange(_ i: Int) -> Reading? {
        var j = i
        let intro = word(j).flatMap { WordList.rangeIntroducers.contains($0) ? $0 : nil }
        if let intro {
            j += 1
            if (intro == "entre" && word(j) == "le") || (intro != "du" && word(j) == "the") { j += 1 }
        }
        guard let start = rangeStart(j, introduced: intro != nil) else { return nil }
        var k = start.next
        var startTime: TimeSpan?
        if start.part.month != nil, let span = timeAfterDate(k, rangeAllowed: false) {
            startTime = span
            k = span.next
        }
        // The separator the introducer calls for.
        switch intro {
        case "du":
            if isWord(k, WordList.au) || isDash(k) { k += 1 } else if let after = jusqu(k, WordList.au) { k = after } else { return nil }
        case "from":
            guard isWord(k, WordList.fromRangeSeparators) || isDash(k) else { return nil }
            k += 1
        case "entre":
            guard word(k) == "et" else { return nil }
            k += 1
            if word(k) == "le" { k += 1 }
        case "between":
            guard word(k) == "and" else { return nil }
            k += 1
        default:
            if isDash(k) || isWord(k, WordList.rangeSeparators) || symbol(k) == ">" || symbol(k) == "→" {
                k += 1
            } else if let after = jusqu(k, WordList.au) {
                k = after
            } else {
                return nil
            }
        }
        if intro != "du" && intro != "entre" && word(k) == "the" { k += 1 }
        // The end: a full date, or a bare day after a month-first start.
        var end: DatePart
        var next: Int
        if let iso = isoDate(k), iso.time == nil, start.numeric {
            end = DatePart(day: iso.date.day, month: iso.date.month, year: iso.date.year)
            next = iso.next
        } else if start.numeric, let (p, e, _) = numericDate(k, yearOptional: true) {
            end = p
            next = e
        } else if !start.numeric, let (p, e, _) = namedDate(k) {
            end = p
            next = e
        } else if start.monthFirst, startTime == nil, let (p, e) = bareDayEnd(k) {
            end = p
            next = e
        } else {
            return nil
        }
        var reading = Reading(start: start.part, end: end, next: next, rule: intro.map { "range-" + $0 } ?? "range")
        if let span = timeAfterDate(next, rangeAllowed: startTime == nil) {
            if startTime == nil && span.end != nil {
                reading.times = span
                reading.daily = true
                reading.rule += "+dailyTimes"
            } else {
                reading.times = startTime
                reading.endTime = span.start
                reading.offset = span.offset
                reading.rule += "+times"
            }
            reading.next = span.next
        } else if let startTime {
            reading.times = startTime
            reading.rule += "+startTime"
        }
        return reading
    }

    /// A time then its date: "14h30, le 8 novembre", "2pm on November 8", "de 9h à 12h le 8 novembre".
    func timeThenDate(_ i: Int) -> Reading? {
        guard let span = timeSpan(i) else { return nil }
        var j = span.next
        if symbol(j) == "," || isDash(j) { j += 1 }
        if isWord(j, WordList.dateArticles) { j += 1 }
        guard var r = singleDate(j), r.times == nil else { return nil }
        r.times = span
        r.rule = span.rule + "+" + r.rule
        return r
    }

    /// A date bounding one side: "jusqu'au 30 novembre", "à partir du 2 novembre", "dès le 2 novembre",
    /// "until November 30", "from November 2", "starting November 2".
    func bounded(_ i: Int) -> Reading? {
        var j: Int
        let bound: OpenBound
        if let after = jusqu(i, WordList.untilTails) {
            j = after
            bound = .until
        } else if word(i) == "a", word(i + 1) == "partir", isWord(i + 2, WordList.partirTails) {
            j = i + 3
            bound = .since
        } else if isWord(i, WordList.sinceWords) {
            j = i + 1
            bound = .since
        } else if isWord(i, WordList.untilWords) {
            j = i + 1
            bound = .until
        } else if isWord(i, WordList.fromWords) {
            j = i + 1
            if word(i) == "starting", isWord(j, WordList.startingTails) { j += 1 }
            bound = .since
        } else {
            return nil
        }
        if isWord(j, WordList.articles) { j += 1 }
        guard var r = singleDate(j) else { return nil }
        if r.times == nil, let span = timeAfterDate(r.next) {
            r.times = span
            r.next = span.next
        }
        r.bound = bound
        r.rule = (bound == .since ? "since+" : "until+") + r.rule
        return r
    }

    /// The first day of a list that shares a month: "les 8 et 9 novembre", "les 7, 14 et 21 mars",
    /// "lundi 7 et mardi 8 novembre". Only the first day is read here (its span is that day
    /// alone); scanning then goes on and reads the next ones.
    func listedDay(_ i: Int) -> Reading? {
        var j = i
        var wd: Int?
        if let (w, k) = weekday(j) {
            wd = w
            j = k
        }
        guard let (d, first) = day(j) else { return nil }
        j = first
        for _ in 0..<12 {
            // Commas between the first days, "et"/"and"/"&" before the last ("page 3, 8 novembre"
            // is no list).
            let conjunction = symbol(j) == "&" || isWord(j, WordList.conjunctions)
            guard conjunction || symbol(j) == "," else { return nil }
            j += 1
            if isWord(j, WordList.articles) { j += 1 }
            if conjunction, let (p, _, _) = namedDate(j), let month = p.month {
                return Reading(start: DatePart(day: d, month: month, year: p.year, weekday: wd), next: first,
                               rule: "listedDay")
            }
            if let (_, k) = weekday(j) { j = k }
            guard let (_, k) = day(j) else { return nil }
            j = k
        }
        return nil
    }

    /// A later day of an English list whose month came first: the 9 of "November 8 and 9",
    /// the 15 and 22 of "Nov. 8, 15 and 22, 2022". The first day is read as an ordinary date.
    func dayAfterMonthFirstList(_ i: Int) -> Reading? {
        guard let (d, k) = day(i) else { return nil }
        // "and" or "&" must join the list, before this day or later ("Nov 24, 12 people" is no list).
        if !(symbol(i - 1) == "&" || isWord(i - 1, WordList.and)) {
            var a = k
            var joined = false
            for _ in 0..<12 {
                if symbol(a) == "&" || isWord(a, WordList.and) {
                    joined = day(a + 1) != nil
                    break
                }
                guard symbol(a) == ",", let (_, b) = day(a + 1) else { break }
                a = b
            }
            guard joined else { return nil }
        }
        var j = i - 1
        var month: Int?
        for _ in 0..<12 {
            guard symbol(j) == "," || symbol(j) == "&" || isWord(j, WordList.and) else { return nil }
            j -= 1
            if let w = word(j), Lexicon.ordinalSuffixes.contains(w), number(j - 1) != nil { j -= 1 }
            guard let n = number(j), n.digits <= 2, (1...31).contains(n.value) else { return nil }
            j -= 1
            if symbol(j) == ".", word(j - 1) != nil { j -= 1 }
            if let (m, _) = self.month(j, monthFirst: true) {
                month = m
                break
            }
        }
        guard let month else { return nil }
        var part = DatePart(day: d, month: month)
        var next = k
        if let (y, k2) = trailingYear(k) {
            part.year = y
            next = k2
        }
        return Reading(start: part, next: next, rule: "listedDayAfterMonth")
    }
}
