// FrenchDates' pieces written without arrays or Strings (place joined piece by piece, the date
// text as bytes) against what they replaced (kept below as the reference).

import Foundation
import LabfeedCore
import LabfeedTestSupport
import Testing
@testable import LabfeedProgramme

/// FrenchDates.place appended piece by piece against the joins of optionals it replaced.
struct FrenchPlaceTests {
    static func reference(_ location: Location?) -> String? {
        guard let l = location else { return nil }
        let town = [l.postalCode, l.locality].compactMap { $0 }.joined(separator: " ")
        let parts = [l.name, l.address, town.isEmpty ? nil : town].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    @Test func everyMixOfSetEmptyAndMissingPartsGivesTheJoinedText() {
        let values: [String?] = [nil, "", " ", "Lab X", "12 rue Y, bât. 2", "87000", "Limoges"]
        var count = 0
        for name in values {
            for address in values {
                for postalCode in values {
                    for locality in values {
                        let location = Location(name: name, address: address, locality: locality, postalCode: postalCode)
                        #expect(FrenchDates.place(location) == Self.reference(location), "\(location)")
                        count += 1
                    }
                }
            }
        }
        #expect(count == 2_401)
        #expect(FrenchDates.place(nil) == nil)
        #expect(FrenchDates.place(Location(name: "Lab X", address: "12 rue Y", locality: "Limoges", postalCode: "87000"))
            == "Lab X, 12 rue Y, 87000 Limoges")
    }
}

/// FrenchDates.appendWhen (bytes) against FrenchDates.when (Strings).
struct FrenchWhenTests {
    @Test func theDateTextAsBytesIsTheString() {
        var random = Xorshift64(seed: 0x7E4)
        let zones = ["Europe/Paris", "UTC", "America/Cayenne", "Pacific/Kiritimati"].map { TimeZone(identifier: $0)! }
        var events = MarkupBytesTests.events.map(\.event)
        for _ in 0..<3_000 {
            let day = CivilDate(dayNumber: random.next(40_000) - 5_000)
            let zone = zones[random.next(zones.count)]
            func time(_ d: CivilDate) -> EventTime {
                random.next(3) == 0 ? .day(d) : .time(LocalDateTime(date: d, hour: random.next(24), minute: random.next(60), in: zone))
            }
            let start = time(day)
            let end: EventTime? = [nil, time(day), time(day.adding(days: random.next(40) - 5))][random.next(3)]
            events.append(Samples.event("x", start: start, end: end))
        }
        events.append(Samples.event("1er", start: .day(CivilDate(iso: "2022-11-01")!), end: .day(CivilDate(iso: "2022-12-01")!)))
        for event in events {
            for zone in zones {
                var bytes: [UInt8] = []
                FrenchDates.appendWhen(event, zone: zone, to: &bytes)
                let text = FrenchDates.when(event, zone: zone)
                #expect(String(decoding: bytes, as: UTF8.self) == text)
                #expect(MarkupEscaping.escape(text) == text)
            }
        }
    }
}
