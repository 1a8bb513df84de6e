// The token-level helpers every rule of the date grammar uses, and the values rules produce
// before years are inferred and times placed in a zone.

import LabfeedCore

/// A date as written: a day, and the month, year and weekday that came with it, if any.
struct DatePart: Sendable, Hashable {
    var day: Int
    var month: Int?
    var year: Int?
    var weekday: Int?
}

/// Morning or afternoon, for the 12-hour clock.
enum Meridiem: Sendable { case am, pm }

/// A time as written. `marked` is false for a bare number ("14" in "14-17h"), which only counts
/// when the other end of a range is marked.
struct Clock: Sendable {
    var hour: Int
    var minute: Int
    var meridiem: Meridiem?
    var marked: Bool

    /// The hour on the 24-hour clock.
    var hour24: Int {
        switch meridiem {
        case nil: hour
        case .am: hour % 12
        case .pm: hour % 12 + 12
        }
    }
}

/// A time or time range as read: start, optional end, and whether the end is on the next day.
struct TimeSpan: Sendable {
    var start: TimeOfDay
    var end: TimeOfDay?
    var endNextDay: Bool
    var next: Int
    var rule: String
    /// A zone written after the time ("+0100", "GMT", "CET"), as seconds east of UTC.
    var offset: Int? = nil
}

/// What a rule read, before the year is inferred and times are placed in a zone.
struct Reading: Sendable {
    var start: DatePart
    var end: DatePart?
    var times: TimeSpan?
    /// The time written after the range's end ("du 8 novembre 14h au 9 novembre 12h").
    var endTime: TimeOfDay?
    /// The times apply to each day of the range.
    var daily = false
    /// Seconds of an ISO 8601 time ("09:30:15").
    var second = 0
    /// The UTC offset an ISO 8601 date-time carried ("+01:00", "Z"): the instant is then
    /// shown in the context's zone.
    var offset: Int?
    var bound: OpenBound?
    /// Index of the first token after the expression.
    var next: Int
    var rule: String
}

/// The date grammar over one text's tokens. Every rule takes the index of the token to start
/// at and returns what it read with the index just past it, or nil.
struct Grammar {
    let t: [Token]
    let language: DateLanguage
    /// Two-digit years: the century is the one that puts the year nearest this year.
    let referenceYear: Int

    var count: Int { t.count }

    // Every accessor is total: an index outside the tokens reads as nothing.

    func word(_ i: Int) -> String? { t.indices.contains(i) && t[i].kind == .word ? t[i].norm : nil }

    func symbol(_ i: Int) -> String? { t.indices.contains(i) && t[i].kind == .symbol ? t[i].norm : nil }

    func number(_ i: Int) -> Token? { t.indices.contains(i) && t[i].kind == .number ? t[i] : nil }

    /// Token i is the symbol `s`: `symbol(i) == String(s)` (every symbol's norm is one scalar,
    /// ``Token/scalar``) with no String made or compared.
    @inline(__always)
    func isSymbol(_ i: Int, _ s: Unicode.Scalar) -> Bool { t.indices.contains(i) && t[i].kind == .symbol && t[i].scalar == s }

    /// Token i's value and digit count when it is a number: `number(i)` without copying the token.
    @inline(__always)
    func numberAt(_ i: Int) -> (value: Int, digits: Int)? {
        guard t.indices.contains(i), t[i].kind == .number else { return nil }
        return (t[i].value, t[i].digits)
    }

    /// `word(i) == w` without the optional copy of the norm.
    @inline(__always)
    func wordIs(_ i: Int, _ w: String) -> Bool { t.indices.contains(i) && t[i].kind == .word && t[i].norm == w }

    /// No whitespace between token i-1 and token i.
    func tight(_ i: Int) -> Bool { t.indices.contains(i) && !t[i].spaceBefore }

    func isWord(_ i: Int, _ set: Set<String>) -> Bool {
        guard let w = word(i) else { return false }
        return set.contains(w)
    }

    /// The same for a short literal list (a linear scan beats building a set on each call).
    func isWord(_ i: Int, _ words: [String]) -> Bool {
        guard let w = word(i) else { return false }
        return words.contains(w)
    }

    /// A dash of any kind (all are "-" after tokenizing), or "/" between dates ("2/3 nov" is
    /// not read: only dashes).
    func isDash(_ i: Int) -> Bool { symbol(i) == "-" }

    /// "jusqu'au", "jusqu'à", "jusqu'a": the index after them, when `tail` holds the last word.
    func jusqu(_ i: Int, _ tail: [String]) -> Int? {
        guard word(i) == "jusqu", symbol(i + 1) == "'", isWord(i + 2, tail) else { return nil }
        return i + 3
    }

    /// Whether the number that ended just before token j stands alone: not the integer part of
    /// "12,50" or "1.5", not "12%" or "12 €", not the first half of "10/20" or "10:30", and not
    /// glued to letters ("3D", "2022e").
    func cleanAfterNumber(_ j: Int) -> Bool {
        guard t.indices.contains(j) else { return true }
        let s = t[j]
        if s.kind == .symbol {
            switch s.scalar {
            case "%", "€", "$", "£", "‰": return false
            default: break
            }
        }
        guard !s.spaceBefore else { return true }
        switch s.kind {
        case .number: return false
        case .word: return false
        case .symbol:
            switch s.scalar {
            case ",", ".", "/", ":": return !(number(j + 1).map { !$0.spaceBefore } ?? false)
            case "°", "²", "³": return false
            default: return true
            }
        }
    }

    /// Whether an expression may begin at token i: not the tail of "12,50", "10:30", "8/11",
    /// "2-3", "A4", "n°8" or "14h".
    func canStart(_ i: Int) -> Bool {
        guard i > 0, !t[i].spaceBefore else { return true }
        switch t[i - 1].kind {
        case .number: return false
        case .word: return t[i].kind != .number
        case .symbol:
            let p = t[i - 1]
            switch p.scalar {
            case "°", "#", "№": return false
            case ",", ".", ":", "/", "-", "+": return !(i >= 2 && t[i - 2].kind == .number && !p.spaceBefore)
            default: return true
            }
        }
    }
}

/// The short word lists the rules test, each made once for the process. Written as array
/// literals at the call, each was built on the stack and its Strings released one by one
/// (`swift_arrayDestroy`) at every call: about 8 M instructions of the 200 corpus pages' 63 M
/// in `DateEngine.find`. Each list holds what its literal held, in the same order.
enum WordList {
    static let au = ["au"]
    static let fromRangeSeparators = ["to", "until", "till", "through", "thru"]
    static let rangeSeparators = ["au", "to", "through", "thru", "until", "till"]
    static let dateArticles = ["le", "on", "the"]
    static let untilTails = ["au", "a"]
    static let partirTails = ["du", "de"]
    static let sinceWords = ["des", "depuis"]
    static let untilWords = ["until", "till", "through"]
    static let fromWords = ["from", "starting", "since"]
    static let startingTails = ["on", "from"]
    static let articles = ["le", "the"]
    static let conjunctions = ["et", "and"]
    static let and = ["and"]
    static let a = ["a"]
    static let timeRangeSeparators = ["a", "to"]
    static let nextWords = ["prochain", "prochaine", "next"]
    static let durationOf = ["de", "d", "of"]
    static let rangeIntroducers = ["du", "from", "entre", "between"]
    static let shortDateCues = ["le", "du", "au", "on", "from", "to", "until", "till", "et", "and"]
    static let namedClocks = ["midi", "minuit", "noon", "midnight"]
}

