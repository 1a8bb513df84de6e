// FastJSON straight into schema.org values: the JSON-LD reader's usual path, one tree instead of
// a JSONTree then its SchemaValue copy (JSONLDReader.convert).
// Contract: when it returns a value, it is the value `JSONLDReader.convert` gives for the tree
// `FastJSON.parse` reads from the same text (same @graph, @value, @type, @id and @context rules,
// entities decoded, vocabulary prefixes removed); whenever `FastJSON.parse` would give up, or
// two keys of one object have the same local name ("name" and "schema:name": which one convert
// keeps follows a Dictionary's order), it returns nil and the caller takes the JSONTree path.

extension FastJSON {
    /// The schema.org value of `text`, or nil when the JSONTree path must decide.
    static func schema(_ text: String, origin: String, line: Int) -> SchemaValue? {
        UTF8Bytes.with(text) { schema(bytes: $0, origin: origin, line: line) }
    }

    /// ``schema(_:origin:line:)`` of `String(decoding: bytes, as: UTF8.self)`, read from the
    /// bytes as they are (a script's text in libxml2's buffer, without its String).
    ///
    /// Ill-formed UTF-8 gives what its repaired String gives: every byte the reader tests
    /// outside a string's body is ASCII, and an ASCII byte is never part of an ill-formed
    /// sequence, so the repair (each maximal ill-formed part replaced by U+FFFD, three non-ASCII
    /// bytes) moves no ASCII byte relative to the others and changes no structure; a
    /// non-ASCII byte outside a string is refused either way; and a string's body, cut between
    /// two ASCII bytes, decodes to what the repaired text's body decodes to (`String(decoding:)`
    /// repairs the same parts, an escape's output starting with ASCII or a lead byte that
    /// continues no sequence). JSONLDShortcutTests compares both on ill-formed texts.
    static func schema(bytes: UnsafeBufferPointer<UInt8>, origin: String, line: Int) -> SchemaValue? {
        var reader = SchemaReader(r: Reader(b: bytes), origin: origin, line: line)
        reader.r.skipSpace()
        guard reader.r.i < bytes.count, bytes[reader.r.i] == 0x7B || bytes[reader.r.i] == 0x5B,
              let value = reader.value(depth: 0) else { return nil }
        reader.r.skipSpace()
        return reader.r.i == bytes.count ? value : nil
    }

    private struct SchemaReader {
        var r: Reader
        let origin: String
        let line: Int

        mutating func value(depth: Int) -> SchemaValue? {
            guard depth < FastJSON.maxDepth, r.i < r.b.count else { return nil }
            switch r.b[r.i] {
            case 0x7B: return object(depth: depth)
            case 0x5B: return array(depth: depth)
            case 0x22:
                return string().map(SchemaValue.text)
            case 0x74: return r.literal("true") ? .bool(true) : nil
            case 0x66: return r.literal("false") ? .bool(false) : nil
            case 0x6E: return r.literal("null") ? .null : nil
            case 0x2D, 0x30...0x39: return r.number().map(SchemaValue.number)
            default: return nil
            }
        }

        mutating func array(depth: Int) -> SchemaValue? {
            r.i += 1
            var items: [SchemaValue] = []
            r.skipSpace()
            if r.i < r.b.count, r.b[r.i] == 0x5D {
                r.i += 1
                return .list(items)
            }
            while true {
                r.skipSpace()
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                r.skipSpace()
                guard r.i < r.b.count else { return nil }
                if r.b[r.i] == 0x2C { r.i += 1; continue }
                if r.b[r.i] == 0x5D { r.i += 1; return .list(items) }
                return nil
            }
        }

