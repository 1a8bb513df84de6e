// Errors and diagnostics of the markup layer. Plain values: they cross threads freely.

/// One message from libxml2 about the document: where it is and what it says.
///
/// Recover mode keeps going past most faults; each fault it stepped over becomes one of these,
/// so a caller can report "line 12, column 4: Opening and ending tag mismatch" next to what was
/// still read.
public struct MarkupDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious libxml2 judged the fault.
    public enum Level: String, Sendable, Hashable {
        case warning, error, fatal
    }

    public var level: Level
    /// 1-based line, or 0 when libxml2 did not know it.
    public var line: Int
    /// 1-based column, or 0 when libxml2 did not know it.
    public var column: Int
    /// libxml2's message, trimmed.
    public var message: String

    public init(level: Level, line: Int, column: Int, message: String) {
        self.level = level
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "line \(line), column \(column): \(message)" : message
    }
}

/// A document or an expression that could not be read at all.
///
/// A struct around a private code so that new kinds can be added without breaking callers.
public struct MarkupError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case empty
        case unreadable
        case invalidXPath
        case xpathFailed
    }

    private let code: Code
    /// What went wrong, in words a person understands.
    public let message: String
    /// The diagnostics gathered before giving up, if any.
    public let diagnostics: [MarkupDiagnostic]

    private init(_ code: Code, _ message: String, diagnostics: [MarkupDiagnostic] = []) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
    }

    /// The input had no bytes, or only white space.
    public static func empty() -> MarkupError { MarkupError(.empty, "the document is empty") }
    static func unreadable(_ why: String, diagnostics: [MarkupDiagnostic]) -> MarkupError {
        MarkupError(.unreadable, why, diagnostics: diagnostics)
    }
    static func invalidXPath(_ expression: String, _ why: String) -> MarkupError {
        MarkupError(.invalidXPath, "invalid XPath \(expression.debugDescription): \(why)")
    }
    static func xpathFailed(_ expression: String, _ why: String) -> MarkupError {
        MarkupError(.xpathFailed, "XPath \(expression.debugDescription) failed: \(why)")
    }

    public static let emptyDocument = MarkupError.empty()
    public var isEmptyDocument: Bool { code == .empty }
    public var isInvalidXPath: Bool { code == .invalidXPath }

    public var description: String {
        if let first = diagnostics.first(where: { $0.level == .fatal }) ?? diagnostics.first {
            return "\(message) (\(first))"
        }
        return message
    }
}
