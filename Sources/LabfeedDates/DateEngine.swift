// The date engine's entry points: every date expression in a text (`find`), one expression on
// its own (`parse`), and times with no date (`findTimes`). Pure functions of the text and the
// context: no clock is read, nothing is shared, safe from any thread.

import LabfeedCore

/// Finds and reads French and English date expressions in plain text (no HTML).
///
/// What it reads is described in docs/DATES.md. Matches never overlap; at each place the
/// longest expression that names real dates wins ("du 2 au 30 novembre" is one range, not
/// "30 novembre"). A bare number, a month alone or a year alone is never a date.
public enum DateEngine {
    /// Every date expression in `text`, in order.
    public static func find(in text: String, context: DateContext) -> [DateMatch] {
        find(tokens: Tokenizer.tokenize(text), in: text, context: context)
    }

    /// ``find(in:context:)`` and ``findTimes(in:language:)`` (in the context's language) of one
    /// text, tokenized once: what the two calls give.
    public static func findDatesAndTimes(in text: String, context: DateContext) -> (dates: [DateMatch], times: [TimeMatch]) {
        let tokens = Tokenizer.tokenize(text)
        return (find(tokens: tokens, in: text, context: context), findTimes(tokens: tokens, in: text, language: context.language))
    }

    /// ``find(in:context:)`` and, when it finds a date, ``findTimes(in:language:)`` in the
    /// context's language, of one tokenization (nil times when there is no date: not looked
    /// for). The prose analysis gives a date its time from the same block.
    public static func findDatesThenTimes(in text: String, context: DateContext) -> (dates: [DateMatch], times: [TimeMatch]?) {
        if let lone = loneISODate(text, context: context) { return ([lone], []) }
        return findDatesThenTimesByGrammar(in: text, context: context)
    }

    /// ``findDatesThenTimes(in:context:)`` without the shortcut for a lone ISO date: the
    /// reference LoneISODateTests compares it with.
    static func findDatesThenTimesByGrammar(in text: String, context: DateContext) -> (dates: [DateMatch], times: [TimeMatch]?) {
        let tokens = Tokenizer.tokenize(text)
        let dates = find(tokens: tokens, in: text, context: context)
        return (dates, dates.isEmpty ? nil : findTimes(tokens: tokens, in: text, language: context.language))
    }

    /// The match of a text that is one ISO date and nothing else ("2031-01-05": the `<time>` line
    /// of an agenda card, one block in each card), read from its ten bytes without tokenizing
    /// it (five tokens, each with its String) or trying the seven rules at its first token:
    /// about 8,300 instructions a block through the grammar. What ``find(in:context:)`` gives for
    /// such a text is the ISO rule's reading (``Grammar/singleDate(_:)``, rule "iso", five
    /// tokens: no other rule reads past them, and ``Grammar/dateRange(_:)``, tried first, needs a
    /// separator after its start) resolved by the same ``Resolver``, and no time (the year
    /// "2031" is no time, "06" and "18" cannot start one); nil for any other text and for a date
    /// that does not exist ("2031-02-30", left to the grammar). LoneISODateTests compares both.
    static func loneISODate(_ text: String, context: DateContext) -> DateMatch? {
        guard let (year, month, day) = CivilDate.isoDigits(text), CivilDate.isValid(year: year, month: month, day: day) else {
            return nil
        }
        let reading = Reading(start: DatePart(day: day, month: month, year: year), next: 5, rule: "iso")
        guard let resolved = Resolver(context: context).resolve(reading) else { return nil }
        return DateMatch(range: text.startIndex..<text.endIndex, text: text, start: resolved.start, end: resolved.end,
                         kind: resolved.kind, bound: nil, yearInferred: resolved.yearInferred,
                         referenceIsPublication: context.referenceIsPublication, hasWeekday: false,
                         weekdayMismatch: resolved.weekdayMismatch, rule: reading.rule)
    }

    private static func find(tokens: [Token], in text: String, context: DateContext) -> [DateMatch] {
        let grammar = Grammar(t: tokens, language: context.language, referenceYear: context.reference.year)
        let resolver = Resolver(context: context)
        var out: [DateMatch] = []
        var i = 0
        while i < tokens.count {
            guard grammar.canStart(i) else {
                i += 1
                continue
            }
            switch best(at: i, grammar, resolver, text) {
            case .match(let match, let next):
                out.append(match)
                i = next
            case .impossible(let next):
                // "du 30 au 2 novembre", "31 novembre": an expression naming no real day. Its
                // tail ("2 novembre") is not read alone: it would be a half-truth.
                i = next
            case .nothing:
                i += 1
            }
        }
        return out
    }