        /// A string from its opening quote, its HTML entities decoded. One scan finds its end,
        /// an escape, a raw control character and `&` (it was a scan for the string then one
        /// for `&` and escapes); a string with an escape is read by ``FastJSON/Reader/string()``.
        /// ``stringFromBytes()`` is the reference. (Cutting the string from the text as a
        /// Substring, to skip the UTF-8 validation, cost more than validating: 480 instructions
        /// a string for the index checks and the copy, against 290.)
        mutating func string() -> String? {
            let b = r.b
            let start = r.i + 1
            var i = start
            var ampersand = false
            // Eight bytes at a time up to the first quote, backslash, control character or `&`
            // (``JSONByteLanes``), then byte by byte as before; an `&` is noted and the word scan
            // goes on after it. (The tree path, `FastJSON.parse`, reads strings byte by byte:
            // JSONLDBytesTests compares both on strings with every stop at every lane.)
            while i &+ 8 <= b.count {
                let stop = JSONByteLanes.firstStop(JSONByteLanes.load(b, at: i), ampersand: true)
                i &+= stop
                guard stop < 8 else { continue }
                guard b[i] == 0x26 else { break }
                ampersand = true
                i &+= 1
            }
            while i < b.count {
                let c = b[i]
                if c == 0x22 { break }
                if c == 0x5C { return stringFromBytes() }
                if c < 0x20 { return nil }
                if c == 0x26 { ampersand = true }
                i += 1
            }
            guard i < b.count else { return nil }
            r.i = i + 1
            // A type name or enumeration URL of the table: its literal, nothing decoded nor allocated.
            if !ampersand, let known = SchemaKnownValues.find(b, from: start, length: i &- start) {
                return SchemaKnownValues.values[known]
            }
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            return ampersand ? HTMLText.decodeEntities(s) : s
        }

        /// Just past the closing quote of the string at `r.i`, when it has no escape nor raw
        /// control character (what ``string()`` reads without refusing it, whatever its bytes);
        /// nil for any other value.
        func plainStringEnd() -> Int? {
            let b = r.b
            guard r.i < b.count, b[r.i] == 0x22 else { return nil }
            var i = r.i + 1
            while i &+ 8 <= b.count {
                let stop = JSONByteLanes.firstStop(JSONByteLanes.load(b, at: i), ampersand: false)
                i &+= stop
                if stop < 8 { break }
            }
            while i < b.count {
                let c = b[i]
                if c == 0x22 { return i + 1 }
                if c == 0x5C || c < 0x20 { return nil }
                i += 1
            }
            return nil
        }

        /// The string as read before ``string()``: its bytes read into a String (escapes
        /// decoded), then its entities decoded when its bytes hold `&` or an escape (`\u0026`).
        mutating func stringFromBytes() -> String? {
            let start = r.i
            guard let text = r.string() else { return nil }
            // Without `&` nor an escape (`\u0026`) in its bytes, there is no entity to decode.
            if !r.b[start..<r.i].contains(where: { $0 == 0x26 || $0 == 0x5C }) { return text }
            return HTMLText.decodeEntities(text)
        }

