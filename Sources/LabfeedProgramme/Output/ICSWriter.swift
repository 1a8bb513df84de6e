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
        // The events are read in place, not copied one by one as `for item in` did.
        var bytes = ICSLines()
        programme.orderedEvents.withUnsafeBufferPointer { events in
            for index in events.indices {
                event(events.baseAddress! + index, paris: paris, into: &bytes)
                out.appendUTF8(bytes.bytes)
                bytes.removeAll()
            }
        }
        out.append("END:VCALENDAR\r\n")
    }

    /// One event's VEVENT, its content lines folded and each ended by CRLF, appended to `out`.
    static func event(_ item: ProgrammeEvent, paris: Bool, into out: inout ICSLines) {
        withUnsafePointer(to: item) { event($0, paris: paris, into: &out) }
    }

    /// ``event(_:paris:into:)`` of the event `event` points to, read in place: each field is
    /// loaded where it is used (passing the event by value copied it whole, a retain of every
    /// String and array it holds, even from an unsafe buffer).
    static func event(_ event: UnsafePointer<ProgrammeEvent>, paris: Bool, into out: inout ICSLines) {
        out.line("BEGIN:VEVENT")
        out.raw("UID:")
        out.text(event.pointee.id)
        out.endLine()
        out.raw("DTSTAMP:")
        out.utc(event.pointee.updated)
        out.endLine()
        switch event.pointee.event.start {
        case .day(let d):
            out.raw("DTSTART;VALUE=DATE:")
            out.basic(d)
            out.endLine()
            let last = max(event.pointee.event.end?.date ?? d, d)
            out.raw("DTEND;VALUE=DATE:")
            out.basic(last.adding(days: 1))
            out.endLine()
        case .time(let t):
            out.raw("DTSTART")
            out.dateTime(t, paris: paris)
            out.endLine()
            if case .time(let end)? = event.pointee.event.end, end.instant >= t.instant {
                out.raw("DTEND")
                out.dateTime(end, paris: paris)
                out.endLine()
            }
        }
        out.raw("SUMMARY:")
        out.text(event.pointee.event.title)
        out.endLine()
        // The description, then the organiser's name after a blank line: the escape of the
        // joined text is the escapes of its pieces joined (the escape maps ASCII bytes alone).
        let description = event.pointee.event.description ?? ""
        let organizer = event.pointee.event.organizer?.name
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
        if let place = FrenchDates.place(event.pointee.event.location) {
            out.raw("LOCATION:")
            out.text(place)
            out.endLine()
        }
        if let lat = event.pointee.event.location?.latitude, let lon = event.pointee.event.location?.longitude {
            out.raw("GEO:")
            out.rawText(lat.description)
            out.raw(";")
            out.rawText(lon.description)
            out.endLine()
        }
        if let url = event.pointee.event.url, isWebURL(url) {
            out.raw("URL:")
            out.uri(url)
            out.endLine()
        }
        if let organizer = event.pointee.event.organizer, let url = organizer.url, isWebURL(url) {
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
        switch event.pointee.event.status {
        case .cancelled: out.line("STATUS:CANCELLED")
        case .postponed: out.line("STATUS:TENTATIVE")
        default: out.line("STATUS:CONFIRMED")
        }
        if !event.pointee.event.keywords.isEmpty {
            out.raw("CATEGORIES:")
            for (i, keyword) in event.pointee.event.keywords.enumerated() {
                if i > 0 { out.raw(",") }
                out.text(keyword)
            }
            out.endLine()
        }
        if let online = event.pointee.event.onlineURL, isWebURL(online) {
            out.raw("X-LABFEED-ONLINE-URL:")
            out.uri(online)
            out.endLine()
        }
        out.raw("CREATED:")
        out.utc(event.pointee.firstSeen)
        out.endLine()
        out.raw("LAST-MODIFIED:")
        out.utc(event.pointee.updated)
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

    /// `value` as ``digits(_:_:to:)`` writes it, appended as bytes: the padding zeros, then
    /// the digits from the highest down (the zeros used to be appended as a `repeatElement`
    /// sequence, the generic append a seventh of the writer).
    static func appendDigits(_ value: Int, _ width: Int, to out: inout [UInt8]) {
        // The widths of dates and times, in their ranges: the digits alone.
        if width == 2 && value >= 0 && value < 100 {
            out.append(0x30 + UInt8(value / 10))
            out.append(0x30 + UInt8(value % 10))
            return
        }
        if width == 4 && value >= 0 && value < 10_000 {
            out.append(0x30 + UInt8(value / 1000))
            out.append(0x30 + UInt8(value / 100 % 10))
            out.append(0x30 + UInt8(value / 10 % 10))
            out.append(0x30 + UInt8(value % 10))
            return
        }
        if value < 0 { out.append(0x2D) }
        var magnitude = value.magnitude
        var count = 1
        var divisor: UInt = 1
        while count < 20 && magnitude / divisor >= 10 {
            count += 1
            divisor *= 10
        }
        var pad = width - (value < 0 ? 1 : 0) - count
        while pad > 0 {
            out.append(0x30)
            pad -= 1
        }
        while divisor > 0 {
            out.append(0x30 + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
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
        // Marked: the C0 controls, `,` and `;` (below 0x40); `\` and DEL.
        appendMapped(utf8, to: &out, low: 0x0800_1000_FFFF_FFFF, high: 0x8000_0000_1000_0000, word: textMayNeedWork) { b in
            switch b {
            case 0x5C: "\\\\"
            case 0x3B: "\\;"
            case 0x2C: "\\,"
            case 0x0A: "\\n"
            default: ""  // CR and the other controls are dropped
            }
        }
    }

    /// Whether any of the eight bytes of `w` is one ``appendText(_:to:)`` replaces: a C0
    /// control, `,`, `;`, `\\` or DEL (the "has a zero byte" test of each, exact for whether
    /// there is one, as ``MarkupEscaping/mayNeedWork(word:)`` does).
    @inline(__always)
    static func textMayNeedWork(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let control = (w &- ones &* 0x20) & ~w & highs
        return control | zero(w ^ (ones &* 0x2C)) | zero(w ^ (ones &* 0x3B)) | zero(w ^ (ones &* 0x5C)) | zero(w ^ (ones &* 0x7F)) != 0
    }

    /// Appends `utf8` as ``param(_:)`` writes it.
    static func appendParam(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Marked and dropped: the C0 controls and `"`; DEL.
        appendMapped(utf8, to: &out, low: 0x0000_0004_FFFF_FFFF, high: 0x8000_0000_0000_0000) { _ in "" }
    }

    /// Appends `utf8` as ``uri(_:)`` writes it.
    static func appendURI(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // Marked and dropped: the C0 controls and the space; DEL.
        appendMapped(utf8, to: &out, low: 0x0000_0001_FFFF_FFFF, high: 0x8000_0000_0000_0000) { _ in "" }
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

    /// Appends `utf8` with the ASCII bytes marked in `low` (bit b for the byte b below 0x40) and
    /// `high` (bit b - 0x40 for the bytes 0x40-0x7F) replaced by `replacement` of them (`""`
    /// drops one), copying the runs in between: every byte of a non-ASCII scalar is 0x80 or
    /// more, so a rule on ASCII bytes is the same rule on scalars (what these escapes did
    /// first, one appended scalar at a time). The masks are tested instead of calling the
    /// replacement for every ASCII byte (a switch per byte was a fifth of the writer).
    /// With `word` (whether any of eight bytes is marked; exact), eight bytes with none marked
    /// are skipped at once.
    @inline(__always)
    private static func appendMapped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], low: UInt64, high: UInt64,
                                     word: ((UInt64) -> Bool)? = nil, _ replacement: (UInt8) -> StaticString) {
        guard let base = utf8.baseAddress else { return }
        let count = utf8.count
        var start = 0, i = 0
        while i < count {
            if let word, i &+ 8 <= count, !word(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i &+= 8
                continue
            }
            let b = base[i]
            let marked = b < 0x40 ? (low >> b) & 1 != 0 : (b < 0x80 && (high >> (b & 0x3F)) & 1 != 0)
            i += 1
            guard marked else { continue }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - 1 - start))
            replacement(b).withUTF8Buffer { out.append(contentsOf: $0) }
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
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
        // A scalar starts at each byte that is not a continuation byte (10xxxxxx), and lines
        // are cut only there: each piece is the longest run of whole scalars that fits (75
        // octets, 74 after the continuation's space). So the cut is found by stepping back
        // from the limit over continuation bytes, not by walking every scalar (which was a
        // fifth of the writer: descriptions are most of the file).
        var run = 0
        var room = 75
        while utf8.count - run > room {
            var cut = run + room
            while cut > run && utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
            // Only a run of more continuation bytes than a line holds (not UTF-8 a String can
            // hold) leaves no whole scalar to cut before: the scalar walk handles it.
            guard cut > run else { return appendFoldedByScalars(utf8, from: run, count: 75 - room, to: &out) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<cut]))
            out.append(0x0D)
            out.append(0x0A)
            out.append(0x20)
            run = cut
            room = 74
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
    }

    /// ``appendFolded(_:to:)`` from `run` on, scalar by scalar, with `count` octets already on
    /// the line (0, or 1 for a continuation's space): the first way of folding, kept for bytes
    /// that are not UTF-8. On a continuation line, the line was folded for the scalar at `run`:
    /// it goes on that line whatever its size, as it did.
    static func appendFoldedByScalars(_ utf8: UnsafeBufferPointer<UInt8>, from run: Int, count: Int, to out: inout [UInt8]) {
        var count = count
        var run = run
        var i = run
        let first = count == 1 ? run : -1
        while i < utf8.count {
            var end = i + 1
            while end < utf8.count && utf8[end] & 0xC0 == 0x80 { end += 1 }
            let size = end - i
            if count + size > 75 && i != first {
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
