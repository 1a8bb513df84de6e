// The configuration of labfeed, as read from feeds.yml: settings and sources.

public import Foundation

/// A whole configuration: settings plus sources, with paths already resolved.
public struct LabfeedConfig: Sendable {
    public var settings: Settings
    public var sources: [SourceConfig]
    /// The file it was read from, if any.
    public var file: String?

    public init(settings: Settings = Settings(), sources: [SourceConfig] = [], file: String? = nil) {
        self.settings = settings
        self.sources = sources
        self.file = file
    }

    /// The source with this id.
    public func source(_ id: String) -> SourceConfig? {
        sources.first { $0.id == id }
    }
}

/// `settings:` in feeds.yml. Every field has a default; paths are absolute once loaded.
public struct Settings: Sendable, Hashable {
    /// Where the outputs are written (`Output` next to the config by default).
    public var output: String = "Output"
    /// The state database; nil means the default place (see ``defaultStatePath(environment:)``).
    public var state: String?
    /// `store:`: where the state lives; nil means SQLite at ``statePath(environment:)``.
    public var store: StoreSetting?
    /// The product token of the User-Agent (`labfeed/VERSION` by default).
    public var userAgent: String?
    /// A URL or e-mail address sent in the User-Agent so site owners can reach the operator.
    public var contact: String?
    /// At most this many transfers at once.
    public var concurrency: Int = 16
    /// At most this many transfers to one host at once.
    public var perHost: Int = 2
    public var connectTimeout: Duration = .seconds(10)
    /// The whole transfer, redirects included.
    public var timeout: Duration = .seconds(30)
    /// How often a source is fetched unless it says otherwise.
    public var interval: Duration = .seconds(3600)
    /// The largest body accepted, compressed or not.
    public var maxBody: Int = 10 * 1024 * 1024
    /// A transfer slower than this many bytes per second for `lowSpeedTime` is cut off (0: never).
    public var lowSpeedLimit: Int = 100
    /// How long a transfer may stay under `lowSpeedLimit`.
    public var lowSpeedTime: Duration = .seconds(20)
    /// The zone of local times without an offset, and of the outputs.
    public var timezone: String = "Europe/Paris"
    /// How long past events stay in the programme.
    public var keepPast: KeepPast = .duration(.seconds(30 * 86_400))
    /// `ca_file:`: PEM certificates trusted for https instead of the system's roots (an
    /// organisation's own authority for intranet sources); nil: the system's roots.
    public var caFile: String?
    /// Let redirects lead from public addresses to private ones (off: refused).
    public var allowPrivateNetworks: Bool = false
    /// How many attempts for a transient failure (connection, 5xx, 408, 429).
    public var retries: Int = 3
    /// How far ahead recurring events are expanded.
    public var recurrenceWindow: Duration = .seconds(365 * 86_400)

    public init() {}

    /// The zone as a Foundation value (validated when loading).
    public var timeZone: TimeZone { TimeZone(identifier: timezone) ?? TimeZone(identifier: "Europe/Paris")! }

    /// The state path in force: `state:` if set, else `$STATE_DIRECTORY/state.sqlite` under systemd,
    /// else `$XDG_STATE_HOME/labfeed/state.sqlite`, else `~/.local/state/labfeed/state.sqlite`.
    public func statePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state { return state }
        return Settings.defaultStatePath(environment: environment)
    }

    /// The store in force: `store:` if set, else SQLite at ``statePath(environment:)``.
    public func storeSetting(environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreSetting {
        store ?? .sqlite(path: statePath(environment: environment))
    }

    public static func defaultStatePath(environment: [String: String]) -> String {
        if let dir = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !dir.isEmpty {
            return "\(dir)/state.sqlite"
        }
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return "\(xdg)/labfeed/state.sqlite"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/state/labfeed/state.sqlite"
    }
}

