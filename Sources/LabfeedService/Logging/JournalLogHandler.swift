// A swift-log handler for a service: one line per message on standard error; under journald
// (`$JOURNAL_STREAM` set) a `<N>` priority prefix and no timestamp, else a UTC timestamp.

public import Foundation
import Glibc
public import Logging

/// Writes log lines journald understands.
///
/// Under systemd (`JOURNAL_STREAM` set) a line reads `<6>labfeed: synced 3 sources source=x`:
/// journald takes the `<N>` prefix as the priority (sd-daemon(3)) and adds its own timestamp.
/// Elsewhere it reads `2022-11-04T09:00:00Z info labfeed: synced 3 sources source=x`.
/// Each line is one `write(2)`, so lines from several tasks never interleave.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// Prefix priorities instead of timestamps.
    public let journal: Bool
    private let label: String
    private let output: @Sendable (String) -> Void

    /// - Parameters:
    ///   - journal: nil decides from `$JOURNAL_STREAM`.
    ///   - output: where lines go (standard error by default; tests collect them).
    public init(label: String, level: Logger.Level = .info, journal: Bool? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                output: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.logLevel = level
        self.journal = journal ?? (environment["JOURNAL_STREAM"].map { !$0.isEmpty } ?? false)
        self.output = output ?? Self.standardError
    }

    /// A logger with this handler: loggers are made once and passed in, never bootstrapped
    /// globally (the tests make many).
    public static func logger(label: String = "labfeed", level: Logger.Level = .info, journal: Bool? = nil,
                              output: (@Sendable (String) -> Void)? = nil) -> Logger {
        Logger(label: label) { label in JournalLogHandler(label: label, level: level, journal: journal, output: output) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        output(line(level: event.level, message: event.message.description, metadata: all, date: Date()))
    }

    /// One formatted line, without the newline.
    public func line(level: Logger.Level, message: String, metadata: Logger.Metadata, date: Date) -> String {
        var text = message.replacingOccurrences(of: "\n", with: "\n  ")
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value.description))" }
            text += " " + pairs.joined(separator: " ")
        }
        if journal { return "<\(Self.priority(level))>\(label): \(text)" }
        return "\(Self.timestamp(date)) \(level.rawValue) \(label): \(text)"
    }

    /// The syslog priority of a level (sd-daemon(3)): debug 7 … critical 2.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) ? "\"\(value.replacingOccurrences(of: "\"", with: "\\\""))\"" : value
    }

    static func timestamp(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    @Sendable static func standardError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }
}
