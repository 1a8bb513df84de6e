// Single dates: named ("vendredi 4 novembre 2022", "Nov 24th, 2021", "1er déc."), numeric
// ("08/11/2022", read day-first or month-first by the page's language) and ISO 8601.
// A bare number is never a date, nor a month alone, nor a year alone.

import LabfeedCore

extension Grammar {
    /// A day of the month: 1-31, with an optional ordinal ("1er", "1ᵉʳ", "24th").
    func day(_ i: Int) -> (Int, Int)? {
        guard let n = number(i), n.digits <= 2, (1...31).contains(n.value) else { return nil }
        var j = i + 1
        if let w = word(j), Lexicon.ordinalSuffixes.contains(w), tight(j) || w == "er" {
            j += 1
        }
        guard cleanAfterNumber(j) else { return nil }
        return (n.value, j)
    }

    /// A month name, with the dot of an abbreviation. `monthFirst` is the English order
    /// ("Nov 24"), where words that are also ordinary words need more care.
    func month(_ i: Int, monthFirst: Bool) -> (Int, Int)? {
        guard let w = word(i), let m = Lexicon.months[w] else { return nil }
        if monthFirst {
            guard m.english else { return nil }
            if m.commonWord {
                guard t[i].capitalized else { return nil }
                if language == .fr && (w == "mar" || w == "sept") { return nil }
            }
        } else if m.commonWord && !m.french && !t[i].capitalized {
            // "step 5 may take time": English "may", "march", "mar" after a day need a capital.
            return nil
        }
        var j = i + 1
        if m.abbreviation, symbol(j) == ".", tight(j) { j += 1 }
        return (m.month, j)
    }

    /// A four-digit year from 1000 to 2999, standing alone ("le 14 juillet 1789" is 1789, not
    /// this year's 14 July).
    func year(_ i: Int) -> (Int, Int)? {
        guard let n = number(i), n.digits == 4, (1000...2999).contains(n.value), cleanAfterNumber(i + 1) else {
            return nil
        }
        return (n.value, i + 1)
    }

    /// A year after a comma or directly: "24 novembre 2021", "November 24, 2021".
    func trailingYear(_ i: Int) -> (Int, Int)? {
        if let y = year(i) { return y }
        if symbol(i) == ",", let y = year(i + 1) { return y }
        return nil
    }

    /// A weekday name with the dot of an abbreviation and a following comma.
    func weekday(_ i: Int) -> (Int, Int)? {
        guard let w = word(i), let d = Lexicon.weekdays[w] else { return nil }
        var j = i + 1
        if d.abbreviation, symbol(j) == ".", tight(j) { j += 1 }
        if symbol(j) == "," { j += 1 }
        return (d.weekday, j)
    }

    /// A date with a month name. With `partial`, a day with no month is also read (the first
    /// end of "du 2 au 30 novembre"), and so is a day after a month-first start ("Nov 2–30")
    /// when `bareDay` is set.
    func namedDate(_ i: Int, partial: Bool = false) -> (DatePart, Int, String)? {
        var j = i
        var wd: Int?
        if let (w, k) = weekday(j) {
            wd = w
            j = k
        }
        if wd != nil, word(j) == "the" { j += 1 }
        // Day first: "4 novembre 2022", "24th of November", "1er déc.".
        if let (d, k) = day(j) {
            var m0 = k
            if word(m0) == "of" { m0 += 1 }
            if let (m, k2) = month(m0, monthFirst: false) {
                var part = DatePart(day: d, month: m, weekday: wd)
                var end = k2
                if let (y, k3) = trailingYear(end) {
                    part.year = y
                    end = k3
                }
                return (part, end, part.year == nil ? "dayMonth" : "dayMonthYear")
            }
            if partial { return (DatePart(day: d, weekday: wd), k, "day") }
            return nil
        }
        // Month first: "November 24th, 2021", "Thursday, Nov 24", "Nov 24".
        if let (m, k) = month(j, monthFirst: true) {
            var d0 = k
            if word(d0) == "the" { d0 += 1 }
            guard let (d, k2) = day(d0) else { return nil }
            var part = DatePart(day: d, month: m, weekday: wd)
            var end = k2
            if let (y, k3) = trailingYear(end) {
                part.year = y
                end = k3
            }
            return (part, end, part.year == nil ? "monthDay" : "monthDayYear")
        }
        return nil
    }

    /// A bare day after the start of a month-first range ("Nov 2–30", "November 2 to 30, 2022").
    func bareDayEnd(_ i: Int) -> (DatePart, Int)? {
        guard let (d, k) = day(i) else { return nil }
        var part = DatePart(day: d)
        var end = k
        if let (y, k2) = trailingYear(k) {
            part.year = y
            end = k2
        }
        return (part, end)
    }

