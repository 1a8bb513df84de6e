// ICSWriter's events folded straight into bytes (appendFolded) against the folded Strings they
// replaced: the same calendar for the fixed and random programme events, in Paris and in UTC.

import Foundation
import LabfeedCore
import Testing
@testable import LabfeedProgramme

struct ICSBytesTests {
    @Test(arguments: ["Europe/Paris", "UTC"])
    func theCalendarIsTheTextTheFoldedStringsWrote(zone: String) {
        let programme = Programme(updatedAt: nil, sources: [], events: MarkupBytesTests.events)
        let options = RenderOptions(zone: TimeZone(identifier: zone)!)
        #expect(ICSWriter.render(programme, options: options) == Self.reference(programme, options: options))
    }

    @Test func aFoldedLinesBytesAreTheFoldedString() {
        for line in ["", "SUMMARY:court", String(repeating: "é", count: 80), "X:" + String(repeating: "🎉a", count: 40), String(repeating: "a", count: 76)] {
            var bytes: [UInt8] = []
            var copy = line
            copy.withUTF8 { ICSWriter.appendFolded($0, to: &bytes) }
            #expect(String(decoding: bytes, as: UTF8.self) == ICSWriter.fold(line))
        }
    }

    /// The writer's events as they were: each line folded into a String, the lines concatenated.
    static func reference(_ programme: Programme, options: RenderOptions) -> String {
        let paris = options.zone.identifier == "Europe/Paris"
        var lines: [String] = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//labfeed//labfeed \(LabfeedVersion.current)//FR",
                               "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + ICSWriter.text(options.title)]
        if paris {
            lines.append("X-WR-TIMEZONE:Europe/Paris")
            lines += ICSWriter.parisTimeZone
        }
        var out = lines.map { ICSWriter.fold($0) + "\r\n" }.joined()
        for item in ProgrammeOrder.sorted(programme.events) {
            for line in ICSWriter.event(item, paris: paris) { out += ICSWriter.fold(line) + "\r\n" }
        }
        return out + "END:VCALENDAR\r\n"
    }
}
