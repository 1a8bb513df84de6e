// What the writers need besides the programme: zone, title, public address; and the formats.

public import Foundation
import LabfeedCore

/// Settings shared by the writers. Every default gives a complete output.
public struct RenderOptions: Sendable, Hashable {
    /// The zone times are shown in (and the ICS VTIMEZONE, for Europe/Paris).
    public var zone: TimeZone
    /// The programme's title (page title, calendar name, feed title).
    public var title: String
    /// Where the output directory is published (`https://example.org/agenda/`), for the Atom
    /// self link; nil when unknown.
    public var publicURL: String?
    /// The Atom feed id and the prefix of entry ids.
    public var feedID: String

    public init(zone: TimeZone = TimeZone(identifier: "Europe/Paris")!, title: String = "Programme de l’innovation publique",
                publicURL: String? = nil, feedID: String = "urn:labfeed:programme") {
        self.zone = zone
        self.title = title
        self.publicURL = publicURL
        self.feedID = feedID
    }
}

/// The output formats, their file names and renderers.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    case json, ics, csv, atom, html

    /// The file in the output directory.
    public var fileName: String {
        switch self {
        case .json: "programme.json"
        case .ics: "programme.ics"
        case .csv: "programme.csv"
        case .atom: "programme.atom"
        case .html: "index.html"
        }
    }

    /// The MIME type, for servers and `Content-Type`.
    public var mediaType: String {
        switch self {
        case .json: "application/json"
        case .ics: "text/calendar; charset=utf-8"
        case .csv: "text/csv; charset=utf-8; header=present"
        case .atom: "application/atom+xml"
        case .html: "text/html; charset=utf-8"
        }
    }

    /// The programme in this format: pure, the same bytes for the same programme.
    public func render(_ programme: Programme, options: RenderOptions = RenderOptions()) -> String {
        switch self {
        case .json: ProgrammeJSONWriter.render(programme)
        case .ics: ICSWriter.render(programme, options: options)
        case .csv: CSVWriter.render(programme, options: options)
        case .atom: AtomWriter.render(programme, options: options)
        case .html: HTMLWriter.render(programme, options: options)
        }
    }

    /// The programme in this format, appended to `sink` piece by piece (the same bytes).
    public func render(_ programme: Programme, options: RenderOptions = RenderOptions(), into sink: inout some TextSink) {
        switch self {
        case .json: sink.append(ProgrammeJSONWriter.render(programme))
        case .ics: ICSWriter.render(programme, options: options, into: &sink)
        case .csv: CSVWriter.render(programme, options: options, into: &sink)
        case .atom: AtomWriter.render(programme, options: options, into: &sink)
        case .html: HTMLWriter.render(programme, options: options, into: &sink)
        }
    }
}

/// Dates and times in French for people (the HTML page, summaries).
enum FrenchDates {
    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// "mardi 8 novembre 2022".
    static func day(_ d: CivilDate) -> String {
        "\(weekdays[d.weekday - 1]) \(d.day == 1 ? "1er" : String(d.day)) \(months[d.month - 1]) \(d.year)"
    }

    /// "novembre 2022".
    static func month(_ d: CivilDate) -> String { "\(months[d.month - 1]) \(d.year)" }

    /// "09h30".
    static func clock(_ t: LocalDateTime) -> String {
        var out = ""
        ICSWriter.digits(t.hour, 2, to: &out)
        out += "h"
        ICSWriter.digits(t.minute, 2, to: &out)
        return out
    }

    /// The wall-clock time of `time` in `zone` (a timed start keeps its instant).
    static func local(_ time: EventTime, zone: TimeZone) -> EventTime {
        if case .time(let t) = time { return .time(LocalDateTime(t.instant, in: zone)) }
        return time
    }

