// Reads feeds.yml into a LabfeedConfig, collecting every problem with its position.

import Foundation
internal import Yams

/// Loads and validates feeds.yml.
///
/// Strict: unknown keys, wrong types, bad values and duplicate ids are all errors, each located
/// at `file:line:column` with the key path, all reported together. Relative paths (output,
/// state, local sources) resolve against the directory of the config file.
public enum ConfigLoader {
    /// Checks a selector; returns nil when it is fine, else the reason. Supplied by callers that
    /// can compile selectors (the core has no XPath engine).
    public typealias SelectorCheck = @Sendable (Selector) -> String?

    /// Reads the file at `path`.
    public static func load(path: String, checkSelector: SelectorCheck? = nil) throws(ConfigError) -> LabfeedConfig {
        let url = URL(fileURLWithPath: path)
        let text: String
        do {
            let data = try Data(contentsOf: url)
            guard let s = String(data: data, encoding: .utf8) else {
                let bytes = [UInt8](data)
                guard let bad = InvalidUTF8.first(in: bytes) else {
                    throw ConfigError(problems: [ConfigProblem(position: ConfigPosition(file: path, line: 1, column: 1), key: "", message: "the file is not valid UTF-8")])
                }
                throw ConfigError(problems: [ConfigProblem(position: ConfigPosition(file: path, line: bad.line, column: bad.column), key: "",
                                                           message: bad.message, snippet: ConfigProblem.snippet(bad.text, column: bad.column))])
            }
            text = s
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(problems: [ConfigProblem(position: ConfigPosition(file: path, line: 0, column: 0), key: "", message: "cannot read the file: \((error as NSError).localizedDescription)")])
        }
        return try parse(text, file: path, directory: url.deletingLastPathComponent().path, checkSelector: checkSelector)
    }

    /// Reads YAML text.
    /// - Parameters:
    ///   - file: the name shown in errors.
    ///   - directory: what relative paths resolve against.
    public static func parse(_ text: String, file: String, directory: String, checkSelector: SelectorCheck? = nil) throws(ConfigError) -> LabfeedConfig {
        try parse(text, file: file, directory: directory, checkSelector: checkSelector, sourcesByMapping: false)
    }

    /// ``parse(_:file:directory:checkSelector:)`` checking each source's keys the way it did
    /// before its one pass (``mapping(_:_:)``'s `Set`, then the unknown keys): the reference
    /// `ConfigSourcePassTests` compares the two with.
    static func parse(_ text: String, file: String, directory: String, checkSelector: SelectorCheck? = nil,
                      sourcesByMapping: Bool) throws(ConfigError) -> LabfeedConfig {
        var reader = Reader(text: text, file: file, directory: directory, checkSelector: checkSelector)
        reader.sourcesByMapping = sourcesByMapping
        let config = reader.read()
        if !reader.problems.isEmpty {
            throw ConfigError(problems: reader.problems.sorted { ($0.position.line, $0.position.column) < ($1.position.line, $1.position.column) })
        }
        return config
    }

    static let topKeys = ["settings", "sources"]
    static let settingsKeys = ["output", "state", "user_agent", "contact", "concurrency", "per_host", "connect_timeout",
                               "timeout", "interval", "max_body", "timezone", "keep_past", "allow_private_networks",
                               "retries", "recurrence_window", "low_speed_limit", "low_speed_time", "store", "ca_file"]
    static let sourceKeys = ["id", "name", "url", "kind", "interval", "organizer", "region", "language", "tags",
                             "location", "enabled", "extract", "discover", "robots", "timezone"]
    static let idSlot = sourceKeys.firstIndex(of: "id")!
    static let urlSlot = sourceKeys.firstIndex(of: "url")!
    static let locationKeys = ["name", "address", "locality", "postal_code", "region", "country", "latitude", "longitude"]
    static let extractKeys = ["item", "title", "start", "end", "location", "link", "description"]
}

