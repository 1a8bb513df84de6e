// A microformats2 parser (the subset events need) with classic-microformats backward
// compatibility: roots, p-/u-/dt-/e- properties, nested items, the value-class pattern, implied
// name and url. Only known vocabularies count as roots, so CSS utility classes that merely
// look like roots (Tailwind's `h-full`, Bootstrap's `h-auto`) are ignored.

import Foundation
import LabfeedMarkup

/// One microformat item.
final class MFItem {
    var types: [String]
    /// Property name (without prefix) → values in document order.
    var properties: [String: [MFValue]] = [:]
    var children: [MFItem] = []
    let line: Int
    /// Whether a p-* or e-* property was stated (an implied name is then not made up).
    var hasTextProperty = false
    /// Parsed from classic class names (vevent, vcard, ...).
    let backcompat: Bool

    init(types: [String], line: Int, backcompat: Bool) {
        self.types = types
        self.line = line
        self.backcompat = backcompat
    }

    func add(_ name: String, _ value: MFValue) { properties[name, default: []].append(value) }

    /// The first textual value of a property (a nested item gives its `value`).
    func text(_ name: String) -> String? {
        for v in properties[name] ?? [] {
            let s = Whitespace.trim(v.text)
            if !s.isEmpty { return s }
        }
        return nil
    }
}

indirect enum MFValue {
    case text(String)
    /// `e-*`: plain text and sanitised HTML.
    case html(text: String, html: String)
    case item(MFItem, value: String)

    var text: String {
        switch self {
        case .text(let s): s
        case .html(let t, _): t
        case .item(_, let v): v
        }
    }

    var item: MFItem? { if case .item(let i, _) = self { return i } else { return nil } }
}

struct MicroformatsParser {
    let environment: ExtractionEnvironment

    /// The mf2 root vocabularies read as roots (see the file comment for why not every `h-*`).
    static let roots: Set<String> = [
        "h-adr", "h-card", "h-cite", "h-entry", "h-event", "h-feed", "h-geo", "h-item", "h-listing",
        "h-product", "h-recipe", "h-resume", "h-review", "h-review-aggregate",
    ]
    /// Classic roots and the mf2 type they stand for.
    static let classicRoots: [String: String] = ["vevent": "h-event", "vcard": "h-card", "adr": "h-adr", "geo": "h-geo"]
    /// Classic property class names per mf2 type, as mf2 property (prefix-name).
    static let classicProperties: [String: [String: String]] = [
        "h-event": ["summary": "p-name", "dtstart": "dt-start", "dtend": "dt-end", "duration": "dt-duration",
                    "description": "p-description", "url": "u-url", "location": "p-location", "category": "p-category",
                    "geo": "p-geo", "organizer": "p-organizer", "status": "p-status", "uid": "u-uid",
                    "photo": "u-photo", "attendee": "p-attendee", "contact": "p-contact"],
        "h-card": ["fn": "p-name", "org": "p-org", "url": "u-url", "adr": "p-adr", "street-address": "p-street-address",
                   "locality": "p-locality", "region": "p-region", "postal-code": "p-postal-code",
                   "country-name": "p-country-name", "geo": "p-geo", "latitude": "p-latitude", "longitude": "p-longitude",
                   "photo": "u-photo", "email": "u-email", "tel": "p-tel"],
        "h-adr": ["street-address": "p-street-address", "extended-address": "p-extended-address", "locality": "p-locality",
                  "region": "p-region", "postal-code": "p-postal-code", "country-name": "p-country-name",
                  "geo": "p-geo", "latitude": "p-latitude", "longitude": "p-longitude"],
        "h-geo": ["latitude": "p-latitude", "longitude": "p-longitude"],
    ]

    /// Every top-level item under `node`, in document order.
    func items(in node: MarkupNode) -> [MFItem] {
        var out: [MFItem] = []
        var stack = node.elements.reversed() as [MarkupNode]
        while let el = stack.popLast() {
            let classes = Self.classes(el)
            if let (types, classic) = Self.rootTypes(classes) {
                out.append(parseItem(el, types: types, backcompat: classic, depth: 0))
            } else {
                stack += el.elements.reversed()
            }
        }
        return out
    }

