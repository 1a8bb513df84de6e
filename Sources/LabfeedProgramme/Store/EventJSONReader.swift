// Reads the stored event JSON (`source_event.event_json`) without JSONDecoder. Contract: for
// every input, `EventJSONReader.event(json)` gives the value `JSONDecoder().decode(Event.self)`
// gives, or throws the error it throws: the reader takes the fixed shape `EventJSON` writes
// (any key order, white space, escapes, unknown keys skipped) and hands anything else (a type
// it does not expect, a duplicate key, a lone surrogate, malformed JSON) to JSONDecoder, which
// decides. EventJSONReaderTests compares both on every shape, rare fields and unknown keys.

import Foundation
public import LabfeedCore

/// Decodes an ``Event`` (and a ``ProgrammeEvent``) from the JSON the store keeps, as
/// `JSONDecoder` would.
///
/// Why: decoding the stored events back through `JSONDecoder` was about 6% of a cold sync's
/// CPU (the decoder builds a map of the document, then a boxed container per nested value).
/// This reader walks the bytes once and builds the event directly.
public enum EventJSONReader {
    /// The event `json` holds; errors are `JSONDecoder`'s.
    public static func event(_ json: String) throws -> Event {
        if let event = fastEvent(json) { return event }
        return try JSONDecoder().decode(Event.self, from: Data(json.utf8))
    }

    /// The programme event `json` holds (`programme_event.event_json`); errors are `JSONDecoder`'s.
    public static func programmeEvent(_ json: String) throws -> ProgrammeEvent {
        if let event = fastProgrammeEvent(json) { return event }
        return try JSONDecoder().decode(ProgrammeEvent.self, from: Data(json.utf8))
    }

    /// The programme event, or nil when the input is anything left to `JSONDecoder`.
    static func fastProgrammeEvent(_ json: String) -> ProgrammeEvent? {
        var json = json
        return json.withUTF8 { bytes -> ProgrammeEvent? in
            var reader = Reader(bytes: bytes)
            do {
                let event = try reader.programmeEvent()
                reader.skipSpace()
                return reader.position == bytes.count ? event : nil
            } catch {
                return nil
            }
        }
    }

    /// The event, or nil when the input is anything the fast path leaves to `JSONDecoder`.
    static func fastEvent(_ json: String) -> Event? {
        var json = json
        return json.withUTF8 { bytes -> Event? in
            var reader = Reader(bytes: bytes)
            do {
                let event = try reader.event()
                reader.skipSpace()
                return reader.position == bytes.count ? event : nil
            } catch {
                return nil
            }
        }
    }
}

/// "Leave it to JSONDecoder": the fast path met something it does not decide itself.
struct Unhandled: Error {}

