// One event described several ways on a page is counted once; distinct events are not merged.

import Foundation
import LabfeedCore
@testable import LabfeedParse
import Testing

struct EventMergeTests {
    let day = CivilDate(year: 2022, month: 11, day: 8)
    var nine: EventTime { .time(LocalDateTime(date: day, hour: 9, minute: 0, utcOffset: 3600)) }

    @Test func theBestSourceKeepsItsValuesAndTakesWhatItLacks() {
        var ld = Event(title: "Atelier design", start: .day(day), foundBy: .jsonLD)
        ld.location = Location(name: "Lab")
        var md = Event(title: "Atelier Design !", start: nine, foundBy: .microdata)
        md.location = Location(name: "Autre", locality: "Limoges")
        md.image = "https://x/i.jpg"
        let merged = EventMerger.merge([md, ld])
        #expect(merged.count == 1)
        #expect(merged[0].foundBy == .jsonLD)
        #expect(merged[0].start == nine)  // the time is richer than the bare day
        #expect(merged[0].location == Location(name: "Lab", locality: "Limoges"))
        #expect(merged[0].image == "https://x/i.jpg")
    }

    @Test func theSameURLAndStartIsTheSameEventWhateverTheTitle() {
        var a = Event(title: "Forum", start: nine, url: "https://lab.example.fr/forum/", foundBy: .jsonLD)
        var b = Event(title: "Le grand forum des labs 2022", start: nine, url: "http://lab.example.fr/forum", foundBy: .hEvent)
        a.description = nil
        b.description = "Texte"
        let merged = EventMerger.merge([a, b])
        #expect(merged.count == 1)
        #expect(merged[0].title == "Forum")
        #expect(merged[0].description == "Texte")
    }

    @Test func differentDaysOrDifferentTitlesStayApart() {
        let a = Event(title: "Atelier A", start: nine, foundBy: .jsonLD)
        let b = Event(title: "Atelier A", start: .day(day.adding(days: 1)), foundBy: .microdata)
        let c = Event(title: "Conférence sur les données", start: nine, foundBy: .microdata)
        #expect(EventMerger.merge([a, b, c]).count == 3)
    }

    @Test func twoSessionsOfOneDayUnderOnePageURLStayApart() {
        let ten = EventTime.time(LocalDateTime(date: day, hour: 14, minute: 0, utcOffset: 3600))
        let a = Event(title: "Session du matin", start: nine, url: "https://lab/j", foundBy: .jsonLD)
        let b = Event(title: "Atelier pratique", start: ten, url: "https://lab/j", foundBy: .jsonLD)
        #expect(EventMerger.merge([a, b]).count == 2)
    }
}