    /// "mardi 8 novembre 2022, 09h30 – 12h00", "du 2 au 30 novembre 2022" style ranges.
    static func when(_ event: Event, zone: TimeZone) -> String {
        let start = local(event.start, zone: zone)
        let end = event.end.map { local($0, zone: zone) }
        var text = day(start.date)
        if case .time(let s) = start { text += ", " + clock(s) }
        if let end {
            if end.date == start.date {
                if case .time(let e) = end { text += " – " + clock(e) }
            } else {
                text += " – " + day(end.date)
                if case .time(let e) = end { text += ", " + clock(e) }
            }
        }
        return text
    }

    /// ``when(_:zone:)`` appended as UTF-8 bytes, without its Strings (the day, the clock and
    /// the pieces were a tenth of the HTML and Atom writers). The text needs no markup
    /// escaping: day and month names, digits, "1er", ", ", " – " and "h".
    static func appendWhen(_ event: Event, zone: TimeZone, to bytes: inout [UInt8]) {
        appendWhen(start: event.start, end: event.end, zone: zone, to: &bytes)
    }

    /// ``appendWhen(_:zone:to:)`` of an event with this start and end (the writers pass them
    /// without copying the whole event).
    static func appendWhen(start: EventTime, end: EventTime?, zone: TimeZone, to bytes: inout [UInt8]) {
        let start = local(start, zone: zone)
        let end = end.map { local($0, zone: zone) }
        appendDay(start.date, to: &bytes)
        if case .time(let s) = start { appendClock(s, after: ", ", to: &bytes) }
        if let end {
            if end.date == start.date {
                if case .time(let e) = end { appendClock(e, after: " – ", to: &bytes) }
            } else {
                appendLiteral(" – ", to: &bytes)
                appendDay(end.date, to: &bytes)
                if case .time(let e) = end { appendClock(e, after: ", ", to: &bytes) }
            }
        }
    }

    /// ``day(_:)`` as bytes.
    private static func appendDay(_ d: CivilDate, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: weekdays[d.weekday - 1].utf8)
        bytes.append(0x20)
        if d.day == 1 { appendLiteral("1er", to: &bytes) } else { appendInteger(d.day, to: &bytes) }
        bytes.append(0x20)
        bytes.append(contentsOf: months[d.month - 1].utf8)
        bytes.append(0x20)
        appendInteger(d.year, to: &bytes)
    }

    /// `separator` and ``clock(_:)`` as bytes.
    private static func appendClock(_ t: LocalDateTime, after separator: StaticString, to bytes: inout [UInt8]) {
        appendLiteral(separator, to: &bytes)
        ICSWriter.appendDigits(t.hour, 2, to: &bytes)
        bytes.append(0x68)
        ICSWriter.appendDigits(t.minute, 2, to: &bytes)
    }

    /// `String(value)` as bytes (`%0Nd` with no width).
    private static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        ICSWriter.appendDigits(value, 0, to: &bytes)
    }

    private static func appendLiteral(_ text: StaticString, to bytes: inout [UInt8]) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Status in French, nil for scheduled.
    static func status(_ s: EventStatus) -> String? {
        switch s {
        case .scheduled: nil
        case .cancelled: "Annulé"
        case .postponed: "Reporté"
        case .rescheduled: "Date modifiée"
        case .movedOnline: "Passé en ligne"
        }
    }

    /// "Lab X, 12 rue Y, 87000 Limoges".
    ///
    /// The town is the postal code and locality that are set, joined by a space; the parts
    /// are the name, address and a non-empty town that are set, joined by ", " (nil for none).
    /// Appended piece by piece (the arrays of optionals compacted and joined were a visible
    /// part of four writers); `FrenchPlaceTests` compares it with the joins.
    static func place(_ location: Location?) -> String? {
        guard let l = location else { return nil }
        var town = l.postalCode ?? ""
        if let locality = l.locality {
            if l.postalCode != nil { town += " " }
            town += locality
        }
        var text: String?
        for part in [l.name, l.address] {
            guard let part else { continue }
            if text == nil { text = part } else { text! += ", " + part }
        }
        if !town.isEmpty {
            if text == nil { text = town } else { text! += ", " + town }
        }
        return text
    }
}
