// ICSWriter's events written as bytes (ICSLines, folded line by line) against the String
// building they replaced (kept below as the reference: an array of Strings per event, a String
// per date, each line folded): the same calendar for the fixed and random programme events, in
// Paris and in UTC; dates and digits against the Strings and `%0Nd`.

import Foundation
import LabfeedCore
import LabfeedTestSupport
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

    @Test(arguments: ["Europe/Paris", "UTC"])
    func eachEventsBytesAreItsFoldedStringLines(zone: String) {
        let paris = zone == "Europe/Paris"
        var lines = ICSLines()
        for item in MarkupBytesTests.events + Self.edgeEvents() {
            lines.removeAll()
            ICSWriter.event(item, paris: paris, into: &lines)
            let reference = Self.referenceEvent(item, paris: paris).map { ICSWriter.fold($0) + "\r\n" }.joined()
            #expect(String(decoding: lines.bytes, as: UTF8.self) == reference, "\(item.id)")
        }
    }

    /// Events whose lines end just under, at and over 75 octets, with a multi-byte scalar
    /// across the fold, empty and odd descriptions, keywords needing escapes, GEO, and times
    /// before 1000 and after 9999.
    static func edgeEvents() -> [ProgrammeEvent] {
        let seen = UTCTimestamp.date("2022-10-01T08:00:00Z")!
        var out: [ProgrammeEvent] = []
        for length in 60...80 {
            for filler in ["a", "é", "🎉"] {
                var event = Samples.event(String(repeating: filler, count: length - 8), start: .day(CivilDate(iso: "2022-11-15")!))
                event.description = ["", "\r", "x", String(repeating: "d,", count: length)][length % 4]
                event.keywords = length % 3 == 0 ? [] : ["a,b", "c;d", "e\\f", "", "g\nh"]
                if length % 2 == 0 { event.organizer = Organizer(name: length % 4 == 0 ? "\"Lab\"\u{1}" : nil, url: "HTTPS://lab.example/o") }
                if length % 5 == 0 { event.location = Location(name: "Salle", latitude: 45.8 + Double(length) / 7, longitude: -1.25) }
                out.append(ProgrammeEvent(id: "edge-\(length)-\(filler)", event: event, sources: [], firstSeen: seen, lastSeen: seen, updated: seen))
            }
        }
        for (n, iso) in ["0999-01-02T03:04:05Z", "10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"].enumerated() {
            let instant: Date = if let date = UTCTimestamp.date(iso) { date } else { Date(timeIntervalSince1970: 253_402_300_800) }
            let start = EventTime.time(LocalDateTime(instant, in: TimeZone(identifier: "UTC")!))
            out.append(ProgrammeEvent(id: "far-\(n)", event: Samples.event("Loin", start: start), sources: [], firstSeen: instant,
                                      lastSeen: instant, updated: instant))
        }
        return out
    }

    @Test func digitsAsBytesAreTheDigitsString() {
        var random = Xorshift64(seed: 0x1C5)
        let values = [0, 1, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, -1, -9, -10, -999, -1_000, Int.max, Int.min, Int.max - 1]
            + (0..<2_000).map { _ in Int(truncatingIfNeeded: random.next()) >> random.next(64) }
        for value in values {
            for width in [0, 1, 2, 4, 6] {
                var text = ""
                ICSWriter.digits(value, width, to: &text)
                var bytes: [UInt8] = [0x41]
                ICSWriter.appendDigits(value, width, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == "A" + text, "\(value) \(width)")
            }
        }
    }

    @Test func datesAsBytesAreTheDateStrings() {
        var random = Xorshift64(seed: 0xDA7E)
        // Random instants (whole and fractional seconds), and the edges of the years
        // LocalDateTime computes by itself (1583-9999 less a day), of days and of 1970.
        let low: Double = -12_212_553_600 + 86_400, high: Double = 253_402_300_800 - 86_400
        var edges: [Double] = [-86_400.5, -86_400, -1, -0.5, 0, 0.5, 86_399.5, 1e12, -1e11]
        for bound in [low, high] {
            for delta: Double in [-86_400.5, -1, -0.5, 0, 0.5, 1, 86_400] { edges.append(bound + delta) }
        }
        let instants = edges.map { Date(timeIntervalSince1970: $0) } + (0..<2_000).map { _ in
            Date(timeIntervalSince1970: Double(Int(random.next(8_000_000_000)) - 2_000_000_000) + Double(random.next(4)) / 4)
        }
        for instant in instants {
            for zone in ["Europe/Paris", "UTC", "America/Cayenne"] {
                let t = LocalDateTime(instant, in: TimeZone(identifier: zone)!)
                var lines = ICSLines()
                lines.basic(t.date)
                lines.clock(t)
                lines.raw(" ")
                lines.utc(instant)
                lines.dateTime(t, paris: true)
                lines.dateTime(t, paris: false)
                let expected = Self.basic(t.date) + Self.clock(t) + " " + Self.utc(instant) + Self.dateTime(t, paris: true)
                    + Self.dateTime(t, paris: false)
                #expect(String(decoding: lines.bytes, as: UTF8.self) == expected)
            }
        }
    }

    // MARK: The String building the bytes replaced (ICSWriter.event and its date helpers)

    static func referenceEvent(_ item: ProgrammeEvent, paris: Bool) -> [String] {
        let text = ICSWriter.text, uri = ICSWriter.uri, isWebURL = ICSWriter.isWebURL
        let e = item.event
        var lines = ["BEGIN:VEVENT", "UID:" + text(item.id), "DTSTAMP:" + utc(item.updated)]
        switch e.start {
        case .day(let d):
            lines.append("DTSTART;VALUE=DATE:" + basic(d))
            let last = max(e.end?.date ?? d, d)
            lines.append("DTEND;VALUE=DATE:" + basic(last.adding(days: 1)))
        case .time(let t):
            lines.append("DTSTART" + dateTime(t, paris: paris))
            if case .time(let end)? = e.end, end.instant >= t.instant { lines.append("DTEND" + dateTime(end, paris: paris)) }
        }
        lines.append("SUMMARY:" + text(e.title))
        var description = e.description ?? ""
        if let organizer = e.organizer?.name { description += (description.isEmpty ? "" : "\n\n") + "Organisateur : " + organizer }
        if !description.isEmpty { lines.append("DESCRIPTION:" + text(description)) }
        if let place = FrenchDates.place(e.location) { lines.append("LOCATION:" + text(place)) }
        if let lat = e.location?.latitude, let lon = e.location?.longitude { lines.append("GEO:\(lat);\(lon)") }
        if let url = e.url, isWebURL(url) { lines.append("URL:" + uri(url)) }
        if let organizer = e.organizer, let url = organizer.url, isWebURL(url) {
            let cn = organizer.name.map { ";CN=\"" + ICSWriter.param($0) + "\"" } ?? ""
            lines.append("ORGANIZER" + cn + ":" + uri(url))
        }
        switch e.status {
        case .cancelled: lines.append("STATUS:CANCELLED")
        case .postponed: lines.append("STATUS:TENTATIVE")
        default: lines.append("STATUS:CONFIRMED")
        }
        if !e.keywords.isEmpty { lines.append("CATEGORIES:" + e.keywords.map(text).joined(separator: ",")) }
        if let online = e.onlineURL, isWebURL(online) { lines.append("X-LABFEED-ONLINE-URL:" + uri(online)) }
        lines.append("CREATED:" + utc(item.firstSeen))
        lines.append("LAST-MODIFIED:" + utc(item.updated))
        lines.append("END:VEVENT")
        return lines
    }

    static func basic(_ d: CivilDate) -> String {
        var out = ""
        ICSWriter.digits(d.year, 4, to: &out)
        ICSWriter.digits(d.month, 2, to: &out)
        ICSWriter.digits(d.day, 2, to: &out)
        return out
    }

    static func clock(_ t: LocalDateTime) -> String {
        var out = "T"
        ICSWriter.digits(t.hour, 2, to: &out)
        ICSWriter.digits(t.minute, 2, to: &out)
        ICSWriter.digits(t.second, 2, to: &out)
        return out
    }

    static func dateTime(_ t: LocalDateTime, paris: Bool) -> String {
        if paris {
            let local = LocalDateTime(t.instant, in: ICSWriter.parisZone)
            return ";TZID=Europe/Paris:" + basic(local.date) + clock(local)
        }
        return ":" + utc(t.instant)
    }

    static func utc(_ date: Date) -> String {
        let t = LocalDateTime(date, in: ICSWriter.utcZone)
        return basic(t.date) + clock(t) + "Z"
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
            for line in referenceEvent(item, paris: paris) { out += ICSWriter.fold(line) + "\r\n" }
        }
        return out + "END:VCALENDAR\r\n"
    }
}
