// A schema.org node's properties: local name to value, in the order they were written.
// Contract: reads and writes like the `[String: SchemaValue]` it replaced (one value per name,
// a write replacing the value, nil removing it); iteration follows the order of first writes
// (a Dictionary's was arbitrary). A node holds a handful of properties, and the mapper asks for
// names most nodes lack: a short list compared by String equality costs less than hashing each
// name with SipHash, and needs no table grown key by key. Past ``linearLimit`` names (hostile or
// odd pages) a Dictionary of positions keeps lookups constant-time.

/// The properties of a ``SchemaNode``, in the order they were written.
struct SchemaProperties: Sequence, ExpressibleByDictionaryLiteral {
    typealias Element = (key: String, value: SchemaValue)

    /// Nodes with more names than this get an index.
    static let linearLimit = 16

    private var entries: [Element] = []
    /// Positions in `entries`, only past ``linearLimit`` names.
    private var positions: [String: Int]?

    init() {}

    init(dictionaryLiteral elements: (String, SchemaValue)...) {
        for (key, value) in elements { self[key] = value }
    }

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    var keys: [String] { entries.map(\.key) }

    mutating func reserveCapacity(_ capacity: Int) { entries.reserveCapacity(capacity) }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        for i in entries.indices where entries[i].key == key { return i }
        return nil
    }

    subscript(key: String) -> SchemaValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else if let i = position(of: key) {
                entries.remove(at: i)
                if positions != nil { reindex() }
            }
        }
    }

    /// Sets the value of `key`; returns the value it replaced, nil when the name is new.
    @discardableResult
    mutating func updateValue(_ value: SchemaValue, forKey key: String) -> SchemaValue? {
        if let i = position(of: key) {
            let old = entries[i].value
            entries[i].value = value
            return old
        }
        entries.append((key, value))
        if positions != nil {
            positions![key] = entries.count - 1
        } else if entries.count > Self.linearLimit {
            reindex()
        }
        return nil
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

    func makeIterator() -> IndexingIterator<[Element]> { entries.makeIterator() }
}