        /// An object as `JSONLDReader.convert` turns it: the keyword members kept apart, the
        /// others stored under their local name.
        mutating func object(depth: Int) -> SchemaValue? {
            r.i += 1
            var properties = SchemaProperties()
            properties.reserveCapacity(8)  // grown from empty, it was reallocated three times for an event's keys
            // The slots of the table's names this object has written: a name with a slot is new
            // when its slot is and every name so far has one (no String compared).
            var slotsWritten: UInt64 = 0
            var graph: SchemaValue?, valueMember: SchemaValue?, type: SchemaValue?, id: SchemaValue?
            var hasContext = false
            // Whether `type` is a type name of ``SchemaKnownValues``, its own local name.
            var typeIsLocalName = false
            r.skipSpace()
            var closed = r.i < r.b.count && r.b[r.i] == 0x7D
            if closed { r.i += 1 }
            while !closed {
                r.skipSpace()
                guard r.i < r.b.count, r.b[r.i] == 0x22 else { return nil }
                // A key of the table is told by its slot alone (no `SchemaKey` made, copied and
                // destroyed per key); any other is read as a String by `key()`.
                var slot = SchemaKeys.noSlot
                var other: SchemaKey?
                if let known = SchemaKeys.slot(r.b, quoteAt: r.i) {
                    r.i = known.end
                    slot = known.slot
                } else {
                    guard let key = self.key() else { return nil }
                    other = key
                }
                r.skipSpace()
                guard r.i < r.b.count, r.b[r.i] == 0x3A else { return nil }
                r.i += 1
                r.skipSpace()
                let item: SchemaValue
                if slot == 0, depth + 1 < FastJSON.maxDepth, let end = plainStringEnd() {
                    // `@context` (slot 0) is never kept: a plain string (the usual
                    // "https://schema.org") is stepped over without its String.
                    r.i = end
                    item = .null
                } else if slot == 1, depth + 1 < FastJSON.maxDepth, let end = plainStringEnd(),
                          let known = SchemaKnownValues.find(r.b, from: r.i &+ 1, length: end &- r.i &- 2),
                          known < SchemaKnownValues.typeCount {
                    // `@type` (slot 1) naming a type of the table (nearly every node's): its
                    // literal, which `node` sets without trimming nor removing a vocabulary.
                    r.i = end
                    item = .text(SchemaKnownValues.values[known])
                    typeIsLocalName = true
                } else {
                    guard let read = value(depth: depth + 1) else { return nil }
                    item = read
                }
                let keyword: SchemaKey.Keyword?
                if slot != SchemaKeys.noSlot {
                    keyword = SchemaKeys.keyword(ofSlot: slot)
                } else if case .keyword(let k)? = other {
                    keyword = k
                } else {
                    keyword = nil
                }
                switch keyword {
                case .graph: guard graph == nil else { return nil }; graph = item
                case .value: guard valueMember == nil else { return nil }; valueMember = item
                case .type: guard type == nil else { return nil }; type = item
                case .id: guard id == nil else { return nil }; id = item
                case .context: guard !hasContext else { return nil }; hasContext = true
                case nil:
                    let name: String
                    if slot != SchemaKeys.noSlot {
                        name = SchemaKeys.names[Int(slot)]
                    } else if case .property(let n)? = other {
                        name = n
                    } else {
                        return nil  // (a keyword is handled above)
                    }
                    // A key written twice, or two keys with one local name: the JSONTree path's say.
                    if slot != SchemaKeys.noSlot {
                        let bit: UInt64 = 1 << UInt64(slot)
                        guard slotsWritten & bit == 0 else { return nil }
                        slotsWritten |= bit
                        if properties.allSlotted {
                            properties.append(item, forKey: name, slot: slot)
                            break
                        }
                    }
                    guard properties.updateValue(item, forKey: name, slot: slot) == nil else { return nil }
                }
                r.skipSpace()
                guard r.i < r.b.count else { return nil }
                if r.b[r.i] == 0x2C { r.i += 1; continue }
                if r.b[r.i] == 0x7D { r.i += 1; closed = true; continue }
                return nil
            }
            if let graph {
                var items = [graph]
                // Rarely, a graph object carries a node of its own beside @graph.
                if type != nil {
                    items.append(node(properties: properties, value: valueMember, type: type, typeIsLocalName: typeIsLocalName, id: id))
                }
                return .list(items)
            }
            return node(properties: properties, value: valueMember, type: type, typeIsLocalName: typeIsLocalName, id: id)
        }

        /// A member's key that ``SchemaKeys`` does not match (escaped, prefixed, unknown), from
        /// its opening quote: one of the five keywords convert keeps apart, or a property's
        /// local name. (Keys of the table are matched on their bytes and told by their slot, in
        /// ``object(depth:)``.)
        mutating func key() -> SchemaKey? {
            guard let text = r.string() else { return nil }
            switch text {
            case "@graph": return .keyword(.graph)
            case "@value": return .keyword(.value)
            case "@type": return .keyword(.type)
            case "@id": return .keyword(.id)
            case "@context": return .keyword(.context)
            default: return .property(SchemaNode.localName(text))
            }
        }

