// iCalendar (RFC 5545) text into a tree of components and properties: line unfolding on bytes
// (a fold may split a UTF-8 sequence), parameter parsing with quoted values, BEGIN/END nesting.
// Tolerant: LF-only line ends, unterminated components and stray lines become warnings.

import Foundation
import LabfeedMarkup

/// One content line: `NAME;PARAM=VALUE:value`.
struct ICSProperty: Sendable {
    /// Upper-cased name (`DTSTART`).
    var name: String
    /// Upper-cased parameter names to their values (quotes removed; several values kept apart).
    var parameters: [String: [String]]
    /// The raw value, still escaped.
    var value: String
    /// The physical line it starts on (1-based).
    var line: Int

    func parameter(_ name: String) -> String? { parameters[name]?.first }
}

/// A `BEGIN:X` ... `END:X` block.
struct ICSComponent: Sendable {
    var name: String
    var properties: [ICSProperty] = []
    var components: [ICSComponent] = []
    var line: Int

    func first(_ name: String) -> ICSProperty? { properties.first { $0.name == name } }
    func all(_ name: String) -> [ICSProperty] { properties.filter { $0.name == name } }
}

/// Reads iCalendar bytes into components.
enum ICSReader {
    /// The top-level components (normally one `VCALENDAR`), with warnings.
    static func read(_ input: [UInt8], warnings: inout [String]) -> [ICSComponent] {
        var unclosed: String?
        return read(input, warnings: &warnings, unclosed: &unclosed)
    }

    /// The same, and in `unclosed` the first component still open at the end of the input (a
    /// calendar cut short), as `line N: VEVENT`.
    static func read(_ input: [UInt8], warnings: inout [String], unclosed: inout String?) -> [ICSComponent] {
        let bytes = stripBOM(input)
        var roots: [ICSComponent] = []
        var stack: [ICSComponent] = []
        var warnedEncoding = false
        for (line, number) in unfold(bytes) {
            guard !line.isEmpty else { continue }
            // Validity is judged after unfolding: a fold may split a UTF-8 sequence.
            let text: String
            if Charset.isValidUTF8(line) {
                text = String(decoding: line, as: UTF8.self)
            } else {
                if !warnedEncoding {
                    warnings.append("line \(number): the calendar is not valid UTF-8; such lines read as windows-1252")
                    warnedEncoding = true
                }
                text = String(bytes: line, encoding: .windowsCP1252) ?? String(decoding: line, as: UTF8.self)
            }
            guard let property = parseLine(text, number: number) else {
                warnings.append("line \(number): not an iCalendar content line, skipped: \(String(text.prefix(60)).debugDescription)")
                continue
            }
            switch property.name {
            case "BEGIN":
                stack.append(ICSComponent(name: property.value.uppercased().trimmingCharacters(in: .whitespaces), line: number))
            case "END":
                let name = property.value.uppercased().trimmingCharacters(in: .whitespaces)
                guard let index = stack.lastIndex(where: { $0.name == name }) else {
                    warnings.append("line \(number): END:\(name) without BEGIN, ignored")
                    continue
                }
                while stack.count > index + 1 {
                    let open = stack.removeLast()
                    warnings.append("line \(open.line): \(open.name) not closed before END:\(name)")
                    attach(open, to: &stack, roots: &roots)
                }
                attach(stack.removeLast(), to: &stack, roots: &roots)
            default:
                if stack.isEmpty {
                    warnings.append("line \(number): \(property.name) outside any component, ignored")
                } else {
                    stack[stack.count - 1].properties.append(property)
                }
            }
        }
        if let outer = stack.first { unclosed = "line \(outer.line): \(outer.name)" }
        while let open = stack.popLast() {
            warnings.append("line \(open.line): \(open.name) not closed at the end of the file (truncated?)")
            attach(open, to: &stack, roots: &roots)
        }
        return roots
    }

    private static func attach(_ c: ICSComponent, to stack: inout [ICSComponent], roots: inout [ICSComponent]) {
        if stack.isEmpty { roots.append(c) } else { stack[stack.count - 1].components.append(c) }
    }

    /// UTF-8 as the RFC requires, without its BOM; UTF-16 transcoded to UTF-8.
    private static func stripBOM(_ input: [UInt8]) -> [UInt8] {
        if FormatSniffer.utf16Endianness(input) != nil { return Array(FormatSniffer.headTextAll(input).utf8) }
        return input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
    }

    /// Logical lines with the physical line number they start on: CRLF or LF ends a line; a
    /// line starting with a space or tab continues the previous one (that one character removed).
    static func unfold(_ b: [UInt8]) -> [([UInt8], Int)] {
        var lines: [([UInt8], Int)] = []
        var current: [UInt8] = []
        var start = 1
        var physical = 1
        var i = 0
        var atLineStart = true
        while i < b.count {
            let c = b[i]
            if atLineStart && (c == 0x20 || c == 0x09) && physical > 1 {
                // Continuation: drop the one white-space character.
                atLineStart = false
                i += 1
                continue
            }
            if atLineStart && physical > 1 {
                lines.append((current, start))
                current = []
                start = physical
            }
            atLineStart = false
            if c == 0x0D || c == 0x0A {
                if c == 0x0D, i + 1 < b.count, b[i + 1] == 0x0A { i += 1 }
                physical += 1
                atLineStart = true
            } else {
                current.append(c)
            }
            i += 1
        }
        if !current.isEmpty { lines.append((current, start)) }
        return lines
    }

    /// `NAME;P1=a,"b:c";P2=d:value` → property; nil when there is no name or no colon.
    static func parseLine(_ text: String, number: Int) -> ICSProperty? {
        let chars = Array(text.unicodeScalars)
        var i = 0
        var name = ""
        while i < chars.count, chars[i] != ";" && chars[i] != ":" { name.unicodeScalars.append(chars[i]); i += 1 }
        name = name.trimmingCharacters(in: .whitespaces).uppercased()
        guard !name.isEmpty, i < chars.count, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "-" || ("0"..."9").contains($0) }) else { return nil }
        var parameters: [String: [String]] = [:]
        while i < chars.count, chars[i] == ";" {
            i += 1
            var key = ""
            while i < chars.count, chars[i] != "=" && chars[i] != ":" && chars[i] != ";" { key.unicodeScalars.append(chars[i]); i += 1 }
            var values: [String] = []
            if i < chars.count, chars[i] == "=" {
                i += 1
                var value = ""
                var quoted = false
                while i < chars.count {
                    let c = chars[i]
                    if c == "\"" { quoted.toggle(); i += 1; continue }
                    if !quoted && (c == ":" || c == ";") { break }
                    if !quoted && c == "," { values.append(value); value = ""; i += 1; continue }
                    value.unicodeScalars.append(c)
                    i += 1
                }
                values.append(value)
            }
            parameters[key.uppercased().trimmingCharacters(in: .whitespaces), default: []] += values
        }
        guard i < chars.count, chars[i] == ":" else { return nil }
        var value = String.UnicodeScalarView()
        value.append(contentsOf: chars[(i + 1)...])
        return ICSProperty(name: name, parameters: parameters, value: String(value), line: number)
    }
}
