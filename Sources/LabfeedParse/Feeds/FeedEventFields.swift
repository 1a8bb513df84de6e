// Event data carried by feed items in dedicated vocabularies, and the events built from it.

import Foundation
import LabfeedCore
import LabfeedMarkup

/// Reads and interprets event fields of RSS and Atom items.
///
/// Vocabularies: the RSS event module (`ev:startdate`, `ev:enddate`, `ev:location`,
/// `ev:organizer`), xCal (`xcal:dtstart`, `xcal:dtend`, `xcal:location`, `xcal:organizer`),
/// Google's `gd:when`/`gd:where`, and the dedicated elements of WordPress event plugins such as
/// The Events Calendar (`_EventStartDate`, `event_start_date`, `tribe:startdate`, ... matched
/// by name, case and punctuation ignored, in any namespace that is not core RSS/Atom).
enum FeedEventFields {
    static let startNames: Set<String> = [
        "startdate", "eventstartdate", "eventstart", "dtstart", "eventdate", "tribeeventsstartdate",
        "startdatetime", "eventstartdatetime", "eventbegin",
    ]
    static let endNames: Set<String> = [
        "enddate", "eventenddate", "eventend", "dtend", "tribeeventsenddate", "enddatetime", "eventenddatetime",
    ]
    static let locationNames: Set<String> = ["location", "venue", "eventlocation", "eventvenue", "venuename", "eventplace"]
    static let organizerNames: Set<String> = ["organizer", "organiser", "eventorganizer", "organizername"]

    /// Which event field a normalised element name stands for.
    enum FieldKind { case start, end, location, organizer }

    /// Every event field name, normalised, with its kind: one lookup per child element.
    static let kinds: [String: FieldKind] = {
        var table: [String: FieldKind] = [:]
        for name in startNames { table[name] = .start }
        for name in endNames { table[name] = .end }
        for name in locationNames { table[name] = .location }
        for name in organizerNames { table[name] = .organizer }
        return table
    }()

    /// The longest normalised field name (`tribeeventsstartdate`): longer names are no field.
    static let longestName = kinds.keys.map(\.utf8.count).max() ?? 0

    /// The event fields of one item element, or nil when it has no start date.
    ///
    /// Namespaces never searched: Atom (1.0 and 0.3), RDF, Dublin Core and its terms, content,
    /// Media RSS, XHTML, iTunes, and core RSS's own namespaces (elements in no namespace are
    /// searched: WordPress plugins write `<event_start_date>`).
    static func read(_ item: MarkupNode) -> RawEventFields? {
        let children = item.childElements
        return read(children, namespaces: children.map(FeedNamespace.init))
    }

    /// ``read(_:)`` on an item's child elements and their namespaces, as the readers have
    /// already listed and classified them.
    static func read(_ children: [MarkupNode], namespaces: [FeedNamespace]) -> RawEventFields? {
        var fields = RawEventFields(vocabulary: "")
        for (child, ns) in zip(children, namespaces) {
            switch ns {
            case .gd:
                if child.hasLocalName("when"), let start = child.attributeValue("startTime").flatMap(FeedWhitespace.nonEmpty) {
                    fields.start = RawDate(text: start, element: "<gd:when startTime>")
                    fields.end = child.attributeValue("endTime").flatMap(FeedWhitespace.nonEmpty).map { RawDate(text: $0, element: "<gd:when endTime>") }
                    fields.vocabulary = "gd"
                } else if child.hasLocalName("where") {
                    fields.location = child.attributeValue("valueString").flatMap(FeedWhitespace.nonEmpty) ?? fields.location
                }
                continue
            case .atom, .atom03, .rdf, .dc, .dcterms, .content, .media, .xhtml, .itunes, .rss1, .rss090, .userland, .harvard:
                continue
            case .none, .event, .xcal, .xml, .other:
                break
            }
            // Most children (title, description, ...) are no event field: their text, which can
            // be long, is not read for nothing.
            guard let kind = fieldKind(child) else { continue }
            // The text and the qualified name are read only for a field still to fill.
            switch kind {
            case .start:
                guard fields.start == nil, let value = child.trimmedText else { continue }
                fields.start = RawDate(text: value, element: qualifiedName(child, brackets: true))
                fields.vocabulary = ns == .event ? "ev" : ns == .xcal ? "xcal" : qualifiedName(child, brackets: false)
            case .end:
                guard fields.end == nil, let value = child.trimmedText else { continue }
                fields.end = RawDate(text: value, element: qualifiedName(child, brackets: true))
            case .location:
                guard fields.location == nil, let value = child.trimmedText else { continue }
                fields.location = value
            case .organizer:
                guard fields.organizer == nil else { continue }
                fields.organizer = child.attributeValue("cn").flatMap(FeedWhitespace.nonEmpty) ?? child.trimmedText.map(stripMailto)
            }
        }
        return fields.start == nil ? nil : fields
    }

