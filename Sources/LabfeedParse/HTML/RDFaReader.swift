// Events in RDFa Lite with the schema.org vocabulary (`vocab`, `typeof`, `property`,
// `resource`, `content`), as schema.org's own examples write them. Built into schema.org
// values like microdata and reported as found_by "microdata" (the same data model; the JSON
// contract has no separate value for RDFa).

import Foundation
import LabfeedCore
import LabfeedMarkup

enum RDFaReader {
    /// The events of the page's `*[@typeof]` elements.
    static func events(in elements: PageElements, _ environment: ExtractionEnvironment, warnings: inout [String]) -> [Event] {
        let typed = elements.typed.filter { $0.attribute("itemscope") == nil }
        guard !typed.isEmpty else { return [] }
        let builder = Builder(environment: environment)
        // Items whose own element carries no property: the top of each RDFa tree.
        let roots = typed.filter { $0.attribute("property") == nil }.map { SchemaValue.node(builder.item($0, depth: 0)) }
        return SchemaEventFinder.events(roots: roots, foundBy: .microdata, environment, warnings: &warnings)
    }

    struct Builder {
        let environment: ExtractionEnvironment

        func item(_ element: MarkupNode, depth: Int) -> SchemaNode {
            let node = SchemaNode(
                types: (element.attribute("typeof") ?? "").split(whereSeparator: \.isWhitespace).map { SchemaNode.localName(String($0)) },
                id: element.attribute("resource").map { Whitespace.trim($0) },
                origin: "RDFa item <\(element.name) typeof> at line \(element.line)",
                line: element.line)
            guard depth < 16 else { return node }
            var stack = element.elements.reversed() as [MarkupNode]
            var count = 0
            while let el = stack.popLast(), count < 200_000 {
                count += 1
                if let names = el.attribute("property") {
                    let value: SchemaValue = el.attribute("typeof") != nil ? .node(item(el, depth: depth + 1)) : .text(self.value(of: el))
                    for name in names.split(whereSeparator: \.isWhitespace) {
                        let key = SchemaNode.localName(String(name))
                        node.properties[key] = node.properties[key].map { .list($0.all + [value]) } ?? value
                    }
                }
                // A nested item's properties belong to it.
                if el.attribute("typeof") == nil { stack += el.elements.reversed() }
            }
            return node
        }

        /// `content` first, then the element's link (`href`, `src`, `resource`), `datetime`, text.
        func value(of el: MarkupNode) -> String {
            if let content = el.attribute("content") { return content }
            if let link = el.attribute("href") ?? el.attribute("src") ?? el.attribute("resource") {
                return environment.resolve(link) ?? link
            }
            if let datetime = el.attribute("datetime") { return datetime }
            return HTMLText.plainText(of: el, paragraphs: true)
        }
    }
}
