// One VEVENT's fields into labfeed's Event and Entry, given the start and end it takes.

import Foundation
import LabfeedCore

/// Reads the descriptive properties of a VEVENT (everything but its times).
struct ICSEventBuilder {
    let context: ParseContext
    let base: String?

    /// SUMMARY as one line of plain text ("" when absent).
    func title(_ c: ICSComponent) -> String {
        guard let raw = c.first("SUMMARY").map({ ICSValues.text($0.value) }) else { return "" }
        return HTMLText.looksLikeHTML(raw) ? HTMLText.plainLine(fromHTML: raw) : Whitespace.collapse(raw)
    }

    /// DESCRIPTION as plain text and as sanitised HTML (from X-ALT-DESC, or from a description
    /// that is itself HTML, as some CMS exports write it).
    func description(_ c: ICSComponent) -> (text: String?, html: String?) {
        let raw = c.first("DESCRIPTION").map { ICSValues.text($0.value) }
        let alt = c.all("X-ALT-DESC").first { $0.parameter("FMTTYPE")?.lowercased() == "text/html" }.map { ICSValues.text($0.value) }
        if let alt {
            let rendered = HTMLText.render(alt, baseURL: base)
            let text = raw.map { Whitespace.collapseLines($0) } ?? rendered.text
            return (text.isEmpty ? nil : text, rendered.html.isEmpty ? nil : rendered.html)
        }
        guard let raw else { return (nil, nil) }
        if HTMLText.looksLikeHTML(raw) {
            let rendered = HTMLText.render(raw, baseURL: base)
            return (rendered.text.isEmpty ? nil : rendered.text, rendered.html.isEmpty ? nil : rendered.html)
        }
        let text = Whitespace.collapseLines(raw)
        return (text.isEmpty ? nil : text, nil)
    }

    func location(_ c: ICSComponent) -> Location? {
        var location = Location()
        location.name = c.first("LOCATION").flatMap { Whitespace.nonEmpty(ICSValues.text($0.value)) }
        if let geo = c.first("GEO")?.value.split(whereSeparator: { $0 == ";" || $0 == "," }), geo.count == 2,
           let lat = Double(geo[0].trimmingCharacters(in: .whitespaces)), let lon = Double(geo[1].trimmingCharacters(in: .whitespaces)),
           abs(lat) <= 90, abs(lon) <= 180 {
            location.latitude = lat
            location.longitude = lon
        }
        return location.isEmpty ? nil : location
    }

    func organizer(_ c: ICSComponent) -> Organizer? {
        guard let p = c.first("ORGANIZER") else { return nil }
        let value = Whitespace.collapse(p.value)
        let email = value.lowercased().hasPrefix("mailto:") ? String(value.dropFirst(7)) : nil
        let name = p.parameter("CN").flatMap { Whitespace.nonEmpty($0) } ?? email
        let url = URLResolver.isWebURL(value) ? value : nil
        if name == nil && url == nil { return nil }
        return Organizer(name: name, url: url)
    }

    func status(_ c: ICSComponent) -> EventStatus {
        c.first("STATUS").map { Whitespace.collapse($0.value).uppercased() } == "CANCELLED" ? .cancelled : .scheduled
    }

    func categories(_ c: ICSComponent) -> [String] {
        var list: [String] = []
        for p in c.all("CATEGORIES") { for term in ICSValues.textList(p.value) { FeedFields.addCategory(term, to: &list) } }
        return list
    }

    func url(_ c: ICSComponent) -> String? {
        c.first("URL").flatMap { URLResolver.absolute($0.value, against: base) }
    }

    func image(_ c: ICSComponent) -> String? {
        if let image = c.first("IMAGE"), let url = URLResolver.absolute(image.value, against: base), URLResolver.isWebURL(url) { return url }
        let attach = c.all("ATTACH").first { $0.parameter("FMTTYPE")?.lowercased().hasPrefix("image/") == true && URLResolver.isWebURL($0.value) }
        return attach.map { Whitespace.collapse($0.value) }
    }

    func language(_ c: ICSComponent) -> String? {
        c.first("SUMMARY")?.parameter("LANGUAGE").flatMap { Whitespace.nonEmpty($0) } ?? context.sourceLanguage
    }

    /// The event, with the given times.
    func event(_ c: ICSComponent, start: EventTime, end: EventTime?, sourceID: String?) -> Event {
        let (text, html) = description(c)
        let online = c.first("CONFERENCE").flatMap { URLResolver.absolute($0.value, against: nil) }
        return Event(
            title: title(c), description: text, descriptionHTML: html, start: start, end: end,
            timeZone: context.timeZone.identifier, location: location(c), url: url(c), organizer: organizer(c),
            status: status(c), onlineURL: online.flatMap { URLResolver.isWebURL($0) ? $0 : nil },
            keywords: categories(c), image: image(c), language: language(c), foundBy: .ics, confidence: 1,
            sourceID: sourceID)
    }

    /// The entry for a VEVENT (one per master event, not per occurrence). The id is set later.
    func entry(_ c: ICSComponent) -> Entry {
        let (text, html) = description(c)
        var entry = Entry(id: "", title: title(c))
        entry.link = url(c)
        entry.published = c.first("CREATED").flatMap(instant)
        entry.updated = c.first("LAST-MODIFIED").flatMap(instant)
        entry.summary = html ?? text
        entry.summaryText = text
        entry.categories = categories(c)
        if let o = organizer(c) { entry.authors = [Author(name: o.name, uri: o.url)] }
        entry.language = language(c)
        entry.image = image(c)
        return entry
    }

    /// A UTC DATE-TIME (CREATED, LAST-MODIFIED, DTSTAMP) as an instant.
    func instant(_ p: ICSProperty) -> Date? {
        guard case .dateTime(let d, let h, let m, let s, _, _)? = ICSValues.dateValue(p) else { return nil }
        return LocalDateTime(date: d, hour: h, minute: m, second: s, utcOffset: 0).instant
    }
}
