// A schema.org node's properties: local name to value, in the order they were written.
// Contract: reads and writes like the `[String: SchemaValue]` it replaced (one value per name,
// a write replacing the value, nil removing it); iteration follows the order of first writes
// (a Dictionary's was arbitrary). A node holds a handful of properties, and the mapper asks for
// names most nodes lack: a short list costs less than hashing each name with SipHash, and needs
// no table grown key by key. Past ``linearLimit`` names (hostile or odd pages) a Dictionary of
// positions keeps lookups constant-time.
// Names FastJSON matched in ``SchemaKeys``'s table keep their place in it (a slot), and the
// mapper asks by slot (``SchemaName``): one byte compared instead of two Strings. A name read
// otherwise (escaped, prefixed, microdata, RDFa) has no slot and is compared as a String, so a
// lookup by slot finds what a lookup by the slot's String finds (`name(_:)` is that reference).

/// The properties of a ``SchemaNode``, in the order they were written.
struct SchemaProperties: Sequence, ExpressibleByDictionaryLiteral {
    typealias Element = (key: String, value: SchemaValue)

    /// Nodes with more names than this get an index.
    static let linearLimit = 16

    /// A property, with its name's slot in ``SchemaKeys/names`` or ``SchemaKeys/noSlot``.
    fileprivate struct Entry {
        var key: String
        var value: SchemaValue
        var slot: UInt8
    }

    private var entries: [Entry] = []
    /// How many entries have no slot: lookups by slot compare those by String.
    private var unslotted = 0
    /// Positions in `entries`, only past ``linearLimit`` names.
    private var positions: [String: Int]?

    init() {}

    init(dictionaryLiteral elements: (String, SchemaValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    var keys: [String] { entries.map(\.key) }
    /// Whether every name has a slot (a name given by slot is then new when its slot is).
    var allSlotted: Bool { unslotted == 0 }

    mutating func reserveCapacity(_ capacity: Int) { entries.reserveCapacity(capacity) }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        for i in entries.indices where entries[i].key == key { return i }
        return nil
    }

    /// ``position(of:)`` of the name's String, comparing slots where entries have one: a slotted
    /// entry's key is its slot's String, and the table's Strings are distinct ASCII names.
    private func position(of name: SchemaName) -> Int? {
        if positions != nil { return position(of: name.text) }
        if unslotted == 0 {
            for i in entries.indices where entries[i].slot == name.slot { return i }
            return nil
        }
        for i in entries.indices {
            let slot = entries[i].slot
            if slot == name.slot || (slot == SchemaKeys.noSlot && entries[i].key == name.text) { return i }
        }
        return nil
    }

    subscript(key: String) -> SchemaValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else if let i = position(of: key) {
                if entries[i].slot == SchemaKeys.noSlot { unslotted -= 1 }
                entries.remove(at: i)
                if positions != nil { reindex() }
            }
        }
    }

    /// The value of a name of ``SchemaKeys``'s table: what `self[name.text]` gives.
    subscript(name: SchemaName) -> SchemaValue? {
        position(of: name).map { entries[$0].value }
    }

    /// ``SchemaNode/text(_:)-(SchemaName)``: the first text of a name's value, a text value
    /// (nearly every one the mapper asks for) trimmed where it is stored, without the copy of
    /// the value a lookup returns (retained, switched on, released: about 130 instructions of
    /// the 410 a call cost); any other value through ``SchemaNode/firstText(_:)``.
    func firstText(_ name: SchemaName) -> String? {
        guard let i = position(of: name) else { return nil }
        if case .text(let s) = entries[i].value {
            let t = Whitespace.trim(s)
            return t.isEmpty ? nil : t
        }
        return SchemaNode.firstText(entries[i].value)
    }

    /// ``SchemaNode/textOrID(_:)-(SchemaName)``, a text value read in place as in ``firstText(_:)``.
    func firstTextOrID(_ name: SchemaName) -> String? {
        guard let i = position(of: name) else { return nil }
        if case .text(let s) = entries[i].value {
            let t = Whitespace.trim(s)
            return t.isEmpty ? nil : t
        }
        return SchemaNode.firstTextOrID(entries[i].value)
    }

    /// Sets the value of `key`; returns the value it replaced, nil when the name is new.
    @discardableResult
    mutating func updateValue(_ value: SchemaValue, forKey key: String) -> SchemaValue? {
        updateValue(value, forKey: key, slot: SchemaKeys.noSlot)
    }

    /// ``updateValue(_:forKey:)`` for a key whose slot is known (``SchemaKeys/noSlot`` for none):
    /// `key` must then be `SchemaKeys.names[slot]`.
    @discardableResult
    mutating func updateValue(_ value: SchemaValue, forKey key: String, slot: UInt8) -> SchemaValue? {
        if let i = position(of: key) {
            let old = entries[i].value
            entries[i].value = value
            return old
        }
        append(value, forKey: key, slot: slot)
        return nil
    }

    /// Adds a name the caller knows is new (no entry's key equals it), without looking.
    mutating func append(_ value: SchemaValue, forKey key: String, slot: UInt8) {
        entries.append(Entry(key: key, value: value, slot: slot))
        if slot == SchemaKeys.noSlot { unslotted += 1 }
        if positions != nil {
            positions![key] = entries.count - 1
        } else if entries.count > Self.linearLimit {
            reindex()
        }
    }

    private mutating func reindex() {
        guard entries.count > Self.linearLimit else {
            positions = nil
            return
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (i, entry) in entries.enumerated() { index[entry.key] = i }
        positions = index
    }

    /// Calls `body` with each value that can hold a node (``SchemaValue/mayHoldNode``), in
    /// order, with its name's slot and String: what `for (key, value) in self where
    /// value.mayHoldNode` gives, without a (key, value) pair copied (both retained, then
    /// released) for each property. ``key(slot:_:is:)`` tells a name by its slot.
    func forEachNodeHolder(_ body: (_ value: SchemaValue, _ slot: UInt8, _ key: String) -> Void) {
        for i in entries.indices where entries[i].value.mayHoldNode {
            body(entries[i].value, entries[i].slot, entries[i].key)
        }
    }

    /// Whether the value at `position` (in write order, `0..<count`) can hold a node: what
    /// ``forEachNodeHolder(_:)`` tests, for walks that call no closure per node.
    @inline(__always)
    func mayHoldNode(at position: Int) -> Bool { entries[position].value.mayHoldNode }

    /// The value at `position` (in write order, `0..<count`).
    @inline(__always)
    func value(at position: Int) -> SchemaValue { entries[position].value }

    /// Whether the key at `position` is `name.text`: ``key(slot:_:is:)`` of that entry.
    @inline(__always)
    func key(at position: Int, is name: SchemaName) -> Bool {
        Self.key(slot: entries[position].slot, entries[position].key, is: name)
    }

    /// Whether an entry's key is `name.text`, by its slot when it has one (a slotted entry's key
    /// is its slot's String, and the table's names are distinct ASCII names).
    @inline(__always)
    static func key(slot: UInt8, _ key: String, is name: SchemaName) -> Bool {
        slot == name.slot || (slot == SchemaKeys.noSlot && key == name.text)
    }

    struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Entry]>
        mutating func next() -> Element? { base.next().map { ($0.key, $0.value) } }
    }

    func makeIterator() -> Iterator { Iterator(base: entries.makeIterator()) }
}

