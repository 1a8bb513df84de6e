// What changed between two configurations, for a reload: sources added, removed, changed (and
// of those, moved to another URL), settings changed.

public import LabfeedCore

/// The difference between the running configuration and a new one.
public struct ConfigDiff: Sendable, Hashable {
    public var added: [String]
    public var removed: [String]
    /// Sources whose entry differs (positions in the file aside).
    public var changed: [String]
    /// Changed sources whose URL differs: their state (validators, body hash) is reset.
    public var relocated: [String]
    public var settingsChanged: Bool

    public init(old: LabfeedConfig, new: LabfeedConfig) {
        let before = Dictionary(old.sources.map { ($0.id, Self.comparable($0)) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.sources.map { ($0.id, Self.comparable($0)) }, uniquingKeysWith: { a, _ in a })
        added = new.sources.map(\.id).filter { before[$0] == nil }
        removed = old.sources.map(\.id).filter { after[$0] == nil }
        changed = new.sources.map(\.id).filter { id in before[id].map { $0 != after[id] } ?? false }
        relocated = changed.filter { before[$0]?.url != after[$0]?.url }
        settingsChanged = old.settings != new.settings
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && !settingsChanged }

    /// "1 added (x), 1 removed (y), 2 changed (z, w)", or "no change".
    public var summary: String {
        var parts: [String] = []
        for (label, ids) in [("added", added), ("removed", removed), ("changed", changed)] where !ids.isEmpty {
            parts.append("\(ids.count) \(label) (\(ids.joined(separator: ", ")))")
        }
        if settingsChanged { parts.append("settings changed") }
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }

    /// The source without where it was written, so moving lines in the file changes nothing.
    static func comparable(_ source: SourceConfig) -> SourceConfig {
        var s = source
        s.position = nil
        if var rules = s.extract {
            rules.item.position = nil
            for path in [\ExtractRules.title, \.start, \.end, \.location, \.link, \.description] {
                rules[keyPath: path]?.position = nil
            }
            s.extract = rules
        }
        return s
    }
}
