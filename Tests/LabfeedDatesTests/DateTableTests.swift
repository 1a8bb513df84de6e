// Runs the expression table (DateTable+*.swift): each input must give exactly one date
// expression with the expected start, end, span and flags; the negative rows none at all.

import Foundation
import LabfeedCore
import LabfeedDates
import Testing

struct DateTableTests {
    static let positive: [DateCase] = NamedDateRows.french + NamedDateRows.english + NumericDateRows.all
        + RangeRows.all + TimeRows.all + InferenceRows.all + InferenceRows.daylightSaving + FormRows.all

    @Test func tableHoldsAtLeastTwoHundredExpressions() {
        #expect(Self.positive.count + NegativeRows.all.count >= 200)
    }

    @Test(arguments: positive)
    func expressionReadsAsExpected(_ c: DateCase) {
        let found = DateEngine.find(in: c.input, context: c.context)
        #expect(found.count == 1, "found \(found.map(\.text))")
        guard let m = found.first else { return }
        #expect(m.start.iso == c.start)
        #expect(m.end?.iso == c.end)
        #expect(m.text == (c.span ?? c.input), "rule \(m.rule)")
        #expect(String(c.input[m.range]) == m.text)
        if let kind = c.kind { #expect(m.kind == kind) }
        if let inferred = c.inferred { #expect(m.yearInferred == inferred) }
        if let mismatch = c.mismatch {
            #expect(m.weekdayMismatch == mismatch)
            #expect(m.hasWeekday)
        }
        #expect(m.allDay == m.start.isAllDay)
    }

    @Test(arguments: NegativeRows.all)
    func proseWithoutDatesYieldsNothing(_ c: NoDateCase) {
        let context = DateContext(language: c.language, reference: CivilDate(year: 2022, month: 10, day: 15))
        let found = DateEngine.find(in: c.input, context: context)
        #expect(found.isEmpty, "found \(found.map { "\($0.text) (\($0.rule))" })")
    }
}
