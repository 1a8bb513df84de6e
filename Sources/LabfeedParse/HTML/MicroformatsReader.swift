// Events in microformats: mf2 h-event and classic hCalendar vevent, with nested h-card /
// h-adr / h-geo places. found_by says which syntax carried the event.

import Foundation
import LabfeedCore
import LabfeedMarkup

enum MicroformatsReader {
    /// The page's h-event and vevent items, when some class could make a root.
    static func events(in elements: PageElements, document: MarkupDocument, _ environment: ExtractionEnvironment, warnings: inout [String]) -> [Event] {
        guard elements.mayHaveMicroformats, let root = document.root else { return [] }
        let parser = MicroformatsParser(environment: environment)
        var events: [Event] = []
        var stack = parser.items(in: root).reversed() as [MFItem]
        var budget = 10_000
        while let item = stack.popLast(), budget > 0 {
            budget -= 1
            if item.types.contains("h-event"), let event = event(from: item, environment, warnings: &warnings) {
                events.append(event)
            }
            // Events nested in feeds, entries or other events (children and property values).
            stack += item.children.reversed()
            for values in item.properties.values {
                for v in values { if let nested = v.item, nested.types.contains("h-event") { stack.append(nested) } }
            }
        }
        return events
    }

    static func event(from item: MFItem, _ environment: ExtractionEnvironment, warnings: inout [String]) -> Event? {
        let syntax = item.backcompat ? "hCalendar vevent" : "h-event"
        let where_ = "\(syntax) at line \(item.line)"
        guard let title = item.text("name").map({ Whitespace.collapse($0) }), !title.isEmpty else {
            warnings.append("\(where_): no name (\(item.backcompat ? "summary" : "p-name")); skipped")
            return nil
        }
        guard let startText = item.text("start") else {
            warnings.append("\(where_): “\(title)” has no start (\(item.backcompat ? "dtstart" : "dt-start")); skipped")
            return nil
        }
        guard let startParts = MFDate.parse(startText), let start = MFDate.eventTime(startParts, zone: environment.zone) else {
            warnings.append("\(where_): “\(title)” has an unreadable start “\(startText)”; skipped")
            return nil
        }
        var end: EventTime?
        if let endText = item.text("end") {
            // A time alone takes the start's day (`<span class="dtend">12:00</span>`).
            end = MFDate.parse(endText).flatMap { MFDate.eventTime($0, day: start.date, zone: environment.zone) }
            if end == nil { warnings.append("\(where_): “\(title)” has an unreadable end “\(endText)”; end left empty") }
        } else if let duration = item.text("duration"), let seconds = StructuredDate.durationSeconds(duration) {
            end = StructuredDate.end(start: start, plus: seconds, zone: environment.zone)
        }
        if let e = end, e < start {
            warnings.append("\(where_): “\(title)” ends (\(e.iso)) before it starts (\(start.iso)); end left empty")
            end = nil
        }
        var event = Event(title: title, start: start, end: end, timeZone: environment.zone.identifier,
                          foundBy: item.backcompat ? .hCalendar : .hEvent)
        if let value = (item.properties["description"] ?? item.properties["content"] ?? item.properties["summary"])?.first {
            if case .html(let text, let html) = value {
                event.description = text.isEmpty ? nil : text
                event.descriptionHTML = html.isEmpty || html == HTMLText.escape(text, quotes: false) ? nil : html
            } else {
                let text = Whitespace.collapseParagraphs(value.text)
                event.description = text.isEmpty ? nil : text
            }
        }
        event.url = item.text("url").flatMap(environment.resolve)
        event.image = (item.text("photo") ?? item.text("featured")).flatMap(environment.resolve)
        if let value = item.properties["location"]?.first {
            event.location = value.item.map(location) ?? Location(name: Whitespace.collapse(value.text))
            if event.location?.isEmpty == true { event.location = nil }
        }
        if let geo = item.properties["geo"]?.first?.item {
            var loc = event.location ?? Location()
            (loc.latitude, loc.longitude) = coordinates(geo)
            event.location = loc.isEmpty ? nil : loc
        }
        if let value = item.properties["organizer"]?.first {
            if let card = value.item {
                event.organizer = Organizer(name: card.text("name") ?? card.text("org"), url: card.text("url").flatMap(environment.resolve))
            } else {
                event.organizer = Organizer(name: Whitespace.collapse(value.text))
            }
        }
        event.keywords = (item.properties["category"] ?? []).map { Whitespace.collapse($0.text) }.filter { !$0.isEmpty }
        if let status = (item.text("status") ?? item.text("x-status"))?.lowercased() {
            if status.contains("cancel") || status.contains("annul") { event.status = .cancelled }
            if status.contains("postpone") || status.contains("report") { event.status = .postponed }
        }
        return event
    }

    /// A place from a nested h-card, h-adr or h-geo.
    static func location(_ item: MFItem) -> Location {
        var loc = Location()
        if item.types.contains("h-card") {
            loc.name = (item.text("name") ?? item.text("org")).map { Whitespace.collapse($0) }
        } else if item.types.contains("h-adr") || item.types.contains("h-geo") {
            loc.name = nil
        }
        let adr = item.properties["adr"]?.first?.item ?? item
        loc.address = adr.text("street-address").map { Whitespace.collapse($0) }
        loc.locality = adr.text("locality")
        loc.postalCode = adr.text("postal-code")
        loc.region = adr.text("region")
        loc.country = adr.text("country-name")
        if item.types.contains("h-adr") && loc.address == nil && loc.locality == nil, let name = item.text("name") {
            loc.address = Whitespace.collapse(name)
        }
        let geo = item.properties["geo"]?.first?.item ?? adr.properties["geo"]?.first?.item ?? item
        (loc.latitude, loc.longitude) = coordinates(geo)
        return loc
    }

    /// latitude/longitude properties, or the classic `lat;long` text of a geo.
    static func coordinates(_ item: MFItem) -> (Double?, Double?) {
        var lat = item.text("latitude").flatMap { Double($0.replacingComma) }
        var lon = item.text("longitude").flatMap { Double($0.replacingComma) }
        if lat == nil, lon == nil, let name = item.text("name") {
            let parts = name.split(separator: ";")
            if parts.count == 2 {
                lat = Double(Whitespace.trim(parts[0]))
                lon = Double(Whitespace.trim(parts[1]))
            }
        }
        if let l = lat, !(-90...90).contains(l) { lat = nil }
        if let l = lon, !(-180...180).contains(l) { lon = nil }
        return (lat, lon)
    }
}
