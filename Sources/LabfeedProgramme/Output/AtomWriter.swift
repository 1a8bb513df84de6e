// programme.atom: an Atom feed (RFC 4287) of the events, newest announcements first.

import Foundation
import LabfeedCore

/// Renders the programme as an Atom feed: one entry per event, ordered by `first_seen` (newest
/// announcement first, then id). Entry `updated` is the event's `updated`; `published` its
/// `first_seen`; the summary says when, where, who and the status, then the description.
public enum AtomWriter {
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions()) -> String {
        let esc = MarkupEscaping.escape
        let updated = programme.updatedAt ?? programme.events.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
              <id>\(esc(options.feedID))</id>
              <title>\(esc(options.title))</title>
              <updated>\(UTCTimestamp.string(updated))</updated>
              <author><name>labfeed</name></author>
              <generator version="\(LabfeedVersion.current)">labfeed</generator>

            """
        if let base = MarkupEscaping.safeHref(options.publicURL) {
            let dir = base.hasSuffix("/") ? base : base + "/"
            out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(dir + OutputFormat.atom.fileName))\"/>\n"
            out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(dir))\"/>\n"
        }
        let entries = programme.events.sorted { a, b in a.firstSeen != b.firstSeen ? a.firstSeen > b.firstSeen : a.id < b.id }
        for item in entries {
            let e = item.event
            var summary = FrenchDates.when(e, zone: options.zone)
            if let place = FrenchDates.place(e.location) { summary += "\n" + place }
            if let organizer = e.organizer?.name { summary += "\nOrganisateur : " + organizer }
            if e.attendanceMode == .online { summary += "\nEn ligne" }
            if let status = FrenchDates.status(e.status) { summary += "\n" + status }
            if let description = e.description { summary += "\n\n" + description }
            out += "  <entry>\n"
            out += "    <id>\(esc(options.feedID)):\(esc(item.id))</id>\n"
            out += "    <title>\(esc(e.title))</title>\n"
            out += "    <updated>\(UTCTimestamp.string(item.updated))</updated>\n"
            out += "    <published>\(UTCTimestamp.string(item.firstSeen))</published>\n"
            if let url = MarkupEscaping.safeHref(e.url) { out += "    <link rel=\"alternate\" href=\"\(esc(url))\"/>\n" }
            for keyword in e.keywords { out += "    <category term=\"\(esc(keyword))\"/>\n" }
            out += "    <summary type=\"text\">\(esc(summary))</summary>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }
}
