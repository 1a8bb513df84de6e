// Events picked by a source's own selectors (feeds.yml `extract:`): one item selector, field
// selectors relative to each item, in XPath 1.0 or CSS (compiled to XPath).

import Foundation
import LabfeedCore
import LabfeedMarkup

enum SelectorReader {
    static func events(in document: MarkupDocument, rules: ExtractRules, _ environment: ExtractionEnvironment, warnings: inout [String]) -> [Event] {
        guard let itemPath = compile(rules.item, relative: false, key: "item", warnings: &warnings) else { return [] }
        let items: [MarkupNode]
        do {
            items = try document.select(itemPath)
        } catch {
            warnings.append("selector item \(describe(rules.item)): \(error.message)")
            return []
        }
        if items.isEmpty { warnings.append("selector item \(describe(rules.item)) matched nothing in the page") }
        var fields: [String: String] = [:]
        for (key, selector) in rules.all where key != "item" {
            if let path = compile(selector, relative: true, key: key, warnings: &warnings) { fields[key] = path }
        }

        var events: [Event] = []
        for (n, item) in items.enumerated() {
            let where_ = "selector item #\(n + 1) (<\(item.name)> at line \(item.line))"
            func pick(_ key: String) -> Picked? {
                guard let path = fields[key] else { return nil }
                return Picked.read(path, at: item, in: document)
            }
            let title = (pick("title")?.text ?? (rules.title == nil ? nil : "")).map { Whitespace.collapse($0) } ?? headingText(item)
            guard let title, !title.isEmpty else {
                warnings.append("\(where_): no title; skipped")
                continue
            }
            guard let startPick = pick("start") ?? (rules.start == nil ? Picked.timeElement(in: item) : nil) else {
                warnings.append("\(where_): “\(title)” has no start date; skipped")
                continue
            }
            guard let read = readDate(startPick, day: nil, environment) else {
                warnings.append("\(where_): “\(title)” has an unreadable start “\(Whitespace.collapse(startPick.raw))”; skipped")
                continue
            }
            var event = Event(title: title, start: read.start, end: read.end, timeZone: environment.zone.identifier,
                              foundBy: .selectors, confidence: 0.8)
            if let endPick = pick("end") {
                if let end = readDate(endPick, day: read.start.date, environment)?.start {
                    event.end = end
                } else {
                    warnings.append("\(where_): “\(title)” has an unreadable end “\(Whitespace.collapse(endPick.raw))”; end left empty")
                }
            }
            if let e = event.end, e < event.start { event.end = nil }
            if let place = pick("location").map({ Whitespace.collapse($0.text) }), !place.isEmpty { event.location = Location(name: place) }
            if let link = pick("link") {
                event.url = environment.resolve(link.node?.attribute("href") ?? link.node.flatMap(firstHref) ?? link.text)
            } else if rules.link == nil {
                event.url = firstHref(item).flatMap(environment.resolve)
            }
            if let d = pick("description") {
                if let node = d.node {
                    event.description = HTMLText.plainText(of: node, paragraphs: true)
                    let html = HTMLText.sanitizedPageHTML(childrenOf: node, baseURL: environment.base)
                    event.descriptionHTML = html.isEmpty || html == HTMLText.escape(event.description ?? "", quotes: false) ? nil : html
                } else {
                    event.description = Whitespace.collapseParagraphs(d.text)
                }
                if event.description?.isEmpty == true { event.description = nil }
            }
            events.append(event)
        }
        return events
    }

    /// What a field selector picked: an element (whose attributes can be read) or a string.
    struct Picked {
        var node: MarkupNode?
        var text: String
        /// What a date is read from: the element's `datetime` or `content`, else those of the
        /// first `<time datetime>` inside it, else the text.
        var raw: String {
            guard let node else { return text }
            return node.attribute("datetime") ?? node.attribute("content")
                ?? (try? node.select(".//time[@datetime]"))?.first?.attribute("datetime") ?? text
        }

        static func read(_ path: String, at item: MarkupNode, in document: MarkupDocument) -> Picked? {
            guard let value = try? document.evaluate(path, at: item) else { return nil }
            switch value {
            case .nodes(let nodes):
                guard let first = nodes.first else { return nil }
                if first.isElement { return Picked(node: first, text: HTMLText.plainText(of: first, paragraphs: true)) }
                // An attribute or text node: XPath's own string-value.
                let text = (try? document.string("string((\(path))[1])", at: item)) ?? first.text
                return Picked(node: nil, text: Whitespace.trim(text))
            case .string, .number, .boolean:
                let s = Whitespace.trim(value.stringValue)
                return s.isEmpty ? nil : Picked(node: nil, text: s)
            }
        }

