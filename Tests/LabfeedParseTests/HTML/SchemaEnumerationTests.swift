// The byte reading of schema.org enumeration values (attendance mode, event status) against the
// lowercased Characters it replaced: the same answer for every spelling, case and oddity.

import LabfeedCore
@testable import LabfeedParse
import LabfeedTestSupport
import Testing

struct SchemaEnumerationTests {
    static let names: [String] = [
        "OfflineEventAttendanceMode", "OnlineEventAttendanceMode", "MixedEventAttendanceMode", "offline", "ONLINE",
        "mixed", "Mixe", "onlin", "", "Offline\u{301}EventAttendanceMode", "OnlİneEventAttendanceMode",
        "online\r\n", "éOnline", "Online€", "EventScheduled", "eventcancelled", "EventCanceled", "EVENTPOSTPONED",
        "EventRescheduled", "EventMovedOnline", "EventMovedOnlinex", "EventScheduled\u{301}", "EventSchedul",
        "EventCancelled ", "\u{212A}", "EventSchedu\u{212A}ed", "EventScheduleḋ",
    ]

    @Test func enumerationNamesReadAsTheCharacterReadingDoes() {
        for name in Self.names {
            #expect(SchemaEventMapper.attendance(localName: name) == SchemaEventMapper.attendanceByCharacters(name), "\(name)")
            #expect(SchemaEventMapper.status(localName: name) == SchemaEventMapper.statusByCharacters(name), "\(name)")
        }
        #expect(SchemaEventMapper.attendance(localName: "OfflineEventAttendanceMode") == .offline)
        #expect(SchemaEventMapper.status(localName: "eventCANCELED") == .cancelled)
    }

    @Test func randomNamesReadAsTheCharacterReadingDoes() {
        let pieces = ["Event", "event", "Offline", "online", "MIXED", "Scheduled", "Cancel", "led", "ed", "Moved",
                      "Online", "Postponed", "Re", "scheduled", "é", "\u{301}", "\r", "\n", " ", "K", "\u{212A}", "x"]
        var rng = Xorshift64(seed: 0xE_7A7E)
        for _ in 0..<2_000 {
            var name = ""
            for _ in 0..<Int.random(in: 0...5, using: &rng) { name += pieces.randomElement(using: &rng)! }
            #expect(SchemaEventMapper.attendance(localName: name) == SchemaEventMapper.attendanceByCharacters(name), "\(name.debugDescription)")
            #expect(SchemaEventMapper.status(localName: name) == SchemaEventMapper.statusByCharacters(name), "\(name.debugDescription)")
        }
    }

    /// Whole values (prefixes, spaces at the ends, non-ASCII bytes, several colons) read on
    /// their local name's bytes, against the local name's String then its reading.
    @Test func valuesReadAsTheirLocalNames() {
        let prefixes = ["", "https://schema.org/", "http://schema.org/", "schema:", "https://www.schema.org/", "http://data-vocabulary.org/",
                        "https://schema.org", "schema", "ex:", "https:", " https://schema.org/", "\thttps://schema.org/", "é:", "\u{A0}"]
        let suffixes = ["", " ", "\u{A0}", "\n", ":", "é", "/"]
        var rng = Xorshift64(seed: 0x5EED_0017_0005)
        var values: [String] = []
        for prefix in prefixes {
            for name in Self.names { values.append(prefix + name + rng.element(of: suffixes)) }
        }
        for _ in 0..<4_000 {
            values.append(rng.element(of: prefixes) + rng.element(of: Self.names) + rng.element(of: prefixes) + rng.element(of: suffixes))
        }
        for value in values {
            let local = SchemaNode.localName(value)
            #expect(SchemaEventMapper.attendance(value: value) == SchemaEventMapper.attendance(localName: local), "\(value.debugDescription)")
            #expect(SchemaEventMapper.status(value: value) == SchemaEventMapper.status(localName: local), "\(value.debugDescription)")
        }
        #expect(SchemaEventMapper.attendance(value: "https://schema.org/MixedEventAttendanceMode") == .mixed)
        #expect(SchemaEventMapper.status(value: "https://schema.org/EventMovedOnline") == .movedOnline)
    }
}
