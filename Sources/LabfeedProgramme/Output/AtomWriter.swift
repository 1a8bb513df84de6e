// programme.atom: an Atom feed (RFC 4287) of the events, newest announcements first.

import Foundation
import LabfeedCore

/// Renders the programme as an Atom feed: one entry per event, ordered by `first_seen` (newest
/// announcement first, then id). Entry `updated` is the event's `updated`; `published` its
/// `first_seen`; the summary says when, where, who and the status, then the description.
public enum AtomWriter {
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions()) -> String {
        var out = ""
        render(programme, options: options, into: &out)
        return out
    }

    /// The feed appended to `out` piece by piece (an ``OutputSink`` streams it to its file).
    public static func render(_ programme: Programme, options: RenderOptions = RenderOptions(), into out: inout some TextSink) {
        let esc = MarkupEscaping.escape
        let updated = programme.updatedAt ?? programme.events.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        out.append("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
              <id>\(esc(options.feedID))</id>
              <title>\(esc(options.title))</title>
              <updated>\(UTCTimestamp.string(updated))</updated>
              <author><name>labfeed</name></author>
              <generator version="\(LabfeedVersion.current)">labfeed</generator>

            """)
        if let base = MarkupEscaping.safeHref(options.publicURL) {
            let dir = base.hasSuffix("/") ? base : base + "/"
            out.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(dir + OutputFormat.atom.fileName))\"/>\n")
            out.append("  <link rel=\"alternate\" type=\"text/html\" href=\"\(esc(dir))\"/>\n")
        }
        // Newest first; the positions are sorted, not the events (moving whole events in the
        // sort was most of its time). Ids are unique, so the order is total and the same.
        let events = programme.events
        let order = events.indices.sorted { i, j in
            events[i].firstSeen != events[j].firstSeen ? events[i].firstSeen > events[j].firstSeen : events[i].id < events[j].id
        }
        // The events are read in place, in that order, not copied one by one.
        var entry = MarkupBytes()
        events.withUnsafeBufferPointer { events in
            for index in order {
                self.entry(events.baseAddress! + index, options: options, into: &entry)
                out.appendUTF8(entry.bytes)
                entry.bytes.removeAll(keepingCapacity: true)
            }
        }
        out.append("</feed>\n")
    }

    /// One event's `<entry>`, appended to `entry`, the event read in place where `event`
    /// points (each field loaded where it is used: passing the event by value copied it whole).
    static func entry(_ event: UnsafePointer<ProgrammeEvent>, options: RenderOptions, into entry: inout MarkupBytes) {
        entry.raw("  <entry>\n    <id>")
        entry.escaped(options.feedID)
        entry.raw(":")
        entry.escaped(event.pointee.id)
        entry.raw("</id>\n    <title>")
        entry.escaped(event.pointee.event.title)
        entry.raw("</title>\n    <updated>")
        entry.timestamp(event.pointee.updated)
        entry.raw("</updated>\n    <published>")
        entry.timestamp(event.pointee.firstSeen)
        entry.raw("</published>\n")
        if let url = MarkupEscaping.safeHref(event.pointee.event.url) {
            entry.raw("    <link rel=\"alternate\" href=\"")
            entry.escaped(url)
            entry.raw("\"/>\n")
        }
        for keyword in event.pointee.event.keywords {
            entry.raw("    <category term=\"")
            entry.escaped(keyword)
            entry.raw("\"/>\n")
        }
        // The summary: when, where, who, online, status, then the description, each piece
        // escaped as it is written (the escape of the joined text is the pieces' escapes).
        entry.raw("    <summary type=\"text\">")
        entry.when(start: event.pointee.event.start, end: event.pointee.event.end, zone: options.zone)
        if let place = FrenchDates.place(event.pointee.event.location) {
            entry.raw("\n")
            entry.escaped(place)
        }
        if let organizer = event.pointee.event.organizer?.name {
            entry.raw("\nOrganisateur : ")
            entry.escaped(organizer)
        }
        if event.pointee.event.attendanceMode == .online { entry.raw("\nEn ligne") }
        if let status = FrenchDates.status(event.pointee.event.status) {
            entry.raw("\n")
            entry.escaped(status)
        }
        if let description = event.pointee.event.description {
            entry.raw("\n\n")
            entry.escaped(description)
        }
        entry.raw("</summary>\n  </entry>\n")
    }
}
