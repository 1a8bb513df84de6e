// RawFeed → ParsedDocument: plain-text titles, sanitised summaries, dates read with warnings,
// identities assigned, events from event fields or from the prose seam.

import Foundation
import LabfeedCore

/// Builds labfeed's entries and events from any feed format's raw shape.
enum FeedAdapter {
    ///
    /// `feed` is consumed: its items array must be the only reference to its buffer, or moving
    /// the items out below would copy every item (a retain of each field) first.
    static func build(_ feed: consuming RawFeed, format: DocumentFormat, context: ParseContext, warnings initial: [String]) -> ParsedDocument {
        var raw = feed
        // Each item's raw HTML is released once rendered, so raw and rendered text of a big
        // feed are not all held at once.
        var items = raw.items
        raw.items = []
        var warnings = initial + raw.warnings
        var info = FeedInfo()
        info.title = raw.title.map(plainLine)
        info.link = raw.link
        info.description = raw.description.map(plainText).flatMap { $0.isEmpty ? nil : $0 }
        info.language = FeedFields.languageTag(raw.language) ?? context.sourceLanguage
        info.updated = date(raw.updated, place: "feed", warnings: &warnings)

        var entries: [Entry] = []
        entries.reserveCapacity(raw.items.count)
        var summaryHTML: [String?] = []
        var candidates: [FeedIdentity.Candidate] = []
        for index in items.indices {
            // Moved out rather than copied (a copy retains every field); what the events
            // below still need (place, event fields) is put back.
            var item = RawItem(place: "")
            swap(&item, &items[index])
            var entry = Entry(id: "", title: item.title.map(plainLine) ?? "")
            entry.link = item.link
            entry.published = date(item.published, place: item.place, warnings: &warnings)
            entry.updated = date(item.updated, place: item.place, warnings: &warnings)
            if let content = item.content {
                entry.content = content.isHTML ? HTMLText.sanitize(content.value, baseURL: content.base) : FeedWhitespace.collapseLines(content.value)
            }
            if let summary = item.summary ?? item.content {
                if summary.isHTML {
                    let rendered = HTMLText.render(summary.value, baseURL: summary.base)
                    entry.summary = rendered.html
                    entry.summaryText = rendered.text
                    summaryHTML.append(rendered.html)
                } else {
                    entry.summary = FeedWhitespace.collapseLines(summary.value)
                    entry.summaryText = entry.summary
                    summaryHTML.append(nil)
                }
            } else {
                summaryHTML.append(nil)
            }
            entry.authors = item.authors
            entry.categories = item.categories
            entry.enclosures = item.enclosures
            entry.language = FeedFields.languageTag(item.language) ?? info.language
            entry.image = item.image
            entries.append(entry)
            candidates.append(FeedIdentity.Candidate(
                guid: item.guid.flatMap(FeedWhitespace.nonEmpty), link: item.link, title: entry.title,
                date: item.published?.text ?? item.updated?.text, place: item.place))
            items[index].place = item.place
            items[index].event = item.event
        }
        let ids = FeedIdentity.assign(candidates, warnings: &warnings)
        for i in entries.indices { entries[i].id = ids[i] }

        var events: [Event] = []
        // By index: a `for item in items` would copy each item.
        for i in items.indices {
            if let fields = items[i].event {
                if let event = FeedEventFields.event(for: entries[i], fields: fields, descriptionHTML: summaryHTML[i],
                                                     place: items[i].place, context: context, warnings: &warnings) {
                    events.append(event)
                }
            } else if let finder = context.textEventFinder {
                events += finder(entries[i].title, entries[i].summaryText ?? "", entries[i])
            }
        }
        return ParsedDocument(format: format, feed: info, entries: entries, events: events, warnings: warnings)
    }

    /// A date read with ``FeedDate``, or nil plus a warning naming the element and the text.
    static func date(_ raw: RawDate?, place: String, warnings: inout [String]) -> Date? {
        guard let raw else { return nil }
        if let d = FeedDate.parse(raw.text) { return d }
        warnings.append("\(place): unreadable date in \(raw.element): \(raw.text.debugDescription); left empty")
        return nil
    }

    static func plainLine(_ text: RawText) -> String {
        text.isHTML ? HTMLText.plainLine(fromHTML: text.value) : FeedWhitespace.collapse(text.value)
    }

    static func plainText(_ text: RawText) -> String {
        text.isHTML ? HTMLText.plainText(fromHTML: text.value) : FeedWhitespace.collapseLines(text.value)
    }
}
