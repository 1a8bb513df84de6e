// Event, ProgrammeEvent and the content hash's shape as JSON without JSONEncoder. Contract: the
// bytes are exactly those `LabfeedJSON.encoder(pretty:)` writes for the same value (sorted keys,
// slashes unescaped, pretty or compact); EventJSONTests compares them on events that set every
// field, leave every field nil, and carry control characters, non-ASCII text and odd doubles.

import Foundation
import LabfeedCore

/// A byte buffer that writes JSON laid out as Foundation's `JSONEncoder` lays it out.
///
/// Why: `JSONEncoder` first builds a tree of boxed values per event and then serialises it; on
/// a cold sync of 600 sources it was 15-20% of the CPU (programme.json, the store's JSON, the
/// content hash). This writer appends bytes directly. Keys are written in the order the caller
/// gives them, which must be the encoder's sorted order (UTF-8 byte order); the writers below
/// list them sorted, and the tests catch a key out of place.
///
/// Layout (pretty): `{`, newline, each member on its own line indented two spaces per level as
/// `"key" : value`, members separated by `,` and newline, then newline, indentation, `}`. An
/// empty object or array is `{`, newline, newline, indentation, `}`. Compact: no white space.
struct JSONBytes {
    var bytes: [UInt8] = []
    let pretty: Bool
    private var depth: Int
    private var first = true

    /// `depth` is the nesting the first value is written at (its closing bracket is indented
    /// by it).
    init(pretty: Bool, depth: Int = 0, capacity: Int = 1024) {
        self.pretty = pretty
        self.depth = depth
        bytes.reserveCapacity(capacity)
    }

    /// Opens an object (`{`) or array (`[`); returns what ``close(_:_:)`` needs back.
    mutating func open(_ bracket: UInt8) -> Bool {
        bytes.append(bracket)
        if pretty { bytes.append(0x0A) }
        depth += 1
        let saved = first
        first = true
        return saved
    }

    mutating func close(_ bracket: UInt8, _ saved: Bool) {
        depth -= 1
        if pretty {
            bytes.append(0x0A)
            indent()
        }
        bytes.append(bracket)
        first = saved
    }

    /// Before each member of an object or element of an array.
    mutating func separate() {
        if !first {
            bytes.append(0x2C)
            if pretty { bytes.append(0x0A) }
        }
        first = false
        if pretty { indent() }
    }

    private mutating func indent() {
        let count = depth * 2
        guard count <= 64 else { return bytes.append(contentsOf: repeatElement(0x20, count: count)) }
        // One copy from a literal run of spaces (a byte at a time was a tenth of the writer).
        let spaces: StaticString = "                                                                "
        spaces.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0.prefix(count))) }
    }

    /// A member's key (plain ASCII, never escaped) and its separator.
    ///
    /// A `StaticString`, and a distinct name from ``dataKey(_:)``: with two overloads of one
    /// name, the literal keys went to the `String` one (a string literal's default type) and
    /// every key was escaped as data, a third of programme.json's time.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        colon()
    }

    /// A key that is data (a language tag of `titles`): escaped as a string.
    mutating func dataKey(_ name: String) {
        separate()
        string(name)
        colon()
    }

    /// The separator between a key and its value.
    private mutating func colon() {
        if pretty {
            bytes.append(0x20)
            bytes.append(0x3A)
            bytes.append(0x20)
        } else {
            bytes.append(0x3A)
        }
    }

    mutating func null() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    /// An integer as the encoder writes it (`String(value)`).
    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        if value { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    /// As `JSONEncoder`: the shortest round-trip form (`description`) without a trailing `.0`.
    /// A non-finite value makes the encoder throw; callers check ``EventJSON/encodable(_:)``.
    mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// `UTCTimestamp.string(date)` as a JSON string, its digits written straight into the
    /// bytes for the years 0-9999 (outputs write five per event; making each as a String was
    /// a tenth of the JSON writers' time). Other years go through `UTCTimestamp`.
    mutating func timestamp(_ date: Date) {
        bytes.append(0x22)
        guard TextBytes.timestamp(date, to: &bytes) else {
            bytes.removeLast()
            return string(UTCTimestamp.string(date))
        }
        bytes.append(0x22)
    }

    /// `time?.iso` as a JSON string (or null), its digits written straight into the bytes
    /// (``TextBytes/iso(_:to:)``) unless `iso` must write it. Why: `iso` builds its text piece
    /// by piece as Strings, and the start and end of every event were a sixth of
    /// programme.json's time.
    mutating func iso(_ time: EventTime?) {
        guard let time else { return null() }
        bytes.append(0x22)
        guard TextBytes.iso(time, to: &bytes) else {
            bytes.removeLast()
            return string(time.iso)
        }
        bytes.append(0x22)
    }

    mutating func string(_ value: String?) {
        guard var value else { return null() }
        bytes.append(0x22)
        value.withUTF8 { utf8 in
            var start = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                start = i + 1
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62])
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                default:
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex(b >> 4), Self.hex(b & 0x0F)])
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
        }
        bytes.append(0x22)
    }

    /// A lowercase hexadecimal digit, as the encoder writes `\u001b`.
    private static func hex(_ digit: UInt8) -> UInt8 { digit < 10 ? 0x30 + digit : 0x61 + digit - 10 }

    mutating func strings(_ values: [String]) {
        let saved = open(0x5B)
        for value in values {
            separate()
            string(value)
        }
        close(0x5D, saved)
    }
}

