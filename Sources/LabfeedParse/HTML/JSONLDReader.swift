// Events in <script type="application/ld+json">: top-level arrays, @graph with @id references,
// nested places, sub-events; invalid JSON repaired first (TolerantJSON), HTML entities decoded.

import Foundation
import LabfeedCore
import LabfeedMarkup
import Synchronization

enum JSONLDReader {
    /// The events of the page's `script[@type]` elements of type JSON-LD.
    static func events(in elements: PageElements, _ environment: ExtractionEnvironment, warnings: inout [String]) -> [Event] {
        let scripts = elements.scripts.filter {
            Whitespace.trim(($0.attribute("type") ?? "").lowercased()).hasPrefix("application/ld+json")
        }
        guard !scripts.isEmpty else { return [] }
        var roots: [SchemaValue] = []
        for script in scripts {
            let line = script.line
            let origin = "JSON-LD block at line \(line)"
            // Strict JSON (nearly every block) is read from libxml2's buffer, without the
            // script's String (the gathering and validation of 2.35 MB cost 26 M instructions
            // on the 200 corpus pages); what FastJSON refuses is read as before, from the String.
            if let value = script.withTextBytes({ FastJSON.schema(bytes: $0, origin: origin, line: line) }) {
                roots.append(value)
                continue
            }
            let text = script.text
            guard !Whitespace.isBlank(text) else { continue }  // (trimming copied the whole block)
            // FastJSON builds the schema.org values directly; JSONDecoder's tree is converted.
            let result = TolerantJSON.parse(
                text, fast: { FastJSON.schema($0, origin: origin, line: line) },
                convert: { convert($0, origin: origin, line: line) })
            guard let value = result.value else {
                warnings.append("\(origin): unreadable JSON even after repair (\(result.error ?? "syntax error")); block skipped")
                continue
            }
            if !result.repairs.isEmpty {
                warnings.append("\(origin): invalid JSON repaired (\(result.repairs.joined(separator: ", ")))")
            }
            roots.append(value)
        }
        return SchemaEventFinder.events(roots: roots, foundBy: .jsonLD, environment, warnings: &warnings)
    }

    /// JSON into schema.org values: `@graph` flattened into a list, `@value` unwrapped, keys and
    /// types without vocabulary, strings with their HTML entities decoded.
    static func convert(_ tree: JSONTree, origin: String, line: Int) -> SchemaValue {
        switch tree {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .text(HTMLText.decodeEntities(s))
        case .array(let items): return .list(items.map { convert($0, origin: origin, line: line) })
        case .object(let object):
            if let graph = object["@graph"] {
                var items = [convert(graph, origin: origin, line: line)]
                // Rarely, a graph object carries a node of its own beside @graph.
                if object["@type"] != nil {
                    var rest = object
                    rest["@graph"] = nil
                    items.append(convert(.object(rest), origin: origin, line: line))
                }
                return .list(items)
            }
            if let value = object["@value"] { return convert(value, origin: origin, line: line) }
            let node = SchemaNode(origin: origin, line: line)
            node.properties.reserveCapacity(object.count)  // grown key by key, it was resized twice per node
            for (key, value) in object {
                switch key {
                case "@context": continue
                case "@type":
                    node.types = convert(value, origin: origin, line: line).all.compactMap(\.string).map(SchemaNode.localName)
                case "@id":
                    node.id = convert(value, origin: origin, line: line).string
                default:
                    let name = SchemaNode.localName(key)
                    node.properties[name] = convert(value, origin: origin, line: line)
                }
            }
            return .node(node)
        }
    }
}

/// Finds the events in schema.org values and maps them, with `@id` references resolved.
enum SchemaEventFinder {
    /// Walk numbers, never reused in a process: a node marked by an earlier walk (or by a walk
    /// on another thread over other nodes) is never taken for one this walk reached.
    private static let walks = Atomic<UInt64>(0)

    /// A walk number no walk had before.
    static func nextWalk() -> UInt64 { walks.add(1, ordering: .relaxed).newValue }

    static func events(roots: [SchemaValue], foundBy: FoundBy, _ environment: ExtractionEnvironment, warnings: inout [String]) -> [Event] {
        // Index every node that has an @id; a fuller description wins over a bare reference.
        // Nodes reached are marked with this walk's number (was a Set of identities).
        let walk = nextWalk()
        var index: [String: SchemaNode] = [:]
        for root in roots { register(root, depth: 0, walk: walk, index: &index) }

        let mapper = SchemaEventMapper(index: index, environment: environment, foundBy: foundBy)
        var found: [(node: SchemaNode, parent: SchemaNode?)] = []
        for root in roots { visit(root, parent: nil, depth: 0, walk: walk, mapper: mapper, found: &found) }

        // A parent whose sub-events are only its timings (no name of their own) is told by them.
        let toldByTimings = Set(found.compactMap { item -> ObjectIdentifier? in
            guard let parent = item.parent, item.node.text(.name) == nil else { return nil }
            return ObjectIdentifier(parent)
        })
        var events: [Event] = []
        events.reserveCapacity(found.count)  // grown event by event, it was reallocated (and its events moved) log2(n) times
        for (node, parent) in found where !toldByTimings.contains(ObjectIdentifier(node)) {
            if let event = mapper.event(from: node, parent: parent, warnings: &warnings) { events.append(event) }
        }
        return events
    }