    static func classes(_ el: MarkupNode) -> [String] {
        guard let value = el.attribute("class"), !value.isEmpty else { return [] }
        return value.utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) })
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The item types an element's classes make it root of: mf2 first, else classic.
    static func rootTypes(_ classes: [String]) -> ([String], Bool)? {
        let mf2 = classes.filter(roots.contains)
        if !mf2.isEmpty { return (Array(Set(mf2)).sorted(), false) }
        let classic = classes.compactMap { classicRoots[$0] }
        if !classic.isEmpty { return (Array(Set(classic)).sorted(), true) }
        return nil
    }

    /// The properties an element's classes give to a parent of `parentTypes`: (prefix, name).
    static func propertyClasses(_ classes: [String], parentTypes: [String], backcompat: Bool) -> [(String, String)] {
        var out: [(String, String)] = []
        if backcompat {
            for c in classes {
                for t in parentTypes {
                    if let mapped = classicProperties[t]?[c], let dash = mapped.firstIndex(of: "-") {
                        out.append((String(mapped[..<dash]), String(mapped[mapped.index(after: dash)...])))
                    }
                }
            }
        } else {
            for c in classes {
                guard let dash = c.firstIndex(of: "-") else { continue }
                let prefix = String(c[..<dash]), name = String(c[c.index(after: dash)...])
                if ["p", "u", "dt", "e"].contains(prefix) && isPropertyName(name) { out.append((prefix, name)) }
            }
        }
        var seen = Set<String>()
        return out.filter { seen.insert("\($0.0)-\($0.1)").inserted }
    }

    /// `name`, `street-address`, `x-status`: letters in dash-separated parts (a vendor part may
    /// hold digits); `4`, `2xl` (spacing utilities) are not property names.
    static func isPropertyName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        let letters = { (p: Substring) in p.allSatisfy { $0 >= "a" && $0 <= "z" } }
        if parts.count == 1 { return letters(parts[0]) }
        return parts[0].allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") } && parts.dropFirst().allSatisfy(letters)
    }

    func parseItem(_ el: MarkupNode, types: [String], backcompat: Bool, depth: Int) -> MFItem {
        let item = MFItem(types: types, line: el.line, backcompat: backcompat)
        guard depth < 16 else { return item }
        for child in el.elements { parseElement(child, into: item, depth: depth) }
        if !backcompat { imply(item, el) }
        // Classic `<abbr class="geo" title="45.83;1.26">`: the coordinates are the geo's text.
        if backcompat && types.contains("h-geo") && item.properties["latitude"] == nil {
            item.add("name", .text(el.attribute("title") ?? el.text))
        }
        return item
    }

    private func parseElement(_ el: MarkupNode, into item: MFItem, depth: Int) {
        let classes = Self.classes(el)
        let props = Self.propertyClasses(classes, parentTypes: item.types, backcompat: item.backcompat)
        if let (types, classic) = Self.rootTypes(classes) {
            let nested = parseItem(el, types: types, backcompat: classic, depth: depth + 1)
            if props.isEmpty {
                item.children.append(nested)
            } else {
                for (prefix, name) in props {
                    let value: String
                    switch prefix {
                    case "u": value = nested.text("url") ?? propertyValue(prefix, el).text
                    case "e": value = HTMLText.plainText(of: el, paragraphs: true)
                    default: value = nested.text("name") ?? propertyValue(prefix, el).text
                    }
                    item.add(name, .item(nested, value: value))
                }
            }
            return
        }
        for (prefix, name) in props {
            item.add(name, propertyValue(prefix, el))
            if prefix == "p" || prefix == "e" { item.hasTextProperty = true }
        }
        for child in el.elements { parseElement(child, into: item, depth: depth) }
    }

    // MARK: - Values

    func propertyValue(_ prefix: String, _ el: MarkupNode) -> MFValue {
        switch prefix {
        case "u":
            let raw: String? = switch el.name {
            case "a", "area", "link": el.attribute("href")
            case "img", "audio", "source", "iframe": el.attribute("src")
            case "video": el.attribute("src") ?? el.attribute("poster")
            case "object": el.attribute("data")
            default: nil
            }
            let text = raw ?? valueClass(el)?.joined() ?? (el.name == "abbr" ? el.attribute("title") : nil)
                ?? ((el.name == "data" || el.name == "input") ? el.attribute("value") : nil) ?? HTMLText.plainText(of: el, paragraphs: true)
            return .text(environment.resolve(text) ?? text)
        case "dt":
            if let parts = valueClass(el) { return .text(MFDate.combine(parts)) }
            let text = ((el.name == "time" || el.name == "ins" || el.name == "del") ? el.attribute("datetime") : nil)
                ?? (el.name == "abbr" ? el.attribute("title") : nil)
                ?? ((el.name == "data" || el.name == "input") ? el.attribute("value") : nil)
                ?? el.text
            return .text(Whitespace.trim(text))
        case "e":
            let html = HTMLText.sanitizedPageHTML(childrenOf: el, baseURL: environment.base)
            return .html(text: HTMLText.plainText(of: el, paragraphs: true), html: html)
        default:
            if let parts = valueClass(el) { return .text(Whitespace.trim(parts.joined())) }
            if (el.name == "abbr" || el.name == "link"), let title = el.attribute("title") { return .text(title) }
            if (el.name == "data" || el.name == "input"), let value = el.attribute("value") { return .text(value) }
            if (el.name == "img" || el.name == "area"), let alt = el.attribute("alt") { return .text(alt) }
            return .text(HTMLText.plainText(of: el, paragraphs: true, imageAlt: true))
        }
    }

    /// The value-class pattern: the values of descendants classed `value` (or `value-title`,
    /// read from `title`), not inside nested items or other properties; nil when there are none.
    func valueClass(_ el: MarkupNode) -> [String]? {
        var out: [String] = []
        var stack = el.elements.reversed() as [MarkupNode]
        while let c = stack.popLast() {
            let classes = Self.classes(c)
            if Self.rootTypes(classes) != nil { continue }
            if classes.contains("value-title") {
                if let title = c.attribute("title") { out.append(title) }
                continue
            }
            if classes.contains("value") {
                let v: String? = switch c.name {
                case "img", "area": c.attribute("alt")
                case "data": c.attribute("value") ?? c.text
                case "abbr": c.attribute("title") ?? c.text
                case "time", "ins", "del": c.attribute("datetime") ?? c.text
                default: c.text
                }
                if let v { out.append(Whitespace.trim(v)) }
                continue
            }
            stack += c.elements.reversed()
        }
        return out.isEmpty ? nil : out
    }

    /// Implied name (only when the item states no p-/e- property and nests no item) and url.
    private func imply(_ item: MFItem, _ el: MarkupNode) {
        if item.properties["name"] == nil && item.children.isEmpty
            && !item.properties.values.contains(where: { $0.contains { if case .item = $0 { true } else { false } } }) {
            if !item.hasTextProperty {
                let name: String? = switch el.name {
                case "img", "area": el.attribute("alt")
                case "abbr": el.attribute("title")
                default: nil
                }
                let text = name ?? HTMLText.plainText(of: el, paragraphs: true, imageAlt: true)
                if !text.isEmpty { item.add("name", .text(Whitespace.collapse(text))) }
            }
        }
        if item.properties["url"] == nil {
            var href: String?
            if el.name == "a" || el.name == "area" {
                href = el.attribute("href")
            } else {
                let links = el.elements.filter { $0.name == "a" && $0.attribute("href") != nil }
                if links.count == 1, Self.rootTypes(Self.classes(links[0])) == nil { href = links[0].attribute("href") }
            }
            if let href, let url = environment.resolve(href) { item.add("url", .text(url)) }
        }
    }
}
