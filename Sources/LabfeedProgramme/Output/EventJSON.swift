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
///
/// The bytes are in memory of its own rather than an `[UInt8]`: an event is about fifty keys
/// and fifty values, written in pieces of one to twenty bytes, and each append to an array
/// checked the array's uniqueness and capacity and went through the generic copy (a key cost
/// about 360 instructions, a third of programme.json's render). Here a piece reserves its
/// room once and is stored with plain pointer writes. Noncopyable, so the memory has one owner
/// (freed in `deinit`) and no copy can write into another's bytes.
struct JSONBytes: ~Copyable {
    /// The bytes written: `count` of them from `base`, room for `capacity`.
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    let pretty: Bool
    private var depth: Int
    private var first = true

    /// `depth` is the nesting the first value is written at (its closing bracket is indented
    /// by it).
    init(pretty: Bool, depth: Int = 0, capacity: Int = 1024) {
        self.pretty = pretty
        self.depth = depth
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes written, as a String (they are UTF-8: Strings' bytes and ASCII).
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Forgets the bytes written, keeping the memory (programme.json hands its bytes on in chunks).
    mutating func removeAll() { count = 0 }

    /// Room for `n` more bytes; where they go. The caller stores them and adds them to `count`.
    @inline(__always)
    private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count &+ n > capacity { grow(to: count &+ n) }
        return base + count
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity &* 2)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        new.initialize(from: base, count: count)
        base.deallocate()
        base = new
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        count &+= 1
    }