    // The two walks are static functions given their state, reading properties by position
    // (nested functions and their closures captured the mapper, copying its dictionary, zone
    // and strings for every node: the finder's own cost was 26.5 M on the corpus's 16,000
    // nodes, 13.2 M now). Each visits what `SchemaValue.forEachNode` gives, in its order: the nodes of a
    // value, lists flattened at the same depth; then what `forEachNodeHolder` gives of each.

    /// Indexes the nodes of `value` by `@id`, and those below them.
    private static func register(_ value: SchemaValue, depth: Int, walk: UInt64, index: inout [String: SchemaNode]) {
        guard depth < 64 else { return }
        switch value {
        case .node(let node): register(node: node, depth: depth, walk: walk, index: &index)
        case .list(let items): registerItems(items, depth: depth, walk: walk, index: &index)
        default: break
        }
    }

    /// ``register(_:depth:walk:index:)`` of a list's items, nested lists flattened (no depth of their own).
    private static func registerItems(_ items: [SchemaValue], depth: Int, walk: UInt64, index: inout [String: SchemaNode]) {
        for item in items {
            switch item {
            case .node(let node): register(node: node, depth: depth, walk: walk, index: &index)
            case .list(let inner): registerItems(inner, depth: depth, walk: walk, index: &index)
            default: break
            }
        }
    }

    private static func register(node: SchemaNode, depth: Int, walk: UInt64, index: inout [String: SchemaNode]) {
        guard node.indexedBy != walk else { return }
        node.indexedBy = walk
        if let id = node.id, (index[id]?.properties.count ?? -1) < node.properties.count { index[id] = node }
        let properties = node.properties
        for i in 0..<properties.count where properties.mayHoldNode(at: i) {
            register(properties.value(at: i), depth: depth + 1, walk: walk, index: &index)
        }
    }

    /// Notes the events among the nodes of `value` (references resolved), and their sub-events
    /// with them as parent; superEvent links are not followed.
    private static func visit(_ value: SchemaValue, parent: SchemaNode?, depth: Int, walk: UInt64, mapper: SchemaEventMapper,
                              found: inout [(node: SchemaNode, parent: SchemaNode?)]) {
        guard depth < 64 else { return }
        switch value {
        case .node(let node): visit(node: node, parent: parent, depth: depth, walk: walk, mapper: mapper, found: &found)
        case .list(let items): visitItems(items, parent: parent, depth: depth, walk: walk, mapper: mapper, found: &found)
        default: break
        }
    }

    /// ``visit(_:parent:depth:walk:mapper:found:)`` of a list's items, nested lists flattened.
    private static func visitItems(_ items: [SchemaValue], parent: SchemaNode?, depth: Int, walk: UInt64, mapper: SchemaEventMapper,
                                   found: inout [(node: SchemaNode, parent: SchemaNode?)]) {
        for item in items {
            switch item {
            case .node(let node): visit(node: node, parent: parent, depth: depth, walk: walk, mapper: mapper, found: &found)
            case .list(let inner): visitItems(inner, parent: parent, depth: depth, walk: walk, mapper: mapper, found: &found)
            default: break
            }
        }
    }

    private static func visit(node raw: SchemaNode, parent: SchemaNode?, depth: Int, walk: UInt64, mapper: SchemaEventMapper,
                              found: inout [(node: SchemaNode, parent: SchemaNode?)]) {
        let node = mapper.resolve(raw)
        guard node.visitedBy != walk else { return }
        node.visitedBy = walk
        let isEvent = SchemaTypes.isEvent(node)
        if isEvent { found.append((node, parent)) }
        // Names told by slot where they have one (`SchemaProperties.key(slot:_:is:)`).
        let properties = node.properties
        for i in 0..<properties.count where properties.mayHoldNode(at: i) && !properties.key(at: i, is: .superEvent) {
            let childParent = isEvent && properties.key(at: i, is: .subEvent) ? node : nil
            visit(properties.value(at: i), parent: childParent, depth: depth + 1, walk: walk, mapper: mapper, found: &found)
        }
    }
}
