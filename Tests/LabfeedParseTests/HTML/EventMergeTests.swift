// One event described several ways on a page is counted once; distinct events are not merged.

import Foundation
import LabfeedCore
@testable import LabfeedParse
import LabfeedTestSupport
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

    @Test func startsComparedOnceMadeAreTheStartsCompared() {
        // EventMerger.StartKey (pass pageperf16) against sameStart on EventTimes: days, times
        // in several offsets (one instant written two ways), seconds, across midnight.
        var state: UInt64 = 0x3E26_0016_57A2_0001  // xorshift, fixed seed: a failure reproduces
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        var starts: [EventTime] = []
        for _ in 0..<600 {
            let date = CivilDate(year: 2026, month: 11, day: 1 + next(3))
            if next(4) == 0 {
                starts.append(.day(date))
            } else {
                let offset = [0, 3600, 7200, -18_000][next(4)]
                starts.append(.time(LocalDateTime(date: date, hour: [0, 1, 9, 23][next(4)], minute: [0, 30][next(2)],
                                                  second: [0, 0, 15][next(3)], utcOffset: offset)))
            }
        }
        var same = 0
        for a in starts.prefix(200) {
            for b in starts {
                let expected = EventMerger.sameStart(a, b)
                if expected { same += 1 }
                #expect(EventMerger.StartKey(a).same(as: EventMerger.StartKey(b)) == expected, "\(a) \(b)")
            }
        }
        #expect(same > 2_000)
    }

    /// The merge as it was (each event copied into a growing output), the reference of the
    /// merge that reads events in place and gives a page without duplicates its array back.
    private static func referenceMerge(_ events: [Event]) -> [Event] {
        var out: [Event] = []
        var firstTitles: [String] = []
        var titles: [[String]?] = []
        var starts: [EventMerger.StartKey] = []
        for event in events {
            var words: [String]?
            var found: Int?
            let start = EventMerger.StartKey(event.start)
            for i in out.indices where starts[i].same(as: start) {
                if titles[i] == nil { titles[i] = EventMerger.words(firstTitles[i]) }
                if words == nil { words = EventMerger.words(event.title) }
                if EventMerger.same(out[i], titles[i]!, event, words!) {
                    found = i
                    break
                }
            }
            if let i = found {
                out[i] = EventMerger.combine(out[i], event)
                starts[i] = EventMerger.StartKey(out[i].start)
            } else {
                out.append(event)
                firstTitles.append(event.title)
                titles.append(words)
                starts.append(start)
            }
        }
        return out
    }

    @Test func mergingInPlaceGivesWhatCopyingGave() {
        var rng = Xorshift64(seed: 0x5EED_0028_0003)
        let titles = ["Atelier design", "Atelier Design !", "Forum des labs", "Le grand forum des labs", "Conférence",
                      "Conference", "Atelier", "Fresque du climat"]
        let urls: [String?] = [nil, "https://lab.example.fr/a/", "http://lab.example.fr/a", "https://lab.example.fr/b#x"]
        let sources: [FoundBy] = [.jsonLD, .microdata, .hEvent, .hCalendar, .selectors]
        var merges = 0
        for _ in 0..<800 {
            var events: [Event] = []
            for _ in 0..<rng.next(9) {
                let day = CivilDate(year: 2026, month: 11, day: 1 + rng.next(2))
                let start: EventTime = rng.next(3) == 0
                    ? .day(day) : .time(LocalDateTime(date: day, hour: 9 + rng.next(2), minute: 0, utcOffset: 3600))
                var event = Event(title: rng.element(of: titles), start: start, url: rng.element(of: urls), foundBy: rng.element(of: sources))
                if rng.next(2) == 0 { event.description = "d\(rng.next(3))" }
                if rng.next(3) == 0 { event.location = Location(name: "Lab \(rng.next(2))", locality: rng.next(2) == 0 ? "Tours" : nil) }
                events.append(event)
            }
            let expected = Self.referenceMerge(events)
            let merged = EventMerger.merge(events)
            #expect(merged == expected)
            if merged.count < events.count { merges += 1 }
        }
        #expect(merges > 100)
    }
}