    @inline(__always)
    private mutating func append(_ start: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n).update(from: start, count: n)
        count &+= n
    }

    /// Appends the bytes of an ASCII literal (a key, `null`, `true`, `false`).
    @inline(__always)
    private mutating func append(literal text: StaticString) {
        if text.hasPointerRepresentation {
            append(text.utf8Start, text.utf8CodeUnitCount)
        } else {  // a one-scalar literal may be stored as its scalar
            for byte in String(describing: text).utf8 { append(byte) }
        }
    }

    /// Opens an object (`{`) or array (`[`); returns what ``close(_:_:)`` needs back.
    mutating func open(_ bracket: UInt8) -> Bool {
        let p = reserve(2)
        p[0] = bracket
        p[1] = 0x0A
        count &+= pretty ? 2 : 1
        depth += 1
        let saved = first
        first = true
        return saved
    }

    mutating func close(_ bracket: UInt8, _ saved: Bool) {
        depth -= 1
        if pretty {
            let spaces = depth &* 2
            let p = reserve(spaces &+ 2)
            p[0] = 0x0A
            (p + 1).initialize(repeating: 0x20, count: spaces)
            p[spaces &+ 1] = bracket
            count &+= spaces &+ 2
        } else {
            append(bracket)
        }
        first = saved
    }

    /// Before each member of an object or element of an array.
    mutating func separate() {
        if pretty {
            let spaces = depth &* 2
            let p = reserve(spaces &+ 2)
            var n = 0
            if !first {
                p[0] = 0x2C
                p[1] = 0x0A
                n = 2
            }
            (p + n).initialize(repeating: 0x20, count: spaces)
            count &+= n &+ spaces
        } else if !first {
            append(0x2C)
        }
        first = false
    }

    /// A member's key (plain ASCII, never escaped) and its separator.
    ///
    /// A `StaticString`, and a distinct name from ``dataKey(_:)``: with two overloads of one
    /// name, the literal keys went to the `String` one (a string literal's default type) and
    /// every key was escaped as data, a third of programme.json's time.
    ///
    /// The separator, indentation, quoted name and colon are written in one reserved piece (a
    /// key per call of `separate`, `append` and `colon` cost twice as much).
    mutating func key(_ name: StaticString) {
        guard name.hasPointerRepresentation else {
            separate()
            append(0x22)
            append(literal: name)
            append(0x22)
            return colon()
        }
        let length = name.utf8CodeUnitCount
        let spaces = pretty ? depth &* 2 : 0
        let p = reserve(length &+ spaces &+ 7)
        var n = 0
        if !first {
            p[0] = 0x2C
            p[1] = 0x0A
            n = pretty ? 2 : 1
        }
        first = false
        for i in 0..<spaces { p[n &+ i] = 0x20 }
        n &+= spaces
        p[n] = 0x22
        (p + (n &+ 1)).update(from: name.utf8Start, count: length)
        n &+= length &+ 1
        p[n] = 0x22
        if pretty {
            p[n &+ 1] = 0x20
            p[n &+ 2] = 0x3A
            p[n &+ 3] = 0x20
            n &+= 4
        } else {
            p[n &+ 1] = 0x3A
            n &+= 2
        }
        count &+= n
    }

    /// A key that is data (a language tag of `titles`): escaped as a string.
    mutating func dataKey(_ name: String) {
        separate()
        string(name)
        colon()
    }

    /// The separator between a key and its value.
    @inline(__always)
    private mutating func colon() {
        if pretty {
            let p = reserve(3)
            p[0] = 0x20
            p[1] = 0x3A
            p[2] = 0x20
            count &+= 3
        } else {
            append(0x3A)
        }
    }

    mutating func null() { append(literal: "null") }

    /// An integer as the encoder writes it (`String(value)`).
    mutating func integer(_ value: Int) {
        for byte in String(value).utf8 { append(byte) }
    }

    mutating func bool(_ value: Bool) {
        if value { append(literal: "true") } else { append(literal: "false") }
    }

    /// As `JSONEncoder`: the shortest round-trip form (`description`) without a trailing `.0`.
    /// A non-finite value makes the encoder throw; callers check ``EventJSON/encodable(_:)``.
    mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        for byte in text.utf8 { append(byte) }
    }

    /// Bytes gathered on the stack, in one piece.
    @inline(__always)
    private mutating func append(_ text: StackBytes) {
        let n = text.count
        let p = reserve(n)
        text.copy(to: p)
        count &+= n
    }

    /// `UTCTimestamp.string(date)` as a JSON string, its digits written straight into the
    /// bytes for the years 0-9999 (outputs write five per event; making each as a String was
    /// a tenth of the JSON writers' time). Other years go through `UTCTimestamp`.
    mutating func timestamp(_ date: Date) {
        guard let text = TextBytes.timestamp(date) else { return string(UTCTimestamp.string(date)) }
        append(0x22)
        append(text)
        append(0x22)
    }

    /// `time?.iso` as a JSON string (or null), its digits written straight into the bytes
    /// (``TextBytes/iso(_:)``) unless `iso` must write it. Why: `iso` builds its text piece
    /// by piece as Strings, and the start and end of every event were a sixth of
    /// programme.json's time.
    mutating func iso(_ time: EventTime?) {
        guard let time else { return null() }
        guard let text = TextBytes.iso(time) else { return string(time.iso) }
        append(0x22)
        append(text)
        append(0x22)
    }

    mutating func string(_ value: String?) {
        guard var value else { return null() }
        append(0x22)
        value.withUTF8 { utf8 in
            guard let start = utf8.baseAddress else { return }
            escape(start, utf8.count)
        }
        append(0x22)
    }

    /// The bytes of a string's contents, escaped as the encoder escapes them: `"` and `\` with a
    /// backslash, the control characters under U+0020 as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00XX`.
    /// Eight bytes are tested at once (``JSONEscaping/mayNeedEscape(word:)``); runs without an
    /// escape are copied in one piece.
    private mutating func escape(_ utf8: UnsafePointer<UInt8>, _ n: Int) {
        var run = 0  // start of the bytes not yet copied
        var i = 0
        while i < n {
            if i &+ 8 <= n, !JSONEscaping.mayNeedEscape(word: UnsafeRawPointer(utf8 + i).loadUnaligned(as: UInt64.self)) {
                i &+= 8
                continue
            }
            let b = utf8[i]
            guard JSONEscaping.needsEscape(b) else {
                i &+= 1
                continue
            }
            if run < i { append(utf8 + run, i &- run) }
            switch b {
            case 0x22: append(literal: "\\\"")
            case 0x5C: append(literal: "\\\\")
            case 0x08: append(literal: "\\b")
            case 0x0C: append(literal: "\\f")
            case 0x0A: append(literal: "\\n")
            case 0x0D: append(literal: "\\r")
            case 0x09: append(literal: "\\t")
            default:
                let p = reserve(6)
                p[0] = 0x5C
                p[1] = 0x75
                p[2] = 0x30
                p[3] = 0x30
                p[4] = Self.hex(b >> 4)
                p[5] = Self.hex(b & 0x0F)
                count &+= 6
            }
            i &+= 1
            run = i
        }
        if run < n { append(utf8 + run, n &- run) }
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

/// Which bytes a JSON string escapes, tested a byte or eight at a time.
enum JSONEscaping {
    /// `"`, `\` and the control characters under U+0020.
    @inline(__always)
    static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// Whether one of the eight bytes of `w` needs an escape (``needsEscape(_:)``). The tests of
    /// "Bit Twiddling Hacks": a byte under 0x20 (`hasless(w, 0x20)`), or equal to `"` or `\` (a
    /// zero byte of `w` XOR the repeated byte); each exact for bytes of any value (a borrow only
    /// carries past a byte that already answered yes).
    @inline(__always)
    static func mayNeedEscape(word w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let control = (w &- ones &* 0x20) & ~w & highs
        let quote = w ^ (ones &* 0x22), backslash = w ^ (ones &* 0x5C)
        let quotes = (quote &- ones) & ~quote & highs
        let backslashes = (backslash &- ones) & ~backslash & highs
        return (control | quotes | backslashes) != 0
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