        /// The node of an object's members; `typeIsLocalName` when `type` is a type name of
        /// ``SchemaKnownValues`` (already trimmed, its own local name).
        func node(properties: SchemaProperties, value: SchemaValue?, type: SchemaValue?, typeIsLocalName: Bool, id: SchemaValue?) -> SchemaValue {
            if let value { return value }
            let node = SchemaNode(properties: properties, origin: origin, line: line)
            if let type {
                // One type (the usual case) without the three arrays of the general expression.
                if typeIsLocalName, case .text(let name) = type {
                    node.setType(name)
                } else if case .text = type {
                    if let name = type.string { node.setType(SchemaNode.localName(name)) }
                } else {
                    node.types = type.all.compactMap(\.string).map(SchemaNode.localName)
                }
            }
            if let id { node.id = id.string }
            return .node(node)
        }
    }
}

/// A JSON-LD member's key as ``FastJSON`` reads it into schema.org values.
enum SchemaKey: Equatable {
    enum Keyword { case graph, value, type, id, context }
    case keyword(Keyword)
    /// A property, by its local name (vocabulary prefix removed).
    case property(String)
}

/// The keys schema.org event pages write, matched on the bytes of a JSON key with no escape.
/// Contract: ``match(_:quoteAt:)`` gives, for a key it knows, what reading the string then
/// classifying it (keyword, or ``SchemaNode/localName(_:)``) gives; nil for any other key.
enum SchemaKeys {
    static let names: [String] = [
        "@context", "@type", "@id", "@graph", "@value",
        "name", "url", "startDate", "endDate", "description", "location", "address", "streetAddress",
        "addressLocality", "postalCode", "addressRegion", "addressCountry", "geo", "latitude", "longitude",
        "organizer", "offers", "price", "lowPrice", "priceCurrency", "availability", "validFrom",
        "isAccessibleForFree", "keywords", "image", "contentUrl", "superEvent", "subEvent", "inLanguage",
        "alternateName", "eventAttendanceMode", "eventStatus", "previousStartDate", "duration", "performer",
        "sameAs", "telephone", "email", "logo", "headline", "datePublished", "dateModified", "author",
        "publisher", "mainEntityOfPage", "itemListElement", "position", "item", "doorTime", "maximumAttendeeCapacity",
    ]

    /// The slot of a name that is not in ``names`` (read from an escaped or prefixed key, or
    /// from microdata or RDFa).
    static let noSlot: UInt8 = 0xFF

    /// The names' bytes one after the other, and a table of 256 places (open addressing on a
    /// hash of a key's length, first and last bytes) holding their slots: a key is matched by
    /// one or two probes and one byte comparison, without the arrays of arrays (and their
    /// retains) of the table by length it replaced (``match(_:quoteAt:)``'s reference is in
    /// FastJSONSchemaTests). Built once and kept for the process's life, in buffers read
    /// without bounds checks nor reference counting (a struct of arrays cost more than the
    /// table by length: 336 instructions a key against 285).
    /// (Also the table of ``SchemaKnownValues``.)
    fileprivate final class ByteIndex: @unchecked Sendable {  // written once in init, then only read
        /// The names' bytes, one after the other.
        let bytes: UnsafeBufferPointer<UInt8>
        /// By slot: where its bytes start, and how many.
        let starts: UnsafeBufferPointer<Int>
        let lengths: UnsafeBufferPointer<Int>
        /// By place: a slot, or ``SchemaKeys/noSlot``.
        let places: UnsafeBufferPointer<UInt8>
        /// The shortest and the longest name's length.
        let shortest: Int
        let longest: Int

        /// An index of distinct, non-empty names (fewer than 255: each has a slot, and a place
        /// stays empty to end a probe).
        init(names: [String]) {
            precondition(names.count < Int(SchemaKeys.noSlot), "a slot is a byte, noSlot excluded")
            var bytes: [UInt8] = [], starts: [Int] = [], lengths: [Int] = []
            var places = [UInt8](repeating: SchemaKeys.noSlot, count: 256)
            for (slot, name) in names.enumerated() {
                let utf8 = Array(name.utf8)
                precondition(!utf8.isEmpty, "names are not empty")
                starts.append(bytes.count)
                lengths.append(utf8.count)
                bytes += utf8
                var place = SchemaKeys.place(length: utf8.count, first: utf8[0], last: utf8[utf8.count - 1])
                while places[place] != SchemaKeys.noSlot { place = (place + 1) & 255 }
                places[place] = UInt8(slot)
            }
            func kept<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
                let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
                _ = buffer.initialize(from: array)
                return UnsafeBufferPointer(buffer)
            }
            bytes += [UInt8](repeating: 0, count: 8)  // a name's last word is read whole (`sameBytes`)
            self.bytes = kept(bytes)
            self.starts = kept(starts)
            self.lengths = kept(lengths)
            self.places = kept(places)
            self.shortest = lengths.min() ?? 0
            self.longest = lengths.max() ?? 0
        }

