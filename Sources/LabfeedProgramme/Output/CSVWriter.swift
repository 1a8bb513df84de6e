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
        for item in ProgrammeOrder.sorted(programme.events) {
            let e = item.event
            let values: [String] = [
                item.id, e.start.iso, e.end?.iso ?? "", e.allDay ? "true" : "false", e.title, e.status.rawValue,
                item.past ? "true" : "false", FrenchDates.place(e.location) ?? "", e.location?.locality ?? "", item.region ?? "",
                e.organizer?.name ?? "", e.attendanceMode?.rawValue ?? "", e.url ?? "", e.onlineURL ?? "",
                item.sources.map(\.source).joined(separator: " "), UTCTimestamp.string(item.firstSeen), UTCTimestamp.string(item.updated),
            ]
            out.append(values.map(field).joined(separator: ",") + "\r\n")
        }
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
