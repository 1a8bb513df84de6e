// The PostgreSQL store: a connection pool (PostgresNIO's PostgresClient, run in a task of its
// own), transactions, error messages that name the server's reason, and opening/closing. The
// ProgrammeStore and WorkQueue conformances are in PostgresStore+Programme/+Work.swift; the
// schema in PostgresMigrations.swift.

import Foundation
public import LabfeedCore
import LabfeedProgramme
import Logging
import NIOSSL
import PostgresNIO

/// A ``ProgrammeStore`` and ``WorkQueue`` in a PostgreSQL database, shared by several workers.
///
/// Behaves as ``SQLiteStore`` does (same ``StoreTransitions``, same tables, times in
/// `timestamptz`), plus what several processes need: claims with `FOR UPDATE SKIP LOCKED`, the
/// merge lock as a session advisory lock (`pg_try_advisory_lock`), which the server frees when
/// the worker's connection dies. Open with ``open(_:password:migrate:)``; ``close()`` when done.
public final class PostgresStore: Sendable {
    /// Where the store is (without its password).
    public let location: PostgresLocation
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger = Logger(label: "labfeed.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(location: PostgresLocation, client: PostgresClient) {
        self.location = location
        self.client = client
        self.runner = Task { await client.run() }
    }

    /// Connects, creates the schema if missing and (unless `migrate` is false) applies the
    /// pending migrations under an advisory lock, so workers starting together migrate once.
    /// With `migrate` false nothing is applied: ``migrationStatus()`` says what is pending.
    /// - Parameter password: from ``PostgresLocation/resolvePassword(environment:)``.
    /// - Throws: ``StoreError`` naming the server, with PostgreSQL's reason (refused connection,
    ///   failed authentication, missing database, a schema newer than this labfeed).
    public static func open(_ location: PostgresLocation, password: String?, migrate: Bool = true) async throws -> PostgresStore {
        let tls = try clientTLS(location.tls)
        try await probe(location, password: password, tls: tls)
        var config = PostgresClient.Configuration(host: location.host, port: location.port, username: location.user,
                                                  password: password, database: location.database, tls: tls)
        config.options.maximumConnections = location.poolSize
        config.options.connectTimeout = .seconds(10)
        config.options.additionalStartupParameters = [("search_path", location.schema), ("application_name", "labfeed")]
        let store = PostgresStore(location: location, client: PostgresClient(configuration: config))
        do {
            try await store.prepare(migrate: migrate)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Closes the connections (the server then frees this process's advisory locks).
    public func close() async {
        runner.cancel()
        await runner.value
    }

    // MARK: Connecting

    static func clientTLS(_ mode: PostgresLocation.TLSMode) throws -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    /// One direct connection first: a refused connection or a failed login is reported at once
    /// with the server's reason (the pool would retry quietly for a minute).
    static func probe(_ location: PostgresLocation, password: String?, tls: PostgresClient.Configuration.TLS) async throws {
        let connectionTLS: PostgresConnection.Configuration.TLS
        do {
            switch location.tls {
            case .disable: connectionTLS = .disable
            case .prefer: connectionTLS = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: connectionTLS = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StoreError(message: "cannot set up TLS for \(location): \(error)")
        }
        var config = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                      password: password, database: location.database, tls: connectionTLS)
        config.options.connectTimeout = .seconds(10)
        let logger = Logger(label: "labfeed.postgres.probe", factory: { _ in SwiftLogNoOpLogHandler() })
        do {
            let connection = try await PostgresConnection.connect(configuration: config, id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw StoreError(message: "cannot connect to PostgreSQL at \(location): \(describe(error))")
        }
    }

    func prepare(migrate: Bool) async throws {
        let schema = location.schema
        let exists = try await run { c in
            try await c.query("SELECT 1 FROM pg_namespace WHERE nspname = \(schema)", logger: logger).collect().isEmpty == false
        }
        if !exists {
            // `CREATE SCHEMA IF NOT EXISTS` is not safe against itself: two workers starting
            // together can both pass the test and one fails on pg_namespace's unique index. The
            // migration lock (per database, so it needs no schema) puts them one after the other.
            try await transaction { c in
                _ = try await c.query("SELECT pg_advisory_xact_lock(\(LockClass.migrate.rawValue), \(self.lockObject))", logger: self.logger).collect()
                _ = try await c.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: self.logger).collect()
            }
        }
        let status = try await migrationStatus()  // throws for a schema newer than this labfeed
        if migrate && !status.pending.isEmpty { try await self.migrate() }
    }

    // MARK: Running queries

    /// Runs `body` on one connection of the pool, turning PostgresNIO's errors into ``StoreError``.
    func run<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch let error as PSQLError {
            throw StoreError(message: "PostgreSQL at \(location): \(Self.describe(error))")
        } catch let error as PostgresDecodingError {
            throw StoreError(message: "PostgreSQL at \(location): a column cannot be read: \(error)")
        }
        // Other errors (the caller's own, StoreError) pass through unchanged.
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
    /// - Parameter begin: `BEGIN`, or `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY` for a
    ///   consistent read of several tables.
    func transaction<T: Sendable>(_ begin: String = "BEGIN", _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await run { c in
            _ = try await c.query(PostgresQuery(unsafeSQL: begin), logger: logger).collect()
            do {
                let value = try await body(c)
                _ = try await c.query("COMMIT", logger: logger).collect()
                return value
            } catch {
                _ = try? await c.query("ROLLBACK", logger: logger).collect()
                throw error
            }
        }
    }

    /// PostgreSQL's own words for an error (PostgresNIO's description hides them).
    static func describe(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let info = psql.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            if let state = info[.sqlState] { text += " [SQLSTATE \(state)]" }
            return text
        }
        if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
        return "\(psql.code)"
    }

    // MARK: Keys

    /// Advisory lock keys: a class per purpose, the object a hash of the schema, so two
    /// programmes in two schemas of one database never block each other.
    enum LockClass: Int32 {
        case merge = 0x6C66_6D67  // "lfmg"
        case migrate = 0x6C66_6D69  // "lfmi"
        /// Taken per host (object: hashtext(schema, host)) for the transaction of a capped claim.
        case host = 0x6C66_686F  // "lfho"
    }

    var lockObject: Int32 { Self.lockObject(schema: location.schema) }

    /// The advisory lock object of `schema`: its FNV-1a hash.
    static func lockObject(schema: String) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in schema.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }
}

/// Text PostgreSQL accepts: it refuses the NUL character in `text`, which SQLite keeps. A NUL in
/// an error message, a validator or an item key is stored as U+FFFD.
func pgText(_ s: String) -> String {
    s.contains("\u{0}") ? s.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : s
}

func pgText(_ s: String?) -> String? { s.map { pgText($0) } }
