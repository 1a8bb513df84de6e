// A schema.org Event node (from JSON-LD or microdata) into labfeed's Event.
// Never invents: a field the node does not give stays nil; a node without a name or a readable
// startDate yields no event and a warning naming where it was.

import Foundation
import LabfeedCore

struct SchemaEventMapper {
    let index: [String: SchemaNode]
    let environment: ExtractionEnvironment
    let foundBy: FoundBy

    /// The full node for a bare `{"@id": ...}` reference; the node itself otherwise.
    func resolve(_ node: SchemaNode) -> SchemaNode {
        if let id = node.id, let full = index[id], full !== node, node.properties.count < full.properties.count, node.firstType == nil || node.properties.isEmpty {
            return full
        }
        return node
    }

    /// The node of a value, resolved. (No method is passed as a function in this mapper:
    /// `value.nodeValue.map(resolve)` copied the mapper, its index, zone and strings, into the
    /// partial application each time, about 600 instructions a call.)
    func node(_ value: SchemaValue) -> SchemaNode? {
        guard let node = value.nodeValue else { return nil }
        return resolve(node)
    }

    func event(from node: SchemaNode, parent: SchemaNode?, warnings: inout [String]) -> Event? {
        let kind = node.firstType ?? "Event"
        let ownName = node.text(.name).map { plainName($0) }
        let parentName = parent?.text(.name).map { plainName($0) }
        guard let title = nonEmpty(ownName) ?? nonEmpty(parentName) else {
            warnings.append("\(node.origin): \(kind) without a name; skipped")
            return nil
        }
        guard let startText = node.text(.startDate) else {
            warnings.append("\(node.origin): \(kind) “\(title)” has no startDate; skipped")
            return nil
        }
        guard var start = StructuredDate.eventTime(startText, zone: environment.zone) else {
            warnings.append("\(node.origin): \(kind) “\(title)” has an unreadable startDate “\(startText)”; skipped")
            return nil
        }
        var end: EventTime?
        if let endText = node.text(.endDate) {
            end = StructuredDate.eventTime(endText, zone: environment.zone)
            if end == nil { warnings.append("\(node.origin): \(kind) “\(title)” has an unreadable endDate “\(endText)”; end left empty") }
        } else if let duration = node.text(.duration), let seconds = StructuredDate.durationSeconds(duration) {
            end = StructuredDate.end(start: start, plus: seconds, zone: environment.zone)
        }
        (start, end) = StructuredDate.allDayRange(start: start, end: end)
        if let e = end, e < start {
            warnings.append("\(node.origin): \(kind) “\(title)” ends (\(e.iso)) before it starts (\(start.iso)); end left empty")
            end = nil
        }

        var event = Event(title: title, start: start, end: end, timeZone: environment.zone.identifier, foundBy: foundBy)
        event.sourceID = node.id
        let inherit = parent
        if let text = node.text(.description) ?? inherit?.text(.description) {
            let d = HTMLText.pageText(text, baseURL: environment.base)
            event.description = nonEmpty(d.plain)
            event.descriptionHTML = d.html
        }
        event.url = environment.resolve(node.text(.url)) ?? inherit.flatMap { environment.resolve($0.text(.url)) }

        // Places and virtual locations; a list of both is a mixed event.
        var place: Location?
        var online: String?
        let ownLocations = node.values(.location)
        for value in ownLocations.isEmpty ? (inherit?.values(.location) ?? SchemaValues(nil)) : ownLocations {
            if let n = self.node(value) {
                if n.isA("VirtualLocation") {
                    online = online ?? environment.resolve(n.text(.url))
                } else if let loc = location(n), place == nil {
                    place = loc
                }
            } else if let text = value.string {
                if text.lowercased().hasPrefix("http") {
                    online = online ?? environment.resolve(text)
                } else if place == nil {
                    place = Location(name: Whitespace.collapse(text))
                }
            }
        }
        event.location = place
        // The rare fields (online URL, registration, image) are kept in a shared box: a write
        // of nil is still a copy and an emptiness test of the box (300-440 instructions each),
        // so only a value is written (nil is what a new event holds).
        if let online { event.onlineURL = online }
        if let mode = node.textOrID(.eventAttendanceMode) {
            event.attendanceMode = attendance(mode)
        }
        if event.attendanceMode == nil, online != nil {
            event.attendanceMode = place == nil ? .online : .mixed
        }
        if let status = node.textOrID(.eventStatus) {
            event.status = self.status(status) ?? .scheduled
        }
        if let previous = node.text(.previousStartDate) {
            event.previousStart = StructuredDate.eventTime(previous, zone: environment.zone)
        }
        event.organizer = organizer(node) ?? inherit.flatMap { organizer($0) }
        if let offered = registration(node) { event.registration = offered }
        event.keywords = keywords(node)
        if let picture = image(node) ?? inherit.flatMap({ image($0) }) { event.image = picture }
        if let superValue = node.firstValue(.superEvent) {
            event.superEvent = reference(superValue)
        } else if let parent, ownName != nil {
            event.superEvent = EventReference(title: parentName, url: environment.resolve(parent.text(.url)))
        }
        if let lang = node.firstValue(.inLanguage) ?? inherit?.firstValue(.inLanguage) {
            event.language = self.node(lang).flatMap { $0.text(.alternateName) ?? $0.text(.name) } ?? lang.string
            event.language = event.language.map(PageMeta.normaliseLanguage)
        }
        return event
    }

