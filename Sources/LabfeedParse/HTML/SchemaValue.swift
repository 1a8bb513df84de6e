// The shared shape of schema.org data, whatever syntax carried it (JSON-LD or microdata).
// JSON-LD is converted into it after parsing; microdata items are built straight into it, so
// one mapper (SchemaEventMapper) turns both into events.

/// A schema.org value: text, a number, a truth value, a list or a typed node.
///
/// Property names are stored without their vocabulary prefix (`schema:startDate` and
/// `http://schema.org/startDate` both become `startDate`), and so are type names.
/// Not `indirect`: no case holds a SchemaValue inline (lists are arrays, nodes a class), and an
/// indirect enum boxed every value on the heap.
enum SchemaValue {
    case text(String)
    case number(Double)
    case bool(Bool)
    case list([SchemaValue])
    case node(SchemaNode)
    case null

    /// The values of a list, or this value alone (schema.org allows one or many everywhere).
    var all: [SchemaValue] {
        switch self {
        case .list(let items): items.flatMap(\.all)
        case .null: []
        default: [self]
        }
    }

    /// Calls `body` with each node of ``all``, in its order, without building the array.
    func forEachNode(_ body: (SchemaNode) -> Void) {
        switch self {
        case .node(let node): body(node)
        case .list(let items): for item in items { item.forEachNode(body) }
        default: break
        }
    }

    /// `all.first` without building the array (the mapper asks it of most properties).
    var firstOfAll: SchemaValue? {
        switch self {
        case .list(let items):
            for item in items {
                if let first = item.firstOfAll { return first }
            }
            return nil
        case .null: return nil
        default: return self
        }
    }

    /// Whether ``all`` can hold a node (a node, or a list); text, numbers and truth values cannot.
    var mayHoldNode: Bool {
        switch self {
        case .node, .list: true
        default: false
        }
    }

    /// Text (or a number written as text), trimmed; nil when empty or not textual.
    var string: String? {
        switch self {
        case .text(let s):
            let t = Whitespace.trim(s)
            return t.isEmpty ? nil : t
        case .number(let n):
            return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return items.lazy.compactMap(\.string).first
        case .node, .null: return nil
        }
    }

    var number: Double? {
        switch self {
        case .number(let n): n
        case .text(let s): Double(Whitespace.trim(s).replacingComma)
        case .list(let items): items.lazy.compactMap(\.number).first
        default: nil
        }
    }

    var nodeValue: SchemaNode? {
        if case .node(let n) = self { return n }
        if case .list(let items) = self { return items.lazy.compactMap(\.nodeValue).first }
        return nil
    }
}

/// The values of ``SchemaValue/all`` in its order, without its array for a single value (a
/// property's one place, one address): the mapper walked an array made per property asked.
struct SchemaValues: Sequence {
    /// One value (neither a list nor null), or `all` of a list; nil for none.
    private let one: SchemaValue?
    private let many: [SchemaValue]

    init(_ value: SchemaValue?) {
        switch value {
        case nil, .null?:
            one = nil
            many = []
        case .list?:
            one = nil
            many = value.unsafelyUnwrapped.all
        case let value?:
            one = value
            many = []
        }
    }

    var isEmpty: Bool { one == nil && many.isEmpty }

    struct Iterator: IteratorProtocol {
        fileprivate var one: SchemaValue?
        fileprivate var many: IndexingIterator<[SchemaValue]>

        mutating func next() -> SchemaValue? {
            if let value = one {
                one = nil
                return value
            }
            return many.next()
        }
    }

    func makeIterator() -> Iterator { Iterator(one: one, many: many.makeIterator()) }
}

/// A typed node: `@type`, `@id` and properties.
///
/// Its stored properties are `@exclusivity(unchecked)`: a node belongs to one page's reading,
/// on one thread, and no access to a property overlaps another (the mapper only reads; readers
/// write a node while building it). The dynamic check (`swift_beginAccess`, about 80
/// instructions per read of `properties`) was 6% of the JSON-LD path.
final class SchemaNode {
    /// Type names without vocabulary (`Event`, `Place`).
    var types: [String] {
        get { firstType.map { [$0] + otherTypes } ?? [] }
        set {
            firstType = newValue.first
            otherTypes = newValue.count > 1 ? Array(newValue.dropFirst()) : []
        }
    }
    /// ``types`` held without an array for the one type most nodes have (an array per node was
    /// an allocation and a free for each of the 16,000 nodes of the corpus's JSON-LD): its first
    /// name, and the others. `otherTypes` is empty when `firstType` is nil.
    @exclusivity(unchecked) private(set) var firstType: String?
    @exclusivity(unchecked) private(set) var otherTypes: [String] = []

