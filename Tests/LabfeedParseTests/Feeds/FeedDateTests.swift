import Foundation
import LabfeedCore
import LabfeedParse
import Testing

struct FeedDateTests {
    private func iso(_ text: String) -> String? { FeedDate.parse(text).map(UTCTimestamp.string) }

    @Test func readsRFC822WithNumericOffsets() {
        #expect(iso("Tue, 08 Nov 2022 09:30:00 +0100") == "2022-11-08T08:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 +01:00") == "2022-11-08T08:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 -0500") == "2022-11-08T14:30:00Z")
    }

    @Test func readsEveryZoneNameFoundInTheWild() {
        #expect(iso("Tue, 08 Nov 2022 09:30:00 GMT") == "2022-11-08T09:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 UT") == "2022-11-08T09:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 UTC") == "2022-11-08T09:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 Z") == "2022-11-08T09:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 EST") == "2022-11-08T14:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 PDT") == "2022-11-08T16:30:00Z")
        #expect(iso("Sat, 29 Oct 2022 09:30:00 CEST") == "2022-10-29T07:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 CET") == "2022-11-08T08:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 GMT+0100") == "2022-11-08T08:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 09:30:00 +0100 (CET)") == "2022-11-08T08:30:00Z")
    }

    @Test func toleratesMissingSecondsDayNameAndZone() {
        #expect(iso("Tue, 08 Nov 2022 09:30 +0100") == "2022-11-08T08:30:00Z")
        #expect(iso("08 Nov 2022 09:30:00 GMT") == "2022-11-08T09:30:00Z")
        // No zone: UTC, as feedparser and Miniflux read it.
        #expect(iso("Tue, 08 Nov 2022 09:30:00") == "2022-11-08T09:30:00Z")
        #expect(iso("Tue, 8 Nov 2022") == "2022-11-08T00:00:00Z")
    }

    @Test func readsTwoAndThreeDigitYearsAsRFC2822Says() {
        #expect(iso("Tue, 08 Nov 22 09:30:00 GMT") == "2022-11-08T09:30:00Z")
        #expect(iso("Fri, 08 Nov 99 09:30:00 GMT") == "1999-11-08T09:30:00Z")
        #expect(iso("Fri, 08 Nov 102 09:30:00 GMT") == "2002-11-08T09:30:00Z")
    }

    @Test func readsFrenchDayAndMonthNames() {
        #expect(iso("mar., 08 nov. 2022 09:30:00 +0100") == "2022-11-08T08:30:00Z")
        #expect(iso("Mardi, 8 Novembre 2022 09:30:00 +0100") == "2022-11-08T08:30:00Z")
        #expect(iso("lun, 15 août 2022 10:00:00 +0200") == "2022-08-15T08:00:00Z")
        #expect(iso("jeu., 01 déc. 2022 10:00 +0100") == "2022-12-01T09:00:00Z")
        #expect(iso("01 févr. 2022 10:00 +0100") == "2022-02-01T09:00:00Z")
        // "mar" alone is March.
        #expect(iso("08 mar 2022 10:00 GMT") == "2022-03-08T10:00:00Z")
    }

    @Test func readsAsctimeAndDashedForms() {
        #expect(iso("Tue Nov  8 09:30:00 2022") == "2022-11-08T09:30:00Z")
        #expect(iso("08-Nov-2022 09:30:00 +0000") == "2022-11-08T09:30:00Z")
        #expect(iso("Tue, 08 Nov 2022 9:30 pm GMT") == "2022-11-08T21:30:00Z")
    }

    @Test func readsISO8601AndRFC3339Variants() {
        #expect(iso("2022-11-08T09:30:00+01:00") == "2022-11-08T08:30:00Z")
        #expect(iso("2022-11-08T09:30:00.123Z") == "2022-11-08T09:30:00Z")
        #expect(iso("2022-11-08t09:30:00z") == "2022-11-08T09:30:00Z")
        #expect(iso("2022-11-08T09:30:00+0100") == "2022-11-08T08:30:00Z")
        #expect(iso("2022-11-08 09:30:00 +01:00") == "2022-11-08T08:30:00Z")
        #expect(iso("2022-11-08T09:30") == "2022-11-08T09:30:00Z")
        #expect(iso("20221108T093000Z") == "2022-11-08T09:30:00Z")
        #expect(iso("2022-11-08 09:30:00 GMT") == "2022-11-08T09:30:00Z")
    }

    @Test func readsW3CDTFPartialDates() {
        #expect(iso("2022") == "2022-01-01T00:00:00Z")
        #expect(iso("2022-11") == "2022-11-01T00:00:00Z")
        #expect(iso("2022-11-08") == "2022-11-08T00:00:00Z")
        #expect(FeedDate.components("2022-11")?.isPartial == true)
    }

    @Test func refusesWhatIsNotClearlyADate() {
        for text in ["", "sometime next week", "Mardi 32 novembre 2022 09:30", "Tue, 31 Feb 2022 10:00 GMT",
                     "Tue, 08 Nov 2022 25:30 GMT", "Tue, 08 Nov 2022 09:30 XYZ", "1667896200", "08/11/2022",
                     "2022-13-01", "Nov 2022", "Tue, 08 Nov 2022 09:30 +2500"] {
            #expect(FeedDate.parse(text) == nil, "\(text.debugDescription) should not be a date")
        }
    }

    @Test func keepsFloatingTimesFloating() throws {
        let c = try #require(FeedDate.components("2022-11-24 14:00:00"))
        #expect(c.utcOffset == nil)
        #expect(c.hour == 14)
        let withZone = try #require(FeedDate.components("Tue, 08 Nov 2022 09:30:00 +0100"))
        #expect(withZone.utcOffset == 3600)
    }
}