        /// The slot of the name that is `b[start..<start + length]`, nil when none is; `length`
        /// must be positive.
        @inline(__always)
        func slot(_ b: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> UInt8? {
            var place = SchemaKeys.place(length: length, first: b[start], last: b[start &+ length &- 1])
            while true {
                let slot = places[place]
                if slot == SchemaKeys.noSlot { return nil }
                let s = Int(slot)
                if lengths[s] == length {
                    if SchemaKeys.sameBytes(bytes.baseAddress.unsafelyUnwrapped + starts[s], b, from: start, count: length) {
                        return slot
                    }
                }
                place = (place &+ 1) & 255
            }
        }
    }

    private static let index: ByteIndex = {
        precondition(names.count <= 64, "slots are bits of a UInt64 in FastJSON's objects")
        return ByteIndex(names: names)
    }()

    /// By slot, the key each name is.
    private static let keys: [SchemaKey] = names.map { name in
        switch name {
        case "@graph": .keyword(.graph)
        case "@value": .keyword(.value)
        case "@type": .keyword(.type)
        case "@id": .keyword(.id)
        case "@context": .keyword(.context)
        default: .property(name)
        }
    }

    /// Where the probe for a key starts.
    @inline(__always)
    fileprivate static func place(length: Int, first: UInt8, last: UInt8) -> Int {
        (length &* 37 &+ Int(first) &* 5 &+ Int(last)) & 255
    }

    /// The key whose opening quote is at `quote`, when it is a known name written without
    /// escape, the index just past its closing quote, and the name's slot.
    static func match(_ b: UnsafeBufferPointer<UInt8>, quoteAt quote: Int) -> (key: SchemaKey, end: Int, slot: UInt8)? {
        slot(b, quoteAt: quote).map { (keys[Int($0.slot)], $0.end, $0.slot) }
    }

    /// The keyword a slot's name is (`@context`, `@type`, `@id`, `@graph`, `@value`: the first
    /// five names), nil for a property's: what ``match(_:quoteAt:)``'s key tells.
    @inline(__always)
    static func keyword(ofSlot slot: UInt8) -> SchemaKey.Keyword? {
        switch slot {
        case 0: .context
        case 1: .type
        case 2: .id
        case 3: .graph
        case 4: .value
        default: nil
        }
    }