/// A cursor over the UTF-8 bytes of one JSON document (valid UTF-8: they come from a String).
private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: Event and its parts

    /// `more` reads the value of a key the event does not know and says whether it did (a
    /// programme event's own keys); other keys are skipped.
    mutating func event(more: ((inout Reader, String) throws(Unhandled) -> Bool)? = nil) throws(Unhandled) -> Event {
        var title: String?
        var description: String?
        var descriptionHTML: String?
        var start: EventTime?
        var end: EventTime?
        var timeZone: String?
        var location: Location?
        var url: String?
        var organizer: Organizer?
        var status: EventStatus?
        var previousStart: EventTime?
        var attendanceMode: AttendanceMode?
        var onlineURL: String?
        var registration: Registration?
        var keywords: [String]?
        var image: String?
        var superEvent: EventReference?
        var language: String?
        var alternates: [Alternate]?
        var foundBy: FoundBy?
        var confidence: Double?
        var sourceID: String?
        var seen = Seen()
        try object { (reader: inout Reader, key: String) throws(Unhandled) in
            switch key {
            case "title": try seen.once(0); title = try reader.string()
            case "description": try seen.once(1); description = try reader.optionalString()
            case "description_html": try seen.once(2); descriptionHTML = try reader.optionalString()
            case "start": try seen.once(3); start = try reader.time()
            case "end": try seen.once(4); end = try reader.optionalTime()
            case "time_zone": try seen.once(5); timeZone = try reader.optionalString()
            case "location": try seen.once(6); location = try reader.location()
            case "url": try seen.once(7); url = try reader.optionalString()
            case "organizer": try seen.once(8); organizer = try reader.organizer()
            case "status": try seen.once(9); status = try reader.optionalRaw(EventStatus.self)
            case "previous_start": try seen.once(10); previousStart = try reader.optionalTime()
            case "attendance_mode": try seen.once(11); attendanceMode = try reader.optionalRaw(AttendanceMode.self)
            case "online_url": try seen.once(12); onlineURL = try reader.optionalString()
            case "registration": try seen.once(13); registration = try reader.registration()
            case "keywords": try seen.once(14); keywords = try reader.optionalStrings()
            case "image": try seen.once(15); image = try reader.optionalString()
            case "super_event": try seen.once(16); superEvent = try reader.eventReference()
            case "language": try seen.once(17); language = try reader.optionalString()
            case "alternates": try seen.once(18); alternates = try reader.alternates()
            case "found_by": try seen.once(19); foundBy = try reader.raw(FoundBy.self)
            case "confidence": try seen.once(20); confidence = try reader.optionalDouble()
            case "source_id": try seen.once(21); sourceID = try reader.optionalString()
            default:
                if let more, try more(&reader, key) { return }
                try reader.skipValue()  // all_day (derived from start) and unknown keys
            }
        }
        guard let title, let start, let foundBy else { throw Unhandled() }
        return Event(title: title, description: description, descriptionHTML: descriptionHTML, start: start, end: end,
                     timeZone: timeZone, location: location, url: url, organizer: organizer, status: status ?? .scheduled,
                     previousStart: previousStart, attendanceMode: attendanceMode, onlineURL: onlineURL,
                     registration: registration, keywords: keywords ?? [], image: image, superEvent: superEvent,
                     language: language, alternates: alternates ?? [], foundBy: foundBy, confidence: confidence ?? 1,
                     sourceID: sourceID)
    }

    mutating func location() throws(Unhandled) -> Location? {
        if try null() { return nil }
        var l = Location()
        var seen = Seen()
        try object { (reader: inout Reader, key: String) throws(Unhandled) in
            switch key {
            case "name": try seen.once(0); l.name = try reader.optionalString()
            case "address": try seen.once(1); l.address = try reader.optionalString()
            case "locality": try seen.once(2); l.locality = try reader.optionalString()
            case "postal_code": try seen.once(3); l.postalCode = try reader.optionalString()
            case "region": try seen.once(4); l.region = try reader.optionalString()
            case "country": try seen.once(5); l.country = try reader.optionalString()
            case "latitude": try seen.once(6); l.latitude = try reader.optionalDouble()
            case "longitude": try seen.once(7); l.longitude = try reader.optionalDouble()
            default: try reader.skipValue()
            }
        }
        return l
    }

    mutating func organizer() throws(Unhandled) -> Organizer? {
        if try null() { return nil }
        var o = Organizer()
        var seen = Seen()
        try object { (reader: inout Reader, key: String) throws(Unhandled) in
            switch key {
            case "name": try seen.once(0); o.name = try reader.optionalString()
            case "url": try seen.once(1); o.url = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        return o
    }

    mutating func registration() throws(Unhandled) -> Registration? {
        if try null() { return nil }
        var r = Registration()
        var seen = Seen()
        try object { (reader: inout Reader, key: String) throws(Unhandled) in
            switch key {
            case "url": try seen.once(0); r.url = try reader.optionalString()
            case "price": try seen.once(1); r.price = try reader.optionalString()
            case "currency": try seen.once(2); r.currency = try reader.optionalString()
            case "free": try seen.once(3); r.free = try reader.optionalBool()
            default: try reader.skipValue()
            }
        }
        return r
    }

    mutating func eventReference() throws(Unhandled) -> EventReference? {
        if try null() { return nil }
        var s = EventReference()
        var seen = Seen()
        try object { (reader: inout Reader, key: String) throws(Unhandled) in
            switch key {
            case "title": try seen.once(0); s.title = try reader.optionalString()
            case "url": try seen.once(1); s.url = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        return s
    }

    mutating func alternates() throws(Unhandled) -> [Alternate]? {
        if try null() { return nil }
        var list: [Alternate] = []
        try array { (reader: inout Reader) throws(Unhandled) in
            var language: String?
            var url: String?
            var seen = Seen()
            try reader.object { (reader: inout Reader, key: String) throws(Unhandled) in
                switch key {
                case "language": try seen.once(0); language = try reader.optionalString()
                case "url": try seen.once(1); url = try reader.string()
                default: try reader.skipValue()
                }
            }
            guard let url else { throw Unhandled() }
            list.append(Alternate(language: language, url: url))
        }
        return list
    }

    /// A ``ProgrammeEvent``: the event's keys and the programme's in one object, as
    /// `ProgrammeEvent.init(from:)` reads them (`titles`, `region`, `past`, `content_hash`
    /// optional; `id`, `sources` and the three timestamps required).
    mutating func programmeEvent() throws(Unhandled) -> ProgrammeEvent {
        var id: String?
        var titles: [String: String]?
        var sources: [EventSourceRef]?
        var region: String?
        var firstSeen: Date?
        var lastSeen: Date?
        var updated: Date?
        var past: Bool?
        var contentHash: String?
        var seen = Seen()
        let event = try event { (reader: inout Reader, key: String) throws(Unhandled) -> Bool in
            switch key {
            case "id": try seen.once(0); id = try reader.string()
            case "titles": try seen.once(1); titles = try reader.optionalStringMap()
            case "sources": try seen.once(2); sources = try reader.sourceRefs()
            case "region": try seen.once(3); region = try reader.optionalString()
            case "first_seen": try seen.once(4); firstSeen = try reader.timestamp()
            case "last_seen": try seen.once(5); lastSeen = try reader.timestamp()
            case "updated": try seen.once(6); updated = try reader.timestamp()
            case "past": try seen.once(7); past = try reader.optionalBool()
            case "content_hash": try seen.once(8); contentHash = try reader.optionalString()
            default: return false
            }
            return true
        }
        guard let id, let sources, let firstSeen, let lastSeen, let updated else { throw Unhandled() }
        return ProgrammeEvent(id: id, event: event, titles: titles ?? [:], sources: sources, region: region,
                              firstSeen: firstSeen, lastSeen: lastSeen, updated: updated, past: past ?? false,
                              contentHash: contentHash ?? "")
    }

    /// `sources`: an array of ``EventSourceRef`` objects (`url` and `item_id` optional).
    mutating func sourceRefs() throws(Unhandled) -> [EventSourceRef] {
        var refs: [EventSourceRef] = []
        try array { (reader: inout Reader) throws(Unhandled) in
            var source: String?, url: String?, foundBy: FoundBy?, itemID: String?, key: String?
            var firstSeen: Date?, lastSeen: Date?
            var seen = Seen()
            try reader.object { (reader: inout Reader, name: String) throws(Unhandled) in
                switch name {
                case "source": try seen.once(0); source = try reader.string()
                case "url": try seen.once(1); url = try reader.optionalString()
                case "found_by": try seen.once(2); foundBy = try reader.raw(FoundBy.self)
                case "item_id": try seen.once(3); itemID = try reader.optionalString()
                case "key": try seen.once(4); key = try reader.string()
                case "first_seen": try seen.once(5); firstSeen = try reader.timestamp()
                case "last_seen": try seen.once(6); lastSeen = try reader.timestamp()
                default: try reader.skipValue()
                }
            }
            guard let source, let foundBy, let key, let firstSeen, let lastSeen else { throw Unhandled() }
            refs.append(EventSourceRef(source: source, url: url, foundBy: foundBy, itemID: itemID, key: key,
                                       firstSeen: firstSeen, lastSeen: lastSeen))
        }
        return refs
    }

    /// A `2022-11-04T09:00:00Z` timestamp (``UTCTimestamp``).
    mutating func timestamp() throws(Unhandled) -> Date {
        guard let date = UTCTimestamp.date(try string()) else { throw Unhandled() }
        return date
    }

    /// An object of strings, or null; a key twice is left to JSONDecoder.
    mutating func optionalStringMap() throws(Unhandled) -> [String: String]? {
        if try null() { return nil }
        var map: [String: String] = [:]
        try object { (reader: inout Reader, key: String) throws(Unhandled) in
            let value = try reader.string()
            guard map.updateValue(value, forKey: key) == nil else { throw Unhandled() }
        }
        return map
    }

    mutating func optionalStrings() throws(Unhandled) -> [String]? {
        if try null() { return nil }
        var list: [String] = []
        try array { (reader: inout Reader) throws(Unhandled) in list.append(try reader.string()) }
        return list
    }

    mutating func time() throws(Unhandled) -> EventTime {
        // What the decoder asks; `CivilDate(iso:)` refuses a date-time by its length at once.
        guard let time = EventTime(iso: try string()) else { throw Unhandled() }
        return time
    }

    mutating func optionalTime() throws(Unhandled) -> EventTime? {
        if try null() { return nil }
        return try time()
    }

    mutating func raw<T: RawRepresentable>(_: T.Type) throws(Unhandled) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Unhandled() }
        return value
    }

    mutating func optionalRaw<T: RawRepresentable>(_ type: T.Type) throws(Unhandled) -> T? where T.RawValue == String {
        if try null() { return nil }
        return try raw(type)
    }

    // MARK: JSON values

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next byte after white space (not consumed).
    mutating func peek() throws(Unhandled) -> UInt8 {
        skipSpace()
        guard position < bytes.count else { throw Unhandled() }
        return bytes[position]
    }

    mutating func expect(_ byte: UInt8) throws(Unhandled) {
        guard try peek() == byte else { throw Unhandled() }
        position += 1
    }

    /// Consumes the literal `word` (ASCII) at the position.
    mutating func literal(_ word: StaticString) throws(Unhandled) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw Unhandled() }
        let start = word.utf8Start
        for i in 0..<count where bytes[position + i] != start[i] { throw Unhandled() }
        position += count
    }

    /// True (and consumed) when the next value is `null`.
    mutating func null() throws(Unhandled) -> Bool {
        guard try peek() == 0x6E else { return false }
        try literal("null")
        return true
    }

    /// An object's members: `member` reads each value after its key (and must consume it).
    mutating func object(_ member: (inout Reader, String) throws(Unhandled) -> Void) throws(Unhandled) {
        try expect(0x7B)
        if try peek() == 0x7D { position += 1; return }
        while true {
            guard try peek() == 0x22 else { throw Unhandled() }
            let key = try string()
            try expect(0x3A)
            try member(&self, key)
            switch try peek() {
            case 0x2C: position += 1
            case 0x7D: position += 1; return
            default: throw Unhandled()
            }
        }
    }

    mutating func array(_ element: (inout Reader) throws(Unhandled) -> Void) throws(Unhandled) {
        try expect(0x5B)
        if try peek() == 0x5D { position += 1; return }
        while true {
            try element(&self)
            switch try peek() {
            case 0x2C: position += 1
            case 0x5D: position += 1; return
            default: throw Unhandled()
            }
        }
    }

    mutating func optionalString() throws(Unhandled) -> String? {
        if try null() { return nil }
        return try string()
    }

    mutating func string() throws(Unhandled) -> String {
        try expect(0x22)
        guard let text = JSONStringBytes.read(bytes, from: &position, allowingNUL: true) else { throw Unhandled() }
        return text
    }

    mutating func optionalBool() throws(Unhandled) -> Bool? {
        switch try peek() {
        case 0x6E: try literal("null"); return nil
        case 0x74: try literal("true"); return true
        case 0x66: try literal("false"); return false
        default: throw Unhandled()
        }
    }

    mutating func optionalDouble() throws(Unhandled) -> Double? {
        if try null() { return nil }
        let text = try number()
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { throw Unhandled() }
        return value
    }

    /// The bytes of a number in JSON's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func number() throws(Unhandled) -> UnsafeBufferPointer<UInt8> {
        _ = try peek()
        let start = position
        let bytes = bytes
        func digit(_ at: Int) -> Bool { at < bytes.count && (0x30...0x39).contains(bytes[at]) }
        if position < bytes.count, bytes[position] == 0x2D { position += 1 }
        guard digit(position) else { throw Unhandled() }
        if bytes[position] == 0x30 {
            position += 1
        } else {
            while digit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == 0x2E {
            position += 1
            guard digit(position) else { throw Unhandled() }
            while digit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 {
            position += 1
            if position < bytes.count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
            guard digit(position) else { throw Unhandled() }
            while digit(position) { position += 1 }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<position])
    }

    /// Skips any value (checked as JSON: JSONDecoder rejects a malformed document anywhere).
    mutating func skipValue(depth: Int = 0) throws(Unhandled) {
        guard depth < 64 else { throw Unhandled() }
        switch try peek() {
        case 0x22: _ = try string()
        case 0x7B: try object { (reader: inout Reader, _: String) throws(Unhandled) in try reader.skipValue(depth: depth + 1) }
        case 0x5B: try array { (reader: inout Reader) throws(Unhandled) in try reader.skipValue(depth: depth + 1) }
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try number()
        }
    }
}

/// Which of an object's known keys were read: a key read twice is left to JSONDecoder.
private struct Seen {
    var bits: UInt32 = 0

    mutating func once(_ bit: Int) throws(Unhandled) {
        let mask: UInt32 = 1 << bit
        guard bits & mask == 0 else { throw Unhandled() }
        bits |= mask
    }
}