/// The fixed shapes labfeed writes as JSON on its hot paths, member by member in the sorted
/// order `JSONEncoder` uses (``JSONBytes``).
enum EventJSON {
    /// False when `JSONEncoder` would refuse the event (a NaN or infinite double): callers then
    /// use the encoder, which reports the error as before.
    static func encodable(_ event: Event) -> Bool {
        event.confidence.isFinite && (event.location?.latitude?.isFinite ?? true) && (event.location?.longitude?.isFinite ?? true)
    }

    /// `Event` alone (`labfeed fetch --json`'s event, the store's `source_event.event_json`).
    static func write(_ event: Event, to out: inout JSONBytes) {
        let saved = out.open(0x7B)
        members(event, programme: nil, to: &out)
        out.close(0x7D, saved)
    }

    /// `ProgrammeEvent`: the event's members and the programme's, merged in one sorted object.
    static func write(_ event: ProgrammeEvent, to out: inout JSONBytes) {
        let saved = out.open(0x7B)
        members(event.event, programme: event, to: &out)
        out.close(0x7D, saved)
    }

    /// `SourceHealth` as its `encode(to:)` writes it (`consecutive_failures` is not written;
    /// the optional members are written as null).
    static func write(_ source: SourceHealth, to out: inout JSONBytes) {
        let saved = out.open(0x7B)
        out.key("events")
        out.integer(source.events)
        out.key("failing_since")
        if let failingSince = source.failingSince { out.timestamp(failingSince) } else { out.null() }
        out.key("id")
        out.string(source.id)
        out.key("last_change")
        if let lastChange = source.lastChange { out.timestamp(lastChange) } else { out.null() }
        out.key("last_error")
        out.string(source.lastError)
        out.key("name")
        out.string(source.name)
        out.key("status")
        out.string(source.status.rawValue)
        out.close(0x7D, saved)
    }

    /// The value `ProgrammeBuilder.contentHash` hashes: `{"event", "region" (when set),
    /// "sources" (`[[id, url, item id]]`), "titles"}`, compact.
    static func content(event: Event, titles: [String: String], region: String?, sources: [EventSourceRef]) -> [UInt8] {
        var out = JSONBytes(pretty: false, capacity: 2048)
        let saved = out.open(0x7B)
        out.key("event")
        write(event, to: &out)
        if let region {
            out.key("region")
            out.string(region)
        }
        out.key("sources")
        let list = out.open(0x5B)
        for ref in sources {
            out.separate()
            let triple = out.open(0x5B)
            for value in [ref.source, ref.url, ref.itemID] {
                out.separate()
                out.string(value)
            }
            out.close(0x5D, triple)
        }
        out.close(0x5D, list)
        out.key("titles")
        dictionary(titles, to: &out)
        out.close(0x7D, saved)
        return out.bytes
    }