    // MARK: - Parts

    /// A name's plain text on one line. Text that does not look like HTML is only collapsed:
    /// `pageText` would give its lines collapsed (`collapseParagraphs`), which `collapse` joins
    /// into the same line.
    func plainName(_ text: String) -> String {
        guard HTMLText.looksLikeHTML(text) else { return Whitespace.collapse(text) }
        return Whitespace.collapse(HTMLText.pageText(text, baseURL: environment.base).plain)
    }

    func location(_ n: SchemaNode) -> Location? {
        var loc = Location()
        loc.name = n.text(.name).map { Whitespace.collapse($0) }
        for value in n.values(.address) {
            if let a = node(value) {
                loc.address = loc.address ?? a.text(.streetAddress).map { Whitespace.collapse($0) }
                loc.locality = loc.locality ?? a.text(.addressLocality)
                loc.postalCode = loc.postalCode ?? a.text(.postalCode)
                loc.region = loc.region ?? a.text(.addressRegion)
                if let country = a.firstValue(.addressCountry) {
                    loc.country = loc.country ?? (node(country).flatMap { $0.text(.name) } ?? country.string)
                }
            } else if let text = value.string {
                loc.address = loc.address ?? Whitespace.collapse(text)
            }
        }
        if let geo = n.firstValue(.geo).flatMap({ node($0) }) {
            loc.latitude = geo[.latitude]?.number
            loc.longitude = geo[.longitude]?.number
        }
        loc.latitude = loc.latitude ?? n[.latitude]?.number
        loc.longitude = loc.longitude ?? n[.longitude]?.number
        if let lat = loc.latitude, !(-90...90).contains(lat) { loc.latitude = nil }
        if let lon = loc.longitude, !(-180...180).contains(lon) { loc.longitude = nil }
        return loc.isEmpty ? nil : loc
    }

    /// The attendance mode an enumeration value names ("OfflineEventAttendanceMode", a
    /// schema.org URL), compared without case. An ASCII name (all of them in practice) is compared
    /// on its bytes, without the lowercased copy; ``attendanceByCharacters(_:)`` is the reference.
    func attendance(_ text: String) -> AttendanceMode? { Self.attendance(value: text) }

    /// ``attendance(_:)``: a value printable ASCII at both ends and ASCII throughout (a
    /// schema.org URL, as pages write it) is read on the bytes of its local name, without
    /// making that name's String (``SchemaNode/withASCIILocalName(_:_:)``); any other through
    /// ``SchemaNode/localName(_:)``, the reference (SchemaEnumerationTests).
    static func attendance(value text: String) -> AttendanceMode? {
        if let mode = SchemaNode.withASCIILocalName(text, attendance(ascii:)) { return mode }
        return attendance(localName: SchemaNode.localName(text))
    }

    /// ``attendance(_:)`` of a local name.
    static func attendance(localName name: String) -> AttendanceMode? {
        let fast: AttendanceMode?? = UTF8Bytes.with(name) { b in
            guard Self.isASCII(b) else { return .none }
            return .some(attendance(ascii: b))
        }
        return fast ?? Self.attendanceByCharacters(name)
    }

    /// ``attendance(localName:)`` of an ASCII name, on its bytes.
    private static func attendance(ascii b: UnsafeBufferPointer<UInt8>) -> AttendanceMode? {
        if Self.hasPrefixIgnoringASCIICase(b, "offline") { return .offline }
        if Self.hasPrefixIgnoringASCIICase(b, "online") { return .online }
        if Self.hasPrefixIgnoringASCIICase(b, "mixed") { return .mixed }
        return nil
    }

    /// ``attendance(_:)`` on the lowercased Characters of a local name.
    static func attendanceByCharacters(_ name: String) -> AttendanceMode? {
        let t = name.lowercased()
        if t.hasPrefix("offline") { return .offline }
        if t.hasPrefix("online") { return .online }
        if t.hasPrefix("mixed") { return .mixed }
        return nil
    }

    /// The status an enumeration value names ("EventCancelled"), compared without case; ASCII
    /// names on their bytes as in ``attendance(_:)``, ``statusByCharacters(_:)`` the reference.
    func status(_ text: String) -> EventStatus? { Self.status(value: text) }

    /// ``status(_:)``, an ASCII value read on its local name's bytes as in ``attendance(value:)``.
    static func status(value text: String) -> EventStatus? {
        if let status = SchemaNode.withASCIILocalName(text, status(ascii:)) { return status }
        return status(localName: SchemaNode.localName(text))
    }

