// programme.csv: RFC 4180 CSV in UTF-8 for spreadsheets.

import Foundation
import LabfeedCore

/// Renders the programme as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when
/// they hold a comma, a quote, a line break or edge spaces, quotes doubled. UTF-8 without BOM.
///
/// A cell that starts with `=`, `+`, `-`, `@` or a tab is prefixed with `'` so spreadsheets show
/// it as text instead of running it as a formula (CSV injection).
public enum CSVWriter {
    public static let columns = [
        "id", "start", "end", "all_day", "title", "status", "past", "place", "locality", "region", "organizer",
        "attendance_mode", "url", "online_url", "sources", "first_seen", "updated",
    ]

    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions()) -> String {
        var out = ""
        render(programme, options: options, into: &out)
        return out
    }

    /// The rows appended to `out` one by one, each ended by CRLF (an ``OutputSink`` streams
    /// them to the file).
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions(), into out: inout some TextSink) {
        out.append(columns.map(field).joined(separator: ",") + "\r\n")
        var row: [UInt8] = []
        row.reserveCapacity(1_024)
        // The events are read in place, not copied one by one as `for item in` did.
        programme.orderedEvents.withUnsafeBufferPointer { events in
            for index in events.indices {
                appendRow(events.baseAddress! + index, to: &row)
                out.appendUTF8(row)
                row.removeAll(keepingCapacity: true)
            }
        }
    }

    /// One event's row, ended by CRLF, the event read in place where `event` points (each
    /// field loaded where it is used: passing the event by value copied it whole).
    static func appendRow(_ event: UnsafePointer<ProgrammeEvent>, to row: inout [UInt8]) {
        appendField(event.pointee.id, to: &row)
        appendTime(event.pointee.event.start, to: &row)
        appendTime(event.pointee.event.end, to: &row)
        appendField(event.pointee.event.allDay ? "true" : "false", to: &row, comma: true)
        appendField(event.pointee.event.title, to: &row, comma: true)
        appendField(event.pointee.event.status.rawValue, to: &row, comma: true)
        appendField(event.pointee.past ? "true" : "false", to: &row, comma: true)
        appendField(FrenchDates.place(event.pointee.event.location) ?? "", to: &row, comma: true)
        appendField(event.pointee.event.location?.locality ?? "", to: &row, comma: true)
        appendField(event.pointee.region ?? "", to: &row, comma: true)
        appendField(event.pointee.event.organizer?.name ?? "", to: &row, comma: true)
        appendField(event.pointee.event.attendanceMode?.rawValue ?? "", to: &row, comma: true)
        appendField(event.pointee.event.url ?? "", to: &row, comma: true)
        appendField(event.pointee.event.onlineURL ?? "", to: &row, comma: true)
        if event.pointee.sources.count == 1 {  // most events: the one source's id, no joined String
            appendField(event.pointee.sources[0].source, to: &row, comma: true)
        } else {
            appendField(event.pointee.sources.map(\.source).joined(separator: " "), to: &row, comma: true)
        }
        appendTimestamp(event.pointee.firstSeen, to: &row)
        appendTimestamp(event.pointee.updated, to: &row)
        row.append(0x0D)
        row.append(0x0A)
    }

    /// A comma and `field(time?.iso ?? "")`: the ISO digits written straight into the row
    /// (``TextBytes``; making the Strings was half of the writer's time). Such text starts with
    /// a digit and holds only digits, `-`, `T`, `:` and `+`, which `field` leaves as they are.
    private static func appendTime(_ time: EventTime?, to row: inout [UInt8]) {
        row.append(0x2C)
        guard let time, !TextBytes.iso(time, to: &row) else { return }
        appendField(time.iso, to: &row)
    }

    /// A comma and `field(UTCTimestamp.string(date))`, as ``appendTime(_:to:)`` writes times.
    private static func appendTimestamp(_ date: Date, to row: inout [UInt8]) {
        row.append(0x2C)
        guard !TextBytes.timestamp(date, to: &row) else { return }
        appendField(UTCTimestamp.string(date), to: &row)
    }

    /// `field(raw)`'s bytes appended to `row` (after a comma when `comma`), without a String
    /// being made when the bytes are enough to follow ``field(_:)``'s rules, which look at
    /// characters: a comma, quote or space byte whose neighbours are ASCII is that character
    /// alone (an ASCII byte never extends a character, nor is it a prepended mark), and a line
    /// break byte always is one of `\n`, `\r`, `\r\n`. Any other value (a comma beside a
    /// combining mark, say) goes through ``field(_:)`` itself. (Each row as Strings mapped and
    /// joined, and `field`'s character checks, were most of the writer's time.)
    static func appendField(_ raw: String, to row: inout [UInt8], comma: Bool = false) {
        if comma { row.append(0x2C) }
        var raw = raw
        let done = raw.withUTF8 { utf8 -> Bool in
            let formula = utf8.first.map { $0 == 0x3D || $0 == 0x2B || $0 == 0x2D || $0 == 0x40 || $0 == 0x09 } ?? false
            // Most fields: no comma, quote, CR or LF byte (bits of one constant, all below 0x40)
            // and no space at either edge, so nothing is quoted: the bytes are copied whole,
            // after the `'` of a formula (the walk below, byte by byte, was a fourth of the writer).
            if !(utf8.first == 0x20 && !formula) && utf8.last != 0x20 && !mayNeedQuotes(utf8) {
                if formula { row.append(0x27) }
                row.append(contentsOf: utf8)
                return true
            }
            // The value `field` looks at: `'` first for a formula, then the bytes.
            let count = utf8.count + (formula ? 1 : 0)
            func byte(_ i: Int) -> UInt8 { formula ? (i == 0 ? 0x27 : utf8[i - 1]) : utf8[i] }
            func asciiAround(_ i: Int) -> Bool { (i == 0 || byte(i - 1) < 0x80) && (i + 1 == count || byte(i + 1) < 0x80) }
            var quotes = false
            for i in 0..<count {
                let b = byte(i)
                switch b {
                case 0x2C, 0x22:
                    guard asciiAround(i) else { return false }
                    quotes = true
                case 0x0A, 0x0D:
                    quotes = true
                case 0x20 where i == 0 || i == count - 1:
                    guard asciiAround(i) else { return false }
                    quotes = true
                default:
                    break
                }
            }
            if quotes { row.append(0x22) }
            if formula { row.append(0x27) }
            if quotes {
                var start = 0
                for i in 0..<utf8.count where utf8[i] == 0x22 {
                    row.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...i]))
                    row.append(0x22)
                    start = i + 1
                }
                row.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
                row.append(0x22)
            } else {
                row.append(contentsOf: utf8)
            }
            return true
        }
        if !done { row.append(contentsOf: field(raw).utf8) }
    }

    /// Whether `utf8` holds a comma, quote, CR or LF byte: eight bytes at a time (the "has a
    /// zero byte" test of each, exact for whether there is one), then the rest one by one.
    static func mayNeedQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        var i = 0
        while i &+ 8 <= utf8.count {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if zero(w ^ (ones &* 0x0A)) | zero(w ^ (ones &* 0x0D)) | zero(w ^ (ones &* 0x22)) | zero(w ^ (ones &* 0x2C)) != 0 { return true }
            i &+= 8
        }
        while i < utf8.count {
            let b = base[i]
            if b == 0x0A || b == 0x0D || b == 0x22 || b == 0x2C { return true }
            i += 1
        }
        return false
    }

    /// One field, neutralised and quoted as needed.
    public static func field(_ raw: String) -> String {
        var value = raw
        switch value.unicodeScalars.first {
        case "=", "+", "-", "@", "\t": value = "'" + value
        default: break
        }
        // The characters are looked at only when one of their bytes is there (a comma with a
        // combining accent is one character, not a comma): iterating characters was most of
        // the writer's time.
        let special = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        let needsQuotes = (special && value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