    // The union of Event's and ProgrammeEvent's keys, sorted by UTF-8 bytes ("_" sorts before
    // the letters: "all_day" < "alternates", "source_id" < "sources").
    private static func members(_ e: Event, programme p: ProgrammeEvent?, to out: inout JSONBytes) {
        out.key("all_day")
        out.bool(e.allDay)
        out.key("alternates")
        let alternates = out.open(0x5B)
        for alternate in e.alternates {
            out.separate()
            let saved = out.open(0x7B)
            if let language = alternate.language {  // synthesized Codable: omitted when nil
                out.key("language")
                out.string(language)
            }
            out.key("url")
            out.string(alternate.url)
            out.close(0x7D, saved)
        }
        out.close(0x5D, alternates)
        out.key("attendance_mode")
        out.string(e.attendanceMode?.rawValue)
        out.key("confidence")
        out.double(e.confidence)
        if let contentHash = p?.contentHash {
            out.key("content_hash")
            out.string(contentHash)
        }
        out.key("description")
        out.string(e.description)
        out.key("description_html")
        out.string(e.descriptionHTML)
        out.key("end")
        out.iso(e.end)
        if let firstSeen = p?.firstSeen {
            out.key("first_seen")
            out.timestamp(firstSeen)
        }
        out.key("found_by")
        out.string(e.foundBy.rawValue)
        if let id = p?.id {
            out.key("id")
            out.string(id)
        }
        out.key("image")
        out.string(e.image)
        out.key("keywords")
        out.strings(e.keywords)
        out.key("language")
        out.string(e.language)
        if let lastSeen = p?.lastSeen {
            out.key("last_seen")
            out.timestamp(lastSeen)
        }
        out.key("location")
        location(e.location, to: &out)
        out.key("online_url")
        out.string(e.onlineURL)
        out.key("organizer")
        if let organizer = e.organizer {
            let saved = out.open(0x7B)
            out.key("name")
            out.string(organizer.name)
            out.key("url")
            out.string(organizer.url)
            out.close(0x7D, saved)
        } else {
            out.null()
        }
        if let past = p?.past {
            out.key("past")
            out.bool(past)
        }
        out.key("previous_start")
        out.iso(e.previousStart)
        if p != nil {
            out.key("region")
            out.string(p?.region)
        }
        out.key("registration")
        if let r = e.registration {
            let saved = out.open(0x7B)
            out.key("currency")
            out.string(r.currency)
            out.key("free")
            if let free = r.free { out.bool(free) } else { out.null() }
            out.key("price")
            out.string(r.price)
            out.key("url")
            out.string(r.url)
            out.close(0x7D, saved)
        } else {
            out.null()
        }
        out.key("source_id")
        out.string(e.sourceID)
        if let sources = p?.sources {
            out.key("sources")
            let list = out.open(0x5B)
            for ref in sources {
                out.separate()
                sourceRef(ref, to: &out)
            }
            out.close(0x5D, list)
        }
        out.key("start")
        out.iso(e.start)
        out.key("status")
        out.string(e.status.rawValue)
        out.key("super_event")
        if let s = e.superEvent {
            let saved = out.open(0x7B)
            out.key("title")
            out.string(s.title)
            out.key("url")
            out.string(s.url)
            out.close(0x7D, saved)
        } else {
            out.null()
        }
        out.key("time_zone")
        out.string(e.timeZone)
        out.key("title")
        out.string(e.title)
        if let titles = p?.titles {
            out.key("titles")
            dictionary(titles, to: &out)
        }
        if let updated = p?.updated {
            out.key("updated")
            out.timestamp(updated)
        }
        out.key("url")
        out.string(e.url)
    }

    private static func location(_ location: Location?, to out: inout JSONBytes) {
        guard let l = location else { return out.null() }
        let saved = out.open(0x7B)
        out.key("address")
        out.string(l.address)
        out.key("country")
        out.string(l.country)
        out.key("latitude")
        if let latitude = l.latitude { out.double(latitude) } else { out.null() }
        out.key("locality")
        out.string(l.locality)
        out.key("longitude")
        if let longitude = l.longitude { out.double(longitude) } else { out.null() }
        out.key("name")
        out.string(l.name)
        out.key("postal_code")
        out.string(l.postalCode)
        out.key("region")
        out.string(l.region)
        out.close(0x7D, saved)
    }

    private static func sourceRef(_ ref: EventSourceRef, to out: inout JSONBytes) {
        let saved = out.open(0x7B)
        out.key("first_seen")
        out.timestamp(ref.firstSeen)
        out.key("found_by")
        out.string(ref.foundBy.rawValue)
        out.key("item_id")
        out.string(ref.itemID)
        out.key("key")
        out.string(ref.key)
        out.key("last_seen")
        out.timestamp(ref.lastSeen)
        out.key("source")
        out.string(ref.source)
        out.key("url")
        out.string(ref.url)
        out.close(0x7D, saved)
    }

    /// A `[String: String]` as the encoder writes it: keys sorted by their UTF-8 bytes.
    private static func dictionary(_ values: [String: String], to out: inout JSONBytes) {
        let saved = out.open(0x7B)
        for (key, value) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            out.dataKey(key)
            out.string(value)
        }
        out.close(0x7D, saved)
    }
}