extension ConfigProblem {
    /// The snippet of a problem at `column` of the line `content` (its `\r` dropped): the line,
    /// then a caret under the column, each indented by two spaces.
    static func snippet(_ content: some StringProtocol, column: Int) -> String {
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return "  \(String(content).replacingOccurrences(of: "\r", with: ""))\n  \(caret)"
    }
}

/// One pass over the YAML tree.
private struct Reader {
    let text: String
    let file: String
    let directory: String
    let checkSelector: ConfigLoader.SelectorCheck?
    var problems: [ConfigProblem] = []
    /// Read sources with ``readSourceByMapping(_:path:)``, the reference of ``readSource(_:path:)``.
    var sourcesByMapping = false
    /// The file's lines, for the snippets of problems: split only when there is one. At `\r\n`
    /// too, which Swift counts as one character (a file saved on Windows was one line here).
    lazy var lines: [Substring] = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }

    init(text: String, file: String, directory: String, checkSelector: ConfigLoader.SelectorCheck?) {
        self.text = text
        self.file = file
        self.directory = directory
        self.checkSelector = checkSelector
    }

    // MARK: Problems

    func position(_ node: Node?) -> ConfigPosition {
        let mark = node?.mark
        return ConfigPosition(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    mutating func snippet(line: Int, column: Int) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        return ConfigProblem.snippet(lines[line - 1], column: column)
    }

    mutating func problem(_ node: Node?, _ key: String, _ message: String, suggestion: String? = nil) {
        let p = position(node)
        problems.append(ConfigProblem(position: p, key: key, message: message, suggestion: suggestion,
                                      snippet: snippet(line: p.line, column: p.column)))
    }

    // MARK: Tree

    mutating func read() -> LabfeedConfig {
        var config = LabfeedConfig(file: file)
        config.settings.output = resolve(config.settings.output)
        let root: Node?
        do {
            // The basic resolver: every scalar is read as text here (the reader converts and
            // checks each value itself), so the default resolver's regular expressions, run
            // on every scalar when Yams hashes mapping keys for its duplicate check, were
            // wasted: a third of loading a 600-source file. Duplicate keys are found the same
            // (equal text gives equal tags under either resolver).
            // The reader reads nodes and never asks Yams to construct values: an empty
            // constructor (the default one builds its tables of closures on every call), and
            // UTF-8 said (the default asks the environment).
            root = try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            yamlProblem(error)
            return config
        } catch {
            problem(nil, "", "cannot read the YAML: \(error)")
            return config
        }
        guard let root else {
            problem(nil, "", "the file is empty: it needs a `sources:` list")
            return config
        }
        guard let top = mapping(root, "") else { return config }
        for (k, v) in top {
            let key = k.scalar?.string ?? ""
            switch key {
            case "settings": readSettings(v, into: &config.settings)
            case "sources": config.sources = readSources(v, settings: config.settings)
            default: unknownKey(k, key, path: "", valid: ConfigLoader.topKeys)
            }
        }
        if !top.contains(where: { $0.0.scalar?.string == "sources" }) {
            problem(root, "sources", "missing required key `sources` (a list of sources)")
        }
        return config
    }

    mutating func yamlProblem(_ error: YamlError) {
        let described = "\(error)"
        let message = described.split(separator: "\n").last.map(String.init) ?? described
        switch error {
        case .scanner(let context, let problemText, let mark, _), .parser(let context, let problemText, let mark, _),
             .composer(let context, let problemText, let mark, _):
            problems.append(ConfigProblem(position: ConfigPosition(file: file, line: mark.line, column: mark.column), key: "",
                                          message: "invalid YAML: " + yamlMessage(problemText, context: context, at: mark),
                                          snippet: snippet(line: mark.line, column: mark.column)))
        case .duplicatedKeysInMapping(let keys, let context):
            duplicateKeysProblem(keys, firstAt: context.mark)
        default:
            problem(nil, "", "invalid YAML: \(message)")
        }
    }

    /// libyaml's problem with what it was reading and where that began (`found unexpected end of
    /// stream while scanning a quoted scalar that starts at line 2, column 9`: the quote left
    /// open, not the end of the file where the problem is found), and a word on tabs, which YAML
    /// does not allow for indentation, and on a key's colon written without its space.
    mutating func yamlMessage(_ problemText: String, context: YamlError.Context?, at mark: Mark) -> String {
        var message = problemText
        if let context, !context.text.isEmpty {
            message += " \(context.text)"
            if context.mark.line != mark.line || context.mark.column != mark.column {
                message += " that starts at line \(context.mark.line), column \(context.mark.column)"
            }
        }
        // `url:https://...` is one plain scalar, not a key: YAML wants a space after the colon.
        if let context, context.text.hasSuffix("simple key"), context.mark.line >= 1, context.mark.line <= lines.count,
           let colon = lines[context.mark.line - 1].firstIndex(of: ":"),
           let after = lines[context.mark.line - 1][colon...].dropFirst().first, after != " ", after != "\t" {
            message += " (a key's colon needs a space after it: `key: value`)"
        }
        if mark.line >= 1, mark.line <= lines.count {
            let line = lines[mark.line - 1].unicodeScalars
            if mark.column >= 1, mark.column <= line.count,
               line[line.index(line.startIndex, offsetBy: mark.column - 1)] == "\t" {
                message += " (a tab: YAML is indented with spaces only)"
            }
        }
        return message
    }

    /// Equal keys Yams refused in one mapping (`keys`, sorted, as Yams names them; `first`, the
    /// first occurrence of the first of them): located at the line that repeats the key when it
    /// is a block mapping's, else at the first occurrence. The key path is not known (Yams stops
    /// before the tree exists), so the problem has none.
    mutating func duplicateKeysProblem(_ keys: [String], firstAt first: Mark) {
        let key = keys.first ?? ""
        let others = keys.dropFirst().map { "`\($0)`" }.joined(separator: ", ")
        let also = others.isEmpty ? "" : "; this mapping also repeats \(others)"
        let firstPlace = ConfigPosition(file: file, line: first.line, column: first.column)
        if let (line, column) = DuplicateKeyScan.repeated(key, firstAt: first.line, column: first.column, in: lines) {
            problems.append(ConfigProblem(position: ConfigPosition(file: file, line: line, column: column), key: "",
                                          message: "duplicate key `\(key)` (first used at \(firstPlace))\(also)",
                                          snippet: snippet(line: line, column: column)))
        } else {
            let named = keys.map { $0 == "<uncovertable>" ? "a key that is not text" : "`\($0)`" }.joined(separator: ", ")
            problems.append(ConfigProblem(position: firstPlace, key: "",
                                          message: "duplicate key: this mapping has \(named) more than once",
                                          snippet: snippet(line: first.line, column: first.column)))
        }
    }

    /// The pairs of a mapping, reporting a type error (and duplicate keys) otherwise.
    mutating func mapping(_ node: Node, _ path: String) -> [(Node, Node)]? {
        guard case .mapping(let m) = node else {
            problem(node, path, "expected a mapping (key: value lines), found \(kind(node))")
            return nil
        }
        var seen: Set<String> = []
        var pairs: [(Node, Node)] = []
        for (k, v) in m {
            let key = k.scalar?.string ?? ""
            if !seen.insert(key).inserted {
                problem(k, join(path, key), "duplicate key `\(key)`")
                continue
            }
            pairs.append((k, v))
        }
        return pairs
    }

    func kind(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "an empty value" : "the value `\(s.string)`"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func unknownKey(_ node: Node, _ key: String, path: String, valid: [String]) {
        problem(node, join(path, key), "unknown key `\(key)`", suggestion: nearestKey(to: key, in: valid))
    }

    // MARK: Scalars

    // Each takes the key path as an autoclosure: it is written only for a problem (it was
    // written for every value read).

    mutating func string(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        guard case .scalar(let s) = node else {
            problem(node, path(), "expected text, found \(kind(node))")
            return nil
        }
        return s.string
    }

    mutating func nonEmptyString(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        guard let s = string(node, path()) else { return nil }
        let t = ConfigText.trimmed(s)
        if t.isEmpty {
            problem(node, path(), "must not be empty")
            return nil
        }
        return t
    }

    mutating func bool(_ node: Node, _ path: @autoclosure () -> String) -> Bool? {
        guard let s = string(node, path()) else { return nil }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(node, path(), "expected true or false, found `\(s)`")
            return nil
        }
    }

    mutating func int(_ node: Node, _ path: @autoclosure () -> String, range: ClosedRange<Int>) -> Int? {
        guard let s = string(node, path()) else { return nil }
        guard let n = Int(s) else {
            problem(node, path(), "expected a whole number, found `\(s)`")
            return nil
        }
        guard range.contains(n) else {
            problem(node, path(), "must be between \(range.lowerBound) and \(range.upperBound), found \(n)")
            return nil
        }
        return n
    }

    mutating func duration(_ node: Node, _ path: @autoclosure () -> String, minimum: Duration = .seconds(1)) -> Duration? {
        guard let s = string(node, path()) else { return nil }
        guard let d = DurationText.parse(s) else {
            problem(node, path(), "invalid duration `\(s)`: write a number and a unit, such as 90s, 15m, 2h or 1d")
            return nil
        }
        guard d >= minimum else {
            problem(node, path(), "must be at least \(DurationText.format(minimum)), found `\(s)`")
            return nil
        }
        return d
    }

    mutating func timezone(_ node: Node, _ path: @autoclosure () -> String) -> String? {
        guard let s = nonEmptyString(node, path()) else { return nil }
        guard TimeZone(identifier: s) != nil else {
            let names = TimeZone.knownTimeZoneIdentifiers
            problem(node, path(), "unknown time zone `\(s)`: use an IANA name such as Europe/Paris", suggestion: nearestKey(to: s, in: names))
            return nil
        }
        return s
    }

    func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(expanded).standardizedPath
    }

    // MARK: settings

    mutating func readSettings(_ node: Node, into s: inout Settings) {
        guard let pairs = mapping(node, "settings") else { return }
        for (k, v) in pairs {
            let key = k.scalar?.string ?? ""
            let path = "settings.\(key)"
            switch key {
            case "output": if let x = nonEmptyString(v, path) { s.output = resolve(x) }
            case "state":
                if let x = nonEmptyString(v, path) {
                    if pairs.contains(where: { $0.0.scalar?.string == "store" }) {
                        problem(v, path, "give `store:` or `state:`, not both (store: sqlite:PATH replaces state: PATH)")
                    } else {
                        s.state = resolve(x)
                    }
                }
            case "store":
                if let x = nonEmptyString(v, path) {
                    switch StoreSetting.parse(x, resolve: { resolve($0) }) {
                    case .success(let store):
                        s.store = store
                        if case .sqlite(let file) = store { s.state = file }
                    case .failure(let error): problem(v, path, error.message)
                    }
                }
            case "ca_file":
                if let x = nonEmptyString(v, path) {
                    let file = resolve(x)
                    if FileManager.default.isReadableFile(atPath: file) {
                        s.caFile = file
                    } else {
                        problem(v, path, "cannot read the CA certificates file `\(file)` (PEM, one or more certificates)")
                    }
                }
            case "user_agent": if let x = nonEmptyString(v, path) { s.userAgent = x }
            case "contact":
                if let x = nonEmptyString(v, path) {
                    if x.contains("@") || x.hasPrefix("http://") || x.hasPrefix("https://") {
                        s.contact = x
                    } else {
                        problem(v, path, "expected a URL (https://…) or an e-mail address, found `\(x)`")
                    }
                }
            case "concurrency": if let x = int(v, path, range: 1...256) { s.concurrency = x }
            case "per_host": if let x = int(v, path, range: 1...32) { s.perHost = x }
            case "connect_timeout": if let x = duration(v, path) { s.connectTimeout = x }
            case "timeout": if let x = duration(v, path) { s.timeout = x }
            case "interval": if let x = duration(v, path, minimum: .seconds(60)) { s.interval = x }
            case "max_body":
                if let x = string(v, path) {
                    if let n = ByteSizeText.parse(x), n >= 1024 {
                        s.maxBody = n
                    } else {
                        problem(v, path, "invalid size `\(x)`: write bytes or a unit, such as 10MiB or 512KiB (at least 1KiB)")
                    }
                }
            case "low_speed_limit":
                if let x = string(v, path) {
                    if let n = ByteSizeText.parse(x) {
                        s.lowSpeedLimit = n
                    } else {
                        problem(v, path, "invalid speed `\(x)`: write bytes per second, such as 100 or 1KiB (0 turns the check off)")
                    }
                }
            case "low_speed_time": if let x = duration(v, path, minimum: .seconds(1)) { s.lowSpeedTime = x }
            case "timezone": if let x = timezone(v, path) { s.timezone = x }
            case "keep_past":
                if let x = string(v, path) {
                    if let k = KeepPast.parse(x) {
                        s.keepPast = k
                    } else {
                        problem(v, path, "invalid value `\(x)`: write a duration such as 30d, or `forever`")
                    }
                }
            case "allow_private_networks": if let x = bool(v, path) { s.allowPrivateNetworks = x }
            case "retries": if let x = int(v, path, range: 1...10) { s.retries = x }
            case "recurrence_window": if let x = duration(v, path, minimum: .seconds(86_400)) { s.recurrenceWindow = x }
            default: unknownKey(k, key, path: "settings", valid: ConfigLoader.settingsKeys)
            }
        }
    }

    // MARK: sources

    mutating func readSources(_ node: Node, settings: Settings) -> [SourceConfig] {
        guard case .sequence(let seq) = node else {
            problem(node, "sources", "expected a list of sources (lines starting with `- id:`), found \(kind(node))")
            return []
        }
        var result: [SourceConfig] = []
        var ids: [String: ConfigPosition] = [:]
        for (index, item) in seq.enumerated() {
            guard let source = readSource(item, path: "sources[\(index)]") else { continue }
            if let first = ids[source.id] {
                problem(item["id"] ?? item, "sources[\(index)].id", "duplicate id `\(source.id)` (first used at \(first))")
                continue
            }
            ids[source.id] = source.position
            result.append(source)
        }
        return result
    }

    /// One source: its keys checked and its values read in one pass over the mapping's pairs.
    ///
    /// Each known key's value is kept with its slot (the key's index in `sourceKeys`); a key
    /// met again is a duplicate and any other key unknown, as ``mapping(_:_:)`` and the key
    /// check reported them. Every problem of the keys comes before those of the values, as
    /// before: a missing `id` is located at the mapping, which is where its first key is, and
    /// an empty value where the next key is. (A `Set` of the keys for the duplicates, then a
    /// dictionary of the nodes by key, were half of reading a source.)
    mutating func readSource(_ node: Node, path: String) -> SourceConfig? {
        if sourcesByMapping { return readSourceByMapping(node, path: path) }
        guard case .mapping(let m) = node else {
            problem(node, path, "expected a mapping (key: value lines), found \(kind(node))")
            return nil
        }
        var values: [(slot: Int, value: Node)] = []
        values.reserveCapacity(m.count)
        var taken: UInt32 = 0  // bit `slot` set once the key of that slot is met (15 keys)
        var unknown: [String] = []
        for i in m.indices {
            let (k, v) = m[i]
            let key = k.scalar?.string ?? ""
            if let slot = ConfigLoader.sourceKeys.firstIndex(of: key) {
                if taken & (1 << slot) == 0 {
                    taken |= 1 << slot
                    values.append((slot, v))
                    continue
                }
            } else if !unknown.contains(key) {
                unknown.append(key)
                unknownKey(k, key, path: path, valid: ConfigLoader.sourceKeys)
                continue
            }
            problem(k, join(path, key), "duplicate key `\(key)`")
        }
        return readSource(node, path: path, values: values)
    }

    /// ``readSource(_:path:)`` as it was: duplicates found by ``mapping(_:_:)`` (a `Set`), then
    /// the unknown keys (the reference of `ConfigSourcePassTests`). The known keys' values were
    /// then kept in a dictionary and read in its order: they are read in the pairs' order now,
    /// which gives the same problems once sorted by position (two values at one position, an
    /// alias's, came in no set order).
    mutating func readSourceByMapping(_ node: Node, path: String) -> SourceConfig? {
        guard let pairs = mapping(node, path) else { return nil }
        var values: [(slot: Int, value: Node)] = []
        for (k, v) in pairs {
            let key = k.scalar?.string ?? ""
            if let slot = ConfigLoader.sourceKeys.firstIndex(of: key) {
                values.append((slot, v))
            } else {
                unknownKey(k, key, path: path, valid: ConfigLoader.sourceKeys)
            }
        }
        return readSource(node, path: path, values: values)
    }

    /// A source from the values of its known keys (`slot`: the key's index in `sourceKeys`, each
    /// key once), in the pairs' order: `id` and `url` first, then the others.
    mutating func readSource(_ node: Node, path: String, values: [(slot: Int, value: Node)]) -> SourceConfig? {
        var ok = true
        var id: String?
        if let v = values.first(where: { $0.slot == ConfigLoader.idSlot })?.value {
            if let s = nonEmptyString(v, "\(path).id") {
                if ConfigText.isSlug(s) {
                    id = s
                } else {
                    problem(v, "\(path).id", "invalid id `\(s)`: use lower-case letters, digits, `-` and `_` (a slug, at most 64 characters)")
                }
            }
        } else {
            problem(node, "\(path).id", "missing required key `id`")
        }
        var location: SourceLocation?
        if let v = values.first(where: { $0.slot == ConfigLoader.urlSlot })?.value {
            if let s = nonEmptyString(v, "\(path).url") { location = sourceLocation(s, node: v, path: "\(path).url") }
        } else {
            problem(node, "\(path).url", "missing required key `url`")
        }
        // Keep checking the other keys of a source whose id or url is wrong: all problems at once.
        if id == nil || location == nil { ok = false }
        var source = SourceConfig(id: id ?? "", url: location ?? .file("/"))
        source.position = position(node)
        for (slot, v) in values {
            let key = ConfigLoader.sourceKeys[slot]
            func p() -> String { "\(path).\(key)" }
            switch key {
            case "id", "url": break
            case "name": source.name = nonEmptyString(v, p())
            case "kind":
                if let s = string(v, p()) {
                    if let k = SourceKind(rawValue: s.lowercased()) {
                        source.kind = k
                    } else {
                        problem(v, p(), "unknown kind `\(s)`: one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", "))",
                                suggestion: nearestKey(to: s, in: SourceKind.allCases.map(\.rawValue)))
                    }
                }
            case "interval": source.interval = duration(v, p(), minimum: .seconds(60))
            case "organizer": source.organizer = nonEmptyString(v, p())
            case "region": source.region = nonEmptyString(v, p())
            case "language":
                if let s = nonEmptyString(v, p()) {
                    if ConfigText.isLanguageTag(s) {
                        source.language = s
                    } else {
                        problem(v, p(), "invalid language `\(s)`: use a BCP 47 tag such as fr or en-GB")
                    }
                }
            case "tags": source.tags = tags(v, p())
            case "location": source.location = readLocation(v, p())
            case "enabled": if let b = bool(v, p()) { source.enabled = b }
            case "discover": if let b = bool(v, p()) { source.discover = b }
            case "robots": if let b = bool(v, p()) { source.robots = b }
            case "timezone": source.timezone = timezone(v, p())
            case "extract": source.extract = readExtract(v, p())
            default: break
            }
        }
        return ok ? source : nil
    }

    mutating func sourceLocation(_ s: String, node: Node, path: @autoclosure () -> String) -> SourceLocation? {
        let lower = s.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let url = URL(string: s), let host = url.host, !host.isEmpty, !ConfigText.containsSpace(s) else {
                problem(node, path(), "invalid URL `\(s)`")
                return nil
            }
            return .web(url)
        }
        if lower.hasPrefix("file://") {
            guard let url = URL(string: s), url.isFileURL else {
                problem(node, path(), "invalid file URL `\(s)`")
                return nil
            }
            return .file(url.path)
        }
        if let colon = s.firstIndex(of: ":"), !s[..<colon].contains("/"),
           s[..<colon].allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }), s[..<colon].count > 1 {
            problem(node, path(), "unsupported scheme `\(s[..<colon])`: use an http or https URL, or a local path")
            return nil
        }
        return .file(resolve(s))
    }

    mutating func tags(_ node: Node, _ path: String) -> [String] {
        switch node {
        case .scalar(let s):
            return s.string.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .sequence(let seq):
            var out: [String] = []
            for (i, item) in seq.enumerated() {
                if let t = nonEmptyString(item, "\(path)[\(i)]") { out.append(t) }
            }
            return out
        default:
            problem(node, path, "expected a list of tags, found \(kind(node))")
            return []
        }
    }

    mutating func readLocation(_ node: Node, _ path: String) -> Location? {
        if case .scalar(let s) = node {
            let t = s.string.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : Location(name: t)
        }
        guard let pairs = mapping(node, path) else { return nil }
        var loc = Location()
        for (k, v) in pairs {
            let key = k.scalar?.string ?? ""
            let p = "\(path).\(key)"
            switch key {
            case "name": loc.name = nonEmptyString(v, p)
            case "address": loc.address = nonEmptyString(v, p)
            case "locality": loc.locality = nonEmptyString(v, p)
            case "postal_code": loc.postalCode = nonEmptyString(v, p)
            case "region": loc.region = nonEmptyString(v, p)
            case "country": loc.country = nonEmptyString(v, p)
            case "latitude", "longitude":
                if let s = string(v, p) {
                    let limit = key == "latitude" ? 90.0 : 180.0
                    if let d = Double(s), abs(d) <= limit {
                        if key == "latitude" { loc.latitude = d } else { loc.longitude = d }
                    } else {
                        problem(v, p, "expected a number between -\(Int(limit)) and \(Int(limit)), found `\(s)`")
                    }
                }
            default: unknownKey(k, key, path: path, valid: ConfigLoader.locationKeys)
            }
        }
        return loc.isEmpty ? nil : loc
    }

    mutating func readExtract(_ node: Node, _ path: String) -> ExtractRules? {
        guard let pairs = mapping(node, path) else { return nil }
        var selectors: [String: Selector] = [:]
        for (k, v) in pairs {
            let key = k.scalar?.string ?? ""
            let p = "\(path).\(key)"
            guard ConfigLoader.extractKeys.contains(key) else {
                unknownKey(k, key, path: path, valid: ConfigLoader.extractKeys)
                continue
            }
            guard let text = nonEmptyString(v, p) else { continue }
            let selector = Selector(parsing: text, position: position(v))
            if selector.expression.isEmpty {
                problem(v, p, "empty \(selector.syntax.rawValue) selector")
                continue
            }
            if let check = checkSelector, let why = check(selector) {
                problem(v, p, "invalid \(selector.syntax == .xpath ? "XPath" : "CSS") selector `\(selector.expression)`: \(why)")
                continue
            }
            selectors[key] = selector
        }
        guard let item = selectors["item"] else {
            if pairs.contains(where: { $0.0.scalar?.string == "item" }) { return nil }
            problem(node, "\(path).item", "missing required key `item` (the selector of one event in the page)")
            return nil
        }
        var rules = ExtractRules(item: item)
        rules.title = selectors["title"]
        rules.start = selectors["start"]
        rules.end = selectors["end"]
        rules.location = selectors["location"]
        rules.link = selectors["link"]
        rules.description = selectors["description"]
        return rules
    }
}

extension String {
    var standardizedPath: String { (self as NSString).standardizingPath }
}
