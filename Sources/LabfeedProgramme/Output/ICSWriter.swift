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
        // Each event's lines written as bytes into one reused buffer, folded line by line (an
        // array of Strings per event, a String per value and per date, was most of the writer).
        var bytes = ICSLines()
        for item in programme.orderedEvents {
            event(item, paris: paris, into: &bytes)
            out.appendUTF8(bytes.bytes)
            bytes.removeAll()
        }
        out.append("END:VCALENDAR\r\n")
    }

    /// One event's VEVENT, its content lines folded and each ended by CRLF, appended to `out`.
    static func event(_ item: ProgrammeEvent, paris: Bool, into out: inout ICSLines) {
        let e = item.event
        out.line("BEGIN:VEVENT")
        out.raw("UID:")
        out.text(item.id)
        out.endLine()
        out.raw("DTSTAMP:")
        out.utc(item.updated)
        out.endLine()
        switch e.start {
        case .day(let d):
            out.raw("DTSTART;VALUE=DATE:")
            out.basic(d)
            out.endLine()
            let last = max(e.end?.date ?? d, d)
            out.raw("DTEND;VALUE=DATE:")
            out.basic(last.adding(days: 1))
            out.endLine()
        case .time(let t):
            out.raw("DTSTART")
            out.dateTime(t, paris: paris)
            out.endLine()
            if case .time(let end)? = e.end, end.instant >= t.instant {
                out.raw("DTEND")
                out.dateTime(end, paris: paris)
                out.endLine()
            }
        }
        out.raw("SUMMARY:")
        out.text(e.title)
        out.endLine()
        // The description, then the organiser's name after a blank line: the escape of the
        // joined text is the escapes of its pieces joined (the escape maps ASCII bytes alone).
        let description = e.description ?? ""
        let organizer = e.organizer?.name
        if !description.isEmpty || organizer != nil {
            out.raw("DESCRIPTION:")
            out.text(description)
            if let organizer {
                if !description.isEmpty { out.raw("\\n\\n") }
                out.raw("Organisateur : ")
                out.text(organizer)
            }
            out.endLine()
        }
        if let place = FrenchDates.place(e.location) {
            out.raw("LOCATION:")
            out.text(place)
            out.endLine()
        }
        if let lat = e.location?.latitude, let lon = e.location?.longitude {
            out.raw("GEO:")
            out.rawText(lat.description)
            out.raw(";")
            out.rawText(lon.description)
            out.endLine()
        }
        if let url = e.url, isWebURL(url) {
            out.raw("URL:")
            out.uri(url)
            out.endLine()
        }
        if let organizer = e.organizer, let url = organizer.url, isWebURL(url) {
            out.raw("ORGANIZER")
            if let name = organizer.name {
                out.raw(";CN=\"")
                out.param(name)
                out.raw("\"")
            }
            out.raw(":")
            out.uri(url)
            out.endLine()
        }
        switch e.status {
        case .cancelled: out.line("STATUS:CANCELLED")
        case .postponed: out.line("STATUS:TENTATIVE")
        default: out.line("STATUS:CONFIRMED")
        }
        if !e.keywords.isEmpty {
            out.raw("CATEGORIES:")
            for (i, keyword) in e.keywords.enumerated() {
                if i > 0 { out.raw(",") }
                out.text(keyword)
            }
            out.endLine()
        }
        if let online = e.onlineURL, isWebURL(online) {
            out.raw("X-LABFEED-ONLINE-URL:")
            out.uri(online)
            out.endLine()
        }
        out.raw("CREATED:")
        out.utc(item.firstSeen)
        out.endLine()
        out.raw("LAST-MODIFIED:")
        out.utc(item.updated)
        out.endLine()
        out.line("END:VEVENT")
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

    /// `value` as `%0Nd` does: at least `width` digits, zero-padded, a minus sign first.
    static func digits(_ value: Int, _ width: Int, to out: inout String) {
        if value < 0 { out += "-" }
        let text = String(value.magnitude)
        let pad = width - (value < 0 ? 1 : 0) - text.utf8.count
        if pad > 0 { out += String(repeating: "0", count: pad) }
        out += text
    }

    /// `value` as ``digits(_:_:to:)`` writes it, appended as bytes.
    static func appendDigits(_ value: Int, _ width: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var count = 1
        var power: UInt = 10
        while count < 20 && magnitude >= power {
            count += 1
            (power, _) = power.multipliedReportingOverflow(by: 10)
        }
        let pad = width - (value < 0 ? 1 : 0) - count
        if pad > 0 { out.append(contentsOf: repeatElement(0x30, count: pad)) }
        out.append(contentsOf: repeatElement(0x30, count: count))
        var i = out.count - 1
        repeat {
            out[i] = 0x30 + UInt8(magnitude % 10)
            magnitude /= 10
            i -= 1
        } while magnitude > 0
    }

    /// A TEXT value escaped (RFC 5545 3.3.11).
    public static func text(_ value: String) -> String {
        // Most values need nothing: returned as they are after one pass over the bytes.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x5C && $0 != 0x3B && $0 != 0x2C && $0 != 0x7F }) { return value }
        return mapASCII(value, appendText)
    }

    /// A quoted parameter value: no DQUOTE or control characters allowed inside.
    static func param(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 != 0x22 && $0 >= 0x20 && $0 != 0x7F }) { return value }
        return mapASCII(value, appendParam)
    }

    /// A URI value: no control characters or spaces.
    static func uri(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) { return value }
        return mapASCII(value, appendURI)
    }

    /// Appends `utf8` escaped as ``text(_:)`` escapes it.
    static func appendText(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        appendMapped(utf8, to: &out) { b in
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

    /// Appends `utf8` as ``param(_:)`` writes it.
    static func appendParam(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        appendMapped(utf8, to: &out) { $0 == 0x22 || $0 < 0x20 || $0 == 0x7F ? "" : nil }
    }

    /// Appends `utf8` as ``uri(_:)`` writes it.
    static func appendURI(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        appendMapped(utf8, to: &out) { $0 <= 0x20 || $0 == 0x7F ? "" : nil }
    }

    /// `value` escaped by `append` into a new String.
    private static func mapASCII(_ value: String, _ append: (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Void) -> String {
        var value = value
        return value.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 16)
            append(utf8, &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends `utf8` with some ASCII bytes replaced (`""` drops one; nil keeps it), copying
    /// the runs in between: every byte of a non-ASCII scalar is 0x80 or more, so a rule on
    /// ASCII bytes is the same rule on scalars (what these escapes did first, one appended
    /// scalar at a time).
    @inline(__always)
    private static func appendMapped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8],
                                     _ replacement: (UInt8) -> StaticString?) {
        var start = 0
        for i in 0..<utf8.count where utf8[i] < 0x80 {
            guard let replaced = replacement(utf8[i]) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
            replaced.withUTF8Buffer { out.append(contentsOf: $0) }
            start = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
    }

    /// Whether `url` starts with `http://` or `https://`, in any case.
    static func isWebURL(_ url: String) -> Bool {
        MarkupEscaping.isHTTP(url)
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
        // Each folded piece is copied in one run (a copy per scalar was most of the writer's
        // time on long descriptions).
        var count = 0
        var run = 0
        var i = 0
        while i < utf8.count {
            var end = i + 1
            while end < utf8.count && utf8[end] & 0xC0 == 0x80 { end += 1 }
            let size = end - i
            if count + size > 75 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                out.append(0x0D)
                out.append(0x0A)
                out.append(0x20)
                run = i
                count = 1
            }
            count += size
            i = end
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
    }
}