        /// Without a start selector: the item's first `<time datetime>`.
        static func timeElement(in item: MarkupNode) -> Picked? {
            guard let time = (try? item.select(".//time[@datetime]"))?.first else { return nil }
            return Picked(node: time, text: HTMLText.plainText(of: time, paragraphs: true))
        }
    }

    /// A date from what a selector picked: ISO 8601 (attributes first), loose microformat forms,
    /// `08/11/2022 9h30`, then the context's text reader. A time alone takes `day`.
    static func readDate(_ picked: Picked, day: CivilDate?, _ environment: ExtractionEnvironment) -> (start: EventTime, end: EventTime?)? {
        for text in [picked.raw, picked.text] where !text.isEmpty {
            if let t = StructuredDate.eventTime(text, zone: environment.zone) { return (t, nil) }
            if let parts = MFDate.parse(text), let t = MFDate.eventTime(parts, day: day, zone: environment.zone) { return (t, nil) }
            if let t = numericDate(text, zone: environment.zone) { return (t, nil) }
            if let reader = environment.dateReader, let read = reader(Whitespace.collapse(text), environment.zone) { return read }
        }
        return nil
    }

    /// `08/11/2022`, `8.11.2022 à 9h30`, `08-11-2022 09:30` (day first, as in France).
    static func numericDate(_ text: String, zone: TimeZone) -> EventTime? {
        let chars = Array(text)
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var v = 0, n = 0
            while i < chars.count, n < maxDigits, let d = chars[i].wholeNumberValue, chars[i].isASCII { v = v * 10 + d; n += 1; i += 1 }
            return n == 0 ? nil : v
        }
        while i < chars.count {
            let start = i
            if chars[i].isNumber, start == 0 || !chars[start - 1].isNumber,
               let d = number(maxDigits: 2), i < chars.count, "/.-".contains(chars[i]) {
                let sep = chars[i]
                i += 1
                if let m = number(maxDigits: 2), i < chars.count, chars[i] == sep {
                    i += 1
                    if let y = number(maxDigits: 4), y >= 1900, i == chars.count || !chars[i].isNumber,
                       CivilDate.isValid(year: y, month: m, day: d) {
                        let date = CivilDate(year: y, month: m, day: d)
                        let rest = Whitespace.trim(String(chars[i...]))
                        let timeText = rest.hasPrefix("à") ? Whitespace.trim(rest.dropFirst()) : rest
                        let token = timeText.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                        if let time = MFDate.parseTime(token), let hour = time.hour {
                            return .time(LocalDateTime(date: date, hour: hour, minute: time.minute, in: zone))
                        }
                        return .day(date)
                    }
                }
            }
            i = start + 1
        }
        return nil
    }

    private static func headingText(_ item: MarkupNode) -> String? {
        guard let h = (try? item.select("(.//h1|.//h2|.//h3|.//h4|.//h5|.//h6)[1]"))?.first else { return nil }
        let t = Whitespace.collapse(HTMLText.plainText(of: h, paragraphs: true))
        return t.isEmpty ? nil : t
    }

    private static func firstHref(_ node: MarkupNode) -> String? {
        if node.name == "a", let href = node.attribute("href") { return href }
        return (try? node.select(".//a[@href]"))?.first?.attribute("href")
    }

    static func compile(_ selector: Selector, relative: Bool, key: String, warnings: inout [String]) -> String? {
        switch selector.syntax {
        case .xpath:
            if let why = XPath.problem(in: selector.expression) {
                warnings.append("selector \(key) \(describe(selector)): invalid XPath: \(why)")
                return nil
            }
            return selector.expression
        case .css:
            do {
                return try CSSSelector.xpath(for: selector.expression, relative: relative)
            } catch {
                warnings.append("selector \(key) \(describe(selector)): invalid CSS: \(error.description)")
                return nil
            }
        }
    }

    static func describe(_ selector: Selector) -> String {
        "`\(selector.expression)`" + (selector.position.map { " (\($0))" } ?? "")
    }
}