    /// Whether the `count` bytes of a name at `name` (readable 8 bytes past their end: the
    /// table's buffer is padded) are `b[start..<start + count]`, compared eight at a time; the
    /// last bytes from one masked word when `b` holds 8 bytes from there (a key's closing quote
    /// and what follows it), else one at a time. (The byte loop cost about 14 instructions a
    /// byte, half of `match`.) FastJSONSchemaTests' table by length is the reference.
    @inline(__always)
    fileprivate static func sameBytes(_ name: UnsafePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Bool {
        let key = b.baseAddress.unsafelyUnwrapped + start
        var k = 0
        while k &+ 8 <= count {
            if UnsafeRawPointer(name + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(key + k).loadUnaligned(as: UInt64.self) {
                return false
            }
            k &+= 8
        }
        let rest = count &- k
        if rest == 0 { return true }
        if start &+ k &+ 8 <= b.count {
            let mask: UInt64 = (1 << UInt64(rest &* 8)) &- 1
            let a = UInt64(littleEndian: UnsafeRawPointer(name + k).loadUnaligned(as: UInt64.self))
            let c = UInt64(littleEndian: UnsafeRawPointer(key + k).loadUnaligned(as: UInt64.self))
            return (a ^ c) & mask == 0
        }
        while k < count {
            if name[k] != key[k] { return false }
            k &+= 1
        }
        return true
    }

    /// ``match(_:quoteAt:)`` without its key: the end and the slot (``names``' index), which
    /// tell the key (``keyword(ofSlot:)``, else the property `names[slot]`).
    static func slot(_ b: UnsafeBufferPointer<UInt8>, quoteAt quote: Int) -> (end: Int, slot: UInt8)? {
        let index = self.index
        let start = quote + 1
        var i = start
        // Eight bytes at a time up to the first quote, backslash or control character
        // (``JSONByteLanes``), no further than the longest name; the rest byte by byte.
        while i &+ 8 <= b.count, i &- start <= index.longest {
            let stop = JSONByteLanes.firstStop(JSONByteLanes.load(b, at: i), ampersand: false)
            i &+= stop
            if stop < 8 { break }
        }
        guard i &- start <= index.longest else { return nil }
        while i < b.count {
            let c = b[i]
            if c == 0x22 { break }
            if c == 0x5C || c < 0x20 { return nil }
            i += 1
        }
        let length = i - start
        guard i < b.count, length > 0, length <= index.longest else { return nil }
        return index.slot(b, from: start, length: length).map { (i + 1, $0) }
    }
}

/// String values JSON-LD pages repeat on every node (type names, schema.org enumeration URLs),
/// matched on the bytes of a string with no escape nor `&` and given as the table's String: a
/// literal, so nothing is decoded, allocated nor freed (each was a String made from the bytes,
/// the type names then trimmed and stripped of a vocabulary they lack).
/// Contract: ``find(_:from:length:)`` finds an entry only when the bytes are its bytes, so the
/// String given is the one decoding them makes; the first ``typeCount`` entries are type names
/// that are their own local name, trimmed (FastJSONSchemaTests checks both).
enum SchemaKnownValues {
    /// Type names, their own local names: the first ``typeCount`` entries of ``values``.
    private static let types: [String] = SchemaTypes.events.sorted() + [
        "Place", "PostalAddress", "Organization", "Person", "VirtualLocation", "Offer", "AggregateOffer",
        "GeoCoordinates", "Country", "City", "EventVenue", "PerformingGroup", "MusicGroup", "ImageObject",
        "WebPage", "WebSite", "ItemList", "ListItem", "BreadcrumbList", "Thing",
    ]

    /// schema.org enumeration members, as their URLs (the mapper reads their local names).
    private static let enumerations: [String] = [
        "OfflineEventAttendanceMode", "OnlineEventAttendanceMode", "MixedEventAttendanceMode", "EventScheduled",
        "EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline", "InStock", "SoldOut", "PreOrder",
    ].flatMap { ["https://schema.org/" + $0, "http://schema.org/" + $0] }

    /// The strings, each distinct and not empty: ``types`` then ``enumerations``.
    static let values: [String] = types + enumerations
    static let typeCount = types.count

    private static let index = SchemaKeys.ByteIndex(names: values)

    /// The slot in ``values`` of the string whose bytes are `b[start..<start + length]`, nil
    /// for any other string (most: a length out of the table's range is told at once).
    @inline(__always)
    static func find(_ b: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> Int? {
        let index = self.index
        guard length >= index.shortest, length <= index.longest else { return nil }
        return index.slot(b, from: start, length: length).map { Int($0) }
    }
}
