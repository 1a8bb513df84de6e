// `settings: store:` — where the state lives: one SQLite file (the default) or a PostgreSQL
// database shared by several workers. Parsing only: opening a store is LabfeedPostgres's
// `StoreFactory`. A password is never written in the configuration: the URL names an
// environment variable or a file that holds it.

public import Foundation

/// Where labfeed keeps its state (`settings.store`).
public enum StoreSetting: Sendable, Hashable, CustomStringConvertible {
    /// One SQLite file at this absolute path (`sqlite:PATH`, or `settings.state`).
    case sqlite(path: String)
    /// A PostgreSQL database (`postgres://user@host:port/db?password_env=VAR`).
    case postgres(PostgresLocation)

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }

    /// Reads the text of `store:`.
    /// - Parameter resolve: makes a relative path absolute (against the configuration's folder).
    /// - Returns: the setting, or the message of the problem (shown with the key's position).
    public static func parse(_ text: String, resolve: (String) -> String) -> Result<StoreSetting, StoreSettingError> {
        let lower = text.lowercased()
        if lower.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }  // sqlite:///var/lib/x.sqlite
            guard !path.isEmpty else {
                return .failure(StoreSettingError("`sqlite:` needs a path, such as sqlite:/var/lib/labfeed/state.sqlite"))
            }
            return .success(.sqlite(path: resolve(path)))
        }
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            return PostgresLocation.parse(text, resolve: resolve).map(StoreSetting.postgres)
        }
        return .failure(StoreSettingError(
            "unknown store `\(text)`: write sqlite:PATH or postgres://USER@HOST:PORT/DATABASE?password_env=VARIABLE"))
    }
}

/// A problem with `store:` (the loader adds where it is).
public struct StoreSettingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A PostgreSQL database as `store:` names it, without its password.
///
/// URL form: `postgres://USER@HOST[:PORT]/DATABASE[?PARAMETERS]` (or `postgresql://`), parameters:
/// - `password_env=VARIABLE`: the password is in this environment variable;
/// - `password_file=PATH`: the password is the first line of this file (relative to feeds.yml);
/// - `schema=NAME`: the tables live in this schema (default `public`), created if missing;
/// - `sslmode=disable|prefer|require` (default `prefer`): TLS, certificates checked against the
///   system's roots when used;
/// - `pool=N`: at most N connections per process (default 8).
///
/// A password written in the URL (`user:secret@host`) is refused: configuration files are read by
/// many and kept in version control.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// TLS use.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable, prefer, require
    }

    /// Where the password comes from (none: the server trusts the user, or peer authentication).
    public enum PasswordSource: Sendable, Hashable {
        case none
        case environment(String)
        case file(String)
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var schema: String
    public var password: PasswordSource
    public var tls: TLSMode
    public var poolSize: Int

    public init(host: String, port: Int = 5432, user: String, database: String, schema: String = "public",
                password: PasswordSource = .none, tls: TLSMode = .prefer, poolSize: Int = 8) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.schema = schema
        self.password = password
        self.tls = tls
        self.poolSize = poolSize
    }

    /// The URL without any secret, for messages and `labfeed migrate`.
    public var description: String {
        var text = "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        var parameters: [String] = []
        if schema != "public" { parameters.append("schema=\(schema)") }
        switch password {
        case .none: break
        case .environment(let name): parameters.append("password_env=\(name)")
        case .file(let path): parameters.append("password_file=\(path)")
        }
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// Reads a `postgres://` URL (see the type's documentation).
    public static func parse(_ text: String, resolve: (String) -> String = { $0 }) -> Result<PostgresLocation, StoreSettingError> {
        func fail(_ message: String) -> Result<PostgresLocation, StoreSettingError> { .failure(StoreSettingError(message)) }
        guard let parts = URLComponents(string: text), let scheme = parts.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            return fail("`\(text)` is not a postgres:// URL")
        }
        if parts.password != nil {
            return fail("a password written in the URL is refused: put it in an environment variable (?password_env=VARIABLE) or a file (?password_file=PATH)")
        }
        guard let user = parts.user, !user.isEmpty else {
            return fail("the URL names no user: write postgres://USER@HOST/DATABASE")
        }
        guard let host = parts.host, !host.isEmpty else {
            return fail("the URL names no host: write postgres://USER@HOST/DATABASE")
        }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            return fail("the URL names no database: write postgres://USER@HOST:PORT/DATABASE")
        }
        var location = PostgresLocation(host: host.trimmingCharacters(in: ["[", "]"]), port: parts.port ?? 5432,
                                        user: user, database: database)
        guard (1...65_535).contains(location.port) else { return fail("port \(location.port) is out of range") }
        var seen: Set<String> = []
        for item in parts.queryItems ?? [] {
            let value = item.value ?? ""
            guard seen.insert(item.name).inserted else { return fail("`\(item.name)` is given twice") }
            switch item.name {
            case "password_env":
                guard isEnvironmentName(value) else {
                    return fail("password_env needs a variable name (letters, digits, _), found `\(value)`")
                }
                guard case .none = location.password else { return fail("give password_env or password_file, not both") }
                location.password = .environment(value)
            case "password_file":
                guard !value.isEmpty else { return fail("password_file needs a path") }
                guard case .none = location.password else { return fail("give password_env or password_file, not both") }
                location.password = .file(resolve(value))
            case "password":
                return fail("a password written in the URL is refused: put it in an environment variable (?password_env=VARIABLE) or a file (?password_file=PATH)")
            case "schema":
                guard isIdentifier(value) else {
                    return fail("schema must be a plain name (lower-case letters, digits, _, at most 50), found `\(value)`")
                }
                location.schema = value
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    return fail("sslmode must be disable, prefer or require, found `\(value)`")
                }
                location.tls = mode
            case "pool":
                guard let n = Int(value), (2...100).contains(n) else {
                    return fail("pool must be a number of connections from 2 to 100, found `\(value)`")
                }
                location.poolSize = n
            default:
                let known = ["password_env", "password_file", "schema", "sslmode", "pool"]
                let hint = nearestKey(to: item.name, in: known).map { " (did you mean `\($0)`?)" } ?? ""
                return fail("unknown URL parameter `\(item.name)`\(hint); known: \(known.joined(separator: ", "))")
            }
        }
        return .success(location)
    }

    /// Reads the password from where the URL says.
    /// - Throws: ``StoreSettingError`` naming the variable or the file.
    public func resolvePassword(environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreSettingError) -> String? {
        switch password {
        case .none:
            return nil
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw StoreSettingError("the PostgreSQL password variable \(name) is not set (store: \(description))")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw StoreSettingError("cannot read the PostgreSQL password file \(path)")
            }
            let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !line.isEmpty else { throw StoreSettingError("the PostgreSQL password file \(path) is empty") }
            return line
        }
    }

    static func isEnvironmentName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A schema name used unquoted in SQL: `[a-z_][a-z0-9_]*`, at most 50 characters.
    public static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !("0"..."9").contains(first), s.count <= 50 else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