    /// ``status(_:)`` of a local name.
    static func status(localName name: String) -> EventStatus? {
        let fast: EventStatus?? = UTF8Bytes.with(name) { b in
            guard Self.isASCII(b) else { return .none }
            return .some(status(ascii: b))
        }
        return fast ?? Self.statusByCharacters(name)
    }

    /// ``status(localName:)`` of an ASCII name, on its bytes.
    private static func status(ascii b: UnsafeBufferPointer<UInt8>) -> EventStatus? {
        for (spelling, status) in Self.statuses where b.count == spelling.utf8CodeUnitCount
            && Self.hasPrefixIgnoringASCIICase(b, spelling) {
            return status
        }
        return nil
    }

    private static let statuses: [(StaticString, EventStatus)] = [
        ("eventscheduled", .scheduled), ("eventcancelled", .cancelled), ("eventcanceled", .cancelled),
        ("eventpostponed", .postponed), ("eventrescheduled", .rescheduled), ("eventmovedonline", .movedOnline),
    ]

    /// ``status(_:)`` on the lowercased Characters of a local name.
    static func statusByCharacters(_ name: String) -> EventStatus? {
        switch name.lowercased() {
        case "eventscheduled": .scheduled
        case "eventcancelled", "eventcanceled": .cancelled
        case "eventpostponed": .postponed
        case "eventrescheduled": .rescheduled
        case "eventmovedonline": .movedOnline
        default: nil
        }
    }

    private static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        !b.contains { $0 >= 0x80 }
    }

    /// Whether `b` starts with `prefix` (lowercase ASCII), `b`'s letters read as lowercase. For
    /// ASCII this is `lowercased().hasPrefix`: its only cluster of several scalars is CR LF, and
    /// no prefix ends in CR.
    private static func hasPrefixIgnoringASCIICase(_ b: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard b.count >= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count {
            var c = b[k]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if c != p[k] { return false }
        }
        return true
    }

    func organizer(_ n: SchemaNode) -> Organizer? {
        guard let value = n.firstValue(.organizer) else { return nil }
        if let o = node(value) {
            let org = Organizer(name: o.text(.name).map { Whitespace.collapse($0) }, url: environment.resolve(o.text(.url)))
            return org.name == nil && org.url == nil ? nil : org
        }
        return value.string.map { Organizer(name: Whitespace.collapse($0)) }
    }

    func registration(_ n: SchemaNode) -> Registration? {
        // Without offers nor isAccessibleForFree (most events) every field stays nil: no
        // Registration made, compared and destroyed (about 590 instructions an event).
        guard n[.offers] != nil || n[.isAccessibleForFree] != nil else { return nil }
        var reg = Registration()
        var firstOffer: SchemaNode?
        for value in n.values(.offers) {
            if let offer = node(value) {
                firstOffer = offer
                break
            }
        }
        if let offer = firstOffer {
            reg.url = environment.resolve(offer.text(.url))
            reg.price = offer.text(.price) ?? offer.text(.lowPrice)
            reg.currency = offer.text(.priceCurrency)
            if let price = reg.price, let value = Double(price.replacingComma) { reg.free = value == 0 }
        }
        if let free = n.firstValue(.isAccessibleForFree) {
            if case .bool(let b) = free { reg.free = b } else if let s = free.string?.lowercased() { reg.free = s == "true" || s == "yes" }
        }
        return reg.url == nil && reg.price == nil && reg.currency == nil && reg.free == nil ? nil : reg
    }

    func keywords(_ n: SchemaNode) -> [String] {
        var out: [String] = []
        for value in n.values(.keywords) {
            if let k = node(value) { if let name = k.text(.name) { out.append(name) }; continue }
            guard let s = value.string else { continue }
            out += s.split(separator: ",").map { Whitespace.trim($0) }.filter { !$0.isEmpty }
        }
        guard out.count > 1 else { return out }  // (nothing to make a Set of for most events)
        var seen = Set<String>()
        return out.filter { seen.insert($0.lowercased()).inserted }
    }

    func image(_ n: SchemaNode) -> String? {
        for value in n.values(.image) {
            if let i = node(value), let url = environment.resolve(i.text(.url) ?? i.text(.contentUrl)) { return url }
            if let url = environment.resolve(value.string) { return url }
        }
        return nil
    }

    func reference(_ value: SchemaValue) -> EventReference? {
        if let n = node(value) {
            let ref = EventReference(title: n.text(.name).map { Whitespace.collapse($0) }, url: environment.resolve(n.text(.url) ?? n.id.flatMap { $0.hasPrefix("http") ? $0 : nil }))
            return ref.title == nil && ref.url == nil ? nil : ref
        }
        guard let s = value.string else { return nil }
        return s.lowercased().hasPrefix("http") ? EventReference(url: environment.resolve(s)) : EventReference(title: Whitespace.collapse(s))
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
