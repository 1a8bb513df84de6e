// Events in HTML microdata (itemscope / itemtype / itemprop / itemref / itemid), built into
// schema.org values and mapped by the same SchemaEventMapper as JSON-LD.

import Foundation
import LabfeedCore
import LabfeedMarkup

enum MicrodataReader {
    /// The events of the page's `*[@itemscope]` elements.
    static func events(in elements: PageElements, document: MarkupDocument, _ environment: ExtractionEnvironment, warnings: inout [String]) -> [Event] {
        let scopes = elements.itemScopes
        guard !scopes.isEmpty else { return [] }
        var builder = Builder(document: document, environment: environment)
        // Top-level items: those that are no other item's property.
        let roots = scopes.filter { $0.attribute("itemprop") == nil }.map { SchemaValue.node(builder.item($0, depth: 0)) }
        return SchemaEventFinder.events(roots: roots, foundBy: .microdata, environment, warnings: &warnings)
    }

    struct Builder {
        let document: MarkupDocument
        let environment: ExtractionEnvironment
        var byID: [String: MarkupNode]?

        init(document: MarkupDocument, environment: ExtractionEnvironment) {
            self.document = document
            self.environment = environment
        }

        /// The item an `itemscope` element describes, with its properties (itemref included).
        mutating func item(_ element: MarkupNode, depth: Int) -> SchemaNode {
            let node = SchemaNode(
                types: (element.attribute("itemtype") ?? "").split(whereSeparator: \.isWhitespace).map { SchemaNode.localName(String($0)) },
                id: element.attribute("itemid").map { Whitespace.trim($0) },
                origin: "microdata item <\(element.name)> at line \(element.line)",
                line: element.line)
            guard depth < 16 else { return node }
            var properties: [(String, SchemaValue)] = []
            // A stack, popped from the end: children in document order, then itemref targets.
            var pending: [MarkupNode] = []
            for ref in (element.attribute("itemref") ?? "").split(whereSeparator: \.isWhitespace).reversed() {
                if let target = lookup(String(ref)) { pending.append(target) }
            }
            pending += element.elements.reversed()
            var visited = Set<MarkupNode>([element])
            var guardCount = 0
            while let el = pending.popLast(), guardCount < 200_000 {
                guardCount += 1
                guard visited.insert(el).inserted else { continue }
                if let names = el.attribute("itemprop") {
                    let value = self.value(of: el, depth: depth)
                    for name in names.split(whereSeparator: \.isWhitespace) {
                        properties.append((SchemaNode.localName(String(name)), value))
                    }
                }
                // A nested item's own properties belong to it, not to this item.
                if el.attribute("itemscope") == nil { pending += el.elements.reversed() }
            }
            for (name, value) in properties {
                if let existing = node.properties[name] {
                    node.properties[name] = .list(existing.all + [value])
                } else {
                    node.properties[name] = value
                }
            }
            return node
        }

        /// A property's value, by element as the microdata spec says; `content` wins anywhere
        /// (sites put ISO dates in `<span content>`).
        mutating func value(of el: MarkupNode, depth: Int) -> SchemaValue {
            if el.attribute("itemscope") != nil { return .node(item(el, depth: depth + 1)) }
            if let content = el.attribute("content") { return .text(content) }
            switch el.name {
            case "meta": return .text("")
            case "audio", "embed", "iframe", "img", "source", "track", "video":
                return .text(environment.resolve(el.attribute("src")) ?? "")
            case "a", "area", "link":
                return .text(environment.resolve(el.attribute("href")) ?? "")
            case "object":
                return .text(environment.resolve(el.attribute("data")) ?? "")
            case "data", "meter":
                return .text(el.attribute("value") ?? HTMLText.plainText(of: el, paragraphs: true))
            case "time":
                return .text(el.attribute("datetime") ?? Whitespace.trim(el.text))
            default:
                return .text(HTMLText.plainText(of: el, paragraphs: true))
            }
        }

        private mutating func lookup(_ id: String) -> MarkupNode? {
            if byID == nil {
                var map: [String: MarkupNode] = [:]
                for el in (try? document.select("/descendant::*[@id]")) ?? [] {
                    if let key = el.attribute("id"), map[key] == nil { map[key] = el }
                }
                byID = map
            }
            return byID?[id]
        }
    }
}