    /// Sets ``types`` to one name, without its array.
    func setType(_ name: String) {
        firstType = name
        otherTypes = []
    }
    /// `@id` (JSON-LD) or `itemid` (microdata).
    @exclusivity(unchecked) var id: String?
    @exclusivity(unchecked) var properties: SchemaProperties
    /// Where the node was written, for warnings ("JSON-LD block at line 12").
    @exclusivity(unchecked) var origin: String
    /// The page line of the element that carried the node, 0 when unknown.
    @exclusivity(unchecked) var line: Int
    /// The last walk of ``SchemaEventFinder`` that indexed this node, and the last that visited
    /// it (walk numbers from ``SchemaEventFinder/nextWalk()``, 0 for none): one comparison per
    /// node instead of a `Set` of identities hashed twice per node.
    @exclusivity(unchecked) var indexedBy: UInt64 = 0
    @exclusivity(unchecked) var visitedBy: UInt64 = 0

    init(types: [String] = [], id: String? = nil, properties: SchemaProperties = [:], origin: String, line: Int) {
        self.firstType = types.first
        if types.count > 1 { self.otherTypes = Array(types.dropFirst()) }
        self.id = id
        self.properties = properties
        self.origin = origin
        self.line = line
    }

    subscript(_ name: String) -> SchemaValue? { properties[name] }
    subscript(_ name: SchemaName) -> SchemaValue? { properties[name] }

    /// The first text of a property.
    func text(_ name: String) -> String? { Self.firstText(properties[name]) }
    /// ``text(_:)-(String)`` of a name of the table, looked up by slot.
    func text(_ name: SchemaName) -> String? { properties.firstText(name) }

    /// The first text of a value (``text(_:)-(String)`` of the property holding it).
    static func firstText(_ value: SchemaValue?) -> String? {
        guard let value else { return nil }
        switch value {
        case .list: return value.all.lazy.compactMap(\.string).first
        case .null: return nil
        default: return value.string  // what `all` holds for a single value, without its array
        }
    }

    /// The first text of a property, or the `@id` of a node given instead
    /// (`"eventStatus": {"@id": "https://schema.org/EventCancelled"}`).
    func textOrID(_ name: String) -> String? { Self.firstTextOrID(properties[name]) }
    func textOrID(_ name: SchemaName) -> String? { properties.firstTextOrID(name) }

    /// ``textOrID(_:)-(String)`` of the property holding `property`.
    static func firstTextOrID(_ property: SchemaValue?) -> String? {
        guard let property else { return nil }
        func textOrID(of value: SchemaValue) -> String? {
            if let s = value.string { return s }
            if case .node(let n) = value, let id = n.id { return id }
            return nil
        }
        guard case .list = property else { return textOrID(of: property) }  // `all` of one value, without its array
        for value in property.all {
            if let found = textOrID(of: value) { return found }
        }
        return nil
    }

    /// The first value of a property, lists flattened (`values(name).first` without the array).
    func firstValue(_ name: String) -> SchemaValue? { properties[name]?.firstOfAll }
    func firstValue(_ name: SchemaName) -> SchemaValue? { properties[name]?.firstOfAll }

    /// Every value of a property, lists flattened.
    func values(_ name: String) -> [SchemaValue] { properties[name]?.all ?? [] }
    /// ``values(_:)-(String)`` of a name of the table, as a sequence that holds a single value
    /// without an array (``SchemaValues``).
    func values(_ name: SchemaName) -> SchemaValues { SchemaValues(properties[name]) }

    /// Whether the node has this type (or, with `orSubtypeOf`, one of the listed subtypes).
    func isA(_ name: String) -> Bool { firstType == name || otherTypes.contains(name) }

    /// Removes vocabulary prefixes: `https://schema.org/Event`, `schema:Event`, `Event`.
    static func localName(_ name: String) -> String {
        // Most keys ("startDate", "name") have no vocabulary prefix (each holds a colon) and no
        // space to trim at either end: returned as they are, without the seven prefix tests.
        if let first = name.utf8.first, let last = name.utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F,
           !UTF8Bytes.contains(name, byte: 0x3A) {
            return name
        }
        let trimmed = Whitespace.trim(name)
        // An ASCII name (type and enumeration URLs: "https://schema.org/OfflineEventAttendanceMode")
        // is compared on its bytes: for ASCII, whose only cluster of several scalars is CR LF and
        // no prefix ends in CR, `hasPrefix` and `dropFirst` on Characters cut at the same byte.
        if let local = UTF8Bytes.with(trimmed, { asciiLocalName($0) }) { return local }
        var s = Substring(trimmed)
        for prefix in ["http://schema.org/", "https://schema.org/", "http://www.schema.org/", "https://www.schema.org/",
                       "http://data-vocabulary.org/", "https://data-vocabulary.org/", "schema:"] where s.hasPrefix(prefix) {
            s = s.dropFirst(prefix.count)
            break
        }
        return String(s)
    }

