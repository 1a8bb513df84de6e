// programme.ics: RFC 5545 calendar that calendar apps subscribe to.

import Foundation
import LabfeedCore

/// Renders the programme as an iCalendar file (RFC 5545).
///
/// CRLF line ends; lines folded at 75 octets without splitting a UTF-8 sequence; TEXT values
/// escaped (`\\`, `\;`, `\,`, `\n`); control characters dropped. `UID` is the programme id, so
/// subscribers update events in place. Timed events are written in Europe/Paris with its
/// VTIMEZONE when that is the zone (else in UTC); all-day events as `VALUE=DATE` with an
/// exclusive end. `DTSTAMP` and `LAST-MODIFIED` are the event's `updated`, never the clock, so
/// the same programme gives the same bytes.
public enum ICSWriter {
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions()) -> String {
        var out = ""
        render(programme, options: options, into: &out)
        return out
    }

    /// The calendar appended to `out` event by event (an ``OutputSink`` streams it to its file):
    /// each content line folded and ended by CRLF.
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions(), into out: inout some TextSink) {
        let paris = options.zone.identifier == "Europe/Paris"
        var lines: [String] = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//labfeed//labfeed \(LabfeedVersion.current)//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + text(options.title),
        ]
        if paris {
            lines.append("X-WR-TIMEZONE:Europe/Paris")
            lines += parisTimeZone
        }
        for line in lines { out.append(fold(line) + "\r\n") }
        // Each event's lines folded straight into one reused byte buffer (a folded String per
        // line, concatenated, was a third of the writer's time).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4_096)
        for item in ProgrammeOrder.sorted(programme.events) {
            for line in event(item, paris: paris) {
                var line = line
                line.withUTF8 { appendFolded($0, to: &bytes) }
                bytes.append(contentsOf: [0x0D, 0x0A])
            }
            out.appendUTF8(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        out.append("END:VCALENDAR\r\n")
    }

    static func event(_ item: ProgrammeEvent, paris: Bool) -> [String] {
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
            let cn = organizer.name.map { ";CN=\"" + param($0) + "\"" } ?? ""
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

    /// Europe/Paris since 1996: CET/CEST, switching on the last Sundays of March and October.
    static let parisTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris", "X-LIC-LOCATION:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    // Dates and times are formatted by hand (`String(format:)` and a TimeZone lookup per call
    // were a visible part of rendering); the digits are those of the `%04d`/`%02d` formats.
    static let parisZone = TimeZone(identifier: "Europe/Paris")!
    static let utcZone = TimeZone(identifier: "UTC")!

    static func basic(_ d: CivilDate) -> String {
        var out = ""
        digits(d.year, 4, to: &out)
        digits(d.month, 2, to: &out)
        digits(d.day, 2, to: &out)
        return out
    }

    /// `T` and the time as `%02d%02d%02d`.
    static func clock(_ t: LocalDateTime) -> String {
        var out = "T"
        digits(t.hour, 2, to: &out)
        digits(t.minute, 2, to: &out)
        digits(t.second, 2, to: &out)
        return out
    }

    /// `value` as `%0Nd` does: at least `width` digits, zero-padded, a minus sign first.
    static func digits(_ value: Int, _ width: Int, to out: inout String) {
        if value < 0 { out += "-" }
        let text = String(value.magnitude)
        let pad = width - (value < 0 ? 1 : 0) - text.utf8.count
        if pad > 0 { out += String(repeating: "0", count: pad) }
        out += text
    }

    static func dateTime(_ t: LocalDateTime, paris: Bool) -> String {
        if paris {
            let local = LocalDateTime(t.instant, in: parisZone)
            return ";TZID=Europe/Paris:" + basic(local.date) + clock(local)
        }
        return ":" + utc(t.instant)
    }

    static func utc(_ date: Date) -> String {
        let t = LocalDateTime(date, in: utcZone)
        return basic(t.date) + clock(t) + "Z"
    }

    /// A TEXT value escaped (RFC 5545 3.3.11).
    public static func text(_ value: String) -> String {
        // Most values need nothing: returned as they are after one pass over the bytes.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x5C && $0 != 0x3B && $0 != 0x2C && $0 != 0x7F }) { return value }
        return mapASCII(value) { b in
            switch b {
            case 0x5C: "\\\\"
            case 0x3B: "\\;"
            case 0x2C: "\\,"
            case 0x0A: "\\n"
            case 0x00..<0x20, 0x7F: ""  // CR and the other controls are dropped
            default: nil
            }
        }
    }

    /// A quoted parameter value: no DQUOTE or control characters allowed inside.
    static func param(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 != 0x22 && $0 >= 0x20 && $0 != 0x7F }) { return value }
        return mapASCII(value) { $0 == 0x22 || $0 < 0x20 || $0 == 0x7F ? "" : nil }
    }

    /// A URI value: no control characters or spaces.
    static func uri(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) { return value }
        return mapASCII(value) { $0 <= 0x20 || $0 == 0x7F ? "" : nil }
    }

    /// `value` with some ASCII bytes replaced (`""` drops one; nil keeps it), on the UTF-8
    /// bytes: every byte of a non-ASCII scalar is 0x80 or more, so a rule on ASCII bytes is the
    /// same rule on scalars (what these escapes did first, one appended scalar at a time).
    private static func mapASCII(_ value: String, _ replacement: (UInt8) -> StaticString?) -> String {
        var value = value
        return value.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 16)
            var start = 0
            for i in 0..<utf8.count where utf8[i] < 0x80 {
                guard let replaced = replacement(utf8[i]) else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                replaced.withUTF8Buffer { out.append(contentsOf: $0) }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Folds one content line at 75 octets (RFC 5545 3.1), continuation lines starting with a space.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var line = line
        return line.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + utf8.count / 24 + 3)
            appendFolded(utf8, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends one content line folded as ``fold(_:)`` folds it (without the final CRLF).
    static func appendFolded(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard utf8.count > 75 else { return out.append(contentsOf: utf8) }
        // On the bytes: a scalar starts at each byte that is not a continuation byte (10xxxxxx),
        // and lines are cut only there, as when the scalars were appended one at a time.
        var count = 0
        var i = 0
        while i < utf8.count {
            var end = i + 1
            while end < utf8.count && utf8[end] & 0xC0 == 0x80 { end += 1 }
            let size = end - i
            if count + size > 75 {
                out.append(contentsOf: [0x0D, 0x0A, 0x20])
                count = 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
            count += size
            i = end
        }
    }
}