    /// A numeric date: `08/11/2022`, `8.11.2022`, `08-11-2022`, `08/11/22`, `2022/11/08`, and
    /// `08/11` when `yearOptional` (after "le", "du", a weekday...). Day-first unless the page is
    /// US English; the other order is taken when only it gives a real date ("24/11/2022").
    func numericDate(_ i: Int, yearOptional: Bool) -> (DatePart, Int, String)? {
        guard let a = number(i) else { return nil }
        let sep = symbol(i + 1)
        guard let sep, sep == "/" || sep == "." || sep == "-", tight(i + 1), let b = number(i + 2), tight(i + 2),
              b.digits <= 2 else { return nil }
        if a.digits == 4 {
            // Year first: 2022/11/08 (dashes are ISO, read elsewhere).
            guard sep != "-", symbol(i + 3) == sep, tight(i + 3), let c = number(i + 4), tight(i + 4), c.digits <= 2,
                  cleanAfterNumber(i + 5), CivilDate.isValid(year: a.value, month: b.value, day: c.value) else { return nil }
            return (DatePart(day: c.value, month: b.value, year: a.value), i + 5, "numericYMD")
        }
        guard a.digits <= 2 else { return nil }
        var year: Int?
        var next = i + 3
        if symbol(i + 3) == sep, tight(i + 3), let c = number(i + 4), tight(i + 4) {
            switch c.digits {
            case 4: year = c.value
            case 2: year = expandTwoDigitYear(c.value)
            default: return nil
            }
            next = i + 5
        } else if !(yearOptional && sep == "/") {
            return nil
        }
        guard cleanAfterNumber(next) else { return nil }
        // A fourth group ("05.12.34.56" a phone number, "1.2.3.4" an address) is no date.
        if let s = symbol(next), tight(next), s == "." || s == "/" || s == "-", number(next + 1) != nil, tight(next + 1) {
            return nil
        }
        func valid(_ d: Int, _ m: Int) -> Bool {
            (1...12).contains(m) && d >= 1 && d <= CivilDate.daysIn(month: m, year: year ?? 2000)
        }
        let (first, second) = language.monthFirst ? (b.value, a.value) : (a.value, b.value)
        if valid(first, second) {
            return (DatePart(day: first, month: second, year: year), next, year == nil ? "numericShort" : "numeric")
        }
        if valid(second, first) {
            return (DatePart(day: second, month: first, year: year), next, "numericSwapped")
        }
        return nil
    }

    func expandTwoDigitYear(_ yy: Int) -> Int {
        let century = referenceYear - referenceYear % 100
        var y = century + yy
        if y > referenceYear + 50 { y -= 100 } else if y < referenceYear - 50 { y += 100 }
        return y
    }

    /// ISO 8601: `2022-11-08`, `2022-11-08T09:30`, `2022-11-08 09:30:00`, `…+01:00`, `…Z`.
    /// Returns the date and, when a time was given, the time and the offset if any.
    ///
    /// Read with ``isSymbol(_:_:)``, ``numberAt(_:)`` and ``wordIs(_:_:)``: `symbol(i) == "-"`
    /// and `number(i)` made an optional String or copied a whole token (retaining its norm) at
    /// each step, about 860 instructions a call, twice per date of the corpus (the range's start
    /// and the single date). GrammarScalarTests keeps the former reading and compares both at
    /// every token of random texts.
    func isoDate(_ i: Int) -> (date: CivilDate, time: (h: Int, m: Int, s: Int)?, offset: Int?, next: Int)? {
        guard let y = numberAt(i), y.digits == 4, isSymbol(i + 1, "-"), tight(i + 1),
              let m = numberAt(i + 2), m.digits == 2, tight(i + 2), isSymbol(i + 3, "-"), tight(i + 3),
              let d = numberAt(i + 4), d.digits == 2, tight(i + 4),
              CivilDate.isValid(year: y.value, month: m.value, day: d.value) else { return nil }
        let date = CivilDate(year: y.value, month: m.value, day: d.value)
        var j = i + 5
        // Time: "T09:30" (T glued) or " 09:30".
        var h0 = j
        if wordIs(j, "t"), tight(j) { h0 = j + 1 }
        guard let hh = numberAt(h0), hh.digits == 2, h0 == j ? true : tight(h0), hh.value <= 23,
              isSymbol(h0 + 1, ":"), tight(h0 + 1), let mm = numberAt(h0 + 2), mm.digits == 2, tight(h0 + 2), mm.value <= 59 else {
            guard cleanAfterNumber(j), !(isSymbol(j, "-") && tight(j) && numberAt(j + 1) != nil) else { return nil }
            return (date, nil, nil, j)
        }
        var sec = 0
        j = h0 + 3
        if isSymbol(j, ":"), tight(j), let ss = numberAt(j + 1), ss.digits == 2, tight(j + 1), ss.value <= 60 {
            sec = min(ss.value, 59)
            j += 2
            if isSymbol(j, ".") || isSymbol(j, ","), tight(j), numberAt(j + 1) != nil, tight(j + 1) { j += 2 }
        }
        var offset: Int?
        if wordIs(j, "z"), tight(j) {
            offset = 0
            j += 1
        } else if isSymbol(j, "+") || isSymbol(j, "-"), tight(j), let oh = numberAt(j + 1), tight(j + 1) {
            let sign = isSymbol(j, "-") ? -1 : 1
            if oh.digits == 4, oh.value / 100 <= 18, oh.value % 100 <= 59 {
                offset = sign * ((oh.value / 100) * 3600 + (oh.value % 100) * 60)
                j += 2
            } else if oh.digits == 2, oh.value <= 18 {
                var om = 0
                j += 2
                if isSymbol(j, ":"), tight(j), let mn = numberAt(j + 1), mn.digits == 2, tight(j + 1), mn.value <= 59 {
                    om = mn.value
                    j += 2
                }
                offset = sign * (oh.value * 3600 + om * 60)
            }
        }
        return (date, (hh.value, mm.value, sec), offset, j)
    }
}
