// HTTPHeaders: the header fields of one response, in order, looked up case-insensitively,
// with the few parsed views labfeed needs (media type and charset, max-age).

/// One header field as received (name case preserved, value trimmed).
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The header fields of a response, in the order received.
public struct HTTPHeaders: Sendable, Hashable, Sequence {
    public private(set) var fields: [HTTPHeader] = []

    public init(_ fields: [HTTPHeader] = []) {
        self.fields = fields
    }

    public mutating func append(name: String, value: String) {
        fields.append(HTTPHeader(name: name, value: value))
    }

    /// Adds `more` to the last field's value after a space (an obs-fold continuation line).
    mutating func continueLastValue(_ more: String) {
        guard !fields.isEmpty else { return }
        fields[fields.count - 1].value += " " + more
    }

    /// The first value of `name` (case-insensitive).
    public subscript(name: String) -> String? {
        fields.first { HTTPHeaders.sameName($0.name, name) }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { HTTPHeaders.sameName($0.name, name) }.map(\.value)
    }

    /// Field names compared without regard to ASCII case, without building lower-cased copies
    /// (names are tokens: ASCII by RFC 9110).
    static func sameName(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        return a.utf8.elementsEqual(b.utf8) { lower($0) == lower($1) }
    }

    public func makeIterator() -> IndexingIterator<[HTTPHeader]> { fields.makeIterator() }

    /// `Content-Type` split into the media type and the charset, both lower-cased.
    public var contentType: (mediaType: String, charset: String?)? {
        guard let raw = self["Content-Type"] else { return nil }
        var parts = raw.split(separator: ";").map { $0.trimmingWhitespace() }
        guard let media = parts.first, !media.isEmpty else { return nil }
        parts.removeFirst()
        var charset: String?
        for parameter in parts {
            guard let eq = parameter.firstIndex(of: "=") else { continue }
            let name = parameter[..<eq].trimmingWhitespace().lowercased()
            guard name == "charset" else { continue }
            var value = parameter[parameter.index(after: eq)...].trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if !value.isEmpty { charset = value.lowercased() }
        }
        return (media.lowercased(), charset)
    }

    /// `max-age` of `Cache-Control`, if given as a whole number of seconds.
    public var cacheMaxAge: Duration? {
        for value in values("Cache-Control") {
            for directive in value.split(separator: ",") {
                let d = directive.trimmingWhitespace().lowercased()
                guard d.hasPrefix("max-age=") else { continue }
                var number = String(d.dropFirst("max-age=".count))
                if number.hasPrefix("\""), number.hasSuffix("\""), number.count >= 2 {
                    number = String(number.dropFirst().dropLast())
                }
                if let seconds = Int64(number), seconds >= 0 { return .seconds(seconds) }
            }
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    func trimmingWhitespace() -> String {
        // "\r\n" is one Character, caught by isNewline.
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