    /// `body` of the bytes of ``localName(_:)`` when `name` is ASCII, its first and last
    /// bytes printable and not spaces (an enumeration URL, "https://schema.org/EventScheduled"),
    /// without making the local name's String; nil, without calling `body`, for any other name.
    /// Such a name needs no trimming, and its local name is the name without the first
    /// vocabulary prefix it starts with (every prefix holds a colon, so a name without one is
    /// its own local name in both readings).
    static func withASCIILocalName<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R?) -> R?? {
        UTF8Bytes.with(name) { b -> R?? in
            guard let first = b.first, let last = b.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F,
                  b.allSatisfy({ $0 < 0x80 }) else { return .none }
            for prefix in vocabularyPrefixes where b.count >= prefix.count {
                if prefix.indices.allSatisfy({ b[$0] == prefix[$0] }) {
                    return .some(body(UnsafeBufferPointer(rebasing: b[prefix.count...])))
                }
            }
            return .some(body(b))
        }
    }

    private static let vocabularyPrefixes: [[UInt8]] = [
        "http://schema.org/", "https://schema.org/", "http://www.schema.org/", "https://www.schema.org/",
        "http://data-vocabulary.org/", "https://data-vocabulary.org/", "schema:",
    ].map { Array($0.utf8) }

    /// ``localName(_:)`` of an already trimmed ASCII name, on its bytes; nil when a byte is not ASCII.
    private static func asciiLocalName(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
        for prefix in vocabularyPrefixes where b.count >= prefix.count {
            if prefix.indices.allSatisfy({ b[$0] == prefix[$0] }) {
                return String(decoding: UnsafeBufferPointer(rebasing: b[prefix.count...]), as: UTF8.self)
            }
        }
        return String(decoding: b, as: UTF8.self)
    }
}

/// The schema.org types that are events (Event and its subtypes).
enum SchemaTypes {
    static let events: Set<String> = [
        "Event", "BusinessEvent", "ChildrensEvent", "ComedyEvent", "CourseInstance", "DanceEvent",
        "DeliveryEvent", "EducationEvent", "EventSeries", "ExhibitionEvent", "Festival", "FoodEvent",
        "Hackathon", "LiteraryEvent", "MusicEvent", "PublicationEvent", "BroadcastEvent",
        "OnDemandEvent", "SaleEvent", "ScreeningEvent", "SocialEvent", "SportsEvent",
        "TheaterEvent", "VisualArtsEvent",
    ]

    static func isEvent(_ node: SchemaNode) -> Bool {
        guard let first = node.firstType else { return false }
        return isEventName(first) || node.otherTypes.contains(where: isEventName)
    }

    /// `events.contains(name)` without hashing the name (SipHash, about 400 instructions a
    /// type, asked of every node): its UTF-8 length picks the few names it can equal. String
    /// equality is canonical equivalence, but no name holds one of the three ASCII characters a
    /// non-ASCII scalar is equivalent to (KELVIN SIGN to "K", U+037E to ";", U+1FEF to "`"), so
    /// a string equal to a name has its bytes, and its length. SchemaShortcutTests compares it
    /// with the Set.
    static func isEventName(_ name: String) -> Bool {
        switch name.utf8.count {
        case 5: name == "Event"
        case 8: name == "Festival"
        case 9: name == "FoodEvent" || name == "Hackathon" || name == "SaleEvent"
        case 10: name == "DanceEvent" || name == "MusicEvent"
        case 11: name == "ComedyEvent" || name == "EventSeries" || name == "SocialEvent" || name == "SportsEvent"
        case 12: name == "TheaterEvent"
        case 13: name == "BusinessEvent" || name == "DeliveryEvent" || name == "LiteraryEvent" || name == "OnDemandEvent"
        case 14: name == "ChildrensEvent" || name == "CourseInstance" || name == "EducationEvent" || name == "BroadcastEvent"
            || name == "ScreeningEvent"
        case 15: name == "ExhibitionEvent" || name == "VisualArtsEvent"
        case 16: name == "PublicationEvent"
        default: false
        }
    }
}

extension String {
    /// A decimal comma read as a point ("48,85" → "48.85"), for numbers pages write the French way.
    var replacingComma: String { replacing(",", with: ".") }
}
