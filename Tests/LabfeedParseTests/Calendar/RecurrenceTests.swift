@testable import LabfeedParse
import LabfeedCore
import Testing

struct RecurrenceTests {
    private func days(_ rule: String, from start: String, through last: String = "2030-12-31") throws -> [String] {
        let r = try #require(RecurrenceRule(rule))
        let s = try #require(CivilDate(iso: start)), l = try #require(CivilDate(iso: last))
        return RecurrenceExpander.days(r, start: s, through: l, isPastUntil: { day in
            if case .date(let u)? = r.until { return day > u }
            if case .dateTime(let u, _, _, _, _, _)? = r.until { return day > u }
            return false
        }).map(\.iso)
    }

    @Test func dailyWithIntervalAndCount() throws {
        #expect(try days("FREQ=DAILY;INTERVAL=2;COUNT=3", from: "2022-11-01") == ["2022-11-01", "2022-11-03", "2022-11-05"])
    }

    @Test func weeklyOnSeveralDaysUntilADate() throws {
        #expect(try days("FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20221116", from: "2022-11-07")
                == ["2022-11-07", "2022-11-09", "2022-11-14", "2022-11-16"])
    }

    @Test func biweeklyRespectsTheWeekStart() throws {
        #expect(try days("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;COUNT=4;WKST=MO", from: "2022-11-01")
                == ["2022-11-01", "2022-11-06", "2022-11-15", "2022-11-20"])
    }

    @Test func monthlyLastFridayAndNegativeMonthDay() throws {
        #expect(try days("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", from: "2022-10-28") == ["2022-10-28", "2022-11-25", "2022-12-30"])
        #expect(try days("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", from: "2023-01-31") == ["2023-01-31", "2023-02-28", "2023-03-31"])
    }

    @Test func monthlyOnThe31stSkipsShortMonths() throws {
        #expect(try days("FREQ=MONTHLY;COUNT=3", from: "2023-01-31") == ["2023-01-31", "2023-03-31", "2023-05-31"])
    }

    @Test func monthlyWithSetPositionLastWorkday() throws {
        #expect(try days("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", from: "2022-09-30")
                == ["2022-09-30", "2022-10-31", "2022-11-30"])
    }

    @Test func yearlyByMonthAndOrdinalWeekday() throws {
        // The DST rule of Europe: last Sunday of October.
        #expect(try days("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=3", from: "2022-10-30") == ["2022-10-30", "2023-10-29", "2024-10-27"])
        let leap = try days("FREQ=YEARLY;COUNT=3", from: "2024-02-29", through: "2040-12-31")
        #expect(leap == ["2024-02-29", "2028-02-29", "2032-02-29"])
    }

    @Test func refusesMalformedOrSubDailyRules() {
        #expect(RecurrenceRule("FREQ=HOURLY") == nil)
        #expect(RecurrenceRule("BYDAY=MO") == nil)
        #expect(RecurrenceRule("FREQ=WEEKLY;BYDAY=XX") == nil)
        #expect(RecurrenceRule("FREQ=WEEKLY;INTERVAL=0") == nil)
        #expect(RecurrenceRule("FREQ=DAILY;BYHOUR=9")?.unsupported == ["BYHOUR"])
    }
}