    /// Reads `expression` as one date expression ("vendredi 4 novembre 2022 à 14h",
    /// "2022-11-08T09:30:00+01:00", "Nov 2–30"): nil unless one expression covers it all,
    /// leaving at most a leading "le"/"on"/"the"/"du"... and punctuation.
    public static func parse(_ expression: String, context: DateContext) -> DateMatch? {
        let found = find(in: expression, context: context)
        guard found.count == 1, let match = found.first else { return nil }
        let before = Tokenizer.tokenize(String(expression[..<match.range.lowerBound]))
        let after = Tokenizer.tokenize(String(expression[match.range.upperBound...]))
        let filler: Set<String> = ["le", "la", "the", "on", "a", "at", "date", "dates", "du", "des", "de", "when", "quand"]
        // Before: punctuation and filler words; after: punctuation only.
        guard before.allSatisfy({ $0.kind == .symbol || ($0.kind == .word && filler.contains($0.norm)) }),
              after.allSatisfy({ $0.kind == .symbol }) else { return nil }
        return match
    }

    /// Every time or time range in `text` ("à 14h30", "14h-17h", "de 9 h à 12 h 30", "2:30 pm",
    /// "à midi"), whether or not a date is near. "midi", "minuit", "noon" and "midnight" count
    /// only after a cue ("à midi", "until midnight") or in a range. Durations ("2h de
    /// formation") look like times: callers should prefer times next to a date.
    public static func findTimes(in text: String, language: DateLanguage = .fr) -> [TimeMatch] {
        // A text with no digit and no named clock is not tokenized (``mayHoldTime(in:)``).
        guard mayHoldTime(in: text) else { return [] }
        return findTimes(tokens: Tokenizer.tokenize(text), in: text, language: language)
    }

    /// ``findTimes(in:language:)`` of tokenized text, without the byte filter.
    static func findTimes(tokens: [Token], in text: String, language: DateLanguage) -> [TimeMatch] {
        let g = Grammar(t: tokens, language: language, referenceYear: 2000)
        var out: [TimeMatch] = []
        var i = 0
        while i < tokens.count {
            guard g.canStart(i), let span = g.timeSpan(i) else {
                i = g.canStart(i) ? g.impossibleTimeRange(i) ?? i + 1 : i + 1
                continue
            }
            let named = g.word(i).map { WordList.namedClocks.contains($0) } ?? false
            if named && span.end == nil {
                let cues: Set<String> = ["a", "at", "de", "from", "vers", "des", "to", "until", "till", "et", "and", "around", "by"]
                guard i > 0, g.isWord(i - 1, cues) else {
                    i += 1
                    continue
                }
            }
            let range = tokens[i].range.lowerBound..<tokens[span.next - 1].range.upperBound
            out.append(TimeMatch(range: range, text: String(text[range]), start: span.start, end: span.end,
                                 endIsNextDay: span.endNextDay, utcOffset: span.offset, rule: span.rule))
            i = span.next
        }
        return out
    }

    private enum Outcome {
        case match(DateMatch, next: Int)
        /// Readings were found but none names real dates; the longest ends before `next`.
        case impossible(next: Int)
        case nothing
    }

    /// The longest reading at token i that names real dates.
    private static func best(at i: Int, _ g: Grammar, _ resolver: Resolver, _ text: String) -> Outcome {
        let readings = g.candidates(at: i)
        guard !readings.isEmpty else { return .nothing }
        // The readings longest first, picked one after the other without a sorted copy.
        var last = (next: Int.max, place: -1)
        while let pick = preferred(readings, after: last) {
            let reading = readings[pick]
            last = (reading.next, pick)
            guard let resolved = resolver.resolve(reading) else { continue }
            let range = g.t[i].range.lowerBound..<g.t[reading.next - 1].range.upperBound
            let match = DateMatch(
                range: range, text: String(text[range]), start: resolved.start, end: resolved.end,
                kind: resolved.kind, bound: reading.bound, yearInferred: resolved.yearInferred,
                referenceIsPublication: resolver.context.referenceIsPublication,
                hasWeekday: reading.start.weekday != nil || reading.end?.weekday != nil,
                weekdayMismatch: resolved.weekdayMismatch, rule: reading.rule)
            return .match(match, next: reading.next)
        }
        return .impossible(next: readings.lazy.map(\.next).max() ?? i + 1)
    }

    /// The place in `readings` of the reading that comes after the one at `last.place`
    /// (ending before `last.next`) in the order the engine tries them: the longest first (the
    /// largest `next`), the earlier of two as long first; nil after the last. What sorting the
    /// readings by `next`, then by place, gave (there are at most seven); DateEngineOrderTests
    /// compares both.
    static func preferred(_ readings: [Reading], after last: (next: Int, place: Int)) -> Int? {
        var pick = -1
        var pickNext = 0
        for k in readings.indices {
            let next = readings[k].next
            guard next < last.next || (next == last.next && k > last.place) else { continue }
            if pick < 0 || next > pickNext {
                pick = k
                pickNext = next
            }
        }
        return pick < 0 ? nil : pick
    }
}