/// A property name of ``SchemaKeys``'s table, by its slot there: what the mapper asks nodes
/// for. Each static member's slot is its name's index in ``SchemaKeys/names`` (a test checks
/// every one).
struct SchemaName: Equatable {
    let slot: UInt8

    /// The name itself.
    var text: String { SchemaKeys.names[Int(slot)] }

    static var name: SchemaName { SchemaName(slot: 5) }
    static var url: SchemaName { SchemaName(slot: 6) }
    static var startDate: SchemaName { SchemaName(slot: 7) }
    static var endDate: SchemaName { SchemaName(slot: 8) }
    static var description: SchemaName { SchemaName(slot: 9) }
    static var location: SchemaName { SchemaName(slot: 10) }
    static var address: SchemaName { SchemaName(slot: 11) }
    static var streetAddress: SchemaName { SchemaName(slot: 12) }
    static var addressLocality: SchemaName { SchemaName(slot: 13) }
    static var postalCode: SchemaName { SchemaName(slot: 14) }
    static var addressRegion: SchemaName { SchemaName(slot: 15) }
    static var addressCountry: SchemaName { SchemaName(slot: 16) }
    static var geo: SchemaName { SchemaName(slot: 17) }
    static var latitude: SchemaName { SchemaName(slot: 18) }
    static var longitude: SchemaName { SchemaName(slot: 19) }
    static var organizer: SchemaName { SchemaName(slot: 20) }
    static var offers: SchemaName { SchemaName(slot: 21) }
    static var price: SchemaName { SchemaName(slot: 22) }
    static var lowPrice: SchemaName { SchemaName(slot: 23) }
    static var priceCurrency: SchemaName { SchemaName(slot: 24) }
    static var isAccessibleForFree: SchemaName { SchemaName(slot: 27) }
    static var keywords: SchemaName { SchemaName(slot: 28) }
    static var image: SchemaName { SchemaName(slot: 29) }
    static var contentUrl: SchemaName { SchemaName(slot: 30) }
    static var superEvent: SchemaName { SchemaName(slot: 31) }
    static var subEvent: SchemaName { SchemaName(slot: 32) }
    static var inLanguage: SchemaName { SchemaName(slot: 33) }
    static var alternateName: SchemaName { SchemaName(slot: 34) }
    static var eventAttendanceMode: SchemaName { SchemaName(slot: 35) }
    static var eventStatus: SchemaName { SchemaName(slot: 36) }
    static var previousStartDate: SchemaName { SchemaName(slot: 37) }
    static var duration: SchemaName { SchemaName(slot: 38) }
}