    /// The event field an element's name stands for, read from the name's bytes: an ASCII
    /// name (all real ones) is normalised into three machine words and compared with
    /// ``packedKinds``, with no String made and nothing hashed; a non-ASCII name goes through
    /// ``normalised(_:)`` and ``kinds``. Same answer as `kinds[normalised(node.name)]`.
    static func fieldKind(_ node: MarkupNode) -> FieldKind? {
        node.withLocalNameBytes { name -> FieldKind? in
            var letters = 0
            var first: UInt8 = 0
            for byte in name {
                if byte >= 0x80 { return kinds[normalised(String(decoding: name, as: UTF8.self))] }
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A {
                    if letters == 0 { first = byte | 0x20 }
                    letters += 1
                }
            }
            // Most children (title, link, description, ...) stop here.
            guard letters > 0, mayBeField(letters: letters, first: first) else { return nil }
            var key = PackedName()
            for byte in name where (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { key.append(byte | 0x20) }
            for entry in packedKinds where entry.name == key { return entry.kind }
            return nil
        }
    }

    /// Whether some field name has `letters` letters and begins with `first` (a lower-case
    /// ASCII letter): the first letters of the names of each length, as bits (bit 0 = `a`).
    /// Only a filter (a name passing it is still looked up); a test checks every field name
    /// passes. No table: a switch compiles to constants.
    static func mayBeField(letters: Int, first: UInt8) -> Bool {
        let mask: UInt32
        switch letters {
        case 5: mask = 0x0200008  // d, v
        case 7: mask = 0x0000018  // d, e
        case 8: mask = 0x0000810  // e, l
        case 9: mask = 0x0244010  // e, o, s, v
        case 10, 11, 12, 14, 16: mask = 0x0000010  // e
        case 13: mask = 0x0044010  // e, o, s
        case 18: mask = 0x0080010  // e, t
        case 20: mask = 0x0080000  // t
        default: return false
        }
        return mask & (1 << UInt32(first &- 0x61)) != 0
    }

    /// `prefix:name` as written (`<prefix:name>` with `brackets`), made in one String from the
    /// name's bytes: the same text as `"<" + (prefix + ":" or "") + name + ">"` from the node's
    /// Strings (libxml2's names are UTF-8; ill-formed bytes are repaired alike, as the
    /// separators are ASCII).
    static func qualifiedName(_ node: MarkupNode, brackets: Bool) -> String {
        let prefix = node.namespacePrefix
        return node.withLocalNameBytes { name in
            let prefixCount = prefix.map { $0.utf8.count + 1 } ?? 0
            let total = prefixCount + name.count + (brackets ? 2 : 0)
            return String(unsafeUninitializedCapacity: total) { out in
                var n = 0
                if brackets { out[n] = 0x3C; n += 1 }
                if let prefix {
                    for byte in prefix.utf8 { out[n] = byte; n += 1 }
                    out[n] = 0x3A
                    n += 1
                }
                for byte in name { out[n] = byte; n += 1 }
                if brackets { out[n] = 0x3E; n += 1 }
                return n
            }
        }
    }

    /// A normalised name of at most 24 lower-case ASCII letters, packed little-endian into
    /// three words (zero past the end: letters are never zero, so lengths are told apart).
    struct PackedName: Equatable {
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0
        var count = 0

        mutating func append(_ byte: UInt8) {
            let bits = UInt64(byte) << (8 * UInt64(count & 7))
            switch count >> 3 {
            case 0: w0 |= bits
            case 1: w1 |= bits
            default: w2 |= bits
            }
            count += 1
        }
    }

    /// ``kinds`` packed for ``fieldKind(_:)``: a plain array of plain values, scanned (26
    /// entries, three word comparisons each).
    static let packedKinds: [(name: PackedName, kind: FieldKind)] = kinds.map { name, kind in
        var key = PackedName()
        for byte in name.utf8 { key.append(byte) }
        return (key, kind)
    }

    /// Lower-case letters only: `_EventStartDate` → `eventstartdate`.
    static func normalised(_ name: String) -> String {
        // ASCII names (all real ones) byte by byte; others through Unicode lower-casing, which
        // can turn a non-ASCII letter into ASCII ("K" KELVIN SIGN → "k").
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(name.lowercased().unicodeScalars.filter { $0 >= "a" && $0 <= "z" }.map(Character.init))
        }
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            if byte >= 0x61 && byte <= 0x7A { out.append(byte) } else if byte >= 0x41 && byte <= 0x5A { out.append(byte + 32) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func stripMailto(_ s: String) -> String {
        // Lower-casing the whole name is costly and rarely needed: only text whose first seven
        // bytes spell "mailto:" in any ASCII case can (no other character lower-cases to those
        // ASCII letters as a character of its own).
        let head = s.utf8.prefix(7)
        guard head.count == 7, zip(head, "mailto:".utf8).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else { return s }
        return s.lowercased().hasPrefix("mailto:") ? String(s.dropFirst(7)) : s
    }

    /// An ``EventTime`` from a feed date: a bare date stays a day; a time with an offset keeps
    /// its instant and is shown in `zone`; a floating time is read in `zone`.
    static func eventTime(_ text: String, zone: TimeZone) -> EventTime? {
        guard let c = FeedDate.components(text) else { return nil }
        guard let hour = c.hour else { return c.isPartial ? nil : .day(c.date) }
        if let offset = c.utcOffset {
            let instant = LocalDateTime(date: c.date, hour: hour, minute: c.minute ?? 0, second: c.second ?? 0, utcOffset: offset).instant
            return .time(LocalDateTime(instant, in: zone))
        }
        return .time(LocalDateTime(date: c.date, hour: hour, minute: c.minute ?? 0, second: c.second ?? 0, in: zone))
    }

    /// The event an entry announces through its event fields, or nil (with a warning) when the
    /// start date cannot be read.
    static func event(for entry: Entry, fields: RawEventFields, descriptionHTML: String?, place: String,
                      context: ParseContext, warnings: inout [String]) -> Event? {
        guard let raw = fields.start else { return nil }
        guard let start = eventTime(raw.text, zone: context.timeZone) else {
            warnings.append("\(place): unreadable event start \(raw.element) \(raw.text.debugDescription); no event made")
            return nil
        }
        var end: EventTime?
        if let rawEnd = fields.end {
            end = eventTime(rawEnd.text, zone: context.timeZone)
            if end == nil {
                warnings.append("\(place): unreadable event end \(rawEnd.element) \(rawEnd.text.debugDescription); left empty")
            } else if let e = end, e < start {
                warnings.append("\(place): event end \(e.iso) is before its start \(start.iso); end left empty")
                end = nil
            }
        }
        return Event(
            title: entry.title, description: entry.summaryText, descriptionHTML: descriptionHTML,
            start: start, end: end, timeZone: context.timeZone.identifier,
            location: fields.location.map { Location(name: $0) }, url: entry.link,
            organizer: fields.organizer.map { Organizer(name: $0) }, keywords: entry.categories,
            image: entry.image, language: entry.language, foundBy: .rss, confidence: 1, sourceID: entry.id)
    }
}
