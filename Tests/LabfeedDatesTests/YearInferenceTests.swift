// YearInference on its own: the nearest of three years, weekdays that pick the year, days
// that exist in none.

import LabfeedCore
import LabfeedDates
import Testing

struct YearInferenceTests {
    func infer(_ month: Int, _ day: Int, weekday: Int? = nil, from reference: String) -> (String, Bool)? {
        YearInference.infer(month: month, day: day, weekday: weekday, reference: CivilDate(iso: reference)!)
            .map { ($0.date.iso, $0.weekdayMismatch) }
    }

    @Test func aDecemberPostAnnouncingJanuaryMeansNextJanuary() {
        #expect(infer(1, 12, from: "2022-12-10")?.0 == "2023-01-12")
    }

    @Test func anEarlyJanuaryPostAboutDecemberMeansThePastDecember() {
        #expect(infer(12, 15, from: "2023-01-05")?.0 == "2022-12-15")
    }

    @Test func theReferenceDayItselfIsItsOwnYear() {
        #expect(infer(11, 8, from: "2022-11-08")?.0 == "2022-11-08")
    }

    @Test func halfAYearAwayGoesToTheNearerSide() {
        #expect(infer(7, 1, from: "2022-01-01")?.0 == "2022-07-01")
        #expect(infer(7, 1, from: "2022-12-31")?.0 == "2023-07-01")
    }

    @Test func aWeekdayPicksTheYearItFallsOn() {
        // 2022-11-24 is a Thursday, 2021-11-24 a Wednesday: from January 2022 the nearer is 2021.
        #expect(infer(11, 24, from: "2022-01-10")?.0 == "2021-11-24")
        #expect(infer(11, 24, weekday: 4, from: "2022-01-10").map { $0.0 + " \($0.1)" } == "2022-11-24 false")
    }

    @Test func aWeekdayNoYearMatchesIsFlagged() {
        let r = infer(1, 12, weekday: 1, from: "2022-12-10")
        #expect(r?.0 == "2023-01-12")
        #expect(r?.1 == true)
    }

    @Test func theTwentyNinthOfFebruaryFindsTheLeapYearOrNothing() {
        #expect(infer(2, 29, from: "2023-06-01")?.0 == "2024-02-29")
        #expect(infer(2, 29, from: "2022-01-15") == nil)
    }
}