/// Where a source lives.
public enum SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// An http or https URL.
    case web(URL)
    /// A file on this machine (absolute path).
    case file(String)

    public var description: String {
        switch self {
        case .web(let url): url.absoluteString
        case .file(let path): path
        }
    }

    /// The host name for web sources.
    public var host: String? {
        if case .web(let url) = self { return url.host?.lowercased() }
        return nil
    }
}

/// What a source is, when the user says so (`auto` detects it from the content).
public enum SourceKind: String, Sendable, Hashable, CaseIterable {
    case auto, rss, atom, jsonfeed, ics, html
}

/// One entry of `sources:`.
public struct SourceConfig: Sendable, Hashable, Identifiable {
    /// A unique slug: lower-case letters, digits, `-` and `_`.
    public var id: String
    public var name: String?
    public var url: SourceLocation
    public var kind: SourceKind = .auto
    /// nil: the settings' interval.
    public var interval: Duration?
    /// The organiser given to events that name none.
    public var organizer: String?
    /// The region given to events (for the programme's filters).
    public var region: String?
    /// The language of the source, when pages do not say.
    public var language: String?
    public var tags: [String] = []
    /// The place given to events that name none.
    public var location: Location?
    public var enabled: Bool = true
    /// Per-source selectors for pages without structured data.
    public var extract: ExtractRules?
    /// Follow `<link rel="alternate">` feeds and calendars found on the page.
    public var discover: Bool = false
    /// Obey robots.txt (turn off only for your own sites).
    public var robots: Bool = true
    /// The zone of this source's local times, when it differs from the settings'.
    public var timezone: String?
    /// Where in feeds.yml the source was declared.
    public var position: ConfigPosition?

    public init(id: String, url: SourceLocation) {
        self.id = id
        self.url = url
    }

    /// The interval in force for this source.
    public func interval(default settings: Settings) -> Duration { interval ?? settings.interval }
}

/// The `extract:` block: an item selector and field selectors (XPath 1.0 or CSS).
public struct ExtractRules: Sendable, Hashable {
    public var item: Selector
    public var title: Selector?
    public var start: Selector?
    public var end: Selector?
    public var location: Selector?
    public var link: Selector?
    public var description: Selector?

    public init(item: Selector) {
        self.item = item
    }

    /// The field selectors by key, item first.
    public var all: [(key: String, selector: Selector)] {
        var out: [(String, Selector)] = [("item", item)]
        for (k, s) in [("title", title), ("start", start), ("end", end), ("location", location), ("link", link), ("description", description)] {
            if let s { out.append((k, s)) }
        }
        return out
    }
}

/// A selector as written, with its syntax.
///
/// Written `xpath:EXPR` or `css:SELECTOR` to be explicit; otherwise an expression that starts
/// with `/`, `./`, `(` or an XPath function is XPath, and anything else is CSS.
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    public enum Syntax: String, Sendable, Hashable { case xpath, css }

    public var expression: String
    public var syntax: Syntax
    public var position: ConfigPosition?

    public init(expression: String, syntax: Syntax, position: ConfigPosition? = nil) {
        self.expression = expression
        self.syntax = syntax
        self.position = position
    }

    /// Reads a selector as written in feeds.yml.
    public init(parsing text: String, position: ConfigPosition? = nil) {
        let t = text.trimmingCharacters(in: .whitespaces)
        self.position = position
        if t.hasPrefix("xpath:") {
            expression = String(t.dropFirst(6)).trimmingCharacters(in: .whitespaces)
            syntax = .xpath
        } else if t.hasPrefix("css:") {
            expression = String(t.dropFirst(4)).trimmingCharacters(in: .whitespaces)
            syntax = .css
        } else {
            expression = t
            let xpathStarts = ["/", "./", "(", "..", "@", "string(", "normalize-space(", "concat(", "substring"]
            syntax = xpathStarts.contains(where: t.hasPrefix) ? .xpath : .css
        }
    }

    public var description: String { "\(syntax.rawValue):\(expression)" }
}

/// A place in a config file: `feeds.yml:12:5`.
public struct ConfigPosition: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
