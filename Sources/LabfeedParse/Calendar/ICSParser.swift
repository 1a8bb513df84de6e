// iCalendar files into entries and events: VEVENT times in all three forms (UTC, floating,
// TZID) and all-day dates, DTEND or DURATION, recurring events expanded inside the window with
// EXDATE, RDATE and RECURRENCE-ID overrides.

import Foundation
import LabfeedCore

/// Parses iCalendar (RFC 5545) documents.
///
/// All-day events: DTEND is exclusive in iCalendar; labfeed's `end` is the last day, and nil
/// for a one-day event. Timed events keep their instant and are shown in the context's zone.
/// Each occurrence of a recurring event is its own Event with `sourceID` `UID#<recurrence id>`
/// (the UTC time `2022-11-08T08:30:00Z`, or the day `2022-11-08` for all-day events), and only
/// occurrences inside [now - past margin, now + window] are kept. Non-recurring events are all kept.
enum ICSParser {
    static func parse(_ bytes: [UInt8], context: ParseContext) -> ParsedDocument {
        var warnings: [String] = []
        var unclosed: String?
        let roots = ICSReader.read(bytes, warnings: &warnings, unclosed: &unclosed)
        var calendars = roots.filter { $0.name == "VCALENDAR" }
        if calendars.isEmpty {
            warnings.append("no VCALENDAR found" + (roots.isEmpty ? "" : "; top-level components read as one"))
            calendars = [ICSComponent(name: "VCALENDAR", components: roots, line: 1)]
        }
        var document = ParsedDocument(format: .ics)
        var candidates: [FeedIdentity.Candidate] = []
        for calendar in calendars {
            read(calendar, context: context, into: &document, candidates: &candidates, warnings: &warnings)
        }
        let ids = FeedIdentity.assign(candidates, warnings: &warnings)
        for i in document.entries.indices { document.entries[i].id = ids[i] }
        document.feed.language = document.feed.language ?? context.sourceLanguage
        document.warnings = warnings
        // A calendar cut short would drop the events past the cut.
        document.unusable = unclosed.map { "the calendar is incomplete: \($0) is not closed at the end of the file" }
        return document
    }

    private static func read(_ calendar: ICSComponent, context: ParseContext, into document: inout ParsedDocument,
                             candidates: inout [FeedIdentity.Candidate], warnings: inout [String]) {
        let text: (String) -> String? = { name in calendar.first(name).flatMap { Whitespace.nonEmpty(ICSValues.text($0.value)) } }
        let link = text("URL") ?? text("X-ORIGINAL-URL")
        let base = context.rootBase(fallback: link)
        document.feed.title = document.feed.title ?? text("X-WR-CALNAME") ?? text("NAME")
        document.feed.description = document.feed.description ?? text("X-WR-CALDESC") ?? text("DESCRIPTION")
        document.feed.link = document.feed.link ?? link.map { URLResolver.resolve($0, against: base) }
        let builder = ICSEventBuilder(context: context, base: base)
        if document.feed.updated == nil, let p = calendar.first("LAST-MODIFIED") { document.feed.updated = builder.instant(p) }
        var floating = context.timeZone
        if let name = text("X-WR-TIMEZONE") {
            if let zone = TimeZone(identifier: name) { floating = zone } else { warnings.append("unknown X-WR-TIMEZONE \(name.debugDescription); floating times read in \(context.timeZone.identifier)") }
        }
        var definitions: [String: VTimeZoneRules] = [:]
        for c in calendar.components where c.name == "VTIMEZONE" {
            if let rules = VTimeZoneRules(c) { definitions[rules.tzid] = rules } else { warnings.append("line \(c.line): VTIMEZONE without usable STANDARD/DAYLIGHT rules, ignored") }
        }
        let times = ICSTimes(resolver: ICSZoneResolver(definitions: definitions), floating: floating, display: context.timeZone)
        let vevents = calendar.components.filter { $0.name == "VEVENT" }
        var overrides: [String: [ICSComponent]] = [:]
        var masters: [ICSComponent] = []
        for e in vevents {
            if e.first("RECURRENCE-ID") != nil, let uid = e.first("UID")?.value {
                overrides[Whitespace.collapse(uid), default: []].append(e)
            } else {
                masters.append(e)
            }
        }
        let masterUIDs = Set(masters.compactMap { $0.first("UID").map { Whitespace.collapse($0.value) } })
        for (uid, list) in overrides where !masterUIDs.contains(uid) {
            // Overrides without their master: each stands alone.
            masters += list
            overrides[uid] = nil
        }
        let recurrence = ICSRecurrence(context: context, times: times, builder: builder)
        for component in masters {
            let uid = component.first("UID").flatMap { Whitespace.nonEmpty($0.value) }
            let entry = builder.entry(component)
            guard let startProperty = component.first("DTSTART") else {
                warnings.append("line \(component.line): VEVENT \(entry.title.debugDescription) has no DTSTART; no event made")
                appendEntry(entry, component: component, uid: uid, document: &document, candidates: &candidates)
                continue
            }
            guard let startValue = ICSValues.dateValue(startProperty) else {
                warnings.append("line \(startProperty.line): unreadable DTSTART \(startProperty.value.debugDescription); no event made")
                appendEntry(entry, component: component, uid: uid, document: &document, candidates: &candidates)
                continue
            }
            var localWarnings: [String] = []
            let span = times.span(of: component, start: startValue, warnings: &localWarnings)
            let zoneWarning = times.zoneWarning(startValue)
            if let zoneWarning, !warnings.contains(zoneWarning) { localWarnings.append(zoneWarning) }
            warnings += localWarnings.map { "line \(component.line): \($0)" }
            if component.first("RRULE") != nil || component.first("RDATE") != nil {
                document.events += recurrence.occurrences(of: component, uid: uid ?? entry.title, start: startValue, span: span,
                                                          overrides: uid.flatMap { overrides[$0] } ?? [], warnings: &warnings)
            } else {
                let start = times.eventTime(startValue)
                let id = component.first("RECURRENCE-ID").flatMap { ICSValues.dateValue($0) }.map { "\(uid ?? "")#\(times.key($0))" } ?? uid
                document.events.append(builder.event(component, start: start, end: times.end(of: startValue, span: span), sourceID: id))
            }
            appendEntry(entry, component: component, uid: uid, document: &document, candidates: &candidates)
        }
        if vevents.isEmpty { warnings.append("the calendar has no VEVENT") }
    }

    private static func appendEntry(_ entry: Entry, component: ICSComponent, uid: String?, document: inout ParsedDocument,
                                    candidates: inout [FeedIdentity.Candidate]) {
        document.entries.append(entry)
        candidates.append(FeedIdentity.Candidate(guid: uid, link: entry.link, title: entry.title,
                                                 date: component.first("DTSTART")?.value, place: "VEVENT at line \(component.line)"))
    }
}
