import Foundation
import LabfeedCore
import Testing
@testable import LabfeedProgramme

struct ProgrammeFilterTests {
    let programme = Samples.programme()

    func ids(_ filter: ProgrammeFilter) -> [String] { filter.apply(to: programme).events.map(\.id).sorted() }

    @Test func datesSelectEventsWhoseDaysOverlap() {
        let day = ProgrammeFilter(from: Samples.day("2022-11-24"), to: Samples.day("2022-11-24"))
        // The table ronde that day, and the month-long range that contains it.
        #expect(ids(day) == ["ev-00000000000000a1", "ev-00000000000000a2"])
        #expect(ids(ProgrammeFilter(to: Samples.day("2022-11-07"))) == ["ev-00000000000000a2"])
    }

    @Test func regionOrganizerAndTextIgnoreCaseAndAccents() {
        #expect(ids(ProgrammeFilter(region: "nouvelle aquitaine", organizer: "REGION")) == ["ev-00000000000000a1"])
        #expect(ids(ProgrammeFilter(query: "gouter limoges")) == ["ev-00000000000000a1"])
        #expect(ids(ProgrammeFilter(query: "atelier TRES")) == ["ev-00000000000000a4"])
        #expect(ids(ProgrammeFilter(region: "Bretagne")).isEmpty)
        #expect(ProgrammeFilter().apply(to: programme) == programme)
    }

    @Test func theFilteredProgrammeRendersInEveryFormat() {
        let filtered = ProgrammeFilter(query: "table ronde").apply(to: programme)
        for format in OutputFormat.allCases {
            let text = format.render(filtered)
            #expect(text.contains("Table ronde"), "\(format)")
            #expect(!text.contains("Mois de l"), "\(format)")
        }
    }
}
