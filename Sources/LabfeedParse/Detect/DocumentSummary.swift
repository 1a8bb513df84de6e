// The readable (non-JSON) output of `labfeed fetch`: what a person wants to see at a glance.

public import LabfeedCore

/// Renders a ParsedDocument as a short text for a terminal.
public enum DocumentSummary {
    /// How many entries and events are listed before "... and N more".
    public static let listLimit = 20

    /// Format and feed metadata, then entries (date, title, link), events (start, title, place),
    /// and every warning. Dates as in the JSON (entries in UTC, events with their offset).
    public static func text(_ doc: ParsedDocument) -> String {
        var lines: [String] = []
        lines.append("format: \(doc.format.rawValue)")
        if let title = doc.feed.title { lines.append("title: \(title)") }
        if let link = doc.feed.link { lines.append("link: \(link)") }
        if let description = doc.feed.description { lines.append("description: \(String(description.prefix(200)))") }
        if let language = doc.feed.language { lines.append("language: \(language)") }
        if let updated = doc.feed.updated { lines.append("updated: \(UTCTimestamp.string(updated))") }
        lines.append("")
        lines.append("\(doc.entries.count) \(doc.entries.count == 1 ? "entry" : "entries")")
        for entry in doc.entries.prefix(listLimit) {
            let date = (entry.published ?? entry.updated).map(UTCTimestamp.string) ?? "(no date)"
            lines.append("  \(date)  \(entry.title.isEmpty ? "(untitled)" : entry.title)")
            if let link = entry.link { lines.append("      \(link)") }
        }
        if doc.entries.count > listLimit { lines.append("  ... and \(doc.entries.count - listLimit) more") }
        lines.append("")
        lines.append("\(doc.events.count) \(doc.events.count == 1 ? "event" : "events")")
        for event in doc.events.prefix(listLimit) {
            var when = event.start.iso
            if let end = event.end { when += " → " + end.iso }
            var line = "  \(when)  \(event.title.isEmpty ? "(untitled)" : event.title)"
            if let place = event.location?.name ?? event.location?.locality { line += " @ \(place)" }
            if event.status != .scheduled { line += " [\(event.status.rawValue)]" }
            lines.append(line)
        }
        if doc.events.count > listLimit { lines.append("  ... and \(doc.events.count - listLimit) more") }
        if !doc.warnings.isEmpty {
            lines.append("")
            lines.append("\(doc.warnings.count) \(doc.warnings.count == 1 ? "warning" : "warnings")")
            for warning in doc.warnings { lines.append("  - \(warning)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
